//! 记录回访: logs one follow-up or visit (time, method, content, result, by whom, the
//! next date). A visit in the store also moves the customer's last visit day; both
//! are saved in one transaction.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::{now_ms, AppContext};
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::{new_id, ContactMethod, Customer, FollowUpDraft, FollowUpEntry, Meta};
use crate::i18n::{Msg, T};
use crate::pages::customer_card::method_label;

#[derive(Properties, PartialEq)]
pub struct VisitFormProps {
    pub customer: Rc<Customer>,
    pub on_saved: Callback<()>,
    pub on_cancel: Callback<()>,
    /// What is due (from the today list), written into the content to start from.
    #[prop_or_default]
    pub suggestion: AttrValue,
}

type Problems = Vec<(&'static str, Msg)>;

#[function_component(VisitForm)]
pub fn visit_form(props: &VisitFormProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let draft = use_state(|| FollowUpDraft {
        at: chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M").to_string(),
        content: props.suggestion.to_string(),
        ..Default::default()
    });
    let problems = use_state(Problems::new);
    let saving = use_state(|| false);
    let l = ctx.lang;
    let by = ctx.staff.as_ref().map(|s| s.name.clone()).unwrap_or_default();

    let onsubmit = {
        let (ctx, draft, problems, saving, customer, on_saved, by) =
            (ctx.clone(), draft.clone(), problems.clone(), saving.clone(), props.customer.clone(), props.on_saved.clone(), by.clone());
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
            let at_ms = checked.at.and_local_timezone(chrono::Local).earliest().map_or(stamp.now, |t| t.timestamp_millis());
            let entry = FollowUpEntry {
                id: new_id(),
                meta: Meta::new(&stamp),
                customer_id: customer.id.clone(),
                at: at_ms,
                method: Some(checked.method),
                content: checked.content,
                result: checked.result,
                by_staff: by.clone(),
                next_due: checked.next_due,
            };
            let mut changed = (*customer).clone();
            if checked.method == ContactMethod::InStore {
                changed.record_visit(checked.at.date());
            }
            changed.meta.touch(&stamp);
            problems.set(Problems::new());
            saving.set(true);
            let (ctx, problems, saving, on_saved) = (ctx.clone(), problems.clone(), saving.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = ctx.db.log_follow_up(&entry, &changed).await;
                saving.set(false);
                match result {
                    Ok(()) => {
                        ctx.search.refresh(&ctx.db, &changed.id).await;
                        on_saved.emit(());
                    }
                    Err(e) => problems.set(vec![("form", e.message())]),
                }
            });
        })
    };
    let error_of = |field: &str| problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    let set = |apply: fn(&mut FollowUpDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
        })
    };
    let methods: Vec<AttrValue> = ContactMethod::ALL.iter().map(|m| AttrValue::Static(method_label(*m).get(l))).collect();
    let onselect = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.method = ContactMethod::ALL.get(i).copied();
            draft.set(d);
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="narrow visit-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::VisitTitle) }</h1>
            <p class="lead">{ props.customer.salutation(l) }{ " · " }{ props.customer.name.clone() }</p>
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
            <p class="by">{ Msg::new(T::LabelValue).arg(T::VisitBy).arg(by).get(l) }</p>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                <button type="button" class="btn big" onclick={cancel}>{ ctx.t(T::Cancel) }</button>
                <button type="submit" class="btn big primary" disabled={*saving}>{ ctx.t(if *saving { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
