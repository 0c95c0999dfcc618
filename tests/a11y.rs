//! Every customer screen, with the real stylesheet, one app alone in the window (this
//! file holds one test, so nothing else runs beside it): axe-core finds nothing serious
//! or critical, and no link leaves the app.
#![cfg(target_arch = "wasm32")]

mod common;
#[path = "common/a11y.rs"]
mod a11y;

use a11y::{axe_serious, links_leaving_origin};
use common::*;
use follicle::clock::Clock;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// axe and the links, on the screen as it is now.
async fn check(root: &Element, screen: &str, checked: &mut Vec<String>) {
    let serious = axe_serious(root).await;
    assert!(serious.is_empty(), "{screen}: axe finds\n{}", serious.join("\n"));
    let leaving = links_leaving_origin(root);
    assert!(leaving.is_empty(), "{screen}: links leave the app: {leaving:?}");
    checked.push(screen.to_string());
}

async fn wait_heading(root: &Element, text: &str) {
    wait_for(5_000, || root.query_selector(".wizard h1").ok().flatten().filter(|h| h.text_content().as_deref() == Some(text))).await;
}

#[wasm_bindgen_test]
async fn every_customer_screen_passes_axe_and_no_link_leaves_the_app() {
    load_app_styles();
    only_this_screen();
    let name = unique_db("a11y");
    set_up_tablet(&name).await;
    let clock = Clock::fixed(js_sys::Date::now() as i64);
    let (root, app) = mount_app_with(&name, clock.clone(), false);
    let mut checked = Vec::new();

    wait_for_text(&root, "新顾客登记").await;
    check(&root, "home", &mut checked).await;
    // The language button is found by the word on it (WCAG 2.5.3).
    let switch = by_text(&root, "button", "English").expect("the language button");
    assert!(switch.get_attribute("aria-label").is_none_or(|l| l.contains("English")), "its name holds the visible word");
    switch.click();
    wait_for_text(&root, "New customer registration").await;
    check(&root, "home (English)", &mut checked).await;
    tap(&root, "button", "中文").await;
    wait_for_text(&root, "新顾客登记").await;

    // Registration, every step, and a refused step with its errors shown.
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    check(&root, "registration: welcome", &mut checked).await;
    click(&root, "button", "开始登记");
    wait_heading(&root, "基本信息").await;
    check(&root, "registration: basic", &mut checked).await;
    click(&root, "button", "按年份选择出生日期");
    wait_for(5_000, || root.query_selector(".picker-panel").unwrap()).await;
    check(&root, "registration: birth-date picker", &mut checked).await;
    click(&root, "button", "不选了");
    click(&root, "button", "下一步");
    wait_for(5_000, || root.query_selector(".field.has-error").ok().flatten()).await;
    check(&root, "registration: basic, refused", &mut checked).await;
    type_into(&input_by_label(&root, "姓名"), "王超");
    type_into(&input_by_label(&root, "电话号码"), "13800138000");
    type_into(&input_by_label(&root, "出生日期"), "1962-04-02");
    for step in ["基本信息", "头发情况", "健康与生活", "怎么知道我们"] {
        wait_heading(&root, step).await;
        check(&root, &format!("registration: {step}"), &mut checked).await;
        click(&root, "button", "下一步");
    }
    wait_heading(&root, "同意").await;
    check(&root, "registration: consent", &mut checked).await;
    root.query_selector("#reg-consent_personal").unwrap().expect("the consent box").dyn_into::<HtmlInputElement>().unwrap().click();
    click(&root, "button", "下一步");
    wait_heading(&root, "确认").await;
    check(&root, "registration: review", &mut checked).await;

    // The self-check's three ways in.
    tap(&root, "a", "回到首页").await;
    tap(&root, "a", "我的头发变化").await;
    wait_for_text(&root, "您的手机号").await;
    check(&root, "self-check: phone", &mut checked).await;
    type_into(&input_by_label(&root, "您的手机号"), "13800138000");
    click(&root, "button", "下一步");
    wait_for_text(&root, "用查看码").await;
    check(&root, "self-check: birth date", &mut checked).await;
    click(&root, "button", "用查看码");
    wait_for(5_000, || by_text(&root, "label", "查看码")).await;
    check(&root, "self-check: view code", &mut checked).await;

    // The staff gate: a customer can reach it.
    tap(&root, "a", "回到首页").await;
    tap(&root, "a", "员工").await;
    wait_for_text(&root, "员工登录").await;
    check(&root, "staff sign-in", &mut checked).await;

    // The idle warning over a screen.
    tap(&root, "a", "回到首页").await;
    wait_for_text(&root, "新顾客登记").await;
    touch();
    clock.advance(91_000);
    wait_for_text(&root, "还在使用吗").await;
    check(&root, "idle warning", &mut checked).await;
    clock.advance(30_000);
    wait_for(5_000, || root.query_selector(".attract").unwrap()).await;
    check(&root, "attract screen", &mut checked).await;

    assert!(checked.len() >= 15, "every screen was checked: {checked:?}");
    app.destroy();
}
