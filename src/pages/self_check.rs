//! 我的头发变化: a customer sees their own progress. They identify themself with the
//! phone number they registered with, then their birth date — or, when they left it
//! empty or do not remember it, a one-time view code staff give them from the card
//! (one question per screen). A wrong answer says only "does not match" — never
//! whether the number is registered — and wrong answers make that number wait (and,
//! many for any numbers, pause the self-check briefly). Once identified they see
//! exactly one record, theirs; leaving (or the idle timer) forgets it.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::actions::lockout::Guarded;
use crate::actions::self_check::Answer;
use crate::components::progress_view::ProgressView;
use crate::components::date_picker::BirthDateField;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::self_check::check_phone_input;
use crate::domain::validation::parse_birth_date;
use crate::domain::view_code;
use crate::domain::Customer;
use crate::i18n::{Msg, T};
use crate::route::Route;

#[derive(Clone, PartialEq)]
enum Step {
    Phone,
    Birth,
    /// The view code from staff, instead of the birth date.
    Code,
    Showing(Rc<Customer>),
}

#[function_component(SelfCheck)]
pub fn self_check() -> Html {
    let ctx = use_app();
    let navigator = use_navigator().expect("inside a router");
    let step = use_state(|| Step::Phone);
    let phone = use_state(String::new);
    let birth = use_state(String::new);
    let code = use_state(String::new);
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
    // Checks one answer (against the lockouts and the records) and shows the outcome.
    let check = {
        let (ctx, phone, birth, code, step, message, checking) = (ctx.clone(), phone.clone(), birth.clone(), code.clone(), step.clone(), message.clone(), checking.clone());
        Callback::from(move |answer: Answer| {
            let Ok(digits) = check_phone_input(&phone) else { return step.set(Step::Phone) };
            checking.set(true);
            let (ctx, birth, code, step, message, checking) = (ctx.clone(), birth.clone(), code.clone(), step.clone(), message.clone(), checking.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = actions::self_check::identify_customer(&ctx, &digits, &answer).await;
                checking.set(false);
                birth.set(String::new());
                code.set(String::new());
                let by_code = matches!(answer, Answer::Code(_));
                match outcome {
                    Ok(Guarded::Passed(customer)) => {
                        message.set(None);
                        step.set(Step::Showing(Rc::new(customer)));
                    }
                    Ok(Guarded::Wrong { tries_left }) => message.set(Some(wrong(tries_left, by_code))),
                    Ok(Guarded::Wait { ms }) => message.set(Some(locked(ms))),
                    Err(text) => message.set(Some(text)),
                }
            });
        })
    };
    let on_birth = {
        let (ctx, birth, message, checking, check) = (ctx.clone(), birth.clone(), message.clone(), checking.clone(), check.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *checking {
                return;
            }
            match parse_birth_date(&birth, ctx.clock.today()) {
                Ok(Some(day)) => check.emit(Answer::Birth(day)),
                Ok(None) => message.set(Some(Msg::from(T::BirthDateMissing))),
                Err(err) => message.set(Some(err)),
            }
        })
    };
    let on_code = {
        let (code, message, checking, check) = (code.clone(), message.clone(), checking.clone(), check.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *checking {
                return;
            }
            match view_code::check_input(&code) {
                Ok(typed) => check.emit(Answer::Code(typed)),
                Err(err) => message.set(Some(err)),
            }
        })
    };
    let exit = {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| navigator.push(&Route::Home))
    };
    let go = |to: Step| {
        let (step, message) = (step.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            message.set(None);
            step.set(to.clone())
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
                <BirthDateField id="self-birth" label={ctx.t(T::YourBirth)} value={(*birth).clone()} oninput={set(&birth)} lang={l}
                    required=true today={ctx.clock.today()} />
                { for error }
                <div class="actions">
                    <button type="button" class="btn big" onclick={go(Step::Phone)}>{ ctx.t(T::Prev) }</button>
                    <button type="submit" class="btn big primary" disabled={*checking}>{ ctx.t(T::Show) }</button>
                </div>
                <div class="other-way">
                    <p class="hint">{ ctx.t(T::SelfCheckNoBirthHint) }</p>
                    <button type="button" class="btn big" onclick={go(Step::Code)}>{ ctx.t(T::UseViewCode) }</button>
                </div>
            </form>
        },
        Step::Code => html! {
            <form class="narrow self-check" onsubmit={on_code} novalidate=true>
                <h1>{ ctx.t(T::SelfCheckTitle) }</h1>
                <TextField id="self-code" label={ctx.t(T::YourViewCode)} value={(*code).clone()} oninput={set(&code)} lang={l}
                    required=true inputmode="numeric" autocomplete="off" hint={AttrValue::Static(ctx.t(T::YourViewCodeHint))} />
                { for error }
                <div class="actions">
                    <button type="button" class="btn big" onclick={go(Step::Phone)}>{ ctx.t(T::Prev) }</button>
                    <button type="submit" class="btn big primary" disabled={*checking}>{ ctx.t(T::Show) }</button>
                </div>
                <div class="other-way">
                    <button type="button" class="btn big" onclick={go(Step::Birth)}>{ ctx.t(T::UseBirthDate) }</button>
                </div>
            </form>
        },
    }
}

/// "手机号或出生日期不对。还可以试的次数：2" — never whether the number is registered.
fn wrong(tries_left: u32, by_code: bool) -> Msg {
    Msg::new(if by_code { T::SelfCheckCodeWrongTriesLeft } else { T::SelfCheckWrongTriesLeft }).arg(tries_left)
}

fn locked(ms: i64) -> Msg {
    Msg::new(T::SelfCheckLockedMinutes).arg((ms + 59_999) / 60_000)
}
