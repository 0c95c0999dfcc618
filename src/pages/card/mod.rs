//! 顾客档案: what staff need when a customer walks in — how to address them, what
//! they look like, what they bought and where they use it, when they last came, how
//! their hair changed, a kind word about their life, the follow-ups due and their
//! classification. From here staff edit the record, log a visit or a purchase,
//! withdraw a consent, give the customer their copy, or erase them (asked twice).

mod aftercare;
mod appointments;
mod assign;
mod conflict;
mod consents;
mod duplicates;
mod edit;
mod export;
mod print;
mod purchase;
mod referral;
mod sections;
mod view_code;

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::nav::SavedNote;
use crate::components::visit_form::VisitForm;
use crate::context::use_app;
use crate::i18n::Msg;
use crate::hooks::use_load;
use crate::i18n::T;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct CustomerCardProps {
    pub id: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    View,
    Edit,
    Visit,
    Purchase,
    /// Deleting: how many confirmations given so far (0 or 1).
    Delete(u8),
    Deleted,
}

#[function_component(CustomerCard)]
pub fn customer_card(props: &CustomerCardProps) -> Html {
    let ctx = use_app();
    // Bumped to read the record again after a change.
    let version = use_state(|| 0u32);
    let file = use_load((props.id.clone(), *version), |ctx, (id, _)| async move { actions::customer::file(&ctx, &id).await.map(|f| f.map(Rc::new)) });
    let mode = use_state(|| Mode::View);
    let flash = use_state(|| None::<T>);
    let busy = use_state(|| false);
    // Why the last delete failed (nothing was deleted: it is one transaction).
    let failed = use_state(|| None::<Msg>);
    let l = ctx.lang;

    // Each mode starts at the top of the screen.
    use_effect_with(*mode, |_| gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0));

    let back = html! { <Link<Route> to={Route::Staff} classes="btn big">{ ctx.t(T::BackToSearch) }</Link<Route>> };
    if *mode == Mode::Deleted {
        return html! {
            <section class="card-page narrow">
                <p class="status done" role="status">{ ctx.t(T::Deleted) }</p>
                { back }
            </section>
        };
    }
    let file_state = file.clone();
    let file = match &*file {
        None => return html! { <p class="status">{ ctx.t(T::CardLoading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(None)) => {
            return html! {
                <section class="card-page narrow"><p class="status" role="status">{ ctx.t(T::CustomerGone) }</p>{ back }</section>
            }
        }
        Some(Ok(Some(file))) => file.clone(),
    };

    let set_mode = |m: Mode| {
        let (mode, flash) = (mode.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            mode.set(m)
        })
    };
    // The saved message comes with the record read again, never over the old one.
    let done = |message: T| {
        let (mode, flash, version, file) = (mode.clone(), flash.clone(), version.clone(), file_state.clone());
        Callback::from(move |_: ()| {
            file.set(None);
            flash.set(Some(message));
            mode.set(Mode::View);
            version.set(*version + 1);
        })
    };
    let cancel = {
        let mode = mode.clone();
        Callback::from(move |_: ()| mode.set(Mode::View))
    };

    match *mode {
        Mode::Edit => return html! { <edit::CustomerEdit file={file.clone()} on_saved={done(T::DetailsSaved)} on_cancel={cancel} /> },
        Mode::Visit => return html! { <VisitForm customer={Rc::new(file.customer.clone())} on_saved={done(T::VisitSaved)} on_cancel={cancel} /> },
        Mode::Purchase => return html! { <purchase::PurchaseForm customer={Rc::new(file.customer.clone())} on_saved={done(T::PurchaseSaved)} on_cancel={cancel} /> },
        _ => {}
    }

    let delete = {
        let (ctx, mode, busy, failed, id) = (ctx.clone(), mode.clone(), busy.clone(), failed.clone(), file.customer.id.clone());
        Callback::from(move |_: MouseEvent| match *mode {
            Mode::Delete(0) => mode.set(Mode::Delete(1)),
            Mode::Delete(_) if !*busy => {
                busy.set(true);
                let (ctx, mode, busy, failed, id) = (ctx.clone(), mode.clone(), busy.clone(), failed.clone(), id.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match actions::customer::erase(&ctx, &id).await {
                        Ok(()) => mode.set(Mode::Deleted),
                        Err(e) => {
                            failed.set(Some(e));
                            mode.set(Mode::View);
                        }
                    }
                    busy.set(false);
                });
            }
            _ => {}
        })
    };

    let c = &file.customer;
    let today = ctx.clock.today();
    // The printed card is drawn with the card (hidden on screen): the print styles
    // show only it, whether printed with this button or the browser's own.
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <section class="card-page" id="customer-card">
            <div class="card-actions">
                { back }
                <button class="btn big primary" onclick={set_mode(Mode::Visit)}>{ ctx.t(T::LogVisit) }</button>
                <button class="btn big" onclick={set_mode(Mode::Purchase)}>{ ctx.t(T::LogPurchase) }</button>
                <button class="btn big" onclick={set_mode(Mode::Edit)}>{ ctx.t(T::EditDetails) }</button>
                <Link<Route> to={Route::CustomerProgress { id: c.id.clone() }} classes="btn big">{ ctx.t(T::HairProgress) }</Link<Route>>
                <Link<Route> to={Route::BookVisit { id: c.id.clone() }} classes="btn big">{ ctx.t(T::BookAppointment) }</Link<Route>>
                <button class="btn big print" onclick={print}>{ ctx.t(T::PrintCard) }</button>
            </div>
            if let Some(message) = *flash { <p class="status done" role="status">{ "✓ " }{ ctx.t(message) }</p> }
            <SavedNote />
            <conflict::OtherVersion customer={Rc::new(c.clone())} on_change={done(T::Saved)} />
            <duplicates::PossibleDuplicates customer={Rc::new(c.clone())} on_change={done(T::Saved)} />
            <div class="card-grid">
                <div class="card-col">
                    { sections::who(&file, today, l) }
                    { sections::hair_and_health(&file, l) }
                    { sections::classification(&file, today, &ctx.settings.store.class_thresholds, l) }
                    <assign::StaffMemberSection customer={Rc::new(c.clone())} on_change={done(T::AssignmentSaved)} />
                    <referral::ReferralSection customer={Rc::new(c.clone())} on_change={done(T::ReferrerLinked)} />
                    { sections::notes(T::CardLife, &[(T::LifeNotes, &c.life_notes), (T::Occupation, &c.occupation), (T::Hobbies, &c.hobbies)], l) }
                    { sections::notes(T::CardStaffNotes, &[(T::Consultant, &c.consultant), (T::ConsultationAdvice, &c.consultation_advice), (T::Notes, &c.notes)], l) }
                </div>
                <div class="card-col">
                    { sections::visits(&file, today, l) }
                    <appointments::CustomerAppointments customer_id={c.id.clone()} />
                    { sections::hair_change(&file, l) }
                    { sections::products(&file, &ctx.settings.store.products, l) }
                </div>
            </div>
            <aftercare::AftercareSections customer_id={c.id.clone()} />
            <consents::ConsentList customer_id={c.id.clone()} consents={Rc::new(file.consents.clone())} on_change={done(T::WithdrawDone)} />
            <view_code::ViewCodeSection customer_id={c.id.clone()} />
            <export::ExportCopy customer_id={c.id.clone()} />
            <section class="card-section merge-zone">
                <h2>{ ctx.t(T::MergeTitle) }</h2>
                <p class="hint">{ ctx.t(T::MergeIntro) }</p>
                <Link<Route> to={Route::MergePick { id: c.id.clone() }} classes="btn big">{ ctx.t(T::MergeWithOther) }</Link<Route>>
            </section>
            { print::print_card(&file, &ctx.settings.store.store_name, &ctx.settings.store.products, today, l) }
            // Erasing a customer is the manager's (the action checks it too).
            if ctx.staff.as_ref().is_some_and(|me| me.is_manager()) {
            <section class="card-section danger-zone">
                <h2>{ ctx.t(T::DeleteCustomer) }</h2>
                if let Some(e) = &*failed { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                { match *mode {
                    Mode::Delete(stage) => html! {
                        <div class="confirm" role="alertdialog" aria-labelledby="delete-question">
                            <p id="delete-question" class="lead">{ ctx.t(if stage == 0 { T::DeleteConfirm1 } else { T::DeleteConfirm2 }) }</p>
                            <div class="actions">
                                <button class="btn big" onclick={set_mode(Mode::View)}>{ ctx.t(T::Cancel) }</button>
                                <button class="btn big danger" onclick={delete} disabled={*busy}>
                                    { ctx.t(if stage == 0 { T::DeleteYes } else { T::DeleteForever }) }
                                </button>
                            </div>
                        </div>
                    },
                    _ => html! { <button class="btn big danger" onclick={set_mode(Mode::Delete(0))}>{ ctx.t(T::DeleteCustomer) }</button> },
                } }
            </section>
            }
        </section>
    }
}
