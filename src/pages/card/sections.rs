//! The card's sections, each a plain function of what was read.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::clock::local_time;
use crate::components::choices::gender_label;
use crate::domain::care::{money, net_bought_fen};
use crate::domain::classify::{activity, value_class, ClassThresholds};
use crate::domain::plan::{current_items, run_out_dates, PlanItem, Product};
use crate::domain::progress::{changes, first_and_latest, summary, Trend};
use crate::domain::ConsentKind;
use crate::i18n::labels::{grade_text, hair_type_text};
use crate::i18n::{self, label_of, Label, Lang, Msg, T};
use crate::storage::CustomerFile;

/// The head of the card: how to address the customer, and who they are.
pub(super) fn who(file: &CustomerFile, today: NaiveDate, l: Lang) -> Html {
    let c = &file.customer;
    let mut facts = vec![c.name.clone()];
    if let Some(g) = gender_label(c.gender) {
        facts.push(g.get(l).to_string());
    }
    if let Some(age) = c.age(today) {
        facts.push(i18n::age(age).get(l));
    }
    facts.push(c.phone.clone());
    html! {
        <section class="card-section who order-1">
            <p class="label">{ T::AddressAs.get(l) }</p>
            <h1 class="salutation">{ c.salutation(l) }</h1>
            <p class="who-facts">{ facts.join(" · ") }</p>
            <h2>{ T::CardAppearance.get(l) }</h2>
            <p class="note">{ c.appearance_notes.clone().unwrap_or_else(|| T::NotFilled.get(l).to_string()) }</p>
        </section>
    }
}

/// What matters for safety before any treatment: the hair-loss type, since when, the
/// grade, medicines used and health notes — shown only while the customer's sensitive
/// consent is active (without it they are not kept, and the card says so).
pub(super) fn hair_and_health(file: &CustomerFile, l: Lang) -> Html {
    let c = &file.customer;
    let sensitive = file.consents.iter().any(|k| k.kind == ConsentKind::SensitiveInfo && k.is_active());
    let rows: Vec<(T, Option<String>)> = vec![
        (T::HairType, c.hair_loss_type.as_ref().map(|t| hair_type_text(t, l))),
        (T::CardHairSince, label_of(c.hair_loss_duration, l).map(str::to_string)),
        (T::HairGrade, grade_text(c.hair_loss_grade, l)),
        (T::PriorTreatment, c.prior_treatment.clone()),
        (T::HealthNotes, c.health_notes.clone()),
    ];
    html! {
        <section class="card-section hair-health order-1">
            <h2>{ T::CardHairHealth.get(l) }</h2>
            if sensitive {
                <dl class="notes">
                    { for rows.into_iter().map(|(label, value)| html! {
                        <div>
                            <dt>{ label.get(l) }</dt>
                            <dd class={classes!(value.is_none().then_some("muted"))}>{ value.unwrap_or_else(|| T::NotFilled.get(l).to_string()) }</dd>
                        </div>
                    }) }
                </dl>
            } else {
                <p class="note muted">{ T::SensitiveLocked.get(l) }</p>
            }
        </section>
    }
}

pub(super) fn classification(file: &CustomerFile, today: NaiveDate, thresholds: &ClassThresholds, l: Lang) -> Html {
    let c = &file.customer;
    let total = net_bought_fen(&file.purchases, &file.returns);
    let effect = c.effect_class.map(|e| e.label().get(l).to_string()).unwrap_or_else(|| T::NotRated.get(l).to_string());
    let active = activity(c.last_visit.or(c.first_visit), today, thresholds).map(|a| a.label().get(l).to_string());
    let value = match (value_class(total, thresholds), c.prospect_class) {
        (Some(v), _) => Msg::new(T::Aside).arg(v.label()).arg(money(total)).get(l),
        (None, Some(p)) => format!("{} · {}", T::Prospect.get(l), p.label().get(l)),
        (None, None) => T::Prospect.get(l).to_string(),
    };
    let row = |what: T, value: String| html! { <div class="class-row"><dt>{ what.get(l) }</dt><dd>{ value }</dd></div> };
    html! {
        <section class="card-section order-5">
            <h2>{ T::CardClass.get(l) }</h2>
            <dl class="classes">
                { row(T::ClassEffect, effect) }
                { row(T::ClassActivity, active.unwrap_or_else(|| T::NoVisitYet.get(l).to_string())) }
                { row(T::ClassValue, value) }
            </dl>
        </section>
    }
}

pub(super) fn notes(title: T, notes: &[(T, &Option<String>)], l: Lang) -> Html {
    let order = if title == T::CardLife { "order-6" } else { "order-7" };
    let filled: Vec<_> = notes.iter().filter_map(|(label, value)| value.as_ref().map(|v| (*label, v.clone()))).collect();
    html! {
        <section class={classes!("card-section", order)}>
            <h2>{ title.get(l) }</h2>
            if filled.is_empty() { <p class="note muted">{ T::NotFilled.get(l) }</p> }
            <dl class="notes">
                { for filled.into_iter().map(|(label, value)| html! { <div><dt>{ label.get(l) }</dt><dd>{ value }</dd></div> }) }
            </dl>
        </section>
    }
}

/// Last visit, the next follow-up (overdue or not) and the latest follow-ups.
pub(super) fn visits(file: &CustomerFile, today: NaiveDate, l: Lang) -> Html {
    let c = &file.customer;
    let last = c.last_visit.or(c.first_visit);
    let coming: Vec<&PlanItem> = file.plan.as_ref().map(|p| current_items(p, today).take(4).collect()).unwrap_or_default();
    html! {
        <section class="card-section order-2">
            <h2>{ T::LastVisit.get(l) }</h2>
            <p class="big-fact">{ match last {
                Some(day) => i18n::day_ago(day, today).get(l),
                None => T::NoVisitYet.get(l).to_string(),
            } }</p>
            <h2>{ T::CardPlan.get(l) }</h2>
            if coming.is_empty() { <p class="note muted">{ T::NoPlan.get(l) }</p> }
            <ul class="plan">
                { for coming.iter().map(|item| html! {
                    <li class={classes!("next-due", (item.due < today).then_some("overdue"))}>
                        { format!("{} · {}", item.due, item.reason.label(today).get(l)) }
                        if item.due < today { <strong>{ format!(" ⚠ {}", T::Overdue.get(l)) }</strong> }
                        else if item.due == today { <strong>{ format!(" · {}", T::DueToday.get(l)) }</strong> }
                    </li>
                }) }
            </ul>
            <h2>{ T::CardFollowUps.get(l) }</h2>
            if file.follow_ups.is_empty() { <p class="note muted">{ T::NoFollowUps.get(l) }</p> }
            <ul class="log">
                { for file.follow_ups.iter().rev().take(5).map(|f| html! {
                    <li>
                        <p class="log-head">{ [local_time(f.at), f.method.map(|m| m.label().get(l).to_string()).unwrap_or_default(), f.by_staff.clone()]
                            .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ") }</p>
                        <p>{ f.content.clone() }</p>
                        if !f.result.is_empty() { <p class="muted-strong">{ Msg::new(T::LabelValue).arg(T::VisitResult).arg(&f.result).get(l) }</p> }
                    </li>
                }) }
            </ul>
        </section>
    }
}

pub(super) fn products(file: &CustomerFile, catalogue: &[Product], l: Lang) -> Html {
    let place = label_of(file.customer.use_place, l);
    let run_out = run_out_dates(&file.purchases, catalogue);
    html! {
        <section class="card-section order-4">
            <h2>{ T::CardProducts.get(l) }</h2>
            if let Some(place) = place { <p>{ Msg::new(T::LabelValue).arg(T::UsePlace).arg(place).get(l) }</p> }
            if file.purchases.is_empty() { <p class="note muted">{ T::NoPurchases.get(l) }</p> }
            <ul class="log">
                { for file.purchases.iter().rev().map(|p| {
                    let place = label_of(p.use_place, l).unwrap_or("");
                    html! { <li>{ format!("{} × {} · {} · {} · {place}", p.product, p.quantity, money(p.total_fen()), p.date.map(|d| d.to_string()).unwrap_or_default()) }</li> }
                }) }
            </ul>
            { for run_out.iter().map(|(product, on)| html! {
                <p class="run-out">{ format!("{product} · {} {on}", T::RunsOutOn.get(l)) }</p>
            }) }
        </section>
    }
}

pub(super) fn hair_change(file: &CustomerFile, l: Lang) -> Html {
    let found = first_and_latest(&file.measurements).map(|(first, latest)| changes(first, latest));
    html! {
        <section class="card-section order-3">
            <h2>{ T::CardHairChange.get(l) }</h2>
            { match found {
                None => html! { <p class="note muted">{ T::NoComparison.get(l) }</p> },
                Some(list) => html! {
                    <>
                        <p class="big-fact">{ summary(&list).get(l).to_string() }</p>
                        <ul class="changes">
                            { for list.iter().map(|change| html! {
                                <li class={classes!(match change.trend { Trend::Better => "better", Trend::Worse => "worse", Trend::Same => "same" })}>
                                    <span aria-hidden="true">{ match change.trend { Trend::Better => "✓ ", Trend::Worse => "⚠ ", Trend::Same => "＝ " } }</span>
                                    { change.text.get(l).to_string() }
                                </li>
                            }) }
                        </ul>
                    </>
                },
            } }
        </section>
    }
}

