//! 员工: the staff gate and the staff home. First use sets the manager's PIN;
//! afterwards a staff member picks their name and enters their PIN. Wrong PINs wait
//! longer and longer. The idle timer locks again.

mod gate;
mod members;
mod search;

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::backup_reminder::BackupReminder;
use crate::components::storage_warning::StorageWarning;
use crate::components::sync_status::SyncStatusLine;
use crate::context::use_app;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::domain::stats::ListFilter;
use crate::hooks::{use_customer_rows, use_load};
use crate::i18n::{Msg, T};
use crate::route::Route;

#[function_component(Staff)]
pub fn staff() -> Html {
    let ctx = use_app();
    // Bumped to reload the staff list after a change.
    let version = use_state(|| 0u32);
    let members = use_load(*version, |ctx, _| async move { actions::staff::members(&ctx).await });
    let reload = {
        let version = version.clone();
        Callback::from(move |_| version.set(*version + 1))
    };
    match (&ctx.staff, &*members) {
        (Some(me), Some(Ok(list))) => html! { <StaffHome me={me.clone()} members={Rc::new(list.clone())} on_change={reload} /> },
        (_, None) => html! { <p>{ ctx.t(T::Loading) }</p> },
        (_, Some(Err(e))) => html! { <p class="error" role="alert">{ e.get(ctx.lang).to_string() }</p> },
        (None, Some(Ok(list))) if list.is_empty() => html! { <members::NewStaffForm first=true on_added={reload} /> },
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
    on_change: Callback<()>,
}

#[function_component(StaffHome)]
fn staff_home(props: &StaffHomeProps) -> Html {
    let ctx = use_app();
    let lock = {
        let ctx = ctx.clone();
        Callback::from(move |_| actions::staff::lock(&ctx))
    };
    let manager = props.me.role == StaffRole::Manager;
    html! {
        <section class="staff-home">
            <div class="staff-head">
                <h1>{ Msg::new(T::HelloName).arg(&props.me.name).get(ctx.lang) }</h1>
                <button class="btn big" onclick={lock}>{ ctx.t(T::Lock) }</button>
            </div>
            <div class="actions">
                <Link<Route> to={Route::Today} classes="btn big primary">{ ctx.t(T::TodayLink) }</Link<Route>>
                <Link<Route> to={Route::Stats} classes="btn big">{ ctx.t(T::StatsLink) }</Link<Route>>
            </div>
            <StorageWarning />
            <SyncStatusLine />
            <DuplicatesNotice />
            <search::CustomerSearch />
            <BackupReminder />
            <div class="actions">
                <Link<Route> to={Route::Settings} classes="btn big">{ ctx.t(T::Settings) }</Link<Route>>
                <Link<Route> to={Route::WinBack} classes="btn big">{ ctx.t(T::WinBack) }</Link<Route>>
            </div>
            <h2>{ ctx.t(T::StaffList) }</h2>
            <ul class="staff-list">
                { for props.members.iter().map(|m| html! {
                    <li>{ match m.role {
                        StaffRole::Manager => Msg::new(T::Aside).arg(&m.name).arg(T::Manager).get(ctx.lang),
                        _ => m.name.clone(),
                    } }</li>
                }) }
            </ul>
            if manager { <members::NewStaffForm first=false on_added={props.on_change.clone()} /> }
        </section>
    }
}
