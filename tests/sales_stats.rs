//! Issue 17 item 9, in headless Chromium against real IndexedDB on a fixed clock
//! (Wednesday 17 June 2026): the statistics show the month's sales and a product's
//! figure for seeded purchases (a return taken off), the one-tap list behind a figure
//! lists exactly those purchases; the today list's birthdays show a customer whose
//! birthday is this week (with a tel: link and the card one tap away) and not one
//! whose birthday is next month.
#![cfg(target_arch = "wasm32")]

mod common;

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

/// Wednesday 17 June 2026, 10:00 local.
fn now_ms() -> i64 {
    to_millis(day(2026, 6, 17).and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap())).unwrap()
}

fn person(name: &str, phone: &str, birth: Option<NaiveDate>) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(Gender::Female);
    c.birth_date = birth;
    c.first_visit = Some(day(2026, 1, 5));
    c.last_visit = Some(day(2026, 6, 1));
    c.refresh_keys();
    c
}

fn bought(who: &Customer, product: &str, quantity: u32, fen: i64, on: NaiveDate) -> Purchase {
    Purchase { customer_id: who.id.clone(), product: product.into(), quantity, unit_price_fen: fen, date: Some(on), use_place: Some(UsePlace::Home), ..Default::default() }.made(&stamp(now_ms()))
}

/// Mounts the app on the fixed clock and signs the manager in.
async fn signed_in(name: &str) -> (Element, yew::AppHandle<follicle::app::App>) {
    let (root, handle) = mount_app_with(name, Clock::fixed(now_ms()), false);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    wait_for_text(&root, "本机顾客总数").await;
    (root, handle)
}

/// Taps the element matching `selector` with `text` once it is there; says what the
/// screen shows when it is not.
async fn press(root: &Element, selector: &str, text: &str) {
    for _ in 0..250 {
        if let Some(e) = by_text(root, selector, text) {
            e.click();
            return;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    panic!("no {selector} with {text:?}; the screen shows: {:?}", root.text_content().unwrap_or_default());
}

fn all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<HtmlElement>().ok()).collect()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector).into_iter().map(|e| e.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn the_statistics_show_the_months_sales_and_a_products_figure_and_the_list_behind_each_holds_exactly_its_purchases() {
    let name = unique_db("sales-stats");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", None);
    let li = person("李静", "13800002222", None);
    let zhang = person("张桂兰", "13800003333", None);
    db.save_customers(&[wang.clone(), li.clone(), zhang.clone()]).await.unwrap();
    let s = stamp(now_ms());
    // June: 王秀英 2 × 生发液 at 298 on 1 June (the month's first day); 李静 1 × 护发素
    // at 50, returned unused; 张桂兰 on 31 May, the day before the month.
    db.save_purchase(&bought(&wang, "生发液", 2, 29_800, day(2026, 6, 1)), &s).await.unwrap();
    let returned = bought(&li, "护发素", 1, 5_000, day(2026, 6, 16));
    db.save_purchase(&returned, &s).await.unwrap();
    let back = ReturnRecord {
        customer_id: li.id.clone(),
        purchase_id: Some(returned.id.clone()),
        reason: "味道太重".into(),
        purchase_date: returned.date,
        package_intact: true,
        quantity_used: 0,
        unit_price_fen: 5_000,
        ..Default::default()
    }
    .made(&s);
    db.save_return(&back, &s).await.unwrap();
    db.save_purchase(&bought(&zhang, "生发液", 1, 29_800, day(2026, 5, 31)), &s).await.unwrap();
    db.close();

    let (root, handle) = signed_in(&name).await;
    press(&root, "a", "统计").await;
    wait_for_text(&root, "每月销售").await;
    let figure = |label: &str| by_text(&root, ".figure", label).map(|f| f.query_selector(".figure-value").unwrap().unwrap().text_content().unwrap());
    let month_figure = wait_for(5_000, || figure("本月销售额").filter(|v| v.starts_with('¥'))).await;
    assert_eq!(month_figure, "¥596.00", "the return of 护发素 is taken off");
    let june = wait_for(5_000, || by_text(&root, ".sales-table tbody tr", "2026年6月").filter(|r| r.text_content().unwrap().matches('¥').count() >= 2)).await;
    let june_cells: Vec<String> = (0..5).map(|i| june.query_selector_all("td, th").unwrap().item(i).unwrap().text_content().unwrap()).collect();
    assert!(june_cells[1].starts_with("¥596.00") && june_cells[2].starts_with('2') && june_cells[3].starts_with('2'), "{june_cells:?}");
    assert!(june_cells[4].contains("1 笔") && june_cells[4].contains("¥50.00"), "{june_cells:?}");
    let may = by_text(&root, ".sales-table tbody tr", "2026年5月").expect("May's row").text_content().unwrap();
    assert!(may.contains("¥298.00"), "{may}");
    // June's products: 生发液 2 units ¥596, 护发素 0 units kept ¥0.
    let products = wait_for(5_000, || Some(texts(&root, ".sales-table.products tbody tr")).filter(|r| r.len() == 2 && r[0].contains("¥596.00"))).await;
    assert!(!products.is_empty());
    assert!(products[0].contains("生发液") && products[0].contains("¥596.00"), "{products:?}");
    let units = by_text(&root, ".sales-table.products tbody tr", "生发液").unwrap().query_selector("td").unwrap().unwrap().text_content().unwrap();
    assert!(units.starts_with('2'), "{units}");

    // Behind June's amount: exactly June's two purchases.
    press(&root, ".sales-link", "2026年6月 销售额").await;
    wait_for_text(&root, "全部购买").await;
    let rows = wait_for(5_000, || Some(texts(&root, ".sale-row")).filter(|r| r.len() == 2 && r[0].contains("李静"))).await;
    assert!(rows[0].contains("李静") && rows[0].contains("护发素") && rows[0].contains("已退货"), "the latest first: {rows:?}");
    assert!(rows[1].contains("王秀英") && rows[1].contains("生发液 × 2") && rows[1].contains("¥596.00"), "{rows:?}");
    assert!(!root.text_content().unwrap().contains("张桂兰"), "31 May is not June");
    // The buyers behind the month, and a row opens the card.
    press(&root, "a", "看这个月的购买顾客").await;
    wait_for_text(&root, "购买顾客 · 2 人").await;
    assert_eq!(texts(&root, ".sale-row").len(), 2);
    press(&root, "a", "统计").await;
    wait_for_text(&root, "各产品销售").await;

    // Behind a product's figure: that product's purchases of the month only.
    press(&root, ".sales-table.products .sales-link", "生发液 件数").await;
    wait_for_text(&root, "2026年6月 · 生发液").await;
    let rows = wait_for(5_000, || Some(texts(&root, ".sale-row")).filter(|r| !r.is_empty() && r[0].contains("王秀英"))).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    press(&root, ".sale-row a", "王秀英").await;
    wait_for(5_000, || by_text(&root, "h1.salutation", "王女士")).await;

    // Back (to the staff home) and to the statistics: choosing May shows May's products.
    press(&root, "a", "返回").await;
    wait_for_text(&root, "本机顾客总数").await;
    press(&root, "a", "统计").await;
    press(&root, ".month-pick", "2026年5月").await;
    wait_for_text(&root, "2026年5月各产品销售").await;
    // (The links' texts are child components: wait until they have caught up.)
    let may_products = wait_for(5_000, || Some(texts(&root, ".sales-table.products tbody tr")).filter(|r| r.len() == 1 && r[0].contains("¥298.00"))).await;
    assert!(may_products[0].contains("生发液") && may_products[0].contains("¥298.00"), "{may_products:?}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_today_list_shows_this_weeks_birthdays_with_a_call_link_and_not_next_months() {
    let name = unique_db("birthdays");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    // This week is Monday 15 – Sunday 21 June 2026.
    let week = person("周六生日", "13800004444", Some(day(1960, 6, 20)));
    let month = person("月底生日", "13800005555", Some(day(1980, 6, 28)));
    let next = person("七月生日", "13800006666", Some(day(1970, 7, 1)));
    let none = person("没填生日", "13800007777", None);
    db.save_customers(&[week.clone(), month, next, none]).await.unwrap();
    db.close();

    let (root, handle) = signed_in(&name).await;
    press(&root, "a", "今天要回访").await;
    wait_for_text(&root, "本周生日 · 1 人").await;
    let rows = wait_for(5_000, || Some(texts(&root, ".birthday-row")).filter(|r| !r.is_empty() && r[0].contains("周六生日"))).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("周六生日") && rows[0].contains("6月20日 周六") && rows[0].contains("满 66 岁"), "{rows:?}");
    let call = root.query_selector(".birthday-row a.call").unwrap().expect("a call link");
    assert_eq!(call.get_attribute("href").as_deref(), Some("tel:13800004444"));
    let page = root.text_content().unwrap();
    assert!(!page.contains("七月生日") && !page.contains("月底生日") && !page.contains("没填生日"), "{page}");
    // This month: 20 and 28 June, still not July.
    press(&root, ".birthdays button", "本月生日").await;
    wait_for_text(&root, "本月生日 · 2 人").await;
    let rows = wait_for(5_000, || Some(texts(&root, ".birthday-row")).filter(|r| r.len() == 2 && r[1].contains("月底生日"))).await;
    assert!(rows[1].contains("月底生日") && rows[1].contains("满 46 岁"), "{rows:?}");
    assert!(!root.text_content().unwrap().contains("七月生日"));
    // One tap to the card.
    press(&root, ".birthday-row a", "周六生日").await;
    wait_for(5_000, || by_text(&root, "h1.salutation", "周女士")).await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_sales_list_opened_by_its_address_asks_for_the_staff_pin_first() {
    let name = unique_db("sales-pin");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", None);
    db.save_customers(&[wang.clone()]).await.unwrap();
    db.save_purchase(&bought(&wang, "生发液", 2, 29_800, day(2026, 6, 1)), &stamp(now_ms())).await.unwrap();
    db.close();
    let _bar = address_bar().await;
    let (root, app) = mount_app_with(&name, Clock::fixed(now_ms()), true);
    wait_for_text(&root, "员工").await;
    go_to("/staff/sales/2026-06");
    wait_for_text(&root, "员工登录").await;
    let locked = root.text_content().unwrap();
    assert!(!locked.contains("王秀英") && !locked.contains("¥596.00") && !locked.contains("全部购买"), "{locked}");
    type_into(&input_by_label(&root, "密码"), MANAGER_PIN);
    click(&root, "button", "确认");
    wait_for_text(&root, "本机顾客总数").await;
    // Signed in (the gate leads to the staff home), the same address shows the list.
    go_to("/staff/sales/2026-06");
    wait_for_text(&root, "2026年6月 · 全部购买 · 1 笔 · ¥596.00").await;
    app.destroy();
}
