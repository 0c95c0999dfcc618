//! 记录不良反应 (staff): an adverse reaction (起疹子, 头皮瘙痒 …) with its date, details
//! and what the store did. Saving puts the customer in effect class D (needs
//! attention), in the same transaction.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{now_ms, AppContext, Route};
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::aftercare::{IncidentDraft, Problems, Reaction};
use crate::domain::{new_id, Customer, Incident, Meta};
use crate::i18n::{Label, Msg, T};
use crate::pages::card_aftercare::{back_to_card, back_to_search, Saved};
use crate::pages::staff_search::today;

#[derive(Properties, PartialEq)]
pub struct IncidentFormProps {
    /// The customer.
    pub id: String,
}

#[function_component(IncidentForm)]
pub fn incident_form(props: &IncidentFormProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let customer = use_state(|| None::<Result<Option<Rc<Customer>>, Msg>>);
    let draft = use_state(|| IncidentDraft { date: today().format("%Y-%m-%d").to_string(), ..Default::default() });
    let problems = use_state(Problems::new);
    let saving = use_state(|| false);
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    {
        let (db, customer) = (ctx.db.clone(), customer.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                customer.set(Some(db.get::<Customer>(&id).await.map(|c| c.map(Rc::new)).map_err(|e| e.message())));
            });
        });
    }
    let customer = match &*customer {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_to_search(l) }</section> },
        Some(Ok(Some(c))) => c.clone(),
    };
    let by = ctx.staff.as_ref().map(|s| s.name.clone()).unwrap_or_default();

    let onsubmit = {
        let (ctx, draft, problems, saving, navigator, by) = (ctx.clone(), draft.clone(), problems.clone(), saving.clone(), navigator.clone(), by.clone());
        let customer_id = customer.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let checked = match draft.check(today()) {
                Ok(checked) => checked,
                Err(found) => return problems.set(found),
            };
            let stamp = ctx.settings.stamp(now_ms());
            let incident = Incident {
                id: new_id(),
                meta: Meta::new(&stamp),
                customer_id: customer_id.clone(),
                date: Some(checked.date),
                description: checked.description,
                action: checked.action,
                by_staff: by.clone(),
            };
            problems.set(Problems::new());
            saving.set(true);
            let (ctx, problems, saving, navigator, id) = (ctx.clone(), problems.clone(), saving.clone(), navigator.clone(), customer_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ctx.db.record_incident(&incident, &stamp).await {
                    Ok(Some(changed)) => {
                        ctx.search.refresh(&ctx.db, &changed.id).await;
                        navigator.push_with_state(&Route::Customer { id }, Saved::new(T::IncidentSaved));
                    }
                    Ok(None) => {
                        problems.set(vec![("form", Msg::from(T::CustomerGone))]);
                        saving.set(false);
                    }
                    Err(e) => {
                        problems.set(vec![("form", e.message())]);
                        saving.set(false);
                    }
                }
            });
        })
    };
    let error_of = |field: &str| problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    let set = |apply: fn(&mut IncidentDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
        })
    };
    let reactions: Vec<AttrValue> = Reaction::ALL.iter().map(|r| AttrValue::from(r.label().get(l).to_string())).collect();
    let onselect = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.reaction = Reaction::ALL.get(i).copied();
            draft.set(d);
        })
    };
    html! {
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
            <p class="by">{ Msg::new(T::LabelValue).arg(T::VisitBy).arg(by).get(l) }</p>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                { back_to_card(&customer.id, T::Cancel, l) }
                <button type="submit" class="btn big primary" disabled={*saving}>{ ctx.t(if *saving { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
