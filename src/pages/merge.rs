//! 合并两份顾客资料 (staff): when one person has two records — registered twice, or for
//! any other reason — staff pick the other record, see both side by side, choose which
//! to keep, and merge (asked twice). Everything recorded about the other moves over.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::nav::{back_to_card, back_to_search, Saved};
use crate::context::use_app;
use crate::domain::search::Query;
use crate::hooks::{use_customer_rows, use_load};
use crate::i18n::{self, label_of, Msg, T};
use crate::route::Route;
use crate::storage::CustomerFile;

#[derive(Properties, PartialEq)]
pub struct MergePickProps {
    pub id: String,
}

/// Finding the other record with the staff search.
#[function_component(MergePick)]
pub fn merge_pick(props: &MergePickProps) -> Html {
    let ctx = use_app();
    let rows = use_customer_rows();
    let text = use_state(String::new);
    let l = ctx.lang;
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let found: Vec<(String, String, String)> = match (&rows, text.trim().is_empty()) {
        (Some(Ok(())), false) => ctx
            .search
            .with(|index| {
                index
                    .search_top(&Query::parse(&text), 11)
                    .iter()
                    .map(|hit| index.entry(hit))
                    .filter(|e| e.id != props.id)
                    .take(10)
                    .map(|e| (e.id.clone(), e.name.clone(), e.phone_tail().to_string()))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    html! {
        <section class="narrow merge-pick">
            <h1>{ ctx.t(T::MergeTitle) }</h1>
            <p class="lead">{ ctx.t(T::MergeIntro) }</p>
            <label for="merge-search" class="search-label">{ ctx.t(T::MergeFind) }</label>
            <input id="merge-search" type="search" value={(*text).clone()} {oninput} autocomplete="off" />
            <ul class="results">
                { for found.into_iter().map(|(other, name, tail)| html! {
                    <li>
                        <Link<Route> to={Route::Merge { id: props.id.clone(), other }} classes="result">
                            <span class="result-name">{ name }</span>
                            <span class="result-facts">{ format!("{} {tail}", T::PhoneTail.get(l)) }</span>
                        </Link<Route>>
                    </li>
                }) }
            </ul>
            <div class="actions">{ back_to_card(&props.id, T::Cancel, l) }</div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct MergeProps {
    pub id: String,
    pub other: String,
}

/// Both records side by side; which one is kept; merge, asked twice.
#[function_component(Merge)]
pub fn merge(props: &MergeProps) -> Html {
    let ctx = use_app();
    let navigator = use_navigator().expect("inside a router");
    let files = use_load((props.id.clone(), props.other.clone()), |ctx, (a, b)| async move {
        let first = actions::customer::file(&ctx, &a).await?;
        let second = actions::customer::file(&ctx, &b).await?;
        Ok(first.zip(second).map(|(x, y)| (Rc::new(x), Rc::new(y))))
    });
    // Which of the two is kept: the one registered first, unless staff choose.
    let keep_first = use_state(|| None::<bool>);
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let failed = use_state(|| None::<Msg>);
    let l = ctx.lang;
    let (a, b) = match &*files {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_to_search(l) }</section> },
        Some(Ok(Some((a, b)))) => (a.clone(), b.clone()),
    };
    let first_is_older = a.customer.meta.created_at <= b.customer.meta.created_at;
    let keep_a = keep_first.unwrap_or(first_is_older);
    let (keep, other) = if keep_a { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let choose = |first: bool| {
        let (keep_first, asking) = (keep_first.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            keep_first.set(Some(first));
        })
    };
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let no = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    let run = {
        let (ctx, busy, failed, navigator) = (ctx.clone(), busy.clone(), failed.clone(), navigator.clone());
        let (keep_id, other_id) = (keep.customer.id.clone(), other.customer.id.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, busy, failed, navigator, keep_id, other_id) = (ctx.clone(), busy.clone(), failed.clone(), navigator.clone(), keep_id.clone(), other_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::customer::merge(&ctx, &keep_id, &other_id).await {
                    Ok(_) => navigator.push_with_state(&Route::Customer { id: keep_id }, Saved::new(T::MergeDone)),
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let today = ctx.clock.today();
    let column = |file: &CustomerFile, first: bool| {
        let kept = first == keep_a;
        let c = &file.customer;
        let rows: Vec<(T, String)> = vec![
            (T::Name, c.name.clone()),
            (T::Phone, c.phone.clone()),
            (T::Gender, label_of(c.gender, l).unwrap_or_default().to_string()),
            (T::BirthDate, c.birth_date.map(|d| d.to_string()).unwrap_or_default()),
            (T::LastVisit, c.last_visit.or(c.first_visit).map(|d| i18n::day_ago(d, today).get(l)).unwrap_or_default()),
            (T::CardFollowUps, file.follow_ups.len().to_string()),
            (T::CardProducts, file.purchases.len().to_string()),
            (T::Measurements, file.measurements.len().to_string()),
        ];
        html! {
            <section class={classes!("card-section", "merge-side", kept.then_some("kept"))}>
                <h2>{ if kept { T::MergeKept } else { T::MergeOther }.get(l) }</h2>
                <dl class="facts">
                    { for rows.into_iter().map(|(k, v)| html! { <><dt>{ k.get(l) }</dt><dd>{ if v.is_empty() { T::NotFilled.get(l).to_string() } else { v } }</dd></> }) }
                </dl>
                if !kept {
                    <button class="btn big" onclick={choose(first)}>{ ctx.t(T::MergeKeep) }</button>
                } else {
                    <p class="status"><span aria-hidden="true">{ "✓ " }</span>{ ctx.t(T::MergeKeep) }</p>
                }
            </section>
        }
    };
    html! {
        <section class="merge-page">
            <h1>{ ctx.t(T::MergeTitle) }</h1>
            <p class="lead">{ ctx.t(T::MergeIntro) }</p>
            <div class="card-grid">
                <div class="card-col">{ column(&a, true) }</div>
                <div class="card-col">{ column(&b, false) }</div>
            </div>
            if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            if *asking {
                <div class="confirm" role="alertdialog" aria-labelledby="merge-question">
                    <p id="merge-question" class="lead">{ ctx.t(T::MergeConfirm) }</p>
                    <div class="actions">
                        <button class="btn big" onclick={no}>{ ctx.t(T::Cancel) }</button>
                        <button class="btn big danger" onclick={run} disabled={*busy}>{ ctx.t(T::MergeDo) }</button>
                    </div>
                </div>
            } else {
                <div class="actions">
                    { back_to_card(&props.id, T::Cancel, l) }
                    <button class="btn big primary" onclick={ask}>{ ctx.t(T::MergeDo) }</button>
                </div>
            }
        </section>
    }
}
