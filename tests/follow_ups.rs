//! Follow-ups, purchases and statistics in headless Chromium: a purchase puts the
//! day-after call on the today list, logging it takes it off and schedules the next;
//! the rules screen changes the plan; statistics count new customers across a month
//! boundary and each figure opens its list.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Datelike, Days, Local, NaiveDate};
use common::*;
use follicle::domain::plan::Reason;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen_test::*;
use wasm_bindgen::JsCast;

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

fn person(name: &str, phone: &str, first: NaiveDate, last: NaiveDate) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(Gender::Female);
    c.first_visit = Some(first);
    c.last_visit = Some(last);
    c.refresh_keys();
    c
}

#[wasm_bindgen_test]
async fn a_purchase_puts_the_day_after_call_on_today_and_logging_it_schedules_the_next() {
    let name = unique_db("today");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    // An old customer seen 10 days ago: the monthly call and visit are 20 days away.
    let wang = person("王秀英", "13800001111", ago(400), ago(10));
    let quiet = person("李静", "13800002222", ago(400), ago(5));
    for c in [&wang, &quiet] {
        db.save_registration(c, &[]).await.unwrap();
    }
    // Bought yesterday for use at home: the day-after call is due today.
    let bought = Purchase {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        customer_id: wang.id.clone(),
        product: "生发液".into(),
        quantity: 1,
        unit_price_fen: 29_800,
        date: Some(ago(1)),
        use_place: Some(UsePlace::Home),
    };
    db.save_purchase(&bought, &stamp(1)).await.unwrap();
    let plan = db.plan_of(&wang.id).await.unwrap().unwrap();
    let due = follicle::domain::plan::due_items(&plan, today(), false);
    assert_eq!(due.iter().map(|i| (i.due, i.reason.clone())).collect::<Vec<_>>(), [(today(), Reason::AfterPurchase { day: 1, home: true })]);
    db.close();

    let root = staff_home(&name).await;
    tap(&root, "a", "今天要回访").await;
    wait_for_text(&root, "购买后第1天：开封使用指导").await;
    let list = root.text_content().unwrap();
    assert!(list.contains("王秀英") && list.contains("今天到期"), "{list}");
    assert!(!list.contains("李静"), "nothing is due for her: {list}");

    // One tap opens the form with the reason written in; log a phone call.
    tap(&root, "a", "记录回访").await;
    let content = wait_for_field(&root, "内容").await;
    assert_eq!(value_of(&content), "购买后第1天：开封使用指导");
    click(&root, "label", "电话");
    type_into(&input_by_label(&root, "结果"), "已教会使用方法");
    click(&root, "button", "保存");
    wait_for_text(&root, "今天没有要回访的顾客").await;
    assert!(!root.text_content().unwrap().contains("王秀英"));

    // The plan moved on to the week call, and the card says so.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let plan = db.plan_of(&wang.id).await.unwrap().unwrap();
    let week = plan.items.iter().find(|i| matches!(i.reason, Reason::AfterPurchase { .. })).unwrap();
    assert_eq!((week.due, &week.reason), (ago(1) + Days::new(7), &Reason::AfterPurchase { day: 7, home: true }));
    assert!(follicle::domain::plan::due_items(&plan, today(), false).is_empty());
    assert_eq!(plan.last_contact, Some(today()));
    let entry = db.search_entry(&wang.id).await.unwrap().unwrap();
    assert_eq!((entry.bought_fen, entry.last_contact), (29_800, Some(today())));
    db.close();
}

#[wasm_bindgen_test]
async fn a_purchase_logged_on_the_card_changes_value_and_plan_and_rules_are_settings() {
    let name = unique_db("purchase");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let zhao = person("赵敏", "13800003333", ago(400), ago(3));
    db.save_registration(&zhao, &[]).await.unwrap();
    db.close();
    let root = staff_home(&name).await;

    // The store's product list: a bottle lasts 30 days.
    tap(&root, "a", "设置").await;
    tap(&root, "a", "回访规则和产品").await;
    type_into(&wait_for_field(&root, "产品名称").await, "生发液");
    type_into(&input_by_label(&root, "每件可用天数"), "30");
    type_into(&input_by_label(&root, "常用单价（元）"), "298");
    click(&root, "button", "添加产品");
    wait_for_text(&root, "所有顾客的回访计划已重新计算").await;
    // A bad rule is refused with its message, nothing saved.
    type_into(&input_by_label(&root, "新顾客：每隔几天电话一次"), "abc");
    click(&root, "button", "保存");
    wait_for_text(&root, "请填写 0 到 3650 的整数").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let settings = db.settings().await.unwrap().unwrap();
    assert_eq!(settings.store.follow_up_rules.new_call_every_days, 3);
    assert_eq!(settings.store.products.len(), 1);
    db.close();

    // On the card: pick the product (fills the price), two bottles, at home.
    click(&root, "a", "回到首页");
    tap(&root, "a", "员工").await;
    // Home locked the staff side: the PIN again.
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    let input = wait_for(10_000, || root.query_selector("#customer-search").ok().flatten()).await;
    type_into(&input.dyn_into().unwrap(), "赵敏");
    tap(&root, ".result", "赵敏").await;
    tap(&root, "button", "记录购买").await;
    tap(&root, "button", "生发液").await;
    wait_for(10_000, || (value_of(&input_by_label(&root, "单价（元）")) == "298.00").then_some(())).await;
    type_into(&input_by_label(&root, "数量"), "0");
    click(&root, "label", "在家");
    click(&root, "button", "保存");
    wait_for_text(&root, "数量请填 1 到 999 的整数").await;
    type_into(&input_by_label(&root, "数量"), "2");
    wait_for_text(&root, "¥596.00").await;
    click(&root, "button", "保存");
    wait_for_text(&root, "购买已记录").await;
    let card = root.text_content().unwrap();
    let runs_out = (today() + Days::new(60)).to_string();
    assert!(card.contains("生发液 × 2") && card.contains(&format!("预计用完 {runs_out}")), "{card}");
    assert!(card.contains("C类（一般）"), "¥596 is value C: {card}");
    assert!(card.contains("购买后第1天：开封使用指导"), "the plan shows the next call: {card}");
}

#[wasm_bindgen_test]
async fn statistics_count_new_customers_by_month_across_the_boundary_and_open_their_lists() {
    let name = unique_db("stats");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let first_of_month = today().with_day(1).unwrap();
    let last_of_previous = first_of_month - Days::new(1);
    let people = [
        person("本月一", "13800000001", first_of_month, first_of_month),
        person("本月二", "13800000002", today(), today()),
        person("上月末", "13800000003", last_of_previous, last_of_previous),
        person("老顾客", "13800000004", ago(500), ago(400)),
    ];
    db.save_customers(&people).await.unwrap();
    db.close();
    let root = staff_home(&name).await;
    tap(&root, "a", "统计").await;
    wait_for_text(&root, "每月新顾客").await;
    let month = |d: NaiveDate| format!("新顾客 {}月", d.month());
    let bars = root.text_content().unwrap();
    assert!(bars.contains(&format!("{} 2", month(first_of_month))), "{bars}");
    assert!(bars.contains(&format!("{} 1", month(last_of_previous))), "{bars}");
    // Totals and classes: 3 active (this and last month), 1 lost.
    let figure = |label: &str| {
        by_text(&root, ".figure", label).map(|f| f.query_selector(".figure-value").unwrap().unwrap().text_content().unwrap())
    };
    assert_eq!(figure("顾客总数").as_deref(), Some("4"));
    assert_eq!(figure("有效顾客").as_deref(), Some("3"));
    assert_eq!(figure("流失顾客").as_deref(), Some("1"));
    // The bar for this month lists its two new customers.
    tap(&root, ".bar-link", &month(first_of_month)).await;
    wait_for_text(&root, "本月一").await;
    let list = root.text_content().unwrap();
    assert!(list.contains("本月二") && !list.contains("上月末") && !list.contains("老顾客"), "{list}");
    // A chip filters by class.
    tap(&root, ".chip", "流失顾客").await;
    wait_for_text(&root, "老顾客").await;
    assert!(!root.text_content().unwrap().contains("本月一"));
}
