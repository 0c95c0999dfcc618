//! What a person sees of the registration wizard, with the real stylesheet, one app
//! alone in the window (this file holds one test, so nothing else runs beside it):
//! every step's main action on screen without scrolling, and a refused step bringing
//! its first problem into view, focused and announced.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn heading(root: &Element) -> String {
    root.query_selector(".wizard h1").ok().flatten().and_then(|h| h.text_content()).unwrap_or_default()
}

async fn wait_heading(root: &Element, text: &str) {
    wait_for(5_000, || (heading(root) == text).then_some(())).await;
}

fn next(root: &Element) {
    click(root, "button", "下一步");
}

fn tick(root: &Element, id: &str) {
    root.query_selector(&format!("#{id}")).unwrap().expect("checkbox").dyn_into::<HtmlInputElement>().unwrap().click();
}

async fn fill_basic(root: &Element, name: &str, phone: &str, birth: &str) {
    type_into(&input_by_label(root, "姓名"), name);
    type_into(&input_by_label(root, "电话号码"), phone);
    type_into(&input_by_label(root, "出生日期"), birth);
}

/// Whether an element lies wholly inside the window (what a person sees without
/// scrolling).
fn on_screen(e: &Element) -> bool {
    let r = e.get_bounding_client_rect();
    let window = web_sys::window().unwrap();
    let (w, h) = (window.inner_width().unwrap().as_f64().unwrap(), window.inner_height().unwrap().as_f64().unwrap());
    r.width() > 0.0 && r.top() >= 0.0 && r.left() >= 0.0 && r.bottom() <= h + 0.5 && r.right() <= w + 0.5
}

fn focused_id() -> String {
    web_sys::window().unwrap().document().unwrap().active_element().map(|e| e.id()).unwrap_or_default()
}

async fn every_steps_main_action_is_on_screen_without_scrolling() {
    load_app_styles();
    only_this_screen();
    let name = unique_db("register-on-screen");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    let main = |text: &str| by_text(&root, ".wizard-nav button", text).unwrap_or_else(|| panic!("no {text} button"));
    assert!(on_screen(&main("开始登记")), "开始登记 is on screen at the welcome step");
    click(&root, "button", "开始登记");
    wait_heading(&root, "基本信息").await;
    fill_basic(&root, "王超", "13800138000", "1962-04-02").await;
    for step in ["基本信息", "头发情况", "健康与生活", "怎么知道我们"] {
        wait_heading(&root, step).await;
        assert!(on_screen(&main("下一步")), "{step}: 下一步 is on screen");
        next(&root);
    }
    wait_heading(&root, "同意").await;
    assert!(on_screen(&main("下一步")), "同意: 下一步 is on screen");
    tick(&root, "reg-consent_personal");
    next(&root);
    wait_heading(&root, "确认").await;
    assert!(on_screen(&main("确认并保存")), "确认: 确认并保存 is on screen");
}

async fn a_refused_step_brings_its_first_problem_into_view_focused_and_announced() {
    load_app_styles();
    only_this_screen();
    let name = unique_db("register-refused");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    click(&root, "button", "开始登记");
    wait_heading(&root, "基本信息").await;
    // Basic step: nothing typed.
    next(&root);
    wait_for(5_000, || root.query_selector("#reg-name-error").unwrap()).await;
    TimeoutFuture::new(300).await;
    assert_eq!(focused_id(), "reg-name", "the first problem's field has the focus");
    let err = root.query_selector("#reg-name-error").unwrap().unwrap();
    assert_eq!(err.get_attribute("role").as_deref(), Some("alert"));
    assert!(on_screen(&err), "the message is where the eyes are");
    // Consent step, far down the page: the required box is refused.
    fill_basic(&root, "王超", "13800138000", "").await;
    next(&root);
    for step in ["头发情况", "健康与生活", "怎么知道我们"] {
        wait_heading(&root, step).await;
        next(&root);
    }
    wait_heading(&root, "同意").await;
    web_sys::window().unwrap().scroll_to_with_x_and_y(0.0, 0.0);
    next(&root);
    wait_for_text(&root, "登记需要您同意个人信息处理说明").await;
    TimeoutFuture::new(300).await;
    assert_eq!(focused_id(), "reg-consent_personal", "the refused box has the focus");
    let refused = root.query_selector(".consent.has-error .error").unwrap().expect("the message beside the box");
    assert_eq!(refused.get_attribute("role").as_deref(), Some("alert"));
    let r = refused.get_bounding_client_rect();
    assert!(on_screen(&refused), "the message is on screen: top {} bottom {} of {}", r.top(), r.bottom(), web_sys::window().unwrap().inner_height().unwrap().as_f64().unwrap());
}


#[wasm_bindgen_test]
async fn what_a_person_sees_of_the_wizard() {
    every_steps_main_action_is_on_screen_without_scrolling().await;
    a_refused_step_brings_its_first_problem_into_view_focused_and_announced().await;
}
