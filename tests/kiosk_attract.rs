//! The kiosk's attract screen after the idle timeout, in headless Chromium: it forgets
//! the last customer, and on the staff side it ends the session. Alone in its file: the
//! idle guard hears activity on the whole document, and the tests of one file run side
//! by side in one page, so another test's typing would count as a touch here.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_attract_screen_follows_the_idle_timeout_and_forgets_the_last_customer() {
    let (root, app, clock) = home_on_fixed_clock("attract").await;
    click(&root, "button", "English");
    wait_for_text(&root, "New customer registration").await;
    click(&root, "a", "New customer registration");
    tap(&root, "button", "Start").await;
    type_into(&wait_for_field(&root, "Name").await, "Zhao Lanying");
    type_into(&input_by_label(&root, "Phone"), "13912345678");

    touch();
    clock.advance(91_000);
    wait_for_text(&root, "Still there?").await;
    clock.advance(30_000);
    let attract = wait_for(5_000, || root.query_selector(".attract").unwrap()).await;
    let text = attract.text_content().unwrap();
    for shown in ["朝阳店", "点这里开始", "Tap to start", "新顾客登记", "我的头发变化", "员工"] {
        assert!(text.contains(shown), "the attract screen shows {shown:?}: {text}");
    }
    // Nothing of the last customer is on screen or in the page.
    let page = root.text_content().unwrap();
    assert!(!page.contains("Zhao Lanying") && !page.contains("13912345678"), "{page}");
    assert!(root.query_selector("#reg-name").unwrap().is_none(), "the form is gone");
    assert!(root.query_selector(".kiosk-app").unwrap().unwrap().has_attribute("hidden"), "nothing else is within reach");

    // Any tap starts, at home, in the tablet's own language.
    attract.dyn_into::<HtmlElement>().unwrap().click();
    wait_for(5_000, || root.query_selector(".attract").unwrap().is_none().then_some(())).await;
    assert!(!root.query_selector(".kiosk-app").unwrap().unwrap().has_attribute("hidden"));
    wait_for_text(&root, "新顾客登记").await;
    click(&root, "a", "新顾客登记");
    tap(&root, "button", "开始登记").await;
    assert_eq!(value_of(&wait_for_field(&root, "姓名").await), "", "a new form");

    // From the staff side too: the session ends and the attract screen shows.
    tap(&root, "a", "回到首页").await;
    tap(&root, "a", "员工").await;
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    touch();
    clock.advance(121_000);
    wait_for(5_000, || root.query_selector(".attract").unwrap()).await;
    wait_for(5_000, || (!root.text_content().unwrap().contains("您好，李店长")).then_some(())).await; // the staff home is gone
    tap(&root, "button", "点这里开始").await;
    wait_for(5_000, || root.query_selector(".attract").unwrap().is_none().then_some(())).await;
    tap(&root, "a", "员工").await;
    wait_for_text(&root, "员工登录").await;
    app.destroy();
}
