//! The kiosk around every screen: the attract screen an idle tablet shows, and, with
//! kiosk mode on (the manager's setting, this tablet's own), full screen from the
//! first tap (again after any tap when it was left), the screen kept awake outside the
//! store's closing hours (asked again whenever the page is shown), and the browser's
//! back staying inside the app.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::Timelike;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::i18n::{Lang, T};
use crate::route::Route;

/// What the screens may ask of the kiosk: the idle timer shows the attract screen.
#[derive(Clone, PartialEq)]
pub struct KioskHandle {
    pub attract: Callback<()>,
}

#[derive(Properties, PartialEq)]
pub struct KioskProps {
    pub children: Html,
}

/// The marker on the history entry under the app (kiosk mode): back from the first
/// screen lands on it and is sent home.
const BOTTOM: &str = "follicle-kiosk-bottom";
/// How often the wake lock is looked at (closing hours begin and end).
const WAKE_CHECK_MS: u32 = 30_000;

thread_local! {
    static BOTTOM_SET: Cell<bool> = const { Cell::new(false) };
}

#[function_component(Kiosk)]
pub fn kiosk(props: &KioskProps) -> Html {
    let ctx = use_app();
    let attracting = use_state_eq(|| false);
    let handle = {
        let attracting = attracting.setter();
        use_memo((), move |_| KioskHandle { attract: Callback::from(move |_| attracting.set(true)) })
    };
    let navigator = use_navigator();
    let kiosk = ctx.settings.kiosk.clone();
    // The staff module (screens.rs) asks for the attract screen through the page.
    {
        let attracting = attracting.setter();
        use_effect_with((), move |_| {
            let heard = crate::page_bus::listen(crate::page_bus::ATTRACT, move |()| attracting.set(true));
            move || drop(heard)
        });
    }

    // Full screen from the first tap (the browser allows it only in a tap), and again
    // after a tap whenever it was left (a swipe, Esc).
    use_effect_with(kiosk.on, |on| {
        let listener = on.then(|| {
            let options = EventListenerOptions::run_in_capture_phase();
            EventListener::new_with_options(&gloo::utils::document(), "click", options, |_| enter_full_screen())
        });
        move || drop(listener)
    });

    // The screen kept awake: asked on start, whenever the page is shown again (the
    // browser lets go of it when hidden), and let go in the closing hours.
    {
        let clock = ctx.clock.clone();
        use_effect_with(kiosk.clone(), move |kiosk| {
            let lock = WakeLock::default();
            let check = {
                let (lock, kiosk) = (lock.clone(), kiosk.clone());
                Rc::new(move || {
                    let now = clock.now_local();
                    let minute = (now.hour() * 60 + now.minute()) as u16;
                    lock.keep(kiosk.keep_awake_at(minute) && page_visible());
                })
            };
            check();
            let on_visibility = {
                let check = check.clone();
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| check())
            };
            let interval = Interval::new(WAKE_CHECK_MS, move || check());
            move || {
                drop(interval);
                drop(on_visibility);
                lock.keep(false);
            }
        });
    }

    // Back stays inside the app: the entry the app started on is marked, and landing
    // on it (back from the first screen) goes home instead of out.
    {
        let browser = navigator.as_ref().is_some_and(|n| n.kind() == yew_router::navigator::NavigatorKind::Browser);
        use_effect_with((kiosk.on && browser, navigator.clone()), |(guard, navigator)| {
            let listener = guard.then(|| {
                mark_bottom();
                let navigator = navigator.clone();
                EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                    if at_bottom() {
                        if let Some(n) = &navigator {
                            n.push(&Route::Home);
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }

    let start = {
        let attracting = attracting.clone();
        Callback::from(move |_: MouseEvent| attracting.set(false))
    };
    html! {
        <ContextProvider<KioskHandle> context={(*handle).clone()}>
            // The screens stay mounted under it (the background sync goes on); the idle
            // timer has already taken them home, so nothing of the last customer is
            // left, and hidden they are out of reach.
            <div class="kiosk-app" hidden={*attracting}>{ props.children.clone() }</div>
            if *attracting {
                <Attract store={ctx.settings.store.store_name.clone()} onstart={start} />
            }
        </ContextProvider<KioskHandle>>
    }
}

/// Asks for full screen unless the page is in it (a refusal is left alone).
fn enter_full_screen() {
    let document = gloo::utils::document();
    let current = js_sys::Reflect::get(&document, &"fullscreenElement".into()).unwrap_or(JsValue::NULL);
    if !current.is_null() && !current.is_undefined() {
        return;
    }
    let Some(root) = document.document_element() else { return };
    if let Some(promise) = call(&root, "requestFullscreen", &JsValue::UNDEFINED) {
        settle(promise);
    }
}

fn page_visible() -> bool {
    js_sys::Reflect::get(&gloo::utils::document(), &"visibilityState".into()).ok().and_then(|v| v.as_string()).is_none_or(|v| v == "visible")
}

/// `target.name(arg)`, if the browser has it.
fn call(target: &JsValue, name: &str, arg: &JsValue) -> Option<JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &name.into()).ok()?.dyn_into().ok()?;
    f.call1(target, arg).ok()
}

/// Lets a promise settle without an unhandled rejection in the console.
fn settle(value: JsValue) {
    if let Ok(promise) = value.dyn_into::<js_sys::Promise>() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// The screen wake lock (`navigator.wakeLock`), held or not.
#[derive(Clone, Default)]
struct WakeLock {
    sentinel: Rc<RefCell<Option<JsValue>>>,
    asking: Rc<Cell<bool>>,
    /// Whether it is wanted now (an answer that comes after it stopped being wanted is let go).
    wanted: Rc<Cell<bool>>,
}

impl WakeLock {
    fn held(&self) -> bool {
        self.sentinel.borrow().as_ref().is_some_and(|s| !js_sys::Reflect::get(s, &"released".into()).ok().and_then(|r| r.as_bool()).unwrap_or(false))
    }

    fn keep(&self, wanted: bool) {
        self.wanted.set(wanted);
        if !wanted {
            if let Some(sentinel) = self.sentinel.borrow_mut().take() {
                if let Some(p) = call(&sentinel, "release", &JsValue::UNDEFINED) {
                    settle(p);
                }
            }
            return;
        }
        if self.held() || self.asking.get() {
            return;
        }
        let navigator = gloo::utils::window().navigator();
        let Some(wake_lock) = js_sys::Reflect::get(&navigator, &"wakeLock".into()).ok().filter(|w| w.is_object()) else { return };
        let Some(Ok(promise)) = call(&wake_lock, "request", &"screen".into()).map(|p| p.dyn_into::<js_sys::Promise>()) else { return };
        self.asking.set(true);
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
            this.asking.set(false);
            if let Ok(sentinel) = answer {
                *this.sentinel.borrow_mut() = Some(sentinel);
                if !this.wanted.get() {
                    this.keep(false);
                }
            }
        });
    }
}

/// Marks the entry the app is on as the bottom and puts a copy of it on top, once a
/// page load.
fn mark_bottom() {
    if BOTTOM_SET.replace(true) {
        return;
    }
    let window = gloo::utils::window();
    let Ok(history) = window.history() else { return };
    let here = window.location().href().ok();
    if history.replace_state(&JsValue::from_str(BOTTOM), "").is_ok() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", here.as_deref());
    }
}

fn at_bottom() -> bool {
    gloo::utils::window().history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_string()).is_some_and(|s| s == BOTTOM)
}

#[derive(Properties, PartialEq)]
struct AttractProps {
    store: String,
    onstart: Callback<MouseEvent>,
}

/// The calm welcome of an idle tablet: the store, 点这里开始 in both languages, the
/// three jobs. Any tap starts (at the home screen).
#[function_component(Attract)]
fn attract(props: &AttractProps) -> Html {
    let button = use_node_ref();
    {
        let button = button.clone();
        use_effect_with((), move |_| {
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let both = |t: T| {
        html! {
            <>
                <span lang="zh-CN">{ t.get(Lang::Zh) }</span>
                <span class="attract-en" lang="en">{ t.get(Lang::En) }</span>
            </>
        }
    };
    html! {
        <main class="attract" onclick={props.onstart.clone()}>
            <p class="attract-welcome">{ both(T::AttractWelcome) }</p>
            <h1 class="attract-store">{ props.store.clone() }</h1>
            <button ref={button} class="btn primary attract-start">
                { both(T::AttractTap) }
            </button>
            <div class="attract-jobs">
                <p>{ both(T::AttractJobs) }</p>
                <ul>
                    <li>{ both(T::Register) }</li>
                    <li>{ both(T::SelfCheck) }</li>
                    <li>{ both(T::Staff) }</li>
                </ul>
            </div>
        </main>
    }
}
