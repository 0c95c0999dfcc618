//! 门店统计: new customers per month (a bar chart), totals, activity classes, follow-ups
//! due and done this month, open complaints, photos added this month. Every figure is a
//! link to the list of customers it counts.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::classify::Activity;
use crate::domain::stats::{activity_counts, new_by_month, ListFilter, Month};
use crate::hooks::{use_customer_rows, use_load};
use crate::i18n::{Label, Lang, T};
use crate::route::Route;

#[function_component(Stats)]
pub fn stats() -> Html {
    let ctx = use_app();
    let rows_ready = use_customer_rows();
    let figures = use_load((), |ctx, ()| async move { actions::lists::month_figures(&ctx).await });
    let appointments = use_load((), |ctx, ()| async move { actions::appointments::this_month(&ctx).await });
    let plan = use_load((), |ctx, ()| async move { actions::month_plan::store_progress(&ctx).await });
    let today = ctx.clock.today();
    let l = ctx.lang;
    let back = html! { <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>> };
    match (&rows_ready, &*figures) {
        (Some(Err(e)), _) | (_, Some(Err(e))) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back }</section> },
        (Some(Ok(())), Some(Ok(_))) => {}
        _ => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
    }
    let Some(Ok(month_figures)) = *figures else { return html! {} };
    let thresholds = &ctx.settings.store.class_thresholds;
    let this_month = Month::of(today);
    let (months, total, (classes, never), referrals) = ctx
        .search
        .with(|index| {
            let referrals = crate::domain::referral::referrals_in(index.entries(), this_month.first_day(), this_month.next().first_day());
            (new_by_month(index.entries(), today), index.len(), activity_counts(index.entries(), today, thresholds), referrals)
        })
        .unwrap_or_default();

    let figure = |label: String, value: String, to: Route| {
        html! {
            <Link<Route> {to} classes="figure">
                <span class="figure-value">{ value }</span>
                <span class="figure-label">{ label }</span>
            </Link<Route>>
        }
    };
    let list = |f: ListFilter| Route::CustomerList { filter: f.code() };
    let month_name = |m: Month| m.first_day().format(T::MonthShortFormat.get(l)).to_string();
    html! {
        <section class="stats-page">
            <div class="card-actions">{ back }</div>
            <h1>{ ctx.t(T::StatsTitle) }</h1>
            <p class="hint">{ ctx.t(T::StatsTapHint) }</p>
            <div class="figures">
                { figure(ctx.t(T::StatsTotal).into(), total.to_string(), list(ListFilter::All)) }
                { for Activity::ALL.iter().zip(classes).map(|(a, n)| figure(a.label().get(l).to_string(), n.to_string(), list(ListFilter::Activity(*a)))) }
                if never > 0 { { figure(ctx.t(T::NoVisitYet).into(), never.to_string(), list(ListFilter::NeverVisited)) } }
                { figure(ctx.t(T::StatsFollowUpsDue).into(), month_figures.due.to_string(), Route::Today) }
                { figure(ctx.t(T::StatsFollowUpsDone).into(), month_figures.done.to_string(), Route::Today) }
                { figure(ctx.t(T::StatsComplaintsOpen).into(), month_figures.complaints_open.to_string(), Route::Today) }
                { figure(ctx.t(T::StatsPhotos).into(), month_figures.photos.to_string(), list(ListFilter::All)) }
                { figure(ctx.t(T::StatsReferrals).into(), referrals.to_string(), list(ListFilter::NewIn(this_month))) }
                if let Some(Ok((planned, done))) = *plan {
                    { figure(ctx.t(T::StatsPlanProgress).into(), format!("{done} / {planned}"), Route::MonthPlan) }
                }
                if let Some(Ok(counts)) = *appointments {
                    { figure(ctx.t(T::StatsAppointments).into(), counts.booked.to_string(), Route::Appointments) }
                    { figure(ctx.t(T::StatsArrivals).into(), counts.arrived.to_string(), Route::Appointments) }
                    { figure(ctx.t(T::StatsNoShows).into(), counts.no_shows.to_string(), Route::Appointments) }
                }
            </div>
            <h2>{ ctx.t(T::StatsNewByMonth) }</h2>
            { bar_chart(&months, l, &month_name) }
        </section>
    }
}

/// New customers per month as bars; each bar (with its number written above it, so the
/// height is never the only signal) links to that month's list.
fn bar_chart(months: &[(Month, usize)], l: Lang, month_name: &dyn Fn(Month) -> String) -> Html {
    let max = months.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    html! {
        <ol class="bars" aria-label={T::StatsNewByMonth.get(l)}>
            { for months.iter().map(|(m, n)| {
                let label = format!("{} {} {}", T::NewCustomersIn.get(l), month_name(*m), n);
                // Height through a class step (0–10), not a style attribute (CSP).
                let step = (n * 10 + max - 1) / max;
                html! {
                    <li>
                        <Link<Route> to={Route::CustomerList { filter: ListFilter::NewIn(*m).code() }} classes="bar-link">
                            <span class="visually-hidden">{ label }</span>
                            <span class="bar-value" aria-hidden="true">{ n }</span>
                            <span class={classes!("bar", format!("h{step}"))} aria-hidden="true"></span>
                            <span class="bar-month" aria-hidden="true">{ month_name(*m) }</span>
                        </Link<Route>>
                    </li>
                }
            }) }
        </ol>
    }
}
