//! Which screens a wasm module draws. The app ships as two modules so that a tablet
//! downloads and starts only what a customer needs (the bundle budget counts the start
//! module): `START` (src/main.rs) draws the customer's screens and runs the sync agent;
//! the staff side lives in `STAFF` (src/bin/staff.rs), loaded the first time 员工 is
//! tapped and dropped when the tablet is handed back. Each module links only the pages
//! its `Screens` names. Tests mount `ALL` in one module.

use yew::prelude::*;
use yew_router::prelude::*;

use std::future::Future;
use std::pin::Pin;

use crate::components::manager_only::ManagerOnly;
use crate::components::staff_host::{AgentLoader, HandBack, StaffHost};
use crate::components::staff_only::StaffOnly;
use crate::components::sync_agent::{SyncAgent, SyncLink};
use crate::pages;
use crate::route::Route;
use crate::storage::{Db, OpenHooks, StorageError};

/// The open database, or why not.
pub type Opening = Pin<Box<dyn Future<Output = Result<Db, StorageError>>>>;

#[derive(Clone, Copy)]
pub struct Screens {
    /// Whether the shell (top bar, idle guard) draws this route's page; otherwise the
    /// page takes the whole screen and brings its own (the other module).
    pub here: fn(&Route) -> bool,
    /// A route's page.
    pub page: fn(Route) -> Html,
    /// Around everything: the sync agent, or the link to the one in the start module.
    pub around: fn(Html) -> Html,
    /// Whether this module runs the kiosk (attract screen, full screen, wake lock).
    pub kiosk: bool,
    /// Opens the database with its data steps done: here, or by the second module.
    pub open: fn(String, OpenHooks) -> Opening,
}

impl PartialEq for Screens {
    /// A module's screens never change while it runs.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The start module: home and registration; the rest is in the second module.
pub const START: Screens = Screens { here: is_start_side, page: start_page, around: with_loader, kiosk: true, open: open_start };
/// The second module: every staff screen and the self-check; home and registration
/// hand the tablet back to the start module.
pub const STAFF: Screens = Screens { here: is_staff_side, page: staff_page, around: with_link, kiosk: false, open: open_here };
/// Everything in one module (tests).
pub const ALL: Screens = Screens { here: |_| true, page: all_page, around: with_agent, kiosk: true, open: open_here };

/// The start module's own screens: home and registration. The self-check's screens
/// (a customer's photos, the comparison, the alignment) are in the second module with
/// the staff side: it is loaded in the background two seconds after start, so they
/// open at once, and the start module stays small.
fn is_start_side(route: &Route) -> bool {
    matches!(route, Route::Home | Route::Register | Route::NotFound)
}

fn is_staff_side(route: &Route) -> bool {
    !is_start_side(route)
}

/// Opens with every data step run in this module.
fn open_here(name: String, hooks: OpenHooks) -> Opening {
    Box::pin(async move { Db::open(&name, hooks).await })
}

/// Opens without the data steps' code: when a new version brings a step, the second
/// module runs it (once, after an update) before the first screen.
fn open_start(name: String, hooks: OpenHooks) -> Opening {
    Box::pin(async move {
        let db = Db::open_without_data_steps(&name, hooks).await?;
        if db.data_steps_pending().await? {
            crate::components::staff_host::run_data_steps(&name).await.map_err(|e| StorageError::Other(format!("{e:?}")))?;
        }
        Ok(db)
    })
}

fn with_agent(inner: Html) -> Html {
    html! { <SyncAgent>{ inner }</SyncAgent> }
}

/// The sync agent and the retention rule run in the staff module, loaded in the
/// background a moment after start: the start module carries no replication code.
fn with_loader(inner: Html) -> Html {
    html! { <AgentLoader>{ inner }</AgentLoader> }
}

fn with_link(inner: Html) -> Html {
    html! { <SyncLink>{ inner }</SyncLink> }
}

fn start_page(route: Route) -> Html {
    customer_page(&route).unwrap_or_else(|| html! { <StaffHost /> })
}

fn staff_page(route: Route) -> Html {
    match route {
        Route::SelfCheck => html! { <pages::self_check::SelfCheck /> },
        route if is_start_side(&route) => html! { <HandBack /> },
        route => staff_screen(route),
    }
}

fn all_page(route: Route) -> Html {
    match route {
        Route::SelfCheck => html! { <pages::self_check::SelfCheck /> },
        route => customer_page(&route).unwrap_or_else(|| staff_screen(route)),
    }
}

fn customer_page(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Register => html! { <pages::register::Register /> },
        Route::NotFound => html! { <Redirect<Route> to={Route::Home} /> },
        _ => return None,
    })
}

fn staff_screen(route: Route) -> Html {
    match route {
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
        Route::SalesList { filter } => html! { <StaffOnly><pages::sales_list::SalesList {filter} /></StaffOnly> },
        Route::NewComplaint { id } => html! { <StaffOnly><pages::complaint_form::ComplaintForm {id} /></StaffOnly> },
        Route::HandleComplaint { id, complaint } => html! { <StaffOnly><pages::complaint_form::ComplaintForm {id} complaint={Some(complaint)} /></StaffOnly> },
        Route::NewReturn { id } => html! { <StaffOnly><pages::return_form::ReturnForm {id} /></StaffOnly> },
        Route::NewIncident { id } => html! { <StaffOnly><pages::incident_form::IncidentForm {id} /></StaffOnly> },
        Route::ConsentAgain { id } => html! { <StaffOnly><pages::consent_again::ConsentAgain {id} /></StaffOnly> },
        Route::ConsentRenew { id, kind } => match crate::domain::ConsentKind::from_code(&kind) {
            Some(kind) => html! { <StaffOnly><pages::consent_again::ConsentAgain {id} {kind} /></StaffOnly> },
            None => html! { <Redirect<Route> to={Route::Customer { id }} /> },
        },
        Route::Retention => html! { <ManagerOnly><pages::retention::RetentionPage /></ManagerOnly> },
        Route::WinBack => html! { <StaffOnly><pages::win_back::WinBack /></StaffOnly> },
        Route::Appointments => html! { <StaffOnly><pages::appointment_book::AppointmentBook /></StaffOnly> },
        Route::MonthPlan => html! { <ManagerOnly><pages::month_plan::MonthPlanPage /></ManagerOnly> },
        Route::MyCustomers => html! { <StaffOnly><pages::my_customers::MyCustomers /></StaffOnly> },
        Route::BookVisit { id } => html! { <StaffOnly><pages::book_visit::BookVisit {id} /></StaffOnly> },
        // Customer routes never reach here (customer_page and staff_page draw them).
        Route::Home | Route::Register | Route::SelfCheck | Route::NotFound => html! { <Redirect<Route> to={Route::Home} /> },
    }
}
