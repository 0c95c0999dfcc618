//! The monthly visit plan in headless Chromium against real IndexedDB: the manager
//! opens a staff member's plan (proposed from the rules and classes), adjusts a number
//! and saves it; the visits made count in the statistics.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Datelike, Days, Local, NaiveDate};
use common::*;
use follicle::domain::classify::ProspectClass;
use follicle::domain::month_plan::MonthPlan;
use follicle::domain::staff::StaffRole;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn ago(days: u64) -> NaiveDate {
    Local::now().date_naive() - Days::new(days)
}

fn input_of(root: &web_sys::Element, name: &str) -> HtmlElement {
    let row = by_text(root, ".plan-lines li", name).unwrap_or_else(|| panic!("{name} is in the plan"));
    row.query_selector("input").unwrap().unwrap().dyn_into().unwrap()
}

#[wasm_bindgen_test]
async fn the_plan_is_proposed_adjusted_by_the_manager_and_its_progress_counted() {
    let name = unique_db("month-plan");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let settings = db.settings().await.unwrap().unwrap();
    let fang = member(&settings, "王芳", "1357", StaffRole::Staff).await;
    db.add_staff(&fang).await.unwrap().unwrap();
    let mut prospect = Customer::new("钱阿姨", "13700000001", &stamp(1_700_000_000_000));
    prospect.first_visit = Some(ago(400));
    prospect.last_visit = Some(ago(20));
    prospect.prospect_class = Some(ProspectClass::A);
    let mut new = Customer::new("孙先生", "13700000002", &stamp(1_700_000_000_000));
    new.first_visit = Some(ago(3));
    new.last_visit = Some(ago(3));
    let mut lost = Customer::new("周奶奶", "13700000003", &stamp(1_700_000_000_000));
    lost.first_visit = Some(ago(800));
    lost.last_visit = Some(ago(400));
    for c in [&mut prospect, &mut new, &mut lost] {
        c.staff_id = Some(fang.id.clone());
        c.refresh_keys();
        db.save_registration(c, &[]).await.unwrap();
    }
    db.close();

    let root = staff_home(&name).await;
    tap(&root, "a", "本月拜访计划").await;
    wait_for_text(&root, "这是建议，还没保存").await;
    wait_for(5_000, || by_text(&root, ".plan-lines li", "孙先生")).await;
    assert!(by_text(&root, ".chip.chosen", "王芳").is_some(), "a staff member's plan to start with");
    assert!(by_text(&root, ".plan-lines li", "周奶奶").is_none(), "a lost customer is the manager's, not in the plan");
    assert_eq!(value_of(&input_of(&root, "钱阿姨")), "2", "a class-A prospect twice a month");
    let new_visits: u32 = value_of(&input_of(&root, "孙先生")).parse().unwrap();
    assert!(new_visits >= 2, "a new customer at least twice");

    type_into(&input_of(&root, "钱阿姨"), "5");
    click(&root, "button", "保存计划");
    wait_for_text(&root, "计划已保存").await;
    wait_for_text(&root, &format!("本月完成：0 / {} 次", 5 + new_visits)).await;

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let today = Local::now().date_naive();
    let month = format!("{}-{:02}", today.year(), today.month());
    let saved: MonthPlan = db.get(&MonthPlan::id_for(&month, &fang.id)).await.unwrap().expect("saved");
    let lines: Vec<(String, u32)> = saved.lines.iter().map(|l| (l.customer_id.clone(), l.visits)).collect();
    assert!(lines.contains(&(prospect.id.clone(), 5)) && lines.contains(&(new.id.clone(), new_visits)), "{lines:?}");
    assert_eq!(saved.by_staff, MANAGER);
    // She came in today.
    let s = stamp(js_sys::Date::now() as i64);
    let visit = FollowUpEntry { customer_id: prospect.id.clone(), at: s.now, method: Some(ContactMethod::InStore), content: "到店护理".into(), by_staff: "王芳".into(), ..Default::default() }.made(&s);
    db.log_follow_up(&visit, &s).await.unwrap();
    db.close();

    tap(&root, "a", "返回").await;
    tap(&root, "a", "统计").await;
    let figure = wait_for(5_000, || by_text(&root, ".figure", "本月拜访计划完成")).await;
    // The manager's own (empty) plan adds nothing; 王芳's saved one counts.
    assert_eq!(figure.query_selector(".figure-value").unwrap().unwrap().text_content().unwrap(), format!("1 / {}", 5 + new_visits));

    // Erased, she leaves the plan too (a new revision of it, which replicates).
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let later = stamp(js_sys::Date::now() as i64 + 1_000);
    db.delete_customer(&prospect.id, MANAGER, &later).await.unwrap();
    let after: MonthPlan = db.get(&MonthPlan::id_for(&month, &fang.id)).await.unwrap().expect("the plan stays");
    let ids: Vec<&str> = after.lines.iter().map(|l| l.customer_id.as_str()).collect();
    assert_eq!(ids, vec![new.id.as_str()], "only 孙先生 is left in the plan");
    assert!(after.meta.updated_at > saved.meta.updated_at, "a new revision");
    db.close();
}
