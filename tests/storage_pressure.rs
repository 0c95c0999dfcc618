//! A tablet running out of room, in headless Chromium against real IndexedDB: the staff
//! home's warning with the figures, and a write the browser refuses for quota — it
//! says why and what to do, and leaves nothing half-written.
//!
//! Chromium checks the quota when a transaction commits and, when over, aborts it with
//! QuotaExceededError on the transaction (no request fails). Filling a real disk is
//! not possible here, and DevTools' quota override does not bind IndexedDB in this
//! Chromium, so `refuse_commits_for_quota` makes `commit()` end exactly that way: the
//! transaction really aborts and really rolls back.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use follicle::components::storage_warning::{StorageWarningView, StorageWarningViewProps};
use follicle::domain::storage_use::StorageUse;
use follicle::domain::*;
use follicle::i18n::Lang;
use follicle::storage::{schema, Db, OpenHooks, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// From now until [`accept_commits`], every commit aborts as a full disk makes it.
fn refuse_commits_for_quota() {
    js_sys::eval(
        "window.__realCommit = window.__realCommit || IDBTransaction.prototype.commit;
         IDBTransaction.prototype.commit = function () {
           Object.defineProperty(this, 'error', { configurable: true, get: () => new DOMException('Quota exceeded', 'QuotaExceededError') });
           this.abort();
         };",
    )
    .unwrap();
}

fn accept_commits() {
    js_sys::eval("if (window.__realCommit) IDBTransaction.prototype.commit = window.__realCommit;").unwrap();
}

fn consent(c: &Customer) -> ConsentRecord {
    ConsentRecord {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        customer_id: c.id.clone(),
        kind: ConsentKind::PersonalInfo,
        notice_id: "personal-v1".into(),
        notice_hash: "ab".into(),
        granted: true,
        at: 1,
        staff_present: None,
        guardian: None,
        withdrawn_at: None,
    }
}

#[wasm_bindgen_test]
async fn a_write_refused_for_quota_says_so_and_keeps_nothing() {
    let db = Db::open(&unique_db("quota"), OpenHooks::default()).await.unwrap();
    let c = Customer::new("王超", "13800138000", &stamp(1));
    let photo = PhotoMeta {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        customer_id: c.id.clone(),
        kind: PhotoKind::Camera,
        site: ScalpSite::Crown,
        taken_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        note: None,
        width: 1,
        height: 1,
        bytes: 1,
        alignments: Vec::new(),
    };
    let blob = web_sys::Blob::new().unwrap();
    // The photo's customer is there already; a second customer registers now.
    db.save_registration(&c, &[consent(&c), given_consent(&c, ConsentKind::SensitiveInfo)]).await.unwrap();
    let second = Customer::new("李兰", "13900139000", &stamp(2));

    refuse_commits_for_quota();
    let registered = db.save_registration(&second, &[consent(&second)]).await;
    let pictured = db.save_photo(&photo, &blob, &blob, &stamp(1)).await;
    accept_commits();

    assert_eq!(registered.map(|_| ()), Err(StorageError::QuotaExceeded));
    assert_eq!(pictured.map(|_| ()), Err(StorageError::QuotaExceeded));
    let (zh, en) = (StorageError::QuotaExceeded.message().get(Lang::Zh), StorageError::QuotaExceeded.message().get(Lang::En));
    assert!(zh.contains("没有保存") && zh.contains("备份") && zh.contains("删除旧照片"), "{zh}");
    assert!(en.contains("nothing was saved") && en.contains("Back up"), "{en}");
    for (store, before) in [(schema::CUSTOMERS, 1), (schema::CONSENTS, 2), (schema::SEARCH_ROWS, 1), (schema::PHOTOS, 0), (schema::PHOTO_BLOBS, 0)] {
        assert_eq!(db.count(store).await.unwrap(), before, "{store}: nothing half-written");
    }
    // With room again, the same write goes through whole.
    db.save_registration(&second, &[consent(&second)]).await.unwrap();
    assert_eq!((db.count(schema::CUSTOMERS).await.unwrap(), db.count(schema::CONSENTS).await.unwrap()), (2, 3));
}

#[wasm_bindgen_test]
async fn a_form_refused_for_quota_tells_the_user_why_and_what_to_do() {
    let name = unique_db("quota-ui");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    set_manager_pin(&root, "李店长", "2468").await;
    // Staff are added on the manager's staff list.
    tap(&root, "a", "员工管理").await;
    wait_for_field(&root, "员工姓名").await;

    type_into(&input_by_label(&root, "员工姓名"), "张店员");
    type_into(&input_by_label(&root, "密码"), "1357");
    type_into(&input_by_label(&root, "再输一次密码"), "1357");
    refuse_commits_for_quota();
    click(&root, "button", "添加员工");
    let shown = wait_for(15_000, || by_text(&root, ".error", "存储空间")).await;
    accept_commits();
    let text = shown.text_content().unwrap();
    assert!(text.contains("没有保存") && text.contains("备份"), "says why and what to do: {text}");

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.staff_members().await.unwrap().len(), 1, "only the manager: the refused member was not kept");
}

fn warning(used: f64, quota: f64, lang: Lang) -> web_sys::Element {
    let root = mount_point();
    let props = StorageWarningViewProps { figures: StorageUse { used_bytes: used, quota_bytes: quota }, lang };
    yew::Renderer::<StorageWarningView>::with_root_and_props(root.clone(), props).render();
    root
}

#[wasm_bindgen_test]
async fn the_staff_home_warning_gives_the_figures_only_when_nearly_full() {
    let full = warning(1.84e9, 2e9, Lang::Zh);
    wait_for_text(&full, "本机存储快满了").await;
    let text = full.text_content().unwrap();
    assert!(text.contains("已用 92%（1.8 GB / 2.0 GB）"), "{text}");
    assert!(text.contains("请先备份") && text.contains("删除不再需要的旧照片"), "{text}");
    assert!(full.query_selector("[role=alert]").unwrap().is_some(), "announced, not only coloured");

    let english = warning(1.84e9, 2e9, Lang::En);
    wait_for_text(&english, "Used 92% (1.8 GB / 2.0 GB)").await;

    let roomy = warning(1.5e9, 2e9, Lang::Zh);
    let unknown = warning(1e6, 0.0, Lang::Zh);
    // Give them the same render the full one had; they stay empty.
    gloo::timers::future::TimeoutFuture::new(50).await;
    assert_eq!(roomy.text_content().unwrap(), "", "75% used: no warning");
    assert_eq!(unknown.text_content().unwrap(), "", "no quota reported: no warning");
}

/// Issue 13.15: a restore the browser stops for a full disk says the disk is full
/// (the commit reads the reason off the aborted transaction), and nothing of it is
/// kept; a backup's date is not recorded when its record cannot be written either.
#[wasm_bindgen_test]
async fn a_restore_stopped_by_a_full_disk_says_the_disk_is_full() {
    let settings = AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap();
    let src = Db::open(&unique_db("quota-restore-src"), OpenHooks::default()).await.unwrap();
    let c = Customer::new("王超", "13800138000", &stamp(1));
    src.save_registration(&c, &[consent(&c)]).await.unwrap();
    let file = src.export_backup(&settings, None, 5, &|_| {}).await.unwrap().file;
    let opened = follicle::storage::backup::open_backup(&file, None, &|_| {}).await.unwrap();
    let dst = Db::open(&unique_db("quota-restore-dst"), OpenHooks::default()).await.unwrap();

    refuse_commits_for_quota();
    let restored = dst.restore_backup(&opened, follicle::domain::backup::Mode::Replace, "李店长", &stamp(10)).await;
    let recorded = src.backup_made(&settings, "李店长", 5).await;
    accept_commits();

    let failure = restored.unwrap_err();
    assert_eq!(failure, follicle::storage::backup::BackupFailure::Storage(StorageError::QuotaExceeded));
    assert!(failure.message().get(Lang::Zh).contains("存储空间已满"), "{:?}", failure.message().get(Lang::Zh));
    assert_eq!(recorded, Err(StorageError::QuotaExceeded));
    assert_eq!(src.last_backup().await.unwrap(), None, "no date for a backup not recorded");
    assert_eq!(dst.count(schema::CUSTOMERS).await.unwrap(), 0, "nothing of the restore kept");
    assert_eq!(dst.count(schema::CONSENTS).await.unwrap(), 0);
}
