//! 我的顾客: the signed-in staff member's own customers, by what they need — a
//! follow-up due, dormant, lost, the rest. The manager also sees every dormant and lost
//! customer (theirs, as the stores' documents say), can look at any staff member's
//! list, and assigns the customers nobody looks after yet, many at once.

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::choice_group::ChoiceGroup;
use crate::components::result_row::result_list;
use crate::context::use_app;
use crate::domain::assign::{my_customers, unassigned};
use crate::domain::classify::Activity;
use crate::domain::search::Entry;
use crate::hooks::use_load;
use crate::i18n::{Label, Msg, T};
use crate::route::Route;

/// How many unassigned customers the manager's list draws.
const ASSIGN_SHOWN: usize = 60;

#[function_component(MyCustomers)]
pub fn my_customers_page() -> Html {
    let ctx = use_app();
    let nav = use_navigator().expect("inside a router");
    let version = use_state(|| 0u32);
    let loaded = use_load(*version, |ctx, _| async move { actions::assign::load(&ctx).await.map(Rc::new) });
    let me = ctx.staff.clone();
    let whose = use_state(|| me.as_ref().map(|m| m.id.clone()).unwrap_or_default());
    let ticked = use_state(BTreeSet::<String>::new);
    let to = use_state(|| None::<usize>);
    let said = use_state(|| None::<Result<Msg, Msg>>);
    let busy = use_state(|| false);
    let l = ctx.lang;
    let today = ctx.clock.today();
    let back = html! { <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>> };
    let loaded = match &*loaded {
        None => return html! { <p class="status">{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => return html! { <section class="narrow"><p class="error" role="alert">{ e.get(l).to_string() }</p>{ back }</section> },
        Some(Ok(found)) => found.clone(),
    };
    let (members, due) = (&loaded.0, &loaded.1);
    let manager = me.as_ref().is_some_and(|m| m.is_manager());
    let shown_member = members.iter().find(|m| m.id == *whose).or_else(|| me.as_deref());
    let shown_name = shown_member.map(|m| m.name.clone()).unwrap_or_default();
    let shown_is_manager = shown_member.is_some_and(|m| m.is_manager());
    let thresholds = &ctx.settings.store.class_thresholds;

    let group = |title: String, list: &[&Entry]| {
        html! {
            if !list.is_empty() {
                <section class="card-section my-group">
                    <h2>{ format!("{title} · {}", Msg::new(T::PeopleCount).arg(list.len()).get(l)) }</h2>
                    { result_list(list.iter().copied(), today, l, &nav) }
                </section>
            }
        }
    };
    let groups = ctx
        .search
        .with(|index| {
            let mine = my_customers(index.entries(), &whose, shown_is_manager, due, today, thresholds);
            if mine.is_empty() {
                return html! { <p class="status" role="status">{ ctx.t(T::MyNone) }</p> };
            }
            html! {
                <>
                    { group(ctx.t(T::MyDue).into(), &mine.due) }
                    { group(Activity::Dormant.label().get(l).into(), &mine.dormant) }
                    { group(Activity::Lost.label().get(l).into(), &mine.lost) }
                    { group(ctx.t(T::MyOthers).into(), &mine.others) }
                </>
            }
        })
        .unwrap_or_default();

    let chips = html! {
        if manager && members.len() > 1 {
            <nav class="chips" aria-label={ctx.t(T::ViewWhose)}>
                { for members.iter().map(|m| {
                    let chosen = m.id == *whose;
                    let onclick = {
                        let (whose, id) = (whose.clone(), m.id.clone());
                        Callback::from(move |_: MouseEvent| whose.set(id.clone()))
                    };
                    html! { <button class={classes!("chip", chosen.then_some("chosen"))} {onclick} aria-pressed={chosen.to_string()}>
                        { if chosen { format!("✓ {}", m.name) } else { m.name.clone() } }
                    </button> }
                }) }
            </nav>
        }
    };

    // The manager's list of customers nobody looks after yet.
    let assign_section = if manager {
        let staff_ids: HashSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
        let (count, rows) = ctx
            .search
            .with(|index| {
                let list = unassigned(index.entries(), &staff_ids);
                let rows: Vec<(String, String, String)> = list
                    .iter()
                    .take(ASSIGN_SHOWN)
                    .map(|e| (e.id.clone(), e.name.clone(), format!("{} {}", T::PhoneTail.get(l), e.phone_tail())))
                    .collect();
                (list.len(), rows)
            })
            .unwrap_or_default();
        let names: Vec<AttrValue> = members.iter().map(|m| AttrValue::from(m.name.clone())).collect();
        let onselect = {
            let to = to.clone();
            Callback::from(move |i: usize| to.set(Some(i)))
        };
        let assign = {
            let (ctx, ticked, to, said, busy, version, members) = (ctx.clone(), ticked.clone(), to.clone(), said.clone(), busy.clone(), version.clone(), members.clone());
            Callback::from(move |_: MouseEvent| {
                if *busy {
                    return;
                }
                let ids: Vec<String> = ticked.iter().cloned().collect();
                let Some(member) = to.and_then(|i| members.get(i)).cloned() else {
                    said.set(Some(Err(Msg::new(T::AssignNoStaffChosen))));
                    return;
                };
                if ids.is_empty() {
                    said.set(Some(Err(Msg::new(T::AssignNoneTicked))));
                    return;
                }
                busy.set(true);
                let (ctx, ticked, said, busy, version) = (ctx.clone(), ticked.clone(), said.clone(), busy.clone(), version.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match actions::assign::assign(&ctx, &ids, Some(&member.id)).await {
                        Ok(n) => {
                            said.set(Some(Ok(Msg::new(T::AssignedCount).arg(n))));
                            ticked.set(BTreeSet::new());
                            version.set(*version + 1);
                        }
                        Err(e) => said.set(Some(Err(e))),
                    }
                    busy.set(false);
                });
            })
        };
        html! {
            <section class="card-section assign-zone">
                <h2>{ format!("{} · {}", ctx.t(T::AssignTitle), Msg::new(T::PeopleCount).arg(count).get(l)) }</h2>
                if count == 0 { <p class="status">{ ctx.t(T::NobodyUnassigned) }</p> } else {
                    <p class="hint">{ ctx.t(T::AssignIntro) }</p>
                    <ul class="tick-list">
                        { for rows.iter().map(|(id, name, tail)| {
                            let checked = ticked.contains(id);
                            let onchange = {
                                let (ticked, id) = (ticked.clone(), id.clone());
                                Callback::from(move |_: Event| {
                                    let mut t = (*ticked).clone();
                                    if !t.remove(&id) {
                                        t.insert(id.clone());
                                    }
                                    ticked.set(t);
                                })
                            };
                            html! {
                                <li>
                                    <label>
                                        <input type="checkbox" {checked} {onchange} />
                                        <span>{ format!("{name} · {tail}") }</span>
                                    </label>
                                </li>
                            }
                        }) }
                    </ul>
                    <ChoiceGroup id="assign-to" legend={ctx.t(T::AssignTo)} options={names} selected={*to} {onselect} lang={l} />
                    <button class="btn big primary" onclick={assign} disabled={*busy}>{ ctx.t(T::AssignButton) }</button>
                }
                { match &*said {
                    Some(Ok(m)) => html! { <p class="status done" role="status">{ "✓ " }{ m.get(l) }</p> },
                    Some(Err(m)) => html! { <p class="error" role="alert">{ m.get(l) }</p> },
                    None => html! {},
                } }
            </section>
        }
    } else {
        html! {}
    };

    html! {
        <section class="list-page my-customers">
            <div class="card-actions">{ back }</div>
            <h1>{ Msg::new(T::MyCustomersTitle).arg(shown_name).get(l) }</h1>
            { chips }
            if shown_is_manager { <p class="hint">{ ctx.t(T::ManagersDormantLost) }</p> }
            { groups }
            { assign_section }
        </section>
    }
}
