//! 设置 → 同步 (the manager): the store's CouchDB server, the store's database and
//! this tablet's account. Saving tries the connection first, so a wrong password or a
//! missing database is said now. The password stays on this tablet only.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::actions;
use crate::components::text_field::TextField;
use crate::context::use_app;
use crate::hooks::{field, use_load, use_submit};
use crate::i18n::T;
use crate::route::Route;

#[derive(Clone, Default, PartialEq)]
struct Form {
    server: String,
    database: String,
    username: String,
    password: String,
}

#[function_component(SyncSetup)]
pub fn sync_setup() -> Html {
    let ctx = use_app();
    let draft = use_state(Form::default);
    let saved = use_state(|| false);
    let version = use_state(|| 0u32);
    let current = {
        let draft = draft.clone();
        use_load(*version, move |ctx, _| async move {
            let found = actions::sync::settings(&ctx).await?;
            if let Some(c) = &found {
                draft.set(Form { server: c.server.clone(), database: c.database.clone(), username: c.username.clone(), password: String::new() });
            }
            Ok(found.is_some())
        })
    };
    let submit = use_submit();
    let l = ctx.lang;
    let configured = matches!(&*current, Some(Ok(true)));

    let onsubmit = {
        let (ctx, draft, submit, saved, version) = (ctx.clone(), draft.clone(), submit.clone(), saved.clone(), version.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            saved.set(false);
            let (ctx, d, saved, version) = (ctx.clone(), (*draft).clone(), saved.clone(), version.clone());
            submit.run(async move { actions::sync::save_settings(&ctx, &d.server, &d.database, &d.username, &d.password).await }, move |_| {
                saved.set(true);
                version.set(*version + 1);
            });
        })
    };
    let forget = {
        let (ctx, version, saved) = (ctx.clone(), version.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            let (ctx, version, saved) = (ctx.clone(), version.clone(), saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = actions::sync::forget_settings(&ctx).await;
                saved.set(false);
                version.set(*version + 1);
            });
        })
    };
    let error_of = |f: &str| submit.error_of(f);
    html! {
        <section class="narrow sync-setup">
            <h1>{ ctx.t(T::SyncSetupTitle) }</h1>
            <p class="lead">{ ctx.t(T::SyncSetupIntro) }</p>
            <form onsubmit={onsubmit} novalidate=true>
                <TextField id="sync-server" label={ctx.t(T::SyncServer)} value={draft.server.clone()} oninput={field(&draft, |d, v| d.server = v)}
                    lang={l} required=true input_type="url" hint={AttrValue::Static(ctx.t(T::SyncServerHint))} error={error_of("server")} autocomplete="off" />
                <TextField id="sync-database" label={ctx.t(T::SyncDatabase)} value={draft.database.clone()} oninput={field(&draft, |d, v| d.database = v)}
                    lang={l} required=true hint={AttrValue::Static(ctx.t(T::SyncDatabaseHint))} error={error_of("database")} autocomplete="off" />
                <TextField id="sync-user" label={ctx.t(T::SyncUser)} value={draft.username.clone()} oninput={field(&draft, |d, v| d.username = v)}
                    lang={l} required=true error={error_of("username")} autocomplete="off" />
                <TextField id="sync-password" label={ctx.t(T::SyncPassword)} value={draft.password.clone()} oninput={field(&draft, |d, v| d.password = v)}
                    lang={l} required={!configured} input_type="password" autocomplete="new-password"
                    hint={AttrValue::Static(ctx.t(if configured { T::SyncPasswordKept } else { T::SyncPasswordHint }))} error={error_of("password")} />
                if let Some(e) = error_of("form") { <p class="error" role="alert">{ e.get(l).to_string() }</p> }
                if *saved { <p class="status done" role="status">{ "✓ " }{ ctx.t(T::SyncSaved) }</p> }
                <div class="actions">
                    <Link<Route> to={Route::Settings} classes="btn big">{ ctx.t(T::Settings) }</Link<Route>>
                    <button type="submit" class="btn big primary" disabled={submit.busy()}>
                        { ctx.t(if submit.busy() { T::SyncTrying } else { T::SyncSave }) }
                    </button>
                </div>
            </form>
            if configured {
                <section class="card-section">
                    <h2>{ ctx.t(T::SyncStopTitle) }</h2>
                    <p class="hint">{ ctx.t(T::SyncStopHint) }</p>
                    <button class="btn big" onclick={forget}>{ ctx.t(T::SyncStop) }</button>
                </section>
            }
        </section>
    }
}
