//! The app shell in headless Chromium: first-run setup, the home screen's three
//! entries, the language switch, and the idle guard.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::*;
use follicle::components::idle_guard::{IdleGuard, IdleGuardProps};
use follicle::i18n::Lang;
use follicle::storage::{Db, OpenHooks};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn first_run_asks_for_store_and_tablet_then_shows_home() {
    let name = unique_db("first-run");
    let root = mount_app(&name);
    wait_for_text(&root, "首次使用设置").await;

    // Submitting nothing says what is missing, next to each field.
    click(&root, "button", "完成设置");
    wait_for_text(&root, "请填写门店名称").await;
    assert!(root.text_content().unwrap().contains("请填写平板名称"));

    type_into(&input_by_label(&root, "门店名称"), "  北京朝阳店 ");
    type_into(&input_by_label(&root, "平板名称"), "前台平板");
    click(&root, "button", "完成设置");
    wait_for_text(&root, "新顾客登记").await;

    // The names were saved (trimmed) and become the ids stamped on records.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let settings = db.settings().await.unwrap().expect("settings saved");
    assert_eq!(settings.store.store_name, "北京朝阳店");
    assert_eq!(settings.store.store_id, "store:北京朝阳店");
    assert!(settings.device_id.starts_with("前台平板#"));
    assert!(root.text_content().unwrap().contains("北京朝阳店"), "the top bar names the store");
}

#[wasm_bindgen_test]
async fn home_shows_three_entries_and_the_language_switch_changes_them() {
    let name = unique_db("home");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;

    let entries = root.query_selector_all("nav.entries a").unwrap();
    assert_eq!(entries.length(), 3);
    let titles: Vec<String> = (0..3)
        .map(|i| entries.item(i).unwrap().text_content().unwrap())
        .collect();
    assert!(titles[0].contains("新顾客登记"));
    assert!(titles[1].contains("我的头发变化"));
    assert!(titles[2].contains("员工"));
    assert_eq!(gloo::utils::document().document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));

    click(&root, "button", "English");
    wait_for_text(&root, "New customer registration").await;
    let text = root.text_content().unwrap();
    assert!(text.contains("My hair progress"));
    assert!(text.contains("Staff"));
    assert!(!text.contains("新顾客登记"), "no Chinese entry left after switching");
    assert_eq!(gloo::utils::document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));

    click(&root, "button", "中文");
    wait_for_text(&root, "新顾客登记").await;
}

#[wasm_bindgen_test]
async fn an_entry_opens_its_screen_and_home_comes_back() {
    let name = unique_db("navigate");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    // Settings are behind the staff PIN: the first use sets the manager's.
    set_manager_pin(&root, "李店长", "2468").await;
    click(&root, "a", "设置");
    wait_for_text(&root, "本机存储").await;
    wait_for(5_000, || root.query_selector(".storage-used").ok().flatten()).await;
    click(&root, "a", "回到首页");
    wait_for_text(&root, "我的头发变化").await;
}

#[wasm_bindgen_test]
async fn idle_guard_warns_then_stays_on_one_tap_then_times_out() {
    let root = mount_point();
    let fired = Rc::new(Cell::new(0));
    let count = fired.clone();
    yew::Renderer::<IdleGuard>::with_root_and_props(
        root.clone(),
        IdleGuardProps {
            timeout_ms: 1_200,
            warning_ms: 800,
            on_timeout: Callback::from(move |_| count.set(count.get() + 1)),
            lang: Lang::Zh,
            clock: Default::default(),
        },
    )
    .render();

    assert!(root.query_selector(".idle-warning").unwrap().is_none(), "no warning while recently used");
    wait_for_text(&root, "还在使用吗").await;
    assert_eq!(fired.get(), 0, "the warning comes before the timeout");

    click(&root, "button", "继续使用");
    TimeoutFuture::new(100).await;
    assert!(root.query_selector(".idle-warning").unwrap().is_none(), "one tap dismisses the warning");
    assert_eq!(fired.get(), 0);

    wait_for(3_000, || (fired.get() == 1).then_some(())).await;
    TimeoutFuture::new(500).await;
    assert_eq!(fired.get(), 1, "times out once, not on every tick");
}

#[wasm_bindgen_test]
async fn home_text_and_targets_are_large_enough_for_older_customers() {
    load_app_styles();
    let name = unique_db("sizes");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;

    for e in text_elements(&root) {
        let size = computed_px(&e, "font-size");
        let text = e.text_content().unwrap_or_default();
        assert!(size >= 20.0, "text {text:?} is {size}px, under 20px");
        let line = computed_px(&e, "line-height");
        assert!(line >= size * 1.4 - 0.01, "text {text:?} has line height {line}px for {size}px");
    }
    let targets = root.query_selector_all("a, button, input, select").unwrap();
    assert!(targets.length() >= 4);
    for i in 0..targets.length() {
        let e: web_sys::Element = targets.item(i).unwrap().dyn_into().unwrap();
        let r = e.get_bounding_client_rect();
        assert!(r.width() >= 48.0 && r.height() >= 48.0, "{:?} is {}x{}", e.text_content(), r.width(), r.height());
    }
    // The three jobs are the main actions of a customer screen: far above 60x60.
    let entries = root.query_selector_all("nav.entries a").unwrap();
    for i in 0..entries.length() {
        let e: web_sys::Element = entries.item(i).unwrap().dyn_into().unwrap();
        let r = e.get_bounding_client_rect();
        assert!(r.width() >= 200.0 && r.height() >= 200.0, "entry {i} is {}x{}", r.width(), r.height());
    }
}
