#[cfg(target_arch = "wasm32")]
fn main() {
    use follicle::app::{App, AppProps};
    use follicle::storage::DB_NAME;
    // The real app keeps itself on the tablet; tests mount it without a worker.
    follicle::offline::enable();
    let root = gloo::utils::document().get_element_by_id("app").expect("index.html has #app");
    let props = AppProps { db_name: DB_NAME.into(), memory_history: false, clock: Default::default(), screens: follicle::screens::START };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Follicle runs in the browser: build it with `trunk build` (see README.md).");
}
