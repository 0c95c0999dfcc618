//! The staff list's writes. Each reads the list inside its own transaction and checks
//! the rule that depends on it there (names unique, a manager at setup only, not the
//! last manager), so two tabs cannot both slip past the same check. Each write goes
//! into the replication journal in the same transaction, like every record write. A
//! rule's refusal is the inner `Err` (a message for the person); the outer one is
//! storage failing.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};

use super::records::{commit, delete_one, err, put_settings_in};
use super::schema::{DOCS, SETTINGS, STAFF, TOMBSTONES};
use super::{journal, Db, Result};
use crate::domain::staff::{check_member_name, check_removal, PinHash, StaffMember};
use crate::domain::{AppSettings, Stamp};
use crate::i18n::{Msg, T};

/// What a staff write came to: done, or refused by a rule (nothing written).
pub type Checked<T> = std::result::Result<T, Msg>;

async fn all_in(tx: &Transaction<'_>) -> Result<Vec<StaffMember>> {
    let store = tx.object_store(STAFF).map_err(err)?;
    let all = store.get_all::<StaffMember>().serde().map_err(err)?.await.map_err(err)?;
    all.collect::<indexed_db_futures::Result<Vec<_>>>().map_err(err)
}

impl Db {
    /// Whether the staff list has a manager (a tablet set up by an older version has
    /// settings but no one on the list).
    pub async fn has_manager(&self) -> Result<bool> {
        Ok(self.staff_members().await?.iter().any(StaffMember::is_manager))
    }

    /// First-run setup: this tablet's settings (none when they were saved by an older
    /// version) and the manager, in one transaction. Refused once a manager exists:
    /// setup cannot be done twice (two tabs, a stale screen).
    pub async fn set_up(&self, settings: Option<&AppSettings>, manager: &StaffMember) -> Result<Checked<()>> {
        let tx = self.tx(&[SETTINGS, STAFF, DOCS], TransactionMode::Readwrite)?;
        if all_in(&tx).await?.iter().any(StaffMember::is_manager) {
            return Ok(Err(Msg::new(T::ManagerExists)));
        }
        if let Some(settings) = settings {
            put_settings_in(&tx, settings).await?;
        }
        journal::add(&tx, manager).await?;
        commit(tx).await?;
        Ok(Ok(()))
    }

    /// Adds a staff member whose name no one on the list has yet (compared trimmed and
    /// case-blind). Returns the member as saved (the name cleaned).
    pub async fn add_staff(&self, member: &StaffMember) -> Result<Checked<StaffMember>> {
        let tx = self.tx(&[STAFF, DOCS, SETTINGS], TransactionMode::Readwrite)?;
        let name = match check_member_name(&member.name, &all_in(&tx).await?, None) {
            Ok(name) => name,
            Err(e) => return Ok(Err(e)),
        };
        let member = StaffMember { name, ..member.clone() };
        journal::add(&tx, &member).await?;
        commit(tx).await?;
        Ok(Ok(member))
    }

    /// Renames a staff member, unless someone else has the name.
    pub async fn rename_staff(&self, id: &str, name: &str, stamp: &Stamp) -> Result<Checked<StaffMember>> {
        let tx = self.tx(&[STAFF, DOCS, SETTINGS], TransactionMode::Readwrite)?;
        let all = all_in(&tx).await?;
        let Some(mut member) = all.iter().find(|m| m.id == id).cloned() else { return Ok(Err(Msg::new(T::StaffGone))) };
        member.name = match check_member_name(name, &all, Some(id)) {
            Ok(name) => name,
            Err(e) => return Ok(Err(e)),
        };
        member.meta.touch(stamp);
        journal::put(&tx, &member).await?;
        commit(tx).await?;
        Ok(Ok(member))
    }

    /// Takes a staff member off the list (`by` is who does it: never themself, never
    /// the last manager), leaves a tombstone, and drops their wrong-PIN counter
    /// (`lockout_key`).
    pub async fn remove_staff(&self, id: &str, by: &str, lockout_key: &str, stamp: &Stamp) -> Result<Checked<()>> {
        let tx = self.tx(&[STAFF, TOMBSTONES, SETTINGS, DOCS], TransactionMode::Readwrite)?;
        let all = all_in(&tx).await?;
        let Some(target) = all.iter().find(|m| m.id == id) else { return Ok(Err(Msg::new(T::StaffGone))) };
        if let Err(e) = check_removal(by, target, &all) {
            return Ok(Err(e));
        }
        delete_one(&tx, STAFF, id, stamp).await?;
        tx.object_store(SETTINGS).map_err(err)?.delete(lockout_key).build().map_err(err)?;
        commit(tx).await?;
        Ok(Ok(()))
    }

    /// Replaces a staff member's PIN hash (the caller checked the old PIN).
    pub async fn set_pin(&self, id: &str, pin: &PinHash, stamp: &Stamp) -> Result<Checked<StaffMember>> {
        let tx = self.tx(&[STAFF, DOCS, SETTINGS], TransactionMode::Readwrite)?;
        let found: Option<StaffMember> = tx.object_store(STAFF).map_err(err)?.get(id).serde().map_err(err)?.await.map_err(err)?;
        let Some(mut member) = found else {
            return Ok(Err(Msg::new(T::StaffGone)));
        };
        member.pin = pin.clone();
        member.meta.touch(stamp);
        journal::put(&tx, &member).await?;
        commit(tx).await?;
        Ok(Ok(member))
    }
}
