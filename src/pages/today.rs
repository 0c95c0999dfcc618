//! 今天要回访: the follow-ups due today and overdue (from the customers' stored plans),
//! birthdays, and holidays coming up — each customer with the reasons and one tap to
//! log the follow-up, which moves their plan on.

use std::collections::HashMap;

use chrono::NaiveDate;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{AppContext, Route};
use crate::domain::classify::{activity, Activity};
use crate::domain::plan::{birthday_due, due_items, holidays_near, Plan, PlanItem};
use crate::domain::stats::{list, ListFilter};
use crate::domain::aftercare::open_in_order;
use crate::domain::Complaint;
use crate::hooks::use_customer_rows;
use crate::i18n::{Label, Lang, Msg, T};
use crate::pages::staff_search::today;

/// One customer on the list.
#[derive(Clone, PartialEq)]
struct Row {
    customer_id: String,
    name: String,
    phone_tail: String,
    items: Vec<PlanItem>,
}

/// How many rows are drawn at first; "显示更多" adds as many again.
const PAGE: usize = 50;

/// How late an item is, in words.
pub fn lateness(due: NaiveDate, today: NaiveDate, l: Lang) -> String {
    let days = (today - due).num_days();
    if days <= 0 { T::DueToday.get(l).to_string() } else { Msg::new(T::DaysOverdue).arg(days).get(l) }
}

#[function_component(TodayList)]
pub fn today_list() -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let rows_ready = use_customer_rows();
    let plans = use_state(|| None::<Result<(Vec<Plan>, Vec<Complaint>), Msg>>);
    let shown = use_state(|| PAGE);
    let today = today();
    let l = ctx.lang;
    {
        let (db, plans) = (ctx.db.clone(), plans.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let read = async {
                    let due = db.plans_due_by(today).await?;
                    let complaints = db.open_complaints().await?;
                    Ok((due, complaints))
                }
                .await;
                plans.set(Some(read.map_err(|e: crate::storage::StorageError| e.message())));
            });
        });
    }
    let back = html! { <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>> };
    let (plans, complaints) = match (&*plans, &rows_ready) {
        (Some(Err(e)), _) | (_, Some(Err(e))) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back }</section> },
        (Some(Ok((plans, complaints))), Some(Ok(()))) => (plans, complaints),
        _ => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
    };

    let rules = &ctx.settings.follow_up_rules;
    let thresholds = &ctx.settings.class_thresholds;
    let (rows, holidays) = ctx
        .search
        .with(|index| {
            let mut by_id: HashMap<String, Row> = HashMap::new();
            let mut add = |id: &str, items: Vec<PlanItem>| {
                let Some(entry) = index.get(id) else { return };
                let row = by_id.entry(id.to_string()).or_insert_with(|| Row {
                    customer_id: id.to_string(),
                    name: entry.name.clone(),
                    phone_tail: entry.phone_tail().to_string(),
                    items: Vec::new(),
                });
                row.items.extend(items);
            };
            for plan in plans {
                let lost = activity(plan.last_visit, today, thresholds) == Some(Activity::Lost);
                add(&plan.customer_id, due_items(plan, today, lost));
            }
            if rules.birthdays {
                let birthdays: Vec<(String, PlanItem)> = index
                    .entries()
                    .filter_map(|e| Some((e.id.clone(), birthday_due(e.birth_date?, e.last_contact, today)?)))
                    .collect();
                for (id, item) in birthdays {
                    add(&id, vec![item]);
                }
            }
            let mut rows: Vec<Row> = by_id.into_values().filter(|r| !r.items.is_empty()).collect();
            for row in &mut rows {
                row.items.sort_by_key(|i| i.due);
            }
            rows.sort_by(|a, b| a.items[0].due.cmp(&b.items[0].due).then_with(|| a.name.cmp(&b.name)));
            let holidays: Vec<(T, NaiveDate, ListFilter, usize)> = if rules.holidays {
                holidays_near(today, rules.holiday_lead_days)
                    .into_iter()
                    .map(|(h, day)| {
                        let filter = ListFilter::Greet(h.audience());
                        (h.label(), day, filter, list(index.entries(), filter, today, thresholds).len())
                    })
                    .collect()
            } else {
                Vec::new()
            };
            (rows, holidays)
        })
        .unwrap_or_default();

    let now = crate::app::now_ms();
    let overdue: Vec<(Complaint, String)> = open_in_order(complaints.clone(), now)
        .into_iter()
        .filter(|c| c.is_overdue(now))
        .map(|c| {
            let name = ctx.search.with(|i| i.get(&c.customer_id).map(|e| e.name.clone())).flatten().unwrap_or_default();
            (c, name)
        })
        .collect();
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <section class="today-page">
            <div class="card-actions">{ back }</div>
            <h1>{ ctx.t(T::TodayTitle) }{ format!(" · {today}") }</h1>
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
                                <span>{ format!("{name} · {} · {}", crate::pages::customer_card::local_time(c.at), c.content) }</span>
                                <Link<Route> to={Route::HandleComplaint { id: c.customer_id.clone(), complaint: c.id.clone() }} classes="btn big">{ ctx.t(T::HandleComplaint) }</Link<Route>>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if rows.is_empty() { <p class="status done" role="status">{ ctx.t(T::TodayEmpty) }</p> }
            <p class="lead">{ Msg::new(T::LabelValue).arg(T::ListTitle).arg(rows.len()).get(l) }</p>
            <ul class="due-list">
                { for rows.iter().take(*shown).map(|row| html! {
                    <li class="due-row">
                        <div class="due-who">
                            <Link<Route> to={Route::Customer { id: row.customer_id.clone() }} classes="due-name">{ row.name.clone() }</Link<Route>>
                            <span class="result-facts">{ format!("…{}", row.phone_tail) }</span>
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
    let ctx = use_context::<AppContext>().expect("AppContext");
    let navigator = use_navigator().expect("router");
    let loaded = use_state(|| None::<Result<Option<(crate::domain::Customer, Option<Plan>)>, Msg>>);
    {
        let (db, loaded) = (ctx.db.clone(), loaded.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = async {
                    let customer = db.get::<crate::domain::Customer>(&id).await?;
                    let plan = db.plan_of(&id).await?;
                    Ok(customer.map(|c| (c, plan)))
                }
                .await;
                loaded.set(Some(result.map_err(|e: crate::storage::StorageError| e.message())));
            });
        });
    }
    let l = ctx.lang;
    match &*loaded {
        None => html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => html! { <p class="status" role="status">{ ctx.t(T::CustomerGone) }</p> },
        Some(Ok(Some((customer, plan)))) => {
            let today = today();
            let suggestion = plan
                .as_ref()
                .map(|p| Msg::join(T::ListSemicolon, due_items(p, today, false).iter().map(|i| i.reason.label(today))).get(l))
                .unwrap_or_default();
            let back = {
                let navigator = navigator.clone();
                Callback::from(move |_: ()| navigator.push(&Route::Today))
            };
            html! {
                <crate::pages::visit_form::VisitForm customer={std::rc::Rc::new(customer.clone())} suggestion={AttrValue::from(suggestion)}
                    on_saved={back.clone()} on_cancel={back} />
            }
        }
    }
}
