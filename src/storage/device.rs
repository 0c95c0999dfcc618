//! The browser's storage for this site: how much is used, and whether the browser
//! promises not to evict it (`navigator.storage.persist()`).

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Missing on insecure origins and old browsers.
    Reflect::get(&navigator, &"storage".into()).ok().filter(|s| !s.is_undefined())?;
    Some(navigator.storage())
}

async fn call_bool(promise: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    JsFuture::from(promise.ok()?).await.ok()?.as_bool()
}

/// Asks the browser to keep this site's data permanently. `None` where not supported.
pub async fn request_persistence() -> Option<bool> {
    call_bool(storage_manager()?.persist()).await
}

/// Whether the data is already kept permanently.
pub async fn is_persisted() -> Option<bool> {
    call_bool(storage_manager()?.persisted()).await
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub used_bytes: f64,
    pub quota_bytes: f64,
}

/// How much this site stores and may store.
pub async fn estimate() -> Option<Estimate> {
    let value = JsFuture::from(storage_manager()?.estimate().ok()?).await.ok()?;
    let number = |key: &str| Reflect::get(&value, &key.into()).ok()?.as_f64();
    let _ = value.dyn_ref::<js_sys::Object>()?;
    Some(Estimate { used_bytes: number("usage")?, quota_bytes: number("quota")? })
}
