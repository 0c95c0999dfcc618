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
use crate::screens::Screens;
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
    /// Which screens this module draws (screens.rs): the start module the customer's,
    /// the staff module the staff side, tests all of them.
    pub screens: Screens,
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
    // Nobody is signed in yet: the search loads nothing until someone is.
    let search = use_memo((), |_| {
        let search = SearchCache::default();
        search.lock();
        search
    });

    {
        let boot = boot.clone();
        let lang = lang.clone();
        let open = props.screens.open;
        use_effect_with(props.db_name.clone(), move |name| {
            let name = name.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let blocked = boot.clone();
                let changed = boot.clone();
                let hooks = OpenHooks {
                    on_blocked: Some(Box::new(move || blocked.set(Boot::Blocked))),
                    on_version_change: Some(Box::new(move || changed.set(Boot::VersionChanged))),
                };
                let opened = open(name, hooks).await;
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
                    search.lock();
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
                                // Locking forgets the customers held in memory, and
                                // nothing loads them again until someone signs in.
                                match s {
                                    None => search.lock(),
                                    Some(_) => search.unlock(),
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
                                if props.screens.kiosk {
                                    <crate::components::kiosk::Kiosk><Shell screens={props.screens} /></crate::components::kiosk::Kiosk>
                                } else {
                                    <Shell screens={props.screens} />
                                }
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

#[derive(Properties, PartialEq)]
struct ShellProps {
    screens: Screens,
}

/// Everything inside the router: the top bar, the page, the idle guard that brings an
/// unattended tablet back to the home screen, and the new-version banner. A screen
/// this module does not draw takes the whole page (the staff module, or the way back
/// to the start module's customer screens).
#[function_component(Shell)]
fn shell(props: &ShellProps) -> Html {
    let ctx = use_app();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let navigator = use_navigator().expect("inside a router");
    let screens = props.screens;

    // Ask once for persistent storage and remember the answer (settings screen shows it).
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| wasm_bindgen_futures::spawn_local(async move { crate::actions::settings::ask_persistence_once(&ctx).await }));
    }

    let kiosk = use_context::<crate::components::kiosk::KioskHandle>();
    let on_idle = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            // An idle tablet locks the staff side and forgets what was on screen; the
            // attract screen waits for the next customer.
            ctx.set_staff.emit(None);
            ctx.set_lang.emit(ctx.settings.default_lang);
            navigator.push(&Route::Home);
            // The kiosk lives in the start module: from the staff module, it is told.
            match &kiosk {
                Some(k) => k.attract.emit(()),
                None => crate::page_bus::post(crate::page_bus::ATTRACT, &()),
            }
        })
    };
    // Every screen, home included, has the idle timer; the self-check its own short one.
    let (timeout, warning) = ctx.settings.idle_for(route == Route::SelfCheck);

    let shell = if (screens.here)(&route) {
        html! {
            <>
                <TopBar at_home={route == Route::Home} />
                // Offered only where nothing is being typed: the reload must not lose a form.
                if crate::offline::enabled() { <UpdateBanner show={matches!(route, Route::Home | Route::Staff)} lang={ctx.lang} /> }
                <main class="page">
                    { (screens.page)(route) }
                </main>
                <IdleGuard timeout_ms={timeout * 1000} warning_ms={warning * 1000} on_timeout={on_idle} lang={ctx.lang} clock={ctx.clock.clone()} />
            </>
        }
    } else {
        (screens.page)(route)
    };
    (screens.around)(shell)
}
