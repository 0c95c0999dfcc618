use yew::prelude::*;

use crate::components::text_field::TextField;
use crate::domain::{new_id, AppSettings};
use crate::i18n::{Lang, Msg, T};
use crate::storage::Db;

#[derive(Properties, PartialEq)]
pub struct SetupProps {
    pub db: Db,
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
    let errors = use_state(Vec::<(&'static str, Msg)>::new);
    let saving = use_state(|| false);
    let l = props.lang;

    let onsubmit = {
        let (store, device, errors, saving) = (store.clone(), device.clone(), errors.clone(), saving.clone());
        let (db, on_done) = (props.db.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let suffix: String = new_id().chars().take(8).collect();
            match AppSettings::from_setup(&store, &device, &suffix) {
                Err(problems) => errors.set(problems),
                Ok(settings) => {
                    errors.set(Vec::new());
                    saving.set(true);
                    let (db, on_done, errors, saving) = (db.clone(), on_done.clone(), errors.clone(), saving.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match db.save_settings(&settings).await {
                            Ok(()) => on_done.emit(settings),
                            Err(e) => {
                                saving.set(false);
                                errors.set(vec![("form", e.message())]);
                            }
                        }
                    });
                }
            }
        })
    };
    let error_of = |field: &str| errors.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
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
                    <button class="btn primary big" type="submit" disabled={*saving}>
                        { if *saving { T::Saving.get(l) } else { T::SetupDone.get(l) } }
                    </button>
                </form>
            </main>
        </>
    }
}
