//! First run, done by the store manager: the store's and this tablet's names (which
//! become the ids stamped on every record), then the manager's name and PIN — one
//! group of questions per screen. Nothing is saved until the last step; then the
//! settings and the manager are saved together. A tablet an older version set up
//! without a manager shows only the manager's step, before anything else.

use yew::prelude::*;

use crate::actions;
use crate::components::text_field::TextField;
use crate::domain::AppSettings;
use crate::hooks::use_submit;
use crate::i18n::{Lang, Msg, T};

#[derive(Properties, PartialEq)]
pub struct SetupProps {
    pub setup: actions::settings::Setup,
    pub lang: Lang,
    pub set_lang: Callback<Lang>,
    /// Settings an older version saved without a manager; `None` on a new tablet.
    #[prop_or_default]
    pub settings: Option<AppSettings>,
    pub on_done: Callback<AppSettings>,
}

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Names,
    Manager,
}

#[function_component(Setup)]
pub fn setup(props: &SetupProps) -> Html {
    let fresh = props.settings.is_none();
    let step = use_state(|| if fresh { Step::Names } else { Step::Manager });
    let store = use_state(String::new);
    let device = use_state(String::new);
    let manager = use_state(String::new);
    let pin = use_state(String::new);
    let again = use_state(String::new);
    let submit = use_submit();
    let l = props.lang;

    let on_names = {
        let (store, device, submit, step, setup) = (store.clone(), device.clone(), submit.clone(), step.clone(), props.setup.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match setup.check_names(&store, &device) {
                Ok(()) => {
                    submit.set_problems(Vec::new());
                    step.set(Step::Manager);
                }
                Err(problems) => submit.set_problems(problems),
            }
        })
    };
    let on_manager = {
        let (store, device, manager, pin, again, submit) = (store.clone(), device.clone(), manager.clone(), pin.clone(), again.clone(), submit.clone());
        let (setup, on_done, settings) = (props.setup.clone(), props.on_done.clone(), props.settings.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (setup, on_done, settings) = (setup.clone(), on_done.clone(), settings.clone());
            let typed = ((*store).clone(), (*device).clone(), (*manager).clone(), (*pin).clone(), (*again).clone());
            let (pin, again) = (pin.clone(), again.clone());
            submit.run(
                async move {
                    let (store, device, name, p, a) = typed;
                    let saved = setup.run(settings.as_ref(), (&store, &device), (&name, &p, &a)).await;
                    if let Err(problems) = &saved {
                        // A refused PIN is typed again, not kept on screen.
                        if problems.iter().any(|(f, _)| *f == "pin" || *f == "form") {
                            pin.set(String::new());
                            again.set(String::new());
                        }
                    }
                    saved
                },
                move |settings| on_done.emit(settings),
            );
        })
    };
    let back = {
        let (step, submit) = (step.clone(), submit.clone());
        Callback::from(move |_: MouseEvent| {
            submit.set_problems(Vec::new());
            step.set(Step::Names);
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let switch = {
        let set_lang = props.set_lang.clone();
        Callback::from(move |_| set_lang.emit(l.other()))
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let step_of = |n: u32| html! { <p class="setup-step">{ Msg::new(T::SetupStep).arg(n).arg(2).get(l) }</p> };
    let form_error = match error_of("form") {
        Some(e) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        None => html! {},
    };

    let body = match *step {
        Step::Names => html! {
            <form class="setup narrow" onsubmit={on_names} novalidate=true>
                <h1>{ T::SetupTitle.get(l) }</h1>
                { step_of(1) }
                <p class="lead">{ T::SetupIntro.get(l) }</p>
                <TextField id="store-name" label={T::StoreName.get(l)} value={(*store).clone()} oninput={set(&store)}
                    lang={l} required=true hint={AttrValue::Static(T::StoreNameHint.get(l))} error={error_of("store_name")} />
                <TextField id="device-name" label={T::DeviceName.get(l)} value={(*device).clone()} oninput={set(&device)}
                    lang={l} required=true hint={AttrValue::Static(T::DeviceNameHint.get(l))} error={error_of("device_name")} />
                <div class="actions">
                    <button class="btn primary big" type="submit">{ T::Next.get(l) }</button>
                </div>
            </form>
        },
        Step::Manager => html! {
            <form class="setup narrow" onsubmit={on_manager} novalidate=true>
                if fresh {
                    <h1>{ T::SetupTitle.get(l) }</h1>
                    { step_of(2) }
                    <h2>{ T::SetupManagerTitle.get(l) }</h2>
                } else {
                    <h1>{ T::SetupManagerTitle.get(l) }</h1>
                    <p class="lead">{ T::SetupManagerOldTablet.get(l) }</p>
                }
                <p class="lead">{ T::SetupManagerIntro.get(l) }</p>
                <TextField id="manager-name" label={T::ManagerName.get(l)} value={(*manager).clone()} oninput={set(&manager)}
                    lang={l} required=true error={error_of("name")} />
                <TextField id="manager-pin" label={T::Pin.get(l)} value={(*pin).clone()} oninput={set(&pin)} lang={l} required=true
                    input_type="password" inputmode="numeric" autocomplete="new-password" hint={AttrValue::Static(T::PinHint.get(l))} error={error_of("pin")} />
                <TextField id="manager-pin-again" label={T::PinAgain.get(l)} value={(*again).clone()} oninput={set(&again)} lang={l} required=true
                    input_type="password" inputmode="numeric" autocomplete="new-password" />
                { form_error }
                <div class="actions">
                    if fresh { <button class="btn big" type="button" onclick={back}>{ T::Prev.get(l) }</button> }
                    <button class="btn primary big" type="submit" disabled={submit.busy()}>
                        { if submit.busy() { T::Saving.get(l) } else { T::SetupDone.get(l) } }
                    </button>
                </div>
            </form>
        },
    };
    html! {
        <>
            <header class="top-bar">
                <span class="brand">{ T::AppName.get(l) }</span>
                <button class="btn lang-switch" lang={l.other().tag()} title={T::SwitchLanguageHint.get(l)} onclick={switch}>
                    { T::SwitchLanguage.get(l) }
                </button>
            </header>
            <main class="page">{ body }</main>
        </>
    }
}
