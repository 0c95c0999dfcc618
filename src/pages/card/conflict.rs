//! "这位顾客还有另一个版本": two tablets changed this customer while apart (a
//! replication conflict). The version every tablet shows won by CouchDB's rule; the
//! other is kept, never dropped. Staff see the fields that differ side by side, pick
//! per field, and save: from then on one version, on every tablet.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::domain::merge::differing_fields;
use crate::domain::Customer;
use crate::hooks::use_load;
use crate::i18n::labels::{grade_text, hair_type_text, source_text};
use crate::i18n::{label_of, Lang, Msg, T};

#[derive(Properties, PartialEq)]
pub(super) struct ConflictProps {
    pub customer: Rc<Customer>,
    pub on_change: Callback<()>,
}

fn field_label(field: &str) -> T {
    match field {
        "name" => T::Name,
        "phone" => T::Phone,
        "gender" => T::Gender,
        "birth_date" => T::BirthDate,
        "address" => T::Address,
        "occupation" => T::Occupation,
        "hair_loss_type" => T::HairType,
        "hair_loss_grade" => T::HairGrade,
        "hair_loss_duration" => T::HairDuration,
        "prior_treatment" => T::PriorTreatment,
        "health_notes" => T::HealthNotes,
        "life_notes" => T::LifeNotes,
        "hobbies" => T::Hobbies,
        "appearance_notes" => T::AppearanceNotes,
        "consultant" => T::Consultant,
        "consultation_advice" => T::ConsultationAdvice,
        "info_source" => T::Source,
        "first_visit" => T::FirstVisit,
        "first_purchase" => T::FirstPurchase,
        "use_place" => T::UsePlace,
        "notes" => T::Notes,
        "last_visit" => T::LastVisit,
        "effect_class" => T::ClassEffect,
        _ => T::Prospect,
    }
}

/// A field of a version as staff read it.
fn shown(c: &Customer, field: &str, l: Lang) -> String {
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let v = match field {
        "name" => c.name.clone(),
        "phone" => c.phone.clone(),
        "gender" => label_of(c.gender, l).unwrap_or_default().to_string(),
        "birth_date" => day(c.birth_date),
        "address" => text(&c.address),
        "occupation" => text(&c.occupation),
        "hair_loss_type" => c.hair_loss_type.as_ref().map(|t| hair_type_text(t, l)).unwrap_or_default(),
        "hair_loss_grade" => grade_text(c.hair_loss_grade, l).unwrap_or_default(),
        "hair_loss_duration" => label_of(c.hair_loss_duration, l).unwrap_or_default().to_string(),
        "prior_treatment" => text(&c.prior_treatment),
        "health_notes" => text(&c.health_notes),
        "life_notes" => text(&c.life_notes),
        "hobbies" => text(&c.hobbies),
        "appearance_notes" => text(&c.appearance_notes),
        "consultant" => text(&c.consultant),
        "consultation_advice" => text(&c.consultation_advice),
        "info_source" => c.info_source.as_ref().map(|s| source_text(s, l)).unwrap_or_default(),
        "first_visit" => day(c.first_visit),
        "first_purchase" => day(c.first_purchase),
        "use_place" => label_of(c.use_place, l).unwrap_or_default().to_string(),
        "notes" => text(&c.notes),
        "last_visit" => day(c.last_visit),
        "effect_class" => label_of(c.effect_class, l).unwrap_or_default().to_string(),
        _ => label_of(c.prospect_class, l).unwrap_or_default().to_string(),
    };
    if v.is_empty() { T::NotFilled.get(l).to_string() } else { v }
}

#[function_component(OtherVersion)]
pub(super) fn other_version(props: &ConflictProps) -> Html {
    let ctx = use_app();
    let other = use_load((props.customer.id.clone(), props.customer.meta.updated_at), |ctx, (id, _)| async move { actions::customer::other_version(&ctx, &id).await });
    let take = use_state(HashSet::<&'static str>::new);
    let busy = use_state(|| false);
    let failed = use_state(|| None::<Msg>);
    let l = ctx.lang;
    let Some(Ok(Some((rev, other)))) = &*other else { return html! {} };
    let current = &props.customer;
    let fields = differing_fields(current, other);
    let pick = |field: &'static str, theirs: bool| {
        let take = take.clone();
        Callback::from(move |_: Event| {
            let mut t = (*take).clone();
            if theirs {
                t.insert(field);
            } else {
                t.remove(field);
            }
            take.set(t);
        })
    };
    let save = {
        let (ctx, current, other, rev, take, busy, failed, on_change) =
            (ctx.clone(), current.clone(), other.clone(), rev.clone(), take.clone(), busy.clone(), failed.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, current, other, rev, chosen, busy, failed, on_change) =
                (ctx.clone(), current.clone(), other.clone(), rev.clone(), take.iter().copied().collect::<Vec<_>>(), busy.clone(), failed.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::customer::resolve_conflict(&ctx, &current, &rev, &other, &chosen).await {
                    Ok(()) => on_change.emit(()),
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <section class="card-section other-version" aria-labelledby="other-version-title">
            <h2 id="other-version-title"><span aria-hidden="true">{ "⚠ " }</span>{ ctx.t(T::OtherVersionTitle) }</h2>
            <p class="hint">{ ctx.t(T::OtherVersionHint) }</p>
            if fields.is_empty() { <p>{ ctx.t(T::OtherVersionSame) }</p> }
            <table class="versions">
                <thead><tr><th scope="col">{ ctx.t(T::VersionField) }</th><th scope="col">{ ctx.t(T::VersionShown) }</th><th scope="col">{ ctx.t(T::VersionOther) }</th></tr></thead>
                <tbody>
                    { for fields.iter().map(|f| {
                        let theirs = take.contains(f);
                        let group = format!("version-{f}");
                        html! {
                            <tr>
                                <th scope="row">{ field_label(f).get(l) }</th>
                                <td>
                                    <label class="agree">
                                        <input type="radio" name={group.clone()} checked={!theirs} onchange={pick(f, false)} />
                                        <span>{ shown(current, f, l) }</span>
                                    </label>
                                </td>
                                <td>
                                    <label class="agree">
                                        <input type="radio" name={group} checked={theirs} onchange={pick(f, true)} />
                                        <span>{ shown(other, f, l) }</span>
                                    </label>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <button class="btn big primary" onclick={save} disabled={*busy}>{ ctx.t(T::VersionSave) }</button>
        </section>
    }
}
