//! A customer's own copy of their data (PIPL art. 45): everything stored about one
//! customer, gathered by the storage layer into a [`CustomerExport`], and its
//! machine-readable form (JSON). The readable document around it is made by
//! `crate::export_doc`.

use chrono::NaiveDate;
use serde::Serialize;

use super::appointment::Appointment;
use super::audit::AuditEntry;
use super::care::{Complaint, FollowUpEntry, Incident, MeasurementSet, Purchase, ReturnRecord};
use super::consent::ConsentRecord;
use super::customer::Customer;
use super::photo::PhotoMeta;
use super::record::Millis;

/// One picture with its stored image.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportedPhoto {
    pub meta: PhotoMeta,
    /// The image's media type as stored (image/webp, image/jpeg).
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl ExportedPhoto {
    /// The id of the `<img>` that holds this picture in the document; the JSON points
    /// at it instead of carrying the image a second time.
    pub fn element_id(&self) -> String {
        format!("photo-{}", self.meta.id)
    }

    /// The image as a `data:` URL, so the document needs no other file.
    pub fn data_url(&self) -> String {
        // Only image types go into an <img src>; anything else would not show anyway.
        let mime = if self.mime.starts_with("image/") && !self.mime.contains(['"', '<', '>', ';', ' ']) { self.mime.as_str() } else { "image/webp" };
        format!("data:{mime};base64,{}", base64(&self.bytes))
    }
}

/// Everything the tablet keeps about one customer. Each list holds only records whose
/// `customer_id` is this customer's (the storage layer reads them by that index).
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerExport {
    pub customer: Customer,
    pub consents: Vec<ConsentRecord>,
    /// Oldest first, like the lists below.
    pub follow_ups: Vec<FollowUpEntry>,
    pub purchases: Vec<Purchase>,
    pub measurements: Vec<MeasurementSet>,
    pub complaints: Vec<Complaint>,
    pub returns: Vec<ReturnRecord>,
    /// Adverse reactions, oldest first.
    pub incidents: Vec<Incident>,
    /// Visits booked (the appointment book), in time order.
    pub appointments: Vec<Appointment>,
    /// What was done to the customer's data (exports, consent withdrawals …), oldest
    /// first.
    pub audit: Vec<AuditEntry>,
    pub photos: Vec<ExportedPhoto>,
}

/// Who made the copy, where and when (shown in the document and kept in the JSON).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportInfo {
    pub store_name: String,
    pub made_at: Millis,
    /// The tablet's offset from UTC in minutes, so times read as the store's clock.
    pub utc_offset_minutes: i32,
}

/// The format's name and version in the JSON, so a program can tell what it reads.
pub const FORMAT: &str = "follicle-customer-export";
/// 2: adverse reactions (`incidents`) and the audit entries (`audit`) added.
/// 3: booked visits (`appointments`) added.
pub const FORMAT_VERSION: u32 = 3;

#[derive(Serialize)]
struct PhotoJson<'a> {
    #[serde(flatten)]
    meta: &'a PhotoMeta,
    mime: &'a str,
    /// The `<img>` element of this document holding the image (as a data: URL).
    image_element_id: String,
}

#[derive(Serialize)]
struct ExportJson<'a> {
    format: &'static str,
    format_version: u32,
    made: &'a ExportInfo,
    customer: &'a Customer,
    consents: &'a [ConsentRecord],
    follow_ups: &'a [FollowUpEntry],
    purchases: &'a [Purchase],
    measurements: &'a [MeasurementSet],
    complaints: &'a [Complaint],
    returns: &'a [ReturnRecord],
    incidents: &'a [Incident],
    appointments: &'a [Appointment],
    audit: &'a [AuditEntry],
    photos: Vec<PhotoJson<'a>>,
}

impl CustomerExport {
    /// The records as stored, as JSON (photos point at their `<img>` elements).
    pub fn to_json(&self, info: &ExportInfo) -> String {
        let doc = ExportJson {
            format: FORMAT,
            format_version: FORMAT_VERSION,
            made: info,
            customer: &self.customer,
            consents: &self.consents,
            follow_ups: &self.follow_ups,
            purchases: &self.purchases,
            measurements: &self.measurements,
            complaints: &self.complaints,
            returns: &self.returns,
            incidents: &self.incidents,
            appointments: &self.appointments,
            audit: &self.audit,
            photos: self.photos.iter().map(|p| PhotoJson { meta: &p.meta, mime: &p.mime, image_element_id: p.element_id() }).collect(),
        };
        serde_json::to_string_pretty(&doc).expect("records always serialise")
    }
}

/// The file's name: the date only, nobody's name (it may sit in a shared downloads
/// folder on the tablet).
pub fn file_name(day: NaiveDate) -> String {
    format!("follicle-personal-data-{day}.html")
}

/// Standard base64 (RFC 4648, with padding) for data: URLs.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A customer with one record of every kind, for tests here and in `export_doc`.
#[cfg(test)]
pub(crate) fn sample(name: &str, phone: &str) -> CustomerExport {
    use super::care::ContactMethod;
    use super::consent::ConsentKind;
    use super::photo::{PhotoKind, ScalpSite};
    use super::record::{Meta, Stamp};
    let stamp = Stamp { store_id: "store:朝阳店".into(), device_id: "前台#01".into(), now: 1_763_000_000_000 };
    let mut customer = Customer::new(name, phone, &stamp);
    customer.birth_date = NaiveDate::from_ymd_opt(1962, 4, 2);
    customer.life_notes = Some(format!("{name}喜欢钓鱼"));
    let id = customer.id.clone();
    let meta = Meta::new(&stamp);
    let day = NaiveDate::from_ymd_opt(2026, 3, 1);
    CustomerExport {
        consents: vec![ConsentRecord {
            id: format!("{id}-consent"),
            meta: meta.clone(),
            customer_id: id.clone(),
            kind: ConsentKind::PersonalInfo,
            notice_id: "personal-v1".into(),
            notice_hash: "ab12".into(),
            granted: true,
            at: stamp.now,
            staff_present: Some("李店长".into()),
            guardian: None,
            withdrawn_at: None,
        }],
        follow_ups: vec![FollowUpEntry {
            id: format!("{id}-visit"),
            meta: meta.clone(),
            customer_id: id.clone(),
            at: stamp.now,
            method: Some(ContactMethod::Phone),
            content: format!("问{name}精华液用得怎么样"),
            result: "每天都在用".into(),
            by_staff: "李店长".into(),
            next_due: day,
        }],
        purchases: vec![Purchase { id: format!("{id}-buy"), meta: meta.clone(), customer_id: id.clone(), product: "防脱精华液".into(), quantity: 2, unit_price_fen: 29_800, date: day, use_place: None }],
        measurements: vec![MeasurementSet { id: format!("{id}-m"), meta: meta.clone(), customer_id: id.clone(), taken_on: day, density_per_cm2: Some(112.0), ..Default::default() }],
        complaints: vec![],
        returns: vec![],
        incidents: vec![Incident {
            id: format!("{id}-incident"),
            meta: meta.clone(),
            customer_id: id.clone(),
            date: day,
            description: "起疹子：额头两侧".into(),
            action: "停用精华液".into(),
            by_staff: "李店长".into(),
        }],
        appointments: vec![super::appointment::Appointment {
            id: format!("{id}-appointment"),
            meta: meta.clone(),
            customer_id: id.clone(),
            day: day.unwrap(),
            time: chrono::NaiveTime::from_hms_opt(10, 30, 0).unwrap(),
            purpose: "头皮护理".into(),
            staff: "小张".into(),
            ..Default::default()
        }],
        audit: vec![{
            let mut entry = super::audit::AuditEntry::new(&id, super::audit::AuditAction::ConsentWithdrawn, "李店长", &stamp);
            entry.detail = Some("Marketing".into());
            entry
        }],
        photos: vec![ExportedPhoto {
            meta: PhotoMeta {
                id: format!("{id}-photo"),
                meta,
                customer_id: id,
                kind: PhotoKind::Trichoscope,
                site: ScalpSite::Crown,
                taken_on: day.unwrap(),
                note: None,
                width: 2,
                height: 1,
                bytes: 4,
                alignments: Vec::new(),
            },
            mime: "image/webp".into(),
            bytes: vec![0x52, 0x49, 0x46, 0x46],
        }],
        customer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_carries_every_record_and_points_at_the_pictures() {
        let export = sample("王超", "13800138000");
        let info = ExportInfo { store_name: "朝阳店".into(), made_at: 1, utc_offset_minutes: 480 };
        let json: serde_json::Value = serde_json::from_str(&export.to_json(&info)).unwrap();
        assert_eq!(json["format"], FORMAT);
        assert_eq!(json["customer"]["name"], "王超");
        assert_eq!(json["consents"][0]["notice_id"], "personal-v1");
        assert_eq!(json["follow_ups"][0]["by_staff"], "李店长");
        assert_eq!(json["purchases"][0]["unit_price_fen"], 29_800);
        assert_eq!(json["measurements"][0]["density_per_cm2"], 112.0);
        assert_eq!(json["incidents"][0]["description"], "起疹子：额头两侧");
        assert_eq!(json["audit"][0]["action"], "consent_withdrawn");
        assert_eq!(json["appointments"][0]["purpose"], "头皮护理");
        assert_eq!(json["format_version"], 3);
        assert_eq!(json["photos"][0]["site"], "crown");
        assert_eq!(json["photos"][0]["image_element_id"], export.photos[0].element_id());
        assert_eq!(json["made"]["store_name"], "朝阳店");
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, coded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn file_name_has_the_date_and_no_name() {
        assert_eq!(file_name(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), "follicle-personal-data-2026-11-23.html");
    }

    #[test]
    fn a_data_url_only_ever_claims_an_image_type() {
        let photo = |mime: &str| ExportedPhoto { mime: mime.into(), bytes: vec![1, 2, 3], ..sample("王超", "13800138000").photos[0].clone() };
        assert_eq!(photo("image/jpeg").data_url(), "data:image/jpeg;base64,AQID");
        assert_eq!(photo("text/html").data_url(), "data:image/webp;base64,AQID");
        assert_eq!(photo("image/x\"><script>").data_url(), "data:image/webp;base64,AQID");
    }
}
