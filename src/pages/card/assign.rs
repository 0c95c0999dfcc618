//! The card's 负责员工: who looks after the customer; the manager gives them to
//! another staff member here (logged on the customer).

use std::rc::Rc;

use yew::prelude::*;

use crate::actions;
use crate::components::choice_group::ChoiceGroup;
use crate::context::use_app;
use crate::domain::Customer;
use crate::hooks::use_load;
use crate::i18n::{Msg, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub customer: Rc<Customer>,
    pub on_change: Callback<()>,
}

#[function_component(StaffMemberSection)]
pub fn staff_member_section(props: &Props) -> Html {
    let ctx = use_app();
    let members = use_load((), |ctx, ()| async move { actions::staff::members(&ctx).await });
    let chosen = use_state(|| None::<usize>);
    let failed = use_state(|| None::<Msg>);
    let busy = use_state(|| false);
    let l = ctx.lang;
    let Some(Ok(members)) = &*members else { return html! {} };
    let current = props.customer.staff_id.as_deref().and_then(|id| members.iter().find(|m| m.id == id));
    let manager = ctx.staff.as_ref().is_some_and(|m| m.is_manager());
    let selected = chosen.or_else(|| current.and_then(|c| members.iter().position(|m| m.id == c.id)));
    let onselect = {
        let chosen = chosen.clone();
        Callback::from(move |i: usize| chosen.set(Some(i)))
    };
    let save = {
        let (ctx, chosen, failed, busy, members, id, on_change) = (ctx.clone(), chosen.clone(), failed.clone(), busy.clone(), members.clone(), props.customer.id.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(member) = chosen.and_then(|i| members.get(i)).cloned() else { return };
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, failed, busy, id, on_change) = (ctx.clone(), failed.clone(), busy.clone(), id.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::assign::assign(&ctx, &[id], Some(&member.id)).await {
                    Ok(_) => on_change.emit(()),
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let names: Vec<AttrValue> = members.iter().map(|m| AttrValue::from(m.name.clone())).collect();
    html! {
        <section class="card-section card-staff-member">
            <h2>{ ctx.t(T::CardStaffMember) }</h2>
            <p class="big-fact">{ current.map(|m| m.name.clone()).unwrap_or_else(|| ctx.t(T::NotAssigned).to_string()) }</p>
            if manager {
                <ChoiceGroup id="card-staff-member" legend={ctx.t(T::AssignTo)} options={names} {selected} {onselect} lang={l} />
                if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                <button class="btn big" onclick={save} disabled={*busy || chosen.is_none()}>{ ctx.t(T::SaveAssignment) }</button>
            }
        </section>
    }
}
