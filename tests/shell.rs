//! The app shell in headless Chromium: first-run setup, the home screen's three
//! entries, the language switch, and the idle guard.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::*;
use follicle::components::idle_guard::{IdleGuard, IdleGuardProps};
use follicle::domain::staff::StaffRole;
use follicle::i18n::Lang;
use follicle::storage::{Db, OpenHooks};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn first_run_asks_for_the_store_the_tablet_and_the_manager_then_shows_home() {
    let name = unique_db("first-run");
    let root = mount_app(&name);
    wait_for_text(&root, "首次使用设置").await;
    assert!(root.text_content().unwrap().contains("第 1 步，共 2 步"));

    // Submitting nothing says what is missing, next to each field.
    click(&root, "button", "下一步");
    wait_for_text(&root, "请填写门店名称").await;
    assert!(root.text_content().unwrap().contains("请填写平板名称"));

    type_into(&input_by_label(&root, "门店名称"), "  北京朝阳店 ");
    type_into(&input_by_label(&root, "平板名称"), "前台平板");
    click(&root, "button", "下一步");
    // The manager is made here, by whoever sets the tablet up: the store manager.
    wait_for_text(&root, "第 2 步，共 2 步").await;
    assert!(root.text_content().unwrap().contains("设置店长"));
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert!(db.settings().await.unwrap().is_none(), "nothing saved before the manager is made");

    click(&root, "button", "完成设置");
    wait_for_text(&root, "请输入密码").await;
    type_into(&input_by_label(&root, "店长姓名"), "李店长");
    type_into(&input_by_label(&root, "密码"), "2468");
    type_into(&input_by_label(&root, "再输一次密码"), "2460");
    click(&root, "button", "完成设置");
    wait_for_text(&root, "两次输入的密码不一样").await;
    assert_eq!(value_of(&input_by_label(&root, "密码")), "", "a refused PIN is typed again");
    assert!(db.settings().await.unwrap().is_none());
    type_into(&input_by_label(&root, "密码"), "2468");
    type_into(&input_by_label(&root, "再输一次密码"), "2468");
    click(&root, "button", "完成设置");
    wait_for_text(&root, "新顾客登记").await;

    // The names were saved (trimmed) and become the ids stamped on records; the
    // manager with them.
    let settings = db.settings().await.unwrap().expect("settings saved");
    assert_eq!(settings.store.store_name, "北京朝阳店");
    assert_eq!(settings.store.store_id, "store:北京朝阳店");
    assert!(settings.device_id.starts_with("前台平板#"));
    assert!(root.text_content().unwrap().contains("北京朝阳店"), "the top bar names the store");
    let staff = db.staff_members().await.unwrap();
    assert_eq!(staff.iter().map(|m| (m.name.as_str(), m.role)).collect::<Vec<_>>(), [("李店长", StaffRole::Manager)]);
    assert!(follicle::crypto::verify_pin("2468", &staff[0].pin).await.unwrap());
    assert_eq!(staff[0].meta.store_id, "store:北京朝阳店");

    // 员工 now asks for the PIN; it never offers to set one.
    click(&root, "a", "员工");
    wait_for_text(&root, "员工登录").await;
    assert!(!root.text_content().unwrap().contains("设置店长"));
    sign_in_as(&root, "李店长", "2468").await;
    db.close();
}

#[wasm_bindgen_test]
async fn a_tablet_set_up_without_a_manager_asks_for_one_before_anything_else() {
    let name = unique_db("old-tablet");
    let settings = set_up_tablet_without_manager(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "还没有店长").await;
    let text = root.text_content().unwrap();
    assert!(!text.contains("新顾客登记") && !text.contains("员工专用"), "nothing else is offered first: {text}");
    assert!(!text.contains("门店名称"), "the store's names are kept, not asked again");

    type_into(&input_by_label(&root, "店长姓名"), "李店长");
    type_into(&input_by_label(&root, "密码"), "2468");
    type_into(&input_by_label(&root, "再输一次密码"), "2468");
    click(&root, "button", "完成设置");
    wait_for_text(&root, "新顾客登记").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let kept = db.settings().await.unwrap().unwrap();
    assert_eq!((kept.store, kept.device_id), (settings.store, settings.device_id), "the settings as they were");
    let staff = db.staff_members().await.unwrap();
    assert!(staff.len() == 1 && staff[0].is_manager() && staff[0].name == "李店长");
    click(&root, "a", "员工");
    sign_in_as(&root, "李店长", "2468").await;
    db.close();
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
    // Settings are behind the staff PIN (and the manager's).
    sign_in_as(&root, "李店长", "2468").await;
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

/// The seconds the idle warning counts down from, once it shows.
async fn idle_warning_seconds(root: &web_sys::Element) -> u32 {
    let n = wait_for(5_000, || root.query_selector(".idle-warning .countdown strong").unwrap()).await;
    n.text_content().unwrap().trim().parse().unwrap()
}

#[wasm_bindgen_test]
async fn the_idle_timer_runs_on_the_home_screen_too() {
    let (root, app, clock) = home_on_fixed_clock("idle-home").await;
    click(&root, "button", "English");
    wait_for_text(&root, "New customer registration").await;

    // The tablet's timeout is 2 minutes; the warning shows for its last 30 s.
    touch();
    clock.advance(91_000);
    wait_for_text(&root, "Still there?").await;
    assert!(idle_warning_seconds(&root).await >= 20, "the warning stays at least 20 s");
    clock.advance(30_000);
    // The attract screen, then home as the next customer finds it: the tablet's own language.
    tap(&root, ".attract button", "点这里开始").await;
    wait_for(5_000, || root.query_selector(".attract").unwrap().is_none().then_some(())).await;
    wait_for_text(&root, "新顾客登记").await;
    assert!(root.query_selector(".idle-warning").unwrap().is_none());
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_idle_timer_ends_the_staff_session_on_any_screen() {
    let (root, app, clock) = home_on_fixed_clock("idle-staff").await;
    click(&root, "a", "员工");
    sign_in_as(&root, "李店长", "2468").await;
    wait_for_text(&root, "本机顾客总数").await;
    tap(&root, "a", "设置").await;
    wait_for_text(&root, "本机存储").await;

    touch();
    clock.advance(91_000);
    wait_for_text(&root, "还在使用吗").await;
    clock.advance(30_000);
    tap(&root, ".attract button", "点这里开始").await;
    wait_for(5_000, || root.query_selector("nav.entries").unwrap()).await;
    assert!(!root.text_content().unwrap().contains("本机存储"), "the last screen is gone");
    click(&root, "a", "员工");
    wait_for_text(&root, "员工登录").await;
    assert!(!root.text_content().unwrap().contains("您好"), "the PIN is asked for again");
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_self_check_clears_sooner_than_the_staff_side() {
    let (root, app, clock) = home_on_fixed_clock("idle-self-check").await;
    click(&root, "a", "我的头发变化");
    wait_for_text(&root, "您的手机号").await;

    // A minute in all, whatever the tablet's timeout (2 minutes here); the warning
    // shows for the last 25 s.
    touch();
    clock.advance(36_000);
    let seconds = idle_warning_seconds(&root).await;
    assert!((20..=25).contains(&seconds), "warned {seconds} s ahead");
    clock.advance(25_000);
    tap(&root, ".attract button", "点这里开始").await;
    wait_for_text(&root, "新顾客登记").await;

    // The same 40 s on registration, which keeps the tablet's timeout: no warning.
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    touch();
    clock.advance(40_000);
    TimeoutFuture::new(1_000).await;
    assert!(root.query_selector(".idle-warning").unwrap().is_none(), "registration keeps the longer timer");
    clock.advance(51_000);
    wait_for_text(&root, "还在使用吗").await;
    app.destroy();
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

/// The two modules' messages (page_bus): what one posts, a listener in the same page
/// gets whole; a message of another shape is ignored, not a panic; a dropped listener
/// hears nothing more.
#[wasm_bindgen_test]
async fn page_bus_messages_arrive_whole_and_a_bad_one_is_ignored() {
    use follicle::page_bus::{listen, post, Received, SyncState, RECEIVED, SYNC_STATE};
    use std::cell::RefCell;

    let got: Rc<RefCell<Vec<Received>>> = Rc::default();
    let listener = {
        let got = got.clone();
        listen(RECEIVED, move |m: Received| got.borrow_mut().push(m))
    };
    let sent = Received { rows: vec!["c1\t王超\t13800001234".into()], removed: vec!["c2".into()], settings: true };
    post(RECEIVED, &sent);
    // Another message on that name, of another shape: dropped by the listener.
    post(RECEIVED, &SyncState { running: true, pulled: 3, total: Some(9), pushed: 1, attempts: 2 });
    // Another name: not heard by this listener.
    post(SYNC_STATE, &Received::default());
    assert_eq!(*got.borrow(), vec![sent.clone()]);
    drop(listener);
    post(RECEIVED, &sent);
    TimeoutFuture::new(0).await;
    assert_eq!(got.borrow().len(), 1, "a dropped listener hears nothing more");
}
