//! Brings an unattended tablet back to the home screen, clearing what was on it.
//! Warns first (the warning stays on screen `warning_ms` before the end, ≥ 20 s in
//! the app) with one big button to stay.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::clock::Clock;
use crate::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct IdleGuardProps {
    pub timeout_ms: u32,
    pub warning_ms: u32,
    pub on_timeout: Callback<()>,
    pub lang: Lang,
    /// The app's clock (tests move it on instead of waiting).
    pub clock: Clock,
}

/// Touches, clicks, keys and scrolling count as activity.
const ACTIVITY: [&str; 5] = ["pointerdown", "keydown", "touchstart", "input", "wheel"];
const TICK_MS: u32 = 250;

#[function_component(IdleGuard)]
pub fn idle_guard(props: &IdleGuardProps) -> Html {
    let clock = props.clock.clone();
    let last_activity = use_memo((), move |_| Rc::new(Cell::new(clock.now_ms())));
    // Whole seconds left, while the warning shows.
    let remaining = use_state_eq(|| None::<u32>);

    {
        let last_activity = (*last_activity).clone();
        let remaining = remaining.clone();
        let on_timeout = props.on_timeout.clone();
        let (timeout, warning) = (i64::from(props.timeout_ms), i64::from(props.warning_ms));
        let clock = props.clock.clone();
        use_effect_with((props.timeout_ms, props.warning_ms), move |_| {
            let document = gloo::utils::document();
            let listeners: Vec<EventListener> = ACTIVITY
                .iter()
                .map(|event| {
                    let (last, clock) = (last_activity.clone(), clock.clone());
                    EventListener::new(&document, *event, move |_| last.set(clock.now_ms()))
                })
                .collect();
            // The activity whose idle time already ran out: each stretch of idleness
            // ends the screen once, however soon after a touch the next one begins
            // (a flag cleared by a later tick missed a touch and a timeout within one tick).
            let fired_for = Cell::new(None::<i64>);
            let interval = Interval::new(TICK_MS, move || {
                let last = last_activity.get();
                let left = timeout - (clock.now_ms() - last);
                if left <= 0 {
                    if fired_for.replace(Some(last)) != Some(last) {
                        remaining.set(None);
                        on_timeout.emit(());
                    }
                } else if left <= warning {
                    remaining.set(Some(((left + 999) / 1000) as u32));
                } else {
                    remaining.set(None);
                }
            });
            move || {
                drop(interval);
                drop(listeners);
            }
        });
    }

    let Some(seconds) = *remaining else { return html! {} };
    let stay = {
        let (last_activity, clock) = ((*last_activity).clone(), props.clock.clone());
        let remaining = remaining.clone();
        Callback::from(move |_| {
            last_activity.set(clock.now_ms());
            remaining.set(None);
        })
    };
    let l = props.lang;
    html! {
        <div class="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
            <div class="dialog">
                <h2 id="idle-title">{ T::IdleWarningTitle.get(l) }</h2>
                <p id="idle-body">{ T::IdleWarningBody.get(l) }</p>
                <p class="countdown" aria-live="polite"><strong>{ seconds }</strong>{ " " }{ T::Seconds.get(l) }</p>
                <button class="btn primary big" onclick={stay}>{ T::IdleStay.get(l) }</button>
            </div>
        </div>
    }
}
