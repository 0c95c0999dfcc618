//! The sales statistics, a list behind a figure and the today list's birthdays, with
//! the real stylesheet, one app alone in the window (this file holds one test): axe
//! finds nothing serious or critical, and every link and button of the new parts is at
//! least 48 px each way with text of at least 20 px.
#![cfg(target_arch = "wasm32")]

mod common;
#[path = "common/a11y.rs"]
#[allow(dead_code)] // links_leaving_origin is for customer screens
mod a11y;

use a11y::axe_serious;
use chrono::{NaiveDate, NaiveTime};
use common::*;
use follicle::clock::{to_millis, Clock};
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now_ms() -> i64 {
    to_millis(day(2026, 6, 17).and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap())).unwrap()
}

async fn axe_clean(root: &Element, screen: &str) {
    let serious = axe_serious(root).await;
    assert!(serious.is_empty(), "{screen}: axe finds\n{}", serious.join("\n"));
}

/// Every visible link and button under `selector`: at least 48 × 48 px, text ≥ 20 px.
fn targets_big_enough(root: &Element, selector: &str) {
    let list = root.query_selector_all(&format!("{selector} a, {selector} button")).unwrap();
    let targets: Vec<HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    assert!(!targets.is_empty(), "{selector}: no targets");
    for t in targets {
        let r = t.get_bounding_client_rect();
        if r.width() == 0.0 {
            continue;
        }
        assert!(r.width() >= 48.0 && r.height() >= 48.0, "{selector}: {:?} is {}×{}", t.text_content(), r.width(), r.height());
        assert!(computed_px(&t, "font-size") >= 20.0, "{selector}: {:?} text {}", t.text_content(), computed_px(&t, "font-size"));
    }
}

#[wasm_bindgen_test]
async fn sales_and_birthdays_pass_axe_with_big_enough_targets() {
    load_app_styles();
    let name = unique_db("sales-a11y");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut wang = Customer::new("王秀英", "13800001111", &stamp(1_700_000_000_000));
    wang.birth_date = Some(day(1960, 6, 19));
    wang.refresh_keys();
    db.save_customers(&[wang.clone()]).await.unwrap();
    let p = Purchase { customer_id: wang.id.clone(), product: "生发液".into(), quantity: 2, unit_price_fen: 29_800, date: Some(day(2026, 6, 3)), use_place: Some(UsePlace::Home), ..Default::default() }.made(&stamp(now_ms()));
    db.save_purchase(&p, &stamp(now_ms())).await.unwrap();
    db.close();
    let (root, app) = mount_app_with(&name, Clock::fixed(now_ms()), false);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    wait_for_text(&root, "本机顾客总数").await;

    tap(&root, "a", "统计").await;
    wait_for(5_000, || by_text(&root, ".sales-table.products", "¥596.00")).await;
    axe_clean(&root, "statistics").await;
    targets_big_enough(&root, ".sales");

    tap(&root, ".sales-link", "2026年6月 销售额").await;
    wait_for(5_000, || by_text(&root, ".sale-row", "王秀英")).await;
    axe_clean(&root, "sales list").await;
    targets_big_enough(&root, ".sale-rows");

    tap(&root, "a", "统计").await;
    wait_for_text(&root, "每月销售").await;
    tap(&root, "a", "返回查找").await;
    tap(&root, "a", "今天要回访").await;
    wait_for(5_000, || by_text(&root, ".birthday-row", "王秀英")).await;
    axe_clean(&root, "today list with birthdays").await;
    targets_big_enough(&root, ".birthdays");
    app.destroy();
}
