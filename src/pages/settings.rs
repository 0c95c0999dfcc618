use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::actions;
use crate::components::text_field::TextField;
use crate::domain::settings::{SELF_CHECK_IDLE_SECS, SELF_CHECK_WARNING_SECS};
use crate::domain::AppSettings;
use crate::i18n::{human_bytes, Msg, T};
use crate::storage::device::{self, Estimate};

/// Which part of the screen a save came from: its answer shows there.
#[derive(Clone, Copy, PartialEq)]
enum Area {
    Names,
    Idle,
    Reminder,
    Sites,
}

const IDLE_CHOICES: [u32; 5] = [60, 120, 180, 300, 600];
const BACKUP_REMINDER_CHOICES: [u32; 4] = [3, 7, 14, 30];

/// This tablet's store and name, the idle timeout, and how much storage is used.
#[function_component(Settings)]
pub fn settings() -> Html {
    let ctx = use_app();
    let estimate = use_state(|| None::<Option<Estimate>>);
    let status = use_state(|| None::<(Area, Result<(), Msg>)>);
    {
        let estimate = estimate.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { estimate.set(Some(device::estimate().await)) });
        });
    }

    let new_site = use_state(String::new);
    let site_error = use_state(|| None::<Msg>);
    let names = use_state(|| (ctx.settings.store.store_name.clone(), ctx.settings.device_name.clone()));
    let name_problems = use_state(Vec::<(&'static str, Msg)>::new);
    // Saves changed settings, then shows them and says so beside what was changed; a
    // new try clears the last answer first, so an old "saved" never stands over a failure.
    let save = {
        let (ctx, status) = (ctx.clone(), status.clone());
        move |area: Area, settings: AppSettings| {
            let (ctx, status) = (ctx.clone(), status.clone());
            status.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match actions::settings::save(&ctx, settings).await {
                    Ok(()) => status.set(Some((area, Ok(())))),
                    Err(e) => status.set(Some((area, Err(e)))),
                }
            });
        }
    };
    // The answer to the last save, shown where it was made.
    let answer = |area: Area| match &*status {
        Some((a, Ok(()))) if *a == area => html! { <p class="status done" role="status">{ "✓ " }{ ctx.t(T::Saved) }</p> },
        Some((a, Err(e))) if *a == area => html! { <p class="error" role="alert">{ e.get(ctx.lang).to_string() }</p> },
        _ => html! {},
    };
    let on_names = {
        let (ctx, names, name_problems, status, save) = (ctx.clone(), names.clone(), name_problems.clone(), status.clone(), save.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut settings = (*ctx.settings).clone();
            match settings.rename(&names.0, &names.1) {
                Ok(()) => {
                    name_problems.set(Vec::new());
                    save(Area::Names, settings);
                }
                Err(found) => {
                    status.set(None);
                    name_problems.set(found);
                }
            }
        })
    };
    let set_name = |store: bool| {
        let names = names.clone();
        Callback::from(move |v: String| {
            let mut n = (*names).clone();
            if store { n.0 = v } else { n.1 = v }
            names.set(n);
        })
    };
    let name_error = |field: &str| name_problems.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone());
    let on_idle = {
        let (ctx, save) = (ctx.clone(), save.clone());
        Callback::from(move |e: Event| {
            let Ok(secs) = e.target_unchecked_into::<HtmlSelectElement>().value().parse::<u32>() else { return };
            save(Area::Idle, AppSettings { idle_timeout_secs: secs, ..(*ctx.settings).clone() });
        })
    };
    let on_reminder = {
        let (ctx, save) = (ctx.clone(), save.clone());
        Callback::from(move |e: Event| {
            let Ok(days) = e.target_unchecked_into::<HtmlSelectElement>().value().parse::<u32>() else { return };
            save(Area::Reminder, AppSettings { backup_reminder_days: days, ..(*ctx.settings).clone() });
        })
    };
    let on_add_site = {
        let (ctx, new_site, site_error, status, save) = (ctx.clone(), new_site.clone(), site_error.clone(), status.clone(), save.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut settings = (*ctx.settings).clone();
            match settings.add_custom_site(&new_site) {
                Ok(_) => {
                    site_error.set(None);
                    new_site.set(String::new());
                    save(Area::Sites, settings);
                }
                Err(err) => {
                    status.set(None);
                    site_error.set(Some(err));
                }
            }
        })
    };
    let set_site = {
        let new_site = new_site.clone();
        Callback::from(move |v: String| new_site.set(v))
    };

    let persist = match ctx.settings.persistent_storage {
        Some(true) => T::PersistGranted,
        Some(false) => T::PersistDenied,
        None => T::PersistUnknown,
    };
    let storage = match *estimate {
        None => html! { <p>{ ctx.t(T::Loading) }</p> },
        Some(None) => html! { <p>{ ctx.t(T::StorageUnknown) }</p> },
        Some(Some(e)) => html! {
            <dl class="facts">
                <dt>{ ctx.t(T::StorageUsed) }</dt><dd class="storage-used">{ human_bytes(e.used_bytes) }</dd>
                <dt>{ ctx.t(T::StorageAvailable) }</dt><dd class="storage-available">{ human_bytes((e.quota_bytes - e.used_bytes).max(0.0)) }</dd>
            </dl>
        },
    };
    let current = ctx.settings.idle_timeout();
    html! {
        <section class="settings narrow">
            <h1>{ ctx.t(T::SettingsTitle) }</h1>
            <form class="names" onsubmit={on_names} novalidate=true>
                <h2>{ ctx.t(T::NamesTitle) }</h2>
                <p class="hint">{ ctx.t(T::NamesHint) }</p>
                <TextField id="settings-store-name" label={ctx.t(T::StoreName)} value={names.0.clone()} oninput={set_name(true)} lang={ctx.lang} required=true error={name_error("store_name")} />
                <TextField id="settings-device-name" label={ctx.t(T::DeviceName)} value={names.1.clone()} oninput={set_name(false)} lang={ctx.lang} required=true error={name_error("device_name")} />
                <button type="submit" class="btn big">{ ctx.t(T::SaveNames) }</button>
                { answer(Area::Names) }
            </form>
            <div class="field">
                <label for="idle-timeout">{ ctx.t(T::IdleTimeout) }</label>
                <select id="idle-timeout" onchange={on_idle}>
                    { for IDLE_CHOICES.iter().map(|s| html! {
                        <option value={s.to_string()} selected={*s == current}>{ Msg::new(T::MinutesCount).arg(s / 60).get(ctx.lang) }</option>
                    }) }
                </select>
                <p class="hint">{ Msg::new(T::SelfCheckIdleHint).arg(SELF_CHECK_IDLE_SECS).arg(SELF_CHECK_WARNING_SECS).get(ctx.lang) }</p>
                { answer(Area::Idle) }
            </div>
            <crate::components::kiosk_settings::KioskSettingsSection />
            <h2>{ ctx.t(T::SyncTitle) }</h2>
            <Link<Route> to={Route::SyncSetup} classes="btn big">{ ctx.t(T::SyncSetupTitle) }</Link<Route>>
            <h2>{ ctx.t(T::RulesSection) }</h2>
            <p class="hint">{ ctx.t(T::RulesSectionHint) }</p>
            <Link<Route> to={Route::FollowUpRules} classes="btn big">{ ctx.t(T::RulesLink) }</Link<Route>>
            <h2>{ ctx.t(T::RetentionTitle) }</h2>
            <p class="hint">{ ctx.t(T::RetentionLinkHint) }</p>
            <Link<Route> to={Route::Retention} classes="btn big">{ ctx.t(T::RetentionLink) }</Link<Route>>
            <div class="field">
                <label for="backup-reminder-days">{ ctx.t(T::BackupReminderDays) }</label>
                <select id="backup-reminder-days" onchange={on_reminder}>
                    { for BACKUP_REMINDER_CHOICES.iter().map(|d| html! {
                        <option value={d.to_string()} selected={*d == ctx.settings.backup_reminder_days}>{ Msg::new(T::DaysCount).arg(*d).get(ctx.lang) }</option>
                    }) }
                </select>
                { answer(Area::Reminder) }
            </div>
            <h2>{ ctx.t(T::CustomSites) }</h2>
            <p class="hint">{ ctx.t(T::CustomSitesHint) }</p>
            <ul class="site-list">
                { for ctx.settings.store.custom_sites.iter().map(|name| {
                    let remove = {
                        let (ctx, save, name) = (ctx.clone(), save.clone(), name.clone());
                        Callback::from(move |_: MouseEvent| {
                            let mut settings = (*ctx.settings).clone();
                            settings.store.custom_sites.retain(|s| *s != name);
                            save(Area::Sites, settings);
                        })
                    };
                    html! { <li><span>{ name.clone() }</span><button class="btn" onclick={remove}>{ ctx.t(T::RemoveSite) }</button></li> }
                }) }
            </ul>
            <form class="add-site" onsubmit={on_add_site} novalidate=true>
                <TextField id="new-site" label={ctx.t(T::NewSite)} value={(*new_site).clone()} oninput={set_site} lang={ctx.lang} error={(*site_error).clone()} />
                <button type="submit" class="btn">{ ctx.t(T::AddSite) }</button>
            </form>
            { answer(Area::Sites) }
            <h2>{ ctx.t(T::StorageTitle) }</h2>
            { storage }
            <p class="persist">{ ctx.t(persist) }</p>
        </section>
    }
}
