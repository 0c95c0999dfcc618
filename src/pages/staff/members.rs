//! Adding a staff member (the manager does), or the very first one: the manager.

use yew::prelude::*;

use crate::actions;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::hooks::use_submit;
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub(super) struct NewStaffProps {
    /// The very first member: the manager, who is signed in at once.
    pub first: bool,
    pub on_added: Callback<()>,
}

#[function_component(NewStaffForm)]
pub(super) fn new_staff_form(props: &NewStaffProps) -> Html {
    let ctx = use_app();
    let name = use_state(String::new);
    let pin = use_state(String::new);
    let again = use_state(String::new);
    let submit = use_submit();
    let done = use_state(|| false);
    let l = ctx.lang;

    let onsubmit = {
        let (ctx, name, pin, again, submit, done) = (ctx.clone(), name.clone(), pin.clone(), again.clone(), submit.clone(), done.clone());
        let (first, on_added) = (props.first, props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, typed) = (ctx.clone(), ((*name).clone(), (*pin).clone(), (*again).clone()));
            let (name, pin, again, done, on_added) = (name.clone(), pin.clone(), again.clone(), done.clone(), on_added.clone());
            submit.run(async move { actions::staff::add_member(&ctx, &typed.0, &typed.1, &typed.2, first).await }, move |_| {
                name.set(String::new());
                pin.set(String::new());
                again.set(String::new());
                done.set(true);
                on_added.emit(());
            });
        })
    };
    let error_of = |field: &str| submit.error_of(field);
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
            <button class="btn primary big" type="submit" disabled={submit.busy()}>
                { ctx.t(if submit.busy() { T::Saving } else if props.first { T::Save } else { T::AddStaff }) }
            </button>
        </form>
    }
}
