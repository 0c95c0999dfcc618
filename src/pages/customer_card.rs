//! 顾客档案: what staff need when a customer walks in — how to address them, what
//! they look like, what they bought and where they use it, when they last came, how
//! their hair changed, a kind word about their life, the follow-ups due and their
//! classification. From here staff edit the record, log a visit, withdraw a consent
//! or delete the customer (confirmed twice).

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{now_ms, AppContext, Route};
use crate::domain::classify::{activity, value_class, ClassThresholds};
use crate::domain::notices::Notice;
use crate::domain::progress::{changes, first_and_latest, summary, Trend};
use crate::domain::care::{money, net_bought_fen};
use crate::domain::plan::{current_items, run_out_dates, PlanItem, Product};
use crate::domain::{ConsentKind, ConsentRecord, ContactMethod};
use crate::i18n::{self, label_of, Label, Lang, Msg, T};
use crate::pages::customer_edit::CustomerEdit;
use crate::pages::staff_search::{gender_label, today};
use crate::pages::purchase_form::PurchaseForm;
use crate::pages::visit_form::VisitForm;
use crate::storage::CustomerFile;

#[derive(Properties, PartialEq)]
pub struct CustomerCardProps {
    pub id: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    View,
    Edit,
    Visit,
    Purchase,
    /// Deleting: how many confirmations given so far (0 or 1).
    Delete(u8),
    Deleted,
}

pub fn method_label(method: ContactMethod) -> T {
    method.label()
}

/// A stored time as the tablet's local date and time.
pub fn local_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

#[function_component(CustomerCard)]
pub fn customer_card(props: &CustomerCardProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let file = use_state(|| None::<Result<Option<Rc<CustomerFile>>, Msg>>);
    // Bumped to read the record again after a change.
    let version = use_state(|| 0u32);
    let mode = use_state(|| Mode::View);
    let flash = use_state(|| None::<T>);
    let busy = use_state(|| false);
    // Why the last delete failed (nothing was deleted: it is one transaction).
    let failed = use_state(|| None::<Msg>);
    let l = ctx.lang;

    {
        let (db, file) = (ctx.db.clone(), file.clone());
        use_effect_with((props.id.clone(), *version), move |(id, _)| {
            let id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                file.set(Some(db.customer_file(&id).await.map(|f| f.map(Rc::new)).map_err(|e| e.message())));
            });
        });
    }
    // Each mode starts at the top of the screen.
    use_effect_with(*mode, |_| gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0));

    let back = html! { <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>> };
    if *mode == Mode::Deleted {
        return html! {
            <section class="card-page narrow">
                <p class="status done" role="status">{ ctx.t(T::Deleted) }</p>
                { back }
            </section>
        };
    }
    let file_state = file.clone();
    let file = match &*file {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => {
            return html! {
                <section class="card-page narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back }</section>
            }
        }
        Some(Ok(Some(file))) => file.clone(),
    };

    let set_mode = |m: Mode| {
        let (mode, flash) = (mode.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            mode.set(m)
        })
    };
    // The saved message comes with the record read again, never over the old one.
    let done = |message: T| {
        let (mode, flash, version, file) = (mode.clone(), flash.clone(), version.clone(), file_state.clone());
        Callback::from(move |_: ()| {
            file.set(None);
            flash.set(Some(message));
            mode.set(Mode::View);
            version.set(*version + 1);
        })
    };
    let cancel = {
        let mode = mode.clone();
        Callback::from(move |_: ()| mode.set(Mode::View))
    };

    match *mode {
        Mode::Edit => return html! { <CustomerEdit file={file.clone()} on_saved={done(T::DetailsSaved)} on_cancel={cancel} /> },
        Mode::Visit => return html! { <VisitForm customer={Rc::new(file.customer.clone())} on_saved={done(T::VisitSaved)} on_cancel={cancel} /> },
        Mode::Purchase => return html! { <PurchaseForm customer={Rc::new(file.customer.clone())} on_saved={done(T::PurchaseSaved)} on_cancel={cancel} /> },
        _ => {}
    }

    let delete = {
        let (ctx, mode, busy, failed, id) = (ctx.clone(), mode.clone(), busy.clone(), failed.clone(), file.customer.id.clone());
        Callback::from(move |_: MouseEvent| match *mode {
            Mode::Delete(0) => mode.set(Mode::Delete(1)),
            Mode::Delete(_) if !*busy => {
                busy.set(true);
                let (ctx, mode, busy, failed, id) = (ctx.clone(), mode.clone(), busy.clone(), failed.clone(), id.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let by = ctx.staff.as_ref().map(|s| s.name.clone()).unwrap_or_default();
                    match ctx.db.delete_customer(&id, &by, &ctx.settings.stamp(now_ms())).await {
                        Ok(_) => {
                            ctx.search.remove(&id);
                            mode.set(Mode::Deleted);
                        }
                        Err(e) => {
                            failed.set(Some(e.message()));
                            mode.set(Mode::View);
                        }
                    }
                    busy.set(false);
                });
            }
            _ => {}
        })
    };

    let c = &file.customer;
    let today = today();
    html! {
        <section class="card-page">
            <div class="card-actions">
                { back }
                <button class="btn big primary" onclick={set_mode(Mode::Visit)}>{ ctx.t(T::LogVisit) }</button>
                <button class="btn big" onclick={set_mode(Mode::Purchase)}>{ ctx.t(T::LogPurchase) }</button>
                <button class="btn big" onclick={set_mode(Mode::Edit)}>{ ctx.t(T::EditDetails) }</button>
                <Link<Route> to={Route::CustomerProgress { id: c.id.clone() }} classes="btn big">{ ctx.t(T::HairProgress) }</Link<Route>>
            </div>
            if let Some(message) = *flash { <p class="status done" role="status">{ "✓ " }{ ctx.t(message) }</p> }
            <crate::pages::card_aftercare::SavedNote />
            <div class="card-grid">
                <div class="card-col">
                    { who(&file, today, l) }
                    { classification(&file, today, &ctx.settings.class_thresholds, l) }
                    { notes_section(T::CardLife, &[(T::LifeNotes, &c.life_notes), (T::Occupation, &c.occupation), (T::Hobbies, &c.hobbies)], l) }
                    { notes_section(T::CardStaffNotes, &[(T::Consultant, &c.consultant), (T::ConsultationAdvice, &c.consultation_advice), (T::Notes, &c.notes)], l) }
                </div>
                <div class="card-col">
                    { visits(&file, today, l) }
                    { hair_change(&file, l) }
                    { products(&file, &ctx.settings.products, l) }
                </div>
            </div>
            <crate::pages::card_aftercare::AftercareSections customer_id={c.id.clone()} />
            <ConsentList customer_id={c.id.clone()} consents={Rc::new(file.consents.clone())} on_change={done(T::WithdrawDone)} />
            <crate::pages::customer_export::ExportCopy customer_id={c.id.clone()} />
            <section class="card-section danger-zone">
                <h2>{ ctx.t(T::DeleteCustomer) }</h2>
                if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                { match *mode {
                    Mode::Delete(stage) => html! {
                        <div class="confirm" role="alertdialog" aria-labelledby="delete-question">
                            <p id="delete-question" class="lead">{ ctx.t(if stage == 0 { T::DeleteConfirm1 } else { T::DeleteConfirm2 }) }</p>
                            <div class="actions">
                                <button class="btn big" onclick={set_mode(Mode::View)}>{ ctx.t(T::Cancel) }</button>
                                <button class="btn big danger" onclick={delete} disabled={*busy}>
                                    { ctx.t(if stage == 0 { T::DeleteYes } else { T::DeleteForever }) }
                                </button>
                            </div>
                        </div>
                    },
                    _ => html! { <button class="btn big danger" onclick={set_mode(Mode::Delete(0))}>{ ctx.t(T::DeleteCustomer) }</button> },
                } }
            </section>
        </section>
    }
}

/// The head of the card: how to address the customer, and who they are.
fn who(file: &CustomerFile, today: NaiveDate, l: Lang) -> Html {
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

fn classification(file: &CustomerFile, today: NaiveDate, thresholds: &ClassThresholds, l: Lang) -> Html {
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

fn notes_section(title: T, notes: &[(T, &Option<String>)], l: Lang) -> Html {
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
fn visits(file: &CustomerFile, today: NaiveDate, l: Lang) -> Html {
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
                        <p class="log-head">{ [local_time(f.at), f.method.map(|m| method_label(m).get(l).to_string()).unwrap_or_default(), f.by_staff.clone()]
                            .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ") }</p>
                        <p>{ f.content.clone() }</p>
                        if !f.result.is_empty() { <p class="muted-strong">{ Msg::new(T::LabelValue).arg(T::VisitResult).arg(&f.result).get(l) }</p> }
                    </li>
                }) }
            </ul>
        </section>
    }
}

fn products(file: &CustomerFile, catalogue: &[Product], l: Lang) -> Html {
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

fn hair_change(file: &CustomerFile, l: Lang) -> Html {
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

#[derive(Properties, PartialEq)]
struct ConsentListProps {
    customer_id: String,
    consents: Rc<Vec<ConsentRecord>>,
    on_change: Callback<()>,
}

/// The customer's consents, each withdrawable with one tap (and one confirmation
/// that says what withdrawal deletes).
#[function_component(ConsentList)]
fn consent_list(props: &ConsentListProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let asking = use_state(|| None::<ConsentKind>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<Msg>);
    let l = ctx.lang;
    let latest = |kind: ConsentKind| props.consents.iter().filter(|c| c.kind == kind).max_by_key(|c| c.at);
    let withdraw = {
        let (ctx, asking, busy, error, id, on_change) =
            (ctx.clone(), asking.clone(), busy.clone(), error.clone(), props.customer_id.clone(), props.on_change.clone());
        Callback::from(move |kind: ConsentKind| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, asking, busy, error, id, on_change) = (ctx.clone(), asking.clone(), busy.clone(), error.clone(), id.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let by = ctx.staff.as_ref().map(|s| s.name.clone()).unwrap_or_default();
                let done = ctx.db.withdraw_consent(&id, kind, &by, &ctx.settings.stamp(now_ms())).await;
                busy.set(false);
                asking.set(None);
                match done {
                    Ok(()) => {
                        error.set(None);
                        on_change.emit(());
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        })
    };
    html! {
        <section class="card-section consents">
            <h2>{ ctx.t(T::CardConsents) }</h2>
            if let Some(e) = &*error { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <ul class="consent-list">
                { for [ConsentKind::PersonalInfo, ConsentKind::SensitiveInfo, ConsentKind::Marketing].into_iter().map(|kind| {
                    let record = latest(kind);
                    let (state, active) = match record {
                        Some(r) if r.withdrawn_at.is_some() => (format!("{} {}", T::ConsentWithdrawnAt.get(l), local_time(r.withdrawn_at.unwrap_or_default())), false),
                        Some(r) if r.granted => (format!("{} {}", T::ConsentGiven.get(l), local_time(r.at)), true),
                        _ => (T::ConsentNotGiven.get(l).to_string(), false),
                    };
                    let title = Notice::for_kind(kind).title(l);
                    let ask = { let asking = asking.clone(); Callback::from(move |_: MouseEvent| asking.set(Some(kind))) };
                    let no = { let asking = asking.clone(); Callback::from(move |_: MouseEvent| asking.set(None)) };
                    let yes = withdraw.reform(move |_: MouseEvent| kind);
                    html! {
                        <li>
                            <div class="consent-state"><strong>{ title }</strong><span>{ state }</span></div>
                            if active && kind == ConsentKind::PersonalInfo { <p class="hint">{ ctx.t(T::WithdrawPersonalHint) }</p> }
                            else if active && *asking == Some(kind) {
                                <div class="confirm" role="alertdialog">
                                    <p class="lead">{ ctx.t(if kind == ConsentKind::SensitiveInfo { T::WithdrawSensitiveWarn } else { T::WithdrawMarketingWarn }) }</p>
                                    <div class="actions">
                                        <button class="btn big" onclick={no}>{ ctx.t(T::Cancel) }</button>
                                        <button class="btn big danger" onclick={yes} disabled={*busy}>{ ctx.t(T::Withdraw) }</button>
                                    </div>
                                </div>
                            } else if active { <button class="btn" onclick={ask}>{ ctx.t(T::Withdraw) }</button> }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
