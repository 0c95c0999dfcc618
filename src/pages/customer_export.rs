//! 导出资料副本, on the customer card: the customer's own copy of everything stored
//! about them (PIPL art. 45), as one HTML file (see `crate::export_doc`). Making the
//! file logs who exported and when; the file is then saved with a tap on a real link
//! (a download the tablet's browser never blocks), named by date only.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::{now_ms, AppContext};
use crate::domain::export::{file_name, ExportInfo};
use crate::i18n::Msg;
use crate::i18n::T;
use crate::pages::staff_search::today;

#[derive(Properties, PartialEq)]
pub struct ExportCopyProps {
    pub customer_id: String,
}

/// An object URL for the made file, revoked when the screen lets go of it.
#[derive(PartialEq)]
struct FileUrl(String);

impl Drop for FileUrl {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.0);
    }
}

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Making,
    Ready(Rc<FileUrl>, String),
    Failed(Msg),
}

#[function_component(ExportCopy)]
pub fn export_copy(props: &ExportCopyProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let state = use_state(|| State::Idle);
    let l = ctx.lang;
    let make = {
        let (ctx, state, id) = (ctx.clone(), state.clone(), props.customer_id.clone());
        Callback::from(move |_: MouseEvent| {
            if *state == State::Making {
                return;
            }
            state.set(State::Making);
            let (ctx, state, id) = (ctx.clone(), state.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match make_file(&ctx, &id).await {
                    Ok((url, name)) => State::Ready(Rc::new(url), name),
                    Err(e) => State::Failed(e),
                });
            });
        })
    };
    html! {
        <section class="card-section export-zone">
            <h2>{ ctx.t(T::ExportTitle) }</h2>
            <p class="hint">{ ctx.t(T::ExportHint) }</p>
            { match &*state {
                State::Ready(url, name) => html! {
                    <>
                        <p class="status done" role="status">{ "✓ " }{ ctx.t(T::ExportReady) }</p>
                        <div class="actions">
                            <a class="btn big primary export-file" href={url.0.clone()} download={name.clone()}>{ ctx.t(T::ExportSave) }</a>
                        </div>
                    </>
                },
                other => html! {
                    <>
                        if let State::Failed(e) = other { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                        <div class="actions">
                            <button class="btn big" onclick={make} disabled={*other == State::Making}>
                                { ctx.t(if *other == State::Making { T::ExportMaking } else { T::ExportMake }) }
                            </button>
                        </div>
                    </>
                },
            } }
        </section>
    }
}

/// Gathers, renders and logs; only a logged export is handed out.
async fn make_file(ctx: &AppContext, id: &str) -> Result<(FileUrl, String), Msg> {
    let export = ctx.db.customer_export(id).await.map_err(|e| e.message())?.ok_or_else(|| Msg::from(T::CustomerGone))?;
    let now = now_ms();
    let info = ExportInfo {
        store_name: ctx.settings.store_name.clone(),
        made_at: now,
        // getTimezoneOffset is UTC minus local time.
        utc_offset_minutes: -(js_sys::Date::new_0().get_timezone_offset() as i32),
    };
    let html = crate::export_doc::render(&export, &info);
    let parts = js_sys::Array::of1(&html.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html;charset=utf-8");
    let failed = |_| Msg::from(T::ExportFailed);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = FileUrl(web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?);
    let by = ctx.staff.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    ctx.db.log_export(id, &by, &ctx.settings.stamp(now)).await.map_err(|e| e.message())?;
    Ok((url, file_name(today())))
}
