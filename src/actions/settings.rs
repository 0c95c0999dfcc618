//! The tablet's settings: first-run setup (with the manager), the manager's
//! settings, the follow-up rules and products.

use crate::clock::Clock;
use crate::context::AppContext;
use crate::domain::staff::StaffRole;
use crate::domain::{new_id, AppSettings};
use crate::storage::{device, Db};

use super::lockout::{guarded, pin_key, Guarded};
use super::{message, Problems};
use crate::crypto;
use crate::domain::kiosk::KioskSettings;
use crate::domain::staff::{check_pin, PinLockout};
use crate::i18n::{Msg, T};

/// First-run setup, before there is an app context: what the setup screen may do
/// with the database (and nothing else).
#[derive(Clone, PartialEq)]
pub struct Setup {
    db: Db,
    clock: Clock,
}

impl Setup {
    pub fn new(db: Db, clock: Clock) -> Self {
        Setup { db, clock }
    }

    /// The store's and this tablet's names, checked before the next step (nothing is
    /// saved until the manager is made too).
    pub fn check_names(&self, store_name: &str, device_name: &str) -> Result<(), Problems> {
        AppSettings::from_setup(store_name, device_name, "").map(|_| ())
    }

    /// Saves the setup: the store's and this tablet's names (which become the ids
    /// stamped on every record) and the manager with their PIN, in one transaction.
    /// `settings` are the ones an older version saved without a manager, if any:
    /// then only the manager is added.
    pub async fn run(&self, settings: Option<&AppSettings>, names: (&str, &str), manager: (&str, &str, &str)) -> Result<AppSettings, Problems> {
        let (fresh, settings) = match settings {
            Some(old) => (false, old.clone()),
            None => {
                let suffix: String = new_id().chars().take(8).collect();
                (true, AppSettings::from_setup(names.0, names.1, &suffix)?)
            }
        };
        let stamp = settings.stamp(self.clock.now_ms());
        let (name, pin, again) = manager;
        let member = super::staff::new_member(name, pin, again, StaffRole::Manager, &[], &stamp).await?;
        self.db
            .set_up(fresh.then_some(&settings), &member)
            .await
            .map_err(super::on_form)?
            .map_err(|e| vec![("form", e)])?;
        Ok(settings)
    }
}

/// A change of the store's part (rules, products, sites…) is stamped, so the newer
/// wins where two tablets' settings meet.
fn stamped(ctx: &AppContext, mut settings: AppSettings) -> AppSettings {
    if settings.store != ctx.settings.store {
        settings.store.store_updated_at = ctx.clock.now_ms().max(ctx.settings.store.store_updated_at + 1);
    }
    settings
}

/// The manager saves changed settings; then they show.
pub async fn save(ctx: &AppContext, settings: AppSettings) -> Result<(), Msg> {
    super::staff::require_manager(ctx).await?;
    save_as_tablet(ctx, settings).await
}

/// Saves settings the tablet itself changes (the browser's answer about keeping data).
async fn save_as_tablet(ctx: &AppContext, settings: AppSettings) -> Result<(), Msg> {
    let settings = stamped(ctx, settings);
    ctx.db.save_settings(&settings).await.map_err(message)?;
    ctx.set_settings.emit(settings);
    Ok(())
}

/// The manager saves changed follow-up rules, products or class thresholds and rewrites every
/// customer's plan and summary row with them, in one transaction; the lists reload.
pub async fn save_rules(ctx: &AppContext, settings: AppSettings) -> Result<(), Msg> {
    super::staff::require_manager(ctx).await?;
    let settings = stamped(ctx, settings);
    ctx.db.save_rules(&settings).await.map_err(message)?;
    // Summary rows changed for everyone: the search index reloads.
    ctx.search.clear();
    ctx.set_settings.emit(settings);
    Ok(())
}

/// Asks the browser once to keep this site's data permanently, and remembers the
/// answer (the settings screen shows it).
/// Shows the settings as stored now (the staff module, when it closes, may have
/// changed them).
pub async fn reload(ctx: &AppContext) {
    if let Ok(Some(settings)) = ctx.db.settings().await {
        ctx.set_settings.emit(settings);
    }
}

pub async fn ask_persistence_once(ctx: &AppContext) {
    if ctx.settings.persistent_storage.is_some() {
        return;
    }
    if let Some(granted) = device::request_persistence().await {
        let settings = AppSettings { persistent_storage: Some(granted), ..(*ctx.settings).clone() };
        let _ = save_as_tablet(ctx, settings).await;
    }
}

/// The manager turns kiosk mode on, or changes its closing hours. Turning it off goes
/// through [`leave_kiosk`] (the manager's PIN again).
pub async fn set_kiosk(ctx: &AppContext, kiosk: KioskSettings) -> Result<(), Msg> {
    if ctx.settings.kiosk.on && !kiosk.on {
        return Err(Msg::new(T::KioskLeaveHint));
    }
    save(ctx, AppSettings { kiosk, ..(*ctx.settings).clone() }).await
}

/// Leaving kiosk mode: the signed-in manager types their PIN again (counted against
/// guessing like the staff gate); a right one turns kiosk mode off.
pub async fn leave_kiosk(ctx: &AppContext, typed: &str) -> Result<Guarded<()>, Msg> {
    let me = super::staff::require_manager(ctx).await?;
    let pin = check_pin(typed)?;
    let outcome = guarded::<PinLockout, ()>(ctx, &pin_key(&me.id), async { crypto::verify_pin(&pin, &me.pin).await.unwrap_or(false).then_some(()) })
        .await
        .map_err(message)?;
    if outcome == Guarded::Passed(()) {
        let kiosk = KioskSettings { on: false, ..ctx.settings.kiosk.clone() };
        save_as_tablet(ctx, AppSettings { kiosk, ..(*ctx.settings).clone() }).await?;
    }
    Ok(outcome)
}
