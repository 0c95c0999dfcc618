//! 记录购买: a product bought (from the store's list, which fills in the usual price, or
//! typed), quantity, unit price, date, and whether it is used at home or in the store.
//! The purchase, the customer's first-purchase day and their follow-up plan (calls after
//! the purchase, the run-out reminder) are saved in one transaction.

use std::rc::Rc;

use yew::prelude::*;

use crate::context::use_app;
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::care::{money, yuan_field};
use crate::actions;
use crate::clock::date_field;
use crate::components::choices::PLACES;
use crate::domain::{Customer, PurchaseDraft};
use crate::hooks::{field, use_submit};
use crate::i18n::{T, Msg};

#[derive(Properties, PartialEq)]
pub struct PurchaseFormProps {
    pub customer: Rc<Customer>,
    pub on_saved: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component(PurchaseForm)]
pub fn purchase_form(props: &PurchaseFormProps) -> Html {
    let ctx = use_app();
    let draft = use_state(|| PurchaseDraft {
        quantity: "1".into(),
        date: date_field(ctx.clock.today()),
        use_place: props.customer.use_place,
        ..Default::default()
    });
    let submit = use_submit();
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, draft, submit, id, on_saved) = (ctx.clone(), draft.clone(), submit.clone(), props.customer.id.clone(), props.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, id, on_saved) = (ctx.clone(), (*draft).clone(), id.clone(), on_saved.clone());
            submit.run(async move { actions::purchase::log(&ctx, &id, &draft).await }, move |_| on_saved.emit(()));
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set = |apply: fn(&mut PurchaseDraft, String)| field(&draft, apply);
    let products = ctx.settings.store.products.clone();
    let pick = |i: usize| {
        let (draft, products) = (draft.clone(), products.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = products.get(i) {
                let mut d = (*draft).clone();
                d.product = p.name.clone();
                if p.unit_price_fen > 0 {
                    d.unit_price = yuan_field(p.unit_price_fen);
                }
                draft.set(d);
            }
        })
    };
    let places: Vec<AttrValue> = PLACES.iter().map(|(_, t)| AttrValue::Static(t.get(l))).collect();
    let on_place = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.use_place = PLACES.get(i).map(|(p, _)| *p);
            draft.set(d);
        })
    };
    let total = match (draft.quantity.trim().parse::<i64>(), crate::domain::care::parse_yuan(&draft.unit_price)) {
        (Ok(q), Some(price)) if q > 0 => Some(money(q * price)),
        _ => None,
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="narrow purchase-form" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::PurchaseTitle) }</h1>
            <p class="lead">{ props.customer.salutation(l) }{ " · " }{ props.customer.name.clone() }</p>
            if !products.is_empty() {
                <fieldset class="field">
                    <legend>{ ctx.t(T::PurchasePick) }</legend>
                    <div class="product-picks">
                        { for products.iter().enumerate().map(|(i, p)| html! {
                            <button type="button" class={classes!("btn", "big", (draft.product == p.name).then_some("chosen"))}
                                aria-pressed={(draft.product == p.name).to_string()} onclick={pick(i)}>
                                { if draft.product == p.name { "✓ " } else { "" } }{ p.name.clone() }
                            </button>
                        }) }
                    </div>
                </fieldset>
            }
            <TextField id="purchase-product" label={ctx.t(T::PurchaseProduct)} value={draft.product.clone()} oninput={set(|d, v| d.product = v)} lang={l}
                required=true error={error_of("product")} />
            <TextField id="purchase-quantity" label={ctx.t(T::PurchaseQuantity)} value={draft.quantity.clone()} oninput={set(|d, v| d.quantity = v)} lang={l}
                required=true inputmode="numeric" error={error_of("quantity")} />
            <TextField id="purchase-price" label={ctx.t(T::PurchasePrice)} value={draft.unit_price.clone()} oninput={set(|d, v| d.unit_price = v)} lang={l}
                required=true inputmode="decimal" error={error_of("unit_price")} />
            if let Some(total) = total { <p class="big-fact">{ Msg::new(T::LabelValue).arg(T::PurchaseTotal).arg(total).get(l) }</p> }
            <TextField id="purchase-date" label={ctx.t(T::PurchaseDate)} value={draft.date.clone()} oninput={set(|d, v| d.date = v)} lang={l}
                required=true input_type="date" error={error_of("date")} />
            <ChoiceGroup id="purchase-place" legend={ctx.t(T::UsePlace)} options={places}
                selected={draft.use_place.and_then(|p| PLACES.iter().position(|(x, _)| *x == p))} onselect={on_place} lang={l} required=true error={error_of("use_place")} />
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                <button type="button" class="btn big" onclick={cancel}>{ ctx.t(T::Cancel) }</button>
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}

