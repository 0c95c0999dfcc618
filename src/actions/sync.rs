//! 同步: this tablet and the store's CouchDB. The manager sets the server up (address,
//! database, the tablet's account); a sync pulls and pushes (see `sync::engine`) and
//! what arrives reaches what the app keeps in memory the way a local save does.

use serde::{Deserialize, Serialize};

use crate::context::AppContext;
use crate::domain::record::Millis;
use crate::domain::replication::address::{check_database, parse_server};
use crate::domain::replication::ErrorKind;
use crate::domain::settings::SyncSettings;
use crate::i18n::{Msg, T};
use crate::storage::replica::Applied;
use crate::sync::engine::{self, Progress, SyncFailure, SyncReport};

use super::{message, Problems};

/// The last sync's outcome, kept on the tablet for the status line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncStatus {
    /// When a sync last finished without an error.
    pub last_ok: Option<Millis>,
    /// When the last attempt ended, and why it failed (None: it did not).
    pub last_attempt: Option<Millis>,
    pub error: Option<Failure>,
}

/// Why the last sync failed, as the status line says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    Offline,
    SignIn,
    NotAllowed,
    NoDatabase,
    ServerBusy,
    Protocol,
    Storage,
    Address,
}

impl Failure {
    pub fn of(e: &SyncFailure) -> Failure {
        match e {
            SyncFailure::Address(_) => Failure::Address,
            SyncFailure::Storage(_) => Failure::Storage,
            SyncFailure::Peer(p) => match p.kind {
                ErrorKind::Network => Failure::Offline,
                ErrorKind::Unauthorized => Failure::SignIn,
                ErrorKind::Forbidden => Failure::NotAllowed,
                ErrorKind::NotFound => Failure::NoDatabase,
                ErrorKind::Unavailable | ErrorKind::Conflict | ErrorKind::TooLarge => Failure::ServerBusy,
                ErrorKind::Protocol => Failure::Protocol,
            },
        }
    }

    /// Whether waiting and trying again can help (otherwise a person must act).
    pub fn retry(self) -> bool {
        matches!(self, Failure::Offline | Failure::ServerBusy | Failure::Storage)
    }

    pub fn message(self) -> Msg {
        Msg::from(match self {
            Failure::Offline => T::SyncOffline,
            Failure::SignIn => T::SyncSignIn,
            Failure::NotAllowed => T::SyncNotAllowed,
            Failure::NoDatabase => T::SyncNoDatabase,
            Failure::ServerBusy => T::SyncServerBusy,
            Failure::Protocol => T::SyncProtocol,
            Failure::Storage => T::SyncStorage,
            Failure::Address => T::SyncAddressBad,
        })
    }
}

/// The server this tablet syncs with (without the password), if set up.
pub async fn settings(ctx: &AppContext) -> Result<Option<SyncSettings>, Msg> {
    ctx.db.sync_settings().await.map_err(message)
}

/// Checks and saves the server's address, the store's database and the tablet's
/// account (the password kept only on this tablet). `password` empty keeps the one
/// saved before. The connection is tried: a wrong password or a missing database is
/// said now, not at the first sync.
pub async fn save_settings(ctx: &AppContext, server: &str, database: &str, username: &str, password: &str) -> Result<SyncSettings, Problems> {
    // The manager's (settings).
    super::staff::require_manager(ctx).await.map_err(|e| vec![("form", e)])?;
    let mut problems = Problems::new();
    let server = parse_server(server).map_err(|e| problems.push(("server", e.message()))).ok();
    let database = database.trim().to_string();
    if let Err(e) = check_database(&database) {
        problems.push(("database", e.message()));
    }
    let username = username.trim().to_string();
    if username.is_empty() {
        problems.push(("username", Msg::from(T::SyncUserMissing)));
    }
    let before = ctx.db.sync_settings().await.ok().flatten();
    let password = if password.is_empty() { before.map(|b| b.password).unwrap_or_default() } else { password.to_string() };
    if password.is_empty() {
        problems.push(("password", Msg::from(T::SyncPasswordMissing)));
    }
    let Some(server) = server.filter(|_| problems.is_empty()) else { return Err(problems) };
    let config = SyncSettings { server, database, username, password };
    let peer = engine::peer_of(&config).map_err(|f| vec![("form", Failure::of(&f).message())])?;
    if let Err(e) = peer.db_info().await {
        return Err(vec![("form", Failure::of(&SyncFailure::Peer(e)).message())]);
    }
    ctx.db.save_sync_settings(Some(&config)).await.map_err(super::on_form)?;
    Ok(config)
}

/// Stops syncing: the server settings and password leave this tablet.
pub async fn forget_settings(ctx: &AppContext) -> Result<(), Msg> {
    super::staff::require_manager(ctx).await?;
    ctx.db.save_sync_settings(None).await.map_err(message)
}

/// The status line's facts: the last outcome and how many changes wait to go.
pub async fn status(ctx: &AppContext) -> (SyncStatus, u32) {
    let status: SyncStatus = ctx.db.sync_status().await.ok().flatten().unwrap_or_default();
    let waiting = waiting(ctx).await;
    (status, waiting)
}

/// Changes made here and not yet accepted by the server.
pub async fn waiting(ctx: &AppContext) -> u32 {
    let Ok(Some(config)) = ctx.db.sync_settings().await else { return 0 };
    let Ok(peer) = engine::peer_of(&config) else { return 0 };
    let id = crate::domain::replication::checkpoint::replication_id(crate::domain::replication::checkpoint::Direction::Push, &ctx.settings.device_id, peer.server(), peer.db_url());
    let since = ctx.db.local_checkpoint(&id).await.ok().flatten().and_then(|c| c.source_last_seq.as_local()).unwrap_or(0);
    ctx.db.changes_waiting(since as i64).await.unwrap_or(0)
}

/// What arrived reaches memory as a local save does: the lists and the search take
/// the customers' new summary rows, erased ones go, new store settings show.
fn remember(ctx: &AppContext, applied: &Applied) {
    for entry in &applied.customers {
        ctx.search.upsert(entry.clone());
    }
    for id in &applied.removed {
        ctx.search.remove(id);
    }
    if let Some(settings) = &applied.settings {
        ctx.set_settings.emit(settings.clone());
    }
    // The staff side, when open, is another module with its own memory (screens.rs).
    let received = crate::page_bus::Received {
        rows: applied.customers.iter().map(|e| e.to_row()).collect(),
        removed: applied.removed.clone(),
        settings: applied.settings.is_some(),
    };
    if !received.rows.is_empty() || !received.removed.is_empty() || received.settings {
        crate::page_bus::post(crate::page_bus::RECEIVED, &received);
    }
}

/// What a sync brought, told by the start module's agent, reaches the staff side's
/// memory as it would have in one module: the search takes the rows, settings are read.
pub async fn received(ctx: &AppContext, received: crate::page_bus::Received) {
    for row in &received.rows {
        if let Some(entry) = crate::domain::search::Entry::from_row(row) {
            ctx.search.upsert(entry);
        }
    }
    for id in &received.removed {
        ctx.search.remove(id);
    }
    if received.settings {
        if let Ok(Some(settings)) = ctx.db.settings().await {
            ctx.set_settings.emit(settings);
        }
    }
}

/// One sync now (pull, then push), its outcome kept for the status line. `None`
/// when this tablet has no server set up.
pub async fn sync_now(ctx: &AppContext, on_progress: &dyn Fn(Progress)) -> Option<Result<SyncReport, Failure>> {
    let config = ctx.db.sync_settings().await.ok().flatten()?;
    let outcome = match engine::peer_of(&config) {
        Err(f) => Err(f),
        Ok(peer) => {
            let stamp = || ctx.stamp();
            let applied = |a: &Applied| remember(ctx, a);
            engine::sync_once(&ctx.db, &peer, &ctx.settings.device_id, &stamp, &applied, on_progress).await
        }
    };
    let now = ctx.clock.now_ms();
    let mut status: SyncStatus = ctx.db.sync_status().await.ok().flatten().unwrap_or_default();
    status.last_attempt = Some(now);
    let result = match outcome {
        Ok(report) => {
            status.last_ok = Some(now);
            status.error = None;
            Ok(report)
        }
        Err(f) => {
            let failure = Failure::of(&f);
            status.error = Some(failure);
            Err(failure)
        }
    };
    let _ = ctx.db.save_sync_status(&status).await;
    Some(result)
}
