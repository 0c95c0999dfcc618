//! Messages between the two wasm modules of one page (screens.rs): the start module's
//! sync agent and the staff module's screens. Each is a `CustomEvent` on the window
//! whose detail is JSON text, so neither module needs the other's types in memory.

use gloo::events::EventListener;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

/// The agent's state (agent → staff): running, progress, attempts.
pub const SYNC_STATE: &str = "follicle:sync-state";
/// Asks the agent to say its state now (staff → agent, when the staff side opens).
pub const SYNC_ASK: &str = "follicle:sync-ask";
/// Asks the agent to sync now (the status line's 立即同步).
pub const SYNC_NOW: &str = "follicle:sync-now";
/// What a sync brought (agent → staff): customers' summary rows, erased ids, settings.
pub const RECEIVED: &str = "follicle:received";

/// The idle timer ran out on a staff screen: the start module's kiosk shows the
/// attract screen (staff → start).
pub const ATTRACT: &str = "follicle:attract";

/// What the agent is doing, as the staff side's status line shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    pub running: bool,
    pub pulled: usize,
    pub total: Option<u64>,
    pub pushed: usize,
    pub attempts: u32,
}

/// What one batch of a sync changed here, for what the staff side keeps in memory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// The customers' summary rows (`search::Entry::to_row`).
    pub rows: Vec<String>,
    pub removed: Vec<String>,
    /// The store's settings changed: read them again.
    pub settings: bool,
}

/// Sends a message to whoever listens in this page.
pub fn post<M: Serialize>(name: &str, message: &M) {
    let Ok(text) = serde_json::to_string(message) else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&text.into());
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// Calls `on` with each message of that name (until the listener is dropped).
pub fn listen<M: DeserializeOwned + 'static>(name: &'static str, on: impl Fn(M) + 'static) -> EventListener {
    EventListener::new(&gloo::utils::window(), name, move |event| {
        let text = event.dyn_ref::<web_sys::CustomEvent>().and_then(|e| e.detail().as_string());
        if let Some(message) = text.and_then(|t| serde_json::from_str(&t).ok()) {
            on(message);
        }
    })
}
