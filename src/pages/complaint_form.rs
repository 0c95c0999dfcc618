//! 记录投诉 / 处理投诉 (staff): a new complaint (time, content, and what is known yet of
//! the handling), or an open one handled further — steps taken, result, the
//! customer's satisfaction, and "resolved" when it is done.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::actions;
use crate::components::nav::{back_to_card, back_to_search, Saved};
use crate::domain::aftercare::{ComplaintDraft, SATISFACTION_MAX};
use crate::hooks::{field, use_load, use_submit};
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct ComplaintFormProps {
    /// The customer.
    pub id: String,
    /// The complaint being handled; `None` for a new one.
    #[prop_or_default]
    pub complaint: Option<String>,
}

const SATISFACTION: [T; SATISFACTION_MAX as usize] = [T::Satisfaction1, T::Satisfaction2, T::Satisfaction3, T::Satisfaction4, T::Satisfaction5];

#[function_component(ComplaintForm)]
pub fn complaint_form(props: &ComplaintFormProps) -> Html {
    let ctx = use_app();
    let draft = use_state(ComplaintDraft::default);
    let loaded = {
        let draft = draft.clone();
        use_load((props.id.clone(), props.complaint.clone()), move |ctx, (id, complaint)| async move {
            let found = actions::aftercare::complaint_form(&ctx, &id, complaint.as_deref()).await?;
            Ok(found.map(|(customer, stored, start)| {
                draft.set(start);
                (Rc::new(customer), stored)
            }))
        })
    };
    let submit = use_submit();
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    let (customer, stored) = match &*loaded {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => {
            let gone = if props.complaint.is_some() { T::ComplaintGone } else { T::CustomerGone };
            return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(gone) }</p>{ back_to_search(l) }</section> };
        }
        Some(Ok(Some((customer, stored)))) => (customer.clone(), stored.clone()),
    };

    let onsubmit = {
        let (ctx, draft, submit, navigator) = (ctx.clone(), draft.clone(), submit.clone(), navigator.clone());
        let (customer_id, stored) = (customer.id.clone(), stored.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, navigator, id, stored) = (ctx.clone(), (*draft).clone(), navigator.clone(), customer_id.clone(), stored.clone());
            let to = Route::Customer { id: id.clone() };
            submit.run(async move { actions::aftercare::save_complaint(&ctx, &id, stored.as_ref(), &draft).await }, move |()| {
                navigator.push_with_state(&to, Saved::new(T::ComplaintSaved))
            });
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set = |apply: fn(&mut ComplaintDraft, String)| field(&draft, apply);
    let levels: Vec<AttrValue> = SATISFACTION.iter().map(|t| AttrValue::Static(t.get(l))).collect();
    let onselect = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.satisfaction = Some(i as u8 + 1);
            draft.set(d);
        })
    };
    let toggle_resolved = {
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            let mut d = (*draft).clone();
            d.resolved = !d.resolved;
            draft.set(d);
        })
    };
    let handling = stored.is_some();
    html! {
        <form class="narrow complaint-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(if handling { T::HandleComplaintTitle } else { T::LogComplaint }) }</h1>
            <p class="lead">{ customer.salutation(l) }{ " · " }{ customer.name.clone() }</p>
            <TextField id="complaint-at" label={ctx.t(T::ComplaintTime)} value={draft.at.clone()} oninput={set(|d, v| d.at = v)} lang={l}
                required=true input_type="datetime-local" error={error_of("at")} />
            <TextField id="complaint-content" label={ctx.t(T::ComplaintContent)} value={draft.content.clone()} oninput={set(|d, v| d.content = v)} lang={l}
                required=true multiline=true error={error_of("content")} />
            <TextField id="complaint-steps" label={ctx.t(T::ComplaintSteps)} value={draft.steps.clone()} oninput={set(|d, v| d.steps = v)} lang={l}
                multiline=true error={error_of("steps")} />
            <TextField id="complaint-result" label={ctx.t(T::ComplaintResult)} value={draft.result.clone()} oninput={set(|d, v| d.result = v)} lang={l}
                multiline=true error={error_of("result")} />
            <ChoiceGroup id="complaint-satisfaction" legend={ctx.t(T::Satisfaction)} options={levels}
                selected={draft.satisfaction.map(|s| usize::from(s.saturating_sub(1)))} {onselect} lang={l} error={error_of("satisfaction")} />
            <div class="field">
                <label class="agree" for="complaint-resolved">
                    <input type="checkbox" id="complaint-resolved" checked={draft.resolved} onchange={toggle_resolved} aria-describedby="complaint-resolved-hint" />
                    <span>{ ctx.t(T::ResolvedBox) }</span>
                    if draft.resolved { <span class="tick" aria-hidden="true">{ "✓" }</span> }
                </label>
                <p class="hint" id="complaint-resolved-hint">{ ctx.t(T::ResolvedHint) }</p>
            </div>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                { back_to_card(&customer.id, T::Cancel, l) }
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
