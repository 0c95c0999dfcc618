//! 并排对比 shows both pictures on screen together (issue 17.10), measured on the real
//! app with the real stylesheet in frames of a tablet's size, landscape (1280×800) and
//! portrait (800×1280): a frame has its own viewport, so its media queries and `vh` are
//! the tablet's whatever the test window's size. Its own file: layout is measured.
//! (The same frames can measure any screen in both orientations: `tablet_frame`.)
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::*;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A real 4:3 JPEG drawn on a canvas (no binary files in the repository).
async fn jpeg() -> web_sys::Blob {
    let canvas = web_sys::OffscreenCanvas::new(640, 480).unwrap();
    let ctx: web_sys::OffscreenCanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str("#553322");
    ctx.fill_rect(0.0, 0.0, 640.0, 480.0);
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/jpeg");
    JsFuture::from(canvas.convert_to_blob_with_options(&options).unwrap()).await.unwrap().unchecked_into()
}

/// 王超 with two crown pictures, nine months apart.
async fn seeded() -> String {
    let name = unique_db("compare-layout");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut wang = Customer::new("王超", "13800138000", &stamp(1));
    wang.gender = Some(Gender::Male);
    wang.refresh_keys();
    db.save_registration(&wang, &[given_consent(&wang, ConsentKind::SensitiveInfo)]).await.unwrap();
    let image = jpeg().await;
    for taken in ["2026-01-05", "2026-10-01"] {
        let photo = PhotoMeta {
            id: new_id(),
            meta: Meta::new(&stamp(2)),
            customer_id: wang.id.clone(),
            kind: PhotoKind::Trichoscope,
            site: ScalpSite::Crown,
            taken_on: day(taken),
            note: None,
            width: 640,
            height: 480,
            bytes: 1,
            alignments: Vec::new(),
        };
        db.save_photo(&photo, &image, &image, &stamp(1)).await.unwrap();
    }
    db.close();
    name
}

/// A same-origin frame of `w`×`h` CSS px holding the app's stylesheet, and an element
/// in it to mount the app into.
async fn tablet_frame(w: u32, h: u32) -> (Element, Element) {
    let document = gloo::utils::document();
    let frame = document.create_element("iframe").unwrap();
    frame.set_attribute("srcdoc", "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"></head><body></body></html>").unwrap();
    frame.set_attribute("width", &w.to_string()).unwrap();
    frame.set_attribute("height", &h.to_string()).unwrap();
    frame.unchecked_ref::<HtmlElement>().style().set_property("border", "0").unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    let inner = wait_for(10_000, || {
        let d = js_sys::Reflect::get(&frame, &"contentDocument".into()).ok().filter(|d| !d.is_null() && !d.is_undefined())?;
        let d: Document = d.unchecked_into();
        (d.url().ok()? == "about:srcdoc" && d.ready_state() == "complete").then_some(d)
    })
    .await;
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../styles/app.css")));
    inner.head().unwrap().append_child(&style).unwrap();
    // Made by this page's document (so the app's type checks hold), adopted by the frame.
    let root = document.create_element("div").unwrap();
    inner.body().unwrap().append_child(&root).unwrap();
    (frame, root)
}

#[wasm_bindgen_test]
async fn side_by_side_shows_both_pictures_on_screen_in_landscape_and_portrait() {
    let name = seeded().await;
    for (w, h) in [(1280u32, 800u32), (800, 1280)] {
        let (frame, root) = tablet_frame(w, h).await;
        let props = follicle::app::AppProps { db_name: name.clone().into(), memory_history: true, clock: Default::default(), screens: follicle::screens::ALL };
        let app = yew::Renderer::<follicle::app::App>::with_root_and_props(root.clone(), props).render();
        wait_for_text(&root, "员工").await;
        click(&root, "a", "员工");
        sign_in_as(&root, MANAGER, MANAGER_PIN).await;
        wait_for_text(&root, "本机顾客总数").await;
        open_card(&root, "王超", "王先生").await;
        tap(&root, "a", "头发变化").await;
        wait_for_text(&root, "相隔天数").await;
        let pressed = wait_for(5_000, || by_text(&root, "button[aria-pressed='true']", "并排对比")).await;
        assert!(pressed.text_content().unwrap().contains("并排对比"), "side by side is the first view");
        // Both pictures drawn.
        let images = wait_for(10_000, || {
            let list = root.query_selector_all(".side-by-side img").unwrap();
            (list.length() == 2).then(|| (0..2).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect::<Vec<_>>())
        })
        .await;
        assert_eq!(images.len(), 2);
        // Portrait: as the page opens (the tablet: the later picture was below
        // the bottom edge). Landscape, where the customer's name and the site tabs take a
        // third of the height: with the comparison scrolled to the top, as one reads it.
        let win = js_sys::Reflect::get(&frame, &"contentWindow".into()).unwrap();
        let scroll: js_sys::Function = js_sys::Reflect::get(&win, &"scrollTo".into()).unwrap().unchecked_into();
        scroll.call2(&win, &0.into(), &0.into()).unwrap();
        if w > h {
            root.query_selector(".compare").unwrap().expect("the comparison").scroll_into_view();
        }
        gloo::timers::future::TimeoutFuture::new(100).await;
        for (which, img) in ["before", "after"].iter().zip(&images) {
            let r = img.get_bounding_client_rect();
            assert!(r.width() >= 200.0 && r.height() >= 150.0, "{w}×{h}: the {which} picture is big enough to see: {} × {}", r.width(), r.height());
            assert!(
                r.top() >= 0.0 && r.left() >= 0.0 && r.bottom() <= h as f64 + 0.5 && r.right() <= w as f64 + 0.5,
                "{w}×{h}: the {which} picture is inside the screen: top {} left {} bottom {} right {}",
                r.top(),
                r.left(),
                r.bottom(),
                r.right()
            );
        }
        app.destroy();
        frame.remove();
    }
}
