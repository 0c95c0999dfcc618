//! 办理退货 (staff): which purchase comes back, why, whether the package is intact and
//! how much was used. The fee (unit price × quantity used) shows as it is typed, before
//! anything is saved.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::actions;
use crate::components::nav::{back_to_card, back_to_search, Saved};
use crate::domain::aftercare::ReturnDraft;
use crate::domain::care::money;
use crate::domain::Purchase;
use crate::hooks::{use_load, use_submit};
use crate::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct ReturnFormProps {
    /// The customer.
    pub id: String,
}

/// "防脱精华液 × 3 · 2026-10-01 · 单价 ¥298.00": a purchase as a choice.
fn purchase_label(p: &Purchase, l: Lang) -> String {
    let mut parts = vec![format!("{} × {}", p.product, p.quantity)];
    if let Some(d) = p.date {
        parts.push(d.to_string());
    }
    parts.push(format!("{} {}", T::UnitPrice.get(l), money(p.unit_price_fen)));
    parts.join(" · ")
}

#[function_component(ReturnForm)]
pub fn return_form(props: &ReturnFormProps) -> Html {
    let ctx = use_app();
    let loaded = use_load(props.id.clone(), |ctx, id| async move {
        let Some(customer) = actions::customer::load(&ctx, &id).await? else { return Ok(None) };
        let file = actions::aftercare::file(&ctx, &id).await?;
        Ok(Some((Rc::new(customer), Rc::new(file))))
    });
    let draft = use_state(ReturnDraft::default);
    let submit = use_submit();
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    let (customer, file) = match &*loaded {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_to_search(l) }</section> },
        Some(Ok(Some((customer, file)))) => (customer.clone(), file.clone()),
    };
    // A purchase comes back once: those returned already are not offered.
    let returnable: Vec<Purchase> = file
        .purchases
        .iter()
        .rev()
        .filter(|p| !file.returns.iter().any(|r| r.purchase_id.as_deref() == Some(p.id.as_str())))
        .cloned()
        .collect();
    let heading = html! {
        <>
            <h1>{ ctx.t(T::LogReturn) }</h1>
            <p class="lead">{ customer.salutation(l) }{ " · " }{ customer.name.clone() }</p>
        </>
    };
    if returnable.is_empty() {
        return html! {
            <section class="narrow return-form">
                { heading }
                <p class="status" role="status">{ ctx.t(T::ReturnNoPurchases) }</p>
                { back_to_card(&customer.id, T::Cancel, l) }
            </section>
        };
    }

    let onsubmit = {
        let (ctx, draft, submit, navigator, file) = (ctx.clone(), draft.clone(), submit.clone(), navigator.clone(), file.clone());
        let customer_id = customer.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, navigator, file, id) = (ctx.clone(), (*draft).clone(), navigator.clone(), file.clone(), customer_id.clone());
            let to = Route::Customer { id: id.clone() };
            submit.run(async move { actions::aftercare::log_return(&ctx, &id, &file, &draft).await }, move |()| {
                navigator.push_with_state(&to, Saved::new(T::ReturnSaved))
            });
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    // Typing into a field takes its old message away: with the fee changing live, a
    // message about the quantity before would contradict it.
    let set = |field: &'static str, apply: fn(&mut ReturnDraft, String)| {
        let (draft, submit) = (draft.clone(), submit.clone());
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
            if submit.problems().iter().any(|(f, _)| *f == field) {
                submit.set_problems(submit.problems().iter().filter(|(f, _)| *f != field).cloned().collect());
            }
        })
    };
    let choose_purchase = {
        let (draft, ids) = (draft.clone(), returnable.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.purchase_id = ids.get(i).cloned();
            draft.set(d);
        })
    };
    let choose_intact = {
        let draft = draft.clone();
        Callback::from(move |i: usize| {
            let mut d = (*draft).clone();
            d.package_intact = Some(i == 0);
            draft.set(d);
        })
    };
    let purchase_options: Vec<AttrValue> = returnable.iter().map(|p| AttrValue::from(purchase_label(p, l))).collect();
    let chosen = draft.purchase_id.as_deref().and_then(|id| returnable.iter().position(|p| p.id == id));
    let intact_options: Vec<AttrValue> = [T::IntactYes, T::IntactNo].iter().map(|t| AttrValue::Static(t.get(l))).collect();
    let fee = match (draft.purchase(&file.purchases), draft.fee_fen(&file.purchases)) {
        (Some(p), Some(fee)) => format!("{} × {} = {}", money(p.unit_price_fen), draft.quantity_used.trim(), money(fee)),
        _ => ctx.t(T::FeeWaiting).to_string(),
    };
    html! {
        <form class="narrow return-form" {onsubmit} novalidate=true>
            { heading }
            <ChoiceGroup id="return-purchase" legend={ctx.t(T::ReturnPurchase)} options={purchase_options} selected={chosen}
                onselect={choose_purchase} lang={l} required=true error={error_of("purchase")} />
            <TextField id="return-reason" label={ctx.t(T::ReturnReason)} value={draft.reason.clone()} oninput={set("reason", |d, v| d.reason = v)} lang={l}
                required=true multiline=true error={error_of("reason")} />
            <ChoiceGroup id="return-intact" legend={ctx.t(T::PackageIntact)} options={intact_options}
                selected={draft.package_intact.map(|intact| if intact { 0 } else { 1 })} onselect={choose_intact} lang={l} required=true error={error_of("package_intact")} />
            <TextField id="return-used" label={ctx.t(T::QuantityUsed)} value={draft.quantity_used.clone()} oninput={set("quantity_used", |d, v| d.quantity_used = v)} lang={l}
                required=true inputmode="numeric" hint={AttrValue::Static(ctx.t(T::QuantityUsedHint))} error={error_of("quantity_used")} />
            <div class="fee-preview">
                <p class="label" id="return-fee-label">{ ctx.t(T::ReturnFee) }</p>
                <p class="big-fact" id="return-fee" role="status" aria-labelledby="return-fee-label">{ fee }</p>
            </div>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                { back_to_card(&customer.id, T::Cancel, l) }
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
