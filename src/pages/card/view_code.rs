//! 查看码, on the customer card: a customer who left their birth date empty (or does
//! not remember it) can still see their own progress in 我的头发变化 with their phone
//! number and a one-time code made here. Six digits, good for 30 minutes and one use;
//! the tablet keeps only a hash of it, so it is shown once, now.

use yew::prelude::*;

use crate::actions;
use crate::clock::local_time;
use crate::context::use_app;
use crate::domain::view_code::shown;
use crate::i18n::{Msg, T};

#[derive(Properties, PartialEq)]
pub(super) struct ViewCodeProps {
    pub customer_id: String,
}

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Making,
    Made { code: String, until: i64 },
    Failed(Msg),
}

#[function_component(ViewCodeSection)]
pub(super) fn view_code_section(props: &ViewCodeProps) -> Html {
    let ctx = use_app();
    let state = use_state(|| State::Idle);
    let l = ctx.lang;
    let make = {
        let (ctx, state, id) = (ctx.clone(), state.clone(), props.customer_id.clone());
        Callback::from(move |_: MouseEvent| {
            if *state == State::Making {
                return;
            }
            state.set(State::Making);
            let (ctx, state, id) = (ctx.clone(), state.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match actions::self_check::make_view_code(&ctx, &id).await {
                    Ok((code, until)) => State::Made { code, until },
                    Err(e) => State::Failed(e),
                });
            });
        })
    };
    html! {
        <section class="card-section view-code-zone">
            <h2>{ ctx.t(T::ViewCodeTitle) }</h2>
            <p class="hint">{ ctx.t(T::ViewCodeHint) }</p>
            { match &*state {
                State::Made { code, until } => html! {
                    <>
                        <p class="view-code">{ shown(code) }</p>
                        <p class="status done" role="status">{ Msg::new(T::ViewCodeUntil).arg(local_time(*until)).get(l) }</p>
                    </>
                },
                other => html! {
                    <>
                        if let State::Failed(e) = other { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                        <div class="actions">
                            <button class="btn big" onclick={make} disabled={*other == State::Making}>{ ctx.t(T::ViewCodeMake) }</button>
                        </div>
                    </>
                },
            } }
        </section>
    }
}
