//! 员工: the staff gate and the staff home. A staff member picks their name and
//! enters their PIN (the manager was made at first-run setup). Wrong PINs wait longer
//! and longer, counted for each member. Leaving for a customer's screen, 锁定, or the
//! idle timer locks again.

mod gate;
mod search;

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::appointments_today::TodayAppointments;
use crate::components::backup_reminder::BackupReminder;
use crate::components::referrals::LinkNewReferrers;
use crate::components::storage_warning::StorageWarning;
use crate::components::sync_status::SyncStatusLine;
use crate::context::use_app;
use crate::domain::staff::StaffMember;
use crate::domain::stats::ListFilter;
use crate::hooks::{use_customer_rows, use_load};
use crate::i18n::{Msg, T};
use crate::route::Route;

#[function_component(Staff)]
pub fn staff() -> Html {
    let ctx = use_app();
    // Read again at every sign-in and lock (a rename shows at the gate).
    let members = use_load(ctx.staff.as_ref().map(|m| m.id.clone()), |ctx, _| async move { actions::staff::members(&ctx).await });
    match (&ctx.staff, &*members) {
        (Some(me), Some(Ok(list))) => html! { <StaffHome me={me.clone()} members={Rc::new(list.clone())} /> },
        (_, None) => html! { <p>{ ctx.t(T::Loading) }</p> },
        (_, Some(Err(e))) => html! { <p class="error" role="alert">{ e.get(ctx.lang).to_string() }</p> },
        // Setup makes the manager before anything else; an empty list means the staff
        // store was emptied since (a restore): the manager sets up again after a reload.
        (None, Some(Ok(list))) if list.is_empty() => html! { <p class="error" role="alert">{ ctx.t(T::NoStaffYet) }</p> },
        (None, Some(Ok(list))) => html! { <gate::PinGate members={Rc::new(list.clone())} /> },
    }
}

/// "可能重复的登记：2 位" with the way to the list, when registrations await a look.
#[function_component(DuplicatesNotice)]
fn duplicates_notice() -> Html {
    let ctx = use_app();
    let rows = use_customer_rows();
    if !matches!(rows, Some(Ok(()))) {
        return html! {};
    }
    let count = ctx.search.with(|index| index.entries().filter(|e| e.possible_duplicate).count()).unwrap_or(0);
    if count == 0 {
        return html! {};
    }
    html! {
        <p class="duplicates-notice">
            <Link<Route> to={Route::CustomerList { filter: ListFilter::PossibleDuplicates.code() }} classes="btn big">
                <span aria-hidden="true">{ "⚠ " }</span>{ Msg::new(T::PossibleDuplicatesCount).arg(count).get(ctx.lang) }
            </Link<Route>>
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct StaffHomeProps {
    me: Rc<StaffMember>,
    members: Rc<Vec<StaffMember>>,
}

#[function_component(StaffHome)]
fn staff_home(props: &StaffHomeProps) -> Html {
    let ctx = use_app();
    let l = ctx.lang;
    let managers = Msg::join(T::NamesJoin, props.members.iter().filter(|m| m.is_manager()).map(|m| Msg::verbatim(m.name.clone())));
    html! {
        <section class="staff-home">
            <div class="staff-head">
                <h1>{ Msg::new(T::HelloName).arg(&props.me.name).get(l) }</h1>
                <Link<Route> to={Route::OwnPin} classes="btn big">{ ctx.t(T::ChangeMyPin) }</Link<Route>>
            </div>
            <div class="actions">
                <Link<Route> to={Route::Today} classes="btn big primary">{ ctx.t(T::TodayLink) }</Link<Route>>
                <Link<Route> to={Route::Stats} classes="btn big">{ ctx.t(T::StatsLink) }</Link<Route>>
                <Link<Route> to={Route::MyCustomers} classes="btn big">{ ctx.t(T::MyCustomersLink) }</Link<Route>>
            </div>
            <TodayAppointments />
            <LinkNewReferrers />
            <StorageWarning />
            <SyncStatusLine />
            <DuplicatesNotice />
            <search::CustomerSearch />
            <BackupReminder />
            <div class="actions">
                <Link<Route> to={Route::WinBack} classes="btn big">{ ctx.t(T::WinBack) }</Link<Route>>
            </div>
            <h2>{ ctx.t(T::ManagerTools) }</h2>
            if props.me.is_manager() {
                <div class="actions manager-tools">
                    <Link<Route> to={Route::Settings} classes="btn big">{ ctx.t(T::Settings) }</Link<Route>>
                    <Link<Route> to={Route::FollowUpRules} classes="btn big">{ ctx.t(T::RulesLink) }</Link<Route>>
                    <Link<Route> to={Route::Team} classes="btn big">{ ctx.t(T::Team) }</Link<Route>>
                    <Link<Route> to={Route::MonthPlan} classes="btn big">{ ctx.t(T::MonthPlanLink) }</Link<Route>>
                </div>
            } else {
                <p class="hint">{ Msg::new(T::ManagerToolsFor).arg(managers).get(l) }</p>
            }
        </section>
    }
}
