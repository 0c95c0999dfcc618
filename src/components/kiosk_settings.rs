//! The settings screen's kiosk part (the manager's): kiosk mode on, off with the
//! manager's PIN again, the closing hours when the screen may sleep, and the guide to
//! locking the tablet in its own system.

use yew::prelude::*;

use crate::actions;
use crate::actions::lockout::Guarded;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::kiosk::{parse_sleep, time_field, KioskSettings};
use crate::i18n::{Msg, T};

#[function_component(KioskSettingsSection)]
pub fn kiosk_settings_section() -> Html {
    let ctx = use_app();
    let l = ctx.lang;
    let kiosk = ctx.settings.kiosk.clone();
    let leaving = use_state_eq(|| false);
    let pin = use_state(String::new);
    let message = use_state(|| None::<String>);
    let (from, until) = kiosk.sleep.map_or((String::new(), String::new()), |(f, u)| (time_field(f), time_field(u)));
    let sleep_from = use_state(|| from);
    let sleep_until = use_state(|| until);
    let sleep_error = use_state(|| None::<Msg>);

    let turn_on = {
        let (ctx, message) = (ctx.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let (ctx, message) = (ctx.clone(), message.clone());
            let kiosk = KioskSettings { on: true, ..ctx.settings.kiosk.clone() };
            wasm_bindgen_futures::spawn_local(async move {
                message.set(actions::settings::set_kiosk(&ctx, kiosk).await.err().map(|e| e.get(ctx.lang).to_string()));
            });
        })
    };
    let ask_pin = {
        let (leaving, message) = (leaving.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            message.set(None);
            leaving.set(true)
        })
    };
    let cancel = {
        let (leaving, pin) = (leaving.clone(), pin.clone());
        Callback::from(move |_: MouseEvent| {
            pin.set(String::new());
            leaving.set(false)
        })
    };
    let leave = {
        let (ctx, pin, leaving, message) = (ctx.clone(), pin.clone(), leaving.clone(), message.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, pin, leaving, message) = (ctx.clone(), pin.clone(), leaving.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let said = actions::settings::leave_kiosk(&ctx, &pin).await;
                pin.set(String::new());
                let l = ctx.lang;
                match said {
                    Ok(Guarded::Passed(())) => {
                        leaving.set(false);
                        message.set(None);
                    }
                    Ok(Guarded::Wrong { tries_left }) => message.set(Some(Msg::new(T::PinWrongTriesLeft).arg(tries_left).get(l))),
                    Ok(Guarded::Wait { ms }) => message.set(Some(Msg::new(T::PinWaitSeconds).arg((ms + 999) / 1000).get(l))),
                    Err(e) => message.set(Some(e.get(l).to_string())),
                }
            });
        })
    };
    let save_sleep = {
        let (ctx, sleep_from, sleep_until, sleep_error, message) = (ctx.clone(), sleep_from.clone(), sleep_until.clone(), sleep_error.clone(), message.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_sleep(&sleep_from, &sleep_until) {
                Err(err) => sleep_error.set(Some(err)),
                Ok(sleep) => {
                    sleep_error.set(None);
                    let (ctx, message) = (ctx.clone(), message.clone());
                    let kiosk = KioskSettings { sleep, ..ctx.settings.kiosk.clone() };
                    wasm_bindgen_futures::spawn_local(async move {
                        let said = actions::settings::set_kiosk(&ctx, kiosk).await;
                        message.set(Some(said.map_or_else(|e| e.get(ctx.lang).to_string(), |()| ctx.t(T::Saved).to_string())));
                    });
                }
            }
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };

    html! {
        <section class="kiosk-settings" aria-labelledby="kiosk-title">
            <h2 id="kiosk-title">{ ctx.t(T::KioskTitle) }</h2>
            <p class="hint">{ ctx.t(T::KioskHint) }</p>
            <p class="kiosk-state"><strong>{ ctx.t(if kiosk.on { T::KioskIsOn } else { T::KioskIsOff }) }</strong></p>
            if !kiosk.on {
                <button class="btn big primary" onclick={turn_on}>{ ctx.t(T::KioskTurnOn) }</button>
            } else if !*leaving {
                <button class="btn big" onclick={ask_pin}>{ ctx.t(T::KioskTurnOff) }</button>
            } else {
                <form class="kiosk-leave" onsubmit={leave} novalidate=true>
                    <TextField id="kiosk-pin" label={ctx.t(T::KioskLeavePin)} value={(*pin).clone()} oninput={set(&pin)} lang={l}
                        required=true input_type="password" inputmode="numeric" autocomplete="off" hint={AttrValue::Static(ctx.t(T::KioskLeaveHint))} />
                    <div class="actions">
                        <button type="button" class="btn big" onclick={cancel}>{ ctx.t(T::Cancel) }</button>
                        <button type="submit" class="btn big primary">{ ctx.t(T::KioskLeaveConfirm) }</button>
                    </div>
                </form>
            }
            if let Some(text) = &*message { <p class="status" role="status">{ text.clone() }</p> }
            <form class="kiosk-sleep" onsubmit={save_sleep} novalidate=true>
                <h3>{ ctx.t(T::KioskSleepTitle) }</h3>
                <p class="hint">{ ctx.t(T::KioskSleepHint) }</p>
                <TextField id="kiosk-sleep-from" label={ctx.t(T::KioskSleepFrom)} value={(*sleep_from).clone()} oninput={set(&sleep_from)} lang={l} input_type="time" />
                <TextField id="kiosk-sleep-until" label={ctx.t(T::KioskSleepUntil)} value={(*sleep_until).clone()} oninput={set(&sleep_until)} lang={l} input_type="time"
                    error={(*sleep_error).clone()} />
                <button type="submit" class="btn">{ ctx.t(T::KioskSleepSave) }</button>
            </form>
            <TabletGuide />
        </section>
    }
}

/// How to lock the tablet in its own system (the README's "Tablet setup" says the same).
#[function_component(TabletGuide)]
pub fn tablet_guide() -> Html {
    let ctx = use_app();
    let part = |title: T, lines: &[T]| {
        html! {
            <>
                <h4>{ ctx.t(title) }</h4>
                <ul>{ for lines.iter().map(|t| html! { <li>{ ctx.t(*t) }</li> }) }</ul>
            </>
        }
    };
    html! {
        <details class="tablet-guide">
            <summary>{ ctx.t(T::GuideTitle) }</summary>
            <p>{ ctx.t(T::GuideIntro) }</p>
            { part(T::GuideInstallTitle, &[T::GuideInstallAndroid, T::GuideInstallIpad]) }
            { part(T::GuideAndroidTitle, &[T::GuideAndroidPin, T::GuideAndroidKiosk]) }
            { part(T::GuideIpadTitle, &[T::GuideIpadSteps]) }
            { part(T::GuideSettingsTitle, &[T::GuideBrightness, T::GuideNotifications, T::GuideCharge]) }
            <p><strong>{ ctx.t(T::GuideLast) }</strong></p>
        </details>
    }
}
