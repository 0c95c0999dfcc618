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
    // Each consent by name; without the sensitive one, the answers it covers are
    // marked as not kept (the domain drops them when saving: `Customer::clear_sensitive`).
    let mut consents = vec![
        (T::ConsentShortPersonal.get(l), yes_no(d.consent_personal), false),
        (T::ConsentShortSensitive.get(l), yes_no(d.consent_sensitive), false),
        (T::ConsentShortMarketing.get(l), yes_no(d.consent_marketing), false),
    ];
    if d.needs_guardian(today) {
        consents.push((T::GuardianName.get(l), or_blank(&d.guardian_name), false));
        consents.push((T::GuardianPhone.get(l), or_blank(&d.guardian_phone), false));
    }
    let dropped = !d.consent_sensitive;
    let sections: Vec<(Step, Vec<(&'static str, String, bool)>)> = vec![
        (Step::Basic, vec![
            (T::Name.get(l), or_blank(&d.name), false),
            (T::Gender.get(l), opt(label_of(d.gender, l)), false),
            (T::BirthDate.get(l), or_blank(&d.birth_date), false),
            (T::Phone.get(l), or_blank(&d.phone), false),
        ]),
        (Step::Hair, vec![
            (T::HairType.get(l), hair_type, dropped),
            (T::HairDuration.get(l), opt(label_of(d.hair_duration, l)), dropped),
            (T::PriorTreatment.get(l), or_blank(&d.prior_treatment), dropped),
        ]),
        (Step::Health, vec![
            (T::HealthNotes.get(l), or_blank(&d.health_notes), dropped),
            (T::LifeNotes.get(l), or_blank(&d.life_notes), false),
            (T::Occupation.get(l), or_blank(&d.occupation), false),
            (T::Hobbies.get(l), or_blank(&d.hobbies), false),
        ]),
        (Step::Source, vec![(T::Source.get(l), source, false)]),
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
                        if rows.iter().any(|(_, _, not_kept)| *not_kept) {
                            <p class="not-kept-note"><span aria-hidden="true">{ "⚠ " }</span>{ T::NotKeptWithoutSensitive.get(l) }</p>
                        }
                        <dl class="facts">
                            { for rows.into_iter().map(|(k, v, not_kept)| html! {
                                <>
                                    <dt>{ k }</dt>
                                    <dd class={classes!(not_kept.then_some("not-kept"))}>
                                        { v }
                                        if not_kept { <strong class="not-kept-mark">{ format!(" · {}", T::NotKept.get(l)) }</strong> }
                                    </dd>
                                </>
                            }) }
                        </dl>
                    </section>
                }
            }) }
        </div>
    }
}
