//! 员工管理 (the manager's): the staff list, renaming and removing a member (never
//! oneself, never the last manager), adding one with a first PIN. Names are unique.

use yew::prelude::*;

use crate::actions;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::hooks::{use_load, use_submit};
use crate::i18n::{Msg, T};

#[derive(Clone, PartialEq)]
enum Mode {
    List,
    Rename(String),
    Remove(String),
}

#[function_component(Team)]
pub fn team() -> Html {
    let ctx = use_app();
    // Bumped to read the list again after a change.
    let version = use_state(|| 0u32);
    let members = use_load(*version, |ctx, _| async move { actions::staff::members(&ctx).await });
    let mode = use_state(|| Mode::List);
    let new_name = use_state(String::new);
    // What the last change came to, said above the list.
    let said = use_state(|| None::<Result<T, Msg>>);
    let rename = use_submit();
    let l = ctx.lang;

    let reload = {
        let (version, mode) = (version.clone(), mode.clone());
        Callback::from(move |()| {
            mode.set(Mode::List);
            version.set(*version + 1);
        })
    };
    let list = match &*members {
        None => return html! { <p>{ ctx.t(T::Loading) }</p> },
        Some(Err(e)) => return html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
        Some(Ok(list)) => list.clone(),
    };
    let me = ctx.staff.as_ref().map(|m| m.id.clone()).unwrap_or_default();

    let set_mode = |m: Mode| {
        let (mode, new_name, said, rename) = (mode.clone(), new_name.clone(), said.clone(), rename.clone());
        Callback::from(move |_: MouseEvent| {
            if let Mode::Rename(_) = &m {
                new_name.set(String::new());
            }
            rename.set_problems(Vec::new());
            said.set(None);
            mode.set(m.clone());
        })
    };
    let on_rename = {
        let (ctx, mode, new_name, rename, said, reload) = (ctx.clone(), mode.clone(), new_name.clone(), rename.clone(), said.clone(), reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Mode::Rename(id) = (*mode).clone() else { return };
            let (ctx, name, said, reload) = (ctx.clone(), (*new_name).clone(), said.clone(), reload.clone());
            rename.run(async move { actions::staff::rename_member(&ctx, &id, &name).await }, move |_| {
                said.set(Some(Ok(T::StaffRenamed)));
                reload.emit(());
            });
        })
    };
    let remove = |id: String| {
        let (ctx, said, reload, mode) = (ctx.clone(), said.clone(), reload.clone(), mode.clone());
        Callback::from(move |_: MouseEvent| {
            let (ctx, said, reload, mode, id) = (ctx.clone(), said.clone(), reload.clone(), mode.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::staff::remove_member(&ctx, &id).await {
                    Ok(()) => {
                        said.set(Some(Ok(T::StaffRemoved)));
                        reload.emit(());
                    }
                    Err(e) => {
                        said.set(Some(Err(e)));
                        mode.set(Mode::List);
                    }
                }
            });
        })
    };
    let set_name = {
        let new_name = new_name.clone();
        Callback::from(move |v: String| new_name.set(v))
    };
    let added = {
        let (said, reload) = (said.clone(), reload.clone());
        Callback::from(move |_| {
            said.set(Some(Ok(T::StaffAdded)));
            reload.emit(());
        })
    };

    html! {
        <section class="team narrow">
            <h1>{ ctx.t(T::Team) }</h1>
            <p class="lead">{ ctx.t(T::TeamIntro) }</p>
            { match &*said {
                Some(Ok(text)) => html! { <p class="status done" role="status">{ "✓ " }{ ctx.t(*text) }</p> },
                Some(Err(e)) => html! { <p class="error" role="alert">{ e.get(l).to_string() }</p> },
                None => html! {},
            } }
            <ul class="team-list">
                { for list.iter().map(|m| {
                    let mut name = if m.is_manager() { Msg::new(T::Aside).arg(&m.name).arg(T::Manager).get(l) } else { m.name.clone() };
                    if m.id == me {
                        name.push_str(ctx.t(T::ItsYou));
                    }
                    let row = match &*mode {
                        Mode::Rename(id) if *id == m.id => html! {
                            <form class="rename" onsubmit={on_rename.clone()} novalidate=true>
                                <TextField id="rename-name" label={Msg::new(T::NewNameFor).arg(&m.name).get(l)} value={(*new_name).clone()}
                                    oninput={set_name.clone()} lang={l} required=true error={rename.error_of("name").or(rename.error_of("form"))} />
                                <div class="actions">
                                    <button class="btn big" type="button" onclick={set_mode(Mode::List)}>{ ctx.t(T::Cancel) }</button>
                                    <button class="btn big primary" type="submit" disabled={rename.busy()}>{ ctx.t(T::Save) }</button>
                                </div>
                            </form>
                        },
                        Mode::Remove(id) if *id == m.id => html! {
                            <div class="confirm" role="alertdialog" aria-labelledby="remove-question">
                                <p id="remove-question" class="lead">{ Msg::new(T::RemoveStaffConfirm).arg(&m.name).get(l) }</p>
                                <div class="actions">
                                    <button class="btn big" onclick={set_mode(Mode::List)}>{ ctx.t(T::Cancel) }</button>
                                    <button class="btn big danger" onclick={remove(m.id.clone())}>{ ctx.t(T::RemoveStaff) }</button>
                                </div>
                            </div>
                        },
                        _ => html! {
                            <div class="actions">
                                <button class="btn" onclick={set_mode(Mode::Rename(m.id.clone()))}>{ ctx.t(T::Rename) }</button>
                                if m.id != me {
                                    <button class="btn danger" onclick={set_mode(Mode::Remove(m.id.clone()))}>{ ctx.t(T::RemoveStaff) }</button>
                                }
                            </div>
                        },
                    };
                    html! { <li class="member"><span class="member-name">{ name }</span>{ row }</li> }
                }) }
            </ul>
            <NewStaffForm on_added={added} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct NewStaffProps {
    on_added: Callback<()>,
}

/// Adding a staff member: a name no one has, a first PIN typed twice.
#[function_component(NewStaffForm)]
fn new_staff_form(props: &NewStaffProps) -> Html {
    let ctx = use_app();
    let name = use_state(String::new);
    let pin = use_state(String::new);
    let again = use_state(String::new);
    let submit = use_submit();
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, name, pin, again, submit, on_added) = (ctx.clone(), name.clone(), pin.clone(), again.clone(), submit.clone(), props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, typed) = (ctx.clone(), ((*name).clone(), (*pin).clone(), (*again).clone()));
            let (name, pin, again, on_added) = (name.clone(), pin.clone(), again.clone(), on_added.clone());
            submit.run(async move { actions::staff::add_member(&ctx, &typed.0, &typed.1, &typed.2).await }, move |_| {
                name.set(String::new());
                pin.set(String::new());
                again.set(String::new());
                on_added.emit(());
            });
        })
    };
    let error_of = |field: &str| submit.error_of(field);
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <form class="staff-new" {onsubmit} novalidate=true>
            <h2>{ ctx.t(T::AddStaff) }</h2>
            <TextField id="staff-name" label={ctx.t(T::StaffName)} value={(*name).clone()} oninput={set(&name)} lang={l} required=true error={error_of("name")} />
            <TextField id="new-pin" label={ctx.t(T::Pin)} value={(*pin).clone()} oninput={set(&pin)} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="new-password" hint={AttrValue::Static(ctx.t(T::PinHint))} error={error_of("pin")} />
            <TextField id="new-pin-again" label={ctx.t(T::PinAgain)} value={(*again).clone()} oninput={set(&again)} lang={l} required=true
                input_type="password" inputmode="numeric" autocomplete="new-password" />
            if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
            <button class="btn primary big" type="submit" disabled={submit.busy()}>
                { ctx.t(if submit.busy() { T::Saving } else { T::AddStaff }) }
            </button>
        </form>
    }
}
