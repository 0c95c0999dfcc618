//! Storage failures, each with a message a person can act on, in both languages.

use indexed_db_futures::error::{Error, OpenDbError};
use wasm_bindgen::JsCast;

use crate::i18n::{Msg, T};

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// The device is out of space for this site.
    QuotaExceeded,
    /// A write broke a rule of the store (e.g. an id already used).
    Constraint(String),
    /// Another tab upgraded the database; this one must reload.
    VersionChanged,
    /// IndexedDB is missing or refused (private mode, disabled storage).
    Unavailable(String),
    /// The customer was erased (or merged into another record): nothing was saved.
    Gone,
    /// A health record (scalp photo, trichoscope image, measurement, adverse reaction)
    /// for a customer without an active sensitive-information consent: nothing saved.
    NoSensitiveConsent,
    /// Stored data could not be read back into a record.
    Corrupt(String),
    Other(String),
}

impl StorageError {
    pub(crate) fn from_idb(e: Error) -> Self {
        match &e {
            Error::DomException(dom) => {
                let sys: &web_sys::DomException = dom.as_ref().unchecked_ref();
                Self::from_dom_name(&sys.name(), sys.message())
            }
            Error::Serialisation(s) => StorageError::Corrupt(s.to_string()),
            Error::MissingData(m) => StorageError::Corrupt(m.to_string()),
            other => Self::from_js_text(other.to_string()),
        }
    }

    /// A transaction that did not commit: the reason the browser put on the
    /// transaction if any (a quota abort has no failed request), else the error.
    pub(crate) fn from_transaction(tx: &web_sys::IdbTransaction, e: Error) -> Self {
        match tx.error() {
            Some(dom) => Self::from_dom_name(&dom.name(), dom.message()),
            None => Self::from_idb(e),
        }
    }

    pub(crate) fn from_open(e: OpenDbError) -> Self {
        match e {
            OpenDbError::Base(e) => Self::from_idb(e),
            other => StorageError::Unavailable(other.to_string()),
        }
    }

    /// QuotaExceededError arrives as a generic DOM exception: only its name tells.
    pub fn from_dom_name(name: &str, message: String) -> Self {
        match name {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            "ConstraintError" => StorageError::Constraint(message),
            "InvalidStateError" if message.contains("closing") || message.contains("closed") => StorageError::VersionChanged,
            "UnknownError" | "SecurityError" | "InvalidAccessError" => StorageError::Unavailable(message),
            _ => StorageError::Other(format!("{name}: {message}")),
        }
    }

    /// A failure a web-sys call threw.
    pub(crate) fn from_js(v: wasm_bindgen::JsValue) -> Self {
        match v.dyn_ref::<web_sys::DomException>() {
            Some(dom) => Self::from_dom_name(&dom.name(), dom.message()),
            None => Self::from_js_text(format!("{v:?}")),
        }
    }

    fn from_js_text(text: String) -> Self {
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Other(text)
        }
    }

    pub fn message(&self) -> Msg {
        match self {
            StorageError::QuotaExceeded => T::StorageFull.into(),
            StorageError::Constraint(_) => T::StorageDuplicate.into(),
            StorageError::VersionChanged => T::DbVersionChanged.into(),
            StorageError::Gone => T::CustomerErasedNotSaved.into(),
            StorageError::NoSensitiveConsent => T::SensitiveConsentMissing.into(),
            StorageError::Unavailable(_) => T::DbUnavailable.into(),
            StorageError::Corrupt(_) => T::StorageCorrupt.into(),
            StorageError::Other(_) => T::StorageFailed.into(),
        }
    }
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self)
    }
}
