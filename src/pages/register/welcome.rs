//! Step 1: why registering is worth it.

use yew::prelude::*;

use super::form::Form;
use crate::i18n::T;

pub(super) fn view(f: &Form) -> Html {
    html! {
        <>
            <p class="lead">{ f.t(T::WelcomeIntro) }</p>
            <ul class="benefits">
                { for [T::Benefit1, T::Benefit2, T::Benefit3].iter().map(|b| html! {
                    <li><span class="tick" aria-hidden="true">{ "✓" }</span>{ f.t(*b) }</li>
                }) }
            </ul>
            <p>{ f.t(T::WelcomePrivacy) }</p>
        </>
    }
}
