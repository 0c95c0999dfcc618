//! What every page and action can read: the database, this tablet's settings, the
//! language, the signed-in staff member, the staff search's index and the clock.
//! `app.rs` provides it; pages read it with [`use_app`] and hand it to actions.

use std::rc::Rc;

use yew::prelude::*;

use crate::clock::Clock;
use crate::domain::staff::StaffMember;
use crate::domain::{AppSettings, Stamp};
use crate::i18n::{Lang, T};
use crate::search_cache::SearchCache;
use crate::storage::Db;

#[derive(Clone, PartialEq)]
pub struct AppContext {
    /// The database: only actions use it (pages call actions).
    pub db: Db,
    pub settings: Rc<AppSettings>,
    pub lang: Lang,
    pub set_lang: Callback<Lang>,
    /// Shows settings already saved (actions save them first).
    pub set_settings: Callback<AppSettings>,
    /// The staff member signed in at the staff gate; `None` when locked.
    pub staff: Option<Rc<StaffMember>>,
    pub set_staff: Callback<Option<Rc<StaffMember>>>,
    /// The staff search's index, loaded on first use after sign-in.
    pub search: SearchCache,
    pub clock: Clock,
}

impl AppContext {
    pub fn t(&self, text: T) -> &'static str {
        text.get(self.lang)
    }

    /// Who and where a write happens now, stamped on the records it writes.
    pub fn stamp(&self) -> Stamp {
        self.settings.stamp(self.clock.now_ms())
    }

    /// The database's name (the staff module opens the same one).
    pub fn database_name(&self) -> String {
        self.db.name()
    }

    /// The signed-in staff member's name (empty when locked).
    pub fn staff_name(&self) -> String {
        self.staff.as_ref().map(|s| s.name.clone()).unwrap_or_default()
    }
}

/// The app's context, from inside any page or component.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("inside the app's ContextProvider")
}
