//! Reads and writes of domain records. A write that belongs together (a registration
//! and its consents; a customer and everything that hangs off them) is one
//! transaction: it lands whole or not at all.

use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use indexed_db_futures::internals::SystemRepr;
use wasm_bindgen::{JsCast, JsValue};

use super::schema::*;
use super::{derived, journal, Db, Result, StorageError};
use crate::clock::local_day;
use crate::domain::appointment::Appointment;
use crate::domain::export::{CustomerExport, ExportedPhoto};
use crate::domain::search::Entry;
use crate::domain::lockout::{Attempts, Lockout};
use crate::domain::staff::StaffMember;
use crate::domain::record::Millis;
use crate::domain::{
    AppSettings, AuditAction, AuditEntry, Complaint, ConsentKind, ConsentRecord, Customer, EffectClass, FollowUpEntry, Incident, MeasurementSet, PhotoMeta,
    Purchase, Record, ReturnRecord, Stamp, Tombstone,
};

type IdbResult<T> = indexed_db_futures::Result<T>;

pub(crate) fn err(e: indexed_db_futures::error::Error) -> StorageError {
    StorageError::from_idb(e)
}

/// Everything the customer card shows, read in one transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerFile {
    pub customer: Customer,
    pub purchases: Vec<Purchase>,
    /// Oldest first.
    pub follow_ups: Vec<FollowUpEntry>,
    pub measurements: Vec<MeasurementSet>,
    pub consents: Vec<ConsentRecord>,
    pub returns: Vec<crate::domain::ReturnRecord>,
    /// The follow-up plan as last derived (none for a record not yet rewritten).
    pub plan: Option<crate::domain::plan::Plan>,
}

/// What a write that changed a customer hands back: the customer as saved and their
/// summary row as rewritten, so what the app keeps in memory follows without reading
/// them back.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub customer: Customer,
    pub entry: Entry,
}

/// A write to one existing customer under way (see [`Db::change_customer`]).
pub(crate) struct CustomerChange<'a> {
    pub tx: Transaction<'a>,
    /// The customer as stored when the write began; change it in place.
    pub customer: Customer,
    before: Customer,
}

impl CustomerChange<'_> {
    /// Saves the customer if changed (touched with `stamp`), rewrites their summary
    /// row and plan, and commits everything written in the transaction.
    pub async fn finish(mut self, stamp: &Stamp) -> Result<Saved> {
        if self.customer != self.before {
            self.customer.refresh_keys();
            self.customer.meta.touch(stamp);
            journal::put(&self.tx, &self.customer).await?;
        }
        let entry = derived::write_for(&self.tx, &self.customer).await?;
        commit(self.tx).await?;
        Ok(Saved { customer: self.customer, entry })
    }
}

/// A row of the `settings` store.
#[derive(Serialize, Deserialize)]
pub(crate) struct Setting<T> {
    pub key: String,
    pub value: T,
}

pub(crate) const APP_SETTINGS_KEY: &str = "app";
/// Lockout counters are settings rows under this prefix (this tablet's own: never
/// exported, never replicated).
pub const LOCKOUT_PREFIX: &str = "lockout:";
/// Replication's own rows (the local sequence, the server and its credentials,
/// checkpoints, the last outcome) are settings rows under this prefix: this tablet's
/// own, never exported, never replicated.
pub const SYNC_PREFIX: &str = "sync:";
/// Before per-member counters: one wrong-PIN count for the whole tablet.
pub const PIN_ATTEMPTS_KEY: &str = "pin_attempts";
pub(crate) const DATA_VERSION_KEY: &str = "data_version";
pub const SELF_CHECK_ATTEMPTS_KEY: &str = "self_check_attempts";
/// When this tablet last made a backup (ms).
pub(crate) const LAST_BACKUP_KEY: &str = "last_backup";

impl Db {
    pub(crate) fn tx(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction<'_>> {
        // A database still at an older version (only a migration's tests hold one
        // open) lacks the stores later versions added: the write leaves them out.
        let present: Vec<&str> = stores.iter().copied().filter(|s| self.has_store(s)).collect();
        self.raw().transaction(&present[..]).with_mode(mode).build().map_err(err)
    }

    pub(crate) async fn get_setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readonly)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        let row: Option<Setting<T>> = store.get(key).serde().map_err(err)?.await.map_err(err)?;
        Ok(row.map(|r| r.value))
    }

    /// This tablet's settings, or `None` before first-run setup.
    pub async fn settings(&self) -> Result<Option<AppSettings>> {
        self.get_setting(APP_SETTINGS_KEY).await
    }

    /// Saves this tablet's settings; a change of the store's part (rules, products,
    /// sites…) goes into the journal, to reach the store's other tablets.
    pub async fn save_settings(&self, settings: &AppSettings) -> Result<()> {
        let tx = self.tx(&[SETTINGS, DOCS], TransactionMode::Readwrite)?;
        put_settings_in(&tx, settings).await?;
        commit(tx).await
    }

    /// Wrong tries so far under `key` (a lockout's counter), kept on this tablet.
    pub async fn attempts<L: Lockout>(&self, key: &str) -> Result<Attempts<L>> {
        Ok(self.get_setting(key).await?.unwrap_or_default())
    }

    /// Starts a guarded try under `key`, in one transaction: refuses while a wait is on
    /// (`Err` with the wait), otherwise counts the try as wrong until it is proven
    /// right ([`Db::clear_attempts`]). Two quick taps or two tabs never get two tries
    /// for one count. Returns the counter as it stands with this try counted.
    pub async fn begin_attempt<L: Lockout>(&self, key: &str, now: Millis) -> Result<std::result::Result<Attempts<L>, Millis>> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        let row: Option<Setting<Attempts<L>>> = store.get(key).serde().map_err(err)?.await.map_err(err)?;
        let mut attempts = row.map(|r| r.value).unwrap_or_default();
        // A wait stored while the clock ran ahead is brought back to the cap, and kept
        // so: it ends, instead of only reading shorter.
        let capped = attempts.cap_wait(now);
        if let Some(wait) = attempts.wait_ms(now) {
            if capped {
                store.put(Setting { key: key.into(), value: &attempts }).serde().map_err(err)?;
                commit(tx).await?;
            }
            return Ok(Err(wait));
        }
        attempts.record_failure(now);
        store.put(Setting { key: key.into(), value: &attempts }).serde().map_err(err)?;
        commit(tx).await?;
        Ok(Ok(attempts))
    }

    /// A guarded try under `key` was right: its counter goes (and only its own).
    pub async fn clear_attempts(&self, key: &str) -> Result<()> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        tx.object_store(SETTINGS).map_err(err)?.delete(key).build().map_err(err)?;
        commit(tx).await
    }

    pub async fn save_attempts<L: Lockout>(&self, key: &str, attempts: &Attempts<L>) -> Result<()> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let store = tx.object_store(SETTINGS).map_err(err)?;
        store.put(Setting { key: key.into(), value: attempts }).serde().map_err(err)?;
        commit(tx).await
    }

    /// Every staff member, by name.
    pub async fn staff_members(&self) -> Result<Vec<StaffMember>> {
        let tx = self.tx(&[STAFF], TransactionMode::Readonly)?;
        let store = tx.object_store(STAFF).map_err(err)?;
        let all = store.get_all::<StaffMember>().serde().map_err(err)?.await.map_err(err)?;
        let mut all = all.collect::<IdbResult<Vec<_>>>().map_err(err)?;
        all.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(all)
    }

    /// Reads one record by id.
    pub async fn get<R: Record + DeserializeOwned>(&self, id: &str) -> Result<Option<R>> {
        let tx = self.tx(&[R::STORE], TransactionMode::Readonly)?;
        let store = tx.object_store(R::STORE).map_err(err)?;
        store.get(id).serde().map_err(err)?.await.map_err(err)
    }

    /// Writes one record (insert or replace), refused ([`StorageError::Gone`], nothing
    /// written) when it is a customer or a customer's record and that record or its
    /// customer was erased. The app's customer writes go through
    /// [`change_customer`](Self::change_customer), which keeps their derived rows too.
    pub async fn put<R: Record + Serialize>(&self, record: &R) -> Result<()> {
        // A database opened at a version before the journal (only tests open one) has
        // no journal to write.
        if !self.has_store(DOCS) {
            let tx = self.tx(&[R::STORE], TransactionMode::Readwrite)?;
            tx.object_store(R::STORE).map_err(err)?.put(record).serde().map_err(err)?;
            return commit(tx).await;
        }
        let tx = self.tx(&[R::STORE, DOCS, SETTINGS, TOMBSTONES], TransactionMode::Readwrite)?;
        journal::put(&tx, record).await?;
        commit(tx).await
    }

    /// Every record of a kind whose index `index` has the key `key`.
    pub async fn all_by<R: Record + DeserializeOwned>(&self, index: &str, key: &str) -> Result<Vec<R>> {
        let tx = self.tx(&[R::STORE], TransactionMode::Readonly)?;
        let store = tx.object_store(R::STORE).map_err(err)?;
        by_index(&store, index, key).await
    }

    /// Starts a write that changes what is recorded about an existing customer. Every
    /// such write has this shape, in one transaction: read the customer as stored now
    /// (so an edit made meanwhile in another tab is kept), refuse if they were erased
    /// (a tombstone wins: a stale screen never brings an erased customer back), change
    /// them and write what goes with it (`stores`), then [`CustomerChange::finish`].
    pub(crate) async fn change_customer(&self, id: &str, stores: &[&'static str]) -> Result<CustomerChange<'_>> {
        let mut all = with_derived(&[CUSTOMERS, TOMBSTONES]);
        for store in stores {
            if !all.contains(store) {
                all.push(store);
            }
        }
        let tx = self.tx(&all, TransactionMode::Readwrite)?;
        let found: Option<Customer> = tx.object_store(CUSTOMERS).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?;
        let erased: Option<Tombstone> = tx.object_store(TOMBSTONES).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?;
        // Dropped without a commit, the transaction rolls back.
        let (Some(customer), None) = (found, erased) else { return Err(StorageError::Gone) };
        Ok(CustomerChange { before: customer.clone(), customer, tx })
    }

    /// Saves an edit of a customer's details: `edit` is applied to the record as
    /// stored now, in one transaction with their derived rows.
    pub async fn edit_customer(&self, id: &str, stamp: &Stamp, edit: impl FnOnce(&mut Customer)) -> Result<Saved> {
        let mut change = self.change_customer(id, &[]).await?;
        edit(&mut change.customer);
        change.finish(stamp).await
    }

    /// Saves many customer records (and their search rows and plans) in one
    /// transaction: all or none. The derived rows are made from the customer alone, as
    /// for new customers (seeding); after a restore that also brings purchases and
    /// follow-ups, [`Db::rebuild_plans`] makes them whole. Keep batches to a few
    /// thousand so that one transaction does not hold everything in memory.
    pub async fn save_customers(&self, customers: &[Customer]) -> Result<()> {
        let tx = self.tx(&with_derived(&[CUSTOMERS]), TransactionMode::Readwrite)?;
        let settings = derived::settings_in(&tx).await?;
        let erased = erased_in(&tx).await?;
        let store = tx.object_store(CUSTOMERS).map_err(err)?;
        for customer in customers {
            // A tombstone wins: an erased customer is never written again.
            if erased.contains(&customer.id) {
                return Err(StorageError::Gone);
            }
            store.put(customer).serde().map_err(err)?;
            derived::put(&tx, customer, &derived::Inputs::default(), &settings)?;
        }
        super::search_pages::fold_in(&tx, super::search_pages::FOLD_BULK).await?;
        commit(tx).await
    }

    /// Logs a follow-up or visit; the customer changes with it as the domain says
    /// (a visit in the store moves the last visit day). One transaction.
    pub async fn log_follow_up(&self, entry: &FollowUpEntry, stamp: &Stamp) -> Result<Saved> {
        self.log_follow_up_and_book(entry, None, stamp).await
    }

    /// Logs a follow-up and, when given, the visit the customer agreed to in that call
    /// (an appointment of the same customer): both or neither, in one transaction.
    pub async fn log_follow_up_and_book(&self, entry: &FollowUpEntry, booking: Option<&Appointment>, stamp: &Stamp) -> Result<Saved> {
        if booking.is_some_and(|a| a.customer_id != entry.customer_id) {
            return Err(StorageError::Gone);
        }
        let stores: &[&'static str] = if booking.is_some() { &[FOLLOWUPS, APPOINTMENTS] } else { &[FOLLOWUPS] };
        let mut change = self.change_customer(&entry.customer_id, stores).await?;
        if let Some(day) = local_day(entry.at) {
            change.customer.record_contact(entry.method, day);
        }
        journal::add(&change.tx, entry).await?;
        if let Some(appointment) = booking {
            journal::add(&change.tx, appointment).await?;
        }
        change.finish(stamp).await
    }

    /// Logs a purchase; the customer changes with it (first purchase day, where they
    /// use products) and their summary row and plan are rewritten. One transaction.
    pub async fn save_purchase(&self, purchase: &Purchase, stamp: &Stamp) -> Result<Saved> {
        let mut change = self.change_customer(&purchase.customer_id, &[PURCHASES]).await?;
        change.customer.record_purchase(purchase);
        journal::add(&change.tx, purchase).await?;
        change.finish(stamp).await
    }

    /// One customer's search row, as stored.
    pub async fn search_entry(&self, id: &str) -> Result<Option<Entry>> {
        let tx = self.tx(&[SEARCH_ROWS], TransactionMode::Readonly)?;
        let row: Option<String> = tx.object_store(SEARCH_ROWS).map_err(err)?.get(id).primitive().map_err(err)?.await.map_err(err)?;
        Ok(row.as_deref().and_then(Entry::from_row))
    }

    /// A customer and what the card shows about them, or `None` if there is no such
    /// customer (deleted on this tablet, or a stale link).
    pub async fn customer_file(&self, id: &str) -> Result<Option<CustomerFile>> {
        let tx = self.tx(&[CUSTOMERS, PURCHASES, FOLLOWUPS, MEASUREMENTS, CONSENTS, RETURNS, PLANS], TransactionMode::Readonly)?;
        let customer: Option<Customer> = tx.object_store(CUSTOMERS).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?;
        let Some(customer) = customer else { return Ok(None) };
        let mut follow_ups: Vec<FollowUpEntry> = by_index(&tx.object_store(FOLLOWUPS).map_err(err)?, "by_customer", id).await?;
        follow_ups.sort_by_key(|f| (f.at, f.meta.created_at));
        let mut purchases: Vec<Purchase> = by_index(&tx.object_store(PURCHASES).map_err(err)?, "by_customer", id).await?;
        purchases.sort_by_key(|p| (p.date, p.meta.created_at));
        Ok(Some(CustomerFile {
            customer,
            purchases,
            follow_ups,
            measurements: by_index(&tx.object_store(MEASUREMENTS).map_err(err)?, "by_customer", id).await?,
            consents: by_index(&tx.object_store(CONSENTS).map_err(err)?, "by_customer", id).await?,
            returns: by_index(&tx.object_store(RETURNS).map_err(err)?, "by_customer", id).await?,
            plan: tx.object_store(PLANS).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?,
        }))
    }

    pub async fn count(&self, store_name: &str) -> Result<u32> {
        let tx = self.tx(&[store_name], TransactionMode::Readonly)?;
        let store = tx.object_store(store_name).map_err(err)?;
        store.count().await.map_err(err)
    }

    /// Saves a new customer together with the consents given at registration, in one
    /// transaction. Uses `add`, so an id that already exists fails the whole write
    /// instead of overwriting anybody.
    /// Before saving, the customers who may be the same person (the same phone, or
    /// the same name and birth date) are looked up in the same transaction and noted on
    /// the new record for staff to look at; the person registering is told nothing.
    pub async fn save_registration(&self, customer: &Customer, consents: &[ConsentRecord]) -> Result<Saved> {
        let tx = self.tx(&with_derived(&[CUSTOMERS, CONSENTS]), TransactionMode::Readwrite)?;
        let settings = derived::settings_in(&tx).await?;
        let customers = tx.object_store(CUSTOMERS).map_err(err)?;
        let mut customer = customer.clone();
        let mut candidates: Vec<Customer> = by_index(&customers, "by_phone", &customer.phone_digits).await?;
        if customer.birth_date.is_some() {
            candidates.extend(by_index::<Customer>(&customers, "by_name_key", &customer.name_key).await?);
        }
        let mut found: Vec<String> = candidates.iter().filter(|c| crate::domain::merge::may_be_same(&customer, c)).map(|c| c.id.clone()).collect();
        found.dedup();
        for id in found {
            if !customer.possible_duplicates.contains(&id) {
                customer.possible_duplicates.push(id);
            }
        }
        let consent_store = tx.object_store(CONSENTS).map_err(err)?;
        let _ = (&customers, &consent_store);
        journal::add(&tx, &customer).await?;
        let entry = derived::put(&tx, &customer, &derived::Inputs::default(), &settings)?;
        for consent in consents {
            journal::add(&tx, consent).await?;
        }
        commit(tx).await?;
        Ok(Saved { customer, entry })
    }

    /// Saves a photo's metadata and its image and thumbnail Blobs together, for a
    /// customer who is still there and whose sensitive consent is active (else
    /// [`StorageError::NoSensitiveConsent`], nothing saved). One transaction.
    pub async fn save_photo(&self, photo: &PhotoMeta, image: &web_sys::Blob, thumb: &web_sys::Blob, stamp: &Stamp) -> Result<Saved> {
        let change = self.change_customer(&photo.customer_id, &[PHOTOS, PHOTO_BLOBS, CONSENTS]).await?;
        change.require_sensitive_consent().await?;
        let row = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&row, &k.into(), v).map(|_| ());
        set("photo_id", &photo.id.as_str().into())
            .and(set("image", image))
            .and(set("thumb", thumb))
            .map_err(|e| StorageError::Other(format!("{e:?}")))?;
        change.tx.object_store(PHOTO_BLOBS).map_err(err)?.put(JsValue::from(row)).primitive().map_err(err)?;
        // After the Blobs: the photo's revision counts its pictures.
        journal::put(&change.tx, photo).await?;
        change.finish(stamp).await
    }

    /// Saves staff's alignment of a later picture over an earlier one of the same site, on
    /// the later picture's record (so it replicates with it), journaled in the same
    /// transaction; refused like any health record without the sensitive consent.
    /// Returns the picture as saved (or the domain's refusal, nothing written).
    pub async fn save_alignment(&self, later_id: &str, earlier: &PhotoMeta, t: &align::Similarity, stamp: &Stamp) -> Result<std::result::Result<(PhotoMeta, Saved), crate::i18n::Msg>> {
        let change = self.change_customer(&earlier.customer_id, &[PHOTOS, PHOTO_BLOBS, CONSENTS]).await?;
        change.require_sensitive_consent().await?;
        let found: Option<PhotoMeta> = change.tx.object_store(PHOTOS).map_err(err)?.get(later_id).serde().map_err(err)?.await.map_err(err)?;
        let Some(mut photo) = found else { return Err(StorageError::Gone) };
        if let Err(refused) = photo.align_to(earlier, t) {
            // Dropped without a commit: nothing written.
            return Ok(Err(refused));
        }
        photo.meta.touch(stamp);
        journal::put(&change.tx, &photo).await?;
        let saved = change.finish(stamp).await?;
        Ok(Ok((photo, saved)))
    }

    /// Saves one visit's measurements, for a customer who is still there and whose
    /// sensitive consent is active.
    pub async fn add_measurement(&self, set: &MeasurementSet, stamp: &Stamp) -> Result<Saved> {
        let change = self.change_customer(&set.customer_id, &[MEASUREMENTS, CONSENTS]).await?;
        change.require_sensitive_consent().await?;
        journal::add(&change.tx, set).await?;
        change.finish(stamp).await
    }

    /// A customer's pictures (metadata only), in no particular order.
    pub async fn photos_of(&self, customer_id: &str) -> Result<Vec<PhotoMeta>> {
        self.all_by("by_customer", customer_id).await
    }

    /// A customer's measurements, in no particular order.
    pub async fn measurements_of(&self, customer_id: &str) -> Result<Vec<MeasurementSet>> {
        self.all_by("by_customer", customer_id).await
    }

    /// Customers with exactly this phone number (digits only).
    pub async fn customers_with_phone(&self, digits: &str) -> Result<Vec<Customer>> {
        self.all_by("by_phone", digits).await
    }

    /// The stored image (`thumb = false`) or thumbnail of a photo.
    pub async fn photo_blob(&self, photo_id: &str, thumb: bool) -> Result<Option<web_sys::Blob>> {
        let tx = self.tx(&[PHOTO_BLOBS], TransactionMode::Readonly)?;
        let store = tx.object_store(PHOTO_BLOBS).map_err(err)?;
        let row: Option<JsValue> = store.get(photo_id).primitive().map_err(err)?.await.map_err(err)?;
        let Some(row) = row else { return Ok(None) };
        let blob = js_sys::Reflect::get(&row, &(if thumb { "thumb" } else { "image" }).into())
            .map_err(|e| StorageError::Corrupt(format!("{e:?}")))?;
        Ok(wasm_bindgen::JsCast::dyn_into::<web_sys::Blob>(blob).ok())
    }

    /// Deletes one record and leaves its tombstone, in one transaction.
    pub async fn delete<R: Record>(&self, id: &str, stamp: &Stamp) -> Result<()> {
        let tx = self.tx(&[R::STORE, TOMBSTONES, DOCS, SETTINGS], TransactionMode::Readwrite)?;
        delete_one(&tx, R::STORE, id, stamp).await?;
        commit(tx).await
    }

    /// Removes a customer and everything recorded about them (photos and their
    /// images, measurements, purchases, follow-ups, complaints, returns, consents,
    /// incidents, the derived search row and follow-up plan, a view code not yet used),
    /// leaving only tombstones, and logs who did it. One transaction. Returns how many
    /// records went.
    pub async fn delete_customer(&self, customer_id: &str, by_staff: &str, stamp: &Stamp) -> Result<usize> {
        let tx = self.tx(&ERASE_STORES, TransactionMode::Readwrite)?;
        let removed = erase_in(&tx, customer_id, stamp).await?;
        let audit = AuditEntry::new(customer_id, AuditAction::Erased, by_staff, stamp);
        journal::add(&tx, &audit).await?;
        commit(tx).await?;
        Ok(removed)
    }

    /// Existing customers a new registration may duplicate: the same phone number, or
    /// the same name and birth date. Never merged automatically; the page asks.
    pub async fn find_duplicates(&self, customer: &Customer) -> Result<Vec<Customer>> {
        let mut found: Vec<Customer> = self.all_by("by_phone", &customer.phone_digits).await?;
        if customer.birth_date.is_some() {
            let same_name: Vec<Customer> = self.all_by("by_name_key", &customer.name_key).await?;
            for c in same_name {
                if c.birth_date == customer.birth_date && !found.iter().any(|f| f.id == c.id) {
                    found.push(c);
                }
            }
        }
        found.retain(|c| c.id != customer.id);
        Ok(found)
    }

    /// Withdraws one of a customer's consents and deletes what it covered, in one
    /// transaction: the sensitive consent takes the health details off the record and
    /// deletes photos (and their images), measurements and adverse reactions, leaving
    /// tombstones, and the effect class D those reactions set goes with them; the
    /// marketing consent only records the withdrawal. (Withdrawing the personal
    /// information consent means erasing the customer: [`Db::delete_customer`].)
    pub async fn withdraw_consent(&self, customer_id: &str, kind: ConsentKind, by_staff: &str, stamp: &Stamp) -> Result<Saved> {
        let mut change = self.change_customer(customer_id, &[CONSENTS, PHOTOS, PHOTO_BLOBS, MEASUREMENTS, INCIDENTS, AUDIT_LOG]).await?;
        let tx = &change.tx;
        let consents = tx.object_store(CONSENTS).map_err(err)?;
        let given: Vec<ConsentRecord> = by_index(&consents, "by_customer", customer_id).await?;
        for mut consent in given.into_iter().filter(|c| c.kind == kind && c.is_active()) {
            consent.withdrawn_at = Some(stamp.now);
            consent.meta.touch(stamp);
            journal::put(tx, &consent).await?;
        }
        if kind == ConsentKind::SensitiveInfo {
            for store in [PHOTOS, MEASUREMENTS] {
                delete_owned(tx, store, customer_id, stamp).await?;
            }
            let reactions = delete_owned(tx, INCIDENTS, customer_id, stamp).await?;
            change.customer.clear_sensitive();
            // Class D said "had an adverse reaction": with the reactions gone, so is it.
            if reactions > 0 && change.customer.effect_class == Some(EffectClass::D) {
                change.customer.effect_class = None;
            }
        }
        let mut audit = AuditEntry::new(customer_id, AuditAction::ConsentWithdrawn, by_staff, stamp);
        audit.detail = Some(format!("{kind:?}"));
        journal::add(&change.tx, &audit).await?;
        change.finish(stamp).await
    }

    /// What was done to a customer's data, oldest first.
    pub async fn audit_of(&self, customer_id: &str) -> Result<Vec<AuditEntry>> {
        let tx = self.tx(&[AUDIT_LOG], TransactionMode::Readonly)?;
        let store = tx.object_store(AUDIT_LOG).map_err(err)?;
        let mut all: Vec<AuditEntry> = by_index(&store, "by_customer", customer_id).await?;
        all.sort_by_key(|a| a.at);
        Ok(all)
    }

    /// Everything stored about one customer, for their own copy: the record, consents,
    /// follow-ups, purchases, measurements, complaints, returns, adverse reactions,
    /// appointments, each photo with its full-size image, and what was done to their data (the audit
    /// entries about them). Read in one transaction, every list by the customer's id;
    /// `None` if there is no such customer.
    pub async fn customer_export(&self, id: &str) -> Result<Option<CustomerExport>> {
        let stores = [CUSTOMERS, CONSENTS, FOLLOWUPS, PURCHASES, MEASUREMENTS, COMPLAINTS, RETURNS, INCIDENTS, AUDIT_LOG, PHOTOS, PHOTO_BLOBS, APPOINTMENTS];
        let tx = self.tx(&stores, TransactionMode::Readonly)?;
        let customer: Option<Customer> = tx.object_store(CUSTOMERS).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?;
        let Some(customer) = customer else { return Ok(None) };
        let owned = |store: &'static str| tx.object_store(store).map_err(err);
        let mut follow_ups: Vec<FollowUpEntry> = by_index(&owned(FOLLOWUPS)?, "by_customer", id).await?;
        follow_ups.sort_by_key(|f| (f.at, f.meta.created_at));
        let mut purchases: Vec<Purchase> = by_index(&owned(PURCHASES)?, "by_customer", id).await?;
        purchases.sort_by_key(|p| (p.date, p.meta.created_at));
        let mut measurements: Vec<MeasurementSet> = by_index(&owned(MEASUREMENTS)?, "by_customer", id).await?;
        measurements.sort_by_key(|m| (m.taken_on, m.meta.created_at));
        let mut consents: Vec<ConsentRecord> = by_index(&owned(CONSENTS)?, "by_customer", id).await?;
        consents.sort_by_key(|c| c.at);
        let mut complaints: Vec<Complaint> = by_index(&owned(COMPLAINTS)?, "by_customer", id).await?;
        complaints.sort_by_key(|c| c.at);
        let returns: Vec<ReturnRecord> = by_index(&owned(RETURNS)?, "by_customer", id).await?;
        let mut incidents: Vec<Incident> = by_index(&owned(INCIDENTS)?, "by_customer", id).await?;
        incidents.sort_by_key(|i| (i.date, i.meta.created_at));
        let mut appointments: Vec<crate::domain::appointment::Appointment> = by_index(&owned(APPOINTMENTS)?, "by_customer", id).await?;
        appointments.sort_by_key(|a| (a.day, a.time, a.meta.created_at));
        let mut audit: Vec<AuditEntry> = by_index(&owned(AUDIT_LOG)?, "by_customer", id).await?;
        audit.sort_by_key(|a| a.at);
        let mut metas: Vec<PhotoMeta> = by_index(&owned(PHOTOS)?, "by_customer", id).await?;
        metas.sort_by_key(|m| (m.taken_on, m.meta.created_at));
        let blobs = owned(PHOTO_BLOBS)?;
        let mut images = Vec::with_capacity(metas.len());
        for meta in &metas {
            let row: Option<JsValue> = blobs.get(meta.id.as_str()).primitive().map_err(err)?.await.map_err(err)?;
            let image = row.and_then(|row| js_sys::Reflect::get(&row, &"image".into()).ok()).and_then(|b| b.dyn_into::<web_sys::Blob>().ok());
            images.push(image);
        }
        drop(tx);
        // The Blobs stay readable after their transaction; reading their bytes is not
        // an IndexedDB request.
        let mut photos = Vec::with_capacity(metas.len());
        for (meta, image) in metas.into_iter().zip(images) {
            let Some(image) = image else { continue };
            let buffer = wasm_bindgen_futures::JsFuture::from(image.array_buffer())
                .await
                .map_err(|e| StorageError::Corrupt(format!("photo image unreadable: {e:?}")))?;
            photos.push(ExportedPhoto { meta, mime: image.type_(), bytes: js_sys::Uint8Array::new(&buffer).to_vec() });
        }
        Ok(Some(CustomerExport { customer, consents, follow_ups, purchases, measurements, complaints, returns, incidents, appointments, audit, photos }))
    }

    /// Records that a copy of a customer's data was given out, by whom and when.
    pub async fn log_export(&self, customer_id: &str, by_staff: &str, stamp: &Stamp) -> Result<()> {
        let tx = self.tx(&[AUDIT_LOG, DOCS, SETTINGS], TransactionMode::Readwrite)?;
        let entry = AuditEntry::new(customer_id, AuditAction::Exported, by_staff, stamp);
        journal::add(&tx, &entry).await?;
        commit(tx).await
    }

    pub async fn tombstone(&self, id: &str) -> Result<Option<Tombstone>> {
        let tx = self.tx(&[TOMBSTONES], TransactionMode::Readonly)?;
        let store = tx.object_store(TOMBSTONES).map_err(err)?;
        store.get(id).serde().map_err(err)?.await.map_err(err)
    }
}

/// What a customer's erasure writes: the stores of everything recorded about them.

/// Every record in `store` whose index `index` has the key `key`.
pub(crate) async fn by_index<R: DeserializeOwned>(store: &ObjectStore<'_>, index: &str, key: &str) -> Result<Vec<R>> {
    let found = store
        .index(index)
        .map_err(err)?
        .get_all::<R>()
        .with_query::<&str, _>(key)
        .serde()
        .map_err(err)?
        .await
        .map_err(err)?;
    found.collect::<IdbResult<Vec<R>>>().map_err(err)
}

/// Deletes every record of one kind that belongs to a customer (with a photo, its
/// images too), leaving a tombstone for each, inside the caller's transaction.
/// Returns how many records went.
async fn delete_owned(tx: &Transaction<'_>, kind: &str, customer_id: &str, stamp: &Stamp) -> Result<usize> {
    let store = tx.object_store(kind).map_err(err)?;
    let tombstones = tx.object_store(TOMBSTONES).map_err(err)?;
    let ids: Vec<String> = store
        .index("by_customer")
        .map_err(err)?
        .get_all_keys::<String>()
        .with_query::<&str, _>(customer_id)
        .primitive()
        .map_err(err)?
        .await
        .map_err(err)?
        .collect::<IdbResult<_>>()
        .map_err(err)?;
    let _ = (&store, &tombstones);
    for id in &ids {
        delete_one(tx, kind, id, stamp).await?;
    }
    Ok(ids.len())
}

/// Deletes one record (a photo with its images), leaves its tombstone and records
/// the deletion in the journal, inside the caller's transaction.
pub(crate) async fn delete_one(tx: &Transaction<'_>, kind: &str, id: &str, stamp: &Stamp) -> Result<()> {
    tx.object_store(kind).map_err(err)?.delete(id).build().map_err(err)?;
    if kind == PHOTOS {
        tx.object_store(PHOTO_BLOBS).map_err(err)?.delete(id).build().map_err(err)?;
    }
    tx.object_store(TOMBSTONES).map_err(err)?.put(Tombstone::new(id, kind, stamp)).serde().map_err(err)?;
    journal::record(tx, kind, id, None).await
}

/// The stores whose records belong to one customer (`by_customer` index): what an
/// erasure removes with the customer and a merge moves.
pub const OWNED: [&str; 9] = [PHOTOS, MEASUREMENTS, PURCHASES, FOLLOWUPS, COMPLAINTS, RETURNS, CONSENTS, INCIDENTS, APPOINTMENTS];

/// The stores an erasure writes ([`erase_in`] and the audit entry logging it).
pub(crate) const ERASE_STORES: [&str; 20] =
    [CUSTOMERS, SEARCH_ROWS, SEARCH_PAGES, SEARCH_CHANGES, PLANS, PHOTO_BLOBS, TOMBSTONES, AUDIT_LOG, DOCS, SETTINGS, PHOTOS, MEASUREMENTS, PURCHASES, FOLLOWUPS, COMPLAINTS, RETURNS, CONSENTS, INCIDENTS, APPOINTMENTS, MONTH_PLANS];

/// Erases a customer and everything that hangs off them inside the caller's
/// transaction (which includes the customer stores, `OWNED`, `photo_blobs`,
/// `search_rows`, `plans`, `tombstones`, `docs`, `settings`): tombstones and journal
/// deletions for each. Returns how many records went.
pub(crate) async fn erase_in(tx: &Transaction<'_>, customer_id: &str, stamp: &Stamp) -> Result<usize> {
    let mut removed = 0;
    for kind in OWNED.iter().filter(|kind| in_tx(tx, kind)) {
        removed += delete_owned(tx, kind, customer_id, stamp).await?;
    }
    delete_search_row(tx, customer_id).await?;
    tx.object_store(PLANS).map_err(err)?.delete(customer_id).build().map_err(err)?;
    if in_tx(tx, MONTH_PLANS) {
        drop_from_month_plans(tx, customer_id, stamp).await?;
    }
    // A one-time view code for their self-check goes too.
    tx.object_store(SETTINGS).map_err(err)?.delete(super::self_check::view_code_key(customer_id).as_str()).build().map_err(err)?;
    delete_one(tx, CUSTOMERS, customer_id, stamp).await?;
    Ok(removed + 1)
}

/// An erased customer leaves the monthly visit plans too (a new revision of each plan
/// that named them, which replicates like the plan).
async fn drop_from_month_plans(tx: &Transaction<'_>, customer_id: &str, stamp: &Stamp) -> Result<()> {
    use crate::domain::month_plan::MonthPlan;
    let all = tx.object_store(MONTH_PLANS).map_err(err)?.get_all::<MonthPlan>().serde().map_err(err)?.await.map_err(err)?;
    for plan in all {
        let mut plan = plan.map_err(err)?;
        if plan.lines.iter().any(|l| l.customer_id == customer_id) {
            plan.lines.retain(|l| l.customer_id != customer_id);
            plan.meta.touch(stamp);
            journal::put(tx, &plan).await?;
        }
    }
    Ok(())
}

/// The v7 data step: the tombstone wins. A customer or a customer's record that
/// stands beside its own tombstone (saved again by a screen opened before the erasure,
/// before every write checked), and any record of an erased customer, goes, with a
/// deletion in the journal (and a tombstone stamped with the erasure for a record that
/// had none). Safe to repeat. Returns how many records went.
pub(crate) async fn repair_erased(db: &Db, data_step: Option<u32>) -> Result<usize> {
    let tx = db.tx(&ERASE_STORES, TransactionMode::Readwrite)?;
    let all = tx.object_store(TOMBSTONES).map_err(err)?.get_all::<Tombstone>().serde().map_err(err)?.await.map_err(err)?;
    let all: Vec<Tombstone> = all.collect::<IdbResult<_>>().map_err(err)?;
    let mut removed = 0;
    for tombstone in &all {
        let Some(kind) = ERASE_STORES.iter().find(|s| **s == tombstone.kind && journal::guarded(s)) else { continue };
        let store = tx.object_store(kind).map_err(err)?;
        let found: Option<JsValue> = store.get(tombstone.id.as_str()).primitive().map_err(err)?.await.map_err(err)?;
        if found.is_some_and(|f| !f.is_undefined()) {
            store.delete(tombstone.id.as_str()).build().map_err(err)?;
            if *kind == PHOTOS {
                tx.object_store(PHOTO_BLOBS).map_err(err)?.delete(tombstone.id.as_str()).build().map_err(err)?;
            }
            journal::record(&tx, kind, &tombstone.id, None).await?;
            removed += 1;
        }
        if *kind == CUSTOMERS && tombstone.merged_into.is_none() {
            delete_search_row(&tx, &tombstone.id).await?;
            tx.object_store(PLANS).map_err(err)?.delete(tombstone.id.as_str()).build().map_err(err)?;
            let stamp = Stamp { store_id: tombstone.store_id.clone(), device_id: tombstone.device_id.clone(), now: tombstone.deleted_at };
            for owned in OWNED {
                removed += delete_owned(&tx, owned, &tombstone.id, &stamp).await?;
            }
        }
    }
    if let Some(step) = data_step {
        put_data_version(&tx, step)?;
    }
    commit(tx).await?;
    Ok(removed)
}

/// `stores` and those a write that rewrites a customer's derived rows needs (and the
/// tombstones every customer write checks).
pub(super) fn with_derived(stores: &[&'static str]) -> Vec<&'static str> {
    let mut all = stores.to_vec();
    all.extend(derived::STORES.iter().chain(&[DOCS, TOMBSTONES]).filter(|s| !stores.contains(s)));
    all
}

/// The id of every deleted record, read once in the caller's transaction (which
/// includes `tombstones`): for writes of many records at once.
pub(crate) async fn erased_in(tx: &Transaction<'_>) -> Result<std::collections::HashSet<String>> {
    let keys = tx.object_store(TOMBSTONES).map_err(err)?.get_all_keys::<String>().primitive().map_err(err)?.await.map_err(err)?;
    keys.map(|k| k.map_err(err)).collect()
}

/// Whether the transaction covers this store (a database still at an older version,
/// as a migration's tests hold one, lacks the stores later versions added).
pub(crate) fn in_tx(tx: &Transaction<'_>, store: &str) -> bool {
    let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    raw.object_store_names().contains(store)
}

/// Commits a write. When it fails, says why: a transaction the browser aborts at
/// commit time (Chromium checks the quota then) carries the reason, e.g.
/// QuotaExceededError, on itself and on no request, and indexed_db_futures only
/// reports "aborted". Nothing of an aborted transaction is kept.
pub(crate) async fn commit(tx: Transaction<'_>) -> Result<()> {
    let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    tx.commit().await.map_err(|e| StorageError::from_transaction(&raw, e))
}

/// Writes a customer's search row inside the caller's transaction, from the customer
/// alone (the data steps of v2 and v4; v5's rewrites it whole).
pub(crate) fn put_search_row(tx: &Transaction<'_>, customer: &Customer) -> Result<()> {
    let row = crate::domain::search::entry_for(customer, 0, None).to_row();
    tx.object_store(SEARCH_ROWS).map_err(err)?.put(row.as_str()).with_key(customer.id.as_str()).primitive().map_err(err)?;
    super::search_pages::changed(tx, &customer.id, &row)
}

/// Deletes a customer's search row inside the caller's transaction (which includes
/// `search_rows` and the search pages), and their line in the pages with it.
pub(crate) async fn delete_search_row(tx: &Transaction<'_>, customer_id: &str) -> Result<()> {
    tx.object_store(SEARCH_ROWS).map_err(err)?.delete(customer_id).build().map_err(err)?;
    super::search_pages::removed(tx, customer_id).await
}

/// The last data migration step done (0 for a new database).
pub(crate) async fn data_version(db: &Db) -> Result<u32> {
    Ok(db.get_setting::<u32>(DATA_VERSION_KEY).await?.unwrap_or(0))
}

pub(crate) async fn set_data_version(db: &Db, version: u32) -> Result<()> {
    let tx = db.tx(&[SETTINGS], TransactionMode::Readwrite)?;
    put_data_version(&tx, version)?;
    commit(tx).await
}

/// Records a data step as done, inside the step's own transaction.
pub(crate) fn put_data_version(tx: &Transaction<'_>, version: u32) -> Result<()> {
    let store = tx.object_store(SETTINGS).map_err(err)?;
    store.put(Setting { key: DATA_VERSION_KEY.into(), value: version }).serde().map_err(err)?;
    Ok(())
}

/// Writes this tablet's settings row inside the caller's transaction (which includes
/// `settings` and `docs`), journaling the store's part when it changed.
pub(crate) async fn put_settings_in(tx: &Transaction<'_>, settings: &AppSettings) -> Result<()> {
    let store = tx.object_store(SETTINGS).map_err(err)?;
    let before: Option<Setting<AppSettings>> = store.get(APP_SETTINGS_KEY).serde().map_err(err)?.await.map_err(err)?;
    store.put(Setting { key: APP_SETTINGS_KEY.into(), value: settings }).serde().map_err(err)?;
    if settings.is_set_up() && before.as_ref().map(|b| &b.value.store) != Some(&settings.store) {
        let body = serde_json::to_value(&settings.store).map_err(|e| StorageError::Other(e.to_string()))?;
        journal::record(tx, SETTINGS, crate::domain::replication::doc::STORE_SETTINGS_ID, Some(body)).await?;
    }
    Ok(())
}
