//! The PIN gate: pick your name, type your PIN.

use std::rc::Rc;

use yew::prelude::*;

use crate::actions;
use crate::actions::lockout::Guarded;
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::staff::StaffMember;
use crate::i18n::{Lang, Msg, T};

#[derive(Properties, PartialEq)]
pub(super) struct PinGateProps {
    pub members: Rc<Vec<StaffMember>>,
}

fn wait_text(ms: i64, l: Lang) -> String {
    Msg::new(T::PinWaitSeconds).arg((ms + 999) / 1000).get(l)
}

#[function_component(PinGate)]
pub(super) fn pin_gate(props: &PinGateProps) -> Html {
    let ctx = use_app();
    let chosen = use_state(|| (props.members.len() == 1).then_some(0usize));
    let pin = use_state(String::new);
    let message = use_state(|| None::<String>);
    let checking = use_state(|| false);
    // The same, readable at once: a second tap before the next render must not start a
    // second check.
    let in_flight = use_mut_ref(|| false);
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, chosen, pin, message, checking, members, in_flight) =
            (ctx.clone(), chosen.clone(), pin.clone(), message.clone(), checking.clone(), props.members.clone(), in_flight.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *in_flight.borrow() {
                return;
            }
            let Some(member) = chosen.and_then(|i| members.get(i)).cloned() else {
                message.set(Some(ctx.t(T::ChooseStaff).to_string()));
                return;
            };
            checking.set(true);
            *in_flight.borrow_mut() = true;
            let (ctx, pin, message, checking, in_flight) = (ctx.clone(), pin.clone(), message.clone(), checking.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let said = actions::staff::sign_in(&ctx, &member, &pin).await;
                pin.set(String::new());
                checking.set(false);
                *in_flight.borrow_mut() = false;
                let l = ctx.lang;
                match said {
                    Ok(Guarded::Passed(())) => {}
                    Ok(Guarded::Wait { ms }) => message.set(Some(wait_text(ms, l))),
                    Ok(Guarded::Wrong { tries_left }) => message.set(Some(Msg::new(T::PinWrongTriesLeft).arg(tries_left).get(l))),
                    Err(e) => message.set(Some(e.get(l).to_string())),
                }
            });
        })
    };
    let names: Vec<AttrValue> = props.members.iter().map(|m| AttrValue::from(m.name.clone())).collect();
    let onselect = {
        let chosen = chosen.clone();
        Callback::from(move |i| chosen.set(Some(i)))
    };
    let set_pin = {
        let pin = pin.clone();
        Callback::from(move |v: String| pin.set(v))
    };
    html! {
        <form class="narrow staff-gate" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::StaffLogin) }</h1>
            <ChoiceGroup id="staff-who" legend={ctx.t(T::ChooseStaff)} options={names} selected={*chosen} {onselect} lang={l} required=true />
            <TextField id="staff-pin" label={ctx.t(T::Pin)} value={(*pin).clone()} oninput={set_pin} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="off" hint={AttrValue::Static(ctx.t(T::PinHint))} />
            if let Some(text) = &*message { <p class="error" role="alert">{ text.clone() }</p> }
            <button class="btn primary big" type="submit" disabled={*checking}>
                { ctx.t(if *checking { T::Checking } else { T::Unlock }) }
            </button>
        </form>
    }
}
