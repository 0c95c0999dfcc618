//! 查找顾客: the staff search box. Every keystroke searches the in-memory index (never
//! IndexedDB); a keystroke that only adds to the end of the query searches the
//! previous results only. The first 50 results are shown, best first, each one tap
//! from the customer's card.

use std::rc::Rc;

use yew::prelude::*;

use crate::context::use_app;
use crate::actions;
use crate::components::result_row::result_list;
use crate::domain::search::{Hit, Query};
use crate::i18n::{T, Msg};

use crate::components::result_row::SHOWN;

#[function_component(CustomerSearch)]
pub fn customer_search() -> Html {
    let ctx = use_app();
    let nav = yew_router::prelude::use_navigator().expect("inside a router");
    let ready = use_state(|| ctx.search.is_ready());
    let failed = use_state(|| None::<crate::i18n::Msg>);
    let text = use_state(String::new);
    let hits = use_state(|| Rc::new(Vec::<Hit>::new()));
    // The last query and its hits, for narrowing; not state, as it never draws.
    let previous = use_mut_ref(|| None::<(Query, Rc<Vec<Hit>>)>);
    let input = use_node_ref();
    let l = ctx.lang;

    {
        let (ctx, ready, failed, input) = (ctx.clone(), ready.clone(), failed.clone(), input.clone());
        use_effect_with((), move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            if !*ready {
                wasm_bindgen_futures::spawn_local(async move {
                    match actions::lists::load_rows(&ctx).await {
                        Ok(()) => ready.set(true),
                        Err(e) => failed.set(Some(e)),
                    }
                });
            }
        });
    }

    let run = {
        let (search, hits, previous) = (ctx.search.clone(), hits.clone(), previous.clone());
        move |typed: &str| {
            let query = Query::parse(typed);
            let found = search.with(|index| {
                let last = previous.borrow();
                match &*last {
                    Some((q, h)) if query.narrows(q) => index.search_within(&query, h, SHOWN),
                    _ => index.search_top(&query, SHOWN),
                }
            });
            // Typed before the index was ready (`with` answered None): nothing to narrow
            // from later (the same text, run again once it is ready, would search within
            // no hits at all).
            let ready = found.is_some();
            let found = Rc::new(found.unwrap_or_default());
            *previous.borrow_mut() = ready.then(|| (query, found.clone()));
            hits.set(found);
        }
    };
    // The index may finish loading after something was typed.
    {
        let (run, text) = (run.clone(), text.clone());
        use_effect_with(*ready, move |ready| {
            if *ready && !text.is_empty() {
                run(&text);
            }
        });
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            run(&value);
            text.set(value);
        })
    };

    let today = ctx.clock.today();
    let list = ctx.search.with(|index| result_list(hits.iter().take(SHOWN).map(|h| index.entry(h)), today, l, &nav)).unwrap_or_default();
    let total = ctx.search.with(|index| index.len()).unwrap_or(0);
    let status = if let Some(e) = &*failed {
        html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
    } else if !*ready {
        html! { <p class="status" role="status">{ ctx.t(T::SearchPreparing) }</p> }
    } else if text.trim().is_empty() {
        html! { <p class="status">{ Msg::new(T::CustomersOnTabletCount).arg(total).get(l) }</p> }
    } else if hits.is_empty() {
        html! { <p class="status" role="status">{ ctx.t(T::SearchNone) }</p> }
    } else {
        html! {
            <p class="status" role="status">
                { if hits.len() > SHOWN { Msg::new(T::SearchFoundMany).arg(hits.len()).arg(SHOWN) } else { Msg::new(T::SearchFoundCount).arg(hits.len()) }.get(l) }
            </p>
        }
    };
    html! {
        <section class="customer-search" aria-labelledby="customer-search-label">
            <label id="customer-search-label" for="customer-search" class="search-label">{ ctx.t(T::SearchLabel) }</label>
            <p class="hint" id="customer-search-hint">{ ctx.t(T::SearchHint) }</p>
            <input id="customer-search" ref={input} type="search" value={(*text).clone()} {oninput}
                autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="customer-search-hint" />
            { status }
            { list }
        </section>
    }
}

