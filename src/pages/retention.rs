//! 资料保存期限 (the manager): the personal-information notice promises that a
//! customer's records go three years after their last visit, and the app keeps that
//! promise once a day. Here the manager sees beforehand who goes on which day (the
//! next 30 or 90 days, and anyone already due), and who has no visit on record (kept,
//! for the manager to decide). A visit logged in time keeps a customer.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::retention::{Schedule, LOOK_AHEAD_DAYS, YEARS};
use crate::domain::staff::StaffRole;
use crate::hooks::use_load;
use crate::i18n::{Msg, T};
use crate::route::Route;

const LOOK_AHEAD_CHOICES: [u64; 2] = [LOOK_AHEAD_DAYS, 90];

#[function_component(RetentionPage)]
pub fn retention_page() -> Html {
    let ctx = use_app();
    let days = use_state(|| LOOK_AHEAD_DAYS);
    let schedule = use_load(*days, |ctx, days| async move { actions::retention::schedule(&ctx, days).await });
    let l = ctx.lang;
    let manager = ctx.staff.as_ref().is_some_and(|s| s.role == StaffRole::Manager);
    let back = html! { <Link<Route> to={Route::Settings} classes="btn big">{ ctx.t(T::Settings) }</Link<Route>> };
    if !manager {
        return html! {
            <section class="narrow retention">
                <h1>{ ctx.t(T::RetentionTitle) }</h1>
                <p class="status" role="status">{ ctx.t(T::RetentionManagerOnly) }</p>
                { back }
            </section>
        };
    }
    let today = ctx.clock.today();
    let list = match &*schedule {
        None => html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(Schedule { going, undated })) => html! {
            <>
                if going.is_empty() {
                    <p class="status" role="status">{ Msg::new(T::RetentionNoneGoing).arg(*days).get(l) }</p>
                } else {
                    <table class="retention-list">
                        <thead><tr>
                            <th scope="col">{ ctx.t(T::RetentionEraseOn) }</th>
                            <th scope="col">{ ctx.t(T::Name) }</th>
                            <th scope="col">{ ctx.t(T::LastVisit) }</th>
                        </tr></thead>
                        <tbody>
                            { for going.iter().map(|g| html! {
                                <tr class="going">
                                    <td>{ if g.erase_on <= today { Msg::new(T::RetentionDueNow).arg(g.erase_on.to_string()).get(l) } else { g.erase_on.to_string() } }</td>
                                    <td><Link<Route> to={Route::Customer { id: g.id.clone() }}>{ g.name.clone() }</Link<Route>></td>
                                    <td>{ g.last_visit.to_string() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
                if !undated.is_empty() {
                    <h2>{ ctx.t(T::RetentionUndated) }</h2>
                    <p class="hint">{ ctx.t(T::RetentionUndatedHint) }</p>
                    <ul class="undated">
                        { for undated.iter().map(|(id, name)| html! {
                            <li><Link<Route> to={Route::Customer { id: id.clone() }}>{ name.clone() }</Link<Route>></li>
                        }) }
                    </ul>
                }
            </>
        },
    };
    html! {
        <section class="narrow retention">
            <h1>{ ctx.t(T::RetentionTitle) }</h1>
            <p class="lead">{ Msg::new(T::RetentionIntro).arg(YEARS).get(l) }</p>
            <div class="actions" role="group" aria-label={ctx.t(T::RetentionLookAhead)}>
                { for LOOK_AHEAD_CHOICES.iter().map(|d| {
                    let (days, d) = (days.clone(), *d);
                    let chosen = *days == d;
                    html! {
                        <button class={classes!("btn", "big", chosen.then_some("primary"))} aria-pressed={chosen.to_string()} onclick={Callback::from(move |_: MouseEvent| days.set(d))}>
                            { Msg::new(T::RetentionNextDays).arg(d).get(l) }
                        </button>
                    }
                }) }
            </div>
            { list }
            { back }
        </section>
    }
}
