//! Step 3: the hair loss — type, how long, what was tried. Sensitive: kept only with
//! the sensitive consent.

use yew::prelude::*;

use super::form::Form;
use crate::components::choice_group::ChoiceGroup;
use crate::components::choices::{DURATIONS, HAIR_TYPES};
use crate::components::text_field::TextField;
use crate::domain::registration::HairTypeChoice;
use crate::i18n::T;

pub(super) fn view(f: &Form) -> Html {
    let (d, l) = (f.d(), f.lang);
    let (options, selected, onselect) = f.choice(&HAIR_TYPES, |d| d.hair_type, |d, v| d.hair_type = Some(v));
    let (dur_options, dur_selected, dur_select) = f.choice(&DURATIONS, |d| d.hair_duration, |d, v| d.hair_duration = Some(v));
    html! {
        <>
            <p class="sensitive-note">{ f.t(T::SensitiveLater) }</p>
            <ChoiceGroup id="reg-hair-type" legend={f.t(T::HairType)} {options} {selected} {onselect} lang={l} />
            if d.hair_type == Some(HairTypeChoice::Other) {
                <TextField id="reg-hair-other" label={f.t(T::HairTypeOther)} value={d.hair_type_other.clone()}
                    oninput={f.text(|d, v| d.hair_type_other = v)} lang={l} error={f.error_of("hair_type_other")} />
            }
            <ChoiceGroup id="reg-duration" legend={f.t(T::HairDuration)} options={dur_options} selected={dur_selected} onselect={dur_select} lang={l} />
            <TextField id="reg-prior" label={f.t(T::PriorTreatment)} value={d.prior_treatment.clone()} oninput={f.text(|d, v| d.prior_treatment = v)}
                lang={l} multiline=true hint={AttrValue::Static(f.t(T::PriorTreatmentHint))} error={f.error_of("prior_treatment")} />
        </>
    }
}
