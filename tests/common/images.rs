//! Test images made in the browser, so no binary files live in the repository: a
//! photo-like picture drawn on an OffscreenCanvas and encoded by the browser's own
//! encoders, plus the byte surgery that adds an EXIF orientation to a JPEG.

use wasm_bindgen::{Clamped, JsCast};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ImageBitmap, ImageData, ImageEncodeOptions, OffscreenCanvas, OffscreenCanvasRenderingContext2d};

/// A small deterministic generator (xorshift): every run draws the same picture.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub fn context(canvas: &OffscreenCanvas) -> OffscreenCanvasRenderingContext2d {
    canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap()
}

/// Hair strands in a picture: a full head of hair, the kind of detail that makes a
/// scalp photo compress hardest (about 500 KB as WebP 0.85 at 1600×1200).
pub const DENSE_HAIR: u64 = 3000;

/// A `w`×`h` stand-in for a scalp photo: a skin-toned gradient with sensor grain (±6
/// per channel) and `hairs` dark strands, sized to the picture, so a scene looks the
/// same at any resolution. The strands, not the grain, are what the encoders pay for.
pub fn photo_canvas(w: u32, h: u32, hairs: u64, seed: u64) -> OffscreenCanvas {
    let grain = 6i32;
    let mut rng = Rng(seed | 1);
    let mut pixels = vec![0u8; (w * h * 4) as usize];
    let mut bits = 0u64;
    for (i, px) in pixels.chunks_exact_mut(4).enumerate() {
        let (x, y) = (i as u32 % w, i as u32 / w);
        // Bits for two pixels' grain per draw: this loop is 12 M pixels in a debug build.
        if i % 2 == 0 {
            bits = rng.next();
        }
        let base = [200 - 60 * y / h, 160 - 50 * x / w, 130 - 40 * (x + y) / (w + h)];
        for (c, v) in base.into_iter().enumerate() {
            let noise = ((bits >> (32 * (i % 2) + 8 * c)) & 0xFF) as i32 * (2 * grain + 1) / 256 - grain;
            px[c] = (v as i32 + noise).clamp(0, 255) as u8;
        }
        px[3] = 255;
    }
    let canvas = OffscreenCanvas::new(w, h).unwrap();
    let ctx = context(&canvas);
    let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), w, h).unwrap();
    ctx.put_image_data(&data, 0.0, 0.0).unwrap();
    ctx.set_line_cap("round");
    let scale = w.max(h) as f64 / 4000.0;
    for _ in 0..hairs {
        let (x, y) = (rng.unit() * w as f64, rng.unit() * h as f64);
        let length = (80.0 + rng.unit() * 320.0) * scale;
        let angle = rng.unit() * std::f64::consts::TAU;
        let shade = 20 + (rng.next() % 60) as u32;
        ctx.set_stroke_style_str(&format!("rgb({shade},{},{})", shade * 3 / 4, shade / 2));
        ctx.set_line_width((1.5 + rng.unit() * 4.0) * scale.max(0.25));
        ctx.begin_path();
        ctx.move_to(x, y);
        let bend = (rng.unit() - 0.5) * length;
        ctx.quadratic_curve_to(
            x + angle.cos() * length / 2.0 - angle.sin() * bend,
            y + angle.sin() * length / 2.0 + angle.cos() * bend,
            x + angle.cos() * length,
            y + angle.sin() * length,
        );
        ctx.stroke();
    }
    canvas
}

/// The canvas encoded by the browser as `mime` (`quality` for lossy formats).
pub async fn encode(canvas: &OffscreenCanvas, mime: &str, quality: f64) -> Blob {
    let options = ImageEncodeOptions::new();
    options.set_type(mime);
    options.set_quality(quality);
    let blob: Blob = JsFuture::from(canvas.convert_to_blob_with_options(&options).unwrap()).await.unwrap().dyn_into().unwrap();
    assert_eq!(blob.type_(), mime, "the browser encodes {mime}");
    blob
}

/// A photo-like JPEG as a phone camera makes one (quality 0.92; ~4 MB at 12 MP).
pub async fn photo_jpeg(w: u32, h: u32, hairs: u64) -> Blob {
    encode(&photo_canvas(w, h, hairs, w as u64 * 31 + h as u64), "image/jpeg", 0.92).await
}

pub fn blob(bytes: &[u8], mime: &str) -> Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

pub async fn blob_bytes(blob: &Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buffer).to_vec()
}

/// The browser's decode of a Blob (default options, as an `<img>` would show it).
pub async fn decode(blob: &Blob) -> ImageBitmap {
    let window = web_sys::window().unwrap();
    JsFuture::from(window.create_image_bitmap_with_blob(blob).unwrap()).await.unwrap().dyn_into().unwrap()
}

pub async fn decoded_size(blob: &Blob) -> (u32, u32) {
    let bitmap = decode(blob).await;
    let size = (bitmap.width(), bitmap.height());
    bitmap.close();
    size
}

/// The RGB of one pixel of a decoded Blob.
pub async fn pixel(blob: &Blob, x: u32, y: u32) -> [u8; 3] {
    let bitmap = decode(blob).await;
    let canvas = OffscreenCanvas::new(bitmap.width(), bitmap.height()).unwrap();
    let ctx = context(&canvas);
    ctx.draw_image_with_image_bitmap(&bitmap, 0.0, 0.0).unwrap();
    bitmap.close();
    let data = ctx.get_image_data(x as f64, y as f64, 1.0, 1.0).unwrap().data();
    [data[0], data[1], data[2]]
}

/// `jpeg` with an EXIF APP1 segment right after SOI holding one tag, Orientation
/// (0x0112) = `orientation` (6: the viewer turns it 90° clockwise). Big-endian ("MM")
/// TIFF, as many cameras write it.
pub fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    assert_eq!(jpeg[..2], [0xFF, 0xD8], "starts with SOI");
    let mut tiff = b"MM\x00\x2A".to_vec();
    tiff.extend(8u32.to_be_bytes()); // IFD0 right after this 8-byte header
    tiff.extend(1u16.to_be_bytes()); // one entry
    tiff.extend(0x0112u16.to_be_bytes()); // Orientation
    tiff.extend(3u16.to_be_bytes()); // SHORT
    tiff.extend(1u32.to_be_bytes()); // count
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]); // a SHORT sits left-justified in the 4-byte value field
    tiff.extend(0u32.to_be_bytes()); // no next IFD
    let mut segment = b"Exif\x00\x00".to_vec();
    segment.extend(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((segment.len() + 2) as u16).to_be_bytes()); // the length counts itself
    out.extend(segment);
    out.extend(&jpeg[2..]);
    out
}

/// A `w`×`h` JPEG, red on the left half, blue on the right: after a turn, where the
/// colours went tells which way it turned.
pub async fn red_left_blue_right_jpeg(w: u32, h: u32) -> Vec<u8> {
    let canvas = OffscreenCanvas::new(w, h).unwrap();
    let ctx = context(&canvas);
    ctx.set_fill_style_str("rgb(255,0,0)");
    ctx.fill_rect(0.0, 0.0, w as f64 / 2.0, h as f64);
    ctx.set_fill_style_str("rgb(0,0,255)");
    ctx.fill_rect(w as f64 / 2.0, 0.0, w as f64 / 2.0, h as f64);
    blob_bytes(&encode(&canvas, "image/jpeg", 0.95).await).await
}
