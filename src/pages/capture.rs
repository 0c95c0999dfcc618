//! 拍照或添加图片 (staff): a picture from the tablet's camera (live preview with last
//! time's picture of the same site as a faint overlay, so the framing repeats) or
//! from a file (a trichoscope's export), with kind, scalp site, date and note. The
//! picture is downscaled and re-encoded in the browser before it is stored.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::components::choice_group::ChoiceGroup;
use crate::components::sensitive_gate::SensitiveGate;
use crate::components::text_field::TextField;
use crate::components::whose::Whose;
use crate::domain::photo::PhotoDraft;
use crate::actions;
use crate::clock::date_field;
use crate::components::compare::{ObjectUrl, PhotoImage};
use crate::domain::{PhotoKind, PhotoMeta, ScalpSite};
use crate::hooks::{use_load, use_submit};
use crate::i18n::{T, Msg};
use crate::imaging::{self, Processed};

#[derive(Properties, PartialEq)]
pub struct CaptureProps {
    pub id: String,
}

const KINDS: [(PhotoKind, T); 2] = [(PhotoKind::Trichoscope, T::KindTrichoscope), (PhotoKind::Camera, T::KindCamera)];

/// The camera stream, stopped when dropped (leaving the page turns the camera off).
struct Camera(web_sys::MediaStream);

impl Drop for Camera {
    fn drop(&mut self) {
        for track in self.0.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}

impl PartialEq for Camera {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

async fn open_camera() -> Result<web_sys::MediaStream, wasm_bindgen::JsValue> {
    let devices = gloo::utils::window().navigator().media_devices()?;
    let constraints = web_sys::MediaStreamConstraints::new();
    // The back camera, as sharp as it offers (the picture is downscaled anyway).
    let video = js_sys::JSON::parse(r#"{"facingMode":"environment","width":{"ideal":1920}}"#)?;
    constraints.set_video(&video);
    let stream = JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?;
    stream.dyn_into()
}

/// One frame of the live video as a JPEG Blob (then processed like any file).
async fn grab_frame(video: &web_sys::HtmlVideoElement) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
    let (w, h) = (video.video_width(), video.video_height());
    let canvas = web_sys::OffscreenCanvas::new(w.max(1), h.max(1))?;
    let context: web_sys::OffscreenCanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    context.draw_image_with_html_video_element(video, 0.0, 0.0)?;
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/jpeg");
    options.set_quality(0.95);
    JsFuture::from(canvas.convert_to_blob_with_options(&options)?).await?.dyn_into()
}

#[function_component(Capture)]
pub fn capture(props: &CaptureProps) -> Html {
    let ctx = use_app();
    let navigator = use_navigator().expect("inside a router");
    let draft = use_state(|| PhotoDraft { taken_on: date_field(ctx.clock.today()), ..Default::default() });
    let photos = use_load(props.id.clone(), |ctx, id| async move { actions::photos::photos_of(&ctx, &id).await });
    let camera = use_state(|| None::<Rc<Camera>>);
    let processed = use_state(|| None::<Rc<(Processed, ObjectUrl)>>);
    // Whether the picture shown came from a file (then "choose another", not "retake").
    let from_file = use_state(|| false);
    let busy = use_state(|| false);
    let message = use_state(|| None::<Msg>);
    let submit = use_submit();
    let video = use_node_ref();
    let l = ctx.lang;

    // The live preview shows the stream once the <video> is on screen.
    {
        let (video, camera) = (video.clone(), camera.clone());
        use_effect_with(camera.as_ref().map(|c| c.0.id()), move |_| {
            if let (Some(v), Some(c)) = (video.cast::<web_sys::HtmlVideoElement>(), camera.as_ref()) {
                v.set_src_object(Some(&c.0));
                let _ = v.play();
            }
        });
    }

    let take = {
        let (processed, busy, message) = (processed.clone(), busy.clone(), message.clone());
        Callback::from(move |blob: web_sys::Blob| {
            busy.set(true);
            message.set(Some(Msg::from(T::Processing)));
            let (processed, busy, message) = (processed.clone(), busy.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match imaging::process(&blob).await {
                    Ok(done) => match web_sys::Url::create_object_url_with_blob(&done.image) {
                        Ok(url) => {
                            processed.set(Some(Rc::new((done, ObjectUrl(url)))));
                            message.set(Some(Msg::from(T::PhotoReady)));
                        }
                        Err(_) => message.set(Some(imaging::ImageError::Corrupt.message())),
                    },
                    Err(e) => {
                        processed.set(None);
                        message.set(Some(e.message()));
                    }
                }
                busy.set(false);
            });
        })
    };
    let on_file = {
        let (take, from_file) = (take.clone(), from_file.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                from_file.set(true);
                take.emit(file.into());
            }
            // The same file chosen again must fire again.
            input.set_value("");
        })
    };
    let on_camera = {
        let (camera, message) = (camera.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let (camera, message) = (camera.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match open_camera().await {
                    Ok(stream) => {
                        message.set(None);
                        camera.set(Some(Rc::new(Camera(stream))));
                    }
                    Err(_) => message.set(Some(Msg::from(T::CameraFailed))),
                }
            });
        })
    };
    let on_shutter = {
        let (video, take, camera, message, from_file) = (video.clone(), take.clone(), camera.clone(), message.clone(), from_file.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(v) = video.cast::<web_sys::HtmlVideoElement>() else { return };
            let (take, camera, message, from_file) = (take.clone(), camera.clone(), message.clone(), from_file.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match grab_frame(&v).await {
                    Ok(blob) => {
                        from_file.set(false);
                        camera.set(None);
                        take.emit(blob);
                    }
                    Err(_) => message.set(Some(Msg::from(T::CameraFailed))),
                }
            });
        })
    };
    let retake = {
        let processed = processed.clone();
        Callback::from(move |_: MouseEvent| processed.set(None))
    };
    let on_save = {
        let (ctx, draft, processed, submit, navigator, id) = (ctx.clone(), draft.clone(), processed.clone(), submit.clone(), navigator.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(done) = (*processed).clone() else { return };
            let (ctx, draft, navigator, id) = (ctx.clone(), (*draft).clone(), navigator.clone(), id.clone());
            let to = Route::CustomerProgress { id: id.clone() };
            submit.run(async move { actions::photos::add_photo(&ctx, &id, &draft, &done.0).await }, move |()| navigator.push(&to));
        })
    };

    let mut sites: Vec<ScalpSite> = ScalpSite::BUILT_IN.to_vec();
    sites.extend(ctx.settings.store.custom_sites.iter().map(|s| ScalpSite::Custom(s.clone())));
    let site_names: Vec<AttrValue> = sites.iter().map(|s| AttrValue::from(s.label(l))).collect();
    let on_site = {
        let (draft, sites) = (draft.clone(), sites.clone());
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.site = sites.get(i).cloned();
            draft.set(d);
        })
    };
    let on_kind = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.kind = KINDS.get(i).map(|(k, _)| *k);
            draft.set(d);
        })
    };
    let set_text = |apply: fn(&mut PhotoDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    // Last time's picture of the chosen site, for the onion skin.
    let stored: &[PhotoMeta] = match &*photos { Some(Ok(list)) => list, _ => &[] };
    let previous = draft.site.as_ref().and_then(|site| stored.iter().filter(|p| &p.site == site).max_by_key(|p| (p.taken_on, p.meta.created_at)).cloned());
    // Back where the form was opened: the customer's hair progress.
    let back = html! { <Link<Route> to={Route::CustomerProgress { id: props.id.clone() }} classes="btn big">{ ctx.t(T::Cancel) }</Link<Route>> };

    let form = html! {
        <section class="capture narrow">
            <h1>{ ctx.t(T::AddPhoto) }</h1>
            <Whose customer_id={props.id.clone()} />
            <ChoiceGroup id="photo-kind" legend={ctx.t(T::PhotoKindLabel)} options={KINDS.iter().map(|(_, t)| AttrValue::Static(t.get(l))).collect::<Vec<_>>()}
                selected={draft.kind.and_then(|k| KINDS.iter().position(|(x, _)| *x == k))} onselect={on_kind} lang={l} required=true error={error_of("kind")} />
            <ChoiceGroup id="photo-site" legend={ctx.t(T::ScalpSiteLabel)} options={site_names}
                selected={draft.site.as_ref().and_then(|s| sites.iter().position(|x| x == s))} onselect={on_site} lang={l} required=true error={error_of("site")} />
            <TextField id="photo-date" label={ctx.t(T::TakenOn)} value={draft.taken_on.clone()} oninput={set_text(|d, v| d.taken_on = v)} lang={l}
                required=true input_type="date" error={error_of("taken_on")} />
            <TextField id="photo-note" label={ctx.t(T::PhotoNote)} value={draft.note.clone()} oninput={set_text(|d, v| d.note = v)} lang={l} error={error_of("note")} />

            if let Some(done) = &*processed {
                <figure class="capture-preview">
                    <img src={done.1 .0.clone()} alt={ctx.t(T::PhotoReady)} />
                    <figcaption>{ format!("{} × {} · {}", done.0.width, done.0.height, crate::i18n::human_bytes(done.0.bytes as f64)) }</figcaption>
                </figure>
            } else if camera.is_some() {
                <div class="camera">
                    <video ref={video.clone()} autoplay=true muted=true playsinline=true />
                    if let Some(p) = &previous { <PhotoImage photo_id={p.id.clone()} alt="" class={classes!("onion")} /> }
                </div>
                if previous.is_some() { <p class="hint">{ ctx.t(T::OnionHint) }</p> }
            }
            if let Some(m) = &*message { <p class={classes!(if processed.is_some() || *busy { "status" } else { "error" })} role="status">{ m.get(l).to_string() }</p> }
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                if processed.is_some() {
                    <button class="btn big" onclick={retake}>{ ctx.t(if *from_file { T::ChooseAnother } else { T::Retake }) }</button>
                    <button class="btn big primary" onclick={on_save} disabled={*busy || submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
                } else if camera.is_some() {
                    <button class="btn big primary" onclick={on_shutter} disabled={*busy}>{ ctx.t(T::TakePicture) }</button>
                } else {
                    <button class="btn big primary" onclick={on_camera} disabled={*busy}>{ ctx.t(T::UseCamera) }</button>
                    <label class="btn big file-pick">
                        { ctx.t(T::ChooseFile) }
                        <input id="photo-file" type="file" accept="image/*" onchange={on_file} class="visually-hidden" />
                    </label>
                }
                { back }
            </div>
            if processed.is_none() && camera.is_none() { <p class="hint">{ ctx.t(T::ChooseFileHint) }</p> }
        </section>
    };
    html! { <SensitiveGate customer_id={props.id.clone()}>{ form }</SensitiveGate> }
}
