//! Helpers for browser tests: unique databases, waiting for the UI, finding fields
//! by their label and typing into them as a person would.
#![allow(dead_code)]

use follicle::domain::{new_id, Stamp};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// A database name no other test uses.
pub fn unique_db(test: &str) -> String {
    format!("follicle-test-{test}-{}", new_id())
}

pub fn stamp(now: i64) -> Stamp {
    Stamp { store_id: "store:测试店".into(), device_id: "test#0001".into(), now }
}

/// A fresh element in the page to mount a component into.
pub fn mount_point() -> Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Waits (up to `ms`) until `check` returns Some, polling every 20 ms.
pub async fn wait_for<T>(ms: u32, mut check: impl FnMut() -> Option<T>) -> T {
    let mut waited = 0;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(waited < ms, "condition not met within {ms} ms");
        TimeoutFuture::new(20).await;
        waited += 20;
    }
}

pub async fn wait_for_text(root: &Element, text: &str) {
    let t = text.to_string();
    wait_for(5_000, || root.text_content().filter(|c| c.contains(&t))).await;
}

/// The element matching `selector` whose text contains `text`.
pub fn by_text(root: &Element, selector: &str, text: &str) -> Option<HtmlElement> {
    let list = root.query_selector_all(selector).ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|e| e.text_content().is_some_and(|c| c.contains(text)))
}

/// The input a `<label>` with this text points at (as a screen reader finds it).
pub fn input_by_label(root: &Element, label: &str) -> HtmlInputElement {
    let label = by_text(root, "label", label).unwrap_or_else(|| panic!("no label {label:?}"));
    let id = label.get_attribute("for").expect("label has a for= attribute");
    gloo::utils::document()
        .get_element_by_id(&id)
        .unwrap_or_else(|| panic!("label points at missing #{id}"))
        .dyn_into()
        .unwrap()
}

/// Types into an input: sets the value and fires a bubbling `input` event.
pub fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

pub fn click(root: &Element, selector: &str, text: &str) {
    by_text(root, selector, text).unwrap_or_else(|| panic!("nothing {selector:?} with text {text:?}")).click();
}
