//! 修改我的密码: the signed-in staff member changes their own PIN — the current one
//! first (checked like a sign-in, so it counts towards their wrong-PIN wait), then
//! the new one twice.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::actions::lockout::Guarded;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::hooks::use_submit;
use crate::i18n::{Msg, T};
use crate::route::Route;

#[function_component(OwnPin)]
pub fn own_pin() -> Html {
    let ctx = use_app();
    let old = use_state(String::new);
    let new = use_state(String::new);
    let again = use_state(String::new);
    let submit = use_submit();
    let done = use_state(|| false);
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, old, new, again, submit, done) = (ctx.clone(), old.clone(), new.clone(), again.clone(), submit.clone(), done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            done.set(false);
            let (ctx, typed) = (ctx.clone(), ((*old).clone(), (*new).clone(), (*again).clone()));
            let (old, new, again, done) = (old.clone(), new.clone(), again.clone(), done.clone());
            submit.run(
                async move {
                    let outcome = actions::staff::change_own_pin(&ctx, &typed.0, &typed.1, &typed.2).await;
                    // PINs are never left on screen after a try.
                    old.set(String::new());
                    new.set(String::new());
                    again.set(String::new());
                    match outcome? {
                        Guarded::Passed(()) => Ok(()),
                        Guarded::Wrong { tries_left } => Err(vec![("old", Msg::new(T::PinWrongTriesLeft).arg(tries_left))]),
                        Guarded::Wait { ms } => Err(vec![("old", Msg::new(T::PinWaitSeconds).arg((ms + 999) / 1000))]),
                    }
                },
                move |()| done.set(true),
            );
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <form class="own-pin narrow" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::ChangeMyPin) }</h1>
            <p class="lead">{ ctx.t(T::ChangeMyPinIntro) }</p>
            <TextField id="old-pin" label={ctx.t(T::OldPin)} value={(*old).clone()} oninput={set(&old)} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="current-password" error={error_of("old")} />
            <TextField id="own-new-pin" label={ctx.t(T::NewPin)} value={(*new).clone()} oninput={set(&new)} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="new-password" hint={AttrValue::Static(ctx.t(T::PinHint))} error={error_of("pin")} />
            <TextField id="own-new-pin-again" label={ctx.t(T::NewPinAgain)} value={(*again).clone()} oninput={set(&again)} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="new-password" />
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            if *done { <p class="status done" role="status">{ "✓ " }{ ctx.t(T::PinChanged) }</p> }
            <div class="actions">
                <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToStaffHome) }</Link<Route>>
                <button class="btn primary big" type="submit" disabled={submit.busy()}>
                    { ctx.t(if submit.busy() { T::Saving } else { T::ChangePin }) }
                </button>
            </div>
        </form>
    }
}
