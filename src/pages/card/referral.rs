//! The card's 转介绍: who referred this customer — linked by staff to the referrer's
//! record, found with the staff search from the name written at registration — and
//! whom this customer referred.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::referral::referred_by;
use crate::domain::search::Query;
use crate::domain::{Customer, InfoSource};
use crate::hooks::use_customer_rows;
use crate::i18n::{Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub customer: Rc<Customer>,
    pub on_change: Callback<()>,
}

#[function_component(ReferralSection)]
pub fn referral_section(props: &Props) -> Html {
    let ctx = use_app();
    let rows = use_customer_rows();
    let c = &props.customer;
    let written = match &c.info_source {
        Some(InfoSource::Referral(name)) => Some(name.clone()),
        _ => None,
    };
    let query = use_state(|| written.clone().unwrap_or_default());
    let failed = use_state(|| None::<Msg>);
    let busy = use_state(|| false);
    let l = ctx.lang;
    if !matches!(rows, Some(Ok(()))) {
        return html! {};
    }
    let name_of = |id: &str| ctx.search.with(|i| i.get(id).map(|e| e.name.clone())).flatten();
    let theirs: Vec<(String, String)> = ctx.search.with(|i| referred_by(i.entries(), &c.id).into_iter().map(|e| (e.id.clone(), e.name.clone())).collect()).unwrap_or_default();
    let link = |referrer: String| {
        let (ctx, failed, busy, id, on_change) = (ctx.clone(), failed.clone(), busy.clone(), c.id.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, failed, busy, id, on_change, referrer) = (ctx.clone(), failed.clone(), busy.clone(), id.clone(), on_change.clone(), referrer.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::referral::link(&ctx, &id, Some(&referrer)).await {
                    Ok(()) => on_change.emit(()),
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let finder = if c.referred_by.is_none() && written.is_some() {
        let hits: Vec<(String, String, String)> = if query.trim().is_empty() {
            Vec::new()
        } else {
            ctx.search
                .with(|i| {
                    i.search_top(&Query::parse(&query), 6)
                        .iter()
                        .map(|h| i.entry(h))
                        .filter(|e| e.id != c.id)
                        .take(5)
                        .map(|e| (e.id.clone(), e.name.clone(), format!("{} {}", T::PhoneTail.get(l), e.phone_tail())))
                        .collect()
                })
                .unwrap_or_default()
        };
        let oninput = {
            let query = query.clone();
            Callback::from(move |v: String| query.set(v))
        };
        html! {
            <div class="referrer-finder">
                <TextField id="referrer-search" label={ctx.t(T::FindReferrer)} value={(*query).clone()} {oninput} lang={l} />
                <ul class="log">
                    { for hits.into_iter().map(|(id, name, tail)| html! {
                        <li class="product-row">
                            <span>{ format!("{name} · {tail}") }</span>
                            <button class="btn big" onclick={link(id)} disabled={*busy}>{ ctx.t(T::LinkThisReferrer) }</button>
                        </li>
                    }) }
                </ul>
            </div>
        }
    } else {
        html! {}
    };
    html! {
        <section class="card-section card-referral">
            <h2>{ ctx.t(T::CardReferral) }</h2>
            if let Some(referrer) = &c.referred_by {
                <p class="big-fact">
                    { Msg::new(T::LabelValue).arg(T::ReferredByLinked).arg("").get(l) }
                    <Link<Route> to={Route::Customer { id: referrer.clone() }} classes="due-name">{ name_of(referrer).unwrap_or_default() }</Link<Route>>
                </p>
            } else if let Some(name) = &written {
                <p>{ Msg::new(T::ReferredByWritten).arg(name.as_str()).get(l) }</p>
            }
            { finder }
            if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <h3>{ ctx.t(T::TheyReferred) }</h3>
            if theirs.is_empty() { <p class="note muted">{ ctx.t(T::NoReferrals) }</p> }
            <ul class="log referred-list">
                { for theirs.into_iter().map(|(id, name)| html! {
                    <li><Link<Route> to={Route::Customer { id }} classes="due-name">{ name }</Link<Route>></li>
                }) }
            </ul>
        </section>
    }
}
