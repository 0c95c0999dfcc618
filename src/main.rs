#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<follicle::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Follicle runs in the browser: build it with `trunk build` (see README.md).");
}
