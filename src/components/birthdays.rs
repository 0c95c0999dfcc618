//! On the today list: 本周生日 / 本月生日 — the customers whose birthday falls this
//! week (Monday to Sunday) or this month, with the day, the age they turn, the whole
//! number to call (staff side) and one tap to the card. Read from the summary rows.

use chrono::Datelike;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::visit_form::CallLink;
use crate::context::use_app;
use crate::domain::birthdays::{birthdays, Span};
use crate::hooks::use_customer_rows;
use crate::i18n::{Msg, T};
use crate::route::Route;

const WEEKDAYS: [T; 7] = [T::Weekday1, T::Weekday2, T::Weekday3, T::Weekday4, T::Weekday5, T::Weekday6, T::Weekday7];

#[function_component(Birthdays)]
pub fn birthdays_list() -> Html {
    let ctx = use_app();
    let rows = use_customer_rows();
    let span = use_state(|| Span::Week);
    let l = ctx.lang;
    if !matches!(rows, Some(Ok(()))) {
        return html! {};
    }
    let today = ctx.clock.today();
    // (id, name, phone, day, turning)
    let found: Vec<(String, String, String, chrono::NaiveDate, u32)> = ctx
        .search
        .with(|i| birthdays(i.entries(), *span, today).into_iter().map(|b| (b.entry.id.clone(), b.entry.name.clone(), b.entry.phone_digits.clone(), b.day, b.turning)).collect())
        .unwrap_or_default();
    let title = |s: Span| match s {
        Span::Week => T::BirthdaysWeek,
        Span::Month => T::BirthdaysMonth,
    };
    html! {
        <section class="card-section birthdays" aria-labelledby="birthdays-title">
            <h2 id="birthdays-title">{ ctx.t(title(*span)) }{ format!(" · {}", Msg::new(T::PeopleCount).arg(found.len()).get(l)) }</h2>
            <div class="chips" role="group" aria-labelledby="birthdays-title">
                { for Span::ALL.into_iter().map(|s| {
                    let chosen = s == *span;
                    let onclick = {
                        let span = span.clone();
                        Callback::from(move |_: MouseEvent| span.set(s))
                    };
                    html! {
                        <button type="button" class={classes!("chip", chosen.then_some("chosen"))} aria-pressed={chosen.to_string()} {onclick}>
                            { if chosen { format!("✓ {}", ctx.t(title(s))) } else { ctx.t(title(s)).to_string() } }
                        </button>
                    }
                }) }
            </div>
            if found.is_empty() {
                <p class="status">{ ctx.t(T::BirthdaysNone) }</p>
            } else {
                <ul class="birthday-list">
                    { for found.iter().map(|(id, name, phone, day, turning)| {
                        let when = format!("{} {}", day.format(T::BirthdayDayFormat.get(l)), WEEKDAYS[day.weekday().num_days_from_monday() as usize].get(l));
                        let mark = if *day == today { Some(T::BirthdayIsToday) } else if *day < today { Some(T::BirthdayPassed) } else { None };
                        html! {
                            <li key={format!("{id}-{day}")} class={classes!("birthday-row", (*day == today).then_some("today"))}>
                                <Link<Route> to={Route::Customer { id: id.clone() }} classes="due-name">{ name.clone() }</Link<Route>>
                                <span class="birthday-when">
                                    <span class="nowrap">
                                        { when }
                                        if let Some(mark) = mark { <strong>{ Msg::new(T::BirthdayMark).arg(mark).get(l) }</strong> }
                                    </span>
                                    { " · " }
                                    <span class="nowrap">{ Msg::new(T::BirthdayTurning).arg(*turning).get(l) }</span>
                                </span>
                                if !phone.is_empty() { <CallLink phone={phone.clone()} /> }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
