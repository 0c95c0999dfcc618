//! The photo pipeline: a scalp photo or trichoscope image, as picked or shot on the
//! tablet, is checked, decoded by the browser (EXIF orientation honoured), downscaled to
//! a long edge of 1600 px and re-encoded (WebP; JPEG where the browser cannot encode
//! WebP), with a 256 px thumbnail, within a byte budget. Nothing here stores anything:
//! the caller saves both Blobs with `Db::save_photo` only when `process` succeeds.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ImageBitmap, ImageBitmapOptions, ImageEncodeOptions, ImageOrientation, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
    ResizeQuality,
};

use crate::domain::photo::fit_within;
use crate::i18n::{Msg, T};

/// Larger files are refused before reading them: no camera the stores use makes one.
pub const MAX_INPUT_BYTES: f64 = 30.0 * 1024.0 * 1024.0;
pub const LONG_EDGE: u32 = 1600;
pub const THUMB_EDGE: u32 = 256;
pub const QUALITY: f64 = 0.85;
/// Image and thumbnail together, where quality allows: a photo at every visit for
/// years must fit on the tablet.
pub const MAX_STORED_BYTES: u64 = 500_000;
/// For a very detailed photo (a full head of hair) over `MAX_STORED_BYTES` at
/// `QUALITY`: lower qualities, each with its size relative to `QUALITY` (Chromium's WebP
/// on dense hair), so one extra encode usually lands on the first that fits.
const LOWER_QUALITIES: [(f64, f64); 3] = [(0.75, 0.73), (0.65, 0.67), (0.55, 0.61)];

/// A photo ready for `Db::save_photo`.
#[derive(Clone, Debug)]
pub struct Processed {
    pub image: Blob,
    pub thumb: Blob,
    /// Pixel size of `image`, after orientation.
    pub width: u32,
    pub height: u32,
    /// Bytes of `image` and `thumb` together.
    pub bytes: u64,
    /// `image/webp`, or `image/jpeg` where the browser cannot encode WebP.
    pub mime: String,
    /// The image's encoder quality: `QUALITY`, or lower when that was over budget.
    pub quality: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImageError {
    TooLarge { bytes: f64 },
    NotAnImage,
    /// Claims to be an image (type or first bytes) but cannot be decoded.
    Corrupt,
    /// An image this browser cannot handle (e.g. "HEIC"), or a missing browser API.
    Unsupported(String),
}

impl ImageError {
    pub fn message(&self) -> Msg {
        match self {
            ImageError::TooLarge { bytes } => {
                let mb = |b: f64| b / (1024.0 * 1024.0);
                Msg::new(T::ImageTooLarge).arg(format!("{:.1}", mb(*bytes))).arg(format!("{:.0}", mb(MAX_INPUT_BYTES)))
            }
            ImageError::NotAnImage => T::ImageNotAnImage.into(),
            ImageError::Corrupt => T::ImageCorrupt.into(),
            ImageError::Unsupported(what) => Msg::new(T::ImageUnsupported).arg(what),
        }
    }
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self)
    }
}

/// Checks, decodes, downscales and re-encodes one image; see the module doc.
pub async fn process(file: &Blob) -> Result<Processed, ImageError> {
    let size = file.size();
    if size > MAX_INPUT_BYTES {
        return Err(ImageError::TooLarge { bytes: size });
    }
    let declared = file.type_().to_ascii_lowercase();
    // Some pickers give no type at all; then only the bytes can tell.
    if !declared.is_empty() && !declared.starts_with("image/") {
        return Err(ImageError::NotAnImage);
    }
    let claims_image = !declared.is_empty();
    let Some(format) = sniff(&read_head(file).await?) else {
        return Err(match declared.as_str() {
            // Vector, not a photo; the browser would need a document to draw it.
            "image/svg+xml" => ImageError::Unsupported("SVG".into()),
            _ if claims_image => ImageError::Corrupt,
            _ => ImageError::NotAnImage,
        });
    };
    let window = web_sys::window().ok_or_else(|| ImageError::Unsupported("window".into()))?;
    let full = decode(&window, file).await.map_err(|_| match format {
        // Recognised, but e.g. Chromium has no HEIC or TIFF decoder: not the file's fault.
        Format::Heic => ImageError::Unsupported("HEIC".into()),
        Format::Tiff => ImageError::Unsupported("TIFF".into()),
        _ => ImageError::Corrupt,
    })?;
    let result = shrink_and_encode(&window, &full).await;
    // Decoded pixels are large (48 MB for 12 MP): free them now, not at garbage collection.
    full.close();
    result
}

async fn shrink_and_encode(window: &web_sys::Window, full: &ImageBitmap) -> Result<Processed, ImageError> {
    let (width, height) = fit_within(full.width(), full.height(), LONG_EDGE);
    if width == 0 || height == 0 {
        return Err(ImageError::Corrupt);
    }
    let scaled = resize(window, full, width, height).await?;
    let result = encode_both(window, scaled.as_ref().unwrap_or(full)).await;
    if let Some(bitmap) = scaled {
        bitmap.close();
    }
    result
}

async fn encode_both(window: &web_sys::Window, source: &ImageBitmap) -> Result<Processed, ImageError> {
    let (tw, th) = fit_within(source.width(), source.height(), THUMB_EDGE);
    // From the already downscaled image: far less work, and no visible difference at 256 px.
    let small = resize(window, source, tw, th).await?;
    // The thumbnail first: the cheap one finds out whether this browser encodes WebP.
    let thumb = encode(small.as_ref().unwrap_or(source)).await;
    if let Some(bitmap) = small {
        bitmap.close();
    }
    let thumb = thumb?;
    let mime = thumb.type_();
    let budget = MAX_STORED_BYTES.saturating_sub(thumb.size() as u64);
    let mut quality = QUALITY;
    let mut image = encode_as(source, &mime, quality).await?;
    let at_full_quality = image.size();
    for (i, (lower, ratio)) in LOWER_QUALITIES.into_iter().enumerate() {
        if image.size() as u64 <= budget {
            break;
        }
        let last = i + 1 == LOWER_QUALITIES.len();
        if !last && at_full_quality * ratio > budget as f64 {
            continue;
        }
        quality = lower;
        image = encode_as(source, &mime, quality).await?;
    }
    // Still over at the lowest quality (e.g. pure noise): kept anyway; losing a
    // customer's photo would be worse than a large one.
    Ok(Processed {
        bytes: (image.size() + thumb.size()) as u64,
        mime,
        quality,
        width: source.width(),
        height: source.height(),
        image,
        thumb,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Jpeg,
    Png,
    Gif,
    Webp,
    Bmp,
    /// AVIF (decodable in Chromium) or HEIC (not) share the ISO-BMFF `ftyp` box.
    Avif,
    Heic,
    Tiff,
}

/// What the first bytes say the file is; `None` for anything but a raster image.
fn sniff(head: &[u8]) -> Option<Format> {
    Some(match head {
        [0xFF, 0xD8, 0xFF, ..] => Format::Jpeg,
        [0x89, b'P', b'N', b'G', ..] => Format::Png,
        [b'G', b'I', b'F', b'8', ..] => Format::Gif,
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Format::Webp,
        [b'B', b'M', ..] => Format::Bmp,
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => Format::Tiff,
        [_, _, _, _, b'f', b't', b'y', b'p', b0, b1, b2, b3, ..] => match &[*b0, *b1, *b2, *b3] {
            b"avif" | b"avis" => Format::Avif,
            // mif1/msf1 may hold either; decoding decides, this only names a failure.
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => Format::Heic,
            _ => return None,
        },
        _ => return None,
    })
}

async fn read_head(file: &Blob) -> Result<Vec<u8>, ImageError> {
    let head = file.slice_with_f64_and_f64(0.0, 16.0).map_err(|_| ImageError::Corrupt)?;
    let buffer = JsFuture::from(head.array_buffer()).await.map_err(|_| ImageError::Corrupt)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Full-size decode. Orientation set explicitly: older specs defaulted to ignoring EXIF.
async fn decode(window: &web_sys::Window, file: &Blob) -> Result<ImageBitmap, JsValue> {
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let bitmap = JsFuture::from(window.create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)?).await?;
    bitmap.dyn_into()
}

/// A `width`×`height` copy of `source` (high-quality filter), or `None` when it already
/// has that size.
async fn resize(window: &web_sys::Window, source: &ImageBitmap, width: u32, height: u32) -> Result<Option<ImageBitmap>, ImageError> {
    if (source.width(), source.height()) == (width, height) {
        return Ok(None);
    }
    let options = ImageBitmapOptions::new();
    options.set_resize_width(width);
    options.set_resize_height(height);
    options.set_resize_quality(ResizeQuality::High);
    let promise = window
        .create_image_bitmap_with_image_bitmap_and_image_bitmap_options(source, &options)
        .map_err(unsupported("createImageBitmap"))?;
    let resized = JsFuture::from(promise).await.map_err(unsupported("createImageBitmap"))?;
    Ok(Some(resized.dyn_into().map_err(unsupported("createImageBitmap"))?))
}

thread_local! {
    /// Whether this browser encodes WebP (Safari returns PNG instead); learnt on first use.
    static WEBP_ENCODES: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Encodes as WebP at `QUALITY`, or as JPEG where the browser cannot encode WebP.
async fn encode(bitmap: &ImageBitmap) -> Result<Blob, ImageError> {
    if WEBP_ENCODES.get() != Some(false) {
        let blob = encode_as(bitmap, "image/webp", QUALITY).await?;
        let works = blob.type_() == "image/webp";
        WEBP_ENCODES.set(Some(works));
        if works {
            return Ok(blob);
        }
    }
    encode_as(bitmap, "image/jpeg", QUALITY).await
}

async fn encode_as(bitmap: &ImageBitmap, mime: &str, quality: f64) -> Result<Blob, ImageError> {
    let (w, h) = (bitmap.width(), bitmap.height());
    let canvas = OffscreenCanvas::new(w, h).map_err(unsupported("OffscreenCanvas"))?;
    let context: OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(unsupported("OffscreenCanvas"))?
        .ok_or_else(|| ImageError::Unsupported("OffscreenCanvas 2d".into()))?
        .dyn_into()
        .map_err(unsupported("OffscreenCanvas"))?;
    // JPEG has no alpha: transparent parts of a PNG would turn black, not white.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, w as f64, h as f64);
    context.draw_image_with_image_bitmap(bitmap, 0.0, 0.0).map_err(unsupported("OffscreenCanvas"))?;
    let options = ImageEncodeOptions::new();
    options.set_type(mime);
    options.set_quality(quality);
    let encoded = canvas.convert_to_blob_with_options(&options).map_err(unsupported("convertToBlob"))?;
    let blob = JsFuture::from(encoded).await.map_err(unsupported("convertToBlob"))?;
    blob.dyn_into().map_err(unsupported("convertToBlob"))
}

/// A browser API missing or failing on a good image (e.g. out of memory).
fn unsupported<E>(what: &'static str) -> impl Fn(E) -> ImageError {
    move |_| ImageError::Unsupported(what.into())
}
