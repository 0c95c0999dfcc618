//! 员工: the staff gate. First use sets the manager's PIN; afterwards a staff member
//! picks their name and enters their PIN. Wrong PINs wait longer and longer (the count
//! is stored, so a reload does not reset it). The idle timer locks again.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{now_ms, AppContext, Route};
use crate::components::choice_group::ChoiceGroup;
use crate::components::text_field::TextField;
use crate::crypto;
use crate::domain::staff::{check_new_pin, check_pin, StaffMember, StaffRole};
use crate::domain::validation::check_name;
use crate::domain::{new_id, Meta};
use crate::i18n::{Msg, T};

#[derive(Properties, PartialEq)]
pub struct StaffOnlyProps {
    pub children: Html,
}

/// Shows its children to a signed-in staff member; anyone else goes to the gate.
#[function_component(StaffOnly)]
pub fn staff_only(props: &StaffOnlyProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    if ctx.staff.is_some() {
        props.children.clone()
    } else {
        html! { <Redirect<Route> to={Route::Staff} /> }
    }
}

#[function_component(Staff)]
pub fn staff() -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    // Bumped to reload the staff list after a change.
    let version = use_state(|| 0u32);
    let members = use_state(|| None::<Result<Vec<StaffMember>, Msg>>);
    {
        let (members, db) = (members.clone(), ctx.db.clone());
        use_effect_with(*version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                members.set(Some(db.staff_members().await.map_err(|e| e.message())));
            });
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |_| version.set(*version + 1))
    };
    match (&ctx.staff, &*members) {
        (Some(me), Some(Ok(list))) => html! { <StaffHome me={me.clone()} members={Rc::new(list.clone())} on_change={reload} /> },
        (_, None) => html! { <p>{ ctx.t(T::Loading) }</p> },
        (_, Some(Err(e))) => html! { <p class="error" role="alert">{ e.get(ctx.lang).to_string() }</p> },
        (None, Some(Ok(list))) if list.is_empty() => html! { <NewStaffForm first=true on_added={reload} /> },
        (None, Some(Ok(list))) => html! { <PinGate members={Rc::new(list.clone())} /> },
    }
}

#[derive(Properties, PartialEq)]
struct PinGateProps {
    members: Rc<Vec<StaffMember>>,
}

#[function_component(PinGate)]
fn pin_gate(props: &PinGateProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let chosen = use_state(|| (props.members.len() == 1).then_some(0usize));
    let pin = use_state(String::new);
    let message = use_state(|| None::<String>);
    let checking = use_state(|| false);
    // The same, readable at once: a second tap before the next render must not start a
    // second check (two checks would both read, and both write, the same failure count).
    let in_flight = use_mut_ref(|| false);
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, chosen, pin, message, checking, members, in_flight) =
            (ctx.clone(), chosen.clone(), pin.clone(), message.clone(), checking.clone(), props.members.clone(), in_flight.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *in_flight.borrow() {
                return;
            }
            let Some(member) = chosen.and_then(|i| members.get(i)).cloned() else {
                message.set(Some(ctx.t(T::ChooseStaff).to_string()));
                return;
            };
            let typed = match check_pin(&pin) {
                Ok(p) => p,
                Err(e) => return message.set(Some(e.get(ctx.lang).to_string())),
            };
            checking.set(true);
            *in_flight.borrow_mut() = true;
            let (ctx, pin, message, checking, in_flight) = (ctx.clone(), pin.clone(), message.clone(), checking.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let said = check(&ctx, &member, &typed).await;
                pin.set(String::new());
                checking.set(false);
                *in_flight.borrow_mut() = false;
                match said {
                    Ok(()) => ctx.set_staff.emit(Some(Rc::new(member))),
                    Err(text) => message.set(Some(text)),
                }
            });
        })
    };
    let names: Vec<AttrValue> = props.members.iter().map(|m| AttrValue::from(m.name.clone())).collect();
    let onselect = {
        let chosen = chosen.clone();
        Callback::from(move |i| chosen.set(Some(i)))
    };
    let set_pin = {
        let pin = pin.clone();
        Callback::from(move |v: String| pin.set(v))
    };
    html! {
        <form class="narrow staff-gate" {onsubmit} novalidate=true>
            <h1>{ ctx.t(T::StaffLogin) }</h1>
            <ChoiceGroup id="staff-who" legend={ctx.t(T::ChooseStaff)} options={names} selected={*chosen} {onselect} lang={l} required=true />
            <TextField id="staff-pin" label={ctx.t(T::Pin)} value={(*pin).clone()} oninput={set_pin} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="off" hint={AttrValue::Static(ctx.t(T::PinHint))} />
            if let Some(text) = &*message { <p class="error" role="alert">{ text.clone() }</p> }
            <button class="btn primary big" type="submit" disabled={*checking}>
                { ctx.t(if *checking { T::Checking } else { T::Unlock }) }
            </button>
        </form>
    }
}

/// Checks a PIN against the rate limit and the stored hash; records the outcome.
async fn check(ctx: &AppContext, member: &StaffMember, pin: &str) -> Result<(), String> {
    let l = ctx.lang;
    let failed = |e: crate::storage::StorageError| e.message().get(l).to_string();
    let mut attempts = ctx.db.pin_attempts().await.map_err(failed)?;
    let wait_text = |ms: i64| Msg::new(T::PinWaitSeconds).arg((ms + 999) / 1000).get(l);
    if let Some(ms) = attempts.wait_ms(now_ms()) {
        return Err(wait_text(ms));
    }
    let ok = crypto::verify_pin(pin, &member.pin).await.unwrap_or(false);
    if ok {
        attempts.record_success();
    } else {
        attempts.record_failure(now_ms());
    }
    ctx.db.save_pin_attempts(&attempts).await.map_err(failed)?;
    if ok {
        return Ok(());
    }
    Err(match attempts.wait_ms(now_ms()) {
        Some(ms) => wait_text(ms),
        None => Msg::new(T::PinWrongTriesLeft).arg(attempts.tries_left()).get(l),
    })
}

#[derive(Properties, PartialEq)]
struct NewStaffProps {
    /// The very first member: the manager, who is signed in at once.
    first: bool,
    on_added: Callback<()>,
}

#[function_component(NewStaffForm)]
fn new_staff_form(props: &NewStaffProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let name = use_state(String::new);
    let pin = use_state(String::new);
    let again = use_state(String::new);
    let errors = use_state(Vec::<(&'static str, Msg)>::new);
    let saving = use_state(|| false);
    let done = use_state(|| false);
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, name, pin, again, errors, saving, done) =
            (ctx.clone(), name.clone(), pin.clone(), again.clone(), errors.clone(), saving.clone(), done.clone());
        let (first, on_added) = (props.first, props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let checked_name = check_name(&name);
            let checked_pin = check_new_pin(&pin, &again);
            let (Ok(staff_name), Ok(new_pin)) = (checked_name.clone(), checked_pin.clone()) else {
                errors.set([("name", checked_name.err()), ("pin", checked_pin.err())].into_iter().filter_map(|(f, e)| e.map(|e| (f, e))).collect());
                return;
            };
            errors.set(Vec::new());
            saving.set(true);
            let (ctx, name, pin, again, errors, saving, done, on_added) =
                (ctx.clone(), name.clone(), pin.clone(), again.clone(), errors.clone(), saving.clone(), done.clone(), on_added.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match crypto::hash_pin(&new_pin).await {
                    Err(e) => Err(Msg::new(T::PinHashFailed).arg(e.to_string())),
                    Ok(hash) => {
                        let member = StaffMember {
                            id: new_id(),
                            meta: Meta::new(&ctx.settings.stamp(now_ms())),
                            name: staff_name,
                            role: if first { StaffRole::Manager } else { StaffRole::Staff },
                            pin: hash,
                        };
                        ctx.db.put(&member).await.map(|()| member).map_err(|e| e.message())
                    }
                };
                saving.set(false);
                match result {
                    Ok(member) => {
                        name.set(String::new());
                        pin.set(String::new());
                        again.set(String::new());
                        done.set(true);
                        if first {
                            ctx.set_staff.emit(Some(Rc::new(member)));
                        }
                        on_added.emit(());
                    }
                    Err(e) => errors.set(vec![("form", e)]),
                }
            });
        })
    };
    let error_of = |field: &str| errors.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let (title, name_label) = if props.first { (T::SetupManagerTitle, T::ManagerName) } else { (T::AddStaff, T::StaffName) };
    html! {
        <form class="narrow staff-new" {onsubmit} novalidate=true>
            if props.first { <h1>{ ctx.t(title) }</h1> <p class="lead">{ ctx.t(T::SetupManagerIntro) }</p> }
            else { <h2>{ ctx.t(title) }</h2> }
            <TextField id={if props.first { "manager-name" } else { "staff-name" }} label={ctx.t(name_label)} value={(*name).clone()}
                oninput={set(&name)} lang={l} required=true error={error_of("name")} />
            <TextField id="new-pin" label={ctx.t(T::Pin)} value={(*pin).clone()} oninput={set(&pin)} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="new-password" hint={AttrValue::Static(ctx.t(T::PinHint))} error={error_of("pin")} />
            <TextField id="new-pin-again" label={ctx.t(T::PinAgain)} value={(*again).clone()} oninput={set(&again)} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="new-password" />
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            if *done && !props.first { <p class="status" role="status">{ ctx.t(T::StaffAdded) }</p> }
            <button class="btn primary big" type="submit" disabled={*saving}>
                { ctx.t(if *saving { T::Saving } else if props.first { T::Save } else { T::AddStaff }) }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct StaffHomeProps {
    me: Rc<StaffMember>,
    members: Rc<Vec<StaffMember>>,
    on_change: Callback<()>,
}

#[function_component(StaffHome)]
fn staff_home(props: &StaffHomeProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let lock = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.set_staff.emit(None))
    };
    let manager = props.me.role == StaffRole::Manager;
    html! {
        <section class="staff-home">
            <div class="staff-head">
                <h1>{ Msg::new(T::HelloName).arg(&props.me.name).get(ctx.lang) }</h1>
                <button class="btn big" onclick={lock}>{ ctx.t(T::Lock) }</button>
            </div>
            <div class="actions">
                <Link<Route> to={Route::Today} classes="btn big primary">{ ctx.t(T::TodayLink) }</Link<Route>>
                <Link<Route> to={Route::Stats} classes="btn big">{ ctx.t(T::StatsLink) }</Link<Route>>
            </div>
            <crate::components::storage_warning::StorageWarning />
            <crate::pages::staff_search::CustomerSearch />
            <crate::pages::backup_reminder::BackupReminder />
            <div class="actions">
                <Link<Route> to={Route::Settings} classes="btn big">{ ctx.t(T::Settings) }</Link<Route>>
                <Link<Route> to={Route::WinBack} classes="btn big">{ ctx.t(T::WinBack) }</Link<Route>>
            </div>
            <h2>{ ctx.t(T::StaffList) }</h2>
            <ul class="staff-list">
                { for props.members.iter().map(|m| html! {
                    <li>{ match m.role {
                        StaffRole::Manager => Msg::new(T::Aside).arg(&m.name).arg(T::Manager).get(ctx.lang),
                        _ => m.name.clone(),
                    } }</li>
                }) }
            </ul>
            if manager { <NewStaffForm first=false on_added={props.on_change.clone()} /> }
        </section>
    }
}
