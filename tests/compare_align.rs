//! The comparison's same-spot alignment in headless Chromium: the aligned pair and the
//! as-taken toggle, the warning when the pictures may not show the same spot, and a
//! correction by hand that is saved on the later picture and used after a reload.
//!
//! The test runner serves no Trunk build, so the alignment worker here is a stand-in
//! (a script from a Blob URL, speaking the real worker's protocol): it answers "same
//! spot, turned 7°" unless the later picture's type says it is of another spot. The
//! real worker is tested on the built app (scripts/align_test.py) and natively (crates/align).
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::*;
use follicle::domain::*;
use follicle::domain::replication::doc::{doc_id, kind_of_store};
use follicle::storage::{schema, Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The type of a later picture the stand-in worker takes for another spot.
const OTHER_SPOT: &str = "image/jpeg;spot=other";

const STAND_IN: &str = r#"
postMessage({ ready: true });
onmessage = (e) => {
  const d = e.data;
  if (d.after.type.includes("spot=other")) {
    postMessage({ id: d.id, ok: true, scale: 1, angle: 0, tx: 0, ty: 0, score: 0.04, overlap: 1, sameSpot: false, ms: 1 });
  } else {
    postMessage({ id: d.id, ok: true, scale: 1.1, angle: 7 * Math.PI / 180, tx: 0.03, ty: -0.02, score: 0.9, overlap: 0.9, sameSpot: true, ms: 1 });
  }
};
"#;

thread_local! {
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The stand-in worker, once for the whole page (the tests run side by side).
fn stand_in_worker() {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&STAND_IN.into()), &options).unwrap();
    follicle::aligner::use_worker_url(&web_sys::Url::create_object_url_with_blob(&blob).unwrap());
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A real JPEG drawn on a canvas, under the Blob type `mime`.
async fn jpeg(shade: &str, mime: &str) -> web_sys::Blob {
    let canvas = web_sys::OffscreenCanvas::new(64, 48).unwrap();
    let ctx: web_sys::OffscreenCanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str(shade);
    ctx.fill_rect(0.0, 0.0, 64.0, 48.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(16.0, 12.0, 32.0, 6.0);
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/jpeg");
    let encoded: web_sys::Blob = JsFuture::from(canvas.convert_to_blob_with_options(&options).unwrap()).await.unwrap().unchecked_into();
    let typed = web_sys::BlobPropertyBag::new();
    typed.set_type(mime);
    web_sys::Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(&encoded), &typed).unwrap()
}

fn photo(c: &Customer, taken: &str) -> PhotoMeta {
    PhotoMeta {
        id: new_id(),
        meta: Meta::new(&stamp(2)),
        customer_id: c.id.clone(),
        kind: PhotoKind::Trichoscope,
        site: ScalpSite::Crown,
        taken_on: day(taken),
        note: None,
        width: 64,
        height: 48,
        bytes: 1,
        alignments: Vec::new(),
    }
}

/// 王超 with two crown pictures, the later one's type `later_type`. Returns the db
/// name, the customer and the two pictures (earlier, later).
async fn seeded(test: &str, later_type: &str) -> (String, Customer, PhotoMeta, PhotoMeta) {
    let name = unique_db(test);
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut wang = Customer::new("王超", "13800138000", &stamp(1));
    wang.gender = Some(Gender::Male);
    wang.refresh_keys();
    db.save_registration(&wang, &[given_consent(&wang, ConsentKind::SensitiveInfo)]).await.unwrap();
    let (earlier, later) = (photo(&wang, "2026-01-05"), photo(&wang, "2026-10-01"));
    let first = jpeg("#553322", "image/jpeg").await;
    db.save_photo(&earlier, &first, &first, &stamp(2)).await.unwrap();
    let second = jpeg("#5a3625", later_type).await;
    db.save_photo(&later, &second, &second, &stamp(3)).await.unwrap();
    db.close();
    (name, wang, earlier, later)
}

async fn open_progress(root: &Element) {
    wait_for_text(root, "员工").await;
    click(root, "a", "员工");
    set_manager_pin(root, "李店长", "2468").await;
    wait_for_text(root, "本机顾客总数").await;
    type_into(&root.query_selector("#customer-search").unwrap().unwrap().unchecked_into(), "王超");
    tap(root, ".result", "王超").await;
    wait_for_text(root, "王先生").await;
    click(root, "a", "头发变化");
    wait_for_text(root, "相隔天数").await;
}

fn transform_of(root: &Element, selector: &str) -> String {
    let el: HtmlElement = root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).unchecked_into();
    el.style().get_property_value("transform").unwrap()
}

async fn wait_for_transform(root: &Element, selector: &str, check: impl Fn(&str) -> bool) -> String {
    wait_for(5_000, || root.query_selector(selector).unwrap().map(|_| transform_of(root, selector)).filter(|t| check(t))).await
}

#[wasm_bindgen_test]
async fn the_comparison_shows_the_pair_aligned_and_as_taken_on_request() {
    stand_in_worker();
    let (name, _, _, _) = seeded("aligned", "image/jpeg").await;
    let root = mount_app(&name);
    open_progress(&root).await;
    wait_for_text(&root, "已自动对齐同一位置").await;

    // Side by side: the later picture turned by 7° (0.12217 rad) and scaled 1.1 over the
    // earlier one, both zoomed to the part both cover.
    let after = wait_for_transform(&root, ".side-by-side figure:nth-child(2) .placed", |t| t.contains("rotate(")).await;
    assert!(after.ends_with("rotate(0.12217rad) scale(1.1)"), "{after}");
    let before = transform_of(&root, ".side-by-side figure:nth-child(1) .placed");
    assert!(before.starts_with("scale(1) scale(1.") && !before.contains("rotate"), "cropped to the common part: {before}");

    // 按拍摄原样: both as taken, no message.
    let toggle = by_text(&root, "button", "按拍摄原样").unwrap();
    assert_eq!(toggle.get_attribute("aria-pressed").as_deref(), Some("false"));
    toggle.click();
    wait_for_transform(&root, ".side-by-side figure:nth-child(2) .placed", |t| t == "scale(1)").await;
    assert_eq!(transform_of(&root, ".side-by-side figure:nth-child(1) .placed"), "scale(1)");
    assert_eq!(by_text(&root, "button", "按拍摄原样").unwrap().get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(!root.text_content().unwrap().contains("已自动对齐同一位置"));

    // Back to aligned, in the slider: the later picture (under the line) aligned too.
    click(&root, "button", "按拍摄原样");
    click(&root, "button", "滑动对比");
    let under = wait_for_transform(&root, ".slider-frame > .placed", |t| t.contains("rotate(")).await;
    assert!(under.contains("rotate(0.12217rad)"), "{under}");
    let top = transform_of(&root, ".slider-top .placed");
    assert!(top.starts_with("scale(1) scale(1.") && !top.contains("rotate"), "{top}");
}

#[wasm_bindgen_test]
async fn pictures_that_may_not_show_the_same_spot_are_said_so_and_shown_as_taken() {
    stand_in_worker();
    let (name, _, _, _) = seeded("other-spot", OTHER_SPOT).await;
    let root = mount_app(&name);
    open_progress(&root).await;
    wait_for_text(&root, "这两张照片可能不是同一个位置").await;
    assert!(root.text_content().unwrap().contains("照片按拍摄原样显示"));
    assert_eq!(transform_of(&root, ".side-by-side figure:nth-child(2) .placed"), "scale(1)");
    assert_eq!(transform_of(&root, ".side-by-side figure:nth-child(1) .placed"), "scale(1)");
}

#[wasm_bindgen_test]
async fn a_correction_by_hand_is_saved_on_the_later_picture_and_used_after_a_reload() {
    stand_in_worker();
    let (name, _, earlier, later) = seeded("by-hand", OTHER_SPOT).await;
    let (root, app) = mount_app_with(&name, Default::default(), false);
    open_progress(&root).await;
    wait_for_text(&root, "这两张照片可能不是同一个位置").await;

    click(&root, "button", "手动校正对齐");
    wait_for_text(&root, "保存对齐").await;
    // A drag to the right by a tenth of the frame's width, then two taps of 向右转.
    let frame = root.query_selector(".adjust-frame").unwrap().unwrap();
    let rect = frame.get_bounding_client_rect();
    let (x, y) = (rect.left() + rect.width() / 2.0, rect.top() + rect.height() / 2.0);
    for (kind, at) in [("pointerdown", x), ("pointermove", x + rect.width() / 20.0), ("pointermove", x + rect.width() / 10.0), ("pointerup", x + rect.width() / 10.0)] {
        let init = web_sys::PointerEventInit::new();
        init.set_pointer_id(7);
        init.set_bubbles(true);
        init.set_client_x(at as i32);
        init.set_client_y(y as i32);
        frame.dispatch_event(&web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
        gloo::timers::future::TimeoutFuture::new(30).await;
    }
    click(&root, "button", "向右转");
    gloo::timers::future::TimeoutFuture::new(30).await;
    click(&root, "button", "向右转");
    // 1° = 0.01745 rad, shown see-through over the earlier picture while adjusting.
    let live = wait_for_transform(&root, ".adjust-top .placed", |t| t.contains("rotate(0.01745rad)")).await;
    assert!(live.contains("translate(10.0"), "a tenth of the width to the right: {live}");
    click(&root, "button", "保存对齐");
    wait_for_text(&root, "对齐已保存").await;
    wait_for_text(&root, "已按工作人员的校正对齐").await;
    assert!(!root.text_content().unwrap().contains("这两张照片可能不是同一个位置"));

    // On the later picture's record, journaled like every write of it.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let stored: PhotoMeta = db.get(&later.id).await.unwrap().unwrap();
    let t = stored.alignment_to(&earlier.id).expect("saved on the later picture");
    assert!((t.angle.to_degrees() - 1.0).abs() < 1e-6 && (t.tx - 0.1).abs() < 0.01 && t.ty.abs() < 0.005 && (t.scale - 1.0).abs() < 1e-9, "{t:?}");
    assert!(stored.meta.updated_at > later.meta.updated_at);
    let doc = doc_id(kind_of_store(schema::PHOTOS).unwrap(), &later.id);
    let journal = db.doc_entry(&doc).await.unwrap().expect("the photo is in the journal");
    assert!(journal.winner().unwrap().to_string().starts_with("2-"), "a new revision: {:?}", journal.winner());
    db.close();

    // After a reload: the saved alignment, not the worker's "another spot".
    app.destroy();
    let root = mount_app(&name);
    open_progress(&root).await;
    wait_for_text(&root, "已按工作人员的校正对齐").await;
    let after = wait_for_transform(&root, ".side-by-side figure:nth-child(2) .placed", |t| t.contains("rotate(")).await;
    assert!(after.contains("rotate(0.01745rad)"), "{after}");
    assert!(!root.text_content().unwrap().contains("这两张照片可能不是同一个位置"));
}
