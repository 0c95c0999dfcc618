//! 预约到店 (staff): books a visit for a customer — day, time, the service or purpose,
//! the staff member who serves (the one signed in to start with) and a note. Back to
//! the card once saved.

use std::rc::Rc;

use chrono::Days;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::clock::date_field;
use crate::components::choice_group::ChoiceGroup;
use crate::components::nav::{back_to_card, back_to_search, Saved};
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::appointment::AppointmentDraft;
use crate::hooks::{field, use_load, use_submit};
use crate::i18n::{Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct BookVisitProps {
    /// The customer.
    pub id: String,
}

#[function_component(BookVisit)]
pub fn book_visit(props: &BookVisitProps) -> Html {
    let ctx = use_app();
    let loaded = use_load(props.id.clone(), |ctx, id| async move {
        let customer = actions::customer::load(&ctx, &id).await?;
        let members = actions::staff::members(&ctx).await?;
        Ok(customer.map(|c| (Rc::new(c), Rc::new(members))))
    });
    let tomorrow = ctx.clock.today().checked_add_days(Days::new(1)).unwrap_or(ctx.clock.today());
    let draft = use_state(|| AppointmentDraft { day: date_field(tomorrow), staff: ctx.staff_name(), ..Default::default() });
    let submit = use_submit();
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    let (customer, members) = match &*loaded {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_to_search(l) }</section> },
        Some(Ok(Some(found))) => found.clone(),
    };
    let onsubmit = {
        let (ctx, draft, submit, navigator, id) = (ctx.clone(), draft.clone(), submit.clone(), navigator.clone(), customer.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, navigator, id) = (ctx.clone(), (*draft).clone(), navigator.clone(), id.clone());
            let to = Route::Customer { id: id.clone() };
            submit.run(async move { actions::appointments::book(&ctx, &id, &draft).await }, move |_| navigator.push_with_state(&to, Saved::new(T::AppointmentSaved)));
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set = |apply: fn(&mut AppointmentDraft, String)| field(&draft, apply);
    let names: Vec<AttrValue> = members.iter().map(|m| AttrValue::from(m.name.clone())).collect();
    let onselect = {
        let (draft, members) = (draft.clone(), members.clone());
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.staff = members.get(i).map(|m| m.name.clone()).unwrap_or_default();
            draft.set(d);
        })
    };
    html! {
        <form class="narrow appointment-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::AppointmentTitle) }</h1>
            <p class="lead">{ customer.salutation(l) }{ " · " }{ customer.name.clone() }</p>
            <TextField id="appointment-day" label={ctx.t(T::AppointmentDay)} value={draft.day.clone()} oninput={set(|d, v| d.day = v)} lang={l}
                required=true input_type="date" error={error_of("day")} />
            <TextField id="appointment-time" label={ctx.t(T::AppointmentTime)} value={draft.time.clone()} oninput={set(|d, v| d.time = v)} lang={l}
                required=true input_type="time" error={error_of("time")} />
            <TextField id="appointment-purpose" label={ctx.t(T::AppointmentPurpose)} value={draft.purpose.clone()} oninput={set(|d, v| d.purpose = v)} lang={l}
                required=true hint={AttrValue::Static(ctx.t(T::AppointmentPurposeHint))} error={error_of("purpose")} />
            <ChoiceGroup id="appointment-staff" legend={ctx.t(T::AppointmentStaff)} options={names}
                selected={members.iter().position(|m| m.name == draft.staff)} {onselect} lang={l} required=true error={error_of("staff")} />
            <TextField id="appointment-note" label={ctx.t(T::AppointmentNote)} value={draft.note.clone()} oninput={set(|d, v| d.note = v)} lang={l}
                multiline=true error={error_of("note")} />
            <p class="by">{ Msg::new(T::LabelValue).arg(T::VisitBy).arg(ctx.staff_name()).get(l) }</p>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                { back_to_card(&customer.id, T::Cancel, l) }
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
