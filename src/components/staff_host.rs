//! The staff side, as the start module sees it: a second wasm module (src/bin/staff.rs,
//! screens::STAFF) loaded the first time 员工 is tapped, mounted beside the start app
//! while a staff screen is open and dropped when the tablet goes back to a customer's
//! screen, with everything it held in memory (the signed-in staff member, the search).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::T;

#[wasm_bindgen(inline_js = r#"
let staff;
export function load_staff() {
  if (!staff) {
    staff = import('/staff.js').then(async (m) => { await m.default(); return m; });
    staff.catch(() => { staff = undefined; });
  }
  return staff;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn load_staff() -> Result<js_sys::Promise, JsValue>;
}

/// The staff module, loaded once (later calls wait for the same load).
async fn staff_module() -> Result<JsValue, JsValue> {
    wasm_bindgen_futures::JsFuture::from(load_staff()?).await
}

/// Has the second module run the data steps a new version brings (the start module
/// does not carry their code), and waits until they are done.
pub async fn run_data_steps(db_name: &str) -> Result<(), JsValue> {
    let m = staff_module().await?;
    let f: js_sys::Function = js_sys::Reflect::get(&m, &"run_data_steps".into())?.dyn_into()?;
    let promise: js_sys::Promise = f.call1(&m, &db_name.into())?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await?;
    Ok(())
}

/// How long after start the background agent is loaded: the home screen first.
const AGENT_AFTER_MS: u32 = 2_000;

#[derive(Properties, PartialEq)]
pub struct AgentLoaderProps {
    pub children: Html,
}

/// The start module's way to the sync agent and the retention rule, which live in the
/// staff module: loaded a moment after the home screen is up (from the service worker's
/// cache once installed) and run there for as long as the page lives, with no screen.
#[function_component(AgentLoader)]
pub fn agent_loader(props: &AgentLoaderProps) -> Html {
    let ctx = use_app();
    use_effect_with((), move |_| {
        let name = ctx.database_name();
        Timeout::new(AGENT_AFTER_MS, move || {
            wasm_bindgen_futures::spawn_local(async move {
                // Offline before the first install, or a failed load: the next start tries again.
                if let Ok(m) = staff_module().await {
                    let _ = call(&m, "run_agent", &[name.into()]);
                }
            })
        })
        .forget();
    });
    props.children.clone()
}

/// Where the staff module draws: a sibling of the start app's root.
const ROOT_ID: &str = "staff-root";

#[derive(Clone, Copy, PartialEq)]
enum State {
    Loading,
    Open,
    Failed,
}

fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<(), JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(module, &name.into())?.dyn_into()?;
    f.apply(module, &args.iter().collect::<js_sys::Array>())?;
    Ok(())
}

#[function_component(StaffHost)]
pub fn staff_host() -> Html {
    let ctx = use_app();
    let state = use_state_eq(|| State::Loading);
    let tries = use_state(|| 0u32);
    let module = use_mut_ref(|| None::<JsValue>);

    {
        let (state, module, ctx) = (state.clone(), module.clone(), ctx.clone());
        use_effect_with(*tries, move |_| {
            state.set(State::Loading);
            let alive = Rc::new(RefCell::new(true));
            {
                let alive = alive.clone();
                let (module, db_name) = (module.clone(), ctx.database_name());
                wasm_bindgen_futures::spawn_local(async move {
                    let loaded = staff_module().await;
                    if !*alive.borrow() {
                        return;
                    }
                    let document = gloo::utils::document();
                    let mounted = loaded.and_then(|m| {
                        let root = match document.get_element_by_id(ROOT_ID) {
                            Some(root) => root,
                            None => {
                                let root = document.create_element("div")?;
                                root.set_id(ROOT_ID);
                                gloo::utils::body().append_child(&root)?;
                                root
                            }
                        };
                        call(&m, "mount", &[root.into(), db_name.into()])?;
                        *module.borrow_mut() = Some(m);
                        Ok(())
                    });
                    state.set(if mounted.is_ok() { State::Open } else { State::Failed });
                });
            }
            move || {
                *alive.borrow_mut() = false;
                // The staff module is dropped after this render is done (not inside it),
                // and what it may have changed (the store's settings) is read again.
                if let Some(m) = module.borrow_mut().take() {
                    Timeout::new(0, move || {
                        let _ = call(&m, "unmount", &[]);
                        if let Some(root) = gloo::utils::document().get_element_by_id(ROOT_ID) {
                            root.remove();
                        }
                    })
                    .forget();
                }
                wasm_bindgen_futures::spawn_local(async move { crate::actions::settings::reload(&ctx).await });
            }
        });
    }

    match *state {
        State::Open => html! {},
        State::Loading => html! { <main class="notice" role="status"><p>{ ctx.t(T::StaffOpening) }</p></main> },
        State::Failed => {
            let retry = {
                let tries = tries.clone();
                Callback::from(move |_| tries.set(*tries + 1))
            };
            html! {
                <main class="notice" role="alert">
                    <p>{ ctx.t(T::StaffNotLoaded) }</p>
                    <button class="btn primary" onclick={retry}>{ ctx.t(T::StaffTryAgain) }</button>
                </main>
            }
        }
    }
}

/// The staff module's side of the hand-back: a customer's screen is the start module's,
/// so it is told (the address already changed) and drops this module.
#[function_component(HandBack)]
pub fn hand_back() -> Html {
    use_effect_with((), |_| {
        Timeout::new(0, || {
            if let Ok(event) = web_sys::PopStateEvent::new("popstate") {
                let _ = gloo::utils::window().dispatch_event(&event);
            }
        })
        .forget();
    });
    html! {}
}
