//! 销售明细: what a sales figure of the statistics counts — a month's purchases, a
//! product's purchases in a month, or the customers who bought in a month — each row
//! one tap to the customer's card.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::clock::local_day;
use crate::context::use_app;
use crate::domain::care::money;
use crate::domain::stats::{buyers_in, sales, sales_in, SalesFilter};
use crate::hooks::use_load;
use crate::i18n::{Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct SalesListProps {
    pub filter: String,
}

#[function_component(SalesList)]
pub fn sales_list(props: &SalesListProps) -> Html {
    let ctx = use_app();
    let loaded = use_load((), |ctx, ()| async move { actions::lists::sales(&ctx).await });
    let l = ctx.lang;
    let back = html! { <Link<Route> to={Route::Stats} classes="btn big">{ ctx.t(T::StatsLink) }</Link<Route>> };
    let Some(filter) = SalesFilter::from_code(&props.filter) else {
        return html! { <Redirect<Route> to={Route::Stats} /> };
    };
    let (purchases, returns) = match &*loaded {
        Some(Err(e)) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back }</section> },
        Some(Ok(found)) => found,
        None => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
    };
    let all = sales(purchases, returns, local_day);
    let month = filter.month();
    let month_name = month.first_day().format(T::MonthYearFormat.get(l)).to_string();
    let name_of = |id: &str| ctx.search.with(|i| i.get(id).map(|e| e.name.clone())).flatten();
    let customer = |id: &str| match name_of(id) {
        Some(name) => html! { <Link<Route> to={Route::Customer { id: id.to_string() }} classes="due-name">{ name }</Link<Route>> },
        None => html! { <span>{ ctx.t(T::CustomerGone) }</span> },
    };
    let (title, body, count, empty) = match &filter {
        SalesFilter::Buyers(_) => {
            let buyers = buyers_in(&all, month);
            let rows = buyers
                .iter()
                .map(|b| html! {
                    <li class="sale-row" key={b.customer_id.clone()}>
                        { customer(&b.customer_id) }
                        <span>{ Msg::new(T::SalesCountAmount).arg(b.purchases).arg(money(b.amount_fen)).get(l) }</span>
                    </li>
                })
                .collect::<Html>();
            (Msg::new(T::SalesListBuyers).arg(month_name.clone()).get(l), rows, Msg::new(T::PeopleCount).arg(buyers.len()).get(l), buyers.is_empty())
        }
        SalesFilter::Month(_) | SalesFilter::Product(..) => {
            let picked = sales_in(&all, &filter);
            let total: i64 = picked.iter().map(|s| s.amount_fen()).sum();
            let title = match &filter {
                SalesFilter::Product(_, key) => {
                    // Named as last sold that month, as its figure is.
                    let name = picked.first().map(|s| crate::domain::validation::clean_text(&s.purchase.product)).unwrap_or_else(|| key.clone());
                    format!("{month_name} · {name}")
                }
                _ => Msg::new(T::SalesListAll).arg(month_name.clone()).get(l),
            };
            let rows = picked
                .iter()
                .map(|s| html! {
                    <li class="sale-row" key={s.purchase.id.clone()}>
                        { customer(&s.purchase.customer_id) }
                        <span>{ s.day.to_string() }</span>
                        <span>{ Msg::new(T::SalesUnitsOf).arg(s.purchase.product.clone()).arg(s.purchase.quantity).get(l) }</span>
                        <strong>{ money(s.amount_fen()) }</strong>
                        if s.returned.is_some() {
                            <span class="sale-returned">{ Msg::new(T::SalesReturned).arg(money(s.refunded_fen())).arg(money(s.amount_fen())).get(l) }</span>
                        }
                    </li>
                })
                .collect::<Html>();
            (title, rows, Msg::new(T::SalesCountAmount).arg(picked.len()).arg(money(total)).get(l), picked.is_empty())
        }
    };
    let other = match &filter {
        SalesFilter::Buyers(m) => Some((SalesFilter::Month(*m), T::SalesSeeAll)),
        SalesFilter::Month(m) => Some((SalesFilter::Buyers(*m), T::SalesSeeBuyers)),
        SalesFilter::Product(m, _) => Some((SalesFilter::Month(*m), T::SalesSeeAll)),
    };
    html! {
        <section class="list-page sales-list">
            <div class="card-actions">
                { back }
                if let Some((f, label)) = other {
                    <Link<Route> to={Route::SalesList { filter: f.code() }} classes="btn big">{ ctx.t(label) }</Link<Route>>
                }
            </div>
            <h1>{ format!("{title} · {count}") }</h1>
            if empty { <p class="status">{ ctx.t(T::SalesNoneInMonth) }</p> }
            <ul class="sale-rows">{ body }</ul>
        </section>
    }
}
