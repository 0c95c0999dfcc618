//! 新顾客登记: a customer registers at the tablet.

use crate::context::AppContext;
use crate::domain::registration::{Draft, Step};
use crate::domain::validation::{check_name, check_phone};
use crate::domain::{Customer};

use super::message;
use crate::i18n::Msg;

/// Which kind of match an earlier record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplicate {
    Phone,
    NameAndBirth,
}

/// Whether the basic answers match a customer already on the tablet (the same phone,
/// or the same name and birth date). A failed lookup is no match: the save itself
/// uses `add`, so nothing can be overwritten either way.
pub async fn find_duplicate(ctx: &AppContext, draft: &Draft) -> Option<Duplicate> {
    let (Ok(name), Ok(phone)) = (check_name(&draft.name), check_phone(&draft.phone)) else { return None };
    let mut probe = Customer { name, phone: phone.digits, birth_date: draft.birth(ctx.clock.today()), ..Customer::default() };
    probe.refresh_keys();
    let found = ctx.db.find_duplicates(&probe).await.ok()?;
    if found.is_empty() {
        return None;
    }
    Some(if found.iter().any(|c| c.phone_digits == probe.phone_digits) { Duplicate::Phone } else { Duplicate::NameAndBirth })
}

/// Why a registration was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum NotSaved {
    /// A step still has problems: the first such step.
    Problems(Option<Step>),
    Storage(Msg),
}

/// Builds the customer and one consent record per box (domain) and saves them in
/// one transaction; the staff search finds them at once. Returns the customer.
pub async fn register(ctx: &AppContext, draft: &Draft) -> Result<Customer, NotSaved> {
    let today = ctx.clock.today();
    let (customer, consents) = draft.build(&ctx.stamp(), today).map_err(|_| NotSaved::Problems(draft.first_step_with_problems(today)))?;
    // Only after the transaction commits does the screen say "saved".
    let entry = ctx.db.save_registration(&customer, &consents).await.map_err(|e| NotSaved::Storage(message(e)))?;
    ctx.search.upsert(entry);
    Ok(customer)
}
