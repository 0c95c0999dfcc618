//! The root component. It only composes: opens the database, loads this tablet's
//! settings, provides the [`AppContext`] (context.rs) and routes (route.rs) to the pages.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::history::{AnyHistory, BrowserHistory, History, MemoryHistory};
use yew_router::prelude::*;

use crate::clock::Clock;
use crate::components::idle_guard::IdleGuard;
use crate::components::top_bar::TopBar;
use crate::components::update_banner::UpdateBanner;
use crate::context::{use_app, AppContext};
use crate::domain::staff::StaffMember;
use crate::domain::AppSettings;
use crate::route::Route;
use crate::i18n::{Lang, T};
use crate::pages;
use crate::search_cache::SearchCache;
use crate::components::manager_only::ManagerOnly;
use crate::components::staff_only::StaffOnly;
use crate::components::sync_agent::SyncAgent;
use crate::storage::{Db, OpenHooks, StorageError, DB_NAME};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The IndexedDB database to use (tests use their own).
    #[prop_or(AttrValue::Static(DB_NAME))]
    pub db_name: AttrValue,
    /// Route in memory instead of the address bar (component tests).
    #[prop_or(false)]
    pub memory_history: bool,
    /// The clock (tests pass a fixed one).
    #[prop_or_default]
    pub clock: Clock,
}

enum Boot {
    Opening,
    /// Waiting for another tab to let go of an older version.
    Blocked,
    Failed(StorageError),
    /// Another tab upgraded the database: this one must reload.
    VersionChanged,
    /// Open; this tablet's settings (none before setup) and whether it has a manager
    /// (a tablet set up by an older version may have settings but no staff).
    Ready(Db, Option<AppSettings>, bool),
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let boot = use_state(|| Boot::Opening);
    let lang = use_state(Lang::default);
    let staff = use_state_eq(|| None::<Rc<StaffMember>>);
    let search = use_memo((), |_| SearchCache::default());

    {
        let boot = boot.clone();
        let lang = lang.clone();
        use_effect_with(props.db_name.clone(), move |name| {
            let name = name.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let blocked = boot.clone();
                let changed = boot.clone();
                let hooks = OpenHooks {
                    on_blocked: Some(Box::new(move || blocked.set(Boot::Blocked))),
                    on_version_change: Some(Box::new(move || changed.set(Boot::VersionChanged))),
                };
                let opened = Db::open(&name, hooks).await;
                match opened {
                    Ok(db) => match (db.settings().await, db.has_manager().await) {
                        (Ok(settings), Ok(has_manager)) => {
                            if let Some(s) = &settings {
                                lang.set(s.default_lang);
                            }
                            boot.set(Boot::Ready(db, settings, has_manager));
                        }
                        (Err(e), _) | (_, Err(e)) => boot.set(Boot::Failed(e)),
                    },
                    Err(e) => boot.set(Boot::Failed(e)),
                }
            });
        });
    }

    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
        });
    }

    let history = use_memo(props.memory_history, |memory| -> AnyHistory {
        if *memory {
            MemoryHistory::new().into()
        } else {
            BrowserHistory::new().into()
        }
    });

    // Going to a customer's screen (⌂ home, registration, the self-check — a link, the
    // back button, a redirect) hands the tablet over: the staff session ends as the
    // address changes, before anything is drawn, and 员工 asks for a PIN again.
    {
        let (staff, search) = (staff.clone(), search.clone());
        use_effect_with((*history).clone(), move |history| {
            let at = history.clone();
            let listener = history.listen(move || {
                if Route::recognize(&at.location().path()).is_none_or(|r| r.is_customer_side()) {
                    search.clear();
                    staff.set(None);
                }
            });
            move || drop(listener)
        });
    }

    let l = *lang;
    match &*boot {
        Boot::Opening => notice(T::Loading, l, false),
        Boot::Blocked => notice(T::DbBlocked, l, false),
        Boot::VersionChanged => notice(T::DbVersionChanged, l, true),
        Boot::Failed(e) => html! {
            <main class="notice" role="alert">
                <p>{ e.message().get(l).to_string() }</p>
                <ReloadButton lang={l} />
            </main>
        },
        Boot::Ready(db, settings, has_manager) => {
            let set_lang = {
                let lang = lang.clone();
                Callback::from(move |l: Lang| lang.set(l))
            };
            let set_settings = {
                let boot = boot.clone();
                let db = db.clone();
                Callback::from(move |s: AppSettings| boot.set(Boot::Ready(db.clone(), Some(s), true)))
            };
            // First run, or a tablet an older version set up without a manager: the
            // manager is made before anything else is offered.
            match settings.as_ref().filter(|_| *has_manager) {
                None => html! {
                    <>
                        // The first start already keeps the app on the tablet; nothing to offer yet.
                        if crate::offline::enabled() { <UpdateBanner show=false lang={l} /> }
                        <pages::setup::Setup setup={crate::actions::settings::Setup::new(db.clone(), props.clock.clone())} lang={l} set_lang={set_lang}
                            settings={settings.clone()} on_done={set_settings} />
                    </>
                },
                Some(settings) => {
                    let ctx = AppContext {
                        db: db.clone(),
                        settings: Rc::new(settings.clone()),
                        lang: l,
                        set_lang,
                        set_settings,
                        staff: (*staff).clone(),
                        set_staff: {
                            let (staff, search) = (staff.clone(), search.clone());
                            Callback::from(move |s: Option<Rc<StaffMember>>| {
                                // Locking forgets the customers held in memory.
                                if s.is_none() {
                                    search.clear();
                                }
                                staff.set(s)
                            })
                        },
                        search: (*search).clone(),
                        clock: props.clock.clone(),
                    };
                    html! {
                        <ContextProvider<AppContext> context={ctx}>
                            <Router history={(*history).clone()}>
                                <Shell />
                            </Router>
                        </ContextProvider<AppContext>>
                    }
                }
            }
        }
    }
}

fn notice(text: T, lang: Lang, reload: bool) -> Html {
    html! {
        <main class="notice" role="status">
            <p>{ text.get(lang) }</p>
            if reload { <ReloadButton lang={lang} /> }
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct ReloadProps {
    lang: Lang,
}

#[function_component(ReloadButton)]
fn reload_button(props: &ReloadProps) -> Html {
    let onclick = Callback::from(|_| {
        let _ = gloo::utils::window().location().reload();
    });
    html! { <button class="btn primary" {onclick}>{ T::Reload.get(props.lang) }</button> }
}

/// Everything inside the router: the top bar, the page, the idle guard that brings an
/// unattended tablet back to the home screen, and the new-version banner.
#[function_component(Shell)]
fn shell() -> Html {
    let ctx = use_app();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let navigator = use_navigator().expect("inside a router");

    // Ask once for persistent storage and remember the answer (settings screen shows it).
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| wasm_bindgen_futures::spawn_local(async move { crate::actions::settings::ask_persistence_once(&ctx).await }));
    }

    let on_idle = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            // An idle tablet locks the staff side and forgets what was on screen.
            ctx.set_staff.emit(None);
            ctx.set_lang.emit(ctx.settings.default_lang);
            navigator.push(&Route::Home);
        })
    };
    // Every screen, home included, has the idle timer; the self-check its own short one.
    let (timeout, warning) = ctx.settings.idle_for(route == Route::SelfCheck);

    html! {
        <SyncAgent>
            <TopBar at_home={route == Route::Home} />
            // Offered only where nothing is being typed: the reload must not lose a form.
            if crate::offline::enabled() { <UpdateBanner show={matches!(route, Route::Home | Route::Staff)} lang={ctx.lang} /> }
            <main class="page">
                <Switch<Route> render={switch} />
            </main>
            <IdleGuard timeout_ms={timeout * 1000} warning_ms={warning * 1000} on_timeout={on_idle} lang={ctx.lang} clock={ctx.clock.clone()} />
        </SyncAgent>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Register => html! { <pages::register::Register /> },
        Route::SelfCheck => html! { <pages::self_check::SelfCheck /> },
        Route::Staff => html! { <pages::staff::Staff /> },
        // The manager's tools: behind the PIN, and the manager's only.
        Route::Settings => html! { <ManagerOnly><pages::settings::Settings /></ManagerOnly> },
        Route::FollowUpRules => html! { <ManagerOnly><pages::rules::FollowUpRulesPage /></ManagerOnly> },
        Route::Backup => html! { <ManagerOnly><pages::backup::Backup /></ManagerOnly> },
        Route::Team => html! { <ManagerOnly><pages::team::Team /></ManagerOnly> },
        Route::OwnPin => html! { <StaffOnly><pages::own_pin::OwnPin /></StaffOnly> },
        Route::Customer { id } => html! { <StaffOnly><pages::card::CustomerCard {id} /></StaffOnly> },
        Route::MergePick { id } => html! { <StaffOnly><pages::merge::MergePick {id} /></StaffOnly> },
        Route::Merge { id, other } => html! { <StaffOnly><pages::merge::Merge {id} {other} /></StaffOnly> },
        Route::SyncSetup => html! { <ManagerOnly><pages::sync_setup::SyncSetup /></ManagerOnly> },
        Route::CustomerProgress { id } => html! { <StaffOnly><pages::progress::StaffProgress {id} /></StaffOnly> },
        Route::AddPhoto { id } => html! { <StaffOnly><pages::capture::Capture {id} /></StaffOnly> },
        Route::AddMeasurement { id } => html! { <StaffOnly><pages::measure_form::MeasureForm {id} /></StaffOnly> },
        Route::LogFollowUp { id } => html! { <StaffOnly><pages::today::LogFollowUp {id} /></StaffOnly> },
        Route::Today => html! { <StaffOnly><pages::today::TodayList /></StaffOnly> },
        Route::Stats => html! { <StaffOnly><pages::stats::Stats /></StaffOnly> },
        Route::CustomerList { filter } => html! { <StaffOnly><pages::customer_list::CustomerList {filter} /></StaffOnly> },
        Route::NewComplaint { id } => html! { <StaffOnly><pages::complaint_form::ComplaintForm {id} /></StaffOnly> },
        Route::HandleComplaint { id, complaint } => html! { <StaffOnly><pages::complaint_form::ComplaintForm {id} complaint={Some(complaint)} /></StaffOnly> },
        Route::NewReturn { id } => html! { <StaffOnly><pages::return_form::ReturnForm {id} /></StaffOnly> },
        Route::NewIncident { id } => html! { <StaffOnly><pages::incident_form::IncidentForm {id} /></StaffOnly> },
        Route::ConsentAgain { id } => html! { <StaffOnly><pages::consent_again::ConsentAgain {id} /></StaffOnly> },
        Route::Retention => html! { <ManagerOnly><pages::retention::RetentionPage /></ManagerOnly> },
        Route::WinBack => html! { <StaffOnly><pages::win_back::WinBack /></StaffOnly> },
        Route::Appointments => html! { <StaffOnly><pages::appointment_book::AppointmentBook /></StaffOnly> },
        Route::MonthPlan => html! { <ManagerOnly><pages::month_plan::MonthPlanPage /></ManagerOnly> },
        Route::MyCustomers => html! { <StaffOnly><pages::my_customers::MyCustomers /></StaffOnly> },
        Route::BookVisit { id } => html! { <StaffOnly><pages::book_visit::BookVisit {id} /></StaffOnly> },
        Route::NotFound => html! { <Redirect<Route> to={Route::Home} /> },
    }
}
