//! 记录投诉 / 处理投诉 (staff): a new complaint (time, content, and what is known yet of
//! the handling), or an open one handled further — steps taken, result, the
//! customer's satisfaction, and "resolved" when it is done.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{now_ms, AppContext, Route};
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::aftercare::{ComplaintDraft, Problems, SATISFACTION_MAX};
use crate::domain::{new_id, Complaint, Customer, Meta};
use crate::i18n::{Msg, T};
use crate::pages::card_aftercare::{back_to_card, back_to_search, Saved};

#[derive(Properties, PartialEq)]
pub struct ComplaintFormProps {
    /// The customer.
    pub id: String,
    /// The complaint being handled; `None` for a new one.
    #[prop_or_default]
    pub complaint: Option<String>,
}

const SATISFACTION: [T; SATISFACTION_MAX as usize] = [T::Satisfaction1, T::Satisfaction2, T::Satisfaction3, T::Satisfaction4, T::Satisfaction5];

/// A stored time as a `datetime-local` input shows it, in the tablet's time zone.
fn input_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// What the form starts from: the customer, and the complaint when handling one.
type Loaded = (Rc<Customer>, Option<Complaint>);

#[function_component(ComplaintForm)]
pub fn complaint_form(props: &ComplaintFormProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let loaded = use_state(|| None::<Result<Option<Loaded>, Msg>>);
    let draft = use_state(ComplaintDraft::default);
    let problems = use_state(Problems::new);
    let saving = use_state(|| false);
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    {
        let (db, loaded, draft) = (ctx.db.clone(), loaded.clone(), draft.clone());
        use_effect_with((props.id.clone(), props.complaint.clone()), move |(id, complaint_id)| {
            let (id, complaint_id) = (id.clone(), complaint_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = async {
                    let Some(customer) = db.get::<Customer>(&id).await? else { return Ok(None) };
                    let complaint = match &complaint_id {
                        Some(cid) => match db.get::<Complaint>(cid).await? {
                            Some(c) if c.customer_id == id => Some(c),
                            _ => return Ok(None),
                        },
                        None => None,
                    };
                    Ok::<_, crate::storage::StorageError>(Some((Rc::new(customer), complaint)))
                };
                let result = read.await.map_err(|e| e.message());
                draft.set(match &result {
                    Ok(Some((_, Some(c)))) => ComplaintDraft::from_complaint(c, input_time(c.at)),
                    _ => ComplaintDraft { at: input_time(now_ms()), ..Default::default() },
                });
                loaded.set(Some(result));
            });
        });
    }

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
        let (ctx, draft, problems, saving, navigator) = (ctx.clone(), draft.clone(), problems.clone(), saving.clone(), navigator.clone());
        let (customer_id, stored) = (customer.id.clone(), stored.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let checked = match draft.check(chrono::Local::now().naive_local()) {
                Ok(checked) => checked,
                Err(found) => return problems.set(found),
            };
            let stamp = ctx.settings.stamp(now_ms());
            let at_ms = match &stored {
                // The time as shown only has minutes: unchanged, it keeps its seconds.
                Some(c) if draft.at == input_time(c.at) => c.at,
                _ => checked.at.and_local_timezone(chrono::Local).earliest().map_or(stamp.now, |t| t.timestamp_millis()),
            };
            let mut complaint = match &stored {
                Some(c) => {
                    let mut c = c.clone();
                    c.meta.touch(&stamp);
                    c
                }
                None => Complaint { id: new_id(), meta: Meta::new(&stamp), customer_id: customer_id.clone(), ..Default::default() },
            };
            checked.apply_to(&mut complaint, at_ms, stamp.now);
            problems.set(Problems::new());
            saving.set(true);
            let (db, problems, saving, navigator, id) = (ctx.db.clone(), problems.clone(), saving.clone(), navigator.clone(), customer_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match db.save_complaint(&complaint).await {
                    Ok(()) => navigator.push_with_state(&Route::Customer { id }, Saved::new(T::ComplaintSaved)),
                    Err(e) => {
                        problems.set(vec![("form", e.message())]);
                        saving.set(false);
                    }
                }
            });
        })
    };
    let error_of = |field: &str| problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    let set = |apply: fn(&mut ComplaintDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
        })
    };
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
                <button type="submit" class="btn big primary" disabled={*saving}>{ ctx.t(if *saving { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
