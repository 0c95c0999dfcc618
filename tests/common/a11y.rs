//! axe-core (pinned in tests/a11y/package-lock.json, installed by
//! scripts/couch_test_server.py with `npm ci`) run on a screen in the test page, and
//! the check that no link on a customer's screen leaves the app.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

const AXE: &str = include_str!("../a11y/node_modules/axe-core/axe.min.js");

/// Puts axe into the test page (once): a `<script>` runs as it is added.
fn load_axe() {
    let window = gloo::utils::window();
    if js_sys::Reflect::get(&window, &"axe".into()).is_ok_and(|a| !a.is_undefined()) {
        return;
    }
    let document = gloo::utils::document();
    let script = document.create_element("script").unwrap();
    script.set_text_content(Some(AXE));
    document.head().unwrap().append_child(&script).unwrap();
}

/// axe's violations under `root` that are serious or critical, one line each
/// (rule, what it says, where).
pub async fn axe_serious(root: &Element) -> Vec<String> {
    load_axe();
    let axe = js_sys::Reflect::get(&gloo::utils::window(), &"axe".into()).unwrap();
    let run: js_sys::Function = js_sys::Reflect::get(&axe, &"run".into()).unwrap().dyn_into().unwrap();
    // label-content-name-mismatch (WCAG 2.5.3: a control's name holds its visible
    // words) is one of axe's experimental rules, off unless asked for.
    let options = js_sys::JSON::parse(r#"{"resultTypes":["violations"],"rules":{"label-content-name-mismatch":{"enabled":true}}}"#).unwrap();
    let promise: js_sys::Promise = run.call2(&axe, root, &options).unwrap().dyn_into().unwrap();
    let results = JsFuture::from(promise).await.expect("axe ran");
    let json = js_sys::JSON::stringify(&results).unwrap().as_string().unwrap();
    let results: serde_json::Value = serde_json::from_str(&json).unwrap();
    results["violations"]
        .as_array()
        .expect("axe answers a list of violations")
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| {
            let nodes: Vec<String> = v["nodes"].as_array().into_iter().flatten().map(|n| format!("{} — {}", n["html"], n["failureSummary"])).collect();
            format!("{} ({}): {}\n    {}", v["id"], v["impact"], v["help"], nodes.join("\n    "))
        })
        .collect()
}

/// The links under `root` whose target is not this page's origin (as the browser
/// resolves them), and any that open a new window.
pub fn links_leaving_origin(root: &Element) -> Vec<String> {
    let origin = gloo::utils::window().location().origin().unwrap();
    let links = root.query_selector_all("a[href], area[href], form[action]").unwrap();
    (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter(|a| {
            let href = a.get_attribute("href").or_else(|| a.get_attribute("action")).unwrap_or_default();
            let leaves = web_sys::Url::new_with_base(&href, &gloo::utils::window().location().href().unwrap())
                .map(|u| u.origin() != origin)
                .unwrap_or(true);
            leaves || a.get_attribute("target").is_some_and(|t| t != "_self")
        })
        .map(|a| a.outer_html())
        .collect()
}
