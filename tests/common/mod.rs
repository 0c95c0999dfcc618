//! Helpers for browser tests: unique databases, waiting for the UI, finding fields
//! by their label and typing into them as a person would.
#![allow(dead_code)]

pub mod images;
pub mod synthetic;

use follicle::domain::{new_id, Stamp};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// A database name no other test uses.
pub fn unique_db(test: &str) -> String {
    format!("follicle-test-{test}-{}", new_id())
}

pub fn stamp(now: i64) -> Stamp {
    Stamp { store_id: "store:测试店".into(), device_id: "test#0001".into(), now }
}

/// Takes every earlier test's screen out of the page, so that a layout check sees
/// one app at the top of the window, as a tablet shows it.
pub fn only_this_screen() {
    let body = gloo::utils::document().body().unwrap();
    let children = body.children();
    let old: Vec<Element> = (0..children.length()).filter_map(|i| children.item(i)).filter(|e| e.tag_name() == "DIV").collect();
    for e in old {
        e.remove();
    }
    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
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

/// How long the helpers below wait for the screen: long enough for a CI machine whose
/// two cores run many tests in one page (they return as soon as the screen is there).
pub const UI_WAIT_MS: u32 = 10_000;

/// Polls `check` every 20 ms until it answers; panics after `UI_WAIT_MS` naming `what`
/// and what the screen shows instead.
pub async fn wait_for_on(root: &Element, what: &str, mut check: impl FnMut() -> Option<HtmlElement>) -> HtmlElement {
    let mut waited = 0;
    loop {
        if let Some(v) = check() {
            return v;
        }
        if waited >= UI_WAIT_MS {
            panic!("{what} not on screen within {} s; the screen shows: {:?}", UI_WAIT_MS / 1000, root.text_content().unwrap_or_default());
        }
        TimeoutFuture::new(20).await;
        waited += 20;
    }
}

pub async fn wait_for_text(root: &Element, text: &str) {
    for _ in 0..UI_WAIT_MS / 20 {
        if root.text_content().is_some_and(|c| c.contains(text)) {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("{text:?} not on screen within {} s; the screen shows: {:?}", UI_WAIT_MS / 1000, root.text_content().unwrap_or_default());
}

/// A touch anywhere, as the idle guard hears it (a test's `click()` is not one).
pub fn touch() {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("pointerdown", &init).unwrap();
    gloo::utils::document().body().unwrap().dispatch_event(&event).unwrap();
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
pub fn input_by_label(root: &Element, label: &str) -> HtmlElement {
    let label = by_text(root, "label", label).unwrap_or_else(|| panic!("no label {label:?}"));
    let id = label.get_attribute("for").expect("label has a for= attribute");
    // Within this test's root: other tests' apps stay mounted in the same page.
    root.query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("label points at missing #{id}"))
        .dyn_into()
        .unwrap()
}

/// Waits (up to `UI_WAIT_MS`) for a field with this label to be drawn, and returns it.
pub async fn wait_for_field(root: &Element, label: &str) -> HtmlElement {
    wait_for_on(root, &format!("a label {label:?}"), || by_text(root, "label", label)).await;
    input_by_label(root, label)
}

/// The value of an `<input>`, `<textarea>` or `<select>`.
pub fn value_of(field: &HtmlElement) -> String {
    js_sys::Reflect::get(field, &"value".into()).unwrap().as_string().unwrap_or_default()
}

/// Types into a field: sets the value and fires a bubbling `input` event.
pub fn type_into(input: &HtmlElement, value: &str) {
    js_sys::Reflect::set(input, &"value".into(), &value.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

pub fn click(root: &Element, selector: &str, text: &str) {
    by_text(root, selector, text).unwrap_or_else(|| panic!("nothing {selector:?} with text {text:?}")).click();
}

/// Waits (up to `UI_WAIT_MS`) for a `selector` element with `text` to be drawn, then
/// clicks it: Yew draws after the event that changed the state, not during it.
pub async fn tap(root: &Element, selector: &str, text: &str) {
    wait_for_on(root, &format!("{selector:?} with {text:?}"), || by_text(root, selector, text)).await.click();
}

/// Loads the app's real stylesheet into the test page (once), so layout checks see
/// what the tablet shows.
pub fn load_app_styles() {
    let document = gloo::utils::document();
    if document.get_element_by_id("app-css").is_some() {
        return;
    }
    let style = document.create_element("style").unwrap();
    style.set_id("app-css");
    style.set_text_content(Some(include_str!("../../styles/app.css")));
    document.head().unwrap().append_child(&style).unwrap();
}

/// Every visible element under `root` that holds text of its own.
pub fn text_elements(root: &Element) -> Vec<Element> {
    let all = root.query_selector_all("*").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter(|e| {
            let rect = e.get_bounding_client_rect();
            let children = e.child_nodes();
            rect.width() > 0.0
                && (0..children.length()).filter_map(|i| children.item(i)).any(|n| {
                    n.node_type() == web_sys::Node::TEXT_NODE && n.text_content().is_some_and(|t| !t.trim().is_empty())
                })
        })
        .collect()
}

pub fn computed_px(e: &Element, property: &str) -> f64 {
    let style = gloo::utils::window().get_computed_style(e).unwrap().unwrap();
    style.get_property_value(property).unwrap().trim_end_matches("px").parse().unwrap_or(f64::NAN)
}

/// Mounts the whole app on its own database, routing in memory.
pub fn mount_app(db_name: &str) -> Element {
    let root = mount_point();
    let props = follicle::app::AppProps { db_name: db_name.to_string().into(), memory_history: true, clock: Default::default(), screens: follicle::screens::ALL };
    yew::Renderer::<follicle::app::App>::with_root_and_props(root.clone(), props).render();
    root
}

/// A set-up tablet's app on a fixed clock (which the test moves on), its home drawn:
/// the idle-timer tests start here.
pub async fn home_on_fixed_clock(test: &str) -> (Element, yew::AppHandle<follicle::app::App>, follicle::clock::Clock) {
    let name = unique_db(test);
    set_up_tablet(&name).await;
    let clock = follicle::clock::Clock::fixed(js_sys::Date::now() as i64);
    let (root, app) = mount_app_with(&name, clock.clone(), false);
    wait_for_text(&root, "新顾客登记").await;
    (root, app, clock)
}

/// Mounts the whole app with its clock (tests move it on) and, if `browser_history`,
/// routing in the address bar, so a test can go to any address as a deep link or the
/// back button would ([`go_to`]). Destroy the handle at the end of the test: other
/// tests' apps must not follow the address bar.
pub fn mount_app_with(db_name: &str, clock: follicle::clock::Clock, browser_history: bool) -> (Element, yew::AppHandle<follicle::app::App>) {
    let root = mount_point();
    let props = follicle::app::AppProps { db_name: db_name.to_string().into(), memory_history: !browser_history, clock, screens: follicle::screens::ALL };
    let handle = yew::Renderer::<follicle::app::App>::with_root_and_props(root.clone(), props).render();
    (root, handle)
}

thread_local! {
    static ADDRESS_BAR_TAKEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The page's address bar, held by one test at a time (the tests of a file run
/// side by side in one page); dropped, it goes back to where it was and is free.
pub struct AddressBar(String);

impl Drop for AddressBar {
    fn drop(&mut self) {
        go_to(&self.0);
        ADDRESS_BAR_TAKEN.with(|t| t.set(false));
    }
}

/// Waits until no other test uses the address bar, and takes it. Hold it (declared
/// before the app) while an app mounted with browser history lives.
pub async fn address_bar() -> AddressBar {
    wait_for(240_000, || (!ADDRESS_BAR_TAKEN.with(|t| t.get())).then_some(())).await;
    ADDRESS_BAR_TAKEN.with(|t| t.set(true));
    AddressBar(gloo::utils::window().location().pathname().unwrap())
}

/// Goes to `path` in the address bar (an app mounted with browser history follows).
pub fn go_to(path: &str) {
    use yew_router::history::History;
    yew_router::history::BrowserHistory::new().push(path);
}

/// The manager every test tablet is set up with, and their PIN.
pub const MANAGER: &str = "李店长";
pub const MANAGER_PIN: &str = "2468";

/// A staff member's record with a hashed PIN, made now on `settings`' tablet.
pub async fn member(settings: &follicle::domain::AppSettings, name: &str, pin: &str, role: follicle::domain::staff::StaffRole) -> follicle::domain::staff::StaffMember {
    use follicle::domain::Record;
    follicle::domain::staff::StaffMember {
        id: String::new(),
        meta: Default::default(),
        name: name.into(),
        role,
        pin: follicle::crypto::hash_pin(pin).await.unwrap(),
    }
    .made(&settings.stamp(js_sys::Date::now() as i64))
}

/// A tablet as an older version left it after first-run setup: settings, no staff.
pub async fn set_up_tablet_without_manager(db_name: &str) -> follicle::domain::AppSettings {
    let db = follicle::storage::Db::open(db_name, Default::default()).await.unwrap();
    let settings = follicle::domain::AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap();
    db.save_settings(&settings).await.unwrap();
    db.close();
    settings
}

/// A tablet past first-run setup: the store's and tablet's names, and the manager
/// ([`MANAGER`], PIN [`MANAGER_PIN`]).
pub async fn set_up_tablet(db_name: &str) {
    let db = follicle::storage::Db::open(db_name, Default::default()).await.unwrap();
    let settings = follicle::domain::AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap();
    let manager = member(&settings, MANAGER, MANAGER_PIN, follicle::domain::staff::StaffRole::Manager).await;
    db.set_up(Some(&settings), &manager).await.unwrap().unwrap();
    db.close();
}

/// At the staff gate: picks `name` (when there is a choice), types the PIN, and
/// waits until the staff home greets them.
pub async fn sign_in_as(root: &Element, name: &str, pin: &str) {
    wait_for_text(root, "员工登录").await;
    if let Some(choice) = by_text(root, "label", name) {
        choice.click();
    }
    type_into(&input_by_label(root, "密码"), pin);
    click(root, "button", "确认");
    wait_for(15_000, || by_text(root, "h1", &format!("您好，{name}"))).await;
}

/// Kept for tests written when the staff gate's first use made the manager: the
/// manager now exists from setup, so this signs them in.
pub async fn set_manager_pin(root: &Element, name: &str, pin: &str) {
    sign_in_as(root, name, pin).await;
}

/// Mounts the app, signs the manager in, and waits for the staff home's search.
pub async fn staff_home(db_name: &str) -> Element {
    let root = mount_app(db_name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    wait_for_text(&root, "本机顾客总数").await;
    root
}

/// From the staff home: finds a customer by `query` in the search box, opens their
/// card, and waits until it shows `shown` (e.g. the salutation).
pub async fn open_card(root: &Element, query: &str, shown: &str) {
    let search: HtmlElement = root.query_selector("#customer-search").unwrap().expect("the search box").dyn_into().unwrap();
    type_into(&search, query);
    tap(root, ".result", query).await;
    wait_for(5_000, || by_text(root, "h1", shown).map(|_| ()).or_else(|| root.text_content().filter(|t| t.contains(shown)).map(|_| ()))).await;
}

/// A consent of `kind` the customer gave (granted, not withdrawn), as registration
/// stores it. Health records (photos, measurements, adverse reactions) are stored only
/// for a customer with an active sensitive-information consent.
pub fn given_consent(customer: &follicle::domain::Customer, kind: follicle::domain::ConsentKind) -> follicle::domain::ConsentRecord {
    let notice = follicle::domain::notices::Notice::for_kind(kind);
    follicle::domain::ConsentRecord {
        id: new_id(),
        meta: follicle::domain::Meta::new(&stamp(1)),
        customer_id: customer.id.clone(),
        kind,
        notice_id: notice.id.into(),
        notice_hash: notice.hash(),
        granted: true,
        at: 1,
        staff_present: None,
        guardian: None,
        withdrawn_at: None,
    }
}

/// On the attract screen an idle tablet shows: a person's tap (a touch the idle guard
/// hears, then the click), and waits until it has gone.
pub async fn tap_to_start(root: &Element) {
    let attract = wait_for(5_000, || root.query_selector(".attract").unwrap()).await;
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let touch = web_sys::Event::new_with_event_init_dict("pointerdown", &init).unwrap();
    attract.dispatch_event(&touch).unwrap();
    attract.dyn_into::<HtmlElement>().unwrap().click();
    wait_for(5_000, || root.query_selector(".attract").unwrap().is_none().then_some(())).await;
}
