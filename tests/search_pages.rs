//! The staff search's rows packed in pages (schema v9), in headless Chromium on real
//! IndexedDB: every way a customer's row changes — registered, edited, erased,
//! merged, restored from a backup, many saved at once, a database upgraded from v8 —
//! is what a fresh load of the search finds, whether the change still waits beside
//! its page or was folded into it; and an erased customer leaves nothing in either.
//! (Received by replication: `tests/sync.rs`.)
#![cfg(target_arch = "wasm32")]

mod common;

use common::{stamp, unique_db};
use follicle::domain::backup::Mode;
use follicle::domain::search::{Entry, Query, SearchIndex};
use follicle::domain::*;
use follicle::storage::backup::open_backup;
use follicle::storage::search_pages::FOLD_AFTER_LOAD;
use follicle::storage::{schema, Db, OpenHooks};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn person(name: &str, phone: &str) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_000));
    c.first_visit = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
    c.refresh_keys();
    c
}

fn settings() -> AppSettings {
    AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap()
}

/// What a fresh load of the search finds (a new connection, as after a sign-in):
/// checked against `search_rows`, one record per customer, entry by entry.
async fn fresh_load(name: &str) -> SearchIndex {
    let db = Db::open(name, OpenHooks::default()).await.unwrap();
    let mut paged = db.search_entries().await.unwrap();
    let mut rows = db.search_entries_from_rows().await.unwrap();
    db.close();
    let by_id = |a: &Entry, b: &Entry| a.id.cmp(&b.id);
    paged.sort_by(by_id);
    rows.sort_by(by_id);
    assert_eq!(paged, rows, "the pages hold every search row as stored, and nothing else");
    SearchIndex::new(paged)
}

fn found(index: &SearchIndex, q: &str) -> Vec<String> {
    index.search(&Query::parse(q)).iter().map(|h| index.entry(h).id.clone()).collect()
}

async fn fold_all(db: &Db) {
    db.fold_search_changes(0).await.unwrap();
    assert_eq!(db.search_changes_waiting().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn a_registered_customer_is_found_after_a_fresh_load() {
    let name = unique_db("pages-register");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王超", "13800138000");
    db.save_registration(&wang, &[]).await.unwrap();
    assert_eq!(db.search_changes_waiting().await.unwrap(), 1, "the row waits beside the pages");
    assert_eq!(found(&fresh_load(&name).await, "wangc"), [wang.id.clone()]);

    fold_all(&db).await;
    assert!(db.count(schema::SEARCH_PAGES).await.unwrap() >= 2, "a page and the built mark");
    let index = fresh_load(&name).await;
    assert_eq!(found(&index, "wangc"), [wang.id.clone()], "found in its page");
    assert_eq!(found(&index, "8000"), [wang.id.clone()]);
}

#[wasm_bindgen_test]
async fn an_edited_customer_is_found_by_the_new_name_after_a_fresh_load() {
    let name = unique_db("pages-edit");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王超", "13800138000");
    let li = person("李娜", "13900001111");
    db.save_registration(&wang, &[]).await.unwrap();
    db.save_registration(&li, &[]).await.unwrap();
    fold_all(&db).await;

    // The edit waits beside the page that still holds the old name.
    db.edit_customer(&wang.id, &stamp(2_000), |c| c.name = "赵敏".into()).await.unwrap();
    let index = fresh_load(&name).await;
    assert_eq!(found(&index, "zhaomin"), [wang.id.clone()]);
    assert!(found(&index, "wangchao").is_empty(), "the old name is not found");
    assert_eq!(index.len(), 2, "counted once");

    // Folded in, then edited again: the newest wins.
    fold_all(&db).await;
    assert_eq!(found(&fresh_load(&name).await, "zhaomin"), [wang.id.clone()]);
    db.edit_customer(&wang.id, &stamp(3_000), |c| c.phone = "13711112222".into()).await.unwrap();
    let index = fresh_load(&name).await;
    assert_eq!(found(&index, "2222"), [wang.id.clone()]);
    assert!(found(&index, "8000").is_empty());
    assert_eq!(found(&index, "lina"), [li.id.clone()], "the page's other line is kept");
}

#[wasm_bindgen_test]
async fn an_erased_customer_is_not_found_and_leaves_nothing_in_the_pages() {
    let name = unique_db("pages-erase");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let folded = person("解晓东", "13544445555");
    let waiting = person("曾小燕", "13722223333");
    let kept = person("单田芳", "13633334444");
    for c in [&folded, &kept] {
        db.save_registration(c, &[]).await.unwrap();
    }
    fold_all(&db).await;
    db.save_registration(&waiting, &[]).await.unwrap();
    assert!(db.search_pages_text().await.unwrap().contains("解晓东"));

    db.delete_customer(&folded.id, "李店长", &stamp(5_000)).await.unwrap();
    db.delete_customer(&waiting.id, "李店长", &stamp(5_000)).await.unwrap();
    let index = fresh_load(&name).await;
    assert!(found(&index, "xiexiaodong").is_empty() && found(&index, "5555").is_empty());
    assert!(found(&index, "zengxiaoyan").is_empty() && found(&index, "3333").is_empty());
    assert_eq!(found(&index, "shantianfang"), [kept.id.clone()]);
    assert_eq!(index.len(), 1);
    let text = db.search_pages_text().await.unwrap();
    assert!(text.contains("单田芳"), "the text is read: {text}");
    for gone in ["解晓东", "13544445555", folded.id.as_str(), "曾小燕", "13722223333", waiting.id.as_str()] {
        assert!(!text.contains(gone), "{gone} stays in the search pages: {text}");
    }
}

#[wasm_bindgen_test]
async fn a_customer_merged_into_another_is_found_once_after_a_fresh_load() {
    let name = unique_db("pages-merge");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let keep = person("王超", "13800138000");
    let other = person("王超", "13800138001");
    db.save_registration(&keep, &[]).await.unwrap();
    db.save_registration(&other, &[]).await.unwrap();
    fold_all(&db).await;
    db.merge_customers(&keep.id, &other.id, "李店长", &stamp(6_000)).await.unwrap();
    let index = fresh_load(&name).await;
    assert_eq!(found(&index, "wangchao"), [keep.id.clone()]);
    assert!(!db.search_pages_text().await.unwrap().contains(other.id.as_str()));
}

#[wasm_bindgen_test]
async fn customers_restored_from_a_backup_are_found_after_a_fresh_load() {
    let name = unique_db("pages-restore");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    db.save_settings(&settings()).await.unwrap();
    let customers: Vec<Customer> = (0..200).map(|i| person(&format!("王{}", ["超", "娜", "敏", "强"][i % 4]), &format!("138{i:08}"))).collect();
    db.save_customers(&customers).await.unwrap();
    let erased = person("解晓东", "13544445555");
    db.save_registration(&erased, &[]).await.unwrap();
    db.delete_customer(&erased.id, "李店长", &stamp(5_000)).await.unwrap();
    let file = db.export_backup(&settings(), None, 9_000, &|_| {}).await.unwrap().file;
    db.close();
    Db::delete_database(&name).await.unwrap();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert!(fresh_load(&name).await.is_empty(), "wiped");
    let opened = open_backup(&file, None, &|_| {}).await.unwrap();
    db.restore_backup(&opened, Mode::Replace, "李店长", &stamp(10_000)).await.unwrap();
    assert_eq!(db.search_changes_waiting().await.unwrap(), 0, "a restore writes every page anew");
    let index = fresh_load(&name).await;
    assert_eq!(index.len(), 200);
    assert_eq!(found(&index, "00000117"), [customers[117].id.clone()]);
    assert_eq!(found(&index, "wangqiang").len(), 50);
    assert!(found(&index, "xiexiaodong").is_empty());

    // A merge of the same file over a tablet with its own customer keeps both.
    let own = person("李娜", "13900001111");
    db.save_registration(&own, &[]).await.unwrap();
    db.restore_backup(&opened, Mode::Merge, "李店长", &stamp(11_000)).await.unwrap();
    let index = fresh_load(&name).await;
    assert_eq!(index.len(), 201);
    assert_eq!(found(&index, "lina"), [own.id.clone()]);
}

#[wasm_bindgen_test]
async fn many_customers_saved_at_once_go_into_their_pages() {
    let name = unique_db("pages-bulk");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let customers: Vec<Customer> = (0..5_000).map(|i| person(&format!("李{}", ["超", "娜", "敏", "强", "伟"][i % 5]), &format!("139{i:08}"))).collect();
    db.save_customers(&customers[..2_500]).await.unwrap();
    assert_eq!(db.search_changes_waiting().await.unwrap(), 2_500, "not yet many");
    db.save_customers(&customers[2_500..]).await.unwrap();
    assert_eq!(db.search_changes_waiting().await.unwrap(), 0, "folded in by the write that made them many");
    let index = fresh_load(&name).await;
    assert_eq!(index.len(), 5_000);
    assert_eq!(found(&index, "00004321"), [customers[4_321].id.clone()]);
    assert_eq!(found(&index, "liwei").len(), 1_000);
}

#[wasm_bindgen_test]
async fn a_load_with_many_changes_waiting_has_them_folded() {
    let name = unique_db("pages-after-load");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    for i in 0..FOLD_AFTER_LOAD {
        db.save_registration(&person("刘洋", &format!("137{i:08}")), &[]).await.unwrap();
    }
    // What a sign-in does: load, then fold what waited.
    let cache = follicle::search_cache::SearchCache::default();
    cache.load(&db).await.unwrap();
    for _ in 0..100 {
        if db.search_changes_waiting().await.unwrap() == 0 {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    assert_eq!(db.search_changes_waiting().await.unwrap(), 0, "folded after the load");
    assert_eq!(found(&fresh_load(&name).await, "liuyang").len(), FOLD_AFTER_LOAD as usize);
}

#[wasm_bindgen_test]
async fn a_database_upgraded_from_v8_keeps_every_customer_findable() {
    let name = unique_db("pages-upgrade");
    let v8 = Db::open_at(&name, 8, OpenHooks::default()).await.unwrap();
    let customers: Vec<Customer> = (0..300).map(|i| person(&format!("张{}", ["超", "娜", "敏"][i % 3]), &format!("136{i:08}"))).collect();
    v8.save_customers(&customers).await.unwrap();
    let wang = person("王超", "13800138000");
    v8.save_registration(&wang, &[]).await.unwrap();
    let erased = person("解晓东", "13544445555");
    v8.save_registration(&erased, &[]).await.unwrap();
    v8.delete_customer(&erased.id, "李店长", &stamp(5_000)).await.unwrap();
    v8.edit_customer(&customers[5].id, &stamp(6_000), |c| c.name = "赵敏".into()).await.unwrap();
    assert!(v8.count(schema::SEARCH_PAGES).await.is_err(), "v8 has no pages");
    v8.close();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert!(db.count(schema::SEARCH_PAGES).await.unwrap() > 1, "the v9 step built them");
    assert_eq!(db.search_changes_waiting().await.unwrap(), 0);
    let index = fresh_load(&name).await;
    assert_eq!(index.len(), 301);
    assert_eq!(found(&index, "wangchao"), [wang.id.clone()]);
    assert_eq!(found(&index, "zhaomin"), [customers[5].id.clone()]);
    assert_eq!(found(&index, "zhangchao").len(), 100);
    assert_eq!(found(&index, "00000299"), [customers[299].id.clone()]);
    assert!(found(&index, "xiexiaodong").is_empty());
}
