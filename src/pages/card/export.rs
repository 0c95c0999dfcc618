//! 导出资料副本, on the customer card: the customer's own copy of everything stored
//! about them (PIPL art. 45), as one HTML file (see `crate::export_doc`). Making the
//! file logs who exported and when; the file is then saved with a tap on a real link
//! (a download the tablet's browser never blocks), named by date only.

use std::rc::Rc;

use yew::prelude::*;

use crate::context::{use_app, AppContext};
use crate::actions;
use crate::i18n::{T, Msg};

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
    let ctx = use_app();
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

/// Gathers, renders and logs (the action); only a logged export is handed out.
async fn make_file(ctx: &AppContext, id: &str) -> Result<(FileUrl, String), Msg> {
    let (blob, name) = actions::customer::export_copy(ctx, id).await?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Msg::from(T::ExportFailed))?;
    Ok((FileUrl(url), name))
}
