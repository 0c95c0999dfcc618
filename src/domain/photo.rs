//! Photo metadata. The image bytes live apart, as Blobs, in the `photo_blobs` store.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::record::{impl_record, Meta};
use super::validation::check_note;
use crate::i18n::{Msg, T};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoKind {
    /// 显微/毛囊图
    Trichoscope,
    /// 照片
    Camera,
}

impl PhotoKind {
    pub const ALL: [PhotoKind; 2] = [PhotoKind::Trichoscope, PhotoKind::Camera];
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
    /// How staff placed this picture over earlier ones of the same site (at most one per
    /// earlier picture). Part of the record, so it replicates with it; left out of the
    /// record when empty, so pictures without one keep their stored shape.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignments: Vec<SavedAlignment>,
}
impl_record!(PhotoMeta, "photos");

/// Staff's alignment of a later picture over an earlier one: the similarity transform
/// (see `align::geometry`: normalised units, the later picture onto the earlier one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedAlignment {
    /// The earlier picture's id.
    pub to: String,
    pub scale: f64,
    /// Clockwise, in degrees.
    pub degrees: f64,
    pub tx: f64,
    pub ty: f64,
}

impl SavedAlignment {
    pub fn similarity(&self) -> align::Similarity {
        align::Similarity { scale: self.scale, angle: self.degrees.to_radians(), tx: self.tx, ty: self.ty }
    }
}

impl PhotoMeta {
    /// The saved alignment of this picture over `earlier` (its id), if staff made one.
    pub fn alignment_to(&self, earlier: &str) -> Option<align::Similarity> {
        self.alignments.iter().find(|a| a.to == earlier).map(SavedAlignment::similarity)
    }

    /// Sets this picture's alignment over `earlier`, replacing one made before. Refuses a
    /// transform no one could mean (mirrored, zoomed past reason, moved off the picture)
    /// and an alignment to the picture itself or to a later one.
    pub fn align_to(&mut self, earlier: &PhotoMeta, t: &align::Similarity) -> Result<(), Msg> {
        if earlier.id == self.id || earlier.customer_id != self.customer_id || earlier.site != self.site || !t.is_plausible() {
            return Err(Msg::new(T::AlignmentRefused));
        }
        let saved = SavedAlignment {
            to: earlier.id.clone(),
            scale: round(t.scale, 1e5),
            degrees: round(t.angle.to_degrees(), 1e3),
            tx: round(t.tx, 1e5),
            ty: round(t.ty, 1e5),
        };
        match self.alignments.iter_mut().find(|a| a.to == earlier.id) {
            Some(old) => *old = saved,
            None => self.alignments.push(saved),
        }
        Ok(())
    }
}

/// Rounded to 1/`per` (short numbers in the record; far below what the eye can see).
fn round(v: f64, per: f64) -> f64 {
    (v * per).round() / per
}

/// Where a site sorts in the progress view: the built-in sites in their fixed order,
/// then the store's own sites by name.
fn site_rank(site: &ScalpSite) -> (usize, &str) {
    match site {
        ScalpSite::Custom(name) => (ScalpSite::BUILT_IN.len(), name.as_str()),
        built_in => (ScalpSite::BUILT_IN.iter().position(|s| s == built_in).unwrap_or(0), ""),
    }
}

/// A customer's images grouped by site, each group a timeline (oldest first), since
/// only images of the same site compare. Same-day images keep the order they were
/// saved in; the id settles the rest, so every tablet shows the same order.
pub fn by_site(photos: &[PhotoMeta]) -> Vec<(ScalpSite, Vec<&PhotoMeta>)> {
    let mut groups: Vec<(ScalpSite, Vec<&PhotoMeta>)> = Vec::new();
    for photo in photos {
        match groups.iter_mut().find(|(site, _)| *site == photo.site) {
            Some((_, list)) => list.push(photo),
            None => groups.push((photo.site.clone(), vec![photo])),
        }
    }
    super::sort::sort_by(&mut groups, |(a, _), (b, _)| site_rank(a).cmp(&site_rank(b)));
    for (_, list) in &mut groups {
        super::sort::sort_by(list, |a, b| (a.taken_on, a.meta.created_at, &a.id).cmp(&(b.taken_on, b.meta.created_at, &b.id)));
    }
    groups
}

/// What the comparison opens with: the first and the latest image of a timeline;
/// `None` with fewer than two, when there is nothing to compare.
pub fn default_pair<'a>(timeline: &[&'a PhotoMeta]) -> Option<(&'a PhotoMeta, &'a PhotoMeta)> {
    match timeline {
        [first, .., latest] => Some((*first, *latest)),
        _ => None,
    }
}

/// Days between the dates two images were taken, whichever is older.
pub fn days_between(a: &PhotoMeta, b: &PhotoMeta) -> i64 {
    (b.taken_on - a.taken_on).num_days().abs()
}

/// No image of this app's customers predates it; an earlier year is a typing slip.
pub const EARLIEST_PHOTO_YEAR: i32 = 2000;

/// The capture form as typed (the date as `<input type="date">` gives it). Kind, site
/// and date are required: images without them could never be compared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhotoDraft {
    pub kind: Option<PhotoKind>,
    pub site: Option<ScalpSite>,
    /// `YYYY-MM-DD`
    pub taken_on: String,
    pub note: String,
}

/// A capture form that passed every check: kind, site, date taken and the note.
pub type CheckedPhoto = (PhotoKind, ScalpSite, NaiveDate, Option<String>);

impl PhotoDraft {
    /// Checks the form against the local date `today`; problems by field name.
    pub fn check(&self, today: NaiveDate) -> Result<CheckedPhoto, Vec<(&'static str, Msg)>> {
        let mut out = Vec::new();
        if self.kind.is_none() {
            out.push(("kind", Msg::new(T::PhotoKindMissing)));
        }
        let site = self.site.clone().filter(|s| !matches!(s, ScalpSite::Custom(name) if name.trim().is_empty()));
        if site.is_none() {
            out.push(("site", Msg::new(T::PhotoSiteMissing)));
        }
        let input = self.taken_on.trim();
        let taken_on = if input.is_empty() {
            out.push(("taken_on", Msg::new(T::TakenOnMissing)));
            None
        } else {
            match NaiveDate::parse_from_str(input, "%Y-%m-%d") {
                Err(_) => {
                    out.push(("taken_on", Msg::new(T::DateAsYmd)));
                    None
                }
                Ok(d) if d > today => {
                    out.push(("taken_on", Msg::new(T::TakenOnInFuture)));
                    None
                }
                Ok(d) if d.year() < EARLIEST_PHOTO_YEAR => {
                    out.push(("taken_on", Msg::new(T::TakenOnTooEarly).arg(EARLIEST_PHOTO_YEAR)));
                    None
                }
                Ok(d) => Some(d),
            }
        };
        let note = check_note(&self.note).unwrap_or_else(|e| {
            out.push(("note", e));
            None
        });
        match (self.kind, site, taken_on) {
            (Some(kind), Some(site), Some(day)) if out.is_empty() => Ok((kind, site, day, note)),
            _ => Err(out),
        }
    }
}

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
    use crate::i18n::Lang;

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

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn photo(id: &str, site: ScalpSite, taken: &str, created: i64) -> PhotoMeta {
        PhotoMeta {
            id: id.into(),
            meta: Meta { created_at: created, ..Default::default() },
            customer_id: "c".into(),
            kind: PhotoKind::Trichoscope,
            site,
            taken_on: day(taken),
            note: None,
            width: 0,
            height: 0,
            bytes: 0,
            alignments: Vec::new(),
        }
    }

    fn ids<'a>(list: &[&'a PhotoMeta]) -> Vec<&'a str> {
        list.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn by_site_puts_built_in_sites_first_then_custom_ones_by_name() {
        let photos = [
            photo("ear", ScalpSite::Custom("耳后".into()), "2026-01-01", 1),
            photo("occ", ScalpSite::Occipital, "2026-01-01", 1),
            photo("beard", ScalpSite::Custom("Beard".into()), "2026-01-01", 1),
            photo("crown", ScalpSite::Crown, "2026-01-01", 1),
            photo("front", ScalpSite::FrontalHairline, "2026-01-01", 1),
        ];
        let sites: Vec<ScalpSite> = by_site(&photos).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            sites,
            [
                ScalpSite::Crown,
                ScalpSite::FrontalHairline,
                ScalpSite::Occipital,
                ScalpSite::Custom("Beard".into()),
                ScalpSite::Custom("耳后".into()),
            ]
        );
        assert!(by_site(&[]).is_empty());
    }

    #[test]
    fn each_timeline_is_oldest_first_with_same_day_images_in_saving_order() {
        let photos = [
            photo("june", ScalpSite::Crown, "2026-06-01", 1),
            photo("temple", ScalpSite::LeftTemple, "2026-02-01", 1),
            photo("jan-late", ScalpSite::Crown, "2026-01-10", 500),
            photo("march", ScalpSite::Crown, "2026-03-01", 9),
            photo("jan-early", ScalpSite::Crown, "2026-01-10", 100),
            photo("jan-b", ScalpSite::Crown, "2026-01-10", 500),
        ];
        let groups = by_site(&photos);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, ScalpSite::Crown);
        assert_eq!(ids(&groups[0].1), ["jan-early", "jan-b", "jan-late", "march", "june"], "full ties fall back to the id");
        assert_eq!(ids(&groups[1].1), ["temple"]);
    }

    #[test]
    fn the_default_pair_is_the_first_and_the_latest() {
        let photos = [
            photo("b", ScalpSite::Crown, "2026-04-15", 1),
            photo("a", ScalpSite::Crown, "2026-01-10", 1),
            photo("c", ScalpSite::Crown, "2026-02-01", 1),
        ];
        let groups = by_site(&photos);
        let (first, latest) = default_pair(&groups[0].1).unwrap();
        assert_eq!((first.id.as_str(), latest.id.as_str()), ("a", "b"));
        assert_eq!(days_between(first, latest), 95);
        assert_eq!(days_between(latest, first), 95, "either order");
        assert_eq!(days_between(first, first), 0);
        let two = [&photos[0], &photos[1]];
        assert_eq!(default_pair(&two).map(|(a, b)| (a.id.as_str(), b.id.as_str())), Some(("b", "a")));
    }

    #[test]
    fn fewer_than_two_images_make_no_pair() {
        assert!(default_pair(&[]).is_none());
        let one = photo("a", ScalpSite::Crown, "2026-01-10", 1);
        assert!(default_pair(&[&one]).is_none());
    }

    #[test]
    fn a_photo_draft_needs_kind_site_and_a_plausible_date() {
        let today = day("2026-11-23");
        let good = PhotoDraft {
            kind: Some(PhotoKind::Camera),
            site: Some(ScalpSite::Crown),
            taken_on: " 2026-11-23 ".into(),
            note: " 洗发后 ".into(),
        };
        assert_eq!(good.check(today).unwrap(), (PhotoKind::Camera, ScalpSite::Crown, today, Some("洗发后".into())));
        let plain = PhotoDraft { note: "  ".into(), ..good.clone() };
        assert_eq!(plain.check(today).unwrap().3, None, "the note is optional");

        let fields = |d: PhotoDraft| d.check(today).unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(PhotoDraft::default()), ["kind", "site", "taken_on"]);
        assert_eq!(fields(PhotoDraft { site: Some(ScalpSite::Custom(" ".into())), ..good.clone() }), ["site"]);
        assert!(PhotoDraft { site: Some(ScalpSite::Custom("耳后".into())), ..good.clone() }.check(today).is_ok());
        assert_eq!(fields(PhotoDraft { taken_on: "2026-11-24".into(), ..good.clone() }), ["taken_on"], "not in the future");
        assert_eq!(fields(PhotoDraft { taken_on: "1999-12-31".into(), ..good.clone() }), ["taken_on"], "not before 2000");
        assert!(PhotoDraft { taken_on: "2000-01-01".into(), ..good.clone() }.check(today).is_ok());
        assert_eq!(fields(PhotoDraft { taken_on: "2026-02-30".into(), ..good.clone() }), ["taken_on"]);
        assert_eq!(fields(PhotoDraft { note: "字".repeat(501), ..good.clone() }), ["note"]);

        let err = PhotoDraft { taken_on: "1990-01-01".into(), ..good }.check(today).unwrap_err().remove(0).1;
        assert_eq!(err.get(Lang::Zh), "拍摄日期不能早于 2000 年");
        assert_eq!(err.get(Lang::En), "The date taken cannot be before 2000");
    }

    #[test]
    fn an_alignment_is_kept_per_earlier_picture_and_replaced_when_made_again() {
        let earlier = photo("a", ScalpSite::Crown, "2026-01-10", 1);
        let other = photo("b", ScalpSite::Crown, "2026-02-10", 1);
        let mut later = photo("c", ScalpSite::Crown, "2026-03-10", 1);
        let t = align::Similarity { scale: 1.1, angle: 7f64.to_radians(), tx: 0.031234567, ty: -0.02 };
        later.align_to(&earlier, &t).unwrap();
        later.align_to(&other, &align::Similarity::IDENTITY).unwrap();
        let got = later.alignment_to("a").unwrap();
        assert!((got.angle.to_degrees() - 7.0).abs() < 1e-9 && (got.scale - 1.1).abs() < 1e-9 && (got.tx - 0.03123).abs() < 1e-9);
        assert_eq!(later.alignment_to("b"), Some(align::Similarity::IDENTITY));
        assert_eq!(later.alignment_to("z"), None);
        later.align_to(&earlier, &align::Similarity { scale: 0.9, ..t }).unwrap();
        assert_eq!(later.alignments.len(), 2, "made again, it replaces the old one");
        assert!((later.alignment_to("a").unwrap().scale - 0.9).abs() < 1e-9);
    }

    #[test]
    fn an_alignment_no_one_could_mean_is_refused() {
        let earlier = photo("a", ScalpSite::Crown, "2026-01-10", 1);
        let mut later = photo("c", ScalpSite::Crown, "2026-03-10", 1);
        let ok = align::Similarity::IDENTITY;
        for bad in [
            align::Similarity { scale: 5.0, ..ok },
            align::Similarity { scale: -1.0, ..ok },
            align::Similarity { tx: 1.5, ..ok },
            align::Similarity { angle: f64::NAN, ..ok },
        ] {
            assert!(later.align_to(&earlier, &bad).is_err(), "{bad:?}");
        }
        let itself = later.clone();
        assert!(later.align_to(&itself, &ok).is_err());
        let temple = photo("t", ScalpSite::LeftTemple, "2026-01-10", 1);
        assert!(later.align_to(&temple, &ok).is_err(), "another site");
        assert!(later.alignments.is_empty());
    }

    #[test]
    fn a_photo_without_alignments_keeps_its_stored_shape() {
        let plain = photo("a", ScalpSite::Crown, "2026-01-10", 1);
        let json = serde_json::to_value(&plain).unwrap();
        assert!(json.get("alignments").is_none(), "its revision's digest does not change");
        let back: PhotoMeta = serde_json::from_value(json).unwrap();
        assert_eq!(back, plain);
        let mut aligned = plain.clone();
        aligned.id = "b".into();
        aligned.align_to(&plain, &align::Similarity::IDENTITY).unwrap();
        let back: PhotoMeta = serde_json::from_value(serde_json::to_value(&aligned).unwrap()).unwrap();
        assert_eq!(back, aligned);
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
}
