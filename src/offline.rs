//! The service worker, from the app's side: register `/sw.js` (written into each build
//! by scripts/finish_build.py), notice when a newer build has been installed and is
//! waiting, and hand over to it when the user asks (the 新版本可用 banner).
//!
//! The worker itself only caches the built app; it never sees customer data.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The worker's address: at the root, so that it serves every route of the app.
const WORKER_URL: &str = "/sw.js";

thread_local! {
    static ENABLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Turns the worker on for this page: the real app does (main.rs); tests, which
/// mount the app in the test runner's page, do not.
pub fn enable() {
    ENABLED.with(|e| e.set(true));
}

pub fn enabled() -> bool {
    ENABLED.with(|e| e.get())
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Missing on insecure origins (plain http other than localhost) and old browsers.
    let value = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    (!value.is_undefined()).then(|| value.unchecked_into())
}

/// This page's registration of the app's worker.
#[derive(Clone, PartialEq)]
pub struct Worker {
    registration: ServiceWorkerRegistration,
}

impl Worker {
    /// Registers the worker and calls `on_waiting` whenever a newer build is installed
    /// and waiting to take over. `None` where service workers are unavailable (the app
    /// then simply needs the network to start).
    pub async fn register(on_waiting: impl Fn() + Clone + 'static) -> Option<Worker> {
        let container = container()?;
        let registration: ServiceWorkerRegistration =
            JsFuture::from(container.register(WORKER_URL)).await.ok()?.unchecked_into();
        // A page that is already controlled has an older build running: a worker
        // installed now is an update. (The very first install is not.)
        let is_update = move || container.controller().is_some();
        if registration.waiting().is_some() && is_update() {
            on_waiting();
        }
        let reg = registration.clone();
        EventListener::new(&registration, "updatefound", move |_| {
            let Some(installing) = reg.installing() else { return };
            let (worker, on_waiting, is_update) = (installing.clone(), on_waiting.clone(), is_update.clone());
            EventListener::new(&installing, "statechange", move |_| {
                if worker.state() == ServiceWorkerState::Installed && is_update() {
                    on_waiting();
                }
            })
            .forget();
        })
        .forget();
        Some(Worker { registration })
    }

    /// Asks the server whether there is a newer build (the browser also asks on each
    /// page load; a tablet that stays open for days needs this too).
    pub fn check_for_update(&self) {
        if let Ok(promise) = self.registration.update() {
            wasm_bindgen_futures::spawn_local(async move {
                // Offline, the check fails; the next one will do.
                let _ = JsFuture::from(promise).await;
            });
        }
    }

    /// Lets the waiting build take over, then reloads the page into it.
    pub fn apply_update(&self) {
        let reload = || {
            let _ = gloo::utils::window().location().reload();
        };
        let (Some(waiting), Some(container)) = (self.registration.waiting(), container()) else {
            return reload();
        };
        EventListener::once(&container, "controllerchange", move |_| reload()).forget();
        skip_waiting(&waiting);
    }
}

fn skip_waiting(worker: &ServiceWorker) {
    // The message web/sw.js listens for.
    let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
}
