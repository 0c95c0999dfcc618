//! Step 6: the consents, each on its own with its notice (PIPL): personal
//! information (required), sensitive information, marketing; a guardian for a child.

use yew::prelude::*;

use super::form::Form;
use crate::components::text_field::TextField;
use crate::domain::consent::ConsentKind;
use crate::domain::notices::Notice;
use crate::i18n::T;

pub(super) fn view(f: &Form) -> Html {
    let (d, l) = (f.d(), f.lang);
    let boxes = [
        (ConsentKind::PersonalInfo, d.consent_personal, f.toggle(|d| &mut d.consent_personal), "consent_personal"),
        (ConsentKind::SensitiveInfo, d.consent_sensitive, f.toggle(|d| &mut d.consent_sensitive), "consent_sensitive"),
        (ConsentKind::Marketing, d.consent_marketing, f.toggle(|d| &mut d.consent_marketing), "consent_marketing"),
    ];
    html! {
        <>
            { for boxes.into_iter().map(|(kind, checked, onchange, field)| {
                let notice = Notice::for_kind(kind);
                let required = kind == ConsentKind::PersonalInfo;
                let id = format!("reg-{field}");
                let error = f.error_of(field);
                html! {
                    <div class={classes!("consent", checked.then_some("checked"), error.is_some().then_some("has-error"))}>
                        <h2>{ notice.title(l) }</h2>
                        // A long notice scrolls in its box: the box takes the keyboard too.
                        <div class="notice-text" tabindex="0" role="region" aria-label={notice.title(l)}>{ notice.body(l) }</div>
                        <label class="agree">
                            <input type="checkbox" id={id} {checked} {onchange} />
                            <span>{ f.t(T::ConsentAgree) }</span>
                            <span class={classes!("need", required.then_some("required"))}>
                                { f.t(if required { T::ConsentRequired } else { T::ConsentOptional }) }
                            </span>
                        </label>
                        if let Some(e) = error { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                    </div>
                }
            }) }
            if d.needs_guardian(f.today) {
                <div class="guardian">
                    <h2>{ f.t(T::GuardianTitle) }</h2>
                    <p>{ f.t(T::GuardianIntro) }</p>
                    <TextField id="reg-guardian-name" label={f.t(T::GuardianName)} value={d.guardian_name.clone()}
                        oninput={f.text(|d, v| d.guardian_name = v)} lang={l} required=true error={f.error_of("guardian_name")} />
                    <TextField id="reg-guardian-phone" label={f.t(T::GuardianPhone)} value={d.guardian_phone.clone()}
                        oninput={f.text(|d, v| d.guardian_phone = v)} lang={l} required=true input_type="tel" inputmode="numeric" error={f.error_of("guardian_phone")} />
                </div>
            }
            <TextField id="reg-staff" label={f.t(T::StaffPresent)} value={d.staff_present.clone()}
                oninput={f.text(|d, v| d.staff_present = v)} lang={l} hint={AttrValue::Static(f.t(T::StaffPresentHint))} error={f.error_of("staff_present")} />
        </>
    }
}
