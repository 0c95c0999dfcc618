//! Photo metadata. The image bytes live apart, as Blobs, in the `photo_blobs` store.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::record::{impl_record, Meta};
use super::text::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoKind {
    /// 显微/毛囊图
    Trichoscope,
    /// 照片
    Camera,
}

/// Where on the scalp an image was taken. Only images of the same site compare.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ScalpSite {
    /// 头顶百会穴: the midline of the crown, 5 cun above the front hairline.
    Crown,
    /// 前额发际线
    FrontalHairline,
    /// 左颞
    LeftTemple,
    /// 右颞
    RightTemple,
    /// 枕部
    Occipital,
    /// A site the store added in its settings.
    Custom(String),
}

impl ScalpSite {
    pub const BUILT_IN: [ScalpSite; 5] = [
        ScalpSite::Crown,
        ScalpSite::FrontalHairline,
        ScalpSite::LeftTemple,
        ScalpSite::RightTemple,
        ScalpSite::Occipital,
    ];

    /// A stable string code, used as (part of) an IndexedDB key.
    pub fn code(&self) -> String {
        match self {
            ScalpSite::Crown => "crown".into(),
            ScalpSite::FrontalHairline => "frontal".into(),
            ScalpSite::LeftTemple => "left_temple".into(),
            ScalpSite::RightTemple => "right_temple".into(),
            ScalpSite::Occipital => "occipital".into(),
            ScalpSite::Custom(name) => format!("custom:{name}"),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "crown" => ScalpSite::Crown,
            "frontal" => ScalpSite::FrontalHairline,
            "left_temple" => ScalpSite::LeftTemple,
            "right_temple" => ScalpSite::RightTemple,
            "occipital" => ScalpSite::Occipital,
            other => ScalpSite::Custom(other.strip_prefix("custom:")?.to_string()),
        })
    }

    pub fn label(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            ScalpSite::Crown => ("头顶百会穴", "Crown (Baihui)"),
            ScalpSite::FrontalHairline => ("前额发际线", "Frontal hairline"),
            ScalpSite::LeftTemple => ("左颞", "Left temple"),
            ScalpSite::RightTemple => ("右颞", "Right temple"),
            ScalpSite::Occipital => ("枕部", "Back of the head"),
            ScalpSite::Custom(name) => return name.clone(),
        };
        match lang {
            Lang::Zh => zh.into(),
            Lang::En => en.into(),
        }
    }
}

// Stored as its code, so that [customer_id, site] is a valid compound index key.
impl Serialize for ScalpSite {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for ScalpSite {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        ScalpSite::from_code(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown scalp site {code:?}")))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoMeta {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    pub kind: PhotoKind,
    pub site: ScalpSite,
    pub taken_on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
    /// Pixel size of the stored (downscaled) image.
    #[serde(default)]
    pub width: u32,
    #[serde(default)]
    pub height: u32,
    /// Bytes of the stored image and thumbnail together.
    #[serde(default)]
    pub bytes: u64,
}
impl_record!(PhotoMeta, "photos");

/// The size of a `w`×`h` image scaled so its long edge is at most `max_edge`, keeping the
/// aspect ratio (rounded to the nearest pixel, never below 1). Never upscales: a small
/// image keeps its size. A zero-sized image stays (0, 0).
pub fn fit_within(w: u32, h: u32, max_edge: u32) -> (u32, u32) {
    let long = w.max(h);
    if w == 0 || h == 0 || long <= max_edge {
        return (w, h);
    }
    // Integer arithmetic: the same size on every device, no float rounding surprises.
    let scale = |side: u32| ((side as u64 * max_edge as u64 + long as u64 / 2) / long as u64).max(1) as u32;
    (scale(w), scale(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_codes_round_trip_including_custom_sites() {
        let mut sites = ScalpSite::BUILT_IN.to_vec();
        sites.push(ScalpSite::Custom("耳后".into()));
        for site in sites {
            assert_eq!(ScalpSite::from_code(&site.code()), Some(site.clone()));
            let json = serde_json::to_string(&site).unwrap();
            assert_eq!(serde_json::from_str::<ScalpSite>(&json).unwrap(), site);
        }
        assert_eq!(ScalpSite::from_code("nowhere"), None);
    }

    #[test]
    fn fit_within_keeps_aspect_and_never_upscales() {
        assert_eq!(fit_within(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit_within(3000, 4000, 1600), (1200, 1600));
        assert_eq!(fit_within(4032, 3024, 1600), (1600, 1200));
        assert_eq!(fit_within(4000, 3000, 256), (256, 192));
        assert_eq!(fit_within(1600, 1200, 256), (256, 192));
        assert_eq!(fit_within(800, 600, 1600), (800, 600), "small images are not upscaled");
        assert_eq!(fit_within(1600, 1600, 1600), (1600, 1600));
        assert_eq!(fit_within(1601, 1601, 1600), (1600, 1600));
        // 16:9 rounds to the nearest pixel: 1600 * 9 / 16 = 900; 1920x1081 -> 900.8 -> 901.
        assert_eq!(fit_within(1920, 1080, 1600), (1600, 900));
        assert_eq!(fit_within(1920, 1081, 1600), (1600, 901));
    }

    #[test]
    fn fit_within_handles_extreme_shapes() {
        assert_eq!(fit_within(10_000, 1, 1600), (1600, 1), "a thin strip keeps at least one pixel");
        assert_eq!(fit_within(1, 10_000, 256), (1, 256));
        assert_eq!(fit_within(0, 500, 1600), (0, 500));
        assert_eq!(fit_within(u32::MAX, u32::MAX / 2, 1600), (1600, 800), "no overflow");
    }

    #[test]
    fn sites_have_labels_in_both_languages() {
        assert_eq!(ScalpSite::Crown.label(Lang::Zh), "头顶百会穴");
        assert_eq!(ScalpSite::Occipital.label(Lang::En), "Back of the head");
    }
}
