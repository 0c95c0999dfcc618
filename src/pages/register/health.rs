//! Step 4: health, habits and life — for safe use of the products and a kind word.

use yew::prelude::*;

use super::form::Form;
use crate::components::text_field::TextField;
use crate::i18n::T;

pub(super) fn view(f: &Form) -> Html {
    let (d, l) = (f.d(), f.lang);
    html! {
        <>
            <p class="sensitive-note">{ f.t(T::SensitiveLater) }</p>
            <TextField id="reg-health" label={f.t(T::HealthNotes)} value={d.health_notes.clone()} oninput={f.text(|d, v| d.health_notes = v)}
                lang={l} multiline=true hint={AttrValue::Static(f.t(T::HealthNotesHint))} error={f.error_of("health_notes")} />
            <TextField id="reg-life" label={f.t(T::LifeNotes)} value={d.life_notes.clone()} oninput={f.text(|d, v| d.life_notes = v)}
                lang={l} multiline=true hint={AttrValue::Static(f.t(T::LifeNotesHint))} error={f.error_of("life_notes")} />
            <TextField id="reg-occupation" label={f.t(T::Occupation)} value={d.occupation.clone()} oninput={f.text(|d, v| d.occupation = v)}
                lang={l} error={f.error_of("occupation")} />
            <TextField id="reg-hobbies" label={f.t(T::Hobbies)} value={d.hobbies.clone()} oninput={f.text(|d, v| d.hobbies = v)}
                lang={l} error={f.error_of("hobbies")} />
        </>
    }
}
