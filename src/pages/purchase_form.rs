//! 记录购买: a product bought (from the store's list, which fills in the usual price, or
//! typed), quantity, unit price, date, and whether it is used at home or in the store.
//! The purchase, the customer's first-purchase day and their follow-up plan (calls after
//! the purchase, the run-out reminder) are saved in one transaction.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::{now_ms, AppContext};
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::care::{money, yuan_field};
use crate::domain::{new_id, Customer, Meta, PurchaseDraft};
use crate::i18n::{Msg, T};
use crate::pages::choices::PLACES;
use crate::pages::staff_search::today;

#[derive(Properties, PartialEq)]
pub struct PurchaseFormProps {
    pub customer: Rc<Customer>,
    pub on_saved: Callback<()>,
    pub on_cancel: Callback<()>,
}

type Problems = Vec<(&'static str, Msg)>;

#[function_component(PurchaseForm)]
pub fn purchase_form(props: &PurchaseFormProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let draft = use_state(|| PurchaseDraft {
        quantity: "1".into(),
        date: today().format("%Y-%m-%d").to_string(),
        use_place: props.customer.use_place,
        ..Default::default()
    });
    let problems = use_state(Problems::new);
    let saving = use_state(|| false);
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, draft, problems, saving, customer, on_saved) =
            (ctx.clone(), draft.clone(), problems.clone(), saving.clone(), props.customer.clone(), props.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let mut purchase = match draft.check(today()) {
                Ok(p) => p,
                Err(found) => return problems.set(found),
            };
            let stamp = ctx.settings.stamp(now_ms());
            purchase.id = new_id();
            purchase.meta = Meta::new(&stamp);
            purchase.customer_id = customer.id.clone();
            let mut changed = (*customer).clone();
            if changed.first_purchase.map_or(true, |first| purchase.date.is_some_and(|d| d < first)) {
                changed.first_purchase = purchase.date;
            }
            changed.use_place = purchase.use_place;
            changed.meta.touch(&stamp);
            problems.set(Problems::new());
            saving.set(true);
            let (ctx, problems, saving, on_saved) = (ctx.clone(), problems.clone(), saving.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = ctx.db.save_purchase(&purchase, &changed).await;
                saving.set(false);
                match result {
                    Ok(()) => {
                        ctx.search.refresh(&ctx.db, &changed.id).await;
                        on_saved.emit(());
                    }
                    Err(e) => problems.set(vec![("form", e.message())]),
                }
            });
        })
    };
    let error_of = |field: &str| problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    let set = |apply: fn(&mut PurchaseDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
        })
    };
    let products = ctx.settings.products.clone();
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
                <button type="submit" class="btn big primary" disabled={*saving}>{ ctx.t(if *saving { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}

