//! Backup and restore, in headless Chromium on real IndexedDB and WebCrypto: a round
//! trip of a few hundred customers and photos is exact; every kind of bad file is
//! refused and changes nothing; merge rules; the wrong passphrase.
#![cfg(target_arch = "wasm32")]

mod common;

use common::images::Rng;
use common::{by_text, click, computed_px, given_consent, load_app_styles, text_elements, input_by_label, mount_app, set_up_tablet, staff_home, stamp, tap, type_into, unique_db, wait_for, wait_for_text};
use follicle::domain::backup::{BackupError, Mode, SkipReason};
use follicle::domain::staff::{PinAttempts, PinHash, StaffMember, StaffRole};
use follicle::domain::*;
use follicle::storage::backup::{open_backup, BackupFailure, OpenedBackup};
use follicle::storage::{schema, Db, OpenHooks};
use follicle::i18n::{Label, Lang};
use js_sys::{Array, Uint8Array};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::Blob;

wasm_bindgen_test_configure!(run_in_browser);

const PASS: &str = "门店备份 2026";

fn settings() -> AppSettings {
    AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap()
}

fn bytes_blob(bytes: &[u8], mime: &str) -> Blob {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&Array::of1(&Uint8Array::from(bytes)), &bag).unwrap()
}

async fn blob_bytes(blob: &Blob) -> Vec<u8> {
    Uint8Array::new(&JsFuture::from(blob.array_buffer()).await.unwrap()).to_vec()
}

/// Bytes that do not compress, like a photo's.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    (0..len).map(|_| rng.next() as u8).collect()
}

fn customer(i: usize, updated: i64) -> Customer {
    let mut c = Customer::new(&format!("顾客{i}"), &format!("138{i:08}"), &stamp(1_000));
    c.meta.updated_at = updated;
    c.gender = Some(if i % 2 == 0 { Gender::Female } else { Gender::Male });
    c.life_notes = (i % 3 == 0).then(|| format!("第 {i} 位：每天散步"));
    c.refresh_keys();
    c
}

fn photo_of(customer: &Customer, n: usize) -> PhotoMeta {
    PhotoMeta {
        id: new_id(),
        meta: Meta::new(&stamp(2_000)),
        customer_id: customer.id.clone(),
        kind: PhotoKind::Camera,
        site: ScalpSite::Crown,
        taken_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1 + (n % 28) as u32).unwrap(),
        note: None,
        width: 1600,
        height: 1200,
        bytes: 0,
        alignments: Vec::new(),
    }
}

/// A tablet with `n` customers, one photo each for the first `photos` of them (image
/// of `photo_bytes` random bytes and a thumbnail), a consent each, staff, and two
/// erased customers (tombstones, audit entries).
async fn seeded(name: &str, n: usize, photos: usize, photo_bytes: usize) -> (Db, Vec<Customer>) {
    let db = Db::open(name, OpenHooks::default()).await.unwrap();
    db.save_settings(&settings()).await.unwrap();
    let manager = StaffMember {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        name: "李店长".into(),
        role: StaffRole::Manager,
        pin: PinHash { salt_hex: "00".repeat(16), hash_hex: "11".repeat(32), iterations: 310_000 },
    };
    db.put(&manager).await.unwrap();
    let customers: Vec<Customer> = (0..n).map(|i| customer(i, 1_000 + i as i64)).collect();
    db.save_customers(&customers).await.unwrap();
    for (i, c) in customers.iter().enumerate() {
        let consent = ConsentRecord {
            id: new_id(),
            meta: Meta::new(&stamp(1_000)),
            customer_id: c.id.clone(),
            kind: ConsentKind::PersonalInfo,
            notice_id: "personal-v1".into(),
            notice_hash: "ab".repeat(32),
            granted: true,
            at: 1_000,
            staff_present: Some("李店长".into()),
            guardian: None,
            withdrawn_at: None,
        };
        db.put(&consent).await.unwrap();
        if i < photos {
            // Pictures are kept only with the sensitive consent.
            db.put(&given_consent(c, ConsentKind::SensitiveInfo)).await.unwrap();
            let image = bytes_blob(&noise(photo_bytes, i as u64), "image/webp");
            let thumb = bytes_blob(&noise(photo_bytes / 10, 1_000 + i as u64), "image/webp");
            db.save_photo(&photo_of(c, i), &image, &thumb, &stamp(1)).await.unwrap();
        }
    }
    let extra: Vec<Customer> = (n..n + 2).map(|i| customer(i, 1_000)).collect();
    db.save_customers(&extra).await.unwrap();
    for c in &extra {
        db.delete_customer(&c.id, "李店长", &stamp(5_000)).await.unwrap();
    }
    (db, customers)
}

async fn export(db: &Db, passphrase: Option<&str>) -> Blob {
    db.export_backup(&settings(), passphrase, 9_000, &|_| {}).await.unwrap().file
}

async fn open(file: &Blob, passphrase: Option<&str>) -> Result<OpenedBackup, BackupFailure> {
    open_backup(file, passphrase, &|_| {}).await
}

#[wasm_bindgen_test]
async fn export_wipe_import_gives_the_same_records_photos_and_settings() {
    let name = unique_db("backup-round-trip");
    let (db, customers) = seeded(&name, 300, 300, 20_000).await;
    // Everything but the audit log, which gains one entry for the backup and one for
    // the restore.
    let before = db.backed_up_digest(&[schema::AUDIT_LOG]).await.unwrap();
    let audit_before = db.count(schema::AUDIT_LOG).await.unwrap();
    let some_photo: Vec<PhotoMeta> = db.all_by("by_customer", &customers[7].id).await.unwrap();
    let image_before = blob_bytes(&db.photo_blob(&some_photo[0].id, false).await.unwrap().unwrap()).await;

    let file = export(&db, Some(PASS)).await;
    // The date is this tablet's last backup only once the file was handed over.
    assert_eq!(db.last_backup().await.unwrap(), None, "not before the file is handed to the download");
    db.backup_made(&settings(), "李店长", 9_000).await.unwrap();
    assert_eq!(db.last_backup().await.unwrap(), Some(9_000));
    assert!(db.audit_of("").await.unwrap().iter().any(|a| a.action == AuditAction::BackupMade && a.by_staff == "李店长"));
    db.close();
    Db::delete_database(&name).await.unwrap();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 0, "wiped");
    let opened = open(&file, Some(PASS)).await.unwrap();
    assert_eq!(opened.backup.count(schema::CUSTOMERS), 300);
    let report = db.restore_backup(&opened, Mode::Replace, "李店长", &stamp(10_000)).await.unwrap();

    assert_eq!(db.backed_up_digest(&[schema::AUDIT_LOG]).await.unwrap(), before, "every record, row and photo byte as before");
    assert_eq!(db.settings().await.unwrap(), Some(settings()));
    assert_eq!(report.by_store[schema::CUSTOMERS].added, 300);
    assert_eq!(report.by_store[schema::PHOTOS].added, 300);
    assert_eq!(report.by_store[schema::TOMBSTONES].added, 2);
    // The file cannot hold its own making; the restore adds its entry.
    assert_eq!(db.count(schema::AUDIT_LOG).await.unwrap(), audit_before + 1);
    let image_after = blob_bytes(&db.photo_blob(&some_photo[0].id, false).await.unwrap().unwrap()).await;
    assert_eq!(image_after, image_before);
    let back: Customer = db.get(&customers[3].id).await.unwrap().unwrap();
    assert_eq!(back, customers[3]);
    // The derived search rows were rebuilt: the staff search finds everyone.
    assert_eq!(db.search_entries().await.unwrap().len(), 300);
    // The restore is on record.
    let restored = db.audit_of("").await.unwrap();
    assert!(restored.iter().any(|a| a.action == AuditAction::BackupRestored && a.detail.as_deref() == Some("replace")));
}

#[wasm_bindgen_test]
async fn a_plain_backup_round_trips_too_and_replace_keeps_this_tablets_counters() {
    let (src, _) = seeded(&unique_db("backup-plain-src"), 5, 3, 3_000).await;
    let before = src.backed_up_digest(&[schema::AUDIT_LOG, schema::SETTINGS]).await.unwrap();
    let file = export(&src, None).await;
    let dst = Db::open(&unique_db("backup-plain-dst"), OpenHooks::default()).await.unwrap();
    let mut attempts = PinAttempts::default();
    attempts.record_failure(123);
    dst.save_attempts(follicle::storage::PIN_ATTEMPTS_KEY, &attempts).await.unwrap();
    dst.save_customers(&[customer(77, 5)]).await.unwrap();
    let opened = open(&file, None).await.unwrap();
    dst.restore_backup(&opened, Mode::Replace, "李店长", &stamp(10_000)).await.unwrap();
    assert_eq!(dst.backed_up_digest(&[schema::AUDIT_LOG, schema::SETTINGS]).await.unwrap(), before, "the tablet's own customer is gone");
    assert_eq!(dst.attempts::<follicle::domain::staff::PinLockout>(follicle::storage::PIN_ATTEMPTS_KEY).await.unwrap(), attempts, "wrong-PIN count kept");
    assert_eq!(dst.settings().await.unwrap(), Some(settings()));
}

/// Every way a file can be bad: refused with its own reason, the database untouched.
#[wasm_bindgen_test]
async fn each_kind_of_bad_file_is_refused_and_changes_nothing() {
    let (src, _) = seeded(&unique_db("backup-bad-src"), 6, 4, 600_000).await;
    let sealed = blob_bytes(&export(&src, Some(PASS)).await).await;
    let plain = blob_bytes(&export(&src, None).await).await;
    let (target, _) = seeded(&unique_db("backup-bad-dst"), 3, 1, 2_000).await;
    let before = target.content_digest(&[]).await.unwrap();

    let flip = |bytes: &[u8], at: usize| {
        let mut b = bytes.to_vec();
        b[at] ^= 0x40;
        b
    };
    // The plain file's head, rewritten with newer versions.
    let head_end = 10 + 36 + u32::from_le_bytes(plain[10..14].try_into().unwrap()) as usize;
    let future_head = {
        let mut head: serde_json::Value = serde_json::from_slice(&plain[46..head_end]).unwrap();
        head["schema_version"] = 99.into();
        let mut file = plain[..10].to_vec();
        file.extend(follicle::domain::backup::payload_prefix(&serde_json::to_vec(&head).unwrap()));
        file.extend(&plain[head_end..]);
        file
    };
    let cases: Vec<(&str, Vec<u8>, Option<&str>, BackupError)> = vec![
        ("sealed, a byte changed in the middle", flip(&sealed, sealed.len() / 2), Some(PASS), BackupError::Corrupt(String::new())),
        ("sealed, the header changed", flip(&sealed, 20), Some(PASS), BackupError::WrongPassphrase),
        ("sealed, cut short", sealed[..sealed.len() - 1000].to_vec(), Some(PASS), BackupError::Corrupt(String::new())),
        ("sealed, cut at a chunk boundary", sealed[..57 + (1 << 20) + 16].to_vec(), Some(PASS), BackupError::Corrupt(String::new())),
        ("sealed, wrong passphrase", sealed.clone(), Some("门店备份 2025"), BackupError::WrongPassphrase),
        ("sealed, no passphrase", sealed.clone(), None, BackupError::NeedsPassphrase),
        ("plain, a photo byte changed", flip(&plain, plain.len() - 10), None, BackupError::Corrupt(String::new())),
        ("plain, the head changed", flip(&plain, 60), None, BackupError::Corrupt(String::new())),
        ("plain, cut short", plain[..plain.len() - 5].to_vec(), None, BackupError::Truncated),
        ("plain, a newer container", { let mut f = plain.clone(); f[8] = 2; f }, None, BackupError::FutureVersion),
        ("plain, a newer schema", future_head, None, BackupError::FutureVersion),
        ("not a backup", "姓名,电话\n王超,13800138000\n".as_bytes().to_vec(), None, BackupError::NotABackup),
        ("empty", Vec::new(), None, BackupError::NotABackup),
    ];
    assert!(sealed.len() > 57 + 2 * ((1 << 20) + 16), "the sealed file has several chunks");
    for (what, bytes, passphrase, expected) in cases {
        let got = open(&bytes_blob(&bytes, ""), passphrase).await.map(|_| ()).unwrap_err();
        match (&got, &expected) {
            (BackupFailure::File(BackupError::Corrupt(_)), BackupError::Corrupt(_)) => {}
            (BackupFailure::File(e), expected) => assert_eq!(e, expected, "{what}"),
            (other, _) => panic!("{what}: {other:?}"),
        }
        assert!(!got.message().get(Lang::Zh).is_empty());
        assert_eq!(target.content_digest(&[]).await.unwrap(), before, "{what} changed the database");
    }
}

#[wasm_bindgen_test]
async fn an_encrypted_backup_needs_its_own_passphrase() {
    let (src, _) = seeded(&unique_db("backup-pass"), 2, 1, 1_000).await;
    let file = export(&src, Some(PASS)).await;
    let got = open(&file, Some("not the passphrase")).await.map(|_| ()).unwrap_err();
    assert_eq!(got, BackupFailure::File(BackupError::WrongPassphrase));
    assert!(got.message().get(Lang::Zh).contains("密码不对"));
    // The file holds no readable record: the customers' names are not in it.
    let bytes = blob_bytes(&file).await;
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("顾客0") && !text.contains("13800000000"));
    assert!(open(&file, Some(PASS)).await.is_ok());
}

/// Merge: missing records added, the newer of two versions kept, deletions win over
/// older records, photos follow their record; the report says what happened.
#[wasm_bindgen_test]
async fn merge_keeps_newer_versions_and_deletions() {
    let src = Db::open(&unique_db("backup-merge-src"), OpenHooks::default()).await.unwrap();
    let dst = Db::open(&unique_db("backup-merge-dst"), OpenHooks::default()).await.unwrap();
    src.save_settings(&settings()).await.unwrap();
    let mut dst_settings = AppSettings::from_setup("朝阳店", "后台", "ffff0000").unwrap();
    dst_settings.idle_timeout_secs = 300;
    dst.save_settings(&dst_settings).await.unwrap();

    let at = |c: &Customer, updated: i64, name: &str| {
        let mut c = c.clone();
        c.meta.updated_at = updated;
        c.name = name.into();
        c.refresh_keys();
        c
    };
    let [x, y, z, w, v] = [0, 1, 2, 3, 4].map(|i| customer(i, 100));
    // The backup: X and Y edited at 100 and 300, Z new with a photo, W as it was, V
    // erased at 500.
    src.save_customers(&[at(&x, 100, "甲旧"), at(&y, 300, "乙新"), z.clone(), w.clone(), v.clone()]).await.unwrap();
    let photo = photo_of(&z, 1);
    src.put(&given_consent(&z, ConsentKind::SensitiveInfo)).await.unwrap();
    let image = noise(5_000, 5);
    src.save_photo(&photo, &bytes_blob(&image, "image/jpeg"), &bytes_blob(&noise(500, 6), "image/jpeg"), &stamp(1)).await.unwrap();
    src.delete_customer(&v.id, "李店长", &stamp(500)).await.unwrap();
    // This tablet: X newer (200), Y older (100), no Z, W erased at 400, V unchanged.
    dst.save_customers(&[at(&x, 200, "甲这里"), at(&y, 100, "乙旧"), w.clone(), v.clone()]).await.unwrap();
    dst.delete_customer(&w.id, "王店员", &stamp(400)).await.unwrap();

    let file = export(&src, None).await;
    let opened = open(&file, None).await.unwrap();
    let report = dst.restore_backup(&opened, Mode::Merge, "王店员", &stamp(10_000)).await.unwrap();

    let c = &report.by_store[schema::CUSTOMERS];
    assert_eq!((c.added, c.updated, c.unchanged), (1, 1, 0), "{c:?}");
    assert_eq!(c.skipped.get(&SkipReason::NewerHere), Some(&1));
    assert_eq!(c.skipped.get(&SkipReason::DeletedHere), Some(&1));
    assert_eq!(report.by_store[schema::TOMBSTONES].removed, 1, "V erased by the backup");
    assert_eq!(report.by_store[schema::PHOTOS].added, 1);
    assert_eq!(report.by_store[schema::SETTINGS].skipped.get(&SkipReason::TabletSettingKept), Some(&1));

    let name_of = |c: Option<Customer>| c.map(|c| c.name);
    assert_eq!(name_of(dst.get(&x.id).await.unwrap()).as_deref(), Some("甲这里"));
    assert_eq!(name_of(dst.get(&y.id).await.unwrap()).as_deref(), Some("乙新"));
    assert_eq!(name_of(dst.get(&z.id).await.unwrap()).as_deref(), Some("顾客2"));
    assert!(dst.get::<Customer>(&w.id).await.unwrap().is_none(), "erased here stays erased");
    assert!(dst.get::<Customer>(&v.id).await.unwrap().is_none(), "erased in the backup goes");
    assert!(dst.tombstone(&v.id).await.unwrap().is_some());
    assert_eq!(blob_bytes(&dst.photo_blob(&photo.id, false).await.unwrap().unwrap()).await, image);
    assert_eq!(dst.settings().await.unwrap(), Some(dst_settings), "this tablet keeps its own settings");
    // Search rows follow: Y under its new name, Z found, V gone.
    let rows = dst.search_entries().await.unwrap();
    let mut ids: Vec<&str> = rows.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    let mut expected = vec![x.id.as_str(), y.id.as_str(), z.id.as_str()];
    expected.sort();
    assert_eq!(ids, expected);

    // The same file again changes nothing more.
    let again = dst.restore_backup(&opened, Mode::Merge, "王店员", &stamp(11_000)).await.unwrap();
    let c = &again.by_store[schema::CUSTOMERS];
    assert_eq!((c.added, c.updated, c.unchanged), (0, 0, 2));
}

/// A plain file's head, edited, with the same body: what an older tablet could have
/// written.
fn with_edited_head(plain: &[u8], edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let head_end = 10 + 36 + u32::from_le_bytes(plain[10..14].try_into().unwrap()) as usize;
    let mut head: serde_json::Value = serde_json::from_slice(&plain[46..head_end]).unwrap();
    edit(&mut head);
    let mut file = plain[..10].to_vec();
    file.extend(follicle::domain::backup::payload_prefix(&serde_json::to_vec(&head).unwrap()));
    file.extend(&plain[head_end..]);
    file
}

/// Issue 13.11: a file holding a record beside its own deletion (saved by a stale
/// screen before every write checked) still restores; the deletion wins, and the
/// report says so.
#[wasm_bindgen_test]
async fn a_backup_holding_a_record_beside_its_deletion_still_restores_and_the_deletion_wins() {
    let (src, customers) = seeded(&unique_db("backup-pair-src"), 4, 2, 2_000).await;
    let plain = blob_bytes(&export(&src, None).await).await;
    let erased = &customers[0];
    let file = with_edited_head(&plain, |head| {
        let tombstone = serde_json::to_value(Tombstone::new(&erased.id, schema::CUSTOMERS, &stamp(8_000))).unwrap();
        head["stores"][schema::TOMBSTONES].as_array_mut().unwrap().push(tombstone);
    });
    let opened = open(&bytes_blob(&file, ""), None).await.expect("a record and its deletion is not damage");
    for mode in [Mode::Replace, Mode::Merge] {
        let dst = Db::open(&unique_db("backup-pair-dst"), OpenHooks::default()).await.unwrap();
        let report = dst.restore_backup(&opened, mode, "李店长", &stamp(10_000)).await.unwrap();
        assert_eq!(dst.get::<Customer>(&erased.id).await.unwrap(), None, "{mode:?}: the deletion wins");
        assert!(dst.tombstone(&erased.id).await.unwrap().is_some());
        assert_eq!(report.by_store[schema::CUSTOMERS].skipped.get(&SkipReason::DeletedInFile), Some(&1), "{mode:?}");
        // Their consents and photo go with them.
        let consents = &report.by_store[schema::CONSENTS];
        assert_eq!(consents.skipped.get(&SkipReason::CustomerErased), Some(&2), "{mode:?}: {consents:?}");
        assert!(dst.all_by::<ConsentRecord>("by_customer", &erased.id).await.unwrap().is_empty());
        assert!(dst.photos_of(&erased.id).await.unwrap().is_empty());
        assert_eq!(dst.count(schema::CUSTOMERS).await.unwrap(), 3);
        assert_eq!(dst.count(schema::PHOTO_BLOBS).await.unwrap(), 1);
        assert!(SkipReason::DeletedInFile.text(Lang::Zh).contains("以删除为准"));
        // The journal says the customer is deleted, or never had them.
        let doc = dst.doc_entry(&follicle::storage::replica::doc_id_of(schema::CUSTOMERS, &erased.id).unwrap()).await.unwrap();
        assert!(doc.is_none_or(|d| d.tree.is_deleted()), "{mode:?}");
    }
}

/// Issue 13.12: customers erased and consents withdrawn on this tablet after the
/// backup was made stay so through a Replace.
#[wasm_bindgen_test]
async fn replace_keeps_what_was_erased_and_withdrawn_here_since_the_backup() {
    let name = unique_db("backup-replace-keeps");
    let (db, customers) = seeded(&name, 4, 2, 2_000).await;
    let file = export(&db, None).await;
    let (withdrew, erased, pictured) = (&customers[0], &customers[2], &customers[1]);
    db.delete_customer(&erased.id, "李店长", &stamp(20_000)).await.unwrap();
    db.withdraw_consent(&withdrew.id, ConsentKind::SensitiveInfo, "李店长", &stamp(20_000)).await.unwrap();
    assert!(db.photos_of(&withdrew.id).await.unwrap().is_empty());

    let opened = open(&file, None).await.unwrap();
    let report = db.restore_backup(&opened, Mode::Replace, "李店长", &stamp(30_000)).await.unwrap();

    assert_eq!(db.get::<Customer>(&erased.id).await.unwrap(), None, "erased here stays erased");
    assert!(db.all_by::<ConsentRecord>("by_customer", &erased.id).await.unwrap().is_empty());
    assert!(db.tombstone(&erased.id).await.unwrap().is_some());
    assert_eq!(report.by_store[schema::CUSTOMERS].skipped.get(&SkipReason::DeletedHere), Some(&1));
    let consents: Vec<ConsentRecord> = db.all_by("by_customer", &withdrew.id).await.unwrap();
    let sensitive: Vec<&ConsentRecord> = consents.iter().filter(|c| c.kind == ConsentKind::SensitiveInfo).collect();
    assert_eq!(sensitive.len(), 1);
    assert!(sensitive[0].withdrawn_at.is_some(), "withdrawn here stays withdrawn");
    assert!(db.photos_of(&withdrew.id).await.unwrap().is_empty(), "what the withdrawal took stays gone");
    assert_eq!(report.by_store[schema::CONSENTS].skipped.get(&SkipReason::WithdrawnHere), Some(&1));
    // The rest is the backup's.
    assert_eq!(db.photos_of(&pictured.id).await.unwrap().len(), 1);
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 3);
    assert_eq!(db.search_entries().await.unwrap().len(), 3);
    // The confirmation says so.
    let confirm = follicle::i18n::Msg::new(follicle::i18n::T::RestoreConfirm1);
    assert!(confirm.get(Lang::Zh).contains("已删除的顾客和已撤回的同意保持删除"));
}

/// Issue 13.12: a customer's deletion merged in from a file removes every record of
/// theirs on this tablet, also those the file never had.
#[wasm_bindgen_test]
async fn a_merged_deletion_takes_all_of_the_customers_records_here() {
    let (src, customers) = seeded(&unique_db("backup-cascade-src"), 3, 2, 2_000).await;
    let first = open(&export(&src, None).await, None).await.unwrap();
    let dst = Db::open(&unique_db("backup-cascade-dst"), OpenHooks::default()).await.unwrap();
    dst.restore_backup(&first, Mode::Replace, "李店长", &stamp(10_000)).await.unwrap();
    let gone = &customers[1];
    // Only this tablet knows of a marketing consent and a purchase of theirs.
    let marketing = given_consent(gone, ConsentKind::Marketing);
    dst.put(&marketing).await.unwrap();
    let bought = Purchase { id: new_id(), meta: Meta::new(&stamp(11_000)), customer_id: gone.id.clone(), product: "生发液".into(), quantity: 1, unit_price_fen: 100, ..Default::default() };
    dst.put(&bought).await.unwrap();
    src.delete_customer(&gone.id, "李店长", &stamp(20_000)).await.unwrap();

    let second = open(&export(&src, None).await, None).await.unwrap();
    let report = dst.restore_backup(&second, Mode::Merge, "李店长", &stamp(30_000)).await.unwrap();
    assert_eq!(dst.get::<Customer>(&gone.id).await.unwrap(), None);
    assert!(dst.all_by::<ConsentRecord>("by_customer", &gone.id).await.unwrap().is_empty(), "the consent only this tablet had goes too");
    assert!(dst.all_by::<Purchase>("by_customer", &gone.id).await.unwrap().is_empty());
    assert!(dst.photos_of(&gone.id).await.unwrap().is_empty());
    assert!(dst.tombstone(&marketing.id).await.unwrap().is_some() && dst.tombstone(&bought.id).await.unwrap().is_some());
    assert_eq!(report.by_store[schema::PURCHASES].removed, 1);
    let doc = dst.doc_entry(&follicle::storage::replica::doc_id_of(schema::PURCHASES, &bought.id).unwrap()).await.unwrap().unwrap();
    assert!(doc.tree.is_deleted(), "the purchase's deletion is in the journal");
    assert_eq!(dst.count(schema::CUSTOMERS).await.unwrap(), 2);
}

/// Issue 13.13: a Replace keeps this tablet's own id and name (and its own fields);
/// a merge brings the store's newer rules, products, thresholds and sites along.
#[wasm_bindgen_test]
async fn this_tablet_stays_itself_and_a_merge_brings_the_stores_settings() {
    let src = Db::open(&unique_db("backup-self-src"), OpenHooks::default()).await.unwrap();
    let mut theirs = settings();
    theirs.store.custom_sites = vec!["左鬓角".into()];
    theirs.store.class_thresholds = Default::default();
    theirs.store.store_updated_at = 5_000;
    src.save_settings(&theirs).await.unwrap();
    src.save_customers(&[customer(1, 100)]).await.unwrap();
    let file = open(&export(&src, None).await, None).await.unwrap();

    for mode in [Mode::Merge, Mode::Replace] {
        let dst = Db::open(&unique_db("backup-self-dst"), OpenHooks::default()).await.unwrap();
        let mut mine = AppSettings::from_setup("朝阳店", "后台", "ffff0000").unwrap();
        mine.idle_timeout_secs = 300;
        mine.store.store_updated_at = 1_000;
        dst.save_settings(&mine).await.unwrap();
        let sync = follicle::domain::settings::SyncSettings { server: "http://127.0.0.1:5984".into(), database: "store".into(), username: "t2".into(), password: "secret".into() };
        dst.save_sync_settings(Some(&sync)).await.unwrap();
        dst.restore_backup(&file, mode, "李店长", &stamp(10_000)).await.unwrap();
        let now = dst.settings().await.unwrap().unwrap();
        assert_eq!((now.device_id.as_str(), now.device_name.as_str(), now.idle_timeout_secs), (mine.device_id.as_str(), "后台", 300), "{mode:?}");
        assert_eq!(now.store, theirs.store, "{mode:?}: the store's part comes along");
        assert_eq!(dst.sync_settings().await.unwrap(), Some(sync), "{mode:?}: the sync settings stay");
    }
}

// --- the screens ----------------------------------------------------------------

/// Chooses `blob` as the file of the restore's file input.
fn choose_file(root: &web_sys::Element, blob: &Blob) {
    let input: web_sys::HtmlInputElement = wasm_bindgen::JsCast::dyn_into(root.query_selector("#restore-file").unwrap().unwrap()).unwrap();
    let file = web_sys::File::new_with_blob_sequence(&Array::of1(blob), "follicle-backup-2026-11-23.follicle").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    input.set_files(transfer.files().as_ref());
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn staff_back_up_from_the_staff_home_with_a_passphrase() {
    let name = unique_db("backup-ui-make");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    wait_for_text(&root, "这台平板还没有备份过").await;
    tap(&root, "a", "备份与恢复").await;
    wait_for_text(&root, "备份到一个文件").await;

    // The passphrase is asked for by default, and checked.
    type_into(&input_by_label(&root, "备份密码"), "1234");
    type_into(&input_by_label(&root, "再输一次备份密码"), "1234");
    click(&root, "button", "开始备份");
    wait_for_text(&root, "备份密码至少 8 个字").await;
    type_into(&input_by_label(&root, "备份密码"), "朝阳店备份 2026");
    type_into(&input_by_label(&root, "再输一次备份密码"), "朝阳店备份 2026");
    click(&root, "button", "开始备份");
    let made = wait_for(30_000, || by_text(&root, ".backup-made", "备份完成")).await;
    let text = made.text_content().unwrap();
    assert!(text.contains("follicle-backup-") && text.ends_with("再次下载文件"), "{text}");
    wait_for(5_000, || by_text(&root, ".backup-last", "今天")).await;

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert!(db.last_backup().await.unwrap().is_some());
    let made_by = db.audit_of("").await.unwrap();
    assert!(made_by.iter().any(|a| a.action == AuditAction::BackupMade && a.by_staff == "李店长"));
}

/// A tablet that syncs with the store's server is told the truth: its records are not
/// on this tablet alone, and a backup file is one more safeguard.
#[wasm_bindgen_test]
async fn the_backup_reminder_of_a_syncing_tablet_does_not_say_the_data_is_only_here() {
    let name = unique_db("backup-ui-syncs");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let sync = follicle::domain::settings::SyncSettings { server: "http://127.0.0.1:9".into(), database: "store".into(), username: "t".into(), password: "secret".into() };
    db.save_sync_settings(Some(&sync)).await.unwrap();
    db.close();
    let root = staff_home(&name).await;
    let line = wait_for(10_000, || by_text(&root, ".backup-last", "这台平板还没有备份过")).await.text_content().unwrap();
    assert!(line.contains("门店的服务器") && !line.contains("只存在这台平板"), "{line}");
}

#[wasm_bindgen_test]
async fn the_staff_home_nags_when_the_last_backup_is_older_than_the_setting() {
    let name = unique_db("backup-ui-nag");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let ten_days_ago = js_sys::Date::now() as i64 - 10 * 86_400_000;
    db.export_backup(&settings(), None, ten_days_ago, &|_| {}).await.unwrap();
    db.backup_made(&settings(), "李店长", ten_days_ago).await.unwrap();
    let root = staff_home(&name).await;
    wait_for_text(&root, "（10 天前）").await;
    wait_for(5_000, || by_text(&root, ".backup-reminder .error", "已经很久没有备份了")).await;

    // With a 14-day setting the same backup is recent enough.
    let mut relaxed = settings();
    relaxed.backup_reminder_days = 14;
    db.save_settings(&relaxed).await.unwrap();
    db.close();
    let root = staff_home_again(&name).await;
    wait_for_text(&root, "（10 天前）").await;
    assert!(by_text(&root, ".backup-reminder", "已经很久没有备份了").is_none());
}

/// A second visit to the staff home, once the manager exists.
async fn staff_home_again(name: &str) -> web_sys::Element {
    let root = mount_app(name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    wait_for_text(&root, "员工登录").await;
    type_into(&input_by_label(&root, "密码"), "2468");
    click(&root, "button", "确认");
    wait_for(15_000, || by_text(&root, "h1", "您好，李店长")).await;
    root
}

#[wasm_bindgen_test]
async fn a_restore_on_screen_refuses_a_wrong_passphrase_asks_twice_to_replace_and_reports() {
    let (src, _) = seeded(&unique_db("backup-ui-src"), 5, 2, 4_000).await;
    let sealed = export(&src, Some(PASS)).await;
    let plain = export(&src, None).await;
    let name = unique_db("backup-ui-restore");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    tap(&root, "a", "备份与恢复").await;
    wait_for_text(&root, "从备份文件恢复").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let before = db.content_digest(&[]).await.unwrap();

    click(&root, "button", "检查并恢复");
    wait_for_text(&root, "请先选择备份文件").await;
    choose_file(&root, &sealed);
    type_into(&input_by_label(&root, "备份密码（文件加密时需要）"), "不是这个密码");
    click(&root, "button", "检查并恢复");
    wait_for(30_000, || by_text(&root, ".error", "备份密码不对")).await;
    assert_eq!(db.content_digest(&[]).await.unwrap(), before);

    // Replace all: asked twice; cancelling or stopping after the first leaves all as is.
    choose_file(&root, &plain);
    click(&root, "label", "全部替换");
    click(&root, "button", "检查并恢复");
    wait_for_text(&root, "确定吗").await;
    click(&root, "button", "取消");
    tap(&root, "button", "检查并恢复").await;
    tap(&root, "button", "确定，继续").await;
    wait_for_text(&root, "最后确认").await;
    assert_eq!(db.content_digest(&[]).await.unwrap(), before, "nothing written before the second yes");
    click(&root, "button", "删除并替换");
    let report = wait_for(30_000, || by_text(&root, ".restore-report", "恢复完成")).await;
    // Settings, staff, 5 customers, 5 + 2 consents (the pictured two gave the
    // sensitive one), 2 photos, 2 erasures (tombstones and audit entries). (The first
    // export was never handed to a download, so it is not on record.)
    let added = report.query_selector("dd.added").unwrap().unwrap().text_content().unwrap();
    let expected = 1 + 1 + 5 + 7 + 2 + 2 + 2;
    assert_eq!(added, expected.to_string());
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 5);
    assert_eq!(db.count(schema::PHOTO_BLOBS).await.unwrap(), 2);
}

#[wasm_bindgen_test]
async fn the_backup_screen_has_large_text_and_targets() {
    load_app_styles();
    let name = unique_db("backup-ui-sizes");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    tap(&root, "a", "备份与恢复").await;
    wait_for_text(&root, "从备份文件恢复").await;
    click(&root, "label", "全部替换");
    choose_file(&root, &bytes_blob(b"x", ""));
    tap(&root, "button", "检查并恢复").await;
    wait_for_text(&root, "确定吗").await;
    let screen = root.query_selector("section.backup").unwrap().unwrap();
    for e in text_elements(&screen) {
        let (size, line) = (computed_px(&e, "font-size"), computed_px(&e, "line-height"));
        let text = e.text_content().unwrap_or_default();
        assert!(size >= 20.0 && line >= size * 1.4 - 0.01, "{text:?}: {size}px / {line}px");
    }
    // Check boxes and radio buttons sit inside labels as big as a button: the label is
    // the target.
    let targets = screen.query_selector_all("a, button, select, input:not([type=checkbox]):not([type=radio]), label.choice").unwrap();
    assert!(targets.length() >= 8);
    for i in 0..targets.length() {
        let e: web_sys::Element = wasm_bindgen::JsCast::dyn_into(targets.item(i).unwrap()).unwrap();
        let r = e.get_bounding_client_rect();
        let main = e.get_attribute("class").is_some_and(|c| c.split_whitespace().any(|c| c == "big"));
        let min = if main { 60.0 } else { 48.0 };
        assert!(r.width() >= min && r.height() >= min, "{:?} is {}x{}", e.text_content(), r.width(), r.height());
    }
}

/// Time and size of a store-sized backup (300 customers, 300 photos of ~250 KB plus
/// thumbnails). Run with `--include-ignored`; prints, never asserts on time.
#[wasm_bindgen_test]
#[ignore]
async fn bench_backup_300_customers_300_photos() {
    let now = || js_sys::Date::now();
    let name = unique_db("backup-bench");
    let t = now();
    let (db, _) = seeded(&name, 300, 300, 250_000).await;
    let seed_ms = now() - t;
    for passphrase in [None, Some(PASS)] {
        let t = now();
        let file = export(&db, passphrase).await;
        let export_ms = now() - t;
        let t = now();
        let opened = open(&file, passphrase).await.unwrap();
        let open_ms = now() - t;
        let dst = Db::open(&unique_db("backup-bench-dst"), OpenHooks::default()).await.unwrap();
        let t = now();
        dst.restore_backup(&opened, Mode::Replace, "李店长", &stamp(1)).await.unwrap();
        let write_ms = now() - t;
        let t = now();
        let merged = dst.restore_backup(&opened, Mode::Merge, "李店长", &stamp(2)).await.unwrap();
        let merge_ms = now() - t;
        assert_eq!(merged.by_store[schema::CUSTOMERS].unchanged, 300);
        web_sys::console::log_1(
            &format!(
                "BENCH backup encrypted={} size={:.1}MB export={export_ms:.0}ms read+check={open_ms:.0}ms replace-write={write_ms:.0}ms merge-again={merge_ms:.0}ms (seeding {seed_ms:.0}ms)",
                passphrase.is_some(),
                file.size() / 1e6
            )
            .into(),
        );
    }
}
