//! Keeps this tablet in step with the store's server, in the background: a sync on
//! start, when the network comes back, a short while after changes are made here, and
//! every few minutes; one at a time; after a failure that waiting can mend, the next
//! try waits longer and longer (backoff). What it is doing is shared with the screens
//! that show it ([`SyncView`]). The agent runs in the start module; the staff module's
//! screens see it through [`SyncLink`] (page_bus.rs).

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::actions;
use crate::actions::sync::Failure;
use crate::context::use_app;
use crate::domain::replication::Backoff;
use crate::sync::engine::Progress;

/// How often the agent looks for changes waiting to go.
const LOOK_EVERY_MS: u32 = 15_000;
/// How often the agent looks whether the retention rule is due (it runs once a day).
const RETENTION_EVERY_MS: u32 = 60 * 60_000;
/// A sync at least this often even with nothing waiting here (to hear from the others).
const SYNC_EVERY_MS: f64 = 5.0 * 60_000.0;

/// What the background sync is doing, for the status line.
#[derive(Clone, PartialEq)]
pub struct SyncView {
    pub running: bool,
    pub progress: Progress,
    /// Bumped after every attempt: screens read the stored status again.
    pub attempts: u32,
    /// Starts a sync now (the status line's 立即同步).
    pub sync_now: Callback<()>,
}

#[derive(Properties, PartialEq)]
pub struct SyncAgentProps {
    pub children: Html,
}

#[function_component(SyncAgent)]
pub fn sync_agent(props: &SyncAgentProps) -> Html {
    let ctx = use_app();
    let running = use_state_eq(|| false);
    let progress = use_state_eq(Progress::default);
    let attempts = use_state(|| 0u32);
    // Readable at once, across renders.
    let busy = use_memo((), |_| Cell::new(false));
    let failures = use_memo((), |_| Cell::new(0u32));
    let not_before = use_memo((), |_| Cell::new(0.0f64));
    let last_run = use_memo((), |_| Cell::new(0.0f64));

    let run: Rc<dyn Fn(bool)> = {
        let (ctx, running, progress, attempts) = (ctx.clone(), running.clone(), progress.clone(), attempts.clone());
        let (busy, failures, not_before, last_run) = (busy.clone(), failures.clone(), not_before.clone(), last_run.clone());
        Rc::new(move |forced: bool| {
            let now = js_sys::Date::now();
            if busy.get() || (!forced && now < not_before.get()) {
                return;
            }
            busy.set(true);
            running.set(true);
            last_run.set(now);
            let (ctx, running, progress, attempts) = (ctx.clone(), running.clone(), progress.clone(), attempts.clone());
            let (busy, failures, not_before) = (busy.clone(), failures.clone(), not_before.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let on_progress = |p: Progress| progress.set(p);
                let outcome = actions::sync::sync_now(&ctx, &on_progress).await;
                let now = js_sys::Date::now();
                match outcome {
                    Some(Err(f)) => {
                        let n = failures.get() + 1;
                        failures.set(n);
                        // Waiting mends it: back off. Otherwise a person must act (the
                        // status line says what); try again only now and then.
                        let wait = if f.retry() { Backoff::default().delay_ms(n - 1, js_sys::Math::random()) as f64 } else { 30.0 * 60_000.0 };
                        not_before.set(now + wait);
                    }
                    _ => {
                        failures.set(0);
                        not_before.set(0.0);
                    }
                }
                busy.set(false);
                running.set(false);
                attempts.set(*attempts + 1);
            });
        })
    };

    {
        let (run, ctx, last_run) = (run.clone(), ctx.clone(), last_run.clone());
        use_effect_with((), move |_| {
            run(false);
            let online = {
                let run = run.clone();
                EventListener::new(&gloo::utils::window(), "online", move |_| run(true))
            };
            let look = Interval::new(LOOK_EVERY_MS, move || {
                let (run, ctx, last_run) = (run.clone(), ctx.clone(), last_run.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let due = js_sys::Date::now() - last_run.get() > SYNC_EVERY_MS;
                    if due || actions::sync::waiting(&ctx).await > 0 {
                        run(false);
                    }
                });
            });
            move || {
                drop(online);
                drop(look);
            }
        });
    }

    // The retention rule, at most once a day on this tablet (looked at every hour, so a
    // tablet never restarted runs it too). What went is in the audit log; a failure is
    // tried again next time.
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            let check = move || {
                let ctx = ctx.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = actions::retention::run_if_due(&ctx).await;
                })
            };
            check();
            let hourly = Interval::new(RETENTION_EVERY_MS, check);
            move || drop(hourly)
        });
    }

    // The staff module, when open, hears what the agent does and can ask for a sync.
    {
        let state = crate::page_bus::SyncState { running: *running, pulled: progress.pulled, total: progress.total, pushed: progress.pushed, attempts: *attempts };
        use_effect_with(state, |state| crate::page_bus::post(crate::page_bus::SYNC_STATE, state));
        let run = run.clone();
        let latest = use_mut_ref(crate::page_bus::SyncState::default);
        *latest.borrow_mut() = state;
        use_effect_with((), move |_| {
            let ask = crate::page_bus::listen(crate::page_bus::SYNC_ASK, move |()| crate::page_bus::post(crate::page_bus::SYNC_STATE, &*latest.borrow()));
            let now = crate::page_bus::listen(crate::page_bus::SYNC_NOW, move |()| run(true));
            move || {
                drop(ask);
                drop(now);
            }
        });
    }

    let view = SyncView {
        running: *running,
        progress: *progress,
        attempts: *attempts,
        sync_now: {
            let run = run.clone();
            Callback::from(move |_| run(true))
        },
    };
    html! {
        <ContextProvider<SyncView> context={view}>
            { props.children.clone() }
        </ContextProvider<SyncView>>
    }
}

/// The staff module's view of the agent in the start module: the same [`SyncView`]
/// for the screens, from the agent's messages; 立即同步 asks the agent. What a sync
/// brings reaches this module's memory (`actions::sync::received`).
#[function_component(SyncLink)]
pub fn sync_link(props: &SyncAgentProps) -> Html {
    let ctx = use_app();
    let state = use_state_eq(crate::page_bus::SyncState::default);
    {
        let state = state.clone();
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            let heard = crate::page_bus::listen(crate::page_bus::SYNC_STATE, move |s| state.set(s));
            let received = crate::page_bus::listen(crate::page_bus::RECEIVED, move |r| {
                let ctx = ctx.clone();
                wasm_bindgen_futures::spawn_local(async move { actions::sync::received(&ctx, r).await });
            });
            crate::page_bus::post(crate::page_bus::SYNC_ASK, &());
            move || {
                drop(heard);
                drop(received);
            }
        });
    }
    let view = SyncView {
        running: state.running,
        progress: Progress { pulled: state.pulled, total: state.total, pushed: state.pushed },
        attempts: state.attempts,
        sync_now: Callback::from(|_| crate::page_bus::post(crate::page_bus::SYNC_NOW, &())),
    };
    html! {
        <ContextProvider<SyncView> context={view}>
            { props.children.clone() }
        </ContextProvider<SyncView>>
    }
}

#[derive(Properties, PartialEq)]
pub struct BackgroundAgentProps {
    pub db_name: AttrValue,
}

/// The agent on its own, as the staff module runs it for the start module (screens.rs):
/// its own connection and settings, no screen. It waits for the tablet's setup.
#[function_component(BackgroundAgent)]
pub fn background_agent(props: &BackgroundAgentProps) -> Html {
    let ready = use_state(|| None::<(crate::storage::Db, crate::domain::AppSettings)>);
    let search = use_memo((), |_| crate::search_cache::SearchCache::default());
    {
        let (ready, name) = (ready.clone(), props.db_name.to_string());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(db) = crate::storage::Db::open(&name, Default::default()).await else { return };
                loop {
                    if let Ok(Some(settings)) = db.settings().await {
                        ready.set(Some((db, settings)));
                        return;
                    }
                    gloo::timers::future::TimeoutFuture::new(30_000).await;
                }
            });
        });
    }
    let Some((db, settings)) = (*ready).clone() else { return html! {} };
    let set_settings = {
        let (ready, db) = (ready.clone(), db.clone());
        Callback::from(move |s| ready.set(Some((db.clone(), s))))
    };
    let ctx = crate::context::AppContext {
        db,
        lang: settings.default_lang,
        settings: Rc::new(settings),
        set_lang: Callback::noop(),
        set_settings,
        staff: None,
        set_staff: Callback::noop(),
        search: (*search).clone(),
        clock: Default::default(),
    };
    html! {
        <ContextProvider<crate::context::AppContext> context={ctx}>
            <SyncAgent>{ Html::default() }</SyncAgent>
        </ContextProvider<crate::context::AppContext>>
    }
}

/// The failure said in words, for the status line.
pub fn failure_text(f: Failure, lang: crate::i18n::Lang) -> String {
    f.message().get(lang)
}
