//! 顾客名单: customers by class — activity, effect, value or prospect, new in a month,
//! whom to greet on a holiday — filterable with one tap, most recent visit first. Read
//! from the customers' summary rows in memory.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::result_row::result_list;
use crate::context::use_app;
use crate::domain::classify::{Activity, ValueClass};
use crate::domain::plan::Audience;
use crate::domain::stats::{list, ListFilter};
use crate::domain::EffectClass;
use crate::hooks::use_customer_rows;
use crate::i18n::{Arg, Label, Lang, Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct CustomerListProps {
    pub filter: String,
}

const PAGE: usize = 50;

/// What a filter is called on its chip and in the heading.
pub fn filter_label(f: ListFilter, l: Lang) -> String {
    match f {
        ListFilter::All => T::FilterAll.get(l).into(),
        ListFilter::Activity(a) => a.label().get(l).into(),
        ListFilter::NeverVisited => T::NoVisitYet.get(l).into(),
        ListFilter::Effect(None) => format!("{} · {}", T::FilterEffect.get(l), T::NotRated.get(l)),
        ListFilter::Effect(Some(e)) => format!("{} · {}", T::FilterEffect.get(l), e.label().get(l)),
        ListFilter::Value(v) => format!("{} · {}", T::FilterValue.get(l), v.label().get(l)),
        ListFilter::Prospect => T::Prospect.get(l).into(),
        ListFilter::NewIn(m) => Msg::new(T::NewCustomersInMonth).arg(Arg::date_as(m.first_day(), T::MonthYearFormat)).get(l),
        ListFilter::Greet(a) => {
            let who = match a {
                Audience::Everyone => Msg::from(T::GreetEveryone),
                Audience::Women => Msg::from(T::GreetWomen),
                Audience::AgedAtLeast(n) => Msg::new(T::GreetAged).arg(n),
            };
            format!("{} · {}", T::HolidayGreetings.get(l), who.get(l))
        }
        ListFilter::PossibleDuplicates => T::PossibleDuplicates.get(l).into(),
    }
}

#[function_component(CustomerList)]
pub fn customer_list(props: &CustomerListProps) -> Html {
    let ctx = use_app();
    let nav = use_navigator().expect("inside a router");
    let rows_ready = use_customer_rows();
    let shown = use_state(|| PAGE);
    let l = ctx.lang;
    let today = ctx.clock.today();
    let filter = ListFilter::from_code(&props.filter).unwrap_or(ListFilter::All);
    let back = html! { <Link<Route> to={Route::Stats} classes="btn big">{ ctx.t(T::StatsLink) }</Link<Route>> };
    match &rows_ready {
        Some(Err(e)) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back }</section> },
        None => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Ok(())) => {}
    }
    let chips: Vec<(ListFilter, String)> = [ListFilter::All]
        .into_iter()
        .chain(Activity::ALL.map(ListFilter::Activity))
        .chain(EffectClass::ALL.map(|e| ListFilter::Effect(Some(e))))
        .chain(ValueClass::ALL.map(ListFilter::Value))
        .chain([ListFilter::Prospect])
        .map(|f| {
            let label = match f {
                ListFilter::Effect(Some(e)) => format!("{} {}", T::FilterEffect.get(l), e.code()),
                ListFilter::Value(v) => format!("{} {}", T::FilterValue.get(l), ["A", "B", "C"][v as usize]),
                other => filter_label(other, l),
            };
            (f, label)
        })
        .collect();
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    let thresholds = &ctx.settings.store.class_thresholds;
    let rows = ctx
        .search
        .with(|index| {
            let found = list(index.entries(), filter, today, thresholds);
            (found.len(), result_list(found.iter().take(*shown).copied(), today, l, &nav))
        })
        .unwrap_or_default();
    html! {
        <section class="list-page">
            <div class="card-actions">{ back }</div>
            <h1>{ filter_label(filter, l) }{ format!(" · {}", Msg::new(T::PeopleCount).arg(rows.0).get(l)) }</h1>
            <nav class="chips" aria-label={ctx.t(T::ListTitle)}>
                { for chips.into_iter().map(|(f, label)| html! {
                    <Link<Route> to={Route::CustomerList { filter: f.code() }}
                        classes={classes!("chip", (f == filter).then_some("chosen"))}>
                        { if f == filter { format!("✓ {label}") } else { label } }
                    </Link<Route>>
                }) }
            </nav>
            if rows.0 == 0 { <p class="status">{ ctx.t(T::NoOneHere) }</p> }
            { rows.1 }
            if rows.0 > *shown { <button class="btn big" onclick={more}>{ ctx.t(T::ShowMore) }</button> }
        </section>
    }
}
