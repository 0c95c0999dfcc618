//! 转介绍: staff link a customer to the record of whoever referred them (found with
//! the staff search) and thank the referrer; the month's referrals for the today list
//! and the statistics.

use crate::context::AppContext;
use crate::domain::{ContactMethod, FollowUpEntry, Record};
use crate::i18n::{Msg, T};

use super::{message, remember};

pub async fn link(ctx: &AppContext, customer_id: &str, referrer_id: Option<&str>) -> Result<(), Msg> {
    let saved = ctx.db.link_referrer(customer_id, referrer_id, &ctx.stamp()).await.map_err(message)?;
    remember(ctx, &saved);
    Ok(())
}

/// Thanks the referrer of `referred_id` (a phone call logged on the referrer).
pub async fn thank(ctx: &AppContext, referrer_id: &str, referred_id: &str, referred_name: &str) -> Result<(), Msg> {
    let stamp = ctx.stamp();
    let content = Msg::new(T::ThanksContent).arg(referred_name).get(ctx.settings.default_lang);
    let thanks = FollowUpEntry { customer_id: referrer_id.to_string(), at: stamp.now, method: Some(ContactMethod::Phone), content, by_staff: ctx.staff_name(), ..FollowUpEntry::default() }.made(&stamp);
    let (referrer, referred) = ctx.db.thank_referrer(referred_id, &thanks, &stamp).await.map_err(message)?;
    remember(ctx, &referrer);
    remember(ctx, &referred);
    Ok(())
}
