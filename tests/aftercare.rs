//! When something goes wrong, in headless Chromium against real IndexedDB: complaints
//! logged, open, overdue after 24 hours and resolved; a return's fee shown before
//! saving and too many used refused; an adverse reaction putting the customer in
//! effect class D; the win-back list of lost customers and its letter.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use follicle::domain::*;
use follicle::storage::{schema, Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const HOUR_MS: i64 = 60 * 60 * 1000;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn days_ago(n: u64) -> Option<NaiveDate> {
    today().checked_sub_days(Days::new(n))
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn customer(name: &str, phone: &str, gender: Gender, last_visit_days_ago: u64) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(gender);
    c.first_visit = days_ago(last_visit_days_ago + 30);
    c.last_visit = days_ago(last_visit_days_ago);
    c.refresh_keys();
    c
}

/// A tablet with these customers registered; returns the database name.
async fn seeded(test: &str, people: &[Customer]) -> String {
    let name = unique_db(test);
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    db.save_customers(people).await.unwrap();
    db.close();
    name
}

async fn open(name: &str) -> Db {
    Db::open(name, OpenHooks::default()).await.unwrap()
}

/// Finds a customer by name and opens their card; waits for the salutation.
async fn open_card(root: &Element, name: &str, salutation: &str) {
    let search: HtmlElement = root.query_selector("#customer-search").unwrap().unwrap().dyn_into().unwrap();
    type_into(&search, name);
    tap(root, ".result", name).await;
    wait_for(5_000, || by_text(root, "h1", salutation)).await;
    // The aftercare sections load on their own.
    wait_for(5_000, || root.query_selector(".card-section.complaints").unwrap()).await;
}

fn section_text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_complaint_is_logged_open_overdue_after_a_day_and_resolved() {
    let wang = customer("王超", "13800138000", Gender::Male, 10);
    let name = seeded("complaints", std::slice::from_ref(&wang)).await;
    // A complaint from 30 hours ago, still open: overdue.
    let old = Complaint {
        id: new_id(),
        meta: Meta::new(&stamp(now_ms())),
        customer_id: wang.id.clone(),
        at: now_ms() - 30 * HOUR_MS,
        content: "上次护理等了一个小时".into(),
        ..Default::default()
    };
    let db = open(&name).await;
    db.save_complaint(&old, &stamp(1)).await.unwrap();
    assert_eq!(db.open_complaints().await.unwrap().len(), 1);

    let root = staff_home(&name).await;
    open_card(&root, "王超", "王先生").await;
    let complaints = section_text(&root, ".card-section.complaints");
    assert!(complaints.contains("上次护理等了一个小时") && complaints.contains("已超过24小时未解决 ⚠"), "{complaints}");

    // A new one: nothing written is refused with a message and nothing stored.
    click(&root, "a", "记录投诉");
    wait_for_field(&root, "投诉内容").await;
    click(&root, "button", "保存");
    wait_for_text(&root, "请写下顾客投诉的内容").await;
    assert_eq!(db.count(schema::COMPLAINTS).await.unwrap(), 1);
    type_into(&input_by_label(&root, "投诉内容"), "精华液用了以后头皮发红");
    click(&root, "button", "保存");
    wait_for(5_000, || by_text(&root, "p.status.done", "投诉已保存")).await;
    wait_for(5_000, || by_text(&root, "li.complaint", "精华液用了以后头皮发红")).await;
    let fresh = by_text(&root, "li.complaint", "精华液用了以后头皮发红").unwrap().text_content().unwrap();
    assert!(fresh.contains("未解决") && !fresh.contains("24小时"), "a new complaint is open, not overdue: {fresh}");
    assert_eq!(db.open_complaints().await.unwrap().len(), 2);

    // The old one handled: steps, result, satisfaction, resolved.
    let item = by_text(&root, "li.complaint", "上次护理等了一个小时").unwrap();
    by_text(&item, "a", "处理完成 / 更新").expect("the handle action").click();
    wait_for(5_000, || by_text(&root, "h1", "处理投诉")).await;
    let content = wait_for_field(&root, "投诉内容").await;
    assert_eq!(value_of(&content), "上次护理等了一个小时", "the form starts from the stored complaint");
    type_into(&input_by_label(&root, "处理措施"), "店长当面道歉，送一次护理");
    type_into(&input_by_label(&root, "处理结果"), "顾客接受");
    click(&root, "label", "4 满意");
    click(&root, "label", "处理完成，已解决");
    click(&root, "button", "保存");
    wait_for(5_000, || by_text(&root, "p.status.done", "投诉已保存")).await;
    wait_for(5_000, || by_text(&root, "li.complaint", "店长当面道歉")).await;
    let handled = by_text(&root, "li.complaint", "上次护理等了一个小时").unwrap().text_content().unwrap();
    assert!(handled.contains("已解决") && handled.contains("4 满意") && !handled.contains("未解决"), "{handled}");

    let open_now = db.open_complaints().await.unwrap();
    assert_eq!(open_now.len(), 1);
    assert_eq!(open_now[0].content, "精华液用了以后头皮发红");
    let back: Complaint = db.get(&old.id).await.unwrap().unwrap();
    assert!(back.resolved_at.is_some());
    assert_eq!((back.satisfaction, back.steps.as_str(), back.at), (Some(4), "店长当面道歉，送一次护理", old.at));
    db.close();
}

#[wasm_bindgen_test]
async fn the_return_form_shows_the_fee_before_saving_and_refuses_more_used_than_bought() {
    let li = customer("李娜", "13911112222", Gender::Female, 20);
    let name = seeded("returns", std::slice::from_ref(&li)).await;
    let bought = Purchase {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        customer_id: li.id.clone(),
        product: "防脱精华液".into(),
        quantity: 2,
        unit_price_fen: 29_800,
        date: days_ago(30),
        use_place: Some(UsePlace::Home),
    };
    let db = open(&name).await;
    db.put(&bought).await.unwrap();

    let root = staff_home(&name).await;
    open_card(&root, "李娜", "李女士").await;
    assert!(section_text(&root, ".card-section.returns").contains("没有退货"));
    click(&root, "a", "办理退货");
    wait_for_text(&root, "退哪一次购买的产品").await;
    let fee = || section_text(&root, "#return-fee");
    assert!(fee().contains("选好产品"), "no fee before a purchase and a quantity: {}", fee());

    click(&root, "label", "防脱精华液 × 2");
    type_into(&input_by_label(&root, "已用数量"), "3");
    wait_for(5_000, || fee().contains("¥894.00").then_some(())).await;
    assert!(fee().contains("¥298.00 × 3"), "{}", fee());
    type_into(&input_by_label(&root, "退货原因"), "用了头皮痒");
    click(&root, "label", "不完好");
    click(&root, "button", "保存");
    wait_for_text(&root, "已用数量不能超过购买数量 2").await;
    assert_eq!(db.count(schema::RETURNS).await.unwrap(), 0, "nothing stored for a refused return");

    type_into(&input_by_label(&root, "已用数量"), "1");
    wait_for(5_000, || fee().contains("¥298.00 × 1 = ¥298.00").then_some(())).await;
    assert!(!root.text_content().unwrap().contains("不能超过购买数量"), "the old message goes once the quantity is changed");
    assert_eq!(db.count(schema::RETURNS).await.unwrap(), 0, "the fee shows before anything is saved");
    click(&root, "button", "保存");
    wait_for(5_000, || by_text(&root, "p.status.done", "退货已保存")).await;
    wait_for(5_000, || by_text(&root, "li.return", "用了头皮痒")).await;
    let listed = section_text(&root, ".card-section.returns");
    assert!(listed.contains("防脱精华液") && listed.contains("¥298.00") && listed.contains("不完好"), "{listed}");

    let stored: Vec<ReturnRecord> = db.all_by("by_customer", &li.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    let r = &stored[0];
    assert_eq!((r.fee_fen(), r.quantity_used, r.purchase_date, r.package_intact), (29_800, 1, bought.date, false));
    assert_eq!(r.purchase_id.as_deref(), Some(bought.id.as_str()));

    // The purchase is returned now: the form has nothing left to offer.
    click(&root, "a", "办理退货");
    wait_for_text(&root, "不能办理退货").await;
    db.close();
}

#[wasm_bindgen_test]
async fn an_adverse_reaction_puts_the_customer_in_class_d() {
    let zeng = customer("曾小燕", "13722223333", Gender::Female, 5);
    let name = seeded("incident", std::slice::from_ref(&zeng)).await;
    let db = open(&name).await;
    // A reaction is health information: kept only with the sensitive consent.
    db.put(&given_consent(&zeng, ConsentKind::SensitiveInfo)).await.unwrap();

    let root = staff_home(&name).await;
    open_card(&root, "曾小燕", "曾女士").await;
    assert!(root.text_content().unwrap().contains("未评定"));
    click(&root, "a", "记录不良反应");
    wait_for_text(&root, "什么反应").await;
    click(&root, "button", "保存");
    wait_for_text(&root, "请选择或写下是什么反应").await;
    assert_eq!(db.count(schema::INCIDENTS).await.unwrap(), 0);
    assert_eq!(db.get::<Customer>(&zeng.id).await.unwrap().unwrap().effect_class, None, "a refused incident changes nothing");

    click(&root, "label", "起疹子");
    type_into(&input_by_label(&root, "具体情况"), "额头两侧");
    type_into(&input_by_label(&root, "店里怎么处理的"), "停用精华液，建议就医");
    click(&root, "button", "保存");
    wait_for(5_000, || by_text(&root, "p.status.done", "不良反应已记录")).await;
    wait_for(5_000, || by_text(&root, "li.incident", "起疹子：额头两侧")).await;
    let card = root.text_content().unwrap();
    assert!(card.contains("D类（恶化、退货、停用）"), "the card says D: {card}");
    assert!(section_text(&root, ".card-section.incidents").contains("停用精华液，建议就医"));

    let back: Customer = db.get(&zeng.id).await.unwrap().unwrap();
    assert_eq!(back.effect_class, Some(EffectClass::D));
    assert!(back.meta.updated_at > zeng.meta.updated_at);
    let incidents: Vec<Incident> = db.all_by("by_customer", &zeng.id).await.unwrap();
    assert_eq!(incidents.len(), 1);
    assert_eq!((incidents[0].by_staff.as_str(), incidents[0].date), ("李店长", Some(today())));
    // The search row was rewritten in the same write and still finds her.
    assert!(db.search_entries().await.unwrap().iter().any(|e| e.id == zeng.id));
    db.close();
}

#[wasm_bindgen_test]
async fn an_incident_for_a_customer_who_is_gone_stores_nothing() {
    let name = seeded("incident-gone", &[]).await;
    let db = open(&name).await;
    let incident = Incident { id: new_id(), customer_id: "nobody".into(), description: "红肿".into(), ..Default::default() };
    assert_eq!(db.record_incident(&incident, &stamp(now_ms())).await, Err(follicle::storage::StorageError::Gone));
    assert_eq!(db.count(schema::INCIDENTS).await.unwrap(), 0, "the transaction rolled back");
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 0);
    db.close();
}

#[wasm_bindgen_test]
async fn win_back_lists_only_lost_customers_and_prepares_a_letter_naming_them() {
    load_app_styles();
    let recent = customer("王建国", "13800001111", Gender::Male, 200);
    let long_ago = customer("黄丽", "13800002222", Gender::Female, 400);
    let dormant = customer("吴超", "13800003333", Gender::Male, 120);
    let active = customer("魏晨", "13800004444", Gender::Male, 10);
    // 52 more lost customers: the list shows 50 at a time.
    let crowd: Vec<Customer> = (0..52).map(|i| customer(&format!("顾客{i:02}"), &format!("139{:08}", i), Gender::Female, 500 + i)).collect();
    let mut people = vec![recent.clone(), long_ago.clone(), dormant, active];
    people.extend(crowd);
    let name = seeded("win-back", &people).await;
    {
        let db = open(&name).await;
        let call = FollowUpEntry {
            id: new_id(),
            meta: Meta::new(&stamp(1)),
            customer_id: recent.id.clone(),
            at: now_ms() - 150 * 24 * HOUR_MS,
            method: Some(ContactMethod::Phone),
            content: "问候".into(),
            ..Default::default()
        };
        db.log_follow_up(&call, &stamp(1)).await.unwrap();
        db.close();
    }

    let root = staff_home(&name).await;
    click(&root, "a", "揽回流失顾客");
    wait_for_text(&root, "流失顾客数：54").await;
    let names = || {
        let list = root.query_selector_all(".win-back .result-name").unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect::<Vec<_>>()
    };
    let shown = names();
    assert_eq!(shown.len(), 50, "the first 50");
    assert_eq!(&shown[..3], ["王建国", "黄丽", "顾客00"], "the most recently lost first");
    assert!(!shown.iter().any(|n| n == "吴超" || n == "魏晨"), "dormant and active customers are not lost: {shown:?}");
    // The last contact: the latest follow-up's time and method.
    wait_for(5_000, || by_text(&root, ".result", "王建国").filter(|r| r.text_content().unwrap().contains("电话"))).await;
    let row = by_text(&root, ".result", "王建国").unwrap().text_content().unwrap();
    assert!(row.contains("手机尾号 1111") && row.contains("上次到店") && row.contains("（200 天前）") && row.contains("上次联系"), "{row}");
    assert!(!row.contains("13800001111"), "only the tail of the phone number");
    assert!(by_text(&root, ".result", "黄丽").unwrap().text_content().unwrap().contains("还没有回访记录"));

    click(&root, "button", "显示更多");
    wait_for(5_000, || (names().len() == 54).then_some(())).await;

    // The letter: addressed to him, signed by the store, editable, print-only copy.
    click(&root, ".result", "王建国");
    let letter: HtmlElement = wait_for(5_000, || root.query_selector("#win-back-letter").unwrap()).await.dyn_into().unwrap();
    wait_for(5_000, || value_of(&letter).starts_with("亲爱的王先生，您好：").then_some(())).await;
    assert!(value_of(&letter).contains("朝阳店"), "signed by the store");
    let printed = || section_text(&root, ".print-letter");
    assert!(printed().contains("亲爱的王先生") && printed().contains("我们做得不够好"));
    type_into(&letter, "亲爱的王先生，您好：\n\n店庆期间欢迎回来看看。\n\n朝阳店");
    wait_for(5_000, || printed().contains("店庆期间欢迎回来看看").then_some(())).await;
    let print_only = root.query_selector(".print-letter").unwrap().unwrap();
    assert_eq!(gloo::utils::window().get_computed_style(&print_only).unwrap().unwrap().get_property_value("display").unwrap(), "none", "the printed copy is not on screen");
    assert!(by_text(&root, "button", "打印").is_some());
    assert!(root.query_selector("#win-back .print-letter").unwrap().is_some(), "the print rules find the letter by its section's id");

    // The English screen has the English letter (nothing was edited there yet).
    click(&root, "button", "返回名单");
    wait_for_text(&root, "流失顾客数：54").await;
    click(&root, "button", "English");
    tap(&root, ".result", "黄丽").await;
    let letter: HtmlElement = wait_for(5_000, || root.query_selector("#win-back-letter").unwrap()).await.dyn_into().unwrap();
    wait_for(5_000, || value_of(&letter).starts_with("Dear Ms 黄,").then_some(())).await;
}
