//! Step 5: how the customer heard of the store (and who referred them).

use yew::prelude::*;

use super::form::Form;
use crate::components::choice_group::ChoiceGroup;
use crate::components::choices::SOURCES;
use crate::components::text_field::TextField;
use crate::domain::registration::SourceChoice;
use crate::i18n::T;

pub(super) fn view(f: &Form) -> Html {
    let (d, l) = (f.d(), f.lang);
    let (options, selected, onselect) = f.choice(&SOURCES, |d| d.source, |d, v| d.source = Some(v));
    let detail = match d.source {
        Some(SourceChoice::Referral) => Some(T::ReferralBy),
        Some(SourceChoice::Other) => Some(T::SourceOtherDetail),
        _ => None,
    };
    html! {
        <>
            <ChoiceGroup id="reg-source" legend={f.t(T::Source)} {options} {selected} {onselect} lang={l} />
            if let Some(label) = detail {
                <TextField id="reg-source-detail" label={f.t(label)} value={d.source_detail.clone()}
                    oninput={f.text(|d, v| d.source_detail = v)} lang={l} error={f.error_of("source_detail")} />
            }
        </>
    }
}
