//! 员工: the staff gate and the staff list — who is on it, signing in with a PIN,
//! locking; the manager adds, renames and removes staff; everyone changes their own
//! PIN. What only the manager may do is checked here, against the staff list as
//! stored now, not only by the screens.

use std::rc::Rc;

use crate::context::AppContext;
use crate::crypto;
use crate::domain::staff::{check_member_name, check_new_pin, check_pin, PinHash, PinLockout, StaffMember, StaffRole};
use crate::domain::{Meta, Record};
use crate::i18n::{Msg, T};

use super::lockout::{guarded, pin_key, Guarded};
use super::{message, Problems};

/// Every staff member, by name.
pub async fn members(ctx: &AppContext) -> Result<Vec<StaffMember>, Msg> {
    ctx.db.staff_members().await.map_err(message)
}

/// The manager's names, for a screen that says who may use it.
pub async fn manager_names(ctx: &AppContext) -> Result<Vec<String>, Msg> {
    Ok(members(ctx).await?.into_iter().filter(StaffMember::is_manager).map(|m| m.name).collect())
}

/// Checks a PIN against the rate limit and the stored hash; a right one signs the
/// member in.
pub async fn sign_in(ctx: &AppContext, member: &StaffMember, typed: &str) -> Result<Guarded<()>, Msg> {
    let pin = check_pin(typed)?;
    let check = async {
        // The search's customers are read while the PIN is hashed (a third of a second,
        // off this thread), so the search is ready sooner after signing in. A wrong
        // PIN forgets them again; nothing of them is drawn before a right one.
        let (search, db) = (ctx.search.clone(), ctx.db.clone());
        search.unlock();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = search.load(&db).await;
        });
        crypto::verify_pin(&pin, &member.pin).await.unwrap_or(false).then_some(())
    };
    let outcome = guarded::<PinLockout, ()>(ctx, &pin_key(&member.id), check).await;
    if !matches!(outcome, Ok(Guarded::Passed(()))) && ctx.staff.is_none() {
        ctx.search.lock();
    }
    let outcome = outcome.map_err(message)?;
    if outcome == Guarded::Passed(()) {
        ctx.set_staff.emit(Some(Rc::new(member.clone())));
    }
    Ok(outcome)
}

/// Locks the staff side: the signed-in member and what was in memory are forgotten.
pub fn lock(ctx: &AppContext) {
    ctx.set_staff.emit(None);
}

/// The signed-in member as the staff list holds them now, if they are the manager;
/// otherwise what to say (nothing is done). Every manager-only action asks this first.
pub async fn require_manager(ctx: &AppContext) -> Result<StaffMember, Msg> {
    let Some(me) = &ctx.staff else { return Err(Msg::new(T::ManagerOnlyAction)) };
    match ctx.db.get::<StaffMember>(&me.id).await.map_err(message)? {
        Some(stored) if stored.is_manager() => Ok(stored),
        _ => Err(Msg::new(T::ManagerOnlyAction)),
    }
}

/// A PIN typed twice, hashed (never stored as typed).
async fn new_pin_hash(pin: &str, again: &str) -> Result<PinHash, Problems> {
    let pin = check_new_pin(pin, again).map_err(|e| vec![("pin", e)])?;
    crypto::hash_pin(&pin).await.map_err(|e| vec![("form", Msg::new(T::PinHashFailed).arg(e.to_string()))])
}

/// A new staff member's record (name and PIN checked, the PIN hashed); the storage
/// write checks the name against the list again.
pub(crate) async fn new_member(name: &str, pin: &str, again: &str, role: StaffRole, others: &[StaffMember], stamp: &crate::domain::Stamp) -> Result<StaffMember, Problems> {
    let checked_name = check_member_name(name, others, None);
    let checked_pin = check_new_pin(pin, again);
    let (Ok(name), Ok(_)) = (checked_name.clone(), checked_pin.clone()) else {
        return Err([("name", checked_name.err()), ("pin", checked_pin.err())].into_iter().filter_map(|(f, e)| e.map(|e| (f, e))).collect());
    };
    let hash = new_pin_hash(pin, again).await?;
    Ok(StaffMember { id: String::new(), meta: Meta::default(), name, role, pin: hash }.made(stamp))
}

/// The manager adds a staff member with a new PIN (typed twice); names are unique.
pub async fn add_member(ctx: &AppContext, name: &str, pin: &str, again: &str) -> Result<StaffMember, Problems> {
    require_manager(ctx).await.map_err(|e| vec![("form", e)])?;
    let others = members(ctx).await.map_err(|e| vec![("form", e)])?;
    let member = new_member(name, pin, again, StaffRole::Staff, &others, &ctx.stamp()).await?;
    ctx.db.add_staff(&member).await.map_err(super::on_form)?.map_err(|e| vec![("name", e)])
}

/// The manager renames a staff member (themself too); names stay unique.
pub async fn rename_member(ctx: &AppContext, id: &str, name: &str) -> Result<StaffMember, Problems> {
    let me = require_manager(ctx).await.map_err(|e| vec![("form", e)])?;
    let renamed = ctx.db.rename_staff(id, name, &ctx.stamp()).await.map_err(super::on_form)?.map_err(|e| vec![("name", e)])?;
    if renamed.id == me.id {
        ctx.set_staff.emit(Some(Rc::new(renamed.clone())));
    }
    Ok(renamed)
}

/// The manager takes a staff member off the list (never themself, never the last
/// manager); their wrong-PIN count goes with them.
pub async fn remove_member(ctx: &AppContext, id: &str) -> Result<(), Msg> {
    let me = require_manager(ctx).await?;
    ctx.db.remove_staff(id, &me.id, &pin_key(id), &ctx.stamp()).await.map_err(message)?
}

/// The signed-in member changes their own PIN: the current one is checked like a
/// sign-in (it counts towards their wrong-PIN wait), the new one typed twice.
pub async fn change_own_pin(ctx: &AppContext, old: &str, new: &str, again: &str) -> Result<Guarded<()>, Problems> {
    let Some(me) = ctx.staff.clone() else { return Err(vec![("form", Msg::new(T::StaffGone))]) };
    let old = check_pin(old).map_err(|e| vec![("old", e)])?;
    let hash = new_pin_hash(new, again).await?;
    let stored = ctx.db.get::<StaffMember>(&me.id).await.map_err(super::on_form)?.ok_or_else(|| vec![("form", Msg::new(T::StaffGone))])?;
    let outcome = guarded::<PinLockout, ()>(ctx, &pin_key(&me.id), async { crypto::verify_pin(&old, &stored.pin).await.unwrap_or(false).then_some(()) })
        .await
        .map_err(super::on_form)?;
    if outcome == Guarded::Passed(()) {
        let saved = ctx.db.set_pin(&me.id, &hash, &ctx.stamp()).await.map_err(super::on_form)?.map_err(|e| vec![("form", e)])?;
        ctx.set_staff.emit(Some(Rc::new(saved)));
    }
    Ok(outcome)
}
