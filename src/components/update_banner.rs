//! 新版本可用: a newer build of the app is on the tablet and waiting. The banner offers
//! a big 重新载入 button and appears only on screens where nothing is being typed
//! (the caller says which), so a reload never throws away a form; the app never
//! reloads on its own.

use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::i18n::{Lang, T};
use crate::offline::Worker;

/// How often a tablet left open asks for a newer build.
const CHECK_EVERY_MS: u32 = 30 * 60 * 1000;

#[derive(Properties, PartialEq)]
pub struct UpdateBannerProps {
    /// Whether this screen may offer the reload (nothing is being edited on it).
    pub show: bool,
    pub lang: Lang,
}

#[function_component(UpdateBanner)]
pub fn update_banner(props: &UpdateBannerProps) -> Html {
    let worker = use_state(|| None::<Rc<Worker>>);
    let waiting = use_state(|| false);
    {
        let (worker, waiting) = (worker.clone(), waiting.clone());
        use_effect_with((), move |_| {
            let found = std::rc::Rc::new(std::cell::RefCell::new(None::<Rc<Worker>>));
            {
                let found = found.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let on_waiting = move || waiting.set(true);
                    if let Some(w) = Worker::register(on_waiting).await {
                        let w = Rc::new(w);
                        *found.borrow_mut() = Some(w.clone());
                        worker.set(Some(w));
                    }
                });
            }
            let timer = Interval::new(CHECK_EVERY_MS, move || {
                if let Some(w) = &*found.borrow() {
                    w.check_for_update();
                }
            });
            move || drop(timer)
        });
    }
    let (Some(w), true, true) = ((*worker).clone(), *waiting, props.show) else { return html! {} };
    let reload = Callback::from(move |_: MouseEvent| w.apply_update());
    let l = props.lang;
    html! {
        <aside class="update-banner" role="status" aria-live="polite">
            <div class="update-text">
                <p class="update-title">{ T::UpdateReady.get(l) }</p>
                <p>{ T::UpdateReadyHint.get(l) }</p>
            </div>
            <button class="btn big primary" onclick={reload}>{ T::UpdateReload.get(l) }</button>
        </aside>
    }
}
