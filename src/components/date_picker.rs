//! A birth date picked by touch with large targets, year first: the decade, the year,
//! the month, the day — four taps, never sixty years of scrolling. Beside the field
//! (which still takes a typed date), it fills the field with `YYYY-MM-DD`.

use chrono::{Datelike, NaiveDate};
use yew::prelude::*;

use crate::components::text_field::TextField;
use crate::i18n::{Lang, Msg, T};

/// The oldest birth year offered: a hundred and ten years back.
const YEARS_BACK: i32 = 110;

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Closed,
    Decade,
    Year(i32),
    Month(i32),
    Day(i32, u32),
}

#[derive(Properties, PartialEq)]
pub struct BirthDateFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `YYYY-MM-DD`, or what was typed, or empty.
    pub value: AttrValue,
    pub oninput: Callback<String>,
    pub lang: Lang,
    /// The last day that may be picked (today).
    pub today: NaiveDate,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub error: Option<Msg>,
}

/// The date field and, under 按年份选择, the picker.
#[function_component(BirthDateField)]
pub fn birth_date_field(props: &BirthDateFieldProps) -> Html {
    let stage = use_state_eq(|| Stage::Closed);
    let l = props.lang;
    let go = |to: Stage| {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set(to))
    };
    let this_year = props.today.year();
    let first_decade = (this_year - YEARS_BACK).div_euclid(10) * 10;
    let panel_id = format!("{}-picker", props.id);

    // Back names what is chosen again: the wizard's own 上一步 stays the only one.
    let grid = |label: T, so_far: Html, buttons: Html, back: Option<(Stage, T)>| {
        html! {
            <div class="picker-panel" id={panel_id.clone()} role="group" aria-label={label.get(l)}>
                <p class="picker-step">{ label.get(l) }</p>
                { so_far }
                <div class="picker-grid">{ buttons }</div>
                <div class="picker-actions">
                    if let Some((back, text)) = back {
                        <button type="button" class="btn" onclick={go(back)}>{ text.get(l) }</button>
                    }
                    <button type="button" class="btn" onclick={go(Stage::Closed)}>{ T::PickerClose.get(l) }</button>
                </div>
            </div>
        }
    };

    let panel = match *stage {
        Stage::Closed => html! {},
        Stage::Decade => {
            let buttons = (first_decade..=this_year).step_by(10).map(|d| {
                html! { <button type="button" class="btn pick" onclick={go(Stage::Year(d))}>{ Msg::new(T::DecadeLabel).arg(d).get(l).to_string() }</button> }
            });
            grid(T::PickDecade, html! {}, buttons.collect::<Html>(), None)
        }
        Stage::Year(decade) => {
            let buttons = (decade..decade + 10).filter(|y| (this_year - YEARS_BACK..=this_year).contains(y)).map(|y| {
                html! { <button type="button" class="btn pick" onclick={go(Stage::Month(y))}>{ Msg::new(T::YearLabel).arg(y).get(l).to_string() }</button> }
            });
            grid(T::PickYear, html! {}, buttons.collect::<Html>(), Some((Stage::Decade, T::PickerOtherDecade)))
        }
        Stage::Month(year) => {
            let buttons = (1..=12u32).filter(|m| NaiveDate::from_ymd_opt(year, *m, 1).is_some_and(|d| d <= props.today)).map(|m| {
                html! { <button type="button" class="btn pick" onclick={go(Stage::Day(year, m))}>{ month_label(m, l) }</button> }
            });
            grid(T::PickMonth, heading(year, None, l), buttons.collect::<Html>(), Some((Stage::Year(year.div_euclid(10) * 10), T::PickerOtherYear)))
        }
        Stage::Day(year, month) => {
            let buttons = (1..=31u32).filter_map(|d| NaiveDate::from_ymd_opt(year, month, d)).filter(|d| *d <= props.today).map(|date| {
                let (pick, stage) = (props.oninput.clone(), stage.clone());
                let onclick = Callback::from(move |_: MouseEvent| {
                    pick.emit(date.format("%Y-%m-%d").to_string());
                    stage.set(Stage::Closed);
                });
                html! { <button type="button" class="btn pick day" {onclick}>{ date.day() }</button> }
            });
            grid(T::PickDay, heading(year, Some(month), l), buttons.collect::<Html>(), Some((Stage::Month(year), T::PickerOtherMonth)))
        }
    };
    let open = *stage != Stage::Closed;
    let toggle = go(if open { Stage::Closed } else { Stage::Decade });
    html! {
        <div class="birth-date">
            <TextField id={props.id.clone()} label={props.label.clone()} value={props.value.clone()} oninput={props.oninput.clone()}
                lang={l} required={props.required} input_type="date" error={props.error.clone()} autocomplete="off" />
            <button type="button" class="btn big pick-toggle" aria-expanded={open.to_string()} aria-controls={panel_id.clone()} onclick={toggle}>
                { T::PickBirthDate.get(l) }
            </button>
            { panel }
        </div>
    }
}

/// What has been picked so far, above the next choice.
fn heading(year: i32, month: Option<u32>, l: Lang) -> Html {
    let text = match month {
        Some(m) => format!("{} {}", Msg::new(T::YearLabel).arg(year).get(l), month_label(m, l)),
        None => Msg::new(T::YearLabel).arg(year).get(l).to_string(),
    };
    html! { <p class="picker-so-far">{ text }</p> }
}

fn month_label(month: u32, l: Lang) -> String {
    match l {
        Lang::Zh => Msg::new(T::MonthLabel).arg(month).get(l).to_string(),
        Lang::En => u8::try_from(month).ok().and_then(|m| chrono::Month::try_from(m).ok()).map_or_else(|| month.to_string(), |m| m.name().to_string()),
    }
}
