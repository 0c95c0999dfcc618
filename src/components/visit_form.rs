//! 记录回访: logs one follow-up or visit (time, method, content, result, by whom, the
//! next date). A visit in the store also moves the customer's last visit day; both
//! are saved in one transaction. A call that ends with the customer agreeing to come
//! books the visit in the same form (day, time, service, who serves, a note), saved
//! with the follow-up in that one transaction.

use std::rc::Rc;

use yew::prelude::*;

use crate::context::use_app;
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::actions;
use crate::clock::{date_field, date_time_field};
use crate::domain::customer::{phone_for_reading, tel_href};
use crate::domain::appointment::AppointmentDraft;
use crate::domain::{ContactMethod, Customer, FollowUpDraft};
use crate::hooks::{field, use_load, use_submit};
use crate::i18n::{Label, Msg, T};

#[derive(Properties, PartialEq)]
pub struct CallLinkProps {
    pub phone: AttrValue,
}

/// The whole number, one tap to dial it (`tel:`): staff screens only — a customer's
/// screens show the last four digits.
#[function_component(CallLink)]
pub fn call_link(props: &CallLinkProps) -> Html {
    let ctx = use_app();
    let shown = phone_for_reading(&props.phone);
    html! {
        <a class="btn call" href={tel_href(&props.phone)}>{ Msg::new(T::CallNumber).arg(shown).get(ctx.lang) }</a>
    }
}

#[derive(Properties, PartialEq)]
pub struct VisitFormProps {
    pub customer: Rc<Customer>,
    pub on_saved: Callback<()>,
    pub on_cancel: Callback<()>,
    /// What is due (from the today list), written into the content to start from.
    #[prop_or_default]
    pub suggestion: AttrValue,
}

#[function_component(VisitForm)]
pub fn visit_form(props: &VisitFormProps) -> Html {
    let ctx = use_app();
    let draft = use_state(|| FollowUpDraft { at: date_time_field(ctx.clock.now_local()), content: props.suggestion.to_string(), ..Default::default() });
    let submit = use_submit();
    let l = ctx.lang;
    let by = ctx.staff_name();

    // The visit booked in the same call: off until staff tick it.
    let booking_on = use_state(|| false);
    let tomorrow = ctx.clock.today().succ_opt().unwrap_or(ctx.clock.today());
    let booking = use_state(|| AppointmentDraft { day: date_field(tomorrow), staff: ctx.staff_name(), ..Default::default() });
    let members = use_load((), |ctx, ()| async move { actions::staff::members(&ctx).await.map(Rc::new) });
    let onsubmit = {
        let (ctx, draft, submit, id, on_saved) = (ctx.clone(), draft.clone(), submit.clone(), props.customer.id.clone(), props.on_saved.clone());
        let (booking_on, booking) = (booking_on.clone(), booking.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, id) = (ctx.clone(), (*draft).clone(), id.clone());
            let booking = (*booking_on).then(|| (*booking).clone());
            let on_saved = on_saved.clone();
            submit.run(async move { actions::follow_up::log(&ctx, &id, &draft, booking.as_ref()).await }, move |_| on_saved.emit(()));
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set = |apply: fn(&mut FollowUpDraft, String)| field(&draft, apply);
    let methods: Vec<AttrValue> = ContactMethod::ALL.iter().map(|m| AttrValue::Static(m.label().get(l))).collect();
    let onselect = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.method = ContactMethod::ALL.get(i).copied();
            draft.set(d);
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let toggle = {
        let booking_on = booking_on.clone();
        Callback::from(move |_: Event| booking_on.set(!*booking_on))
    };
    let book = |apply: fn(&mut AppointmentDraft, String)| field(&booking, apply);
    let staff_members: Rc<Vec<crate::domain::staff::StaffMember>> = match &*members {
        Some(Ok(list)) => list.clone(),
        _ => Rc::default(),
    };
    let names: Vec<AttrValue> = staff_members.iter().map(|m| AttrValue::from(m.name.clone())).collect();
    let pick_staff = {
        let (booking, staff_members) = (booking.clone(), staff_members.clone());
        Callback::from(move |i: usize| {
            let mut d = (*booking).clone();
            d.staff = staff_members.get(i).map(|m| m.name.clone()).unwrap_or_default();
            booking.set(d);
        })
    };
    html! {
        <form class="narrow visit-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::VisitTitle) }</h1>
            <p class="lead">{ props.customer.salutation(l) }{ " · " }{ props.customer.name.clone() }</p>
            <CallLink phone={props.customer.phone.clone()} />
            <TextField id="visit-at" label={ctx.t(T::VisitTime)} value={draft.at.clone()} oninput={set(|d, v| d.at = v)} lang={l}
                required=true input_type="datetime-local" error={error_of("at")} />
            <ChoiceGroup id="visit-method" legend={ctx.t(T::VisitMethod)} options={methods}
                selected={draft.method.and_then(|m| ContactMethod::ALL.iter().position(|x| *x == m))} {onselect} lang={l} required=true error={error_of("method")} />
            <TextField id="visit-content" label={ctx.t(T::VisitContent)} value={draft.content.clone()} oninput={set(|d, v| d.content = v)} lang={l}
                required=true multiline=true error={error_of("content")} />
            <TextField id="visit-result" label={ctx.t(T::VisitResult)} value={draft.result.clone()} oninput={set(|d, v| d.result = v)} lang={l}
                multiline=true error={error_of("result")} />
            <TextField id="visit-next" label={ctx.t(T::NextDate)} value={draft.next_due.clone()} oninput={set(|d, v| d.next_due = v)} lang={l}
                input_type="date" error={error_of("next_due")} />
            <label class="agree book-too">
                <input type="checkbox" id="visit-book" checked={*booking_on} onchange={toggle} />
                <span>{ ctx.t(T::VisitBookToo) }</span>
            </label>
            if *booking_on {
                <fieldset class="booking-part">
                    <legend>{ ctx.t(T::VisitBookingLegend) }</legend>
                    <TextField id="booking-day" label={ctx.t(T::AppointmentDay)} value={booking.day.clone()} oninput={book(|d, v| d.day = v)} lang={l}
                        required=true input_type="date" error={error_of("booking_day")} />
                    <TextField id="booking-time" label={ctx.t(T::AppointmentTime)} value={booking.time.clone()} oninput={book(|d, v| d.time = v)} lang={l}
                        required=true input_type="time" error={error_of("booking_time")} />
                    <TextField id="booking-purpose" label={ctx.t(T::AppointmentPurpose)} value={booking.purpose.clone()} oninput={book(|d, v| d.purpose = v)} lang={l}
                        required=true hint={AttrValue::Static(ctx.t(T::AppointmentPurposeHint))} error={error_of("booking_purpose")} />
                    <ChoiceGroup id="booking-staff" legend={ctx.t(T::AppointmentStaff)} options={names}
                        selected={staff_members.iter().position(|m| m.name == booking.staff)} onselect={pick_staff} lang={l} required=true error={error_of("booking_staff")} />
                    <TextField id="booking-note" label={ctx.t(T::AppointmentNote)} value={booking.note.clone()} oninput={book(|d, v| d.note = v)} lang={l}
                        multiline=true error={error_of("booking_note")} />
                </fieldset>
            }
            <p class="by">{ Msg::new(T::LabelValue).arg(T::VisitBy).arg(by).get(l) }</p>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                <button type="button" class="btn big" onclick={cancel}>{ ctx.t(T::Cancel) }</button>
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
