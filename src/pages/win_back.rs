//! 揽回流失顾客 (staff): the lost customers, most recently lost first, each with the
//! last visit and the last contact; choosing one prepares the store's win-back letter,
//! addressed to them, to edit and print. The list comes from the in-memory search
//! index (no scan of the customers store); only the shown customers' follow-ups are
//! read.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::context::use_app;
use crate::domain::search::Entry;
use crate::domain::win_back::{letter, lost_customers};
use crate::domain::{FollowUpEntry};
use crate::i18n::{Label, self, T, Msg};
use crate::actions;
use crate::clock::local_time;
use crate::components::result_row::SHOWN;
use crate::hooks::use_load;

#[function_component(WinBack)]
pub fn win_back() -> Html {
    let ctx = use_app();
    let lost = use_state(|| None::<Result<Rc<Vec<Entry>>, Msg>>);
    let shown = use_state(|| SHOWN);
    let contacts = use_state(|| Rc::new(HashMap::<String, FollowUpEntry>::new()));
    let chosen = use_state(|| None::<Entry>);
    let l = ctx.lang;

    {
        let (ctx, lost) = (ctx.clone(), lost.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = actions::lists::load_rows(&ctx).await {
                    return lost.set(Some(Err(e)));
                }
                let list = ctx.search.with(|index| lost_customers(index.entries(), ctx.clock.today(), &ctx.settings.store.class_thresholds).into_iter().cloned().collect());
                lost.set(Some(Ok(Rc::new(list.unwrap_or_default()))));
            });
        });
    }
    // The last contact of each shown customer, read when more are shown.
    {
        let (ctx, contacts) = (ctx.clone(), contacts.clone());
        let wanted: Vec<String> = match &*lost {
            Some(Ok(list)) => list.iter().take(*shown).map(|e| e.id.clone()).collect(),
            _ => Vec::new(),
        };
        use_effect_with(wanted, move |wanted| {
            let missing: Vec<String> = wanted.iter().filter(|id| !contacts.contains_key(*id)).cloned().collect();
            if !missing.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    // Without them the list still shows; the last contact stays empty.
                    if let Ok(found) = actions::lists::latest_contacts(&ctx, &missing).await {
                        let mut all = (**contacts).clone();
                        all.extend(found);
                        contacts.set(Rc::new(all));
                    }
                });
            }
        });
    }

    if let Some(entry) = &*chosen {
        let back = {
            let chosen = chosen.clone();
            Callback::from(move |_| chosen.set(None))
        };
        return html! { <Letter id={entry.id.clone()} on_back={back} /> };
    }
    let list = match &*lost {
        None => return html! { <p class="status" role="status">{ ctx.t(T::SearchPreparing) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(list)) => list.clone(),
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + SHOWN))
    };
    let today = ctx.clock.today();
    html! {
        <section class="win-back">
            <h1>{ ctx.t(T::WinBack) }</h1>
            <p class="lead">{ ctx.t(T::WinBackIntro) }</p>
            <p class="status" role="status">{ if list.is_empty() { ctx.t(T::WinBackNone).to_string() } else { Msg::new(T::WinBackCountOf).arg(list.len()).get(l) } }</p>
            <ul class="results">
                { for list.iter().take(*shown).map(|entry| {
                    let choose = {
                        let (chosen, entry) = (chosen.clone(), entry.clone());
                        Callback::from(move |_: MouseEvent| chosen.set(Some(entry.clone())))
                    };
                    let visit = match entry.last_visit {
                        Some(day) => format!("{} {}", T::LastVisit.get(l), i18n::day_ago(day, today).get(l)),
                        None => T::NoVisitYet.get(l).to_string(),
                    };
                    let contact = match contacts.get(&entry.id) {
                        Some(f) => {
                            let how = f.method.map(|m| m.label().get(l)).unwrap_or_default();
                            format!("{} {} {how}", T::LastContact.get(l), local_time(f.at))
                        }
                        None => format!("{} {}", T::LastContact.get(l), T::NoFollowUps.get(l)),
                    };
                    html! {
                        <li>
                            <button type="button" class="result" onclick={choose}>
                                <span class="result-name">{ entry.name.clone() }</span>
                                <span class="result-facts">{ format!("{} {}", T::PhoneTail.get(l), entry.phone_tail()) }</span>
                                <span class="result-visit">{ visit }</span>
                                <span class="result-visit">{ contact }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if list.len() > *shown {
                <div class="actions"><button type="button" class="btn big" onclick={more}>{ ctx.t(T::ShowMore) }</button></div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LetterProps {
    /// The customer written to.
    id: String,
    on_back: Callback<()>,
}

/// The letter to one customer: the store's text addressed to them, editable, and a
/// print-only copy of it (a textarea prints badly: cut off, with its scroll bar).
#[function_component(Letter)]
fn letter_view(props: &LetterProps) -> Html {
    let ctx = use_app();
    let customer = use_load(props.id.clone(), |ctx, id| async move { actions::customer::load(&ctx, &id).await.map(|c| c.map(Rc::new)) });
    let text = use_state(String::new);
    // Once staff change the text, a language switch no longer replaces it.
    let edited = use_state(|| false);
    let l = ctx.lang;
    {
        let (text, edited, store, today) = (text.clone(), edited.clone(), ctx.settings.store.store_name.clone(), ctx.clock.today());
        let who = match &*customer {
            Some(Ok(Some(c))) => Some(c.clone()),
            _ => None,
        };
        use_effect_with((who, l), move |(who, l)| {
            if let (Some(c), false) = (who, *edited) {
                text.set(letter(&c.salutation(*l), &store, today, *l));
            }
        });
    }
    let back = props.on_back.reform(|_: MouseEvent| ());
    let back_button = html! { <button type="button" class="btn big" onclick={back}>{ ctx.t(T::BackToList) }</button> };
    match &*customer {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back_button }</section> },
        Some(Ok(None)) => return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_button }</section> },
        Some(Ok(Some(_))) => {}
    }
    let oninput = {
        let (text, edited) = (text.clone(), edited.clone());
        Callback::from(move |e: InputEvent| {
            let area = e.target_unchecked_into::<web_sys::HtmlElement>();
            text.set(js_sys::Reflect::get(&area, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default());
            edited.set(true);
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <section class="win-back letter-view" id="win-back">
            <div class="letter-screen">
                <h1>{ ctx.t(T::LetterTitle) }</h1>
                <label for="win-back-letter" class="search-label">{ ctx.t(T::LetterLabel) }</label>
                <p class="hint" id="win-back-letter-hint">{ ctx.t(T::LetterHint) }</p>
                <textarea id="win-back-letter" class="letter-text" rows="20" value={(*text).clone()} {oninput} aria-describedby="win-back-letter-hint" />
                <div class="actions">
                    { back_button }
                    <button type="button" class="btn big primary" onclick={print}>{ ctx.t(T::PrintLetter) }</button>
                </div>
            </div>
            <div class="print-letter" lang={l.tag()}>
                { for text.split("\n\n").map(|paragraph| html! { <p>{ paragraph.to_string() }</p> }) }
            </div>
        </section>
    }
}
