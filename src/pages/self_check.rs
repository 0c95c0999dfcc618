//! 我的头发变化: a customer sees their own progress. They identify themself with the
//! phone number they registered with, then their birth date (one question per
//! screen). A wrong answer says only "does not match" — never whether the number is
//! registered — and wrong answers lock the self-check for a while. Once identified
//! they see exactly one record, theirs; leaving (or the idle timer) forgets it.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::actions::lockout::Guarded;
use crate::components::progress_view::ProgressView;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::self_check::check_phone_input;
use crate::domain::validation::parse_birth_date;
use crate::domain::{Customer};
use crate::i18n::{T, Msg};
use crate::route::Route;

#[derive(Clone, PartialEq)]
enum Step {
    Phone,
    Birth,
    Showing(Rc<Customer>),
}

#[function_component(SelfCheck)]
pub fn self_check() -> Html {
    let ctx = use_app();
    let navigator = use_navigator().expect("inside a router");
    let step = use_state(|| Step::Phone);
    let phone = use_state(String::new);
    let birth = use_state(String::new);
    let message = use_state(|| None::<Msg>);
    let checking = use_state(|| false);
    let l = ctx.lang;

    let on_phone = {
        let (phone, step, message) = (phone.clone(), step.clone(), message.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check_phone_input(&phone) {
                Ok(_) => {
                    message.set(None);
                    step.set(Step::Birth);
                }
                Err(err) => message.set(Some(err)),
            }
        })
    };
    let on_birth = {
        let (ctx, phone, birth, step, message, checking) = (ctx.clone(), phone.clone(), birth.clone(), step.clone(), message.clone(), checking.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *checking {
                return;
            }
            let day = match parse_birth_date(&birth, ctx.clock.today()) {
                Ok(Some(day)) => day,
                Ok(None) => return message.set(Some(Msg::from(T::BirthDateMissing))),
                Err(err) => return message.set(Some(err)),
            };
            let Ok(digits) = check_phone_input(&phone) else { return step.set(Step::Phone) };
            checking.set(true);
            let (ctx, birth, step, message, checking) = (ctx.clone(), birth.clone(), step.clone(), message.clone(), checking.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = actions::self_check::identify_customer(&ctx, &digits, day).await;
                checking.set(false);
                birth.set(String::new());
                match outcome {
                    Ok(Guarded::Passed(customer)) => {
                        message.set(None);
                        step.set(Step::Showing(Rc::new(customer)));
                    }
                    Ok(Guarded::Wrong { tries_left }) => message.set(Some(wrong(tries_left))),
                    Ok(Guarded::Wait { ms }) => message.set(Some(locked(ms))),
                    Err(text) => message.set(Some(text)),
                }
            });
        })
    };
    let exit = {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| navigator.push(&Route::Home))
    };
    let back = {
        let (step, message) = (step.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            message.set(None);
            step.set(Step::Phone)
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let error = message.as_ref().map(|m| html! { <p class="error" role="alert">{ m.get(l).to_string() }</p> });

    match &*step {
        Step::Showing(customer) => html! {
            <section class="self-check showing">
                <div class="card-actions">
                    <p class="greeting">{ Msg::new(T::HelloName).arg(customer.salutation(l)).get(l) }</p>
                    <button class="btn big primary exit" onclick={exit}>{ ctx.t(T::Exit) }</button>
                </div>
                <ProgressView customer_id={customer.id.clone()} title={format!("{} · {}", ctx.t(T::HairProgress), customer.salutation(l))} />
            </section>
        },
        Step::Phone => html! {
            <form class="narrow self-check" onsubmit={on_phone} novalidate=true>
                <h1>{ ctx.t(T::SelfCheckTitle) }</h1>
                <p class="lead">{ ctx.t(T::SelfCheckIntro) }</p>
                <TextField id="self-phone" label={ctx.t(T::YourPhone)} value={(*phone).clone()} oninput={set(&phone)} lang={l}
                    required=true input_type="tel" inputmode="numeric" autocomplete="off" />
                { for error }
                <div class="actions">
                    <button type="submit" class="btn big primary">{ ctx.t(T::Next) }</button>
                </div>
            </form>
        },
        Step::Birth => html! {
            <form class="narrow self-check" onsubmit={on_birth} novalidate=true>
                <h1>{ ctx.t(T::SelfCheckTitle) }</h1>
                <TextField id="self-birth" label={ctx.t(T::YourBirth)} value={(*birth).clone()} oninput={set(&birth)} lang={l}
                    required=true input_type="date" autocomplete="off" />
                { for error }
                <div class="actions">
                    <button type="button" class="btn big" onclick={back}>{ ctx.t(T::Prev) }</button>
                    <button type="submit" class="btn big primary" disabled={*checking}>{ ctx.t(T::Show) }</button>
                </div>
            </form>
        },
    }
}

/// Checks the answer against the lock and the stored records; records the outcome.
/// "手机号或出生日期不对。还可以试的次数：2" — never whether the number is registered.
fn wrong(tries_left: u32) -> Msg {
    Msg::new(T::SelfCheckWrongTriesLeft).arg(tries_left)
}

fn locked(ms: i64) -> Msg {
    Msg::new(T::SelfCheckLockedMinutes).arg((ms + 59_999) / 60_000)
}
