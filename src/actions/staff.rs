//! 员工: the staff gate — who is on the staff list, signing in with a PIN, adding a
//! staff member.

use std::rc::Rc;

use crate::context::AppContext;
use crate::crypto;
use crate::domain::staff::{check_new_pin, check_pin, PinLockout, StaffMember, StaffRole};
use crate::domain::validation::check_name;
use crate::domain::{Meta, Record};
use crate::i18n::{T, Msg};

use super::lockout::{guarded, pin_key, Guarded};
use super::{message, Problems};

/// Every staff member, by name.
pub async fn members(ctx: &AppContext) -> Result<Vec<StaffMember>, Msg> {
    ctx.db.staff_members().await.map_err(message)
}

/// Checks a PIN against the rate limit and the stored hash; a right one signs the
/// member in.
pub async fn sign_in(ctx: &AppContext, member: &StaffMember, typed: &str) -> Result<Guarded<()>, Msg> {
    let pin = check_pin(typed)?;
    let outcome = guarded::<PinLockout, ()>(ctx, &pin_key(&member.id), async { crypto::verify_pin(&pin, &member.pin).await.unwrap_or(false).then_some(()) })
        .await
        .map_err(message)?;
    if outcome == Guarded::Passed(()) {
        ctx.set_staff.emit(Some(Rc::new(member.clone())));
    }
    Ok(outcome)
}

/// Locks the staff side: the signed-in member and what was in memory are forgotten.
pub fn lock(ctx: &AppContext) {
    ctx.set_staff.emit(None);
}

/// Adds a staff member with a new PIN (typed twice). The very first member is the
/// manager, signed in at once.
pub async fn add_member(ctx: &AppContext, name: &str, pin: &str, again: &str, first: bool) -> Result<StaffMember, Problems> {
    let checked_name = check_name(name);
    let checked_pin = check_new_pin(pin, again);
    let (Ok(name), Ok(pin)) = (checked_name.clone(), checked_pin.clone()) else {
        return Err([("name", checked_name.err()), ("pin", checked_pin.err())].into_iter().filter_map(|(f, e)| e.map(|e| (f, e))).collect());
    };
    let hash = crypto::hash_pin(&pin).await.map_err(|e| vec![("form", Msg::new(T::PinHashFailed).arg(e.to_string()))])?;
    let member = StaffMember {
        id: String::new(),
        meta: Meta::default(),
        name,
        role: if first { StaffRole::Manager } else { StaffRole::Staff },
        pin: hash,
    }
    .made(&ctx.stamp());
    ctx.db.put(&member).await.map_err(super::on_form)?;
    if first {
        ctx.set_staff.emit(Some(Rc::new(member.clone())));
    }
    Ok(member)
}
