//! The staff home's sync line: when the tablet last synced with the store's server,
//! how many changes wait to go, the last problem in words, a progress bar while a
//! long first pull runs, and a way to sync now.

use yew::prelude::*;

use crate::actions;
use crate::clock::local_time;
use crate::components::sync_agent::SyncView;
use crate::context::use_app;
use crate::hooks::use_load;
use crate::i18n::{Msg, T};

#[function_component(SyncStatusLine)]
pub fn sync_status_line() -> Html {
    let ctx = use_app();
    let view = use_context::<SyncView>();
    let attempts = view.as_ref().map_or(0, |v| v.attempts);
    let facts = use_load(attempts, |ctx, _| async move {
        let configured = actions::sync::settings(&ctx).await?.is_some();
        let (status, waiting) = actions::sync::status(&ctx).await;
        Ok((configured, status, waiting))
    });
    let l = ctx.lang;
    let Some(Ok((configured, status, waiting))) = &*facts else { return html! {} };
    if !configured {
        return html! { <p class="sync-status muted-strong">{ ctx.t(T::SyncNotSetUp) }</p> };
    }
    let running = view.as_ref().is_some_and(|v| v.running);
    let progress = view.as_ref().map(|v| v.progress).unwrap_or_default();
    let now = view.as_ref().map(|v| v.sync_now.clone()).unwrap_or_default();
    let last = match status.last_ok {
        Some(ms) => Msg::new(T::SyncLastOk).arg(local_time(ms)).get(l),
        None => ctx.t(T::SyncNeverDone).to_string(),
    };
    html! {
        <section class="sync-status card-section" aria-labelledby="sync-title">
            <h2 id="sync-title">{ ctx.t(T::SyncTitle) }</h2>
            <p class="sync-last">{ last }</p>
            <p class="sync-waiting">{ Msg::new(T::SyncWaiting).arg(*waiting).get(l) }</p>
            if running {
                <p class="status" role="status">
                    { match progress.total {
                        Some(total) if total > 0 => Msg::new(T::SyncPulling).arg(progress.pulled).arg(total).get(l),
                        _ => ctx.t(T::SyncRunning).to_string(),
                    } }
                </p>
                if let Some(total) = progress.total.filter(|t| *t > 0) {
                    <progress class="sync-progress" max={total.to_string()} value={progress.pulled.min(total as usize).to_string()}
                        aria-label={ctx.t(T::SyncTitle)} />
                }
            } else if let Some(error) = status.error {
                <p class="error" role="alert"><span aria-hidden="true">{ "⚠ " }</span>{ error.message().get(l) }</p>
            }
            <button class="btn big" onclick={now.reform(|_: MouseEvent| ())} disabled={running}>{ ctx.t(T::SyncNow) }</button>
        </section>
    }
}
