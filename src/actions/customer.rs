//! A customer's card: read it, edit the details, withdraw a consent, erase the
//! customer, give them their own copy.

use crate::context::AppContext;
use crate::domain::customer_form::CustomerForm;
use crate::domain::export::{file_name, ExportInfo};
use crate::domain::{ConsentKind, Customer};
use crate::i18n::{T, Msg};
use crate::storage::CustomerFile;

use super::{message, on_form, remember, Problems};

/// Everything the card shows about one customer, or `None` if there is no such
/// customer (erased, merged, or a stale link).
pub async fn file(ctx: &AppContext, id: &str) -> Result<Option<CustomerFile>, Msg> {
    ctx.db.customer_file(id).await.map_err(message)
}

/// One customer's record, or `None`.
pub async fn load(ctx: &AppContext, id: &str) -> Result<Option<Customer>, Msg> {
    ctx.db.get::<Customer>(id).await.map_err(message)
}

/// Saves the edit form: checked against the card as shown, then applied to the
/// record as stored now (a visit logged meanwhile elsewhere is kept). Health details
/// are kept only while the sensitive consent is active.
pub async fn edit(ctx: &AppContext, shown: &CustomerFile, form: &CustomerForm) -> Result<Customer, Problems> {
    let today = ctx.clock.today();
    let sensitive = shown.consents.iter().any(|c| c.kind == ConsentKind::SensitiveInfo && c.is_active());
    form.apply(&shown.customer, today, sensitive)?;
    let saved = ctx
        .db
        .edit_customer(&shown.customer.id, &ctx.stamp(), |stored| {
            if let Ok(edited) = form.apply(stored, today, sensitive) {
                *stored = edited;
            }
        })
        .await
        .map_err(on_form)?;
    remember(ctx, &saved);
    Ok(saved.customer)
}

/// Withdraws one consent and deletes what it covered (storage, one transaction).
pub async fn withdraw_consent(ctx: &AppContext, id: &str, kind: ConsentKind) -> Result<(), Msg> {
    let saved = ctx.db.withdraw_consent(id, kind, &ctx.staff_name(), &ctx.stamp()).await.map_err(message)?;
    remember(ctx, &saved);
    Ok(())
}

/// Two records of one person made one: everything recorded about `other_id` moves to
/// `keep_id`, whose empty fields are filled from the other; the other is erased
/// (a tombstone naming the kept record) and both audit trails say so. The lists
/// forget the merged record and show the kept one as it is now.
pub async fn merge(ctx: &AppContext, keep_id: &str, other_id: &str) -> Result<Customer, Msg> {
    let saved = ctx.db.merge_customers(keep_id, other_id, &ctx.staff_name(), &ctx.stamp()).await.map_err(message)?;
    ctx.search.remove(other_id);
    remember(ctx, &saved);
    Ok(saved.customer)
}

/// Staff looked: the registration is not the same person as `other_id`.
pub async fn not_the_same_person(ctx: &AppContext, id: &str, other_id: &str) -> Result<(), Msg> {
    let saved = ctx.db.edit_customer(id, &ctx.stamp(), |c| c.possible_duplicates.retain(|d| d != other_id)).await.map_err(message)?;
    remember(ctx, &saved);
    Ok(())
}

/// The manager erases the customer and everything recorded about them, leaving
/// tombstones and an audit entry; the lists forget them.
pub async fn erase(ctx: &AppContext, id: &str) -> Result<(), Msg> {
    super::staff::require_manager(ctx).await?;
    ctx.db.delete_customer(id, &ctx.staff_name(), &ctx.stamp()).await.map_err(message)?;
    ctx.search.remove(id);
    Ok(())
}

/// The customer's own copy of everything stored about them (PIPL art. 45) as one
/// HTML file, and its name (a date only). Logged before it is handed out.
pub async fn export_copy(ctx: &AppContext, id: &str) -> Result<(web_sys::Blob, String), Msg> {
    let export = ctx.db.customer_export(id).await.map_err(message)?.ok_or_else(|| Msg::from(T::CustomerGone))?;
    let now = ctx.clock.now_ms();
    let info = ExportInfo {
        store_name: ctx.settings.store.store_name.clone(),
        made_at: now,
        utc_offset_minutes: ctx.clock.utc_offset_minutes(),
    };
    let html = crate::export_doc::render(&export, &info);
    let parts = js_sys::Array::of1(&html.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| Msg::from(T::ExportFailed))?;
    ctx.db.log_export(id, &ctx.staff_name(), &ctx.settings.stamp(now)).await.map_err(message)?;
    Ok((blob, file_name(ctx.clock.today())))
}

/// Another version of this customer, written on another tablet while this one had
/// its own (a replication conflict), with its revision: for staff to compare.
pub async fn other_version(ctx: &AppContext, id: &str) -> Result<Option<(String, Customer)>, Msg> {
    let Some(doc) = crate::storage::replica::doc_id_of(crate::storage::schema::CUSTOMERS, id) else { return Ok(None) };
    let entry = ctx.db.doc_entry(&doc).await.map_err(message)?;
    Ok(entry.and_then(|e| e.conflicts.into_iter().find_map(|c| serde_json::from_value::<Customer>(c.body).ok().map(|other| (c.rev, other)))))
}

/// Staff picked, field by field, between the two versions: the result is the record
/// from now on, on every tablet.
pub async fn resolve_conflict(ctx: &AppContext, current: &Customer, losing_rev: &str, other: &Customer, take: &[&str]) -> Result<(), Msg> {
    let chosen = crate::domain::merge::take_fields(current, other, take);
    let saved = ctx.db.resolve_customer_conflict(&current.id, losing_rev, &chosen, &ctx.stamp()).await.map_err(message)?;
    remember(ctx, &saved);
    Ok(())
}
