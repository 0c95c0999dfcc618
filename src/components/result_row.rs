//! One customer in a list (search results, class lists): name, gender, age, the
//! phone's last digits, the last visit — one tap to their card.

use chrono::NaiveDate;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::choices::gender_label;
use crate::domain::search::Entry;
use crate::i18n::{self, Lang, T};
use crate::route::Route;

/// How many results are drawn; more would slow the keystroke and nobody reads them.
pub const SHOWN: usize = 50;

///
/// The row's link is a plain `<a>` with its own click (as `Link` does it), not a
/// `Link` component: fifty components made on every keystroke took most of its time.
pub fn result_row(entry: &Entry, today: NaiveDate, l: Lang, nav: &Navigator) -> Html {
    let mut facts: Vec<String> = Vec::new();
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
    let to = Route::Customer { id: entry.id.clone() };
    let href = format!("{}{}", nav.basename().unwrap_or_default(), to.to_path());
    let onclick = {
        let nav = nav.clone();
        Callback::from(move |e: MouseEvent| {
            if e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
                return;
            }
            e.prevent_default();
            nav.push(&to);
        })
    };
    html! {
        <li key={entry.id.as_str()}>
            <a class="result" {href} {onclick}>
                <span class="result-name">{ entry.name.clone() }</span>
                <span class="result-facts">{ facts.join(" · ") }</span>
                <span class="result-visit">{ visit }</span>
            </a>
        </li>
    }
}
