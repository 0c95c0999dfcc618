#[cfg(target_arch = "wasm32")]
fn main() {
    use follicle::app::{App, AppProps};
    use follicle::storage::DB_NAME;
    // The real app keeps itself on the tablet; tests mount it without a worker.
    follicle::offline::enable();
    yew::Renderer::<App>::with_props(AppProps { db_name: DB_NAME.into(), memory_history: false, clock: Default::default() }).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Follicle runs in the browser: build it with `trunk build` (see README.md).");
}
