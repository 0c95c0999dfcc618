//! The only module that talks to IndexedDB (through `indexed_db_futures`).
//!
//! - [`schema`]: object stores, indexes, and the migration step for each version.
//! - [`records`]: reads and writes of domain records; every write that belongs
//!   together is one transaction.
//! - [`aftercare`]: complaints, returns and adverse reactions (incidents).
//! - [`bulk`]: many records in one transaction, and a cursor over every customer
//!   (restore, benchmark).
//! - [`derived`]: each customer's summary row and follow-up plan, kept with the records.
//! - [`search_pages`]: the summary rows packed into pages for the search's load.
//! - [`device`]: the browser's storage quota and persistence.
//! - [`backup`]: the whole database out to one file and back in, one transaction.
//! - [`staff`]: the staff list's writes, each checking its rule in its transaction.
//! - [`consent`]: health records refused without an active sensitive consent; a
//!   consent given again.
//! - [`self_check`]: the self-check's lockouts (per phone number, per tablet) and
//!   one-time view codes, all this tablet's own.
//! - [`retention`]: erasing customers three years after their last visit.

pub mod aftercare;
pub mod appointments;
pub mod assign;
pub mod bulk;
pub mod consent;
pub mod derived;
pub mod backup;
pub mod device;
pub mod error;
pub mod journal;
pub mod merge;
pub mod records;
pub mod referral;
pub mod replica;
pub mod retention;
pub mod schema;
pub mod search_pages;
pub mod self_check;
pub mod staff;
pub mod stats;

use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use aftercare::AftercareFile;
pub use error::StorageError;
pub use records::{CustomerFile, Saved, LOCKOUT_PREFIX, PIN_ATTEMPTS_KEY, SELF_CHECK_ATTEMPTS_KEY};

pub type Result<T> = std::result::Result<T, StorageError>;

/// The database the app uses; tests open their own, uniquely named ones.
pub const DB_NAME: &str = "follicle";

/// An open connection. Cheap to clone; shared through the app's context.
#[derive(Clone)]
pub struct Db {
    inner: Rc<Database>,
}

impl PartialEq for Db {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// What the app wants to hear about while a connection is open or opening.
#[derive(Default)]
pub struct OpenHooks {
    /// Another tab holds an older version open; the open waits until it closes.
    pub on_blocked: Option<Box<dyn FnOnce()>>,
    /// Another tab opened a newer version: this connection has been closed.
    pub on_version_change: Option<Box<dyn FnOnce()>>,
}

impl Db {
    /// The database's name (the staff module opens the same one).
    pub fn name(&self) -> String {
        self.inner.name()
    }

    /// Opens (creating or upgrading as needed) the database at the current schema
    /// version, and runs any data migration still pending.
    pub async fn open(name: &str, hooks: OpenHooks) -> Result<Db> {
        Self::open_at(name, schema::VERSION, hooks).await
    }

    /// Opens at a given schema version. Only tests open an older one, to prove that
    /// migrations keep data.
    pub async fn open_at(name: &str, version: u32, hooks: OpenHooks) -> Result<Db> {
        let db = Self::connect(name, version, hooks).await?;
        schema::run_data_migrations(&db, version).await?;
        Ok(db)
    }

    /// Opens (creating or upgrading the stores as needed) without running the data
    /// steps: the start module has them run by the second module, which holds their
    /// code (screens.rs), and checks [`data_steps_pending`](Self::data_steps_pending).
    pub async fn open_without_data_steps(name: &str, hooks: OpenHooks) -> Result<Db> {
        Self::connect(name, schema::VERSION, hooks).await
    }

    /// Whether a data step of this version has not run yet.
    pub async fn data_steps_pending(&self) -> Result<bool> {
        Ok(records::data_version(self).await? < schema::VERSION)
    }

    async fn connect(name: &str, version: u32, hooks: OpenHooks) -> Result<Db> {
        let OpenHooks { on_blocked, on_version_change } = hooks;
        let mut on_blocked = on_blocked;
        let db = Database::open(name)
            .with_version(version)
            .with_on_upgrade_needed(move |event, db| schema::upgrade(&db, event.old_version() as u32, version))
            .with_on_blocked(move |_| {
                if let Some(cb) = on_blocked.take() {
                    cb();
                }
                Ok(())
            })
            .await
            .map_err(StorageError::from_open)?;

        // Another tab upgrading the schema must not be blocked by us: close and tell.
        let raw: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
        let raw_for_close = raw.clone();
        let mut on_change = on_version_change;
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            raw_for_close.close();
            if let Some(cb) = on_change.take() {
                cb();
            }
        });
        raw.set_onversionchange(Some(listener.as_ref().unchecked_ref()));
        // The handler lives as long as the connection; the browser drops it with the
        // connection object.
        listener.forget();

        Ok(Db { inner: Rc::new(db) })
    }

    pub(crate) fn raw(&self) -> &Database {
        &self.inner
    }

    /// Whether the open schema version has this store.
    pub(crate) fn has_store(&self, name: &str) -> bool {
        let raw: &web_sys::IdbDatabase = self.inner.as_sys().unchecked_ref();
        raw.object_store_names().contains(name)
    }

    /// Closes the connection (the object stays usable for nothing afterwards).
    pub fn close(&self) {
        let raw: &web_sys::IdbDatabase = self.inner.as_sys().unchecked_ref();
        raw.close();
    }

    /// Deletes a whole database by name (tests; the backup issue's replace mode).
    pub async fn delete_database(name: &str) -> Result<()> {
        Database::delete_by_name(name)
            .map_err(StorageError::from_open)?
            .await
            .map_err(StorageError::from_idb)
    }
}
