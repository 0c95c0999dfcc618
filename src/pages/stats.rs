//! 门店统计: new customers per month (a bar chart), totals, activity classes, follow-ups
//! due and done this month, open complaints, photos added this month, sales per month
//! and per product (a chosen month). Every figure is a link to the list of customers
//! or purchases it counts.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::classify::Activity;
use crate::domain::care::money;
use crate::domain::stats::{activity_counts, month_sales, new_by_month, products_in, sales, sales_by_month, ListFilter, Month, SalesFilter};
use crate::hooks::{use_customer_rows, use_load};
use crate::i18n::{Label, Lang, Msg, T};
use crate::clock::local_day;
use crate::domain::stats::Sale;
use crate::route::Route;

#[function_component(Stats)]
pub fn stats() -> Html {
    let ctx = use_app();
    let rows_ready = use_customer_rows();
    let figures = use_load((), |ctx, ()| async move { actions::lists::month_figures(&ctx).await });
    let appointments = use_load((), |ctx, ()| async move { actions::appointments::this_month(&ctx).await });
    let plan = use_load((), |ctx, ()| async move { actions::month_plan::store_progress(&ctx).await });
    let bought = use_load((), |ctx, ()| async move { actions::lists::sales(&ctx).await });
    let chosen = use_state(|| None::<Month>);
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
    let sales_list = |f: SalesFilter| Route::SalesList { filter: f.code() };
    // Each purchase on its local day, with its return: read once for every sales figure.
    let sold = match &*bought {
        Some(Ok((purchases, returns))) => Some(sales(purchases, returns, local_day)),
        _ => None,
    };
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
                if let Some(sold) = &sold {
                    { figure(ctx.t(T::StatsSalesThisMonth).into(), money(month_sales(sold, this_month).amount_fen), sales_list(SalesFilter::Month(this_month))) }
                }
                if let Some(Ok((planned, done))) = *plan {
                    { figure(ctx.t(T::StatsPlanProgress).into(), format!("{done} / {planned}"), Route::MonthPlan) }
                }
                if let Some(Ok(counts)) = *appointments {
                    { figure(ctx.t(T::StatsAppointments).into(), counts.booked.to_string(), Route::Appointments) }
                    { figure(ctx.t(T::StatsArrivals).into(), counts.arrived.to_string(), Route::Appointments) }
                    { figure(ctx.t(T::StatsNoShows).into(), counts.no_shows.to_string(), Route::Appointments) }
                }
            </div>
            { match (&*bought, &sold) {
                (_, Some(sold)) => sales_section(sold, today, (*chosen).unwrap_or(this_month), &chosen, l),
                (Some(Err(e)), _) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
                _ => html! { <p class="status">{ ctx.t(T::Loading) }</p> },
            } }
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

/// Sales per month (a table, newest first: amount, purchases, customers, returns, each a
/// link to what it counts) and the chosen month's sales per product.
fn sales_section(all: &[Sale<'_>], today: chrono::NaiveDate, chosen: Month, choose: &UseStateHandle<Option<Month>>, l: Lang) -> Html {
    let months = sales_by_month(all, today);
    let products = products_in(all, chosen);
    let month_name = |m: Month| m.first_day().format(T::MonthYearFormat.get(l)).to_string();
    // In the table's first column: short enough to stay on one line in portrait.
    let row_name = |m: Month| m.first_day().format(T::SalesMonthFormat.get(l)).to_string();
    let link = |filter: SalesFilter, text: String, label: String| html! {
        <Link<Route> to={Route::SalesList { filter: filter.code() }} classes="sales-link">
            <span aria-hidden="true">{ text }</span><span class="visually-hidden">{ label }</span>
        </Link<Route>>
    };
    html! {
        <section class="sales">
            <h2 id="sales-by-month">{ T::StatsSalesByMonth.get(l) }</h2>
            <p class="hint">{ T::SalesTapHint.get(l) }</p>
            <table class="sales-table" aria-labelledby="sales-by-month">
                <thead><tr>
                    <th scope="col">{ T::SalesMonth.get(l) }</th>
                    <th scope="col">{ T::SalesAmount.get(l) }</th>
                    <th scope="col">{ T::SalesPurchases.get(l) }</th>
                    <th scope="col">{ T::SalesBuyers.get(l) }</th>
                    <th scope="col">{ T::SalesRefunds.get(l) }</th>
                </tr></thead>
                <tbody>
                    { for months.iter().map(|m| {
                        let name = row_name(m.month);
                        let pick = {
                            let (choose, month) = (choose.clone(), m.month);
                            Callback::from(move |_: MouseEvent| choose.set(Some(month)))
                        };
                        let is_chosen = m.month == chosen;
                        let said = |what: T, value: &str| format!("{name} {} {value}", what.get(l));
                        html! {
                            <tr key={m.month.code()} class={classes!(is_chosen.then_some("chosen"))}>
                                <th scope="row">
                                    <button type="button" class="btn month-pick" aria-pressed={is_chosen.to_string()} onclick={pick}>
                                        { if is_chosen { format!("✓ {name}") } else { name.clone() } }
                                        <span class="visually-hidden">{ format!(" · {}", Msg::new(T::SalesChooseMonth).arg(name.clone()).get(l)) }</span>
                                    </button>
                                </th>
                                <td>{ link(SalesFilter::Month(m.month), money(m.amount_fen), said(T::SalesAmount, &money(m.amount_fen))) }</td>
                                <td>{ link(SalesFilter::Month(m.month), m.purchases.to_string(), said(T::SalesPurchases, &m.purchases.to_string())) }</td>
                                <td>{ link(SalesFilter::Buyers(m.month), m.customers.to_string(), said(T::SalesBuyers, &m.customers.to_string())) }</td>
                                <td>{ if m.returned == 0 { "—".to_string() } else { Msg::new(T::SalesRefundSummary).arg(m.returned).arg(money(m.refunded_fen)).get(l) } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <h2 id="sales-by-product">{ Msg::new(T::SalesByProduct).arg(month_name(chosen)).get(l) }</h2>
            if products.is_empty() {
                <p class="status">{ T::SalesNoneInMonth.get(l) }</p>
            } else {
                <table class="sales-table products" aria-labelledby="sales-by-product">
                    <thead><tr>
                        <th scope="col">{ T::SalesProduct.get(l) }</th>
                        <th scope="col">{ T::SalesUnits.get(l) }</th>
                        <th scope="col">{ T::SalesAmount.get(l) }</th>
                    </tr></thead>
                    <tbody>
                        { for products.iter().map(|p| {
                            let filter = SalesFilter::Product(chosen, crate::domain::stats::product_key(&p.name));
                            let said = |what: T, value: &str| format!("{} {} {value}", p.name, what.get(l));
                            html! {
                                <tr key={filter.code()}>
                                    <th scope="row">{ p.name.clone() }</th>
                                    <td>{ link(filter.clone(), p.units.to_string(), said(T::SalesUnits, &p.units.to_string())) }</td>
                                    <td>{ link(filter, money(p.amount_fen), said(T::SalesAmount, &money(p.amount_fen))) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
