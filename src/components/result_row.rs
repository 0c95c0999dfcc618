//! A list of customers (search results, class lists, 我的顾客): each row their name,
//! gender, age, the phone's last digits and the last visit, one tap to their card.
//!
//! The rows are drawn as one piece of HTML (every text escaped), written into the
//! list with one `innerHTML`, and one click handler on the list opens the card of
//! the row tapped. The search redraws its list on every keystroke: fifty rows of
//! Yew nodes (a dozen DOM calls each, and a callback each) took most of a
//! keystroke's time at 100,000 customers; the browser parses one string in a
//! fraction of it.

use chrono::NaiveDate;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::choices::gender_label;
use crate::domain::search::Entry;
use crate::export_doc::escape_into as escape;
use crate::i18n::{self, Lang, T};
use crate::route::Route;

/// How many results are drawn; more would slow the keystroke and nobody reads them.
pub const SHOWN: usize = 50;

/// One row's HTML: `<li><a class="result" href data-id>` name, facts, last visit.
fn push_row(out: &mut String, entry: &Entry, today: NaiveDate, l: Lang, base: &str) {
    let mut facts: Vec<String> = Vec::with_capacity(3);
    if let Some(g) = gender_label(entry.gender) {
        facts.push(g.get(l).to_string());
    }
    if let Some(age) = entry.birth_date.and_then(|b| today.years_since(b)) {
        facts.push(i18n::age(age).get(l));
    }
    if !entry.phone_digits.is_empty() {
        facts.push(format!("{} {}", T::PhoneTail.get(l), entry.phone_tail()));
    }
    let visit = match entry.last_visit {
        Some(day) => format!("{} {}", T::LastVisit.get(l), i18n::day_ago(day, today).get(l)),
        None => T::NoVisitYet.get(l).to_string(),
    };
    let href = format!("{base}{}", Route::Customer { id: entry.id.clone() }.to_path());
    out.push_str("<li><a class=\"result\" href=\"");
    escape(out, &href);
    out.push_str("\" data-id=\"");
    escape(out, &entry.id);
    out.push_str("\"><span class=\"result-name\">");
    escape(out, &entry.name);
    out.push_str("</span><span class=\"result-facts\">");
    escape(out, &facts.join(" · "));
    out.push_str("</span><span class=\"result-visit\">");
    escape(out, &visit);
    out.push_str("</span></a></li>");
}

/// The rows of these customers, as one string of HTML (tests: what is escaped).
pub fn rows_html<'a>(entries: impl IntoIterator<Item = &'a Entry>, today: NaiveDate, l: Lang, base: &str) -> String {
    let mut out = String::new();
    for entry in entries {
        push_row(&mut out, entry, today, l, base);
    }
    out
}

/// A `<ul class="results">` of these customers; a tap on a row opens their card (a
/// plain link's click with a modifier key is left to the browser, as `Link` does).
pub fn result_list<'a>(entries: impl IntoIterator<Item = &'a Entry>, today: NaiveDate, l: Lang, nav: &Navigator) -> Html {
    let html = rows_html(entries, today, l, &nav.basename().unwrap_or_default());
    let onclick = {
        let nav = nav.clone();
        Callback::from(move |e: MouseEvent| {
            if e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
                return;
            }
            let row = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("a.result[data-id]").ok().flatten());
            if let Some(id) = row.and_then(|a| a.get_attribute("data-id")) {
                e.prevent_default();
                nav.push(&Route::Customer { id });
            }
        })
    };
    html! { <ResultRows html={AttrValue::from(html)} {onclick} /> }
}

#[derive(Properties, PartialEq)]
struct RowsProps {
    html: AttrValue,
    onclick: Callback<MouseEvent>,
}

/// The `<ul>`, its rows written as one piece of HTML whenever they change: one
/// `innerHTML` write. Yew's raw HTML parses them aside and moves each new row in and
/// each old one out with a call of its own, on every keystroke of the search.
#[function_component]
fn ResultRows(props: &RowsProps) -> Html {
    let ul = use_node_ref();
    {
        let ul = ul.clone();
        use_effect_with(props.html.clone(), move |html| {
            if let Some(ul) = ul.cast::<web_sys::Element>() {
                ul.set_inner_html(html);
            }
        });
    }
    html! { <ul class="results" ref={ul} onclick={props.onclick.clone()}></ul> }
}
