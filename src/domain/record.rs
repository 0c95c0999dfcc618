//! What every stored record carries: a device-made id, the store and tablet it was
//! written on, and created/updated times. Deleting a record leaves a [`Tombstone`] so a
//! later sync (CouchDB-style replication) can carry the deletion to other tablets.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch (UTC). Stored as a JS number, which IndexedDB
/// sorts correctly in indexes.
pub type Millis = i64;

/// A fresh random id (UUID v4), made on this device with no server involved.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Who and where a write happens: stamped on every record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub store_id: String,
    pub device_id: String,
    pub now: Millis,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub store_id: String,
    pub device_id: String,
    pub created_at: Millis,
    pub updated_at: Millis,
}

impl Meta {
    pub fn new(stamp: &Stamp) -> Self {
        Self {
            store_id: stamp.store_id.clone(),
            device_id: stamp.device_id.clone(),
            created_at: stamp.now,
            updated_at: stamp.now,
        }
    }

    /// Marks an edit: the creation stays, the update time and the editing device change.
    /// The update time never goes backwards, so "newer wins" merges stay correct even
    /// when a tablet's clock is behind.
    pub fn touch(&mut self, stamp: &Stamp) {
        self.device_id = stamp.device_id.clone();
        self.updated_at = stamp.now.max(self.updated_at + 1);
    }
}

/// A record kept in one IndexedDB object store, keyed by `id`.
pub trait Record {
    /// The object store's name.
    const STORE: &'static str;
    fn id(&self) -> &str;
    fn id_mut(&mut self) -> &mut String;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;

    /// The record as new: a fresh id, stamped with where and when it was made.
    fn made(mut self, stamp: &Stamp) -> Self
    where
        Self: Sized,
    {
        *self.id_mut() = new_id();
        *self.meta_mut() = Meta::new(stamp);
        self
    }
}

/// Implements [`Record`] for a struct with `id: String` and `meta: Meta` fields.
macro_rules! impl_record {
    ($ty:ty, $store:literal) => {
        impl $crate::domain::record::Record for $ty {
            const STORE: &'static str = $store;
            fn id(&self) -> &str {
                &self.id
            }
            fn id_mut(&mut self) -> &mut String {
                &mut self.id
            }
            fn meta(&self) -> &$crate::domain::record::Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut $crate::domain::record::Meta {
                &mut self.meta
            }
        }
    };
}
pub(crate) use impl_record;

/// What is left of a deleted record: enough to replicate the deletion, nothing personal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: String,
    /// The object store the record lived in.
    pub kind: String,
    pub store_id: String,
    pub device_id: String,
    pub deleted_at: Millis,
    /// For a customer merged into another record: the record kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

impl Tombstone {
    pub fn for_record<R: Record>(record: &R, stamp: &Stamp) -> Self {
        Self::new(record.id(), R::STORE, stamp)
    }

    pub fn new(id: &str, kind: &str, stamp: &Stamp) -> Self {
        Self {
            id: id.to_string(),
            kind: kind.to_string(),
            store_id: stamp.store_id.clone(),
            device_id: stamp.device_id.clone(),
            deleted_at: stamp.now,
            merged_into: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(now: Millis) -> Stamp {
        Stamp { store_id: "store-a".into(), device_id: "tab-1".into(), now }
    }

    #[test]
    fn ids_are_uuid_v4_and_unique() {
        let a = new_id();
        let b = new_id();
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(&a).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 4);
    }

    #[test]
    fn touch_keeps_creation_and_never_goes_back_in_time() {
        let mut meta = Meta::new(&stamp(1_000));
        meta.touch(&Stamp { device_id: "tab-2".into(), ..stamp(5_000) });
        assert_eq!(meta.created_at, 1_000);
        assert_eq!(meta.updated_at, 5_000);
        assert_eq!(meta.device_id, "tab-2");
        // A tablet whose clock runs behind still moves the update time forward.
        meta.touch(&stamp(2_000));
        assert_eq!(meta.updated_at, 5_001);
    }

    #[test]
    fn a_made_record_has_a_fresh_id_and_the_stamp() {
        use crate::domain::care::Purchase;
        let p = Purchase { product: "生发液".into(), ..Purchase::default() }.made(&stamp(7));
        assert_eq!(uuid::Uuid::parse_str(&p.id).map(|u| u.get_version_num()).ok(), Some(4));
        assert_eq!((p.meta.created_at, p.meta.updated_at, p.meta.device_id.as_str()), (7, 7, "tab-1"));
        assert_eq!(p.product, "生发液", "the rest is kept");
    }

    #[test]
    fn tombstone_keeps_id_kind_and_origin_only() {
        let t = Tombstone::new("abc", "customers", &stamp(42));
        assert_eq!(t.id, "abc");
        assert_eq!(t.kind, "customers");
        assert_eq!(t.store_id, "store-a");
        assert_eq!(t.deleted_at, 42);
    }
}
