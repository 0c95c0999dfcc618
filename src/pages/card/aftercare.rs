//! The card's aftercare sections: the customer's complaints (open ones marked, overdue
//! ones said in words), returns with their fee, and adverse reactions, each with the
//! action that records a new one. Kept apart from `customer_card.rs`, which only
//! places [`AftercareSections`] and [`SavedNote`].

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::domain::aftercare::describe;
use crate::domain::care::money;
use crate::actions;
use crate::domain::{Complaint, Incident, Purchase, ReturnRecord};
use crate::hooks::use_load;
use crate::i18n::{Lang, T, Msg};
use crate::clock::local_time;

/// "处理措施：换洗发水" / "Steps taken: …".
fn labelled(label: T, value: &str, l: Lang) -> String {
    Msg::new(T::LabelValue).arg(label).arg(value).get(l)
}

#[derive(Properties, PartialEq)]
pub struct AftercareSectionsProps {
    pub customer_id: String,
}

#[function_component(AftercareSections)]
pub fn aftercare_sections(props: &AftercareSectionsProps) -> Html {
    let ctx = use_app();
    let file = use_load(props.customer_id.clone(), |ctx, id| async move { actions::aftercare::file(&ctx, &id).await });
    let l = ctx.lang;
    let file = match &*file {
        None => return html! {},
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(file)) => file,
    };
    let id = &props.customer_id;
    let now = ctx.clock.now_ms();
    let head = |title: T, action: T, to: Route| {
        html! {
            <div class="section-head">
                <h2>{ title.get(l) }</h2>
                <Link<Route> {to} classes="btn">{ action.get(l) }</Link<Route>>
            </div>
        }
    };
    html! {
        <div class="card-grid aftercare">
            <div class="card-col">
                <section class="card-section complaints">
                    { head(T::CardComplaints, T::LogComplaint, Route::NewComplaint { id: id.clone() }) }
                    if file.complaints.is_empty() { <p class="note muted">{ T::NoComplaints.get(l) }</p> }
                    <ul class="log">{ for file.complaints.iter().map(|c| complaint_item(c, now, l)) }</ul>
                </section>
            </div>
            <div class="card-col">
                <section class="card-section returns">
                    { head(T::CardReturns, T::LogReturn, Route::NewReturn { id: id.clone() }) }
                    if file.returns.is_empty() { <p class="note muted">{ T::NoReturns.get(l) }</p> }
                    <ul class="log">{ for file.returns.iter().map(|r| return_item(r, &file.purchases, l)) }</ul>
                </section>
                <section class="card-section incidents">
                    { head(T::CardIncidents, T::LogIncident, Route::NewIncident { id: id.clone() }) }
                    if file.incidents.is_empty() { <p class="note muted">{ T::NoIncidents.get(l) }</p> }
                    <ul class="log">{ for file.incidents.iter().map(|i| incident_item(i, l)) }</ul>
                </section>
            </div>
        </div>
    }
}

fn complaint_item(c: &Complaint, now: i64, l: Lang) -> Html {
    let state = match c.resolved_at {
        Some(at) => format!("{} {}", T::ComplaintResolved.get(l), local_time(at)),
        None if c.is_overdue(now) => T::ComplaintOverdue.get(l).to_string(),
        None => T::ComplaintOpen.get(l).to_string(),
    };
    let satisfaction = c.satisfaction.and_then(|s| {
        [T::Satisfaction1, T::Satisfaction2, T::Satisfaction3, T::Satisfaction4, T::Satisfaction5].get(usize::from(s).checked_sub(1)?).copied()
    });
    let to = Route::HandleComplaint { id: c.customer_id.clone(), complaint: c.id.clone() };
    html! {
        <li class={classes!("complaint", c.resolved_at.is_none().then_some("open"), c.is_overdue(now).then_some("overdue"))}>
            <p class="log-head">{ local_time(c.at) }{ " · " }<span class="complaint-state">{ state }</span></p>
            <p>{ c.content.clone() }</p>
            if !c.steps.is_empty() { <p class="muted-strong">{ labelled(T::ComplaintSteps, &c.steps, l) }</p> }
            if !c.result.is_empty() { <p class="muted-strong">{ labelled(T::ComplaintResult, &c.result, l) }</p> }
            if let Some(s) = satisfaction { <p class="muted-strong">{ labelled(T::Satisfaction, s.get(l), l) }</p> }
            <Link<Route> {to} classes="btn">{ T::HandleComplaint.get(l) }</Link<Route>>
        </li>
    }
}

fn return_item(r: &ReturnRecord, purchases: &[Purchase], l: Lang) -> Html {
    let purchase = purchases.iter().find(|p| Some(p.id.as_str()) == r.purchase_id.as_deref());
    let product = purchase.map(|p| p.product.clone()).unwrap_or_default();
    let returned_on = local_time(r.meta.created_at).chars().take(10).collect::<String>();
    let mut facts = vec![labelled(T::QuantityUsed, &r.quantity_used.to_string(), l)];
    if let Some(p) = purchase {
        facts.push(labelled(T::QuantityBought, &p.quantity.to_string(), l));
    }
    if let Some(d) = r.purchase_date {
        facts.push(labelled(T::PurchasedOn, &d.to_string(), l));
    }
    facts.push(labelled(T::PackageIntact, (if r.package_intact { T::IntactYes } else { T::IntactNo }).get(l), l));
    html! {
        <li class="return">
            <p class="log-head">{ [product, labelled(T::ReturnedOn, &returned_on, l)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ") }</p>
            <p>{ labelled(T::ReturnReason, &r.reason, l) }</p>
            <p class="muted-strong">{ facts.join(" · ") }</p>
            <p class="big-fact fee">{ labelled(T::ReturnFee, &money(r.fee_fen()), l) }</p>
        </li>
    }
}

fn incident_item(i: &Incident, l: Lang) -> Html {
    let head = [i.date.map(|d| d.to_string()).unwrap_or_default(), i.by_staff.clone()];
    html! {
        <li class="incident">
            <p class="log-head">{ head.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ") }</p>
            <p>{ describe(&i.description, l) }</p>
            if !i.action.is_empty() { <p class="muted-strong">{ labelled(T::IncidentAction, &i.action, l) }</p> }
        </li>
    }
}
