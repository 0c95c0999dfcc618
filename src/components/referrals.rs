//! On the today list: the month's referrers still to thank, each with whom they
//! brought and one tap to log the thank-you call.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::referral::to_thank;
use crate::domain::stats::Month;
use crate::hooks::use_customer_rows;
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
