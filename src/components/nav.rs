//! Ways back: to a customer's card (saying what a form saved) and to the staff search.

use std::cell::Cell;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::i18n::{Lang, T};
use crate::route::Route;

/// Sent with the way back to the card after a form saved (history state, not the
/// address: nothing personal in URLs), so the card says what was saved.
pub struct Saved {
    message: T,
    /// Said once: the card drawn again later (after an edit) does not repeat it.
    shown: Cell<bool>,
}

impl Saved {
    pub fn new(message: T) -> Self {
        Saved { message, shown: Cell::new(false) }
    }
}

/// "✓ 投诉已保存" at the top of the card, once, after one of the aftercare forms saved.
#[function_component(SavedNote)]
pub fn saved_note() -> Html {
    let ctx = use_app();
    let location = use_location();
    let message = use_state(move || location.and_then(|l| l.state::<Saved>()).filter(|s| !s.shown.replace(true)).map(|s| s.message));
    match *message {
        Some(m) => html! { <p class="status done" role="status">{ "✓ " }{ ctx.t(m) }</p> },
        None => html! {},
    }
}

/// A big link back to a customer's card, worded `text` (取消 on a form).
pub fn back_to_card(customer_id: &str, text: T, l: Lang) -> Html {
    html! { <Link<Route> to={Route::Customer { id: customer_id.to_string() }} classes="btn big">{ text.get(l) }</Link<Route>> }
}

/// For a customer (or record) that is gone: back to the staff search.
pub fn back_to_search(l: Lang) -> Html {
    html! { <Link<Route> to={Route::Staff} classes="btn big">{ T::BackToSearch.get(l) }</Link<Route>> }
}

