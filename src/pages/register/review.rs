//! Step 7: every answer, grouped by step, each group with a way back to fix it.

use yew::prelude::*;

use super::form::Form;
use crate::domain::registration::{HairTypeChoice, Step};
use crate::i18n::{label_of, Label, Msg, T};

/// The review step: every answer, grouped by step, each group with a way back.
pub(super) fn view(f: &Form, go_to: &Callback<Step>) -> Html {
    let (d, l, today) = (f.d(), f.lang, f.today);
    let or_blank = |s: &str| if s.trim().is_empty() { T::NotFilled.get(l).to_string() } else { s.trim().to_string() };
    let opt = |s: Option<&'static str>| s.map(str::to_string).unwrap_or_else(|| T::NotFilled.get(l).to_string());
    let yes_no = |b: bool| T::get(if b { T::Agreed } else { T::Declined }, l).to_string();
    let hair_type = match d.hair_type {
        Some(HairTypeChoice::Other) if !d.hair_type_other.trim().is_empty() => d.hair_type_other.trim().to_string(),
        other => opt(label_of(other, l)),
    };
    let source = match (d.source, d.source_detail.trim()) {
        (Some(s), detail) if !detail.is_empty() => Msg::new(T::LabelValue).arg(s.label()).arg(detail).get(l),
        (s, _) => opt(label_of(s, l)),
    };
    let mut consents = vec![
        (T::get(T::StepConsent, l), format!(
            "{} · {} · {}",
            yes_no(d.consent_personal), yes_no(d.consent_sensitive), yes_no(d.consent_marketing)
        )),
    ];
    if d.needs_guardian(today) {
        consents.push((T::GuardianName.get(l), or_blank(&d.guardian_name)));
        consents.push((T::GuardianPhone.get(l), or_blank(&d.guardian_phone)));
    }
    let sections: Vec<(Step, Vec<(&'static str, String)>)> = vec![
        (Step::Basic, vec![
            (T::Name.get(l), or_blank(&d.name)),
            (T::Gender.get(l), opt(label_of(d.gender, l))),
            (T::BirthDate.get(l), or_blank(&d.birth_date)),
            (T::Phone.get(l), or_blank(&d.phone)),
        ]),
        (Step::Hair, vec![
            (T::HairType.get(l), hair_type),
            (T::HairDuration.get(l), opt(label_of(d.hair_duration, l))),
            (T::PriorTreatment.get(l), or_blank(&d.prior_treatment)),
        ]),
        (Step::Health, vec![
            (T::HealthNotes.get(l), or_blank(&d.health_notes)),
            (T::LifeNotes.get(l), or_blank(&d.life_notes)),
            (T::Occupation.get(l), or_blank(&d.occupation)),
            (T::Hobbies.get(l), or_blank(&d.hobbies)),
        ]),
        (Step::Source, vec![(T::Source.get(l), source)]),
        (Step::Consent, consents),
    ];
    html! {
        <div class="review">
            { for sections.into_iter().map(|(step, rows)| {
                let edit = go_to.reform(move |_| step);
                let has_problem = !d.problems(step, today).is_empty();
                html! {
                    <section class={classes!("review-group", has_problem.then_some("has-error"))}>
                        <div class="review-head">
                            <h2>{ super::step_title(step).get(l) }</h2>
                            <button class="btn edit" onclick={edit}
                                aria-label={format!("{} {}", T::Edit.get(l), super::step_title(step).get(l))}>{ T::Edit.get(l) }</button>
                        </div>
                        <dl class="facts">
                            { for rows.into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                        </dl>
                    </section>
                }
            }) }
        </div>
    }
}
