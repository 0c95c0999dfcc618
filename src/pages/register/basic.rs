//! Step 2: name, gender, birth date, phone.

use yew::prelude::*;

use super::form::Form;
use crate::components::choice_group::ChoiceGroup;
use crate::components::choices::GENDERS;
use crate::components::date_picker::BirthDateField;
use crate::components::text_field::TextField;
use crate::i18n::T;

pub(super) fn view(f: &Form) -> Html {
    let (d, l) = (f.d(), f.lang);
    let (options, selected, onselect) = f.choice(&GENDERS, |d| d.gender, |d, g| d.gender = Some(g));
    html! {
        <>
            <TextField id="reg-name" label={f.t(T::Name)} value={d.name.clone()} oninput={f.text(|d, v| d.name = v)}
                lang={l} required=true hint={AttrValue::Static(f.t(T::NameHint))} error={f.error_of("name")} autocomplete="name" />
            <ChoiceGroup id="reg-gender" legend={f.t(T::Gender)} {options} {selected} {onselect} lang={l} />
            <BirthDateField id="reg-birth" label={f.t(T::BirthDate)} value={d.birth_date.clone()} oninput={f.text(|d, v| d.birth_date = v)}
                lang={l} today={f.today} error={f.error_of("birth_date")} />
            <TextField id="reg-phone" label={f.t(T::Phone)} value={d.phone.clone()} oninput={f.text(|d, v| d.phone = v)}
                lang={l} required=true input_type="tel" inputmode="numeric" hint={AttrValue::Static(f.t(T::PhoneHint))} error={f.error_of("phone")} autocomplete="tel" />
        </>
    }
}
