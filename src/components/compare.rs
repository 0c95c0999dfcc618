//! Pictures from the `photo_blobs` store, and the comparison of two pictures of one
//! scalp site: side by side, or one over the other with a line to drag (touch, mouse
//! or the keyboard through a range input), with zoom by buttons or pinch.
//!
//! The later picture is shown aligned to the earlier one (same spot, issue 19): as
//! staff saved it, else as the alignment worker found it (src/aligner.rs), both cropped
//! to what both pictures cover; 按拍摄原样 shows them as taken. When the worker says
//! they may not show the same spot, the comparison says so and shows them as taken.
//! Staff can line them up by hand (drag, two-finger turn and pinch, or buttons) and
//! save it on the later picture.
//!
//! Positions and zoom are written to `element.style` from code (CSSOM), which a
//! Content-Security-Policy without 'unsafe-inline' still allows.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use align::{common_crop, css_transforms, Frame, Similarity};

use crate::aligner::Found;
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
/// The view box's shape (height / width): `.viewport { aspect-ratio: 4 / 3 }`.
const VIEW_ASPECT: f64 = 0.75;
/// One tap of a move, turn or size button.
const NUDGE: f64 = 0.005;
const TURN_DEGREES: f64 = 0.5;
const RESIZE: f64 = 1.01;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub before: PhotoMeta,
    pub after: PhotoMeta,
    /// Staff may line the pictures up by hand and save it (not on the customer's own view).
    #[prop_or_default]
    pub can_adjust: bool,
}

/// The automatic alignment of the pair.
#[derive(Clone, PartialEq)]
enum Auto {
    Waiting,
    Found(Found),
    Unavailable,
    /// Staff saved one: the worker is not asked.
    NotNeeded,
}

fn set_style(node: &NodeRef, property: &str, value: &str) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let _ = el.style().set_property(property, value);
    }
}

/// Pointers down on the correction frame when the gesture began, and the placement then.
struct Gesture {
    start: Vec<(f64, f64)>,
    placed: Similarity,
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
    // Each picture's wrapper: [side-by-side before, after, slider after, before, correction before, after].
    let images = [use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref()];
    // Pointers down on the frame (id → x, y), and the pinch's start (distance, zoom).
    let pointers = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    let pinch = use_mut_ref(|| None::<(f64, f64)>);
    let gesture = use_mut_ref(|| None::<Gesture>);
    let saved = use_state(|| props.after.alignment_to(&props.before.id));
    let auto = use_state(|| Auto::Waiting);
    let as_taken = use_state(|| false);
    // The placement being corrected by hand (None: not correcting).
    let adjusting = use_state(|| None::<Similarity>);
    let note = use_state(|| None::<Msg>);
    let l = ctx.lang;

    // A new pair: its saved alignment, else ask the worker.
    {
        let (ctx, saved, auto, adjusting, note) = (ctx.clone(), saved.clone(), auto.clone(), adjusting.clone(), note.clone());
        let (before, after) = (props.before.clone(), props.after.clone());
        use_effect_with((props.before.id.clone(), props.after.id.clone()), move |_| {
            let kept = after.alignment_to(&before.id);
            saved.set(kept);
            adjusting.set(None);
            note.set(None);
            if kept.is_some() {
                auto.set(Auto::NotNeeded);
            } else {
                auto.set(Auto::Waiting);
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::actions::photos::auto_alignment(&ctx, &before, &after).await {
                        Ok(found) => auto.set(Auto::Found(found)),
                        Err(_) => auto.set(Auto::Unavailable),
                    }
                });
            }
        });
    }

    let frames = (Frame::of(props.before.width, props.before.height), Frame::of(props.after.width, props.after.height));
    // What is shown: the placement of the later picture, and whether to crop to the common part.
    let placed: Option<(Similarity, bool)> = match (*adjusting, *as_taken, *saved, &*auto) {
        (Some(t), _, _, _) => Some((t, false)),
        (None, true, _, _) => None,
        (None, false, Some(t), _) => Some((t, true)),
        (None, false, None, Auto::Found(f)) if f.same_spot => Some((f.transform, true)),
        _ => None,
    };
    let not_same_spot = !*as_taken && adjusting.is_none() && saved.is_none() && matches!(&*auto, Auto::Found(f) if !f.same_spot);

    {
        let (top, line, split, mode) = (top.clone(), line.clone(), *split, *mode);
        use_effect_with((split.to_bits(), mode, adjusting.is_some()), move |_| {
            set_style(&top, "clip-path", &format!("inset(0 {:.2}% 0 0)", 100.0 - split));
            set_style(&line, "left", &format!("{split:.2}%"));
        });
    }
    {
        let (images, zoom) = (images.clone(), *zoom);
        let key = (zoom.to_bits(), *mode, placed.map(|(t, crop)| (t.scale.to_bits(), t.angle.to_bits(), t.tx.to_bits(), t.ty.to_bits(), crop)));
        use_effect_with(key, move |_| {
            let (earlier, later) = frames;
            let t = placed.map(|(t, _)| t);
            let crop = placed.and_then(|(t, crop)| if crop { common_crop(&t, earlier, later, VIEW_ASPECT) } else { None });
            let (before, after) = css_transforms(t.as_ref(), crop.as_ref(), earlier, later, VIEW_ASPECT);
            let with_zoom = |css: &str| if css == "none" { format!("scale({zoom})") } else { format!("scale({zoom}) {css}") };
            for (i, image) in images.iter().enumerate() {
                let css = if matches!(i, 1 | 2 | 5) { &after } else { &before };
                set_style(image, "transform", &with_zoom(css));
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

    // Correcting by hand: one finger moves the later picture, two turn and resize it.
    let restart = |pointers: &HashMap<i32, (f64, f64)>, gesture: &mut Option<Gesture>, placed: Similarity| {
        let mut start: Vec<(i32, (f64, f64))> = pointers.iter().map(|(k, v)| (*k, *v)).collect();
        start.sort_by_key(|(k, _)| *k);
        *gesture = Some(Gesture { start: start.into_iter().map(|(_, v)| v).collect(), placed });
    };
    let on_adjust_down = {
        let (pointers, gesture, frame, adjusting) = (pointers.clone(), gesture.clone(), frame.clone(), adjusting.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(placed) = *adjusting else { return };
            if let Some(el) = frame.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            let mut p = pointers.borrow_mut();
            p.insert(e.pointer_id(), (e.client_x() as f64, e.client_y() as f64));
            restart(&p, &mut gesture.borrow_mut(), placed);
        })
    };
    let on_adjust_move = {
        let (pointers, gesture, frame, adjusting, zoom) = (pointers.clone(), gesture.clone(), frame.clone(), adjusting.clone(), *zoom);
        let earlier = frames.0;
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            if !p.contains_key(&e.pointer_id()) {
                return;
            }
            p.insert(e.pointer_id(), (e.client_x() as f64, e.client_y() as f64));
            let g = gesture.borrow();
            let Some(g) = g.as_ref() else { return };
            let mut now: Vec<(i32, (f64, f64))> = p.iter().map(|(k, v)| (*k, *v)).collect();
            now.sort_by_key(|(k, _)| *k);
            let now: Vec<(f64, f64)> = now.into_iter().map(|(_, v)| v).collect();
            if now.len() != g.start.len() {
                return;
            }
            let width = frame.cast::<web_sys::Element>().map(|el| el.get_bounding_client_rect().width()).unwrap_or(0.0);
            // Screen pixels per unit of the earlier picture.
            let unit = width * align::geometry::contained_width(VIEW_ASPECT, earlier) * zoom;
            let t = match now.len() {
                1 if unit > 0.0 => Similarity { tx: g.placed.tx + (now[0].0 - g.start[0].0) / unit, ty: g.placed.ty + (now[0].1 - g.start[0].1) / unit, ..g.placed },
                2 => {
                    let v = |pts: &[(f64, f64)]| (pts[1].0 - pts[0].0, pts[1].1 - pts[0].1);
                    let ((x0, y0), (x1, y1)) = (v(&g.start), v(&now));
                    let (d0, d1) = (x0.hypot(y0), x1.hypot(y1));
                    if d0 < 1.0 {
                        return;
                    }
                    let turn = y1.atan2(x1) - y0.atan2(x0);
                    Similarity { scale: (g.placed.scale * d1 / d0).clamp(0.4, 2.5), angle: align::geometry::normal_angle(g.placed.angle + turn), ..g.placed }
                }
                _ => return,
            };
            adjusting.set(Some(t));
        })
    };
    let on_adjust_up = {
        let (pointers, gesture, adjusting) = (pointers.clone(), gesture.clone(), adjusting.clone());
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            p.remove(&e.pointer_id());
            match *adjusting {
                Some(placed) if !p.is_empty() => restart(&p, &mut gesture.borrow_mut(), placed),
                _ => *gesture.borrow_mut() = None,
            }
        })
    };
    let nudge = |change: fn(Similarity) -> Similarity| {
        let adjusting = adjusting.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = *adjusting {
                adjusting.set(Some(change(t)));
            }
        })
    };
    let start_adjusting = {
        let (adjusting, note, auto, saved, gesture) = (adjusting.clone(), note.clone(), auto.clone(), saved.clone(), gesture.clone());
        Callback::from(move |_: MouseEvent| {
            let from = saved.or(match &*auto {
                Auto::Found(f) if f.same_spot => Some(f.transform),
                _ => None,
            });
            *gesture.borrow_mut() = None;
            note.set(None);
            adjusting.set(Some(from.unwrap_or(Similarity::IDENTITY)));
        })
    };
    let cancel_adjusting = {
        let adjusting = adjusting.clone();
        Callback::from(move |_: MouseEvent| adjusting.set(None))
    };
    let save_adjusting = {
        let (ctx, adjusting, saved, note, as_taken) = (ctx.clone(), adjusting.clone(), saved.clone(), note.clone(), as_taken.clone());
        let (before, after) = (props.before.clone(), props.after.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(t) = *adjusting else { return };
            let (ctx, adjusting, saved, note, as_taken, before, after) = (ctx.clone(), adjusting.clone(), saved.clone(), note.clone(), as_taken.clone(), before.clone(), after.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::actions::photos::save_alignment(&ctx, &after, &before, &t).await {
                    Ok(photo) => {
                        saved.set(photo.alignment_to(&before.id));
                        adjusting.set(None);
                        as_taken.set(false);
                        note.set(Some(Msg::new(T::AlignmentSaved)));
                    }
                    Err(refused) => note.set(Some(refused)),
                }
            });
        })
    };
    let toggle_as_taken = {
        let as_taken = as_taken.clone();
        Callback::from(move |_: MouseEvent| as_taken.set(!*as_taken))
    };

    let (b, a) = (&props.before, &props.after);
    let caption = |which: T, photo: &PhotoMeta| format!("{} {}", which.get(l), photo.taken_on);
    let alt = |which: T, photo: &PhotoMeta| format!("{} {} {}", which.get(l), photo.site.label(l), photo.taken_on);
    let picture = |which: T, photo: &PhotoMeta, at: usize| html! {
        <div class="placed" ref={images[at].clone()}><PhotoImage photo_id={photo.id.clone()} alt={alt(which, photo)} /></div>
    };
    let status = if adjusting.is_some() {
        html! { <p class="align-status">{ ctx.t(T::AdjustHint) }</p> }
    } else if *as_taken {
        html! {}
    } else if not_same_spot {
        html! {
            <div class="align-warning" role="status">
                <p><strong>{ format!("⚠ {}", ctx.t(T::NotSameSpot)) }</strong></p>
                <p>{ ctx.t(T::NotSameSpotHint) }</p>
            </div>
        }
    } else {
        let key = match (&*saved, &*auto) {
            (Some(_), _) => Some(T::AlignedByStaff),
            (None, Auto::Waiting) => Some(T::Aligning),
            (None, Auto::Found(_)) => Some(T::AlignedAuto),
            (None, Auto::Unavailable) => Some(T::AlignUnavailable),
            (None, Auto::NotNeeded) => None,
        };
        html! { <p class="align-status" aria-live="polite">{ key.map(|k| ctx.t(k)).unwrap_or_default() }</p> }
    };
    let view = match (*adjusting, *mode) {
        (Some(_), _) => html! {
            <div class="adjust">
                <div class="adjust-frame viewport" ref={frame.clone()} onpointerdown={on_adjust_down} onpointermove={on_adjust_move} onpointerup={on_adjust_up.clone()} onpointercancel={on_adjust_up}>
                    { picture(T::Before, b, 4) }
                    <div class="adjust-top">{ picture(T::After, a, 5) }</div>
                </div>
                <div class="adjust-controls" role="group" aria-label={ctx.t(T::AdjustAlignment)}>
                    <button class="btn" onclick={nudge(|t| Similarity { tx: t.tx - NUDGE, ..t })}>{ format!("← {}", ctx.t(T::MoveLeft)) }</button>
                    <button class="btn" onclick={nudge(|t| Similarity { tx: t.tx + NUDGE, ..t })}>{ format!("→ {}", ctx.t(T::MoveRight)) }</button>
                    <button class="btn" onclick={nudge(|t| Similarity { ty: t.ty - NUDGE, ..t })}>{ format!("↑ {}", ctx.t(T::MoveUp)) }</button>
                    <button class="btn" onclick={nudge(|t| Similarity { ty: t.ty + NUDGE, ..t })}>{ format!("↓ {}", ctx.t(T::MoveDown)) }</button>
                    <button class="btn" onclick={nudge(|t| Similarity { angle: t.angle - TURN_DEGREES.to_radians(), ..t })}>{ format!("↺ {}", ctx.t(T::TurnLeft)) }</button>
                    <button class="btn" onclick={nudge(|t| Similarity { angle: t.angle + TURN_DEGREES.to_radians(), ..t })}>{ format!("↻ {}", ctx.t(T::TurnRight)) }</button>
                    <button class="btn" onclick={nudge(|t| Similarity { scale: (t.scale * RESIZE).min(2.5), ..t })}>{ ctx.t(T::Larger) }</button>
                    <button class="btn" onclick={nudge(|t| Similarity { scale: (t.scale / RESIZE).max(0.4), ..t })}>{ ctx.t(T::Smaller) }</button>
                </div>
                <div class="actions">
                    <button class="btn primary" onclick={save_adjusting}>{ ctx.t(T::SaveAlignment) }</button>
                    <button class="btn" onclick={cancel_adjusting}>{ ctx.t(T::Cancel) }</button>
                </div>
            </div>
        },
        (None, Mode::SideBySide) => html! {
            <div class="side-by-side" ref={frame.clone()} onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
                <figure>
                    <div class="viewport">{ picture(T::Before, b, 0) }</div>
                    <figcaption>{ caption(T::Before, b) }</figcaption>
                </figure>
                <figure>
                    <div class="viewport">{ picture(T::After, a, 1) }</div>
                    <figcaption>{ caption(T::After, a) }</figcaption>
                </figure>
            </div>
        },
        (None, Mode::Slider) => html! {
            <div class="slider-compare">
                <div class="slider-frame viewport" ref={frame.clone()} onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
                    { picture(T::After, a, 2) }
                    <div class="slider-top" ref={top.clone()}>
                        { picture(T::Before, b, 3) }
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
    };
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
            <div class="align-bar">
                <button class={classes!("btn", as_taken.then_some("primary"))} aria-pressed={as_taken.to_string()} disabled={adjusting.is_some()}
                    onclick={toggle_as_taken}>{ ctx.t(T::AsTaken) }</button>
                if props.can_adjust && adjusting.is_none() {
                    <button class="btn" onclick={start_adjusting}>{ ctx.t(T::AdjustAlignment) }</button>
                }
                { status }
            </div>
            if let Some(m) = &*note {
                <p class="align-note" role="status">{ m.get(l) }</p>
            }
            { view }
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
