//! 今天要回访: the follow-ups due today and overdue (from the customers' stored plans),
//! birthdays, and holidays coming up — each customer with the reasons and one tap to
//! log the follow-up, which moves their plan on.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::clock::local_time;
use crate::components::appointments_today::ComingAppointments;
use crate::components::birthdays::Birthdays;
use crate::components::referrals::ThankReferrers;
use crate::components::visit_form::{CallLink, VisitForm};
use crate::context::use_app;
use crate::domain::plan::holidays_near;
use crate::domain::stats::{list, ListFilter};
use crate::domain::{Complaint};
use crate::hooks::use_load;
use crate::i18n::{Label, Lang, Msg, T};
use crate::route::Route;

/// How many rows are drawn at first; "显示更多" adds as many again.
const PAGE: usize = 50;

/// How late an item is, in words.
pub fn lateness(due: NaiveDate, today: NaiveDate, l: Lang) -> String {
    let days = (today - due).num_days();
    if days <= 0 { T::DueToday.get(l).to_string() } else { Msg::new(T::DaysOverdue).arg(days).get(l) }
}

#[function_component(TodayList)]
pub fn today_list() -> Html {
    let ctx = use_app();
    let loaded = use_load((), |ctx, ()| async move { actions::lists::today(&ctx).await });
    let shown = use_state(|| PAGE);
    let today = ctx.clock.today();
    let l = ctx.lang;
    let back = html! { <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>> };
    let (rows, complaints) = match &*loaded {
        Some(Err(e)) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back }</section> },
        Some(Ok(found)) => found,
        None => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
    };
    let rules = &ctx.settings.store.follow_up_rules;
    let thresholds = &ctx.settings.store.class_thresholds;
    let holidays: Vec<(T, NaiveDate, ListFilter, usize)> = if rules.holidays {
        ctx.search
            .with(|index| {
                holidays_near(today, rules.holiday_lead_days)
                    .into_iter()
                    .map(|(h, day)| {
                        let filter = ListFilter::Greet(h.audience());
                        (h.label(), day, filter, list(index.entries(), filter, today, thresholds).len())
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let now = ctx.clock.now_ms();
    let overdue: Vec<(&Complaint, String)> = complaints
        .iter()
        .filter(|c| c.is_overdue(now))
        .map(|c| (c, ctx.search.with(|i| i.get(&c.customer_id).map(|e| e.name.clone())).flatten().unwrap_or_default()))
        .collect();
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <section class="today-page">
            <div class="card-actions">{ back }</div>
            <h1>{ ctx.t(T::TodayTitle) }{ format!(" · {today}") }</h1>
            <ComingAppointments />
            <ThankReferrers />
            if !holidays.is_empty() {
                <section class="card-section holidays">
                    <h2>{ ctx.t(T::HolidayGreetings) }</h2>
                    <ul class="log">
                        { for holidays.iter().map(|(name, day, filter, count)| html! {
                            <li>
                                <Link<Route> to={Route::CustomerList { filter: filter.code() }} classes="btn big">
                                    { Msg::new(T::HolidayCount).arg(*name).arg(day.to_string()).arg(*count).get(l) }
                                </Link<Route>>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if !overdue.is_empty() {
                <section class="card-section complaints-overdue">
                    <h2>{ "⚠ " }{ ctx.t(T::ComplaintsOverdueTitle) }</h2>
                    <ul class="log">
                        { for overdue.iter().map(|(c, name)| html! {
                            <li class="product-row">
                                <span>{ format!("{name} · {} · {}", local_time(c.at), c.content) }</span>
                                <Link<Route> to={Route::HandleComplaint { id: c.customer_id.clone(), complaint: c.id.clone() }} classes="btn big">{ ctx.t(T::HandleComplaint) }</Link<Route>>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <Birthdays />
            if rows.is_empty() { <p class="status done" role="status">{ ctx.t(T::TodayEmpty) }</p> }
            <p class="lead">{ Msg::new(T::LabelValue).arg(T::ListTitle).arg(rows.len()).get(l) }</p>
            <ul class="due-list">
                { for rows.iter().take(*shown).map(|row| html! {
                    <li class="due-row">
                        <div class="due-who">
                            <Link<Route> to={Route::Customer { id: row.customer_id.clone() }} classes="due-name">{ row.name.clone() }</Link<Route>>
                            <CallLink phone={row.phone_digits.clone()} />
                        </div>
                        <ul class="due-reasons">
                            { for row.items.iter().map(|item| html! {
                                <li class={classes!((item.due < today).then_some("overdue"))}>
                                    if item.due < today { <strong>{ "⚠ " }</strong> }
                                    { format!("{} · {}", item.reason.label(today).get(l), lateness(item.due, today, l)) }
                                </li>
                            }) }
                        </ul>
                        <Link<Route> to={Route::LogFollowUp { id: row.customer_id.clone() }} classes="btn big primary">{ ctx.t(T::LogThis) }</Link<Route>>
                    </li>
                }) }
            </ul>
            if rows.len() > *shown { <button class="btn big" onclick={more}>{ ctx.t(T::ShowMore) }</button> }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LogFollowUpProps {
    pub id: String,
}

/// The follow-up form opened from the today list, with what is due written in; back to
/// the list once saved.
#[function_component(LogFollowUp)]
pub fn log_follow_up(props: &LogFollowUpProps) -> Html {
    let ctx = use_app();
    let navigator = use_navigator().expect("router");
    let loaded = use_load(props.id.clone(), |ctx, id| async move { actions::follow_up::due_for(&ctx, &id).await });
    let l = ctx.lang;
    match &*loaded {
        None => html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => html! { <p class="status" role="status">{ ctx.t(T::CustomerGone) }</p> },
        Some(Ok(Some((customer, due)))) => {
            let today = ctx.clock.today();
            let suggestion = Msg::join(T::ListSemicolon, due.iter().map(|i| i.reason.label(today))).get(l);
            let back = {
                let navigator = navigator.clone();
                Callback::from(move |_: ()| navigator.push(&Route::Today))
            };
            html! {
                <VisitForm customer={Rc::new(customer.clone())} suggestion={AttrValue::from(suggestion)} on_saved={back.clone()} on_cancel={back} />
            }
        }
    }
}
