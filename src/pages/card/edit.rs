//! 编辑顾客资料: staff edit every field of a record, including the staff-only ones
//! (appearance, consultant, consultation advice, effect class), with the same checks
//! as registration. Health fields appear only if the customer consented to them.

use std::rc::Rc;

use yew::prelude::*;

use crate::context::use_app;
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::classify::ProspectClass;
use crate::domain::customer_form::{grade_label, CustomerForm, GRADE_CODES};
use crate::actions;
use crate::domain::registration::{HairTypeChoice, SourceChoice};
use crate::hooks::use_submit;
use crate::domain::{ConsentKind, EffectClass};
use crate::components::choices::{DURATIONS, GENDERS, HAIR_TYPES, PLACES, SOURCES};
use crate::i18n::{Label, Lang, T};
use crate::storage::CustomerFile;

#[derive(Properties, PartialEq)]
pub struct CustomerEditProps {
    pub file: Rc<CustomerFile>,
    pub on_saved: Callback<()>,
    pub on_cancel: Callback<()>,
}


#[function_component(CustomerEdit)]
pub fn customer_edit(props: &CustomerEditProps) -> Html {
    let ctx = use_app();
    let form = use_state(|| CustomerForm::from_customer(&props.file.customer));
    let submit = use_submit();
    let l = ctx.lang;
    let sensitive = props.file.consents.iter().any(|c| c.kind == ConsentKind::SensitiveInfo && c.is_active());

    let onsubmit = {
        let (ctx, form, submit, file, on_saved) = (ctx.clone(), form.clone(), submit.clone(), props.file.clone(), props.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, form, file, on_saved) = (ctx.clone(), (*form).clone(), file.clone(), on_saved.clone());
            submit.run(async move { actions::customer::edit(&ctx, &file, &form).await }, move |_| on_saved.emit(()));
        })
    };
    // The first message is where the eye should go.
    {
        let count = submit.problems().len();
        use_effect_with(count, move |count| {
            if *count > 0 {
                if let Some(el) = gloo::utils::document().query_selector(".field.has-error, .error").ok().flatten() {
                    el.scroll_into_view();
                }
            }
        });
    }
    let error_of = |field: &str| submit.error_of(field);
    // A text field bound to one field of the form.
    let text = |id: &'static str, label: T, get: fn(&CustomerForm) -> &String, put: fn(&mut CustomerForm, String), kind: Kind| {
        let oninput = {
            let form = form.clone();
            Callback::from(move |v: String| {
                let mut f = (*form).clone();
                put(&mut f, v);
                form.set(f);
            })
        };
        let field = id.replace('-', "_");
        html! {
            <TextField id={format!("edit-{id}")} label={label.get(l)} value={get(&form).clone()} {oninput} lang={l}
                required={kind == Kind::Required} multiline={kind == Kind::Long}
                input_type={if kind == Kind::Date { "date" } else { "text" }}
                inputmode={(id == "phone").then_some(AttrValue::Static("tel"))}
                error={error_of(&field)} />
        }
    };
    // One answer out of a few, bound to one field of the form.
    fn choice<E: Copy + PartialEq + 'static>(
        form: &UseStateHandle<CustomerForm>, id: &'static str, legend: T, table: &'static [(E, T)], l: Lang,
        get: fn(&CustomerForm) -> Option<E>, put: fn(&mut CustomerForm, Option<E>),
    ) -> Html {
        let options: Vec<AttrValue> = table.iter().map(|(_, t)| AttrValue::Static(t.get(l))).collect();
        let selected = get(form).and_then(|v| table.iter().position(|(e, _)| *e == v));
        let onselect = {
            let form = form.clone();
            Callback::from(move |i: usize| {
                let mut f = (*form).clone();
                put(&mut f, table.get(i).map(|(e, _)| *e));
                form.set(f);
            })
        };
        html! { <ChoiceGroup id={format!("edit-{id}")} legend={legend.get(l)} {options} {selected} {onselect} lang={l} /> }
    }
    let effects: Vec<AttrValue> = EffectClass::ALL.iter().map(|e| AttrValue::Static(e.label().get(l))).collect();
    let prospects: Vec<AttrValue> = ProspectClass::ALL.iter().map(|p| AttrValue::Static(p.label().get(l))).collect();
    let on_prospect = {
        let form = form.clone();
        Callback::from(move |i: usize| {
            let mut f = (*form).clone();
            f.prospect_class = ProspectClass::ALL.get(i).copied();
            form.set(f);
        })
    };
    let on_effect = {
        let form = form.clone();
        Callback::from(move |i: usize| {
            let mut f = (*form).clone();
            f.effect_class = EffectClass::ALL.get(i).copied();
            form.set(f);
        })
    };
    let on_grade = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut f = (*form).clone();
            f.hair_loss_grade = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            form.set(f);
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let f = &*form;
    html! {
        <form class="narrow edit-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::EditTitle) }</h1>
            if !submit.problems().is_empty() { <p class="error" role="alert">{ ctx.t(T::FixProblems) }</p> }
            <fieldset class="group">
                <legend>{ ctx.t(T::StepBasic) }</legend>
                { text("name", T::Name, |f| &f.name, |f, v| f.name = v, Kind::Required) }
                { choice(&form, "gender", T::Gender, &GENDERS, l, |f| f.gender, |f, v| f.gender = v) }
                { text("birth-date", T::BirthDate, |f| &f.birth_date, |f, v| f.birth_date = v, Kind::Date) }
                { text("phone", T::Phone, |f| &f.phone, |f, v| f.phone = v, Kind::Required) }
                { text("address", T::Address, |f| &f.address, |f, v| f.address = v, Kind::Short) }
                { text("occupation", T::Occupation, |f| &f.occupation, |f, v| f.occupation = v, Kind::Short) }
            </fieldset>
            <fieldset class="group">
                <legend>{ ctx.t(T::StepHair) }</legend>
                if sensitive {
                    { choice(&form, "hair-type", T::HairType, &HAIR_TYPES, l, |f| f.hair_loss_type, |f, v| f.hair_loss_type = v) }
                    if f.hair_loss_type == Some(HairTypeChoice::Other) {
                        { text("hair-type-other", T::HairTypeOther, |f| &f.hair_type_other, |f, v| f.hair_type_other = v, Kind::Short) }
                    }
                    <div class={classes!("field", error_of("hair_loss_grade").is_some().then_some("has-error"))}>
                        <label for="edit-grade">{ ctx.t(T::HairGrade) }<span class="need">{ ctx.t(T::Optional) }</span></label>
                        <select id="edit-grade" onchange={on_grade}>
                            { for GRADE_CODES.iter().map(|code| html! {
                                <option value={*code} selected={f.hair_loss_grade == *code}>{ grade_label(code, l) }</option>
                            }) }
                        </select>
                        if let Some(e) = error_of("hair_loss_grade") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                    </div>
                    { choice(&form, "duration", T::HairDuration, &DURATIONS, l, |f| f.hair_loss_duration, |f, v| f.hair_loss_duration = v) }
                    { text("prior-treatment", T::PriorTreatment, |f| &f.prior_treatment, |f, v| f.prior_treatment = v, Kind::Long) }
                    { text("health-notes", T::HealthNotes, |f| &f.health_notes, |f, v| f.health_notes = v, Kind::Long) }
                } else {
                    <p class="note">{ ctx.t(T::SensitiveLocked) }</p>
                }
            </fieldset>
            <fieldset class="group">
                <legend>{ ctx.t(T::CardLife) }</legend>
                { text("life-notes", T::LifeNotes, |f| &f.life_notes, |f, v| f.life_notes = v, Kind::Long) }
                { text("hobbies", T::Hobbies, |f| &f.hobbies, |f, v| f.hobbies = v, Kind::Short) }
            </fieldset>
            <fieldset class="group">
                <legend>{ ctx.t(T::CardStaffNotes) }</legend>
                { text("appearance-notes", T::AppearanceNotes, |f| &f.appearance_notes, |f, v| f.appearance_notes = v, Kind::Long) }
                { text("consultant", T::Consultant, |f| &f.consultant, |f, v| f.consultant = v, Kind::Short) }
                { text("consultation-advice", T::ConsultationAdvice, |f| &f.consultation_advice, |f, v| f.consultation_advice = v, Kind::Long) }
                <ChoiceGroup id="edit-effect" legend={ctx.t(T::ClassEffect)} options={effects}
                    selected={f.effect_class.and_then(|e| EffectClass::ALL.iter().position(|x| *x == e))} onselect={on_effect} lang={l} />
                <ChoiceGroup id="edit-prospect" legend={ctx.t(T::ClassProspect)} options={prospects}
                    selected={f.prospect_class.and_then(|p| ProspectClass::ALL.iter().position(|x| *x == p))} onselect={on_prospect} lang={l} />
                { choice(&form, "use-place", T::UsePlace, &PLACES, l, |f| f.use_place, |f, v| f.use_place = v) }
                { text("first-visit", T::FirstVisit, |f| &f.first_visit, |f, v| f.first_visit = v, Kind::Date) }
                { choice(&form, "source", T::Source, &SOURCES, l, |f| f.info_source, |f, v| f.info_source = v) }
                if matches!(f.info_source, Some(SourceChoice::Referral | SourceChoice::Other)) {
                    { text("source-detail", if f.info_source == Some(SourceChoice::Referral) { T::ReferralBy } else { T::SourceOtherDetail },
                        |f| &f.source_detail, |f, v| f.source_detail = v, Kind::Short) }
                }
                { text("notes", T::Notes, |f| &f.notes, |f, v| f.notes = v, Kind::Long) }
            </fieldset>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions sticky-actions">
                <button type="button" class="btn big" onclick={cancel}>{ ctx.t(T::Cancel) }</button>
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Required,
    Short,
    Long,
    Date,
}
