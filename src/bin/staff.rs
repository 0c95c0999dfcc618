//! The staff module (screens::STAFF): the staff screens, loaded by the start module's
//! `StaffHost` the first time 员工 is tapped, mounted while a staff screen is open.

#[cfg(target_arch = "wasm32")]
mod staff {
    use std::cell::RefCell;

    use follicle::app::{App, AppProps};
    use wasm_bindgen::prelude::*;

    thread_local! {
        static APP: RefCell<Option<yew::AppHandle<App>>> = const { RefCell::new(None) };
    }

    /// Draws the staff side into `root`, on the start module's database.
    #[wasm_bindgen]
    pub fn mount(root: web_sys::Element, db_name: String) {
        unmount();
        let props = AppProps { db_name: db_name.into(), memory_history: false, clock: Default::default(), screens: follicle::screens::STAFF };
        let handle = yew::Renderer::<App>::with_root_and_props(root, props).render();
        APP.with(|app| *app.borrow_mut() = Some(handle));
    }

    /// Runs the sync agent and the retention rule for the page, with no screen (once).
    #[wasm_bindgen]
    pub fn run_agent(db_name: String) {
        thread_local! {
            static AGENT: RefCell<Option<yew::AppHandle<follicle::components::sync_agent::BackgroundAgent>>> = const { RefCell::new(None) };
        }
        AGENT.with(|agent| {
            if agent.borrow().is_none() {
                let Ok(root) = gloo::utils::document().create_element("div") else { return };
                let props = follicle::components::sync_agent::BackgroundAgentProps { db_name: db_name.into() };
                *agent.borrow_mut() = Some(yew::Renderer::with_root_and_props(root, props).render());
            }
        });
    }

    /// Runs the data steps of this version on the page's database (the start module
    /// asks, when one is pending, before its first screen).
    #[wasm_bindgen]
    pub async fn run_data_steps(db_name: String) -> Result<(), JsValue> {
        let db = follicle::storage::Db::open(&db_name, Default::default()).await.map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
        db.close();
        Ok(())
    }

    /// Drops the staff side and everything it held in memory.
    #[wasm_bindgen]
    pub fn unmount() {
        if let Some(handle) = APP.with(|app| app.borrow_mut().take()) {
            handle.destroy();
        }
    }
}

fn main() {}
