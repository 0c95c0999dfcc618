//! 备份与恢复: the whole tablet to one file and back.

use crate::clock::local_day;
use crate::context::AppContext;
use crate::domain::backup::{file_name, Mode, Report};
use crate::storage::backup::{open_backup, BackupFailure, Progress, Step};
use crate::i18n::Msg;

/// A backup file made, ready to be saved.
pub struct Made {
    pub file: web_sys::Blob,
    pub name: String,
    pub made_at: crate::domain::record::Millis,
    pub customers: usize,
    pub photos: usize,
}

/// Makes the backup file (encrypted with `passphrase` unless `None`), reporting
/// progress. The "last backup" date is not set yet: [`delivered`] does, once the
/// file was handed to the download.
pub async fn export(ctx: &AppContext, passphrase: Option<&str>, progress: &dyn Fn(Progress)) -> Result<Made, Msg> {
    // The manager's: a backup holds every customer.
    super::staff::require_manager(ctx).await?;
    let now = ctx.clock.now_ms();
    let exported = ctx.db.export_backup(&ctx.settings, passphrase, now, progress).await.map_err(|e| e.message())?;
    Ok(Made { file: exported.file, name: file_name(local_day(now).unwrap_or_default()), made_at: now, customers: exported.customers, photos: exported.photos })
}

/// The file made at `made_at` was handed to the download: it is this tablet's last
/// backup now, made by whoever is signed in.
pub async fn delivered(ctx: &AppContext, made_at: crate::domain::record::Millis) -> Result<(), Msg> {
    ctx.db.backup_made(&ctx.settings, &ctx.staff_name(), made_at).await.map_err(|e| e.message())
}

/// Reads, decrypts and checks the whole file, then merges it in or replaces
/// everything, in one transaction. What was in memory is reloaded.
pub async fn restore(ctx: &AppContext, file: &web_sys::Blob, passphrase: &str, mode: Mode, progress: &dyn Fn(Progress)) -> Result<Report, Msg> {
    super::staff::require_manager(ctx).await?;
    let opened = open_backup(file, Some(passphrase), progress).await.map_err(|e| e.message())?;
    progress(Progress { step: Step::Writing, done: 0, total: 1 });
    let report = ctx.db.restore_backup(&opened, mode, &ctx.staff_name(), &ctx.stamp()).await.map_err(|e: BackupFailure| e.message())?;
    // Customers changed under the search's feet; settings may have.
    ctx.search.clear();
    if let Ok(Some(settings)) = ctx.db.settings().await {
        ctx.set_settings.emit(settings);
    }
    Ok(report)
}
