use yew::prelude::*;

use crate::components::text_field::TextField;
use crate::actions;
use crate::domain::AppSettings;
use crate::hooks::use_submit;
use crate::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct SetupProps {
    pub setup: actions::settings::Setup,
    pub lang: Lang,
    pub set_lang: Callback<Lang>,
    pub on_done: Callback<AppSettings>,
}

/// First run: the store's and this tablet's names, which become the ids stamped on
/// every record.
#[function_component(Setup)]
pub fn setup(props: &SetupProps) -> Html {
    let store = use_state(String::new);
    let device = use_state(String::new);
    let submit = use_submit();
    let l = props.lang;

    let onsubmit = {
        let (store, device, submit) = (store.clone(), device.clone(), submit.clone());
        let (setup, on_done) = (props.setup.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (setup, on_done, store, device) = (setup.clone(), on_done.clone(), (*store).clone(), (*device).clone());
            submit.run(async move { setup.run(&store, &device).await }, move |settings| on_done.emit(settings));
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
    html! {
        <>
            <header class="top-bar">
                <span class="brand">{ T::AppName.get(l) }</span>
                <button class="btn lang-switch" lang={l.other().tag()} aria-label={T::SwitchLanguageHint.get(l)} onclick={switch}>
                    { T::SwitchLanguage.get(l) }
                </button>
            </header>
            <main class="page">
                <form class="setup narrow" {onsubmit} novalidate=true>
                    <h1>{ T::SetupTitle.get(l) }</h1>
                    <p class="lead">{ T::SetupIntro.get(l) }</p>
                    <TextField id="store-name" label={T::StoreName.get(l)} value={(*store).clone()} oninput={set(&store)}
                        lang={l} required=true hint={AttrValue::Static(T::StoreNameHint.get(l))} error={error_of("store_name")} />
                    <TextField id="device-name" label={T::DeviceName.get(l)} value={(*device).clone()} oninput={set(&device)}
                        lang={l} required=true hint={AttrValue::Static(T::DeviceNameHint.get(l))} error={error_of("device_name")} />
                    if let Some(e) = error_of("form") {
                        <p class="error" role="alert">{ e.get(l).to_string() }</p>
                    }
                    <button class="btn primary big" type="submit" disabled={submit.busy()}>
                        { if submit.busy() { T::Saving.get(l) } else { T::SetupDone.get(l) } }
                    </button>
                </form>
            </main>
        </>
    }
}
