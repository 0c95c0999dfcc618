//! What changed in the hair since the first visit, in plain words for the customer
//! card and the self-check. Declines are said as plainly as gains: the store must
//! never hide or smooth a worsening.

use super::care::MeasurementSet;
use crate::i18n::{Label, Msg, T};

/// One measured quantity of a [`MeasurementSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    Density,
    ShaftDiameter,
    Oiliness,
    Itch,
    Dandruff,
    Shedding,
    NewGrowth,
    SelfRating,
}

impl Metric {
    pub const ALL: [Metric; 8] = [
        Metric::Density,
        Metric::ShaftDiameter,
        Metric::Oiliness,
        Metric::Itch,
        Metric::Dandruff,
        Metric::Shedding,
        Metric::NewGrowth,
        Metric::SelfRating,
    ];

    /// The unit a measured quantity is written in; none for the scores (0–4 scales and
    /// the 1–10 self-rating).
    pub fn unit(self) -> Option<T> {
        match self {
            Metric::Density => Some(T::UnitDensity),
            Metric::ShaftDiameter => Some(T::UnitMicron),
            _ => None,
        }
    }

    /// Whether a rise is good news: more and thicker hair, more new growth, a better
    /// self-rating; but less oil, itch, dandruff and shedding.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Metric::Density | Metric::ShaftDiameter | Metric::NewGrowth | Metric::SelfRating)
    }

    /// Measured quantities change in proportion (a percentage); scores change in steps.
    fn is_measured(self) -> bool {
        matches!(self, Metric::Density | Metric::ShaftDiameter)
    }

    /// The value in a set, if it was measured (and is a number).
    pub fn value(self, set: &MeasurementSet) -> Option<f64> {
        let v = match self {
            Metric::Density => set.density_per_cm2,
            Metric::ShaftDiameter => set.shaft_diameter_um,
            Metric::Oiliness => set.oiliness.map(f64::from),
            Metric::Itch => set.itch.map(f64::from),
            Metric::Dandruff => set.dandruff.map(f64::from),
            Metric::Shedding => set.shedding.map(f64::from),
            Metric::NewGrowth => set.new_growth.map(f64::from),
            Metric::SelfRating => set.self_rating.map(f64::from),
        };
        v.filter(|v| v.is_finite())
    }
}

/// The day a set counts for: the day it was taken, or else the (UTC) day it was
/// written, so an undated set still sorts near the visit it came from.
fn sort_key(set: &MeasurementSet) -> (chrono::NaiveDate, i64) {
    let written = chrono::DateTime::from_timestamp_millis(set.meta.created_at).map(|t| t.date_naive()).unwrap_or_default();
    (set.taken_on.unwrap_or(written), set.meta.created_at)
}

/// The first and the latest of a customer's sets, by the day taken (ties by when they
/// were written); `None` with fewer than two, when there is nothing to compare.
pub fn first_and_latest(sets: &[MeasurementSet]) -> Option<(&MeasurementSet, &MeasurementSet)> {
    if sets.len() < 2 {
        return None;
    }
    // min_by_key keeps the first of equal keys and max_by_key the last, so two sets are
    // always returned even when every key is the same.
    let first = sets.iter().min_by_key(|s| sort_key(s))?;
    let latest = sets.iter().max_by_key(|s| sort_key(s))?;
    Some((first, latest))
}

/// One metric over time for the trend chart: the sets that measured it, oldest first,
/// each on the day it counts for (as in [`first_and_latest`]).
pub fn series(sets: &[MeasurementSet], metric: Metric) -> Vec<(chrono::NaiveDate, f64)> {
    let mut dated: Vec<_> = sets.iter().filter_map(|s| Some((sort_key(s), metric.value(s)?))).collect();
    super::sort::sort_by_key(&mut dated, |(key, _)| *key);
    dated.into_iter().map(|((day, _), v)| (day, v)).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trend {
    Better,
    Worse,
    Same,
}

/// One metric's change from the first set to the latest, with the sentence to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub metric: Metric,
    pub first: f64,
    pub latest: f64,
    pub trend: Trend,
    pub text: Msg,
}

/// A measured value as people write it: no `.0`, at most one decimal.
fn num(v: f64) -> String {
    let tenths = (v * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// Below this (in percent of the first value) a measured quantity counts as unchanged.
const SAME_PERCENT: f64 = 1.0;

/// The default density noise, in 根/cm²: counts from two visits differ by about this
/// much with no real change (trials of minoxidil gained 13–19 in 48 weeks), so a smaller
/// difference is not called a change. Stores may set their own (see [`changes_with`]).
pub const DENSITY_NOISE: f64 = 10.0;

/// Rounded as shown, so that the verdict matches the numbers on screen.
fn tenths(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn measured_change(metric: Metric, first: f64, latest: f64, noise: f64) -> (Trend, Msg) {
    let label = metric.label();
    // "12 根/cm²" / "12 per cm²".
    let amount = |v: f64| match metric.unit() {
        Some(unit) => Msg::new(T::ValueUnit).arg(num(v)).arg(unit),
        None => Msg::verbatim(num(v)),
    };
    let span = || match metric.unit() {
        Some(unit) => Msg::new(T::ChangeSpanUnit).arg(num(first)).arg(num(latest)).arg(unit),
        None => Msg::new(T::ChangeSpan).arg(num(first)).arg(num(latest)),
    };
    let diff = latest - first;
    let within_noise = (tenths(latest) - tenths(first)).abs() <= noise;
    if within_noise && num(first) != num(latest) {
        // Different numbers, but no more apart than two counts of the same scalp are.
        return (Trend::Same, Msg::new(T::ChangeWithinNoise).arg(label).arg(span()));
    }
    let same = if first > 0.0 { (diff / first * 100.0).abs() < SAME_PERCENT } else { diff == 0.0 };
    if same || within_noise {
        // Within 1% the two numbers may still differ: show both then.
        let shown = if num(first) == num(latest) { amount(first) } else { span() };
        return (Trend::Same, Msg::new(T::ChangeSame).arg(label).arg(shown));
    }
    let up = diff > 0.0;
    let trend = if up == metric.higher_is_better() { Trend::Better } else { Trend::Worse };
    // Without a first value a percentage means nothing: say how much, in units.
    let by = if first > 0.0 { Msg::new(T::Percent).arg(format!("{:.0}", (diff / first * 100.0).abs().round())) } else { amount(diff.abs()) };
    let text = Msg::new(if up { T::ChangeUp } else { T::ChangeDown }).arg(label).arg(by).arg(span());
    (trend, text)
}

fn score_change(metric: Metric, first: f64, latest: f64) -> (Trend, Msg) {
    let label = metric.label();
    let (a, b) = (num(first), num(latest));
    if latest == first {
        return (Trend::Same, Msg::new(T::ScoreSame).arg(label).arg(a));
    }
    let up = latest > first;
    let trend = if up == metric.higher_is_better() { Trend::Better } else { Trend::Worse };
    let key = match (up, trend) {
        (true, Trend::Better) => T::ScoreUpBetter,
        (true, _) => T::ScoreUpWorse,
        (false, Trend::Better) => T::ScoreDownBetter,
        (false, _) => T::ScoreDownWorse,
    };
    (trend, Msg::new(key).arg(label).arg(a).arg(b))
}

/// The change of every metric measured in both sets, in [`Metric::ALL`] order, with
/// the default density noise.
pub fn changes(first: &MeasurementSet, latest: &MeasurementSet) -> Vec<Change> {
    changes_with(first, latest, DENSITY_NOISE)
}

/// [`changes`] with the store's own density noise (根/cm²): a density change no larger
/// than it is called about the same. A negative or NaN noise counts as none.
pub fn changes_with(first: &MeasurementSet, latest: &MeasurementSet, density_noise: f64) -> Vec<Change> {
    let density_noise = density_noise.max(0.0);
    Metric::ALL
        .into_iter()
        .filter_map(|metric| {
            let (a, b) = (metric.value(first)?, metric.value(latest)?);
            let noise = if metric == Metric::Density { density_noise } else { 0.0 };
            let (trend, text) = if metric.is_measured() { measured_change(metric, a, b, noise) } else { score_change(metric, a, b) };
            Some(Change { metric, first: a, latest: b, trend, text })
        })
        .collect()
}

/// One short line for the top of a card: how many metrics got better, worse, or stayed
/// the same. Counts of zero are left out; the worse count is never folded into another.
pub fn summary(changes: &[Change]) -> Msg {
    if changes.is_empty() {
        return T::NothingToCompare.into();
    }
    let count = |t: Trend| changes.iter().filter(|c| c.trend == t).count();
    let parts = [(count(Trend::Better), T::CountBetter), (count(Trend::Worse), T::CountWorse), (count(Trend::Same), T::CountSame)]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, key)| Msg::new(key).arg(n));
    Msg::join(T::ListComma, parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use chrono::NaiveDate;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    fn density_set(v: f64) -> MeasurementSet {
        MeasurementSet { density_per_cm2: Some(v), ..Default::default() }
    }

    fn density(first: f64, latest: f64) -> Change {
        changes(&density_set(first), &density_set(latest)).remove(0)
    }

    #[test]
    fn density_rise_is_a_percentage_of_the_first_value() {
        let c = density(120.0, 142.0);
        assert_eq!(c.trend, Trend::Better);
        assert_eq!(c.text.get(Lang::Zh), "头发密度比首次增加 18%（120 → 142 根/cm²）");
        assert_eq!(c.text.get(Lang::En), "Hair density up 18% since the first visit (120 → 142 per cm²)");
        assert_eq!((c.first, c.latest), (120.0, 142.0));
    }

    #[test]
    fn density_fall_is_said_plainly_and_is_worse() {
        let c = density(120.0, 108.0);
        assert_eq!(c.trend, Trend::Worse);
        assert_eq!(c.text.get(Lang::Zh), "头发密度比首次减少 10%（120 → 108 根/cm²）");
        assert_eq!(c.text.get(Lang::En), "Hair density down 10% since the first visit (120 → 108 per cm²)");
        // Just past the noise margin, a fall is a fall.
        assert_eq!(density(112.0, 101.9).trend, Trend::Worse);
        // With no noise margin, 1.2% is small but real: it is not called unchanged.
        let (a, b) = (density_set(250.0), density_set(247.0));
        assert_eq!(changes_with(&a, &b, 0.0)[0].trend, Trend::Worse);
    }

    #[test]
    fn density_within_one_percent_is_unchanged() {
        let c = density(120.0, 120.0);
        assert_eq!(c.trend, Trend::Same);
        assert_eq!(c.text.get(Lang::Zh), "头发密度与首次持平（120 根/cm²）");
        assert_eq!(c.text.get(Lang::En), "Hair density unchanged since the first visit (120 per cm²)");
        // Within 1% but with no noise margin, both numbers still show.
        let near = changes_with(&density_set(120.0), &density_set(120.9), 0.0).remove(0);
        assert_eq!(near.trend, Trend::Same);
        assert_eq!(near.text.get(Lang::Zh), "头发密度与首次持平（120 → 120.9 根/cm²）");
    }

    #[test]
    fn density_within_the_noise_margin_is_about_the_same() {
        let c = density(112.0, 118.0);
        assert_eq!(c.trend, Trend::Same);
        assert_eq!(c.text.get(Lang::Zh), "头发密度与首次基本持平（112 → 118 根/cm²，在测量误差内）");
        assert_eq!(c.text.get(Lang::En), "Hair density about the same as at the first visit (112 → 118 per cm², within measurement error)");
        assert_eq!((c.first, c.latest), (112.0, 118.0), "the numbers are kept as measured");
        assert_eq!(density(112.0, 102.0).trend, Trend::Same, "a fall within the margin too");
        assert_eq!(density(112.0, 122.0).trend, Trend::Same, "the margin itself is inside");
        let past = density(112.0, 122.1);
        assert_eq!(past.trend, Trend::Better);
        assert_eq!(past.text.get(Lang::Zh), "头发密度比首次增加 9%（112 → 122.1 根/cm²）");
        assert_eq!(DENSITY_NOISE, 10.0);
    }

    #[test]
    fn a_store_may_set_its_own_density_noise() {
        let (a, b) = (density_set(120.0), density_set(138.0));
        assert_eq!(changes_with(&a, &b, 20.0)[0].trend, Trend::Same);
        assert_eq!(changes_with(&a, &b, 5.0)[0].trend, Trend::Better);
        let c = density_set(125.0);
        assert_eq!(changes_with(&a, &c, 0.0)[0].trend, Trend::Better);
        assert_eq!(changes_with(&a, &c, f64::NAN)[0].trend, Trend::Better, "NaN is no margin");
        assert_eq!(changes_with(&a, &c, -3.0)[0].trend, Trend::Better, "nor is a negative one");
        // The margin is for counts of hairs only: diameters keep their own rule.
        let thin = MeasurementSet { shaft_diameter_um: Some(60.0), ..Default::default() };
        let thick = MeasurementSet { shaft_diameter_um: Some(65.0), ..Default::default() };
        assert_eq!(changes_with(&thin, &thick, 50.0)[0].trend, Trend::Better);
    }

    #[test]
    fn series_is_one_metric_oldest_first_on_the_day_each_counts_for() {
        let set = |taken: Option<NaiveDate>, created: i64, d: Option<f64>, itch: Option<u8>| {
            let mut s = MeasurementSet { taken_on: taken, density_per_cm2: d, itch, ..Default::default() };
            s.meta.created_at = created;
            s
        };
        // 2026-03-01 00:00 UTC, in milliseconds.
        let march_1 = 1_772_323_200_000;
        let sets = [
            set(day("2026-06-01"), 0, Some(130.0), None),
            set(None, march_1, Some(118.0), Some(2)),
            set(day("2026-01-10"), 20, Some(112.0), Some(3)),
            set(day("2026-01-10"), 10, Some(110.0), None),
            set(day("2026-05-01"), 0, None, Some(1)),
            set(day("2026-04-01"), 0, Some(f64::NAN), None),
        ];
        assert_eq!(
            series(&sets, Metric::Density),
            [
                (day("2026-01-10").unwrap(), 110.0),
                (day("2026-01-10").unwrap(), 112.0),
                (day("2026-03-01").unwrap(), 118.0),
                (day("2026-06-01").unwrap(), 130.0),
            ]
        );
        assert_eq!(
            series(&sets, Metric::Itch),
            [(day("2026-01-10").unwrap(), 3.0), (day("2026-03-01").unwrap(), 2.0), (day("2026-05-01").unwrap(), 1.0)]
        );
        assert!(series(&sets, Metric::SelfRating).is_empty());
        assert!(series(&[], Metric::Density).is_empty());
    }

    #[test]
    fn zero_first_value_gives_the_change_in_units() {
        let a = MeasurementSet { shaft_diameter_um: Some(0.0), ..Default::default() };
        let b = MeasurementSet { shaft_diameter_um: Some(42.5), ..Default::default() };
        let c = changes(&a, &b).remove(0);
        assert_eq!(c.trend, Trend::Better);
        assert_eq!(c.text.get(Lang::Zh), "毛发粗度比首次增加 42.5 μm（0 → 42.5 μm）");
        assert_eq!(c.text.get(Lang::En), "Shaft diameter up 42.5 μm since the first visit (0 → 42.5 μm)");
        assert_eq!(density(0.0, 0.0).trend, Trend::Same);
    }

    #[test]
    fn scales_where_lower_is_better() {
        let a = MeasurementSet { shedding: Some(3), oiliness: Some(1), itch: Some(2), new_growth: Some(1), ..Default::default() };
        let b =
            MeasurementSet { shedding: Some(1), oiliness: Some(3), itch: Some(2), new_growth: Some(3), dandruff: Some(2), ..Default::default() };
        let all = changes(&a, &b);
        let got: Vec<_> = all.iter().map(|c| (c.metric, c.trend, c.text.get(Lang::Zh))).collect::<Vec<_>>();
        let got: Vec<_> = got.iter().map(|(m, t, s)| (*m, *t, s.as_str())).collect();
        assert_eq!(
            got,
            [
                (Metric::Oiliness, Trend::Worse, "头油从 1 升到 3（变差）"),
                (Metric::Itch, Trend::Same, "瘙痒没有变化（2）"),
                (Metric::Shedding, Trend::Better, "掉发从 3 降到 1（好转）"),
                (Metric::NewGrowth, Trend::Better, "新发从 1 升到 3（好转）"),
            ],
            "dandruff was measured only once, so it is left out"
        );
        assert_eq!(all[2].text.get(Lang::En), "Shedding from 3 down to 1 (better)");
        assert_eq!(all[0].text.get(Lang::En), "Oiliness from 1 up to 3 (worse)");
        assert_eq!(all[1].text.get(Lang::En), "Itch unchanged (2)");
        assert_eq!(summary(&all).get(Lang::Zh), "2 项好转，1 项变差，1 项持平");
        assert_eq!(summary(&all).get(Lang::En), "2 better, 1 worse, 1 unchanged");
    }

    #[test]
    fn summary_leaves_out_zero_counts() {
        let all = [density(120.0, 142.0), density(100.0, 130.0)];
        assert_eq!(summary(&all).get(Lang::Zh), "2 项好转");
        assert_eq!(summary(&all).get(Lang::En), "2 better");
        assert_eq!(summary(&[]).get(Lang::En), "No measurements to compare yet");
    }

    #[test]
    fn first_and_latest_sort_by_day_then_by_writing() {
        let set = |id: &str, taken: Option<NaiveDate>, created: i64| {
            let mut s = MeasurementSet { id: id.into(), taken_on: taken, ..Default::default() };
            s.meta.created_at = created;
            s
        };
        // 2026-03-01 00:00 UTC and a day later, in milliseconds.
        let march_1 = 1_772_323_200_000;
        let sets = vec![
            set("june", day("2026-06-01"), march_1),
            set("undated", None, march_1 + 86_400_000),
            set("jan-b", day("2026-01-10"), 20),
            set("jan-a", day("2026-01-10"), 10),
            set("may", day("2026-05-01"), 5),
        ];
        let (first, latest) = first_and_latest(&sets).unwrap();
        assert_eq!((first.id.as_str(), latest.id.as_str()), ("jan-a", "june"));
        // The undated set counts for the day it was written, 2 March: not last.
        let pair = [sets[4].clone(), sets[1].clone()];
        let (first, latest) = first_and_latest(&pair).unwrap();
        assert_eq!((first.id.as_str(), latest.id.as_str()), ("undated", "may"));
    }

    #[test]
    fn fewer_than_two_sets_compare_nothing() {
        assert!(first_and_latest(&[]).is_none());
        assert!(first_and_latest(&[MeasurementSet::default()]).is_none());
        let two = [MeasurementSet { id: "a".into(), ..Default::default() }, MeasurementSet { id: "b".into(), ..Default::default() }];
        let (a, b) = first_and_latest(&two).unwrap();
        assert_eq!((a.id.as_str(), b.id.as_str()), ("a", "b"), "equal keys keep the input order");
    }

    #[test]
    fn metric_facts() {
        assert_eq!(Metric::ALL.len(), 8);
        assert_eq!(Metric::Density.unit().map(|u| u.get(Lang::Zh)), Some("根/cm²"));
        assert_eq!(Metric::Itch.unit(), None);
        assert!(Metric::SelfRating.higher_is_better() && !Metric::Dandruff.higher_is_better());
        let s = MeasurementSet { self_rating: Some(7), density_per_cm2: Some(f64::NAN), ..Default::default() };
        assert_eq!(Metric::SelfRating.value(&s), Some(7.0));
        assert_eq!(Metric::Density.value(&s), None);
    }
}
