//! Two records of one person: a registration that matches an earlier customer is
//! marked for staff (never told at the kiosk), shown on the card and the staff home,
//! and merged — every record moved to the one kept, the other erased with a tombstone
//! naming the kept one, both audit trails saying so — or dismissed.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::*;
use follicle::domain::*;
use follicle::storage::{merge::OWNED, schema, Db, OpenHooks};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn consent(c: &Customer, kind: ConsentKind, at: i64) -> ConsentRecord {
    ConsentRecord {
        id: new_id(),
        meta: Meta::new(&stamp(at)),
        customer_id: c.id.clone(),
        kind,
        notice_id: "v1".into(),
        notice_hash: "ab".into(),
        granted: true,
        at,
        staff_present: None,
        guardian: None,
        withdrawn_at: None,
    }
}

/// 王超 registered in March with a history; the same person registered again in
/// November as 王小超 with the same phone, and had a visit logged on the new record.
async fn seeded(test: &str) -> (String, Customer, Customer) {
    let name = unique_db(test);
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut first = Customer::new("王超", "13800138000", &stamp(1_000));
    first.first_visit = day("2026-03-01");
    first.last_visit = day("2026-06-01");
    first.appearance_notes = Some("戴眼镜".into());
    first.refresh_keys();
    db.save_registration(&first, &[consent(&first, ConsentKind::PersonalInfo, 1_000), consent(&first, ConsentKind::SensitiveInfo, 1_000)]).await.unwrap();
    let mut again = Customer::new("王小超", "13800138000", &stamp(2_000));
    again.first_visit = day("2026-11-20");
    again.last_visit = day("2026-11-20");
    again.birth_date = day("1962-04-02");
    again.refresh_keys();
    let again = db.save_registration(&again, &[consent(&again, ConsentKind::PersonalInfo, 2_000), consent(&again, ConsentKind::SensitiveInfo, 2_000)]).await.unwrap().customer;
    assert_eq!(again.possible_duplicates, [first.id.clone()], "marked at registration");
    // Something in every store that belongs to a customer, on the second record.
    let s = stamp(3_000);
    let visit = FollowUpEntry { customer_id: again.id.clone(), at: 3_000, content: "到店护理".into(), method: Some(ContactMethod::InStore), ..Default::default() }.made(&s);
    db.log_follow_up(&visit, &s).await.unwrap();
    let bought = Purchase { customer_id: again.id.clone(), product: "生发液".into(), quantity: 1, unit_price_fen: 29_800, date: day("2026-11-20"), ..Default::default() }.made(&s);
    db.save_purchase(&bought, &s).await.unwrap();
    db.add_measurement(&MeasurementSet { customer_id: again.id.clone(), density_per_cm2: Some(120.0), ..Default::default() }.made(&s), &s).await.unwrap();
    db.save_complaint(&Complaint { customer_id: again.id.clone(), content: "等太久".into(), ..Default::default() }.made(&s), &s).await.unwrap();
    db.save_return(&ReturnRecord { customer_id: again.id.clone(), purchase_id: Some(bought.id.clone()), quantity_used: 0, ..Default::default() }.made(&s), &s).await.unwrap();
    db.record_incident(&Incident { customer_id: again.id.clone(), description: "红肿".into(), ..Default::default() }.made(&s), &s).await.unwrap();
    let visit_booked = follicle::domain::appointment::Appointment { customer_id: again.id.clone(), day: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), purpose: "复查".into(), staff: "李店长".into(), ..Default::default() }.made(&s);
    db.book_appointment(&visit_booked, &s).await.unwrap();
    let photo = PhotoMeta {
        id: new_id(),
        meta: Meta::new(&s),
        customer_id: again.id.clone(),
        kind: PhotoKind::Camera,
        site: ScalpSite::Crown,
        taken_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        note: None,
        width: 1,
        height: 1,
        bytes: 2,
        alignments: Vec::new(),
    };
    let blob = web_sys::Blob::new().unwrap();
    db.save_photo(&photo, &blob, &blob, &s).await.unwrap();
    db.close();
    (name, first, again)
}

async fn count_of(db: &Db, store: &str, customer_id: &str) -> usize {
    follicle::storage::merge::count_by_customer(db, store, customer_id).await.unwrap() as usize
}

#[wasm_bindgen_test]
async fn a_merge_moves_every_record_to_the_one_kept_and_leaves_a_tombstone() {
    let (name, first, again) = seeded("merge-ui").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut before = Vec::new();
    for store in OWNED {
        let n = count_of(&db, store, &again.id).await;
        assert!(n >= 1, "{store}: the second record has something to move");
        before.push((store, n + count_of(&db, store, &first.id).await));
    }
    db.close();

    let root = staff_home(&name).await;
    // The staff home says a registration awaits a look, and the list shows it.
    tap(&root, "a", "可能重复的登记：1 位").await;
    tap(&root, ".result", "王小超").await;
    wait_for_text(&root, "可能是同一个人").await;
    tap(&root, "a", "对比并合并").await;
    wait_for(5_000, || root.query_selector(".merge-side.kept").unwrap()).await;
    // The record registered first is kept unless staff choose otherwise.
    let kept = by_text(&root, ".merge-side.kept", "王超").expect("王超's record is the one kept");
    assert!(kept.text_content().unwrap().contains("13800138000"));
    click(&root, "button", "合并");
    wait_for_text(&root, "合并后不能撤销").await;
    let buttons = root.query_selector_all(".confirm button").unwrap();
    assert_eq!(buttons.length(), 2);
    click(&root, ".confirm button", "合并");
    wait_for_text(&root, "已合并成一份资料").await;
    wait_for(5_000, || by_text(&root, "h1", "王超")).await;

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    for (store, total) in before {
        assert_eq!(count_of(&db, store, &first.id).await, total, "{store}: all moved to the kept record");
        assert_eq!(count_of(&db, store, &again.id).await, 0, "{store}: nothing left on the merged one");
    }
    assert!(db.get::<Customer>(&again.id).await.unwrap().is_none());
    let tomb = db.tombstone(&again.id).await.unwrap().expect("a tombstone");
    assert_eq!(tomb.merged_into.as_deref(), Some(first.id.as_str()));
    let kept: Customer = db.get(&first.id).await.unwrap().unwrap();
    assert_eq!(kept.birth_date, day("1962-04-02"), "a blank filled from the merged record");
    assert_eq!(kept.appearance_notes.as_deref(), Some("戴眼镜"));
    assert_eq!(kept.last_visit, day("2026-11-20"), "the later last visit");
    assert!(kept.possible_duplicates.is_empty());
    for id in [&first.id, &again.id] {
        assert!(db.audit_of(id).await.unwrap().iter().any(|a| a.action == AuditAction::Merged), "logged on {id}");
    }
    let rows = db.search_entries().await.unwrap();
    assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["王超"], "one record in the lists");
    // A stale screen cannot bring the merged record back.
    assert_eq!(db.edit_customer(&again.id, &stamp(9_000), |c| c.notes = Some("x".into())).await.map(|_| ()), Err(follicle::storage::StorageError::Gone));
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 1);
}

#[wasm_bindgen_test]
async fn not_the_same_person_takes_the_mark_away() {
    let (name, _first, again) = seeded("merge-dismiss").await;
    let root = staff_home(&name).await;
    open_card(&root, "王小超", "王小超").await;
    wait_for_text(&root, "可能是同一个人").await;
    click(&root, "button", "不是同一人");
    wait_for(5_000, || (!root.text_content().unwrap().contains("可能是同一个人")).then_some(())).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let c: Customer = db.get(&again.id).await.unwrap().unwrap();
    assert!(c.possible_duplicates.is_empty());
    assert!(!db.search_entries().await.unwrap().iter().any(|e| e.possible_duplicate), "the staff home no longer counts it");
}
