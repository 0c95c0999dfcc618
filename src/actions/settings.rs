//! The tablet's settings: first-run setup, the manager's settings, the follow-up
//! rules and products.

use crate::context::AppContext;
use crate::domain::{new_id, AppSettings};
use crate::storage::{device, Db};

use super::{message, Problems};
use crate::i18n::Msg;

/// First-run setup, before there is an app context: what the setup screen may do
/// with the database (and nothing else).
#[derive(Clone, PartialEq)]
pub struct Setup(Db);

impl Setup {
    pub fn new(db: Db) -> Self {
        Setup(db)
    }

    /// The store's and this tablet's names become the ids stamped on every record.
    pub async fn run(&self, store_name: &str, device_name: &str) -> Result<AppSettings, Problems> {
        let suffix: String = new_id().chars().take(8).collect();
        let settings = AppSettings::from_setup(store_name, device_name, &suffix)?;
        self.0.save_settings(&settings).await.map_err(super::on_form)?;
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

/// Saves changed settings, then shows them.
pub async fn save(ctx: &AppContext, settings: AppSettings) -> Result<(), Msg> {
    let settings = stamped(ctx, settings);
    ctx.db.save_settings(&settings).await.map_err(message)?;
    ctx.set_settings.emit(settings);
    Ok(())
}

/// Saves changed follow-up rules, products or class thresholds and rewrites every
/// customer's plan and summary row with them, in one transaction; the lists reload.
pub async fn save_rules(ctx: &AppContext, settings: AppSettings) -> Result<(), Msg> {
    let settings = stamped(ctx, settings);
    ctx.db.save_rules(&settings).await.map_err(message)?;
    // Summary rows changed for everyone: the search index reloads.
    ctx.search.clear();
    ctx.set_settings.emit(settings);
    Ok(())
}

/// Asks the browser once to keep this site's data permanently, and remembers the
/// answer (the settings screen shows it).
pub async fn ask_persistence_once(ctx: &AppContext) {
    if ctx.settings.persistent_storage.is_some() {
        return;
    }
    if let Some(granted) = device::request_persistence().await {
        let settings = AppSettings { persistent_storage: Some(granted), ..(*ctx.settings).clone() };
        let _ = save(ctx, settings).await;
    }
}
