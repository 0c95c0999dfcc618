//! A customer's own copy of their data, in headless Chromium against real IndexedDB:
//! from the card, the file holds that customer's records and pictures and nobody
//! else's, names only the date, and the export is logged with who and when.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::*;
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What one customer has on the tablet, each text unique to them.
struct Seeded {
    customer: Customer,
    visit: &'static str,
    product: &'static str,
    image: &'static [u8],
}

fn base64(bytes: &[u8]) -> String {
    follicle::domain::export::base64(bytes)
}

async fn seed(db: &Db, name: &str, phone: &str, visit: &'static str, product: &'static str, image: &'static [u8]) -> Seeded {
    let s = stamp(1_763_000_000_000);
    let mut c = Customer::new(name, phone, &s);
    c.birth_date = NaiveDate::from_ymd_opt(1960, 1, 1);
    c.refresh_keys();
    let consent = ConsentRecord {
        id: new_id(),
        meta: Meta::new(&s),
        customer_id: c.id.clone(),
        kind: ConsentKind::SensitiveInfo,
        notice_id: "sensitive-v1".into(),
        notice_hash: "ab".into(),
        granted: true,
        at: s.now,
        staff_present: None,
        guardian: None,
        withdrawn_at: None,
    };
    db.save_registration(&c, &[consent]).await.unwrap();
    let entry = FollowUpEntry { id: new_id(), meta: Meta::new(&s), customer_id: c.id.clone(), at: s.now, content: visit.into(), by_staff: "李店长".into(), ..Default::default() };
    db.log_follow_up(&entry, &s).await.unwrap();
    let purchase = Purchase { id: new_id(), meta: Meta::new(&s), customer_id: c.id.clone(), product: product.into(), quantity: 1, unit_price_fen: 100, ..Default::default() };
    db.put(&purchase).await.unwrap();
    let measured = MeasurementSet { id: new_id(), meta: Meta::new(&s), customer_id: c.id.clone(), density_per_cm2: Some(120.0), ..Default::default() };
    db.put(&measured).await.unwrap();
    let photo = PhotoMeta {
        id: new_id(),
        meta: Meta::new(&s),
        customer_id: c.id.clone(),
        kind: PhotoKind::Trichoscope,
        site: ScalpSite::Crown,
        taken_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        note: None,
        width: 1,
        height: 1,
        bytes: image.len() as u64,
        alignments: Vec::new(),
    };
    let blob = |bytes: &[u8]| {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("image/webp");
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
    };
    db.save_photo(&photo, &blob(image), &blob(b"thumbnail"), &s).await.unwrap();
    Seeded { customer: c, visit, product, image }
}

/// The text of a file behind an object URL, as the customer's browser would read it.
async fn read_url(url: &str) -> String {
    let response: web_sys::Response = JsFuture::from(gloo::utils::window().fetch_with_str(url)).await.unwrap().unchecked_into();
    JsFuture::from(response.text().unwrap()).await.unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
async fn one_customers_export_holds_only_that_customer_and_is_logged() {
    let name = unique_db("export");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = seed(&db, "王超", "13800138000", "电话问王超用得怎么样", "防脱精华液", b"PICTURE-OF-WANG-CHAO").await;
    let zeng = seed(&db, "曾小燕", "13722223333", "短信提醒曾小燕来护理", "头皮护理疗程", b"PICTURE-OF-ZENG-XIAOYAN").await;

    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    set_manager_pin(&root, "李店长", "2468").await;
    wait_for_text(&root, "本机顾客总数").await;
    open_card(&root, "王超", "导出资料副本").await;
    assert!(db.audit_of(&wang.customer.id).await.unwrap().is_empty(), "nothing logged before the tap");

    tap(&root, "button", "导出资料副本").await;
    let link = wait_for(15_000, || root.query_selector("a.export-file").unwrap()).await;
    let href = link.get_attribute("href").unwrap();
    let file_name = link.get_attribute("download").unwrap();
    assert!(href.starts_with("blob:"), "{href}");
    assert!(file_name.starts_with("follicle-personal-data-") && file_name.ends_with(".html"), "{file_name}");
    for personal in ["王超", "13800138000", "8000"] {
        assert!(!href.contains(personal) && !file_name.contains(personal), "no personal data in the link or file name");
    }

    let html = read_url(&href).await;
    let wang_image = base64(wang.image);
    for expected in [wang.customer.name.as_str(), "13800138000", wang.visit, wang.product, "sensitive-v1", wang_image.as_str(), wang.customer.id.as_str()] {
        assert!(html.contains(expected), "the export lacks {expected:?}");
    }
    let zeng_image = base64(zeng.image);
    for foreign in [zeng.customer.name.as_str(), "13722223333", zeng.visit, zeng.product, zeng_image.as_str(), zeng.customer.id.as_str()] {
        assert!(!html.contains(foreign), "the export holds another customer's {foreign:?}");
    }
    assert!(!html.contains(&base64(b"thumbnail")), "full images only, once each");

    // The machine-readable part: every record in it is this customer's.
    let json = html.split("id=\"follicle-data\">").nth(1).unwrap().split("</script>").next().unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["customer"]["id"], wang.customer.id.as_str());
    for list in ["consents", "follow_ups", "purchases", "measurements", "photos"] {
        let records = data[list].as_array().unwrap();
        assert_eq!(records.len(), 1, "{list}");
        assert_eq!(records[0]["customer_id"], wang.customer.id.as_str(), "{list}");
    }
    let img = data["photos"][0]["image_element_id"].as_str().unwrap();
    assert!(html.contains(&format!("id=\"{img}\" src=\"data:image/webp;base64,{wang_image}\"")));

    // Logged: who and when, against this customer only.
    let log = db.audit_of(&wang.customer.id).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].action, log[0].by_staff.as_str()), (AuditAction::Exported, "李店长"));
    assert!(log[0].at > 1_763_000_000_000, "stamped with the time of the export");
    assert!(db.audit_of(&zeng.customer.id).await.unwrap().is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn exporting_a_customer_with_nothing_but_a_record_still_makes_a_file() {
    let name = unique_db("export-bare");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let c = Customer::new("单田芳", "13633334444", &stamp(1));
    db.save_customers(std::slice::from_ref(&c)).await.unwrap();
    let export = db.customer_export(&c.id).await.unwrap().expect("the customer");
    assert!(export.photos.is_empty() && export.follow_ups.is_empty());
    assert_eq!(db.customer_export("no-such-id").await.unwrap(), None);
    db.close();
}

/// Every store of the schema that keeps a customer's records (found by a
/// `customer_id` index or keyed by the customer's id) gets one record of this customer,
/// and the copy must hold each. The list comes from the schema: a store added later
/// fails here until it is seeded below and put in the customer's copy. Derived stores
/// are left out on purpose: they are made from the stores that are exported.
#[wasm_bindgen_test]
async fn the_customers_copy_holds_their_record_from_every_store_that_keeps_one() {
    use follicle::storage::schema::{self, STORES};
    let name = unique_db("export-every-store");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let s = stamp(1_763_000_000_000);
    let mut c = Customer::new("欧阳晓东", "13655556666", &s);
    c.refresh_keys();
    let other = Customer::new("路人甲", "13677778888", &s);
    db.save_customers(&[c.clone(), other.clone()]).await.unwrap();
    let id = c.id.clone();
    let meta = Meta::new(&s);
    // First: pictures are kept only with it.
    let consent = given_consent(&c, ConsentKind::SensitiveInfo);
    db.put(&consent).await.unwrap();

    let keeps_customer_records = |def: &schema::StoreDef| {
        def.name == schema::CUSTOMERS || def.key_path == "customer_id" || def.indexes.iter().any(|i| i.key_path == ["customer_id"])
    };
    // What each store's record must leave in the copy (its id, or a text only it holds).
    let mut expected: Vec<(&str, String)> = Vec::new();
    for def in STORES.iter().filter(|d| keeps_customer_records(d)) {
        if schema::DERIVED.contains(&def.name) {
            continue;
        }
        let marker = match def.name {
            schema::CUSTOMERS => id.clone(),
            schema::CONSENTS => consent.id.clone(),
            schema::PHOTOS => {
                let photo = PhotoMeta { id: new_id(), meta: meta.clone(), customer_id: id.clone(), kind: PhotoKind::Camera, site: ScalpSite::Crown, taken_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), note: None, width: 1, height: 1, bytes: 5, alignments: Vec::new() };
                let options = web_sys::BlobPropertyBag::new();
                options.set_type("image/webp");
                let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&b"PIXEL"[..]));
                let image = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();
                db.save_photo(&photo, &image, &image, &s).await.unwrap();
                // The image itself (photo_blobs, keyed by the photo) is in the copy too.
                expected.push((schema::PHOTO_BLOBS, base64(b"PIXEL")));
                photo.id
            }
            schema::MEASUREMENTS => {
                let m = MeasurementSet { id: new_id(), meta: meta.clone(), customer_id: id.clone(), density_per_cm2: Some(99.5), ..Default::default() };
                db.put(&m).await.unwrap();
                m.id
            }
            schema::PURCHASES => {
                let p = Purchase { id: new_id(), meta: meta.clone(), customer_id: id.clone(), product: "侧柏叶洗发露".into(), quantity: 1, unit_price_fen: 100, ..Default::default() };
                db.put(&p).await.unwrap();
                p.id
            }
            schema::FOLLOWUPS => {
                let f = FollowUpEntry { id: new_id(), meta: meta.clone(), customer_id: id.clone(), at: s.now, content: "电话问候".into(), by_staff: "李店长".into(), ..Default::default() };
                db.put(&f).await.unwrap();
                f.id
            }
            schema::COMPLAINTS => {
                let complaint = Complaint { id: new_id(), meta: meta.clone(), customer_id: id.clone(), at: s.now, content: "等太久".into(), ..Default::default() };
                db.put(&complaint).await.unwrap();
                complaint.id
            }
            schema::RETURNS => {
                let r = ReturnRecord { id: new_id(), meta: meta.clone(), customer_id: id.clone(), reason: "过敏".into(), ..Default::default() };
                db.put(&r).await.unwrap();
                r.id
            }
            schema::INCIDENTS => {
                let i = Incident { id: new_id(), meta: meta.clone(), customer_id: id.clone(), description: "头皮发红".into(), by_staff: "李店长".into(), ..Default::default() };
                db.put(&i).await.unwrap();
                i.id
            }
            schema::APPOINTMENTS => {
                let a = follicle::domain::appointment::Appointment { customer_id: id.clone(), day: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), purpose: "头皮护理预约".into(), staff: "李店长".into(), ..Default::default() }.made(&s);
                db.book_appointment(&a, &s).await.unwrap();
                a.id
            }
            schema::AUDIT_LOG => {
                db.log_export(&id, "审计店员", &s).await.unwrap();
                "审计店员".to_string()
            }
            other => panic!("the store {other} keeps a customer's records: seed one here and put it in the customer's copy (storage::records::customer_export, domain/export.rs, export_doc.rs)"),
        };
        expected.push((def.name, marker));
    }
    // Another customer's records never appear.
    db.log_export(&other.id, "别的店员", &s).await.unwrap();

    assert!(expected.len() >= 11, "every store that keeps a customer's records is checked: {expected:?}");
    let export = db.customer_export(&id).await.unwrap().expect("the customer");
    let info = follicle::domain::export::ExportInfo { store_name: "朝阳店".into(), made_at: s.now, utc_offset_minutes: 480 };
    let html = follicle::export_doc::render(&export, &info);
    let json = html.split("id=\"follicle-data\">").nth(1).unwrap().split("</script>").next().unwrap();
    for (store, marker) in &expected {
        let within = if *store == schema::PHOTO_BLOBS { html.as_str() } else { json };
        assert!(within.contains(marker.as_str()), "the copy lacks the record from {store} ({marker})");
    }
    assert!(!html.contains("别的店员") && !html.contains(&other.id), "nobody else's records");
    db.close();
}
