//! 转介绍: staff link a customer to the record of whoever referred them (found with
//! the staff search) and thank the referrer; the month's referrals for the today list
//! and the statistics.

use crate::context::AppContext;
use crate::domain::referral::to_link;
use crate::domain::search::Query;
use crate::domain::{ContactMethod, Customer, FollowUpEntry, InfoSource, Record};
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

/// A customer found by the staff search for a referrer's written name.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub phone_tail: String,
}

/// A new customer whose referrer was written at registration and is not linked yet,
/// with the customers the staff search finds for the name written (best first).
#[derive(Clone, Debug, PartialEq)]
pub struct ToLink {
    pub id: String,
    pub name: String,
    pub first_visit: String,
    pub written: String,
    pub candidates: Vec<Candidate>,
}

/// How many customers the prompt offers for one written name.
const CANDIDATES: usize = 3;
/// How many new customers the prompt shows at once (newest first): a busy week
/// stays one screen, and each is one record read and one search.
pub const TO_LINK_SHOWN: usize = 8;

/// The staff side's prompt after a registration (staff only: it says who is a
/// customer): each customer registered in the last days with a referrer written and
/// not linked, and who the same name search finds for it (the newest
/// [`TO_LINK_SHOWN`]), with how many there are in all.
pub async fn new_to_link(ctx: &AppContext) -> Result<(Vec<ToLink>, usize), Msg> {
    super::lists::load_rows(ctx).await?;
    let today = ctx.clock.today();
    let (waiting, total): (Vec<(String, String, String)>, usize) = ctx
        .search
        .with(|i| {
            let all = to_link(i.entries(), today);
            let total = all.len();
            (all.into_iter().take(TO_LINK_SHOWN).map(|e| (e.id.clone(), e.name.clone(), e.first_visit.map(|d| d.to_string()).unwrap_or_default())).collect(), total)
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for (id, name, first_visit) in waiting {
        let Some(customer) = ctx.db.get::<Customer>(&id).await.map_err(message)? else { continue };
        let Some(InfoSource::Referral(written)) = customer.info_source else { continue };
        let written = written.trim().to_string();
        let candidates = if written.is_empty() {
            Vec::new()
        } else {
            ctx.search
                .with(|i| {
                    i.search_top(&Query::parse(&written), CANDIDATES + 1)
                        .iter()
                        .map(|h| i.entry(h))
                        .filter(|e| e.id != id)
                        .take(CANDIDATES)
                        .map(|e| Candidate { id: e.id.clone(), name: e.name.clone(), phone_tail: e.phone_tail().to_string() })
                        .collect()
                })
                .unwrap_or_default()
        };
        out.push(ToLink { id, name, first_visit, written, candidates });
    }
    Ok((out, total))
}
