//! The manager's door: its children only for the manager. A staff member who is not
//! the manager sees a screen saying so and naming the manager (not a redirect: they
//! learn why and whom to ask); no one signed in goes to the staff gate.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::context::use_app;
use crate::hooks::use_load;
use crate::i18n::{Msg, T};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct ManagerOnlyProps {
    pub children: Html,
}

#[function_component(ManagerOnly)]
pub fn manager_only(props: &ManagerOnlyProps) -> Html {
    let ctx = use_app();
    let managers = use_load((), |ctx, _| async move { actions::staff::manager_names(&ctx).await });
    match &ctx.staff {
        None => html! { <Redirect<Route> to={Route::Staff} /> },
        Some(me) if me.is_manager() => props.children.clone(),
        Some(_) => {
            let l = ctx.lang;
            let who = match &*managers {
                Some(Ok(names)) if !names.is_empty() => {
                    let names = Msg::join(T::NamesJoin, names.iter().map(|n| Msg::verbatim(n.clone())));
                    html! { <p class="lead manager-is">{ Msg::new(T::ManagerIs).arg(names).get(l) }</p> }
                }
                _ => html! {},
            };
            html! {
                <section class="manager-only narrow" role="alert">
                    <h1>{ ctx.t(T::ManagerOnlyTitle) }</h1>
                    <p class="lead">{ ctx.t(T::ManagerOnlyBody) }</p>
                    { who }
                    <Link<Route> to={Route::Staff} classes="btn big primary">{ ctx.t(T::BackToStaffHome) }</Link<Route>>
                </section>
            }
        }
    }
}
