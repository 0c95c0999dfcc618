//! "可能是同一个人": a registration that matched earlier customers (the same phone, or
//! the same name and birth date) shows them here, for staff to merge or to dismiss.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::Customer;
use crate::hooks::use_customer_rows;
use crate::i18n::{self, Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub(super) struct PossibleDuplicatesProps {
    pub customer: Rc<Customer>,
    pub on_change: Callback<()>,
}

#[function_component(PossibleDuplicates)]
pub(super) fn possible_duplicates(props: &PossibleDuplicatesProps) -> Html {
    let ctx = use_app();
    let rows = use_customer_rows();
    let failed = use_state(|| None::<Msg>);
    let l = ctx.lang;
    let today = ctx.clock.today();
    if props.customer.possible_duplicates.is_empty() || !matches!(rows, Some(Ok(()))) {
        return html! {};
    }
    // Candidates erased or merged since are no longer shown.
    let others: Vec<(String, String, String, String)> = props
        .customer
        .possible_duplicates
        .iter()
        .filter_map(|id| {
            ctx.search.with(|index| {
                index.get(id).map(|e| {
                    let visit = e.last_visit.map(|d| i18n::day_ago(d, today).get(l)).unwrap_or_else(|| T::NoVisitYet.get(l).into());
                    (e.id.clone(), e.name.clone(), e.phone_tail().to_string(), visit)
                })
            })?
        })
        .collect();
    if others.is_empty() {
        return html! {};
    }
    let dismiss = |other: String| {
        let (ctx, id, failed, on_change) = (ctx.clone(), props.customer.id.clone(), failed.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (ctx, id, other, failed, on_change) = (ctx.clone(), id.clone(), other.clone(), failed.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::customer::not_the_same_person(&ctx, &id, &other).await {
                    Ok(()) => on_change.emit(()),
                    Err(e) => failed.set(Some(e)),
                }
            });
        })
    };
    html! {
        <section class="card-section possible-duplicates" aria-labelledby="dup-title">
            <h2 id="dup-title"><span aria-hidden="true">{ "⚠ " }</span>{ ctx.t(T::DuplicateOfTitle) }</h2>
            <p class="hint">{ ctx.t(T::DuplicateOfHint) }</p>
            if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <ul class="log">
                { for others.into_iter().map(|(other, name, tail, visit)| html! {
                    <li class="product-row">
                        <span>{ format!("{name} · {} {tail} · {} {visit}", T::PhoneTail.get(l), T::LastVisit.get(l)) }</span>
                        <span class="actions">
                            <Link<Route> to={Route::Merge { id: props.customer.id.clone(), other: other.clone() }} classes="btn big primary">{ ctx.t(T::CompareAndMerge) }</Link<Route>>
                            <button class="btn big" onclick={dismiss(other)}>{ ctx.t(T::NotSamePerson) }</button>
                        </span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
