//! Hooks shared by pages.

use yew::prelude::*;

use crate::app::AppContext;
use crate::i18n::Msg;

/// Loads the customers' summary rows (the staff search's in-memory index) if they are
/// not loaded yet; `None` while loading, then `Ok` when `ctx.search` is ready.
#[hook]
pub fn use_customer_rows() -> Option<Result<(), Msg>> {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let state = use_state(|| ctx.search.is_ready().then_some(Ok(())));
    {
        let (ctx, state) = (ctx.clone(), state.clone());
        use_effect_with((), move |_| {
            if state.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = ctx.search.load(&ctx.db).await {
                        return state.set(Some(Err(e.message())));
                    }
                    // Another page may have started the load: wait for it (a lock in
                    // the meantime drops it; the staff gate then takes over the screen).
                    for _ in 0..3000 {
                        if ctx.search.is_ready() {
                            return state.set(Some(Ok(())));
                        }
                        gloo::timers::future::TimeoutFuture::new(20).await;
                    }
                });
            }
        });
    }
    (*state).clone()
}
