use yew::prelude::*;

use crate::i18n::{Lang, Msg, T};

#[derive(Properties, PartialEq)]
pub struct ChoiceGroupProps {
    /// Used for the radio group's name and element ids.
    pub id: AttrValue,
    pub legend: AttrValue,
    pub options: Vec<AttrValue>,
    pub selected: Option<usize>,
    pub onselect: Callback<usize>,
    pub lang: Lang,
    #[prop_or_default]
    pub error: Option<Msg>,
    #[prop_or_default]
    pub required: bool,
}

/// One answer out of a few, as big tappable cards (native radio buttons inside
/// labels, so keyboards and screen readers work). The chosen card shows a tick and a
/// thick border, not only a colour.
#[function_component(ChoiceGroup)]
pub fn choice_group(props: &ChoiceGroupProps) -> Html {
    html! {
        <fieldset class={classes!("field", "choices", props.error.is_some().then_some("has-error"))}>
            <legend>
                { props.legend.clone() }
                <span class={classes!("need", props.required.then_some("required"))}>
                    { (if props.required { T::Required } else { T::Optional }).get(props.lang) }
                </span>
            </legend>
            <div class="choice-list">
                { for props.options.iter().enumerate().map(|(i, label)| {
                    let checked = props.selected == Some(i);
                    let onchange = props.onselect.reform(move |_: Event| i);
                    let id = format!("{}-{i}", props.id);
                    html! {
                        <label class={classes!("choice", checked.then_some("checked"))}>
                            <input type="radio" id={id} name={props.id.clone()} {checked} {onchange} />
                            <span class="choice-label">{ label.clone() }</span>
                            if checked { <span class="tick" aria-hidden="true">{ "✓" }</span> }
                        </label>
                    }
                }) }
            </div>
            if let Some(error) = &props.error {
                <p class="error" role="alert">{ error.get(props.lang).to_string() }</p>
            }
        </fieldset>
    }
}
