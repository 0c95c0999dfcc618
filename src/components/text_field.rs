use yew::prelude::*;

use crate::i18n::{Lang, Msg, T};

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's id; the label points at it.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    pub lang: Lang,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<Msg>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// e.g. "numeric" for PINs: the tablet shows its number pad.
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    /// A several-line answer (notes) instead of a one-line input.
    #[prop_or_default]
    pub multiline: bool,
}

/// A labelled input with "required/optional", a hint, and its error right beside it.
/// The value is owned by the page, so nothing typed is lost when an error appears.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        // Both <input> and <textarea> carry `value`; read it without caring which.
        Callback::from(move |e: InputEvent| {
            let target = e.target_unchecked_into::<web_sys::HtmlElement>();
            let value = js_sys::Reflect::get(&target, &"value".into()).ok().and_then(|v| v.as_string());
            cb.emit(value.unwrap_or_default())
        })
    };
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let described = match (&props.hint, &props.error) {
        (_, Some(_)) => Some(error_id.clone()),
        (Some(_), None) => Some(hint_id.clone()),
        _ => None,
    };
    let need = if props.required { T::Required } else { T::Optional };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                <span class={classes!("need", props.required.then_some("required"))}>{ need.get(props.lang) }</span>
            </label>
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
            if props.multiline {
                <textarea id={props.id.clone()} value={props.value.clone()} rows="3"
                    {oninput} required={props.required} aria-invalid={props.error.is_some().to_string()}
                    aria-describedby={described} />
            } else {
                <input id={props.id.clone()} type={props.input_type.clone()} value={props.value.clone()}
                    {oninput} required={props.required} aria-invalid={props.error.is_some().to_string()}
                    aria-describedby={described} autocomplete={props.autocomplete.clone()} inputmode={props.inputmode.clone()} />
            }
            if let Some(error) = &props.error {
                <p class="error" id={error_id} role="alert">
                    <span aria-hidden="true">{ "⚠ " }</span>{ error.get(props.lang).to_string() }
                </p>
            }
        </div>
    }
}
