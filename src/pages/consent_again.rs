//! 请顾客重新同意: the customer declined or withdrew the sensitive-information consent
//! and now wants their scalp photos, measurements or reactions kept; or a consent was
//! given to an older notice and a new notice is asked again. Staff hand them
//! the tablet: the notice in full (the current version), one box the customer ticks
//! (a guardian for a child under 14), and who is present. Saving records a new consent
//! with the notice's id and hash, the time, this tablet and the staff member present;
//! the earlier decision stays on record.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::nav::{back_to_card, back_to_search, Saved};
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::domain::consent::{needs_guardian, AskAgain, ConsentAgainDraft};
use crate::domain::notices::Notice;
use crate::domain::ConsentKind;
use crate::hooks::{field, use_load, use_submit};
use crate::i18n::{Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct ConsentAgainProps {
    /// The customer.
    pub id: String,
    /// The consent asked for (the sensitive one unless a notice changed).
    #[prop_or(ConsentKind::SensitiveInfo)]
    pub kind: ConsentKind,
}

#[function_component(ConsentAgain)]
pub fn consent_again(props: &ConsentAgainProps) -> Html {
    let ctx = use_app();
    let kind = props.kind;
    let state = use_load((props.id.clone(), kind), |ctx, (id, kind)| async move {
        actions::consent::consent_state(&ctx, &id, kind).await.map(|s| s.map(|(c, why)| (Rc::new(c), why)))
    });
    let draft = use_state(ConsentAgainDraft::default);
    let submit = use_submit();
    let navigator = use_navigator().expect("inside a router");
    let l = ctx.lang;

    let (customer, why) = match &*state {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => return html! { <section class="narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back_to_search(l) }</section> },
        Some(Ok(Some((c, None)))) => {
            let already = if kind == ConsentKind::SensitiveInfo { T::ConsentAgainAlready } else { T::ConsentRenewAlready };
            return html! {
                <section class="narrow consent-again">
                    <h1>{ ctx.t(T::ConsentAgainTitle) }</h1>
                    <p class="status done" role="status">{ Msg::new(already).arg(c.salutation(l)).get(l) }</p>
                    <div class="actions">{ back_to_card(&c.id, T::BackToCard, l) }</div>
                </section>
            }
        }
        Some(Ok(Some((c, Some(why))))) => (c.clone(), *why),
    };
    let notice = Notice::for_kind(kind);
    let (intro, saved) = match why {
        AskAgain::NotGiven => (T::ConsentAgainIntro, T::ConsentAgainSaved),
        AskAgain::NewNotice => (T::ConsentRenewIntro, T::ConsentRenewSaved),
    };
    let child = needs_guardian(customer.birth_date, ctx.clock.today());
    let onsubmit = {
        let (ctx, draft, submit, navigator, customer) = (ctx.clone(), draft.clone(), submit.clone(), navigator.clone(), customer.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, draft, navigator, customer) = (ctx.clone(), (*draft).clone(), navigator.clone(), customer.clone());
            let to = Route::Customer { id: customer.id.clone() };
            submit.run(async move { actions::consent::consent_again(&ctx, &customer, kind, &draft).await }, move |()| {
                navigator.push_with_state(&to, Saved::new(saved))
            });
        })
    };
    let toggle = {
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            let mut d = (*draft).clone();
            d.agreed = !d.agreed;
            draft.set(d);
        })
    };
    let error_of = |f: &str| submit.error_of(f);
    // Once ticked, the box no longer says it must be ticked.
    let agree_error = error_of("agreed").filter(|_| !draft.agreed);
    html! {
        <form class="narrow consent-again" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::ConsentAgainTitle) }</h1>
            <p class="lead">{ Msg::new(intro).arg(customer.salutation(l)).get(l) }</p>
            <div class={classes!("consent", draft.agreed.then_some("checked"), agree_error.is_some().then_some("has-error"))}>
                <h2>{ notice.title(l) }</h2>
                <p class="notice-text">{ notice.body(l) }</p>
                <label class="agree">
                    <input type="checkbox" id="again-agree" checked={draft.agreed} onchange={toggle} />
                    <span>{ ctx.t(T::ConsentAgree) }</span>
                </label>
                if let Some(e) = agree_error { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            </div>
            if child {
                <div class="guardian">
                    <h2>{ ctx.t(T::GuardianTitle) }</h2>
                    <p>{ ctx.t(T::GuardianIntro) }</p>
                    <TextField id="again-guardian-name" label={ctx.t(T::GuardianName)} value={draft.guardian_name.clone()}
                        oninput={field(&draft, |d, v| d.guardian_name = v)} lang={l} required=true error={error_of("guardian_name")} />
                    <TextField id="again-guardian-phone" label={ctx.t(T::GuardianPhone)} value={draft.guardian_phone.clone()}
                        oninput={field(&draft, |d, v| d.guardian_phone = v)} lang={l} required=true input_type="tel" inputmode="numeric" error={error_of("guardian_phone")} />
                </div>
            }
            <dl class="consent-facts">
                <dt>{ ctx.t(T::StaffPresent) }</dt><dd>{ ctx.staff_name() }</dd>
                <dt>{ ctx.t(T::ConsentAgainTablet) }</dt><dd>{ ctx.settings.device_id.clone() }</dd>
                <dt>{ ctx.t(T::ExportDocNotice) }</dt><dd>{ notice.id }</dd>
            </dl>
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <div class="actions">
                { back_to_card(&customer.id, T::ConsentAgainNotNow, l) }
                <button type="submit" class="btn big primary" disabled={submit.busy()}>{ ctx.t(if submit.busy() { T::Saving } else { T::ConsentAgainConfirm }) }</button>
            </div>
        </form>
    }
}
