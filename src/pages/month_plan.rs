//! 当月份拜访计划 (the manager): each staff member's visit plan for this month,
//! proposed from the rules and classes, adjusted and saved here, with the visits made.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::actions::month_plan::StaffPlan;
use crate::context::use_app;
use crate::domain::month_plan::{PlanReason, MAX_VISITS};
use crate::domain::stats::Month;
use crate::hooks::use_load;
use crate::i18n::{Arg, Label, Lang, Msg, T};
use crate::route::Route;

fn reason_text(r: Option<PlanReason>, l: Lang) -> String {
    match r {
        Some(PlanReason::New) => T::ReasonNew.get(l).into(),
        Some(PlanReason::Value(v)) => format!("{} · {}", T::FilterValue.get(l), v.label().get(l)),
        Some(PlanReason::Prospect(Some(p))) => format!("{} · {}", T::Prospect.get(l), p.label().get(l)),
        Some(PlanReason::Prospect(None)) => T::Prospect.get(l).into(),
        Some(PlanReason::Regular) | None => T::ReasonRegular.get(l).into(),
    }
}

#[function_component(MonthPlanPage)]
pub fn month_plan_page() -> Html {
    let ctx = use_app();
    let members = use_load((), |ctx, ()| async move { actions::staff::members(&ctx).await });
    let whose = use_state(String::new);
    let version = use_state(|| 0u32);
    let plan = use_load(((*whose).clone(), *version), |ctx, (id, _)| async move {
        if id.is_empty() {
            return Ok(None);
        }
        actions::month_plan::of_staff(&ctx, &id).await.map(|p| Some(Rc::new(p)))
    });
    // The numbers as edited, by customer (reset when another plan is read).
    let edits = use_state(std::collections::HashMap::<String, String>::new);
    let said = use_state(|| None::<Result<T, Msg>>);
    let l = ctx.lang;
    let back = html! { <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>> };
    let members = match &*members {
        Some(Ok(m)) => m.clone(),
        Some(Err(e)) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back }</section> },
        None => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
    };
    if whose.is_empty() {
        if let Some(first) = members.iter().find(|m| !m.is_manager()).or(members.first()) {
            whose.set(first.id.clone());
        }
    }
    let name = members.iter().find(|m| m.id == *whose).map(|m| m.name.clone()).unwrap_or_default();
    let month = Month::of(ctx.clock.today());
    let chips = html! {
        <nav class="chips" aria-label={ctx.t(T::ViewWhose)}>
            { for members.iter().map(|m| {
                let chosen = m.id == *whose;
                let onclick = {
                    let (whose, edits, said, id) = (whose.clone(), edits.clone(), said.clone(), m.id.clone());
                    Callback::from(move |_: MouseEvent| {
                        edits.set(Default::default());
                        said.set(None);
                        whose.set(id.clone());
                    })
                };
                html! { <button class={classes!("chip", chosen.then_some("chosen"))} {onclick} aria-pressed={chosen.to_string()}>
                    { if chosen { format!("✓ {}", m.name) } else { m.name.clone() } }
                </button> }
            }) }
        </nav>
    };
    let body = match &*plan {
        None | Some(Ok(None)) => html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(Some(p))) => {
            let p: Rc<StaffPlan> = p.clone();
            let value = |id: &str, visits: u32| edits.get(id).cloned().unwrap_or_else(|| visits.to_string());
            let parse = |text: &str| text.trim().parse::<u32>().ok().map(|n| n.min(MAX_VISITS));
            let planned: u32 = p.lines.iter().map(|x| parse(&value(&x.customer_id, x.visits)).unwrap_or(0)).sum();
            let done: u32 = p.lines.iter().map(|x| x.made.min(parse(&value(&x.customer_id, x.visits)).unwrap_or(0))).sum();
            let save = {
                let (ctx, p, edits, said, version, whose) = (ctx.clone(), p.clone(), edits.clone(), said.clone(), version.clone(), whose.clone());
                Callback::from(move |_: MouseEvent| {
                    let lines: Vec<(String, u32)> = p
                        .lines
                        .iter()
                        .map(|x| (x.customer_id.clone(), edits.get(&x.customer_id).and_then(|t| t.trim().parse::<u32>().ok()).unwrap_or(x.visits)))
                        .collect();
                    let (ctx, edits, said, version, whose) = (ctx.clone(), edits.clone(), said.clone(), version.clone(), (*whose).clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match actions::month_plan::save(&ctx, &whose, &lines).await {
                            Ok(()) => {
                                edits.set(Default::default());
                                said.set(Some(Ok(T::MonthPlanIsSaved)));
                                version.set(*version + 1);
                            }
                            Err(e) => said.set(Some(Err(e))),
                        }
                    });
                })
            };
            html! {
                <>
                    <p class={classes!("lead", if p.saved { "done" } else { "" })}>{ ctx.t(if p.saved { T::MonthPlanIsSaved } else { T::MonthPlanProposed }) }</p>
                    <p class="big-fact">{ Msg::new(T::MonthPlanProgress).arg(done).arg(planned).get(l) }</p>
                    if p.lines.is_empty() { <p class="status">{ ctx.t(T::MonthPlanEmpty) }</p> }
                    <ul class="due-list plan-lines">
                        { for p.lines.iter().map(|x| {
                            let input_id = format!("plan-{}", x.customer_id);
                            let oninput = {
                                let (edits, id) = (edits.clone(), x.customer_id.clone());
                                Callback::from(move |e: InputEvent| {
                                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                    let mut all = (*edits).clone();
                                    all.insert(id.clone(), input.value());
                                    edits.set(all);
                                })
                            };
                            html! {
                                <li class="due-row">
                                    <div class="due-who">
                                        <Link<Route> to={Route::Customer { id: x.customer_id.clone() }} classes="due-name">{ x.name.clone() }</Link<Route>>
                                        <span class="result-facts">{ reason_text(x.reason, l) }</span>
                                    </div>
                                    <p class="due-reasons">{ Msg::new(T::MonthPlanMade).arg(x.made).get(l) }</p>
                                    <div class="field plan-visits">
                                        <label for={input_id.clone()}>{ Msg::new(T::MonthPlanVisits).arg(x.name.as_str()).get(l) }</label>
                                        <input id={input_id} type="number" inputmode="numeric" min="0" max={MAX_VISITS.to_string()} value={value(&x.customer_id, x.visits)} {oninput} />
                                    </div>
                                </li>
                            }
                        }) }
                    </ul>
                    if !p.lines.is_empty() { <button class="btn big primary" onclick={save}>{ ctx.t(T::SaveMonthPlan) }</button> }
                </>
            }
        }
    };
    html! {
        <section class="list-page month-plan">
            <div class="card-actions">{ back }</div>
            <h1>{ Msg::new(T::MonthPlanTitle).arg(Arg::date_as(month.first_day(), T::MonthYearFormat)).get(l) }{ format!(" · {name}") }</h1>
            <p class="hint">{ ctx.t(T::MonthPlanIntro) }</p>
            { chips }
            { match &*said {
                Some(Ok(t)) => html! { <p class="status done" role="status">{ "✓ " }{ ctx.t(*t) }</p> },
                Some(Err(m)) => html! { <p class="error" role="alert">{ m.get(l) }</p> },
                None => html! {},
            } }
            { body }
        </section>
    }
}
