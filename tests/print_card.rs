//! The printed customer card (issue 17.9), in headless Chromium: 打印档案 on the staff
//! card prints a clean card — the customer's name, contact, hair and health, visits,
//! purchases, measurements and next follow-up — with no navigation and no buttons,
//! at sizes an older reader can read on paper; without the sensitive consent the
//! health notes are not printed. Its own file: the print rules are applied to the
//! screen here, which would hide other tests' screens in the same page.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Days, Local, NaiveDate};
use common::*;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

fn person(name: &str, phone: &str) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(Gender::Female);
    c.birth_date = NaiveDate::from_ymd_opt(1962, 4, 2);
    c.first_visit = Some(ago(200));
    c.last_visit = Some(ago(12));
    c.refresh_keys();
    c
}

fn display(e: &Element) -> String {
    gloo::utils::window().get_computed_style(e).unwrap().unwrap().get_property_value("display").unwrap()
}

/// The `@media print` rules of the app's stylesheet, applied to the screen: the page
/// as paper would show it (headless Chromium has no print preview to read).
fn apply_print_rules() {
    load_app_styles();
    let document = gloo::utils::document();
    // Read through the CSSOM (web-sys is built without its CSS rule types here).
    let collect = js_sys::Function::new_no_args(
        "let out = ''; for (const sheet of document.styleSheets) { let rules; try { rules = sheet.cssRules; } catch (e) { continue; } \
         for (const r of rules) { if (r.media && r.media.mediaText.trim() === 'print') { for (const x of r.cssRules) out += x.cssText + '\\n'; } } } return out;",
    );
    let rules = collect.call0(&wasm_bindgen::JsValue::NULL).unwrap().as_string().unwrap();
    assert!(rules.contains("print-card"), "the stylesheet has print rules for the card");
    let style = document.create_element("style").unwrap();
    style.set_id("as-print");
    style.set_text_content(Some(&rules));
    document.head().unwrap().append_child(&style).unwrap();
}

fn visible_text(e: &Element) -> String {
    e.dyn_ref::<HtmlElement>().map(|h| h.inner_text()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_printed_card_holds_the_customer_and_keeps_health_notes_to_the_sensitive_consent() {
    let name = unique_db("print-card");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut zhang = person("张丽华", "13800005555");
    zhang.address = Some("望京街 1 号".into());
    zhang.hair_loss_type = Some(HairLossType::Postpartum);
    zhang.hair_loss_duration = Some(HairLossDuration::OneToThreeYears);
    zhang.prior_treatment = Some("米诺地尔两个月".into());
    zhang.health_notes = Some("高血压，青霉素过敏".into());
    db.save_registration(&zhang, &[given_consent(&zhang, ConsentKind::PersonalInfo), given_consent(&zhang, ConsentKind::SensitiveInfo)]).await.unwrap();
    let bought = Purchase { id: new_id(), customer_id: zhang.id.clone(), product: "防脱精华液".into(), quantity: 2, unit_price_fen: 29_800, date: Some(ago(12)), ..Default::default() };
    db.save_purchase(&bought, &stamp(2)).await.unwrap();
    let call = FollowUpEntry { id: new_id(), customer_id: zhang.id.clone(), at: js_sys::Date::now() as i64 - 3_600_000, method: Some(ContactMethod::Phone), content: "问用得怎么样".into(), by_staff: "李店长".into(), ..Default::default() };
    db.log_follow_up(&call, &stamp(3)).await.unwrap();
    for (days, density) in [(120, 95.0), (12, 118.0)] {
        let set = MeasurementSet { id: new_id(), customer_id: zhang.id.clone(), taken_on: Some(ago(days)), density_per_cm2: Some(density), ..Default::default() };
        db.add_measurement(&set, &stamp(4)).await.unwrap();
    }
    // Health notes stored (as an older record might have them) but no sensitive
    // consent in force: they are not printed.
    let mut zhao = person("赵敏", "13800006666");
    zhao.health_notes = Some("糖尿病".into());
    zhao.prior_treatment = Some("非那雄胺".into());
    db.save_registration(&zhao, &[given_consent(&zhao, ConsentKind::PersonalInfo)]).await.unwrap();
    db.close();

    // No print dialog in a test: count the calls instead.
    let counter = js_sys::Function::new_no_args("window.__printed = (window.__printed || 0) + 1;");
    js_sys::Reflect::set(&gloo::utils::window(), &"print".into(), &counter).unwrap();

    let root = staff_home(&name).await;
    open_card(&root, "张丽华", "张女士").await;
    let sheet = wait_for(5_000, || root.query_selector("#customer-card .print-card").unwrap()).await;
    load_app_styles();
    assert_eq!(display(&sheet), "none", "the printed card is not on screen");
    tap(&root, "button", "打印档案").await;
    let printed = js_sys::Reflect::get(&gloo::utils::window(), &"__printed".into()).unwrap().as_f64();
    assert_eq!(printed, Some(1.0), "打印档案 opens the print dialog");

    apply_print_rules();
    assert_eq!(display(&sheet), "block", "on paper: the card");
    let card = root.query_selector("#customer-card").unwrap().unwrap();
    let children = card.children();
    assert!(children.length() > 3);
    for i in 0..children.length() {
        let child = children.item(i).unwrap();
        if !child.class_name().split_whitespace().any(|c| c == "print-card") {
            assert_eq!(display(&child), "none", "not on paper: {}", child.class_name());
        }
    }
    for hidden in [".top-bar", ".card-actions"] {
        if let Some(e) = gloo::utils::document().query_selector(hidden).unwrap() {
            assert_eq!(display(&e), "none", "{hidden}");
        }
    }
    let controls = sheet.query_selector_all("button, a, nav, input").unwrap();
    assert_eq!(controls.length(), 0, "no buttons or links on paper");
    // Senior-friendly on paper: body text at least 15 pt (20 px), line height 1.4.
    for e in text_elements(&sheet) {
        let size = computed_px(&e, "font-size");
        assert!(size >= 20.0, "{size}px: {:?}", e.text_content());
        assert!(computed_px(&e, "line-height") >= size * 1.4 - 0.5, "{:?}", e.text_content());
    }
    assert!(sheet.get_bounding_client_rect().height() > 200.0, "drawn on paper");
    // Nothing else of the app is on paper: no top bar, no ways back, no buttons.
    let on_paper = text_elements(&root);
    assert!(on_paper.len() > 10);
    for e in &on_paper {
        assert!(e.closest(".print-card").unwrap().is_some(), "on paper outside the card: {:?}", e.text_content());
    }
    let text = visible_text(&sheet);
    for expected in [
        "张女士的顾客档案", "张丽华", "13800005555", "望京街 1 号", "朝阳店",
        "基本情况和联系方式", "脱发和健康情况", "最近到店和回访", "购买的产品", "头发变化", "下次回访",
        "米诺地尔两个月", "高血压，青霉素过敏", "问用得怎么样", "防脱精华液 × 2", &ago(12).to_string(),
    ] {
        assert!(text.contains(expected), "{expected:?} on the printed card: {text}");
    }

    // Without the sensitive consent: the name and sections, not the health notes.
    click(&root, "a", "返回查找");
    wait_for_text(&root, "本机顾客总数").await;
    open_card(&root, "赵敏", "赵女士").await;
    let sheet = wait_for(5_000, || root.query_selector("#customer-card .print-card").unwrap().filter(|s| visible_text(s).contains("赵敏"))).await;
    let text = visible_text(&sheet);
    for expected in ["赵女士的顾客档案", "13800006666", "基本情况和联系方式", "最近到店和回访", "购买的产品", "下次回访", "没有同意处理敏感个人信息"] {
        assert!(text.contains(expected), "{expected:?} on the printed card: {text}");
    }
    for withheld in ["糖尿病", "非那雄胺", "头发变化"] {
        assert!(!text.contains(withheld), "{withheld:?} printed without the sensitive consent: {text}");
    }
    gloo::utils::document().get_element_by_id("as-print").unwrap().remove();
}
