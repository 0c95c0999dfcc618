//! Kiosk mode on, with the browser's Fullscreen and Screen Wake Lock APIs instrumented
//! in the test page (this file holds one test: the stubs are the page's): the first tap
//! asks for full screen and a tap after leaving it asks again; the wake lock is asked
//! for at start and again when the page is shown after being hidden, and not in the
//! store's closing hours; the back button stays inside the app.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::Timelike;
use common::*;
use follicle::clock::Clock;
use follicle::domain::kiosk::KioskSettings;
use follicle::storage::{Db, OpenHooks};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const STUBS: &str = r#"
window.__fs = { calls: 0, el: null };
Element.prototype.requestFullscreen = function () { window.__fs.calls++; window.__fs.el = this; return Promise.resolve(); };
Object.defineProperty(document, 'fullscreenElement', { configurable: true, get: () => window.__fs.el });
window.__wake = { calls: 0, types: [], sentinels: [] };
Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request: (type) => {
  window.__wake.calls++;
  window.__wake.types.push(type);
  const s = { released: false, release() { this.released = true; return Promise.resolve(); } };
  window.__wake.sentinels.push(s);
  return Promise.resolve(s);
} } });
window.__visible = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => window.__visible });
"#;

fn js(code: &str) -> JsValue {
    js_sys::eval(code).unwrap()
}

fn count(code: &str) -> u32 {
    js(code).as_f64().unwrap() as u32
}

async fn kiosk_on(name: &str, sleep: Option<(u16, u16)>) {
    let db = Db::open(name, OpenHooks::default()).await.unwrap();
    let mut settings = db.settings().await.unwrap().unwrap();
    settings.kiosk = KioskSettings { on: true, sleep };
    db.save_settings(&settings).await.unwrap();
    db.close();
}

/// A tap somewhere on the page (the kiosk listens for clicks on the document).
fn tap_page(root: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    root.query_selector("h1").unwrap().expect("a heading").dyn_into::<web_sys::HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
async fn kiosk_mode_keeps_full_screen_awake_and_inside_the_app() {
    js(STUBS);
    let bar = address_bar().await;
    let name = unique_db("kiosk-mode");
    set_up_tablet(&name).await;
    kiosk_on(&name, None).await;
    let length_before = gloo::utils::window().history().unwrap().length().unwrap();
    let clock = Clock::fixed(js_sys::Date::now() as i64);
    let (root, app) = mount_app_with(&name, clock.clone(), true);
    wait_for_text(&root, "新顾客登记").await;

    // Awake from the start: a screen wake lock.
    wait_for(5_000, || (count("window.__wake.calls") == 1).then_some(())).await;
    assert_eq!(js("window.__wake.types[0]").as_string().as_deref(), Some("screen"));
    // Full screen needs a tap: none before, one at the first.
    TimeoutFuture::new(200).await;
    assert_eq!(count("window.__fs.calls"), 0, "not before a tap");
    tap_page(&root);
    assert_eq!(count("window.__fs.calls"), 1, "the first tap asks for full screen");
    tap_page(&root);
    assert_eq!(count("window.__fs.calls"), 1, "not again while in it");
    js("window.__fs.el = null"); // a swipe or Esc left it
    tap_page(&root);
    assert_eq!(count("window.__fs.calls"), 2, "the next tap asks again");

    // Hidden, the browser lets go of the lock; shown again, it is asked for again.
    js("window.__visible = 'hidden'; window.__wake.sentinels.forEach(s => s.released = true); document.dispatchEvent(new Event('visibilitychange'))");
    TimeoutFuture::new(200).await;
    assert_eq!(count("window.__wake.calls"), 1, "not while hidden");
    js("window.__visible = 'visible'; document.dispatchEvent(new Event('visibilitychange'))");
    wait_for(5_000, || (count("window.__wake.calls") == 2).then_some(())).await;
    // Shown again while still held: no second lock.
    js("document.dispatchEvent(new Event('visibilitychange'))");
    TimeoutFuture::new(200).await;
    assert_eq!(count("window.__wake.calls"), 2, "one lock at a time");

    // Back stays inside the app: from a customer screen, and from the first screen
    // on (where a browser would leave the app), it comes home.
    let history = gloo::utils::window().history().unwrap();
    assert_eq!(history.length().unwrap(), length_before + 1, "an entry under the app marks its bottom");
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    for _ in 0..3 {
        history.back().unwrap();
        TimeoutFuture::new(300).await;
        wait_for_text(&root, "新顾客登记").await;
        assert!(root.query_selector("nav.entries").unwrap().is_some(), "home, inside the app");
    }
    assert_ne!(history.state().unwrap().as_string().as_deref(), Some("follicle-kiosk-bottom"), "sent up from the bottom again");
    app.destroy();
    drop(bar);

    // In the store's closing hours the screen may sleep: no wake lock; full screen still.
    let name = unique_db("kiosk-night");
    set_up_tablet(&name).await;
    let now = clock.now_local();
    let minute = (now.hour() * 60 + now.minute()) as u16;
    kiosk_on(&name, Some(((minute + 1440 - 60) % 1440, (minute + 60) % 1440))).await;
    let (root, app) = mount_app_with(&name, clock.clone(), false);
    wait_for_text(&root, "新顾客登记").await;
    TimeoutFuture::new(500).await;
    assert_eq!(count("window.__wake.calls"), 2, "no wake lock while the store is closed");
    js("window.__fs.el = null");
    tap_page(&root);
    assert_eq!(count("window.__fs.calls"), 3);
    app.destroy();
}
