//! Pictures from the `photo_blobs` store, and the comparison of two pictures of one
//! scalp site: side by side, or one over the other with a line to drag (touch, mouse
//! or the keyboard through a range input), with zoom by buttons or pinch.
//!
//! Positions and zoom are written to `element.style` from code (CSSOM), which a
//! Content-Security-Policy without 'unsafe-inline' still allows.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::context::use_app;
use crate::domain::photo::days_between;
use crate::domain::PhotoMeta;
use crate::i18n::{Msg, T};

/// An object URL for a Blob, revoked when dropped so images do not pile up in memory.
#[derive(PartialEq)]
pub struct ObjectUrl(pub String);

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.0);
    }
}

#[derive(Properties, PartialEq)]
pub struct PhotoImageProps {
    pub photo_id: AttrValue,
    /// The 256 px thumbnail instead of the full image.
    #[prop_or_default]
    pub thumb: bool,
    pub alt: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

/// One stored picture, loaded from IndexedDB when shown.
#[function_component(PhotoImage)]
pub fn photo_image(props: &PhotoImageProps) -> Html {
    let ctx = use_app();
    let url = use_state(|| None::<Rc<ObjectUrl>>);
    {
        let (ctx, url) = (ctx.clone(), url.clone());
        use_effect_with((props.photo_id.clone(), props.thumb), move |(id, thumb)| {
            let (id, thumb) = (id.to_string(), *thumb);
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(blob) = crate::actions::photos::image(&ctx, &id, thumb).await {
                    if let Ok(u) = web_sys::Url::create_object_url_with_blob(&blob) {
                        url.set(Some(Rc::new(ObjectUrl(u))));
                    }
                }
            });
        });
    }
    match &*url {
        Some(u) => html! { <img src={u.0.clone()} alt={props.alt.clone()} class={props.class.clone()} ref={props.node_ref.clone()} draggable="false" /> },
        None => html! { <div class={classes!("img-loading", props.class.clone())} role="img" aria-label={props.alt.clone()} /> },
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    SideBySide,
    Slider,
}

const ZOOMS: [f64; 5] = [1.0, 1.5, 2.0, 3.0, 4.0];

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub before: PhotoMeta,
    pub after: PhotoMeta,
}

fn set_style(node: &NodeRef, property: &str, value: &str) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let _ = el.style().set_property(property, value);
    }
}

#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let ctx = use_app();
    let mode = use_state(|| Mode::SideBySide);
    // Where the line is, in percent of the width from the left.
    let split = use_state(|| 50.0f64);
    let zoom = use_state(|| 1.0f64);
    let frame = use_node_ref();
    let top = use_node_ref();
    let line = use_node_ref();
    let images = [use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref()];
    // Pointers down on the frame (id → x, y), and the pinch's start (distance, zoom).
    let pointers = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    let pinch = use_mut_ref(|| None::<(f64, f64)>);
    let l = ctx.lang;

    {
        let (top, line, split, mode) = (top.clone(), line.clone(), *split, *mode);
        use_effect_with((split.to_bits(), mode), move |_| {
            set_style(&top, "clip-path", &format!("inset(0 {:.2}% 0 0)", 100.0 - split));
            set_style(&line, "left", &format!("{split:.2}%"));
        });
    }
    {
        let (images, zoom) = (images.clone(), *zoom);
        use_effect_with((zoom.to_bits(), *mode), move |_| {
            for image in &images {
                set_style(image, "transform", &format!("scale({zoom})"));
            }
        });
    }

    let zoom_by = |step: i32| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| {
            let at = ZOOMS.iter().position(|z| *z >= *zoom).unwrap_or(0) as i32;
            let next = if step == 0 { 0 } else { (at + step).clamp(0, ZOOMS.len() as i32 - 1) };
            zoom.set(ZOOMS[next as usize]);
        })
    };
    let set_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(m))
    };
    let on_range = {
        let split = split.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value_as_number();
            if value.is_finite() {
                split.set(value.clamp(0.0, 100.0));
            }
        })
    };
    // One finger (or the mouse) drags the line; two fingers pinch to zoom.
    let on_down = {
        let (pointers, pinch, zoom, frame) = (pointers.clone(), pinch.clone(), zoom.clone(), frame.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = frame.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            let mut p = pointers.borrow_mut();
            p.insert(e.pointer_id(), (e.client_x() as f64, e.client_y() as f64));
            if p.len() == 2 {
                *pinch.borrow_mut() = Some((distance(&p), *zoom));
            }
        })
    };
    let on_move = {
        let (pointers, pinch, zoom, split, frame, mode) = (pointers.clone(), pinch.clone(), zoom.clone(), split.clone(), frame.clone(), *mode);
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            if !p.contains_key(&e.pointer_id()) {
                return;
            }
            p.insert(e.pointer_id(), (e.client_x() as f64, e.client_y() as f64));
            if p.len() >= 2 {
                if let Some((start, start_zoom)) = *pinch.borrow() {
                    if start > 0.0 {
                        zoom.set((start_zoom * distance(&p) / start).clamp(1.0, 4.0));
                    }
                }
            } else if mode == Mode::Slider {
                if let Some(el) = frame.cast::<web_sys::Element>() {
                    let rect = el.get_bounding_client_rect();
                    if rect.width() > 0.0 {
                        split.set(((e.client_x() as f64 - rect.left()) / rect.width() * 100.0).clamp(0.0, 100.0));
                    }
                }
            }
        })
    };
    let on_up = {
        let (pointers, pinch) = (pointers.clone(), pinch.clone());
        Callback::from(move |e: PointerEvent| {
            pointers.borrow_mut().remove(&e.pointer_id());
            *pinch.borrow_mut() = None;
        })
    };

    let (b, a) = (&props.before, &props.after);
    let caption = |which: T, photo: &PhotoMeta| format!("{} {}", which.get(l), photo.taken_on);
    let alt = |which: T, photo: &PhotoMeta| format!("{} {} {}", which.get(l), photo.site.label(l), photo.taken_on);
    html! {
        <section class="compare" aria-label={ctx.t(T::HairProgress)}>
            <div class="compare-bar">
                <div class="segmented" role="group">
                    <button class={classes!("btn", (*mode == Mode::SideBySide).then_some("primary"))} aria-pressed={(*mode == Mode::SideBySide).to_string()}
                        onclick={set_mode(Mode::SideBySide)}>{ ctx.t(T::SideBySide) }</button>
                    <button class={classes!("btn", (*mode == Mode::Slider).then_some("primary"))} aria-pressed={(*mode == Mode::Slider).to_string()}
                        onclick={set_mode(Mode::Slider)}>{ ctx.t(T::Slider) }</button>
                </div>
                <p class="days-apart">{ Msg::new(T::DaysApartCount).arg(days_between(b, a)).get(l) }</p>
                <div class="zoom" role="group">
                    <button class="btn" onclick={zoom_by(-1)} aria-label={ctx.t(T::ZoomOut)}>{ "－" }</button>
                    <span class="zoom-level" aria-live="polite">{ format!("{:.1}×", *zoom) }</span>
                    <button class="btn" onclick={zoom_by(1)} aria-label={ctx.t(T::ZoomIn)}>{ "＋" }</button>
                    <button class="btn" onclick={zoom_by(0)}>{ ctx.t(T::ZoomReset) }</button>
                </div>
            </div>
            { match *mode {
                Mode::SideBySide => html! {
                    <div class="side-by-side" ref={frame.clone()} onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
                        <figure>
                            <div class="viewport"><PhotoImage photo_id={b.id.clone()} alt={alt(T::Before, b)} node_ref={images[0].clone()} /></div>
                            <figcaption>{ caption(T::Before, b) }</figcaption>
                        </figure>
                        <figure>
                            <div class="viewport"><PhotoImage photo_id={a.id.clone()} alt={alt(T::After, a)} node_ref={images[1].clone()} /></div>
                            <figcaption>{ caption(T::After, a) }</figcaption>
                        </figure>
                    </div>
                },
                Mode::Slider => html! {
                    <div class="slider-compare">
                        <div class="slider-frame viewport" ref={frame.clone()} onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
                            <PhotoImage photo_id={a.id.clone()} alt={alt(T::After, a)} node_ref={images[2].clone()} />
                            <div class="slider-top" ref={top.clone()}>
                                <PhotoImage photo_id={b.id.clone()} alt={alt(T::Before, b)} node_ref={images[3].clone()} />
                            </div>
                            <div class="slider-line" ref={line.clone()} aria-hidden="true"><span>{ "⇔" }</span></div>
                            <span class="slider-tag left">{ caption(T::Before, b) }</span>
                            <span class="slider-tag right">{ caption(T::After, a) }</span>
                        </div>
                        <label class="slider-range">
                            <span class="visually-hidden">{ ctx.t(T::SliderLabel) }</span>
                            <input type="range" min="0" max="100" step="1" value={format!("{:.0}", *split)} oninput={on_range} />
                        </label>
                    </div>
                },
            } }
        </section>
    }
}

fn distance(pointers: &HashMap<i32, (f64, f64)>) -> f64 {
    let mut it = pointers.values();
    match (it.next(), it.next()) {
        (Some(a), Some(b)) => ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt(),
        _ => 0.0,
    }
}
