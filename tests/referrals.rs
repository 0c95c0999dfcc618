//! Referrals in headless Chromium against real IndexedDB: the referrer written at
//! registration is linked by staff to their record with the staff search, both cards
//! show it, the today list asks to thank the referrer (logged as a call) and the
//! statistics count the month's referrals.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Days, Local, NaiveDate};
use common::*;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
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
