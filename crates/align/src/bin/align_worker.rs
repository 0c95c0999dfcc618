//! The alignment web worker: its own wasm, built by Trunk (index.html, `data-type="worker"`)
//! and started by the app the first time a comparison needs it (src/aligner.rs), so the
//! FFT never weighs on the app's bundle and the screen never waits on it.
//!
//! Protocol (structured clone): the app posts `{ id, before: Blob, after: Blob }`; the
//! worker answers `{ id, ok: true, scale, angle, tx, ty, score, overlap, sameSpot, ms, decodeMs }`
//! (the transform that maps the after picture onto the before one, see
//! `align::geometry`) or `{ id, ok: false, error }`. It posts `{ ready: true }` once
//! it listens. Pictures are decoded by the browser (createImageBitmap) and read through
//! an OffscreenCanvas, brought down to the estimate's working size on the way.

#[cfg(target_arch = "wasm32")]
mod worker {
    use align::estimate::{estimate, SIDE};
    use align::gray::Gray;
    use js_sys::{Object, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, DedicatedWorkerGlobalScope, ImageBitmap, MessageEvent, OffscreenCanvas, OffscreenCanvasRenderingContext2d};

    fn set(target: &Object, key: &str, value: &JsValue) {
        let _ = Reflect::set(target, &key.into(), value);
    }

    /// A picture (any format the browser reads) as grey pixels, its longer side at most
    /// the estimate's working size.
    async fn gray(scope: &DedicatedWorkerGlobalScope, blob: &Blob) -> Result<Gray, JsValue> {
        let bitmap: ImageBitmap = JsFuture::from(scope.create_image_bitmap_with_blob(blob)?).await?.dyn_into()?;
        let (w, h) = (bitmap.width() as f64, bitmap.height() as f64);
        if w < 1.0 || h < 1.0 {
            return Err("empty picture".into());
        }
        let k = (SIDE as f64 / w.max(h)).min(1.0);
        let (tw, th) = (((w * k).round() as u32).max(1), ((h * k).round() as u32).max(1));
        let canvas = OffscreenCanvas::new(tw, th)?;
        let ctx: OffscreenCanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
        let _ = Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
        ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, tw as f64, th as f64)?;
        bitmap.close();
        let data = ctx.get_image_data(0.0, 0.0, tw as f64, th as f64)?.data();
        Gray::from_rgba(tw as usize, th as usize, &data).ok_or_else(|| "unreadable pixels".into())
    }

    async fn answer(scope: &DedicatedWorkerGlobalScope, data: &JsValue, reply: &Object) -> Result<(), JsValue> {
        let start = scope.performance().map(|p| p.now());
        let before: Blob = Reflect::get(data, &"before".into())?.dyn_into()?;
        let after: Blob = Reflect::get(data, &"after".into())?.dyn_into()?;
        let earlier = gray(scope, &before).await?;
        let later = gray(scope, &after).await?;
        if let (Some(start), Some(p)) = (start, scope.performance()) {
            set(reply, "decodeMs", &(p.now() - start).into());
        }
        let e = estimate(&later, &earlier);
        set(reply, "ok", &true.into());
        for (key, value) in [("scale", e.transform.scale), ("angle", e.transform.angle), ("tx", e.transform.tx), ("ty", e.transform.ty), ("score", e.score), ("overlap", e.overlap)] {
            set(reply, key, &value.into());
        }
        set(reply, "sameSpot", &e.same_spot().into());
        if let (Some(start), Some(p)) = (start, scope.performance()) {
            set(reply, "ms", &(p.now() - start).into());
        }
        Ok(())
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let for_messages = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let scope = for_messages.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let data = event.data();
                let reply = Object::new();
                set(&reply, "id", &Reflect::get(&data, &"id".into()).unwrap_or(JsValue::NULL));
                if let Err(e) = answer(&scope, &data, &reply).await {
                    set(&reply, "ok", &false.into());
                    set(&reply, "error", &js_sys::JSON::stringify(&e).map(JsValue::from).unwrap_or(e));
                }
                let _ = scope.post_message(&reply);
            });
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Object::new();
        set(&ready, "ready", &true.into());
        let _ = scope.post_message(&ready);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
