//! Keeping the notice's promise, in headless Chromium against real IndexedDB: three
//! years after a customer's last visit the app erases everything about them (once a
//! day, when the home screen shows) through the same path as a manual deletion —
//! tombstones, an audit entry naming the rule — and the manager sees beforehand who
//! goes on which day.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Days, Months, NaiveDate};
use common::*;
use follicle::domain::*;
use follicle::storage::{schema, Db, OpenHooks};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn customer(name: &str, phone: &str, first: NaiveDate, last: Option<NaiveDate>) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(Gender::Female);
    c.first_visit = Some(first);
    c.last_visit = last;
    c.refresh_keys();
    c
}

#[wasm_bindgen_test]
async fn records_go_three_years_after_the_last_visit_and_the_manager_sees_them_coming() {
    let name = unique_db("retention");
    set_up_tablet(&name).await;
    let three_years_ago = today() - Months::new(36);
    // Last in the store three years and a day ago: goes now, with everything about her.
    let gone = customer("钱淑芬", "13811110001", three_years_ago - Days::new(400), Some(three_years_ago - Days::new(1)));
    // Registered three years less ten days ago, never back: goes in ten days.
    let soon = customer("孙丽", "13811110002", three_years_ago + Days::new(10), None);
    // Registered long ago but in the store last month: stays.
    let regular = customer("李秀英", "13811110003", three_years_ago - Days::new(900), Some(today() - Days::new(30)));
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    for c in [&gone, &soon, &regular] {
        db.save_registration(c, &[given_consent(c, ConsentKind::PersonalInfo), given_consent(c, ConsentKind::SensitiveInfo)]).await.unwrap();
    }
    let bought = Purchase { id: new_id(), meta: Meta::new(&stamp(1)), customer_id: gone.id.clone(), product: "生发液".into(), quantity: 1, unit_price_fen: 100, ..Default::default() };
    db.put(&bought).await.unwrap();
    let photo = PhotoMeta { id: new_id(), meta: Meta::new(&stamp(1)), customer_id: gone.id.clone(), kind: PhotoKind::Camera, site: ScalpSite::Crown, taken_on: three_years_ago, note: None, width: 1, height: 1, bytes: 1, alignments: Vec::new() };
    db.save_photo(&photo, &web_sys::Blob::new().unwrap(), &web_sys::Blob::new().unwrap(), &stamp(1)).await.unwrap();
    assert_eq!(db.retention_last_run().await.unwrap(), None);

    // The app starts: the home screen runs the rule.
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;
    wait_until_erased(&db, &gone.id).await;
    assert_eq!(db.retention_last_run().await.unwrap(), Some(today()), "once today");
    // Gone the same way as a manual deletion: everything, tombstones, an audit entry.
    for (id, kind) in [(&gone.id, schema::CUSTOMERS), (&bought.id, schema::PURCHASES), (&photo.id, schema::PHOTOS)] {
        assert_eq!(db.tombstone(id).await.unwrap().map(|t| t.kind), Some(kind.to_string()), "{kind}");
    }
    assert!(db.photo_blob(&photo.id, false).await.unwrap().is_none());
    assert!(db.consents_of(&gone.id).await.unwrap().is_empty());
    assert!(db.search_entry(&gone.id).await.unwrap().is_none());
    let audit = db.audit_of(&gone.id).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].action, audit[0].by_staff.as_str()), (AuditAction::Erased, ""));
    let detail = audit[0].detail.clone().unwrap_or_default();
    assert!(detail.contains("3 years after the last visit") && detail.contains(follicle::domain::notices::Notice::for_kind(ConsentKind::PersonalInfo).id), "names the rule and the notice: {detail}");
    // The others stay.
    for c in [&soon, &regular] {
        assert!(db.get::<Customer>(&c.id).await.unwrap().is_some(), "{} stays", c.name);
    }
    // Checked on the record itself: a visit logged after the list was read keeps them.
    assert!(!db.erase_if_expired(&regular.id, today(), &stamp(2)).await.unwrap());
    assert!(!db.erase_if_expired(&soon.id, today(), &stamp(2)).await.unwrap(), "not before the day");

    // The manager's list: who goes on which day.
    click(&root, "a", "员工");
    set_manager_pin(&root, "李店长", "2468").await;
    tap(&root, "a", "设置").await;
    tap(&root, "a", "查看即将删除的资料").await;
    let row = wait_for(5_000, || by_text(&root, "tr.going", "孙丽")).await.text_content().unwrap();
    let day = (three_years_ago + Days::new(10)) + Months::new(36);
    assert!(row.contains(&day.to_string()), "孙丽 goes on {day}: {row}");
    let screen = root.text_content().unwrap();
    assert!(!screen.contains("李秀英") && !screen.contains("钱淑芬"), "{screen}");
    db.close();
}

/// Waits (up to 5 s) until the customer is gone and the rule's run is recorded.
async fn wait_until_erased(db: &Db, id: &str) {
    for _ in 0..250 {
        if db.get::<Customer>(id).await.unwrap().is_none() && db.retention_last_run().await.unwrap().is_some() {
            return;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    panic!("the customer due was not erased within 5 s");
}
