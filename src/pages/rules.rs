//! 回访规则和产品: the store's follow-up rules (days), the products it sells (days
//! per unit, usual price) and the class thresholds. Saving rewrites every customer's
//! follow-up plan and summary row so the today list and the classes follow at once.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::route::Route;
use crate::components::text_field::TextField;
use crate::domain::care::money;
use crate::domain::plan::{check_product, RulesForm};
use crate::domain::AppSettings;
use crate::i18n::{Msg, T};

type Problems = Vec<(&'static str, Msg)>;

/// Each number field and its label, in screen order.
const FIELDS: [(&str, T); 15] = [
    ("home_use_days", T::RuleHomeUseDays),
    ("after_sales_days", T::RuleAfterSalesDays),
    ("new_customer_days", T::RuleNewDays),
    ("new_call_every_days", T::RuleNewCall),
    ("new_home_visit_every_days", T::RuleNewHome),
    ("new_recheck_every_days", T::RuleNewRecheck),
    ("invite_after_days", T::RuleInvite),
    ("old_call_every_days", T::RuleOldCall),
    ("old_visit_every_days", T::RuleOldVisit),
    ("run_out_warn_days", T::RuleRunOut),
    ("holiday_lead_days", T::RuleHolidayLead),
    ("active_days", T::ThresholdActive),
    ("dormant_days", T::ThresholdDormant),
    ("value_a", T::ThresholdValueA),
    ("value_b", T::ThresholdValueB),
];

#[function_component(FollowUpRulesPage)]
pub fn follow_up_rules_page() -> Html {
    let ctx = use_app();
    let form = use_state(|| RulesForm::from_settings(&ctx.settings.store.follow_up_rules, &ctx.settings.store.class_thresholds));
    let problems = use_state(Problems::new);
    let status = use_state(|| None::<T>);
    let product = use_state(|| (String::new(), String::new(), String::new()));
    let product_problems = use_state(Problems::new);
    let l = ctx.lang;

    // Saves the settings, then rewrites every plan and summary row with them.
    let save = {
        let (ctx, status, problems) = (ctx.clone(), status.clone(), problems.clone());
        move |settings: AppSettings| {
            let (ctx, status, problems) = (ctx.clone(), status.clone(), problems.clone());
            status.set(Some(T::RulesSaving));
            wasm_bindgen_futures::spawn_local(async move {
                match actions::settings::save_rules(&ctx, settings).await {
                    Ok(()) => status.set(Some(T::RulesSaved)),
                    Err(e) => {
                        status.set(None);
                        problems.set(vec![("form", e)]);
                    }
                }
            });
        }
    };
    let onsubmit = {
        let (ctx, form, problems, status, save) = (ctx.clone(), form.clone(), problems.clone(), status.clone(), save.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.check() {
                Ok((rules, thresholds)) => {
                    problems.set(Problems::new());
                    let mut settings = (*ctx.settings).clone();
                    (settings.store.follow_up_rules, settings.store.class_thresholds) = (rules, thresholds);
                    save(settings);
                }
                Err(found) => {
                    // Nothing was saved this time: no earlier "saved" stays on screen.
                    status.set(None);
                    problems.set(found);
                }
            }
        })
    };
    let on_add_product = {
        let (ctx, product, product_problems, status, save) = (ctx.clone(), product.clone(), product_problems.clone(), status.clone(), save.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (name, days, price) = &*product;
            match check_product(name, days, price, &ctx.settings.store.products) {
                Ok(p) => {
                    product_problems.set(Problems::new());
                    product.set(Default::default());
                    let mut settings = (*ctx.settings).clone();
                    settings.store.products.push(p);
                    save(settings);
                }
                Err(found) => {
                    status.set(None);
                    product_problems.set(found);
                }
            }
        })
    };
    let remove_product = |name: String| {
        let (ctx, save) = (ctx.clone(), save.clone());
        Callback::from(move |_: MouseEvent| {
            let mut settings = (*ctx.settings).clone();
            settings.store.products.retain(|p| p.name != name);
            save(settings);
        })
    };
    let error_of = |list: &Problems, field: &str| list.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    let set_text = |key: &'static str| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut f = (*form).clone();
            f.text.insert(key, v);
            form.set(f);
        })
    };
    let toggle = |birthdays: bool| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut f = (*form).clone();
            if birthdays {
                f.birthdays = !f.birthdays;
            } else {
                f.holidays = !f.holidays;
            }
            form.set(f);
        })
    };
    let set_product = |which: usize| {
        let product = product.clone();
        Callback::from(move |v: String| {
            let mut p = (*product).clone();
            match which {
                0 => p.0 = v,
                1 => p.1 = v,
                _ => p.2 = v,
            }
            product.set(p);
        })
    };
    let busy = *status == Some(T::RulesSaving);
    html! {
        <section class="narrow rules-page">
            <div class="card-actions">
                <Link<Route> to={Route::Settings} classes="btn big">{ ctx.t(T::Settings) }</Link<Route>>
            </div>
            <h1>{ ctx.t(T::RulesTitle) }</h1>
            if let Some(s) = *status { <p class={classes!("status", (s == T::RulesSaved).then_some("done"))} role="status">{ if s == T::RulesSaved { "✓ " } else { "" } }{ ctx.t(s) }</p> }
            <form {onsubmit} novalidate=true>
                <p class="hint">{ ctx.t(T::RulesHint) }</p>
                { for FIELDS.iter().map(|(key, label)| html! {
                    <TextField id={format!("rule-{key}")} label={label.get(l)} value={form.text.get(key).cloned().unwrap_or_default()}
                        oninput={set_text(key)} lang={l} required=true inputmode={if key.ends_with("_days") && !key.starts_with("home") && !key.starts_with("after") { Some(AttrValue::Static("numeric")) } else { None }}
                        error={error_of(&problems, key)} />
                }) }
                <label class="check">
                    <input type="checkbox" checked={form.birthdays} onchange={toggle(true)} />
                    <span>{ ctx.t(T::RuleBirthdays) }</span>
                </label>
                <label class="check">
                    <input type="checkbox" checked={form.holidays} onchange={toggle(false)} />
                    <span>{ ctx.t(T::RuleHolidays) }</span>
                </label>
                if let Some(e) = error_of(&problems, "form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                <div class="actions">
                    <button type="submit" class="btn big primary" disabled={busy}>{ ctx.t(T::Save) }</button>
                </div>
            </form>
            <h2>{ ctx.t(T::ProductsTitle) }</h2>
            <p class="hint">{ ctx.t(T::ProductsHint) }</p>
            <ul class="log products">
                { for ctx.settings.store.products.iter().map(|p| html! {
                    <li class="product-row">
                        <span>{ format!("{} · {} · {}", p.name, Msg::new(T::ProductLasts).arg(p.days_per_unit).get(l), money(p.unit_price_fen)) }</span>
                        <button class="btn" onclick={remove_product(p.name.clone())} disabled={busy}>{ ctx.t(T::RemoveSite) }</button>
                    </li>
                }) }
            </ul>
            <form onsubmit={on_add_product} novalidate=true>
                <TextField id="product-name" label={ctx.t(T::ProductName)} value={product.0.clone()} oninput={set_product(0)} lang={l} required=true error={error_of(&product_problems, "product_name")} />
                <TextField id="product-days" label={ctx.t(T::ProductDays)} value={product.1.clone()} oninput={set_product(1)} lang={l} required=true inputmode="numeric" error={error_of(&product_problems, "product_days")} />
                <TextField id="product-price" label={ctx.t(T::ProductPrice)} value={product.2.clone()} oninput={set_product(2)} lang={l} inputmode="decimal" error={error_of(&product_problems, "product_price")} />
                <button type="submit" class="btn big" disabled={busy}>{ ctx.t(T::AddProduct) }</button>
            </form>
        </section>
    }
}
