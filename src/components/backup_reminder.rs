//! The staff home's line about backups: when the last one was made, and a warning
//! (words and a sign, not only a colour) once it is older than the setting.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::use_app;
use crate::route::Route;
use crate::domain::backup::{backup_age, BackupAge};
use crate::domain::record::Millis;
use crate::i18n::{self, Msg, T};

#[derive(Properties, PartialEq)]
pub struct BackupReminderProps {
    /// Offer the way to the backup screen (not on that screen itself).
    #[prop_or(true)]
    pub link: bool,
}


#[function_component(BackupReminder)]
pub fn backup_reminder(props: &BackupReminderProps) -> Html {
    let ctx = use_app();
    // `None` while reading: the last backup, and whether the tablet syncs with the
    // store's server (then its records are not on this tablet alone).
    let last = use_state(|| None::<(Option<Millis>, bool)>);
    {
        let (last, ctx) = (last.clone(), ctx.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Unreadable counts as never: the reminder errs on the side of nagging.
                let made = crate::actions::lists::last_backup(&ctx).await;
                let syncs = matches!(crate::actions::sync::settings(&ctx).await, Ok(Some(_)));
                last.set(Some((made, syncs)));
            });
        });
    }
    let Some((last, syncs)) = *last else { return html! {} };
    let l = ctx.lang;
    let (text, overdue) = match backup_age(last, ctx.clock.now_ms(), ctx.settings.backup_reminder_days) {
        BackupAge::Never => (ctx.t(if syncs { T::BackupNeverSyncs } else { T::BackupNever }).to_string(), true),
        BackupAge::Days { days, overdue } => {
            let day = last.and_then(crate::clock::local_day).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            (Msg::new(T::BackupLastOn).arg(Msg::new(T::Aside).arg(day).arg(i18n::ago(days))).get(l), overdue)
        }
    };
    html! {
        <div class={classes!("backup-reminder", overdue.then_some("overdue"))}>
            <p class="backup-last">{ text }</p>
            if overdue && last.is_some() { <p class="error" role="status">{ ctx.t(T::BackupOverdue) }</p> }
            if props.link {
                <Link<Route> to={Route::Backup} classes="btn big">{ ctx.t(T::BackupOpen) }</Link<Route>>
            }
        </div>
    }
}
