//! 我的头发变化: a customer identifies themself (phone, then birth date) to see their
//! own progress, guarded against guessing.

use chrono::NaiveDate;

use crate::context::AppContext;
use crate::domain::self_check::{identify, SelfCheckLockout};
use crate::domain::{Customer};

use super::lockout::{guarded, self_check_key, Guarded};
use super::message;
use crate::i18n::Msg;

/// The one customer with this phone number and birth date, if exactly one.
pub async fn identify_customer(ctx: &AppContext, phone_digits: &str, birth: NaiveDate) -> Result<Guarded<Customer>, Msg> {
    guarded::<SelfCheckLockout, Customer>(ctx, &self_check_key(), async {
        let candidates = ctx.db.customers_with_phone(phone_digits).await.ok()?;
        identify(&candidates, birth).cloned()
    })
    .await
    .map_err(message)
}
