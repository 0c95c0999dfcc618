//! On the today list: the month's referrers still to thank, each with whom they
//! brought and one tap to log the thank-you call. On the staff home, right after a
//! registration: each new customer's referrer as written, to link to the referrer's
//! record with the staff search (staff only: it tells who is a customer).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::referral::to_thank;
use crate::domain::stats::Month;
use crate::hooks::{use_customer_rows, use_load};
use crate::i18n::{Msg, T};
use crate::route::Route;

#[function_component(ThankReferrers)]
pub fn thank_referrers() -> Html {
    let ctx = use_app();
    let rows = use_customer_rows();
    let version = use_state(|| 0u32);
    let failed = use_state(|| None::<Msg>);
    let busy = use_state(|| false);
    let l = ctx.lang;
    if !matches!(rows, Some(Ok(()))) {
        return html! {};
    }
    let month = Month::of(ctx.clock.today());
    // (referrer id, referrer name, referred id, referred name, first visit)
    let list: Vec<(String, String, String, String, String)> = ctx
        .search
        .with(|i| {
            let referred: Vec<&crate::domain::search::Entry> = i.entries().filter(|e| e.referred_by.is_some()).collect();
            to_thank(&referred, |id| i.get(id), month.first_day(), month.next().first_day())
                .into_iter()
                .map(|(e, r)| (r.id.clone(), r.name.clone(), e.id.clone(), e.name.clone(), e.first_visit.map(|d| d.to_string()).unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let _ = *version;
    if list.is_empty() {
        return html! {};
    }
    let thank = |referrer: &str, referred: &str, name: &str| {
        let (ctx, version, failed, busy) = (ctx.clone(), version.clone(), failed.clone(), busy.clone());
        let (referrer, referred, name) = (referrer.to_string(), referred.to_string(), name.to_string());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, version, failed, busy, referrer, referred, name) = (ctx.clone(), version.clone(), failed.clone(), busy.clone(), referrer.clone(), referred.clone(), name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::referral::thank(&ctx, &referrer, &referred, &name).await {
                    Ok(()) => {
                        failed.set(None);
                        version.set(*version + 1);
                    }
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <section class="card-section referrers-to-thank">
            <h2>{ ctx.t(T::ThankTitle) }</h2>
            if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <ul class="due-list">
                { for list.iter().map(|(rid, rname, eid, ename, first)| html! {
                    <li class="due-row">
                        <div class="due-who">
                            <Link<Route> to={Route::Customer { id: rid.clone() }} classes="due-name">{ rname.clone() }</Link<Route>>
                        </div>
                        <p class="due-reasons">{ Msg::new(T::ThankLine).arg(ename.as_str()).arg(first.as_str()).get(l) }</p>
                        <button class="btn big primary" onclick={thank(rid, eid, ename)} disabled={*busy}>{ ctx.t(T::Thanked) }</button>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// "推荐人：X — 关联": the customers registered in the last days whose referrer was
/// written but not linked, each with the records the same name search finds and one
/// tap to link one; nothing when there are none.
#[function_component(LinkNewReferrers)]
pub fn link_new_referrers() -> Html {
    let ctx = use_app();
    let version = use_state(|| 0u32);
    let loaded = use_load(*version, |ctx, _| async move { actions::referral::new_to_link(&ctx).await });
    let failed = use_state(|| None::<Msg>);
    let linked = use_state(|| false);
    let busy = use_state(|| false);
    let l = ctx.lang;
    let (list, total) = match &*loaded {
        Some(Ok(found)) => found.clone(),
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        None => (Vec::new(), 0),
    };
    let done = html! { if *linked { <p class="status" role="status">{ ctx.t(T::ReferrerLinked) }</p> } };
    if list.is_empty() {
        return done;
    }
    let link = |customer: &str, referrer: &str| {
        let (ctx, version, failed, linked, busy) = (ctx.clone(), version.clone(), failed.clone(), linked.clone(), busy.clone());
        let (customer, referrer) = (customer.to_string(), referrer.to_string());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, version, failed, linked, busy, customer, referrer) = (ctx.clone(), version.clone(), failed.clone(), linked.clone(), busy.clone(), customer.clone(), referrer.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::referral::link(&ctx, &customer, Some(&referrer)).await {
                    Ok(()) => {
                        failed.set(None);
                        linked.set(true);
                        version.set(*version + 1);
                    }
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <section class="card-section referrers-to-link">
            <h2>{ ctx.t(T::LinkReferrersTitle) }</h2>
            <p class="hint">{ ctx.t(T::LinkReferrersHint) }</p>
            { done }
            if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <ul class="due-list">
                { for list.iter().map(|row| html! {
                    <li class="due-row to-link">
                        <div class="due-who">
                            <Link<Route> to={Route::Customer { id: row.id.clone() }} classes="due-name">
                                { Msg::new(T::NewCustomerLine).arg(row.name.as_str()).arg(row.first_visit.as_str()).get(l) }
                            </Link<Route>>
                        </div>
                        <p class="due-reasons"><strong>{ Msg::new(T::ReferrerToLink).arg(row.written.as_str()).get(l) }</strong></p>
                        if row.candidates.is_empty() { <p class="note">{ ctx.t(T::NoReferrerFound) }</p> }
                        <ul class="log candidates">
                            { for row.candidates.iter().map(|c| html! {
                                <li class="product-row">
                                    <span>{ Msg::new(T::CandidateLine).arg(c.name.as_str()).arg(c.phone_tail.as_str()).get(l) }</span>
                                    <button class="btn big" onclick={link(&row.id, &c.id)} disabled={*busy}
                                        aria-label={Msg::new(T::LinkReferrerAria).arg(c.name.as_str()).arg(c.phone_tail.as_str()).get(l)}>{ ctx.t(T::LinkReferrer) }</button>
                                </li>
                            }) }
                        </ul>
                    </li>
                }) }
            </ul>
            if total > list.len() { <p class="note">{ Msg::new(T::MoreToLink).arg(total - list.len()).get(l) }</p> }
        </section>
    }
}
