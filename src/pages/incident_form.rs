//! 记录不良反应 (staff): an adverse reaction (起疹子, 头皮瘙痒 …) with its date, details
//! and what the store did. Saving puts the customer in effect class D (needs
//! attention), in the same transaction.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::components::choice_group::ChoiceGroup;
use crate::components::sensitive_gate::SensitiveGate;
use crate::components::text_field::TextField;
use crate::actions;
use crate::clock::date_field;
use crate::components::nav::{back_to_card, back_to_search, Saved};
use crate::domain::aftercare::{IncidentDraft, Reaction};
use crate::hooks::{field, use_load, use_submit};
use crate::i18n::{Label, Msg, T};

#[derive(Properties, PartialEq)]
pub struct IncidentFormProps {
    /// The customer.
    pub id: String,
}

#[function_component(IncidentForm)]
pub fn incident_form(props: &IncidentFormProps) -> Html {
    let ctx = use_app();
    let customer = use_load(props.id.clone(), |ctx, id| async move { actions::customer::load(&ctx, &id).await.map(|c| c.map(Rc::new)) });
    let draft = use_state(|| IncidentDraft { date: date_field(ctx.clock.today()), ..Default::default() });
    let submit = use_submit();
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    let customer = match &*customer {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_to_search(l) }</section> },
        Some(Ok(Some(c))) => c.clone(),
    };
    let onsubmit = {
        let (ctx, draft, submit, navigator) = (ctx.clone(), draft.clone(), submit.clone(), navigator.clone());
        let customer_id = customer.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, navigator, id) = (ctx.clone(), (*draft).clone(), navigator.clone(), customer_id.clone());
            let to = Route::Customer { id: id.clone() };
            submit.run(async move { actions::aftercare::record_incident(&ctx, &id, &draft).await }, move |()| {
                navigator.push_with_state(&to, Saved::new(T::IncidentSaved))
            });
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set = |apply: fn(&mut IncidentDraft, String)| field(&draft, apply);
    let reactions: Vec<AttrValue> = Reaction::ALL.iter().map(|r| AttrValue::from(r.label().get(l).to_string())).collect();
    let onselect = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.reaction = Reaction::ALL.get(i).copied();
            draft.set(d);
        })
    };
    let form = html! {
        <form class="narrow incident-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::LogIncident) }</h1>
            <p class="lead">{ customer.salutation(l) }{ " · " }{ customer.name.clone() }</p>
            <TextField id="incident-date" label={ctx.t(T::IncidentDate)} value={draft.date.clone()} oninput={set(|d, v| d.date = v)} lang={l}
                required=true input_type="date" error={error_of("date")} />
            <ChoiceGroup id="incident-reaction" legend={ctx.t(T::IncidentReaction)} options={reactions}
                selected={draft.reaction.and_then(|r| Reaction::ALL.iter().position(|x| *x == r))} {onselect} lang={l} required=true error={error_of("reaction")} />
            <TextField id="incident-detail" label={ctx.t(T::IncidentDetail)} value={draft.detail.clone()} oninput={set(|d, v| d.detail = v)} lang={l}
                multiline=true hint={AttrValue::Static(ctx.t(T::IncidentDetailHint))} error={error_of("detail")} />
            <TextField id="incident-action" label={ctx.t(T::IncidentAction)} value={draft.action.clone()} oninput={set(|d, v| d.action = v)} lang={l}
                multiline=true error={error_of("action")} />
            <p class="sensitive-note">{ ctx.t(T::IncidentClassNote) }</p>
            <p class="by">{ Msg::new(T::LabelValue).arg(T::VisitBy).arg(ctx.staff_name()).get(l) }</p>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                { back_to_card(&customer.id, T::Cancel, l) }
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    };
    html! { <SensitiveGate customer_id={customer.id.clone()}>{ form }</SensitiveGate> }
}
