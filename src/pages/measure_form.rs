//! 记录测量 (staff): one visit's measurements — density, shaft diameter, the 0–4 scales,
//! the customer's own rating, a note; any subset, each range checked.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::components::choice_group::ChoiceGroup;
use crate::components::sensitive_gate::SensitiveGate;
use crate::components::text_field::TextField;
use crate::components::whose::Whose;
use crate::domain::care::SCALE_MAX;
use crate::actions;
use crate::clock::date_field;
use crate::domain::MeasurementDraft;
use crate::hooks::use_submit;
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct MeasureFormProps {
    pub id: String,
}

type Scale = (&'static str, T, fn(&MeasurementDraft) -> Option<u8>, fn(&mut MeasurementDraft, Option<u8>));

const SCALES: [Scale; 5] = [
    ("oiliness", T::Oiliness, |d| d.oiliness, |d, v| d.oiliness = v),
    ("itch", T::Itch, |d| d.itch, |d, v| d.itch = v),
    ("dandruff", T::Dandruff, |d| d.dandruff, |d, v| d.dandruff = v),
    ("shedding", T::Shedding, |d| d.shedding, |d, v| d.shedding = v),
    ("new_growth", T::NewGrowth, |d| d.new_growth, |d, v| d.new_growth = v),
];

#[function_component(MeasureForm)]
pub fn measure_form(props: &MeasureFormProps) -> Html {
    let ctx = use_app();
    let navigator = use_navigator().expect("inside a router");
    let draft = use_state(|| MeasurementDraft { taken_on: date_field(ctx.clock.today()), ..Default::default() });
    let submit = use_submit();
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, draft, submit, navigator, id) = (ctx.clone(), draft.clone(), submit.clone(), navigator.clone(), props.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, navigator, id) = (ctx.clone(), (*draft).clone(), navigator.clone(), id.clone());
            let to = Route::CustomerProgress { id: id.clone() };
            submit.run(async move { actions::photos::add_measurement(&ctx, &id, &draft).await }, move |()| navigator.push(&to));
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set_text = |apply: fn(&mut MeasurementDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
        })
    };
    let levels: Vec<AttrValue> = (0..=SCALE_MAX).map(|n| AttrValue::from(n.to_string())).collect();
    let form = html! {
        <form class="narrow measure-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::MeasureTitle) }</h1>
            <Whose customer_id={props.id.clone()} />
            <TextField id="m-date" label={ctx.t(T::MeasuredOn)} value={draft.taken_on.clone()} oninput={set_text(|d, v| d.taken_on = v)} lang={l}
                required=true input_type="date" error={error_of("taken_on")} />
            <TextField id="m-density" label={ctx.t(T::Density)} value={draft.density.clone()} oninput={set_text(|d, v| d.density = v)} lang={l}
                inputmode="decimal" error={error_of("density_per_cm2")} />
            <TextField id="m-diameter" label={ctx.t(T::Diameter)} value={draft.diameter.clone()} oninput={set_text(|d, v| d.diameter = v)} lang={l}
                inputmode="decimal" error={error_of("shaft_diameter_um")} />
            <p class="hint">{ ctx.t(T::ScaleHint) }</p>
            { for SCALES.iter().map(|(field, label, get, put)| {
                let selected = get(&draft).map(usize::from);
                let (draft, put) = (draft.clone(), *put);
                let onselect = Callback::from(move |i: usize| {
                    let mut d = (*draft).clone();
                    put(&mut d, Some(i as u8));
                    draft.set(d);
                });
                html! {
                    <ChoiceGroup id={format!("m-{field}")} legend={label.get(l)} options={levels.clone()} {selected}
                        {onselect} lang={l} error={error_of(field)} />
                }
            }) }
            <TextField id="m-rating" label={ctx.t(T::SelfRating)} value={draft.self_rating.clone()} oninput={set_text(|d, v| d.self_rating = v)} lang={l}
                inputmode="numeric" error={error_of("self_rating")} />
            <TextField id="m-note" label={ctx.t(T::PhotoNote)} value={draft.note.clone()} oninput={set_text(|d, v| d.note = v)} lang={l}
                multiline=true error={error_of("note")} />
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                // Back where the form was opened: the customer's hair progress.
                <Link<Route> to={Route::CustomerProgress { id: props.id.clone() }} classes="btn big">{ ctx.t(T::Cancel) }</Link<Route>>
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    };
    html! { <SensitiveGate customer_id={props.id.clone()}>{ form }</SensitiveGate> }
}
