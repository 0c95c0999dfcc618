//! Referrals in headless Chromium against real IndexedDB: the referrer written at
//! registration is linked by staff to their record with the staff search, both cards
//! show it, the today list asks to thank the referrer (logged as a call) and the
//! statistics count the month's referrals. A registration at the kiosk that names a
//! referrer is put before staff on the staff home with the records the same name
//! search finds (the kiosk itself says nothing of who is a customer); one linked there
//! shows on both cards and counts, and one left unlinked says so.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Days, Local, NaiveDate};
use common::*;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn ago(days: u64) -> NaiveDate {
    Local::now().date_naive() - Days::new(days)
}

#[wasm_bindgen_test]
async fn a_referral_written_at_registration_is_linked_shown_on_both_cards_thanked_and_counted() {
    let name = unique_db("referrals");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut zhang = Customer::new("张桂兰", "13900001111", &stamp(1_700_000_000_000));
    zhang.first_visit = Some(ago(400));
    zhang.last_visit = Some(ago(20));
    zhang.refresh_keys();
    let mut other_zhang = Customer::new("张桂芳", "13900002222", &stamp(1_700_000_000_000));
    other_zhang.first_visit = Some(ago(300));
    other_zhang.refresh_keys();
    // Registered today, naming who sent her.
    let mut wang = Customer::new("王小红", "13900003333", &stamp(1_700_000_000_000));
    wang.first_visit = Some(ago(0));
    wang.info_source = Some(InfoSource::Referral("张桂兰".into()));
    wang.refresh_keys();
    for c in [&zhang, &other_zhang, &wang] {
        db.save_registration(c, &[]).await.unwrap();
    }
    db.close();

    let root = staff_home(&name).await;
    tap(&root, "a", "统计").await;
    let count = wait_for(5_000, || by_text(&root, ".figure", "本月转介绍")).await;
    assert_eq!(count.query_selector(".figure-value").unwrap().unwrap().text_content().unwrap(), "1", "written at registration counts");
    tap(&root, "a", "返回").await;
    wait_for_text(&root, "本机顾客总数").await;

    open_card(&root, "王小红", "登记时写的介绍人：张桂兰").await;
    // The staff search, started from the name she wrote: the right 张 is picked.
    let row = wait_for(5_000, || by_text(&root, ".referrer-finder li", "张桂兰")).await;
    assert!(by_text(&root, ".referrer-finder li", "王小红").is_none(), "not herself");
    row.query_selector("button").unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    wait_for_text(&root, "介绍人已关联").await;
    let section = wait_for(5_000, || by_text(&root, ".card-referral", "介绍人")).await;
    assert!(section.query_selector("a").unwrap().unwrap().text_content().unwrap().contains("张桂兰"));

    // The referrer's card shows whom she brought.
    tap(&root, ".card-referral a", "张桂兰").await;
    let theirs = wait_for(5_000, || by_text(&root, ".referred-list", "王小红")).await;
    assert!(theirs.text_content().unwrap().contains("王小红"));

    // The today list: thank her.
    tap(&root, "a", "返回").await;
    tap(&root, "a", "今天要回访").await;
    let thank = wait_for(5_000, || by_text(&root, ".referrers-to-thank li", "张桂兰")).await;
    assert!(thank.text_content().unwrap().contains("介绍了王小红"), "{:?}", thank.text_content());
    thank.query_selector("button").unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    wait_for(5_000, || root.query_selector(".referrers-to-thank").unwrap().is_none().then_some(())).await;

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let saved = db.get::<Customer>(&wang.id).await.unwrap().unwrap();
    assert_eq!(saved.referred_by.as_deref(), Some(zhang.id.as_str()));
    assert!(saved.referral_thanked.is_some());
    let file = db.customer_file(&zhang.id).await.unwrap().unwrap();
    let call = file.follow_ups.last().expect("the thank-you is logged on the referrer");
    assert!(call.content.contains("感谢介绍王小红") && call.by_staff == MANAGER, "{call:?}");
    assert!(db.get::<Customer>(&other_zhang.id).await.unwrap().unwrap().referred_by.is_none());
    db.close();
}

fn next(root: &Element) {
    click(root, "button", "下一步");
}

async fn wait_heading(root: &Element, text: &str) {
    wait_for(5_000, || root.query_selector(".wizard h1").ok().flatten().filter(|h| h.text_content().as_deref() == Some(text))).await;
}

/// The whole registration at the kiosk, as the customer and the staff member present
/// fill it in, naming `referrer`; ends on 登记完成.
async fn register_at_kiosk(root: &Element, name: &str, phone: &str, referrer: &str) {
    wait_for_text(root, "新顾客登记").await;
    click(root, "a", "新顾客登记");
    tap(root, "button", "开始登记").await;
    wait_heading(root, "基本信息").await;
    type_into(&input_by_label(root, "姓名"), name);
    type_into(&input_by_label(root, "电话号码"), phone);
    type_into(&input_by_label(root, "出生日期"), "1960-05-01");
    click(root, "label", "女");
    next(root);
    wait_heading(root, "头发情况").await;
    next(root);
    wait_heading(root, "健康与生活").await;
    next(root);
    wait_heading(root, "怎么知道我们").await;
    click(root, "label", "朋友介绍");
    type_into(&wait_for_field(root, "介绍人姓名").await, referrer);
    next(root);
    wait_heading(root, "同意").await;
    root.query_selector("#reg-consent_personal").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    type_into(&input_by_label(root, "在场店员"), MANAGER);
    next(root);
    wait_heading(root, "确认").await;
    click(root, "button", "确认并保存");
    wait_for_text(root, "登记完成").await;
}

fn button_labelled(root: &Element, label: &str) -> Option<HtmlElement> {
    let list = root.query_selector_all("button[aria-label]").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<HtmlElement>().ok()).find(|b| b.get_attribute("aria-label").is_some_and(|a| a.contains(label)))
}

#[wasm_bindgen_test]
async fn a_referral_linked_at_registration_shows_on_both_cards_and_in_the_months_count() {
    let name = unique_db("referrals-at-registration");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut zhang = Customer::new("张桂兰", "13900001111", &stamp(1_700_000_000_000));
    zhang.first_visit = Some(ago(400));
    zhang.refresh_keys();
    let mut other_zhang = Customer::new("张桂芳", "13900002222", &stamp(1_700_000_000_000));
    other_zhang.first_visit = Some(ago(300));
    other_zhang.refresh_keys();
    // Registered yesterday naming someone who is no customer here: stays unlinked.
    let mut zhao = Customer::new("赵敏", "13900004444", &stamp(1_700_000_000_000));
    zhao.first_visit = Some(ago(1).max(follicle::domain::stats::Month::of(ago(0)).first_day()));
    zhao.info_source = Some(InfoSource::Referral("刘芳".into()));
    zhao.refresh_keys();
    for c in [&zhang, &other_zhang, &zhao] {
        db.save_registration(c, &[]).await.unwrap();
    }
    db.close();

    // At the kiosk, with 李店长 present: the done screen tells nothing of 张桂兰.
    let root = mount_app(&name);
    register_at_kiosk(&root, "王小红", "13900003333", "张桂兰").await;
    let done = root.text_content().unwrap();
    assert!(!done.contains("1111") && !done.contains("张桂芳") && !done.contains("关联"), "the kiosk says nothing of who is a customer: {done}");
    click(&root, "button", "回到首页");
    wait_for_text(&root, "员工").await;
    assert!(!root.text_content().unwrap().contains("张桂兰"));

    // The staff side's first view: the prompt with what the name search finds.
    click(&root, "a", "员工");
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    let row = wait_for(5_000, || by_text(&root, ".referrers-to-link li.to-link", "王小红")).await;
    let text = row.text_content().unwrap();
    assert!(text.contains("介绍人：张桂兰 — 未关联"), "{text}");
    assert!(text.contains("张桂兰 · 手机尾号 1111"), "the same name search: {text}");
    assert!(!text.contains("王小红 · 手机尾号"), "not herself: {text}");
    let unlinked = by_text(&root, ".referrers-to-link li.to-link", "赵敏").expect("the other new customer");
    assert!(unlinked.text_content().unwrap().contains("介绍人：刘芳 — 未关联") && unlinked.text_content().unwrap().contains("没有找到这个名字的顾客"));
    let link = button_labelled(&row, "关联张桂兰（手机尾号 1111）").expect("one tap to link 张桂兰");
    assert_eq!(link.text_content().unwrap(), "关联");
    link.click();
    wait_for_text(&root, "介绍人已关联").await;
    wait_for(5_000, || by_text(&root, ".referrers-to-link li.to-link", "王小红").is_none().then_some(())).await;
    assert!(by_text(&root, ".referrers-to-link li.to-link", "赵敏").is_some(), "hers is still to link");

    // Both cards.
    open_card(&root, "王小红", "转介绍").await;
    let section = wait_for(5_000, || by_text(&root, ".card-referral", "介绍人")).await;
    assert!(section.query_selector("a").unwrap().unwrap().text_content().unwrap().contains("张桂兰"));
    assert!(!section.text_content().unwrap().contains("未关联"));
    tap(&root, ".card-referral a", "张桂兰").await;
    let theirs = wait_for(5_000, || by_text(&root, ".referred-list", "王小红")).await;
    assert!(!theirs.text_content().unwrap().contains("赵敏"), "an unlinked referral is nobody's");

    // The unlinked one says so on her card.
    tap(&root, "a", "返回").await;
    wait_for_text(&root, "本机顾客总数").await;
    open_card(&root, "赵敏", "转介绍").await;
    wait_for_text(&root, "登记时写的介绍人：刘芳（未关联）").await;

    // The month's count: both came by a referral this month.
    tap(&root, "a", "返回").await;
    tap(&root, "a", "统计").await;
    let count = wait_for(5_000, || by_text(&root, ".figure", "本月转介绍")).await;
    assert_eq!(count.query_selector(".figure-value").unwrap().unwrap().text_content().unwrap(), "2");

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let all: Vec<Customer> = db.all_by("by_first_visit_month", &ago(0).format("%Y-%m").to_string()).await.unwrap();
    let wang = all.iter().find(|c| c.name == "王小红").expect("registered at the kiosk");
    assert_eq!(wang.referred_by.as_deref(), Some(zhang.id.as_str()));
    assert_eq!(wang.info_source, Some(InfoSource::Referral("张桂兰".into())), "what she wrote is kept");
    assert!(db.get::<Customer>(&zhao.id).await.unwrap().unwrap().referred_by.is_none());
    db.close();
}

#[wasm_bindgen_test]
async fn a_busy_week_shows_the_newest_eight_to_link_and_says_how_many_more() {
    let name = unique_db("referrals-to-link-many");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    for i in 0..10u64 {
        let mut c = Customer::new(&format!("新客{i}"), &format!("1390000{:04}", 5000 + i), &stamp(1_700_000_000_000));
        c.first_visit = Some(ago(i % 5));
        c.info_source = Some(InfoSource::Referral("无名氏".into()));
        c.refresh_keys();
        db.save_registration(&c, &[]).await.unwrap();
    }
    db.close();
    let root = staff_home(&name).await;
    wait_for_text(&root, "还有2位新顾客写了介绍人").await;
    let rows = root.query_selector_all(".referrers-to-link li.to-link").unwrap();
    assert_eq!(rows.length(), 8);
    let shown = root.query_selector(".referrers-to-link").unwrap().unwrap().text_content().unwrap();
    assert!(shown.contains("新客0") && shown.contains("新客5") && !shown.contains("新客4（") && !shown.contains("新客9"), "the newest first: {shown}");
}
