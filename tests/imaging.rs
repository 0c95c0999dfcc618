//! The photo pipeline in headless Chromium, on real browser decoders and encoders:
//! sizes after downscaling (landscape, portrait, small), storing the result, refusing
//! what is not a usable image (with nothing stored), and EXIF orientation.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::images::*;
use common::{given_consent, stamp, unique_db};
use follicle::domain::*;
use follicle::imaging::{self, ImageError, Processed};
use follicle::storage::{schema, Db, OpenHooks};
use follicle::i18n::Lang;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn photo_meta(customer_id: &str, p: &Processed) -> PhotoMeta {
    PhotoMeta {
        id: new_id(),
        meta: Meta::new(&stamp(5)),
        customer_id: customer_id.into(),
        kind: PhotoKind::Camera,
        site: ScalpSite::Crown,
        taken_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        note: None,
        width: p.width,
        height: p.height,
        bytes: p.bytes,
        alignments: Vec::new(),
    }
}

/// The customer the pictures belong to (a picture is stored only for a customer).
async fn with_customer(db: &Db) -> String {
    let customer = Customer::new("王超", "13800138000", &stamp(1));
    db.save_registration(&customer, &[given_consent(&customer, ConsentKind::SensitiveInfo)]).await.unwrap();
    customer.id
}

/// What a page does with a picked file: process, and store only on success.
async fn process_and_save(db: &Db, file: &web_sys::Blob) -> Result<PhotoMeta, ImageError> {
    let processed = imaging::process(file).await?;
    let meta = photo_meta(&with_customer(db).await, &processed);
    db.save_photo(&meta, &processed.image, &processed.thumb, &stamp(5)).await.unwrap();
    Ok(meta)
}

/// Checks the stated and the decoded sizes of both Blobs, and that they share one format.
async fn assert_sizes(p: &Processed, image: (u32, u32), thumb: (u32, u32)) {
    assert_eq!((p.width, p.height), image);
    assert_eq!(decoded_size(&p.image).await, image, "decoded image");
    assert_eq!(decoded_size(&p.thumb).await, thumb, "decoded thumbnail");
    assert_eq!(p.bytes, (p.image.size() + p.thumb.size()) as u64);
    assert!(p.mime == "image/webp" || p.mime == "image/jpeg", "{}", p.mime);
    assert_eq!(p.image.type_(), p.mime);
    assert_eq!(p.thumb.type_(), p.mime);
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
async fn a_12_mp_landscape_jpeg_becomes_1600_by_1200_plus_thumbnail_and_is_stored() {
    let input = photo_jpeg(4000, 3000, DENSE_HAIR).await;
    let start = now();
    let p = imaging::process(&input).await.unwrap();
    // Informational only (timing belongs to scripts/bench.sh): a debug build on a busy CI box.
    let (kb, ms) = (input.size() as u64 / 1024, now() - start);
    console_log!("4000x3000 JPEG, {kb} KB -> {} + {} bytes {} {} in {ms:.0} ms", p.image.size(), p.thumb.size(), p.mime, p.quality);
    assert_sizes(&p, (1600, 1200), (256, 192)).await;
    assert!(p.bytes <= imaging::MAX_STORED_BYTES, "image + thumbnail are {} bytes", p.bytes);
    assert_eq!(p.mime, "image/webp", "Chromium encodes WebP");

    let db = Db::open(&unique_db("imaging-store"), OpenHooks::default()).await.unwrap();
    let meta = photo_meta(&with_customer(&db).await, &p);
    db.save_photo(&meta, &p.image, &p.thumb, &stamp(5)).await.unwrap();
    let image = db.photo_blob(&meta.id, false).await.unwrap().expect("image stored");
    let thumb = db.photo_blob(&meta.id, true).await.unwrap().expect("thumbnail stored");
    assert_eq!(blob_bytes(&image).await, blob_bytes(&p.image).await);
    assert_eq!(blob_bytes(&thumb).await, blob_bytes(&p.thumb).await);
    assert_eq!(image.type_(), p.mime);
    let back: PhotoMeta = db.get(&meta.id).await.unwrap().unwrap();
    assert_eq!((back.width, back.height, back.bytes), (1600, 1200, p.bytes));
}

#[wasm_bindgen_test]
async fn a_portrait_photo_stays_portrait() {
    let p = imaging::process(&photo_jpeg(3000, 4000, DENSE_HAIR).await).await.unwrap();
    assert_sizes(&p, (1200, 1600), (192, 256)).await;
}

#[wasm_bindgen_test]
async fn a_small_image_is_not_upscaled_and_a_png_without_a_type_is_read_by_its_bytes() {
    let png = encode(&photo_canvas(800, 600, DENSE_HAIR, 7), "image/png", 1.0).await;
    let p = imaging::process(&png).await.unwrap();
    assert_sizes(&p, (800, 600), (256, 192)).await;

    // Some pickers give no type: the first bytes decide.
    let untyped = blob(&blob_bytes(&png).await, "");
    let p = imaging::process(&untyped).await.unwrap();
    assert_sizes(&p, (800, 600), (256, 192)).await;
}

#[wasm_bindgen_test]
async fn a_very_detailed_photo_is_encoded_at_a_lower_quality_to_stay_in_budget() {
    let typical = imaging::process(&photo_jpeg(2000, 1500, 700).await).await.unwrap();
    assert_eq!(typical.quality, imaging::QUALITY, "{} bytes", typical.bytes);

    // More hair than DENSE_HAIR, and less downscaled: ~600 KB at full quality.
    let detailed = imaging::process(&photo_jpeg(2000, 1500, 4000).await).await.unwrap();
    console_log!("detailed: {} bytes at quality {}", detailed.bytes, detailed.quality);
    assert!(detailed.quality < imaging::QUALITY);
    assert!(detailed.bytes <= imaging::MAX_STORED_BYTES, "{} bytes at quality {}", detailed.bytes, detailed.quality);
    assert_sizes(&detailed, (1600, 1200), (256, 192)).await;
}

/// Processes `file` the way a page would, expects `expected`, and checks that nothing
/// was stored and that the message says something in both languages.
async fn assert_refused(test: &str, file: &web_sys::Blob, expected: ImageError, zh_says: &str) {
    let db = Db::open(&unique_db(test), OpenHooks::default()).await.unwrap();
    let err = process_and_save(&db, file).await.unwrap_err();
    assert_eq!(err, expected);
    assert_eq!(db.count(schema::PHOTOS).await.unwrap(), 0);
    assert_eq!(db.count(schema::PHOTO_BLOBS).await.unwrap(), 0);
    let (zh, en) = (err.message().get(Lang::Zh), err.message().get(Lang::En));
    assert!(zh.contains(zh_says), "{zh}");
    assert!(zh.contains("没有保存"), "{zh}");
    assert!(en.contains("nothing was saved"), "{en}");
}

#[wasm_bindgen_test]
async fn a_text_file_is_not_an_image() {
    assert_refused("imaging-text", &blob(b"hello", "text/plain"), ImageError::NotAnImage, "不是图片").await;
    // Without a type, the bytes tell it is not an image either.
    assert_refused("imaging-text-untyped", &blob(b"hello", ""), ImageError::NotAnImage, "不是图片").await;
}

#[wasm_bindgen_test]
async fn random_bytes_called_jpeg_are_refused_as_corrupt() {
    let mut rng = Rng(99);
    let noise: Vec<u8> = (0..50_000).map(|_| rng.next() as u8).collect();
    assert_refused("imaging-noise", &blob(&noise, "image/jpeg"), ImageError::Corrupt, "损坏").await;

    // A JPEG start followed by garbage passes the sniff; the decoder refuses it.
    let mut fake = vec![0xFF, 0xD8, 0xFF, 0xE0];
    fake.extend(&noise);
    assert_refused("imaging-fake-jpeg", &blob(&fake, "image/jpeg"), ImageError::Corrupt, "损坏").await;
}

#[wasm_bindgen_test]
async fn a_file_over_30_mb_is_refused_before_it_is_read() {
    let big = js_sys::Uint8Array::new_with_length(31 * 1024 * 1024);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    let file = web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&big), &options).unwrap();
    let expected = ImageError::TooLarge { bytes: 31.0 * 1024.0 * 1024.0 };
    assert_refused("imaging-big", &file, expected, "最大 30 MB").await;
    assert!(ImageError::TooLarge { bytes: file.size() }.message().get(Lang::En).contains("31.0 MB"));
}

#[wasm_bindgen_test]
async fn heic_is_named_so_staff_know_to_switch_the_camera_to_jpeg() {
    // An iPhone HEIC's first box; Chromium has no HEIC decoder.
    let mut heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic".to_vec();
    heic.extend([0u8; 200]);
    assert_refused("imaging-heic", &blob(&heic, "image/heic"), ImageError::Unsupported("HEIC".into()), "JPEG").await;
}

#[wasm_bindgen_test]
async fn exif_orientation_6_turns_a_landscape_jpeg_upright() {
    let plain = red_left_blue_right_jpeg(64, 32).await;
    // Control: without EXIF the image keeps its stored shape.
    let p = imaging::process(&blob(&plain, "image/jpeg")).await.unwrap();
    assert_eq!((p.width, p.height), (64, 32));

    let turned = with_exif_orientation(&plain, 6);
    let p = imaging::process(&blob(&turned, "image/jpeg")).await.unwrap();
    assert_sizes(&p, (32, 64), (32, 64)).await;
    // Turned clockwise: the left (red) edge is now at the top, the right (blue) at the bottom.
    let [r, _, b] = pixel(&p.image, 16, 8).await;
    assert!(r > 200 && b < 60, "top is red: {r} {b}");
    let [r, _, b] = pixel(&p.image, 16, 56).await;
    assert!(r < 60 && b > 200, "bottom is blue: {r} {b}");

    // Large enough to be downscaled: orientation first, then the long edge to 1600.
    let turned = with_exif_orientation(&red_left_blue_right_jpeg(2000, 1000).await, 6);
    let p = imaging::process(&blob(&turned, "image/jpeg")).await.unwrap();
    assert_sizes(&p, (800, 1600), (128, 256)).await;
    let [r, _, b] = pixel(&p.thumb, 64, 20).await;
    assert!(r > 200 && b < 60, "thumbnail top is red: {r} {b}");
}
