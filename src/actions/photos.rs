//! 头发变化: a customer's pictures and measurements, read and added.

use crate::context::AppContext;
use crate::domain::photo::PhotoDraft;
use crate::domain::{MeasurementDraft, MeasurementSet, Meta, PhotoMeta, Record};
use crate::aligner::Found;
use crate::imaging::Processed;

use super::{message, on_form, Problems};
use crate::i18n::Msg;

/// A customer's pictures (metadata) and measurements.
pub async fn progress_of(ctx: &AppContext, customer_id: &str) -> Result<(Vec<PhotoMeta>, Vec<MeasurementSet>), Msg> {
    let photos = ctx.db.photos_of(customer_id).await.map_err(message)?;
    let measurements = ctx.db.measurements_of(customer_id).await.map_err(message)?;
    Ok((photos, measurements))
}

/// A customer's pictures (metadata).
pub async fn photos_of(ctx: &AppContext, customer_id: &str) -> Result<Vec<PhotoMeta>, Msg> {
    ctx.db.photos_of(customer_id).await.map_err(message)
}

/// One stored picture's image (`thumb = false`) or thumbnail.
pub async fn image(ctx: &AppContext, photo_id: &str, thumb: bool) -> Option<web_sys::Blob> {
    ctx.db.photo_blob(photo_id, thumb).await.ok().flatten()
}

thread_local! {
    /// What the worker found for each pair compared since the app started (pictures never
    /// change once stored), so switching views does not align again.
    static FOUND: std::cell::RefCell<std::collections::HashMap<(String, String), Found>> = Default::default();
}

/// The automatic alignment of `after` over `before` (the alignment worker, started the
/// first time this is asked); `Err` when it cannot be had (no worker, unreadable picture).
pub async fn auto_alignment(ctx: &AppContext, before: &PhotoMeta, after: &PhotoMeta) -> Result<Found, String> {
    let key = (before.id.clone(), after.id.clone());
    if let Some(found) = FOUND.with(|f| f.borrow().get(&key).copied()) {
        return Ok(found);
    }
    let (Some(b), Some(a)) = (image(ctx, &before.id, false).await, image(ctx, &after.id, false).await) else {
        return Err("a picture is missing".into());
    };
    let found = crate::aligner::align(&b, &a).await?;
    FOUND.with(|f| f.borrow_mut().insert(key, found));
    Ok(found)
}

/// Saves staff's alignment of `later` over `earlier` on the later picture's record;
/// returns the picture as saved.
pub async fn save_alignment(ctx: &AppContext, later: &PhotoMeta, earlier: &PhotoMeta, t: &align::Similarity) -> Result<PhotoMeta, Msg> {
    match ctx.db.save_alignment(&later.id, earlier, t, &ctx.stamp()).await.map_err(message)? {
        Ok((photo, saved)) => {
            super::remember(ctx, &saved);
            Ok(photo)
        }
        Err(refused) => Err(refused),
    }
}

/// Checks the capture form and stores the processed picture with it.
pub async fn add_photo(ctx: &AppContext, customer_id: &str, draft: &PhotoDraft, picture: &Processed) -> Result<(), Problems> {
    let (kind, site, taken_on, note) = draft.check(ctx.clock.today())?;
    let stamp = ctx.stamp();
    let photo = PhotoMeta {
        id: String::new(),
        meta: Meta::default(),
        customer_id: customer_id.to_string(),
        kind,
        site,
        taken_on,
        note,
        width: picture.width,
        height: picture.height,
        bytes: picture.bytes,
        alignments: Vec::new(),
    }
    .made(&stamp);
    ctx.db.save_photo(&photo, &picture.image, &picture.thumb, &stamp).await.map_err(on_form)?;
    Ok(())
}

/// Checks the measurement form and stores it.
pub async fn add_measurement(ctx: &AppContext, customer_id: &str, draft: &MeasurementDraft) -> Result<(), Problems> {
    let mut set = draft.check(ctx.clock.today())?;
    set.customer_id = customer_id.to_string();
    let stamp = ctx.stamp();
    ctx.db.add_measurement(&set.made(&stamp), &stamp).await.map_err(on_form)?;
    Ok(())
}
