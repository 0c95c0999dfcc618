//! What a person does, one module each. An action builds its records through the
//! domain (checks, ids, stamps, rules), writes them through storage in one
//! transaction, and updates what the app keeps in memory (the search index, the
//! settings) from what the write returns — never by reading it back. Pages call
//! actions and render; they never touch the database. Records arriving by
//! replication take the same storage writes and the same in-memory updates.
//!
//! Every action takes the [`AppContext`](crate::context::AppContext) it runs in.

pub mod aftercare;
pub mod appointments;
pub mod assign;
pub mod backup;
pub mod consent;
pub mod customer;
pub mod follow_up;
pub mod lists;
pub mod lockout;
pub mod month_plan;
pub mod photos;
pub mod purchase;
pub mod referral;
pub mod registration;
pub mod retention;
pub mod self_check;
pub mod settings;
pub mod staff;
pub mod sync;

use crate::context::AppContext;
use crate::storage::{Saved, StorageError};
use crate::i18n::Msg;

/// What a form's check found, by field name (`"form"` for the whole form).
pub type Problems = Vec<(&'static str, Msg)>;

/// A failed write, as a form shows it.
pub(crate) fn on_form(e: StorageError) -> Problems {
    vec![("form", e.message())]
}

/// A failed read or write, as a screen shows it.
pub(crate) fn message(e: StorageError) -> Msg {
    e.message()
}

/// After a write that changed a customer: the search index and the lists take the
/// summary row the write made.
pub(crate) fn remember(ctx: &AppContext, saved: &Saved) {
    ctx.search.upsert(saved.entry.clone());
}
