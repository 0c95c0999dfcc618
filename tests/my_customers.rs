//! Each customer's own staff member, in headless Chromium against real IndexedDB: the
//! manager assigns many customers from the list and one from the card (each change
//! logged on the customer), and each staff member's 我的顾客 holds their own customers
//! by what they need, the manager's every dormant and lost one.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Days, Local, NaiveDate};
use common::*;
use follicle::domain::staff::StaffRole;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn ago(days: u64) -> NaiveDate {
    Local::now().date_naive() - Days::new(days)
}

fn person(name: &str, phone: &str, last: NaiveDate) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.first_visit = Some(ago(700));
    c.last_visit = Some(last);
    c.refresh_keys();
    c
}

fn group_text(root: &Element, title: &str) -> String {
    by_text(root, ".my-group", title).and_then(|g| g.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_manager_assigns_from_the_list_and_the_card_and_each_staff_member_sees_their_own() {
    let name = unique_db("my-customers");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let settings = db.settings().await.unwrap().unwrap();
    let wang_fang = member(&settings, "王芳", "1357", StaffRole::Staff).await;
    db.add_staff(&wang_fang).await.unwrap().unwrap();
    let active = person("甲先生", "13800000001", ago(5));
    let dormant = person("乙阿姨", "13800000002", ago(120));
    let lost = person("丙大爷", "13800000003", ago(400));
    let due = person("丁女士", "13800000004", ago(10));
    for c in [&active, &dormant, &lost, &due] {
        db.save_registration(c, &[]).await.unwrap();
    }
    // Bought yesterday for use at home: the day-after call is due today.
    let bought = Purchase { customer_id: due.id.clone(), product: "生发液".into(), quantity: 1, unit_price_fen: 29_800, date: Some(ago(1)), use_place: Some(UsePlace::Home), ..Default::default() }.made(&stamp(1));
    db.save_purchase(&bought, &stamp(1)).await.unwrap();
    db.close();

    let root = staff_home(&name).await;
    tap(&root, "a", "我的顾客").await;
    wait_for_text(&root, "分配顾客 · 4 人").await;
    for who in ["甲先生", "乙阿姨", "丁女士"] {
        click(&root, ".tick-list label", who);
    }
    click(&root, ".assign-zone label.choice", "王芳");
    click(&root, "button", "分配");
    wait_for_text(&root, "已分配3位顾客").await;
    wait_for_text(&root, "分配顾客 · 1 人").await;
    // The manager's own list: every dormant and lost customer, whoever has them.
    assert!(group_text(&root, "流失顾客").contains("丙大爷"));
    assert!(group_text(&root, "沉睡顾客").contains("乙阿姨"), "王芳's dormant customer is the manager's to see too");
    assert!(!root.text_content().unwrap().contains("丁女士 ·"), "no longer waiting to be assigned");

    // One from the card: 甲先生 goes to the manager.
    tap(&root, "a", "返回").await;
    wait_for_text(&root, "本机顾客总数").await;
    open_card(&root, "甲先生", "负责员工").await;
    let section = wait_for(5_000, || by_text(&root, ".card-staff-member", "王芳")).await;
    assert!(section.text_content().unwrap().contains("王芳"));
    click(&root, ".card-staff-member label.choice", MANAGER);
    wait_for(5_000, || by_text(&root, ".card-staff-member label.choice.checked", MANAGER)).await;
    tap(&root, "button", "保存负责员工").await;
    wait_for_text(&root, "负责员工已保存").await;
    wait_for(5_000, || by_text(&root, ".card-staff-member .big-fact", MANAGER)).await;

    // 王芳 signs in: her own customers, by what they need.
    click(&root, ".top-bar button", "锁定");
    sign_in_as(&root, "王芳", "1357").await;
    tap(&root, "a", "我的顾客").await;
    wait_for_text(&root, "王芳的顾客").await;
    wait_for(5_000, || by_text(&root, ".my-group", "要回访")).await;
    assert!(group_text(&root, "要回访").contains("丁女士"), "{}", root.text_content().unwrap());
    assert!(group_text(&root, "沉睡顾客").contains("乙阿姨"));
    let page = root.text_content().unwrap();
    assert!(!page.contains("甲先生") && !page.contains("丙大爷"), "nobody else's: {page}");
    assert!(!page.contains("分配顾客"), "assigning is the manager's");

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    for (c, to) in [(&active, Some(settings_manager(&db).await)), (&dormant, Some(wang_fang.id.clone())), (&due, Some(wang_fang.id.clone())), (&lost, None)] {
        assert_eq!(db.get::<Customer>(&c.id).await.unwrap().unwrap().staff_id, to, "{}", c.name);
    }
    let log = db.audit_of(&active.id).await.unwrap();
    let details: Vec<(AuditAction, String, Option<String>)> = log.iter().map(|a| (a.action, a.by_staff.clone(), a.detail.clone())).collect();
    assert_eq!(
        details,
        [(AuditAction::Assigned, MANAGER.to_string(), Some("- → 王芳".into())), (AuditAction::Assigned, MANAGER.to_string(), Some(format!("王芳 → {MANAGER}")))],
        "reassigning is logged with who did it"
    );
    db.close();
}

async fn settings_manager(db: &Db) -> String {
    db.staff_members().await.unwrap().into_iter().find(|m| m.is_manager()).unwrap().id
}
