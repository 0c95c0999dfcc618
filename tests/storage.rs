//! IndexedDB storage, in headless Chromium: data survives reopening, migrations keep
//! data, related writes are atomic, deletions leave tombstones.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::{stamp, unique_db};
use follicle::domain::*;
use follicle::storage::{schema, Db, OpenHooks, StorageError};
use follicle::i18n::Lang;
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn consent(customer: &Customer, kind: ConsentKind) -> ConsentRecord {
    ConsentRecord {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        customer_id: customer.id.clone(),
        kind,
        notice_id: "personal-v1".into(),
        notice_hash: "0f1e".into(),
        granted: true,
        at: 1,
        staff_present: Some("李店长".into()),
        guardian: None,
        withdrawn_at: None,
    }
}

fn sample_customer() -> Customer {
    let mut c = Customer::new("王超", "138 0013 8000", &stamp(1_700_000_000_000));
    c.gender = Some(Gender::Male);
    c.birth_date = NaiveDate::from_ymd_opt(1966, 4, 2);
    c.hair_loss_type = Some(HairLossType::Seborrheic);
    c.hair_loss_duration = Some(HairLossDuration::OneToThreeYears);
    c.info_source = Some(InfoSource::Referral("张阿姨".into()));
    c.first_visit = NaiveDate::from_ymd_opt(2026, 11, 2);
    c.life_notes = Some("退休，每天早上打太极".into());
    c.refresh_keys();
    c
}

#[wasm_bindgen_test]
async fn a_saved_customer_survives_closing_and_reopening() {
    let name = unique_db("reopen");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let customer = sample_customer();
    db.save_registration(&customer, &[consent(&customer, ConsentKind::PersonalInfo)]).await.unwrap();
    db.close();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let back: Customer = db.get(&customer.id).await.unwrap().expect("customer is still there");
    assert_eq!(back, customer);
    let by_phone: Vec<Customer> = db.all_by("by_phone", "13800138000").await.unwrap();
    assert_eq!(by_phone.len(), 1);
    let by_month: Vec<Customer> = db.all_by("by_first_visit_month", "2026-11").await.unwrap();
    assert_eq!(by_month[0].id, customer.id);
    let consents: Vec<ConsentRecord> = db.all_by("by_customer", &customer.id).await.unwrap();
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].staff_present.as_deref(), Some("李店长"));
}

/// A customer as version 1 wrote it: no derived search keys.
#[derive(Serialize, Deserialize)]
struct V1Customer {
    id: String,
    meta: Meta,
    name: String,
    phone: String,
}

impl Record for V1Customer {
    const STORE: &'static str = "customers";
    fn id(&self) -> &str {
        &self.id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }
}

#[wasm_bindgen_test]
async fn migrating_from_v1_keeps_every_record_and_reindexes_it() {
    let name = unique_db("migrate");
    let v1 = Db::open_at(&name, 1, OpenHooks::default()).await.unwrap();
    let old = V1Customer { id: new_id(), meta: Meta::new(&stamp(5)), name: "曾 小燕".into(), phone: "13912345678".into() };
    v1.put(&old).await.unwrap();
    // v1 has no audit log, and the record is not in the phone index.
    assert!(v1.count(schema::AUDIT_LOG).await.is_err());
    assert!(v1.all_by::<Customer>("by_phone", "13912345678").await.unwrap().is_empty());
    v1.close();

    let v2 = Db::open(&name, OpenHooks::default()).await.unwrap();
    let found: Vec<Customer> = v2.all_by("by_phone", "13912345678").await.unwrap();
    assert_eq!(found.len(), 1, "the v1 record is found by phone after the migration");
    assert_eq!(found[0].id, old.id);
    assert_eq!(found[0].name, "曾 小燕");
    assert_eq!(found[0].name_key, "曾小燕");
    assert_eq!(found[0].meta, old.meta);
    let rows = v2.search_entries().await.unwrap();
    assert_eq!((rows.len(), rows[0].id.as_str(), rows[0].name.as_str()), (1, old.id.as_str(), "曾 小燕"), "the v4 step writes search rows");
    assert_eq!(v2.count(schema::AUDIT_LOG).await.unwrap(), 0);
    v2.close();

    // Opening again runs no step twice and changes nothing.
    let again = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(again.count(schema::CUSTOMERS).await.unwrap(), 1);
}

#[wasm_bindgen_test]
async fn a_registration_that_fails_halfway_leaves_nothing_behind() {
    let db = Db::open(&unique_db("atomic"), OpenHooks::default()).await.unwrap();
    let first = sample_customer();
    let taken = consent(&first, ConsentKind::PersonalInfo);
    db.save_registration(&first, &[taken.clone()]).await.unwrap();

    // The second registration's customer is fine, but its consent reuses an id: the
    // consent write fails, so the customer write must roll back with it.
    let second = Customer::new("李娜", "13900001111", &stamp(2));
    let mut clash = consent(&second, ConsentKind::PersonalInfo);
    clash.id = taken.id.clone();
    let result = db.save_registration(&second, &[consent(&second, ConsentKind::Marketing), clash]).await;
    assert!(matches!(result, Err(StorageError::Constraint(_))), "{result:?}");
    assert_eq!(db.get::<Customer>(&second.id).await.unwrap(), None);
    assert!(db.all_by::<ConsentRecord>("by_customer", &second.id).await.unwrap().is_empty());
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 1);
    assert_eq!(db.count(schema::SEARCH_ROWS).await.unwrap(), 1, "no search row for the failed one");
    // Saving the same customer twice never overwrites the first.
    assert!(db.save_registration(&first, &[]).await.is_err());
}

#[wasm_bindgen_test]
async fn search_rows_follow_every_customer_write_and_edits_survive_reopening() {
    let name = unique_db("search-rows");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let customer = sample_customer();
    db.save_registration(&customer, &[]).await.unwrap();
    let rows = db.search_entries().await.unwrap();
    assert_eq!((rows.len(), rows[0].name.as_str(), rows[0].phone_tail()), (1, "王超", "8000"));

    db.edit_customer(&customer.id, &stamp(2), |c| {
        c.name = "王小超".into();
        c.appearance_notes = Some("戴眼镜，说话慢".into());
    })
    .await
    .unwrap();
    db.close();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let back: Customer = db.get(&customer.id).await.unwrap().unwrap();
    assert_eq!(back.appearance_notes.as_deref(), Some("戴眼镜，说话慢"));
    let rows = db.search_entries().await.unwrap();
    assert_eq!((rows.len(), rows[0].name.as_str()), (1, "王小超"), "the row changed with the record");

    // A visit in the store moves the last visit day, in the row too.
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let at = follicle::clock::to_millis(day.and_hms_opt(10, 0, 0).unwrap()).unwrap();
    let visit = FollowUpEntry { id: new_id(), customer_id: customer.id.clone(), at, method: Some(ContactMethod::InStore), ..Default::default() };
    let saved = db.log_follow_up(&visit, &stamp(3)).await.unwrap();
    assert_eq!(saved.customer.last_visit, Some(day), "the customer moved with the visit");
    assert_eq!(db.search_entries().await.unwrap()[0].last_visit, Some(day));
    assert_eq!(db.all_by::<FollowUpEntry>("by_customer", &customer.id).await.unwrap(), [visit]);
}

async fn blob_bytes(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buffer).to_vec()
}

fn blob(bytes: &[u8], mime: &str) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

fn photo_of(customer: &Customer) -> PhotoMeta {
    PhotoMeta {
        id: new_id(),
        meta: Meta::new(&stamp(3)),
        customer_id: customer.id.clone(),
        kind: PhotoKind::Trichoscope,
        site: ScalpSite::Crown,
        taken_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        note: None,
        width: 2,
        height: 2,
        bytes: 7,
        alignments: Vec::new(),
    }
}

#[wasm_bindgen_test]
async fn photos_are_stored_as_blobs_and_found_by_customer_and_site() {
    let db = Db::open(&unique_db("photos"), OpenHooks::default()).await.unwrap();
    let customer = sample_customer();
    db.save_registration(&customer, &[consent(&customer, ConsentKind::SensitiveInfo)]).await.unwrap();
    let photo = photo_of(&customer);
    db.save_photo(&photo, &blob(&[1, 2, 3, 4], "image/webp"), &blob(&[9, 8, 7], "image/webp"), &stamp(3)).await.unwrap();

    let image = db.photo_blob(&photo.id, false).await.unwrap().expect("image blob");
    assert_eq!(image.type_(), "image/webp");
    assert_eq!(blob_bytes(&image).await, [1, 2, 3, 4]);
    let thumb = db.photo_blob(&photo.id, true).await.unwrap().expect("thumbnail blob");
    assert_eq!(blob_bytes(&thumb).await, [9, 8, 7]);
    let at_crown: Vec<PhotoMeta> = db.all_by("by_customer", &customer.id).await.unwrap();
    assert_eq!(at_crown, [photo]);
}

#[wasm_bindgen_test]
async fn deleting_a_customer_removes_everything_and_keeps_tombstones() {
    let db = Db::open(&unique_db("delete"), OpenHooks::default()).await.unwrap();
    let customer = sample_customer();
    let other = Customer::new("李娜", "13900001111", &stamp(2));
    db.save_registration(&customer, &[consent(&customer, ConsentKind::SensitiveInfo)]).await.unwrap();
    db.save_registration(&other, &[consent(&other, ConsentKind::PersonalInfo)]).await.unwrap();
    let photo = photo_of(&customer);
    db.save_photo(&photo, &blob(&[1], "image/webp"), &blob(&[2], "image/webp"), &stamp(3)).await.unwrap();
    let measurement = MeasurementSet { id: new_id(), customer_id: customer.id.clone(), density_per_cm2: Some(120.0), ..Default::default() };
    db.put(&measurement).await.unwrap();
    let visit = FollowUpEntry { id: new_id(), customer_id: customer.id.clone(), content: "到店护理".into(), ..Default::default() };
    db.log_follow_up(&visit, &stamp(3)).await.unwrap();

    let removed = db.delete_customer(&customer.id, "李店长", &stamp(99)).await.unwrap();
    assert_eq!(removed, 5, "customer, consent, photo, measurement, follow-up");
    assert_eq!(db.get::<FollowUpEntry>(&visit.id).await.unwrap(), None);
    let left: Vec<String> = db.search_entries().await.unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(left, [other.id.clone()], "the search no longer knows the deleted customer");
    let audit = db.audit_of(&customer.id).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].action, audit[0].by_staff.as_str(), audit[0].at), (AuditAction::Erased, "李店长", 99));
    assert_eq!(db.get::<Customer>(&customer.id).await.unwrap(), None);
    assert_eq!(db.get::<MeasurementSet>(&measurement.id).await.unwrap(), None);
    assert!(db.photo_blob(&photo.id, false).await.unwrap().is_none());
    let tomb = db.tombstone(&customer.id).await.unwrap().expect("tombstone");
    assert_eq!((tomb.kind.as_str(), tomb.deleted_at), ("customers", 99));
    assert_eq!(db.tombstone(&photo.id).await.unwrap().unwrap().kind, "photos");
    // The other customer is untouched.
    assert!(db.get::<Customer>(&other.id).await.unwrap().is_some());
    assert_eq!(db.all_by::<ConsentRecord>("by_customer", &other.id).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn settings_survive_reopening() {
    let name = unique_db("settings");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.settings().await.unwrap(), None, "a new tablet has no settings");
    let settings = AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap();
    db.save_settings(&settings).await.unwrap();
    db.close();
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.settings().await.unwrap(), Some(settings));
}

#[wasm_bindgen_test]
async fn an_old_connection_closes_and_says_so_when_another_tab_upgrades() {
    use std::cell::Cell;
    use std::rc::Rc;
    let name = unique_db("versionchange");
    let told = Rc::new(Cell::new(false));
    let flag = told.clone();
    let old = Db::open_at(&name, 1, OpenHooks { on_version_change: Some(Box::new(move || flag.set(true))), ..Default::default() })
        .await
        .unwrap();
    // Without the old connection closing itself, this open would wait forever.
    let new = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert!(told.get(), "the old tab was told to reload");
    assert!(old.count(schema::CUSTOMERS).await.is_err(), "the old connection is closed");
    assert_eq!(new.count(schema::CUSTOMERS).await.unwrap(), 0);
}

#[wasm_bindgen_test]
fn quota_errors_are_recognised_by_name_and_explained() {
    let e = StorageError::from_dom_name("QuotaExceededError", "The quota has been exceeded.".into());
    assert_eq!(e, StorageError::QuotaExceeded);
    assert!(e.message().get(Lang::Zh).contains("存储空间已满"));
    assert!(e.message().get(Lang::En).contains("storage is full"));
}

#[wasm_bindgen_test]
async fn duplicates_are_found_by_phone_or_by_name_and_birth_date() {
    let db = Db::open(&unique_db("dupes"), OpenHooks::default()).await.unwrap();
    let existing = sample_customer();
    db.save_registration(&existing, &[]).await.unwrap();

    let same_phone = Customer::new("王小超", "13800138000", &stamp(2));
    assert_eq!(db.find_duplicates(&same_phone).await.unwrap()[0].id, existing.id);

    let mut same_name_birth = Customer::new("王超", "13911112222", &stamp(2));
    same_name_birth.birth_date = existing.birth_date;
    assert_eq!(db.find_duplicates(&same_name_birth).await.unwrap().len(), 1);

    let mut namesake = Customer::new("王超", "13911112222", &stamp(2));
    namesake.birth_date = NaiveDate::from_ymd_opt(1990, 1, 1);
    assert!(db.find_duplicates(&namesake).await.unwrap().is_empty(), "same name, other birthday: a different person");
}

#[wasm_bindgen_test]
async fn withdrawing_sensitive_consent_deletes_health_details_photos_and_measurements() {
    let db = Db::open(&unique_db("withdraw"), OpenHooks::default()).await.unwrap();
    let mut customer = sample_customer();
    customer.health_notes = Some("高血压".into());
    customer.prior_treatment = Some("米诺地尔".into());
    let sensitive = consent(&customer, ConsentKind::SensitiveInfo);
    let marketing = consent(&customer, ConsentKind::Marketing);
    db.save_registration(&customer, &[sensitive.clone(), marketing.clone()]).await.unwrap();
    let photo = photo_of(&customer);
    db.save_photo(&photo, &blob(&[1], "image/webp"), &blob(&[2], "image/webp"), &stamp(3)).await.unwrap();
    let m = MeasurementSet { id: new_id(), customer_id: customer.id.clone(), density_per_cm2: Some(120.0), ..Default::default() };
    db.put(&m).await.unwrap();

    db.withdraw_consent(&customer.id, ConsentKind::SensitiveInfo, "小张", &stamp(2_000_000_000_000)).await.unwrap();

    let after: Customer = db.get(&customer.id).await.unwrap().expect("the customer stays");
    assert_eq!((after.health_notes, after.prior_treatment, after.hair_loss_type), (None, None, None));
    assert_eq!(after.life_notes, customer.life_notes);
    assert!(after.meta.updated_at > customer.meta.updated_at);
    assert!(db.all_by::<PhotoMeta>("by_customer", &customer.id).await.unwrap().is_empty());
    assert!(db.photo_blob(&photo.id, true).await.unwrap().is_none());
    assert_eq!(db.get::<MeasurementSet>(&m.id).await.unwrap(), None);
    assert!(db.tombstone(&photo.id).await.unwrap().is_some());
    let consents: Vec<ConsentRecord> = db.all_by("by_customer", &customer.id).await.unwrap();
    let s = consents.iter().find(|c| c.id == sensitive.id).unwrap();
    assert_eq!(s.withdrawn_at, Some(2_000_000_000_000));
    assert!(consents.iter().find(|c| c.id == marketing.id).unwrap().is_active(), "other consents are untouched");
    let audit = db.audit_of(&customer.id).await.unwrap();
    assert_eq!((audit[0].action, audit[0].by_staff.as_str()), (AuditAction::ConsentWithdrawn, "小张"));
}

fn purchase_of(customer: &Customer) -> Purchase {
    Purchase { id: new_id(), meta: Meta::new(&stamp(3)), customer_id: customer.id.clone(), product: "生发液".into(), quantity: 1, unit_price_fen: 100, ..Default::default() }
}

/// Issue 13.11: once a customer is erased, no write brings them or a record of theirs
/// back — a card opened in another tab before the erasure and saved, a put of the
/// customer or of a record of theirs, many at once — each refused with a message,
/// nothing written.
#[wasm_bindgen_test]
async fn no_save_brings_an_erased_customer_or_their_records_back() {
    let db = Db::open(&unique_db("erased-stays"), OpenHooks::default()).await.unwrap();
    let customer = sample_customer();
    let given = consent(&customer, ConsentKind::PersonalInfo);
    db.save_registration(&customer, &[given.clone()]).await.unwrap();
    let bought = purchase_of(&customer);
    db.put(&bought).await.unwrap();
    // What a second tab still shows after the erasure.
    let mut stale = customer.clone();
    stale.notes = Some("另一个标签页里改的".into());
    db.delete_customer(&customer.id, "李店长", &stamp(9)).await.unwrap();

    assert_eq!(db.put(&stale).await, Err(StorageError::Gone), "the customer");
    assert_eq!(db.save_customers(std::slice::from_ref(&stale)).await, Err(StorageError::Gone));
    assert_eq!(db.edit_customer(&customer.id, &stamp(10), |c| c.notes = Some("x".into())).await.map(|_| ()), Err(StorageError::Gone));
    assert_eq!(db.put(&bought).await, Err(StorageError::Gone), "a record of theirs saved again");
    assert_eq!(db.put(&purchase_of(&customer)).await, Err(StorageError::Gone), "a new record of theirs");
    assert_eq!(db.put(&consent(&customer, ConsentKind::Marketing)).await, Err(StorageError::Gone));
    assert_eq!(db.put_all(&[purchase_of(&customer)]).await, Err(StorageError::Gone));
    assert_eq!(db.get::<Customer>(&customer.id).await.unwrap(), None);
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 0);
    assert_eq!(db.count(schema::PURCHASES).await.unwrap(), 0);
    assert_eq!(db.count(schema::CONSENTS).await.unwrap(), 0);
    assert!(db.search_entries().await.unwrap().is_empty());
    assert!(StorageError::Gone.message().get(Lang::Zh).contains("已经删除"));
    // Someone else is saved as before.
    let other = Customer::new("李娜", "13900001111", &stamp(2));
    db.save_customers(std::slice::from_ref(&other)).await.unwrap();
    db.put(&purchase_of(&other)).await.unwrap();
}

/// Writes a row straight into a store, as a save that did not check for tombstones
/// did before (a database that already holds a record beside its tombstone).
async fn write_unchecked<T: Serialize>(name: &str, store: &str, value: &T) {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    let db = indexed_db_futures::database::Database::open(name).await.unwrap();
    let tx = db.transaction(store).with_mode(TransactionMode::Readwrite).build().unwrap();
    tx.object_store(store).unwrap().put(value).serde().unwrap();
    tx.commit().await.unwrap();
    use indexed_db_futures::internals::SystemRepr;
    let raw: &web_sys::IdbDatabase = wasm_bindgen::JsCast::unchecked_ref(db.as_sys());
    raw.close();
}

/// Issue 13.11: a database that already holds an erased customer (and a record of
/// theirs) beside the tombstone is repaired when opened by this version: the
/// tombstone wins, the journal records the deletions, and backups restore again.
#[wasm_bindgen_test]
async fn a_record_saved_beside_its_tombstone_is_removed_by_the_data_step() {
    let name = unique_db("erased-repair");
    let v6 = Db::open_at(&name, 6, OpenHooks::default()).await.unwrap();
    let customer = sample_customer();
    v6.save_registration(&customer, &[consent(&customer, ConsentKind::PersonalInfo)]).await.unwrap();
    let kept = Customer::new("李娜", "13900001111", &stamp(2));
    v6.save_registration(&kept, &[]).await.unwrap();
    v6.delete_customer(&customer.id, "李店长", &stamp(9)).await.unwrap();
    v6.close();
    // A card saved from a tab opened before the erasure, and a purchase with it.
    let mut stale = customer.clone();
    stale.notes = Some("另一个标签页里改的".into());
    write_unchecked(&name, schema::CUSTOMERS, &stale).await;
    let bought = purchase_of(&customer);
    write_unchecked(&name, schema::PURCHASES, &bought).await;

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.get::<Customer>(&customer.id).await.unwrap(), None, "the tombstone wins");
    assert_eq!(db.get::<Purchase>(&bought.id).await.unwrap(), None, "their records go with them");
    assert!(db.tombstone(&customer.id).await.unwrap().is_some() && db.tombstone(&bought.id).await.unwrap().is_some());
    assert_eq!(db.get::<Customer>(&kept.id).await.unwrap().map(|c| c.name), Some("李娜".into()));
    let doc = db.doc_entry(&follicle::storage::replica::doc_id_of(schema::CUSTOMERS, &customer.id).unwrap()).await.unwrap().unwrap();
    assert!(doc.tree.is_deleted(), "the journal says deleted");
    // A backup of it holds no record beside its deletion.
    let file = db.export_backup(&AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap(), None, 1, &|_| {}).await.unwrap().file;
    let opened = follicle::storage::backup::open_backup(&file, None, &|_| {}).await.unwrap();
    assert_eq!(opened.backup.count(schema::CUSTOMERS), 1);
    assert_eq!(opened.backup.count(schema::PURCHASES), 0);
}
