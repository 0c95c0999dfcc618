use super::*;
use crate::domain::{AppSettings, Customer, PhotoKind, PhotoMeta, ScalpSite, Stamp, Tombstone};
use crate::i18n::Lang;

const TABLET_ONLY: &[&str] = &["pin_attempts", "self_check_attempts", "data_version", "last_backup"];

/// The layout the app has today (the storage layer builds the same from its schema).
fn layout() -> Layout {
    let r = |name| StoreSpec { name, key: "id", kind: StoreKind::Records };
    Layout {
        schema_version: 4,
        stores: vec![
            StoreSpec { name: "settings", key: "key", kind: StoreKind::Settings },
            r("customers"),
            r("photos"),
            StoreSpec { name: "photo_blobs", key: "photo_id", kind: StoreKind::Blobs { owner: "photos" } },
            r("measurements"),
            StoreSpec { name: "tombstones", key: "id", kind: StoreKind::Tombstones },
            r("audit_log"),
            r("staff"),
        ],
        tablet_only_settings: TABLET_ONLY,
        customers: "customers",
        consents: "consents",
        owned: &["photos", "measurements", "consents"],
    }
}

fn stamp(now: i64) -> Stamp {
    Stamp { store_id: "store:测试店".into(), device_id: "t#1".into(), now }
}

fn customer(name: &str, updated: i64) -> Customer {
    let mut c = Customer::new(name, "13800138000", &stamp(1));
    c.meta.updated_at = updated;
    c.refresh_keys();
    c
}

fn photo(customer: &Customer) -> PhotoMeta {
    PhotoMeta {
        id: crate::domain::new_id(),
        meta: crate::domain::Meta::new(&stamp(5)),
        customer_id: customer.id.clone(),
        kind: PhotoKind::Camera,
        site: ScalpSite::Crown,
        taken_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
        note: None,
        width: 10,
        height: 10,
        bytes: 3,
        alignments: Vec::new(),
    }
}

fn info() -> BackupInfo {
    BackupInfo { schema_version: 4, made_at: 99, store_id: "store:测试店".into(), device_id: "t#1".into(), app_version: "0.1.0".into() }
}

fn json<T: Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap()
}

fn sha(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

struct Sample {
    customers: Vec<Customer>,
    photo: PhotoMeta,
    body: Vec<u8>,
}

fn sample() -> Sample {
    let customers = vec![customer("王超", 10), customer("李娜", 20)];
    let photo = photo(&customers[0]);
    Sample { customers, photo, body: b"IMGthumb".to_vec() }
}

fn head_bytes(s: &Sample) -> Vec<u8> {
    let settings = format!(r#"[{{"key":"app","value":{}}}]"#, serde_json::to_string(&AppSettings::default()).unwrap());
    let tombstones = json(&[Tombstone::new("gone-1", "customers", &stamp(7))]);
    let blobs = vec![BlobRow {
        key: s.photo.id.clone(),
        parts: BTreeMap::from([
            ("image".to_string(), BlobRef { offset: 0, len: 3, mime: "image/webp".into(), sha256: sha(1) }),
            ("thumb".to_string(), BlobRef { offset: 3, len: 5, mime: "image/webp".into(), sha256: sha(2) }),
        ]),
    }];
    encode_head(
        &info(),
        &[("settings", settings), ("customers", json(&s.customers)), ("photos", json(&[&s.photo])), ("tombstones", tombstones)],
        &blobs,
    )
    .unwrap()
}

/// A whole plain file, as the export writes it.
fn plain_file(s: &Sample) -> Vec<u8> {
    let mut file = plain_header();
    file.extend(payload_prefix(&head_bytes(s)));
    file.extend(&s.body);
    file
}

/// Reads a plain file the way the storage layer does, all in memory.
fn read_plain(file: &[u8]) -> Checked<Backup> {
    let Envelope::Plain { payload_at } = read_envelope(&file[..file.len().min(SEALED_HEADER_LEN)], file.len() as u64)? else {
        return Err(BackupError::NeedsPassphrase);
    };
    let payload = &file[payload_at as usize..];
    let at = read_payload_prefix(payload, payload.len() as u64)?;
    let head = &payload[PREFIX_LEN..at.body_at as usize];
    check_head_digest(head, &at)?;
    parse_head(head, payload.len() as u64 - at.body_at, &layout())
}

/// A head edited as JSON, in a plain file.
fn with_head(edit: impl FnOnce(&mut Value)) -> Checked<Backup> {
    let s = sample();
    let mut head: Value = serde_json::from_slice(&head_bytes(&s)).unwrap();
    edit(&mut head);
    let mut file = plain_header();
    file.extend(payload_prefix(&serde_json::to_vec(&head).unwrap()));
    file.extend(&s.body);
    read_plain(&file)
}

#[test]
fn a_plain_file_reads_back_as_written() {
    let s = sample();
    let backup = read_plain(&plain_file(&s)).unwrap();
    assert_eq!(backup.info, info());
    assert_eq!(backup.count("customers"), 2);
    let back: Customer = serde_json::from_value(backup.stores["customers"][0].clone()).unwrap();
    assert_eq!(back, s.customers[0]);
    assert_eq!(backup.blobs[0].parts["thumb"].offset, 3);
}

#[test]
fn other_files_are_not_backups() {
    assert_eq!(read_envelope(b"PK\x03\x04 a zip file", 18), Err(BackupError::NotABackup));
    assert_eq!(read_envelope(b"", 0), Err(BackupError::NotABackup));
    assert_eq!(with_head(|h| h["format"] = "something-else".into()), Err(BackupError::NotABackup));
}

#[test]
fn newer_files_are_refused_as_future_versions() {
    let mut file = plain_file(&sample());
    file[8] = CONTAINER_VERSION + 1;
    assert_eq!(read_plain(&file), Err(BackupError::FutureVersion));
    assert_eq!(with_head(|h| h["version"] = 2.into()), Err(BackupError::FutureVersion));
    assert_eq!(with_head(|h| h["schema_version"] = 5.into()), Err(BackupError::FutureVersion));
    // A newer version may change every other field: still "future", not "damaged".
    assert_eq!(with_head(|h| *h = serde_json::json!({"format": FORMAT_NAME, "version": 9})), Err(BackupError::FutureVersion));
}

#[test]
fn a_cut_file_is_truncated() {
    let file = plain_file(&sample());
    assert_eq!(read_plain(&file[..9]), Err(BackupError::Truncated));
    assert_eq!(read_plain(&file[..12]), Err(BackupError::Truncated));
    // Cut inside the head, and inside the photo bytes.
    assert_eq!(read_plain(&file[..60]), Err(BackupError::Truncated));
    assert_eq!(read_plain(&file[..file.len() - 1]), Err(BackupError::Truncated));
}

#[test]
fn a_changed_head_fails_its_checksum_even_when_it_still_reads() {
    let mut file = plain_file(&sample());
    // A letter of a name in the head: still JSON, still a customer.
    let at = file.windows(6).position(|w| w == "王超".as_bytes()).unwrap();
    file[at + 2] ^= 1;
    assert_eq!(read_plain(&file), Err(BackupError::Corrupt("head checksum".into())));
}

#[test]
fn every_record_is_checked() {
    let bad = |edit: fn(&mut Value)| matches!(with_head(edit), Err(BackupError::Corrupt(_)));
    assert!(bad(|h| h["stores"]["customers"][0]["id"] = Value::Null), "no key");
    assert!(bad(|h| h["stores"]["customers"][1]["id"] = h["stores"]["customers"][0]["id"].clone()), "repeated key");
    assert!(bad(|h| h["stores"]["customers"][0]["meta"]["updated_at"] = "yesterday".into()), "no version");
    assert!(bad(|h| h["stores"]["customers"][0]["gender"] = 42.into()), "not a customer");
    assert!(bad(|h| h["stores"]["plans_from_the_future"] = serde_json::json!([])), "unknown store");
    assert!(bad(|h| h["stores"]["tombstones"][0]["kind"] = "nowhere".into()), "deletion from no store");
    // A record beside its own deletion reads (the deletion wins at the restore).
    assert!(with_head(|h| h["stores"]["tombstones"][0]["id"] = h["stores"]["customers"][0]["id"].clone()).is_ok(), "record and its deletion");
    assert!(bad(|h| h["stores"]["settings"][0]["value"]["idle_timeout_secs"] = "long".into()), "settings that do not read");
    assert!(bad(|h| h["stores"]["settings"][0]["key"] = "pin_attempts".into()), "this tablet's own counter");
    assert!(bad(|h| h["blobs"][0]["key"] = "no-such-photo".into()), "a picture of no photo");
    assert!(bad(|h| h["blobs"][0]["parts"]["image"]["sha256"] = "abc".into()), "no digest");
    assert!(bad(|h| h["stores"]["photo_blobs"] = serde_json::json!([])), "blobs as records");
    assert_eq!(with_head(|h| h["blobs"][0]["parts"]["image"]["len"] = 999.into()), Err(BackupError::Truncated));
    assert_eq!(with_head(|h| h["blobs"][0]["parts"]["image"]["offset"] = u64::MAX.into()), Err(BackupError::Truncated));
    assert!(with_head(|_| {}).is_ok());
}

#[test]
fn a_sealed_header_lays_out_its_chunks() {
    let header = sealed_header(&[7; 16], 310_000, &[1; 7], 1024);
    let mut head = header.clone();
    head.extend([9u8; 16]);
    let full = 1024 + 16;
    // Two full chunks and a short last one.
    let Envelope::Sealed(s) = read_envelope(&head, 57 + 2 * full + 20).unwrap() else { panic!("sealed") };
    assert_eq!((s.iterations, s.chunk_size, s.aad.as_slice()), (310_000, 1024, header.as_slice()));
    assert_eq!(s.chunks.len(), 3);
    assert_eq!((s.chunks[2].offset, s.chunks[2].len), (57 + 2 * full, 20));
    assert_eq!(s.chunks[1].nonce, chunk_nonce(&[1; 7], 1, false));
    assert_eq!(s.chunks[2].nonce[11], 1, "the last chunk is marked");
    assert_ne!(s.key_check_nonce(), s.chunks[0].nonce);
    // Exactly two full chunks: the second is the last.
    let Envelope::Sealed(s) = read_envelope(&head, 57 + 2 * full).unwrap() else { panic!() };
    assert_eq!(s.chunks.len(), 2);
    assert_eq!(s.chunks[1].nonce, chunk_nonce(&[1; 7], 1, true));
    // An empty payload is one empty chunk (its tag only).
    assert_eq!(chunk_count(0, 1024), 1);
    assert!(read_envelope(&head, 57 + 16).is_ok());
    // Cut: no room for a tag, or a header cut short.
    assert_eq!(read_envelope(&head, 57 + full + 5), Err(BackupError::Truncated));
    assert_eq!(read_envelope(&head, 57), Err(BackupError::Truncated));
    assert_eq!(read_envelope(&head[..30], 30), Err(BackupError::Truncated));
}

#[test]
fn a_forged_sealed_header_cannot_ask_for_too_much() {
    for (iterations, chunk) in [(1, 1024), (u32::MAX, 1024), (310_000, 1), (310_000, u32::MAX)] {
        let mut head = sealed_header(&[0; 16], iterations, &[0; 7], chunk);
        head.extend([0u8; 16]);
        assert!(matches!(read_envelope(&head, 10_000), Err(BackupError::Corrupt(_))), "{iterations} {chunk}");
    }
}

// --- merge rules ---------------------------------------------------------------

fn here(record: Option<i64>, deleted_at: Option<i64>) -> Here {
    Here { record: record.map(Some), deleted_at }
}

#[test]
fn merge_keeps_the_newer_version() {
    assert_eq!(decide_record(here(None, None), Some(5)), Decision::Add);
    assert_eq!(decide_record(here(Some(5), None), Some(9)), Decision::Update);
    assert_eq!(decide_record(here(Some(5), None), Some(5)), Decision::Unchanged);
    assert_eq!(decide_record(here(Some(9), None), Some(5)), Decision::Skip(SkipReason::NewerHere));
    // An audit entry (no version) is the same entry whatever the file says.
    assert_eq!(decide_record(Here { record: Some(None), deleted_at: None }, None), Decision::Unchanged);
}

#[test]
fn deletions_win_over_older_records() {
    assert_eq!(decide_record(here(None, Some(10)), Some(9)), Decision::Skip(SkipReason::DeletedHere));
    assert_eq!(decide_record(here(None, Some(10)), Some(10)), Decision::Skip(SkipReason::DeletedHere));
    assert_eq!(decide_record(here(None, Some(10)), None), Decision::Skip(SkipReason::DeletedHere));
    // Changed elsewhere after this tablet deleted it: the newer record comes back.
    assert_eq!(decide_record(here(None, Some(10)), Some(11)), Decision::Revive);
    // A deletion in the file.
    assert_eq!(decide_tombstone(here(Some(5), None), 10), Decision::Remove);
    assert_eq!(decide_tombstone(here(Some(10), None), 10), Decision::Remove);
    assert_eq!(decide_tombstone(here(Some(11), None), 10), Decision::Skip(SkipReason::ChangedAfterDeletion));
    assert_eq!(decide_tombstone(here(None, None), 10), Decision::Add);
    assert_eq!(decide_tombstone(here(None, Some(3)), 10), Decision::Unchanged);
}

fn local_of(entries: &[(&str, &str, Option<i64>)], tombstones: &[(&str, i64)]) -> Local {
    let mut local = Local::default();
    for (store, key, v) in entries {
        local.records.entry(store.to_string()).or_default().insert(key.to_string(), *v);
    }
    for (id, at) in tombstones {
        local.tombstones.insert(id.to_string(), *at);
        local.records.entry("tombstones".into()).or_default().insert(id.to_string(), None);
    }
    local
}

#[test]
fn a_merge_plan_counts_and_writes_what_the_rules_say() {
    let s = sample();
    let backup = read_plain(&plain_file(&s)).unwrap();
    let (wang, li) = (s.customers[0].id.as_str(), s.customers[1].id.as_str());
    // Here: 王超 newer (skip), 李娜 older (update), the photo missing (add, with its
    // Blob row), the app settings present (kept), and the customer the file deleted
    // still here and older than the deletion (removed).
    let local = local_of(&[("customers", wang, Some(50)), ("customers", li, Some(1)), ("settings", "app", None), ("customers", "gone-1", Some(3))], &[]);
    let plan = plan(&backup, &local, &layout(), Mode::Merge);
    let c = &plan.report.by_store["customers"];
    assert_eq!((c.added, c.updated, c.unchanged, c.skipped_total()), (0, 1, 0, 1));
    assert_eq!(c.skipped[&SkipReason::NewerHere], 1);
    assert_eq!(plan.report.by_store["photos"].added, 1);
    assert_eq!(plan.report.by_store["settings"].skipped[&SkipReason::TabletSettingKept], 1);
    assert_eq!(plan.report.by_store["tombstones"].removed, 1);
    assert_eq!(plan.deletes, [("customers".to_string(), "gone-1".to_string())]);
    assert_eq!(plan.blob_puts, [0]);
    assert!(plan.puts.contains(&("customers".into(), 1)) && !plan.puts.contains(&("customers".into(), 0)));
    assert!(plan.puts.contains(&("tombstones".into(), 0)), "the deletion is kept too");
    let total = plan.report.total();
    assert_eq!((total.added, total.updated, total.removed, total.skipped_total()), (1, 1, 1, 2));
}

#[test]
fn a_photo_kept_here_keeps_its_picture() {
    let s = sample();
    let backup = read_plain(&plain_file(&s)).unwrap();
    let local = local_of(&[("photos", &s.photo.id, Some(s.photo.meta.updated_at))], &[]);
    let plan = plan(&backup, &local, &layout(), Mode::Merge);
    assert_eq!(plan.report.by_store["photos"].unchanged, 1);
    assert!(plan.blob_puts.is_empty());
}

#[test]
fn replace_adds_everything_but_what_was_erased_here() {
    let s = sample();
    let backup = read_plain(&plain_file(&s)).unwrap();
    // Here: a newer 王超 (replaced all the same) and 李娜 erased after the backup.
    let local = local_of(&[("customers", &s.customers[0].id, Some(999)), ("settings", "app", None)], &[(&s.customers[1].id, 999)]);
    let plan = plan(&backup, &local, &layout(), Mode::Replace);
    let total = plan.report.total();
    assert_eq!((total.added, total.skipped_total(), total.removed), (4, 1, 0));
    assert_eq!(plan.report.by_store["customers"].skipped[&SkipReason::DeletedHere], 1);
    assert_eq!(plan.puts.len(), 4);
    assert_eq!(plan.blob_puts, [0]);
    // Nothing here erased: everything.
    let plan = super::plan(&backup, &local_of(&[("customers", &s.customers[0].id, Some(999))], &[]), &layout(), Mode::Replace);
    assert_eq!((plan.report.total().added, plan.puts.len()), (5, 5));
}

#[test]
fn a_record_beside_its_deletion_reads_and_the_deletion_wins() {
    let backup = with_head(|h| {
        let wang = h["stores"]["customers"][0]["id"].as_str().unwrap().to_string();
        let t = serde_json::to_value(Tombstone::new(&wang, "customers", &stamp(50))).unwrap();
        h["stores"]["tombstones"].as_array_mut().unwrap().push(t);
    })
    .expect("not damage");
    for mode in [Mode::Merge, Mode::Replace] {
        let plan = plan(&backup, &Local::default(), &layout(), mode);
        assert_eq!(plan.report.by_store["customers"].skipped[&SkipReason::DeletedInFile], 1, "{mode:?}");
        // Their photo goes with them, and its picture is not written.
        assert_eq!(plan.report.by_store["photos"].skipped[&SkipReason::CustomerErased], 1, "{mode:?}");
        assert!(plan.blob_puts.is_empty());
        assert!(!plan.puts.contains(&("customers".into(), 0)));
    }
}

#[test]
fn a_deletion_from_the_file_takes_the_customers_records_here() {
    let s = sample();
    let backup = read_plain(&plain_file(&s)).unwrap();
    // The file deletes "gone-1"; here it has a photo and a measurement only this
    // tablet knows of.
    let mut local = local_of(&[("customers", "gone-1", Some(3)), ("photos", "p-here", Some(3)), ("measurements", "m-here", Some(3))], &[]);
    local.owned_by.insert("gone-1".into(), vec![("photos".into(), "p-here".into()), ("measurements".into(), "m-here".into())]);
    let plan = plan(&backup, &local, &layout(), Mode::Merge);
    assert!(plan.deletes.contains(&("customers".into(), "gone-1".into())));
    for pair in [("photos", "p-here"), ("measurements", "m-here")] {
        let pair = (pair.0.to_string(), pair.1.to_string());
        assert!(plan.deletes.contains(&pair) && plan.tombstone.contains(&pair), "{pair:?}");
    }
    assert_eq!(plan.report.by_store["measurements"].removed, 1);
}

#[test]
fn replace_keeps_a_consent_withdrawn_here_and_this_tablets_own_settings() {
    let s = sample();
    let mut consent = crate::domain::ConsentRecord {
        id: "c-1".into(),
        meta: crate::domain::Meta::new(&stamp(5)),
        customer_id: s.customers[0].id.clone(),
        kind: crate::domain::ConsentKind::SensitiveInfo,
        notice_id: "n".into(),
        notice_hash: "h".into(),
        granted: true,
        at: 5,
        staff_present: None,
        guardian: None,
        withdrawn_at: None,
    };
    let mut theirs = AppSettings::from_setup("测试店", "前台", "aaaa1111").unwrap();
    theirs.store.custom_sites = vec!["左鬓角".into()];
    theirs.store.store_updated_at = 70;
    let settings = format!(r#"[{{"key":"app","value":{}}}]"#, serde_json::to_string(&theirs).unwrap());
    let consents = json(std::slice::from_ref(&consent));
    // The sample layout with a consents store.
    let mut layout = layout();
    layout.stores.push(StoreSpec { name: "consents", key: "id", kind: StoreKind::Records });
    let mut h: Value = serde_json::from_slice(&head_bytes(&s)).unwrap();
    h["stores"]["settings"] = serde_json::from_str(&settings).unwrap();
    h["stores"]["consents"] = serde_json::from_str(&consents).unwrap();
    let backup = parse_head(&serde_json::to_vec(&h).unwrap(), s.body.len() as u64, &layout).unwrap();
    consent.withdrawn_at = Some(90);
    let mine = AppSettings::from_setup("测试店", "后台", "bbbb2222").unwrap();
    let mut local = local_of(&[("customers", &s.customers[0].id, Some(90)), ("consents", "c-1", Some(90)), ("settings", "app", None)], &[]);
    local.withdrawn.insert("c-1".into(), (90, s.customers[0].id.clone()));
    local.app = Some(serde_json::to_value(&mine).unwrap());
    let plan = plan(&backup, &local, &layout, Mode::Replace);
    assert_eq!(plan.report.by_store["consents"].skipped[&SkipReason::WithdrawnHere], 1);
    assert_eq!(plan.keep, [("consents".to_string(), "c-1".to_string()), ("customers".to_string(), s.customers[0].id.clone())]);
    let app: AppSettings = serde_json::from_value(plan.app.clone().unwrap()).unwrap();
    assert_eq!((app.device_id.as_str(), app.device_name.as_str()), (mine.device_id.as_str(), "后台"));
    assert_eq!(app.store, theirs.store);
    // A merge takes the store's part only when newer.
    let older = app_settings(&serde_json::to_value(&app).unwrap(), &serde_json::to_value(&mine).unwrap(), Mode::Merge);
    assert_eq!(older, None);
}

#[test]
fn deleted_here_is_not_brought_back_by_an_older_backup() {
    let s = sample();
    let backup = read_plain(&plain_file(&s)).unwrap();
    let local = local_of(&[], &[(&s.customers[0].id, 1_000)]);
    let plan = plan(&backup, &local, &layout(), Mode::Merge);
    assert_eq!(plan.report.by_store["customers"].skipped[&SkipReason::DeletedHere], 1);
    assert!(plan.undelete.is_empty());
    let newer = local_of(&[], &[(&s.customers[0].id, 2)]);
    assert_eq!(super::plan(&backup, &newer, &layout(), Mode::Merge).undelete, [s.customers[0].id.clone()]);
}

#[test]
fn the_reminder_nags_after_the_set_number_of_days() {
    let day = 86_400_000;
    assert_eq!(backup_age(None, 5 * day, 7), BackupAge::Never);
    assert_eq!(backup_age(Some(0), 3 * day + 5, 7), BackupAge::Days { days: 3, overdue: false });
    assert_eq!(backup_age(Some(0), 7 * day, 7), BackupAge::Days { days: 7, overdue: false });
    assert_eq!(backup_age(Some(0), 7 * day + 1, 7), BackupAge::Days { days: 7, overdue: true });
    assert_eq!(backup_age(Some(0), 2 * day + 1, 2), BackupAge::Days { days: 2, overdue: true });
    // A clock set back does not give negative days.
    assert_eq!(backup_age(Some(10 * day), day, 7), BackupAge::Days { days: 0, overdue: false });
}

#[test]
fn passphrases_are_long_enough_and_typed_twice() {
    assert!(check_new_passphrase("1234567", "1234567").unwrap_err().get(Lang::Zh).contains("至少 8 个字"));
    assert!(check_new_passphrase("门店备份密码二〇二六", "门店备份密码二〇二五").is_err());
    assert_eq!(check_new_passphrase(" 朝阳店 2026 ", " 朝阳店 2026 ").unwrap(), " 朝阳店 2026 ");
}

#[test]
fn the_file_is_named_by_day_only() {
    assert_eq!(file_name(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), "follicle-backup-2026-11-23.follicle");
}

#[test]
fn messages_are_bilingual() {
    for e in [BackupError::NotABackup, BackupError::FutureVersion, BackupError::Truncated, BackupError::Corrupt("x".into()), BackupError::WrongPassphrase, BackupError::NeedsPassphrase] {
        let (zh, en) = (e.message().get(Lang::Zh), e.message().get(Lang::En));
        assert!(zh.contains('，') || zh.contains('。'), "{e:?}");
        assert!(!en.is_empty() && !en.contains('x'));
    }
}

// --- fuzzing -------------------------------------------------------------------

#[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency only
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Cases per property; raise for a long run: `BACKUP_FUZZ_CASES=200000`.
    fn cases() -> u32 {
        std::env::var("BACKUP_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
    }

    /// Every reader, as the import chains them, on any bytes.
    fn read_any(file: &[u8]) {
        match read_envelope(&file[..file.len().min(SEALED_HEADER_LEN)], file.len() as u64) {
            Ok(Envelope::Plain { .. }) => {
                let _ = read_plain(file);
            }
            Ok(Envelope::Sealed(s)) => {
                // Chunks tile the rest of the file exactly.
                let end = s.chunks.last().map(|c| c.offset + c.len);
                assert_eq!(end, Some(file.len() as u64));
            }
            Err(_) => {}
        }
        let _ = read_payload_prefix(file, file.len() as u64);
        let _ = parse_head(file, file.len() as u64, &layout());
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Flip(usize, u8),
        Cut(usize),
        Insert(usize, Vec<u8>),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), 1u8..).prop_map(|(at, x)| Edit::Flip(at, x)),
            any::<usize>().prop_map(Edit::Cut),
            (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8)).prop_map(|(at, b)| Edit::Insert(at, b)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn no_bytes_make_the_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            read_any(&bytes);
            // The same bytes behind a valid magic, so the fuzzer gets past it.
            let mut file = plain_header();
            file.extend(&bytes);
            read_any(&file);
        }

        #[test]
        fn no_edit_of_a_valid_file_makes_the_reader_panic(edits in proptest::collection::vec(edit(), 1..6)) {
            let mut file = plain_file(&sample());
            for e in edits {
                match e {
                    Edit::Flip(at, x) => { let n = file.len(); file[at % n] ^= x; }
                    Edit::Cut(at) => file.truncate(at % (file.len() + 1)),
                    Edit::Insert(at, b) => { let at = at % (file.len() + 1); file.splice(at..at, b); }
                }
                if file.is_empty() { break; }
            }
            read_any(&file);
        }

        #[test]
        fn no_head_json_makes_the_checks_panic(value in json_value()) {
            let mut head: Value = serde_json::from_slice(&head_bytes(&sample())).unwrap();
            // Replace one part of a valid head with arbitrary JSON.
            let paths: [&[&str]; 6] = [&["stores", "customers"], &["stores"], &["blobs"], &["stores", "tombstones"], &["stores", "settings"], &["schema_version"]];
            for path in paths {
                let mut h = head.clone();
                let mut at = &mut h;
                for p in path { at = &mut at[*p]; }
                *at = value.clone();
                let _ = parse_head(&serde_json::to_vec(&h).unwrap(), 8, &layout());
            }
            head["stores"]["customers"][0] = value;
            let _ = parse_head(&serde_json::to_vec(&head).unwrap(), 8, &layout());
        }
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "[a-z_]{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map("(id|key|meta|updated_at|kind|value|offset|len|[a-z]{1,4})", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
