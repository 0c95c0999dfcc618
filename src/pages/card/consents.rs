//! The customer's consents, each withdrawable with one tap (and one confirmation that
//! says what withdrawal deletes); a sensitive consent declined or withdrawn can be
//! asked for again.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::clock::local_time;
use crate::context::use_app;
use crate::domain::notices::Notice;
use crate::domain::consent::{ask_again, latest, AskAgain};
use crate::domain::{ConsentKind, ConsentRecord};
use crate::i18n::Msg;
use crate::i18n::T;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub(super) struct ConsentListProps {
    pub customer_id: String,
    pub consents: Rc<Vec<ConsentRecord>>,
    pub on_change: Callback<()>,
}

/// The customer's consents, each withdrawable with one tap (and one confirmation
/// that says what withdrawal deletes).
#[function_component(ConsentList)]
pub(super) fn consent_list(props: &ConsentListProps) -> Html {
    let ctx = use_app();
    let asking = use_state(|| None::<ConsentKind>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<Msg>);
    let l = ctx.lang;
    let withdraw = {
        let (ctx, asking, busy, error, id, on_change) =
            (ctx.clone(), asking.clone(), busy.clone(), error.clone(), props.customer_id.clone(), props.on_change.clone());
        Callback::from(move |kind: ConsentKind| {
            if *busy {
                return;
            }
            busy.set(true);
            let (ctx, asking, busy, error, id, on_change) = (ctx.clone(), asking.clone(), busy.clone(), error.clone(), id.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = actions::customer::withdraw_consent(&ctx, &id, kind).await;
                busy.set(false);
                asking.set(None);
                match done {
                    Ok(()) => {
                        error.set(None);
                        on_change.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <section class="card-section consents">
            <h2>{ ctx.t(T::CardConsents) }</h2>
            if let Some(e) = &*error { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <ul class="consent-list">
                { for [ConsentKind::PersonalInfo, ConsentKind::SensitiveInfo, ConsentKind::Marketing].into_iter().map(|kind| {
                    let record = latest(&props.consents, kind);
                    let (state, active) = match record {
                        Some(r) if r.withdrawn_at.is_some() => (format!("{} {}", T::ConsentWithdrawnAt.get(l), local_time(r.withdrawn_at.unwrap_or_default())), false),
                        Some(r) if r.granted => (format!("{} {}", T::ConsentGiven.get(l), local_time(r.at)), true),
                        _ => (T::ConsentNotGiven.get(l).to_string(), false),
                    };
                    let title = Notice::for_kind(kind).title(l);
                    // Given to an older text of its notice: a new notice is asked again.
                    let older = ask_again(&props.consents, kind) == Some(AskAgain::NewNotice);
                    let ask = { let asking = asking.clone(); Callback::from(move |_: MouseEvent| asking.set(Some(kind))) };
                    let no = { let asking = asking.clone(); Callback::from(move |_: MouseEvent| asking.set(None)) };
                    let yes = withdraw.reform(move |_: MouseEvent| kind);
                    html! {
                        <li>
                            <div class="consent-state"><strong>{ title }</strong><span>{ state }</span></div>
                            if older {
                                <p class="hint notice-older"><span aria-hidden="true">{ "⚠ " }</span>{ ctx.t(T::ConsentOlderNotice) }</p>
                                <Link<Route> to={Route::ConsentRenew { id: props.customer_id.clone(), kind: kind.code().to_string() }} classes="btn renew">{ ctx.t(T::AskConsentRenew) }</Link<Route>>
                            }
                            if active && kind == ConsentKind::PersonalInfo { <p class="hint">{ ctx.t(T::WithdrawPersonalHint) }</p> }
                            else if active && *asking == Some(kind) {
                                <div class="confirm" role="alertdialog">
                                    <p class="lead">{ ctx.t(if kind == ConsentKind::SensitiveInfo { T::WithdrawSensitiveWarn } else { T::WithdrawMarketingWarn }) }</p>
                                    <div class="actions">
                                        <button class="btn big" onclick={no}>{ ctx.t(T::Cancel) }</button>
                                        <button class="btn big danger" onclick={yes} disabled={*busy}>{ ctx.t(T::Withdraw) }</button>
                                    </div>
                                </div>
                            } else if active { <button class="btn" onclick={ask}>{ ctx.t(T::Withdraw) }</button> }
                            else if kind == ConsentKind::SensitiveInfo {
                                <p class="hint">{ ctx.t(T::SensitiveMissingHint) }</p>
                                <Link<Route> to={Route::ConsentAgain { id: props.customer_id.clone() }} classes="btn">{ ctx.t(T::AskConsentAgain) }</Link<Route>>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
