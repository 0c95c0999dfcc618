//! The printed customer card (打印档案), for a consultation: who the customer is and
//! how to reach them, their hair and health (only while the sensitive consent allows
//! it), the latest visits and follow-ups, what they bought, how their measurements
//! changed, and the next follow-up — on one or two pages. Drawn with the card and
//! hidden on screen; the print styles show only this (no navigation, no buttons, sizes
//! an older reader can read on paper), as the progress sheet does.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::clock::local_time;
use crate::components::choices::gender_label;
use crate::domain::care::money;
use crate::domain::consent::sensitive_active;
use crate::domain::plan::{current_items, run_out_dates, Product};
use crate::domain::progress::{changes, first_and_latest, summary};
use crate::i18n::labels::{grade_text, hair_type_text};
use crate::i18n::{self, label_of, Label, Lang, Msg, T};
use crate::storage::CustomerFile;

/// At most this many of each list, so the card stays within two pages.
const FOLLOW_UPS: usize = 5;
const PURCHASES: usize = 8;
const PLAN_ITEMS: usize = 3;

fn rows(rows: Vec<(T, Option<String>)>, l: Lang) -> Html {
    html! {
        <dl>
            { for rows.into_iter().map(|(label, value)| html! {
                <div class="pc-row">
                    <dt>{ label.get(l) }</dt>
                    <dd>{ value.unwrap_or_else(|| T::NotFilled.get(l).to_string()) }</dd>
                </div>
            }) }
        </dl>
    }
}

pub(super) fn print_card(file: &CustomerFile, store: &str, catalogue: &[Product], today: NaiveDate, l: Lang) -> Html {
    let c = &file.customer;
    let sensitive = sensitive_active(&file.consents);
    let birth = c.birth_date.map(|b| match c.age(today) {
        Some(age) => Msg::new(T::Aside).arg(b.to_string()).arg(i18n::age(age).get(l)).get(l),
        None => b.to_string(),
    });
    let who = vec![
        (T::Name, Some(c.name.clone())),
        (T::Gender, gender_label(c.gender).map(|g| g.get(l).to_string())),
        (T::BirthDate, birth),
        (T::Phone, Some(c.phone.clone())),
        (T::Address, c.address.clone()),
    ];
    let last = c.last_visit.or(c.first_visit);
    let coming: Vec<_> = file.plan.as_ref().map(|p| current_items(p, today).take(PLAN_ITEMS).collect()).unwrap_or_default();
    let found = first_and_latest(&file.measurements).map(|(first, latest)| changes(first, latest));
    let run_out = run_out_dates(&file.purchases, catalogue);
    html! {
        <section class="print-card" aria-hidden="true">
            <header class="pc-head">
                <h1>{ Msg::new(T::PrintCardTitle).arg(c.salutation(l)).get(l) }</h1>
                <p>{ format!("{store} · {}", Msg::new(T::PrintedOn).arg(today.to_string()).get(l)) }</p>
            </header>
            <section class="pc-section pc-who">
                <h2>{ T::PrintWho.get(l) }</h2>
                { rows(who, l) }
            </section>
            <section class="pc-section pc-health">
                <h2>{ T::CardHairHealth.get(l) }</h2>
                if sensitive {
                    { rows(vec![
                        (T::HairType, c.hair_loss_type.as_ref().map(|t| hair_type_text(t, l))),
                        (T::CardHairSince, label_of(c.hair_loss_duration, l).map(str::to_string)),
                        (T::HairGrade, grade_text(c.hair_loss_grade, l)),
                        (T::PriorTreatment, c.prior_treatment.clone()),
                        (T::HealthNotes, c.health_notes.clone()),
                    ], l) }
                } else {
                    <p class="pc-withheld">{ T::PrintHealthWithheld.get(l) }</p>
                }
            </section>
            <section class="pc-section pc-visits">
                <h2>{ T::PrintVisits.get(l) }</h2>
                <p>{ Msg::new(T::LabelValue).arg(T::LastVisit).arg(match last {
                    // Says the date and how long ago (2026-11-28（3 天前）).
                    Some(day) => i18n::day_ago(day, today).get(l),
                    None => T::NoVisitYet.get(l).to_string(),
                }).get(l) }</p>
                if file.follow_ups.is_empty() { <p>{ T::NoFollowUps.get(l) }</p> }
                <ul>
                    { for file.follow_ups.iter().rev().take(FOLLOW_UPS).map(|f| {
                        let head = [local_time(f.at), f.method.map(|m| m.label().get(l).to_string()).unwrap_or_default(), f.by_staff.clone()]
                            .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                        html! {
                            <li>
                                <strong>{ head }</strong>{ " " }{ f.content.clone() }
                                if !f.result.is_empty() { { " · " }{ Msg::new(T::LabelValue).arg(T::VisitResult).arg(&f.result).get(l) } }
                            </li>
                        }
                    }) }
                </ul>
            </section>
            <section class="pc-section pc-products">
                <h2>{ T::CardProducts.get(l) }</h2>
                if file.purchases.is_empty() { <p>{ T::NoPurchases.get(l) }</p> }
                <ul>
                    { for file.purchases.iter().rev().take(PURCHASES).map(|p| html! {
                        <li>{ format!("{} · {} × {} · {}", p.date.map(|d| d.to_string()).unwrap_or_default(), p.product, p.quantity, money(p.total_fen())) }</li>
                    }) }
                </ul>
                { for run_out.iter().map(|(product, on)| html! { <p>{ format!("{product} · {} {on}", T::RunsOutOn.get(l)) }</p> }) }
            </section>
            if sensitive {
                <section class="pc-section pc-measurements">
                    <h2>{ T::CardHairChange.get(l) }</h2>
                    { match found {
                        None => html! { <p>{ T::NoComparison.get(l) }</p> },
                        Some(list) => html! {
                            <>
                                <p><strong>{ summary(&list).get(l).to_string() }</strong></p>
                                <ul>{ for list.iter().map(|change| html! { <li>{ change.text.get(l).to_string() }</li> }) }</ul>
                            </>
                        },
                    } }
                </section>
            }
            <section class="pc-section pc-next">
                <h2>{ T::PrintNextFollowUp.get(l) }</h2>
                if coming.is_empty() { <p>{ T::NoPlan.get(l) }</p> }
                <ul>
                    { for coming.iter().map(|item| html! {
                        <li>
                            { format!("{} · {}", item.due, item.reason.label(today).get(l)) }
                            if item.due < today { <strong>{ format!(" · {}", T::Overdue.get(l)) }</strong> }
                        </li>
                    }) }
                </ul>
            </section>
        </section>
    }
}
