//! 办理退货 (staff): which purchase comes back, why, whether the package is intact and
//! how much was used. The fee (unit price × quantity used) shows as it is typed, before
//! anything is saved.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{now_ms, AppContext, Route};
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::domain::aftercare::{Problems, ReturnDraft};
use crate::domain::care::money;
use crate::domain::{new_id, Customer, Meta, Purchase};
use crate::i18n::{Lang, Msg, T};
use crate::pages::card_aftercare::{back_to_card, back_to_search, Saved};
use crate::storage::AftercareFile;

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
    let ctx = use_context::<AppContext>().expect("AppContext");
    let loaded = use_state(|| None::<Result<Option<(Rc<Customer>, Rc<AftercareFile>)>, Msg>>);
    let draft = use_state(ReturnDraft::default);
    let problems = use_state(Problems::new);
    let saving = use_state(|| false);
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    {
        let (db, loaded) = (ctx.db.clone(), loaded.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = async {
                    let Some(customer) = db.get::<Customer>(&id).await? else { return Ok(None) };
                    let file = db.aftercare_of(&id).await?;
                    Ok::<_, crate::storage::StorageError>(Some((Rc::new(customer), Rc::new(file))))
                };
                loaded.set(Some(read.await.map_err(|e| e.message())));
            });
        });
    }

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
        let (ctx, draft, problems, saving, navigator, file) = (ctx.clone(), draft.clone(), problems.clone(), saving.clone(), navigator.clone(), file.clone());
        let customer_id = customer.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let mut record = match draft.check(&file.purchases, &file.returns) {
                Ok(record) => record,
                Err(found) => return problems.set(found),
            };
            record.id = new_id();
            record.meta = Meta::new(&ctx.settings.stamp(now_ms()));
            record.customer_id = customer_id.clone();
            problems.set(Problems::new());
            saving.set(true);
            let (db, search, problems, saving, navigator, id) =
                (ctx.db.clone(), ctx.search.clone(), problems.clone(), saving.clone(), navigator.clone(), customer_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match db.save_return(&record).await {
                    Ok(()) => {
                        search.refresh(&db, &id).await;
                        navigator.push_with_state(&Route::Customer { id }, Saved::new(T::ReturnSaved))
                    }
                    Err(e) => {
                        problems.set(vec![("form", e.message())]);
                        saving.set(false);
                    }
                }
            });
        })
    };
    let error_of = |field: &str| problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    // Typing into a field takes its old message away: with the fee changing live, a
    // message about the quantity before would contradict it.
    let set = |field: &'static str, apply: fn(&mut ReturnDraft, String)| {
        let (draft, problems) = (draft.clone(), problems.clone());
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            apply(&mut d, v);
            draft.set(d);
            if problems.iter().any(|(f, _)| *f == field) {
                problems.set(problems.iter().filter(|(f, _)| *f != field).cloned().collect());
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
                <button type="submit" class="btn big primary" disabled={*saving}>{ ctx.t(if *saving { T::Saving } else { T::Save }) }</button>
            </div>
        </form>
    }
}
