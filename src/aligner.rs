//! The app's side of the alignment web worker (crates/align, `src/bin/align_worker.rs`):
//! started the first time a comparison asks, then kept; requests wait until it says it
//! is ready. Its wasm is its own file, so the app's bundle never carries the FFT, and
//! the screen never waits on it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, MessageEvent, Worker};

/// Where Trunk puts the worker's loader (index.html: `data-type="worker"`, `data-loader-shim`).
pub const WORKER_URL: &str = "/align_worker_loader.js";

/// Longest wait for one answer (the worker's first start included).
const TIMEOUT_MS: i32 = 30_000;

/// What the worker found for a pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// Maps the later picture onto the earlier one.
    pub transform: align::Similarity,
    pub score: f64,
    /// The score and the overlap say it is the same spot.
    pub same_spot: bool,
    /// Time the worker took, decoding included.
    pub ms: f64,
}

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    ready: bool,
    failed: Option<String>,
    /// Posted before the worker was ready.
    queue: Vec<JsValue>,
    pending: HashMap<u32, Function>,
    next_id: u32,
}

thread_local! {
    static CLIENT: Rc<RefCell<Client>> = Rc::new(RefCell::new(Client::default()));
    static URL: RefCell<String> = RefCell::new(WORKER_URL.to_string());
}

/// Another worker script for what follows (tests: a stand-in, since the test runner
/// serves no Trunk build). Stops the current worker.
pub fn use_worker_url(url: &str) {
    URL.with(|u| *u.borrow_mut() = url.to_string());
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        *c = Client::default();
    });
}

fn failure(error: &str) -> JsValue {
    let reply = Object::new();
    let _ = Reflect::set(&reply, &"ok".into(), &false.into());
    let _ = Reflect::set(&reply, &"error".into(), &error.into());
    reply.into()
}

/// Fails everything waiting, and every later request, with `error`.
fn fail_all(client: &Rc<RefCell<Client>>, error: &str) {
    let pending: Vec<Function> = {
        let mut c = client.borrow_mut();
        c.failed = Some(error.to_string());
        c.queue.clear();
        c.pending.drain().map(|(_, f)| f).collect()
    };
    for resolve in pending {
        let _ = resolve.call1(&JsValue::NULL, &failure(error));
    }
}

fn start(client: &Rc<RefCell<Client>>) -> Result<Worker, String> {
    let url = URL.with(|u| u.borrow().clone());
    let worker = Worker::new(&url).map_err(|e| format!("{e:?}"))?;
    let for_messages = client.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if Reflect::get(&data, &"ready".into()).ok().and_then(|v| v.as_bool()) == Some(true) {
            let (worker, queue) = {
                let mut c = for_messages.borrow_mut();
                c.ready = true;
                (c.worker.clone(), std::mem::take(&mut c.queue))
            };
            if let Some(worker) = worker {
                for message in queue {
                    let _ = worker.post_message(&message);
                }
            }
            return;
        }
        let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(-1.0) as u32;
        let resolve = for_messages.borrow_mut().pending.remove(&id);
        if let Some(resolve) = resolve {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let for_errors = client.clone();
    // A script that cannot load or a wasm that cannot start: nothing will answer.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| fail_all(&for_errors, "the alignment worker failed"));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

/// Aligns the `after` picture to the `before` one in the worker.
pub async fn align(before: &Blob, after: &Blob) -> Result<Found, String> {
    let client = CLIENT.with(|c| c.clone());
    let (message, promise) = {
        let mut c = client.borrow_mut();
        if let Some(error) = &c.failed {
            return Err(error.clone());
        }
        if c.worker.is_none() {
            drop(c);
            let worker = start(&client)?;
            c = client.borrow_mut();
            c.worker = Some(worker);
        }
        c.next_id += 1;
        let id = c.next_id;
        let message = Object::new();
        let _ = Reflect::set(&message, &"id".into(), &id.into());
        let _ = Reflect::set(&message, &"before".into(), before);
        let _ = Reflect::set(&message, &"after".into(), after);
        let mut resolver = None;
        let promise = Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
        if let Some(resolve) = resolver {
            c.pending.insert(id, resolve);
        }
        (JsValue::from(message), promise)
    };
    {
        let mut c = client.borrow_mut();
        if c.ready {
            if let Some(worker) = &c.worker {
                worker.post_message(&message).map_err(|e| format!("{e:?}"))?;
            }
        } else {
            c.queue.push(message);
        }
    }
    // A worker whose wasm never starts never answers: give up after a while.
    let timeout = Promise::new(&mut |resolve, _| {
        let give_up = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &failure("the alignment worker did not answer"));
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(give_up.unchecked_ref(), TIMEOUT_MS);
        }
    });
    let reply = JsFuture::from(Promise::race(&js_sys::Array::of2(&promise, &timeout))).await.map_err(|e| format!("{e:?}"))?;
    let get = |key: &str| Reflect::get(&reply, &key.into()).ok();
    let number = |key: &str| get(key).and_then(|v| v.as_f64()).ok_or_else(|| format!("no {key} in the worker's answer"));
    if get("ok").and_then(|v| v.as_bool()) != Some(true) {
        return Err(get("error").and_then(|v| v.as_string()).unwrap_or_else(|| "the alignment failed".into()));
    }
    Ok(Found {
        transform: align::Similarity { scale: number("scale")?, angle: number("angle")?, tx: number("tx")?, ty: number("ty")? },
        score: number("score")?,
        same_spot: get("sameSpot").and_then(|v| v.as_bool()).unwrap_or(false),
        ms: number("ms").unwrap_or(0.0),
    })
}
