//! The geometry of a measurement's trend chart, worked out here so that the UI only
//! draws an SVG: every coordinate is in pixels, y grows downwards as in SVG.
//!
//! The y axis runs between "nice" round numbers that enclose every value, never a
//! zero-height range, and does not start at zero: a density moving from 112 to 118
//! must stay visible, and a fall looks like a fall.

use chrono::{Datelike, NaiveDate};

/// A line chart ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// One per value of the series, oldest first.
    pub points: Vec<(f64, f64)>,
    /// Pixel y and label of each horizontal grid line, bottom to top.
    pub y_ticks: Vec<(f64, String)>,
    /// Pixel x and label (`2026-03`, or the full date for a short span), left to right.
    pub x_labels: Vec<(f64, String)>,
    /// The SVG path through the points: `M x y L x y …`.
    pub path: String,
}

/// At most this many month labels along the x axis; more would overlap.
pub const MAX_X_LABELS: usize = 6;

/// The y scale: from `lo` to `hi` in steps of `step`, with 3 or 4 steps (4–5 ticks).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Scale {
    lo: f64,
    hi: f64,
    step: f64,
}

/// Round steps: 1, 2, 2.5 and 5 times a power of ten.
const STEP_MANTISSAS: [f64; 4] = [1.0, 2.0, 2.5, 5.0];

fn nice_scale(min: f64, max: f64) -> Scale {
    let (mut min, mut max) = (min, max);
    if max - min < f64::EPSILON * max.abs().max(1.0) {
        // A flat series gets room around it, without going below zero for
        // quantities that cannot be negative.
        let pad = (min.abs() * 0.05).max(1.0);
        (min, max) = (if min >= 0.0 { (min - pad).max(0.0) } else { min - pad }, max + pad);
    }
    let range = max - min;
    let decade = (range / 4.0).log10().floor() as i32 - 1;
    let mut chosen = None;
    'search: for exp in decade..decade + 4 {
        for m in STEP_MANTISSAS {
            let step = m * 10f64.powi(exp);
            let lo = (min / step + 1e-9).floor();
            let hi = (max / step - 1e-9).ceil();
            if hi - lo <= 4.0 {
                chosen = Some((lo, hi, step));
                break 'search;
            }
        }
    }
    // The search always succeeds (the last steps exceed the range); this is a guard.
    let (mut lo, mut hi, step) = chosen.unwrap_or((0.0, 4.0, range / 4.0));
    // Fewer than 3 steps look bare: widen, upwards first, and never below zero when
    // every value is at or above it.
    let mut up = true;
    while hi - lo < 3.0 {
        if up || (min >= 0.0 && (lo - 1.0) * step < 0.0) {
            hi += 1.0;
        } else {
            lo -= 1.0;
        }
        up = !up;
    }
    Scale { lo: lo * step, hi: hi * step, step }
}

/// Decimals a tick label needs for this step (2.5 needs one, 0.25 two).
fn decimals(step: f64) -> usize {
    (0..=6).find(|&d| {
        let scaled = step * 10f64.powi(d as i32);
        (scaled - scaled.round()).abs() < 1e-6
    })
    .unwrap_or(6)
}

fn label(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    // No "-0" for a value that rounds to zero.
    if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

/// The first day of each month after `from`, up to and including `to`.
fn month_starts(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut month = from.with_day(1).unwrap_or(from);
    if month < from {
        month = month.checked_add_months(chrono::Months::new(1)).unwrap_or(to);
    }
    while month <= to {
        out.push(month);
        match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    out
}

/// Lays out `series` (date, value) in a `width` × `height` box with `margin` pixels on
/// every side. Dates are spaced in proportion to the days between them; a series of
/// one day is centred. `None` for an empty series (non-finite values are skipped) or a
/// box too small to hold a plot.
pub fn line_chart(series: &[(NaiveDate, f64)], width: f64, height: f64, margin: f64) -> Option<Chart> {
    let mut series: Vec<(NaiveDate, f64)> = series.iter().copied().filter(|(_, v)| v.is_finite()).collect();
    let room = |side: f64| side.is_finite() && side - 2.0 * margin > 0.0;
    if series.is_empty() || !margin.is_finite() || margin < 0.0 || !room(width) || !room(height) {
        return None;
    }
    super::sort::sort_by_key(&mut series, |(day, _)| *day);
    let (left, right, top, bottom) = (margin, width - margin, margin, height - margin);

    let (min, max) = series.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, v)| (lo.min(*v), hi.max(*v)));
    let scale = nice_scale(min, max);
    let y = |v: f64| bottom - (v - scale.lo) / (scale.hi - scale.lo) * (bottom - top);

    let (first_day, last_day) = (series[0].0, series[series.len() - 1].0);
    let span = (last_day - first_day).num_days();
    let x = |day: NaiveDate| {
        if span == 0 {
            (left + right) / 2.0
        } else {
            left + (day - first_day).num_days() as f64 / span as f64 * (right - left)
        }
    };

    let points: Vec<(f64, f64)> = series.iter().map(|(day, v)| (x(*day), y(*v))).collect();
    let path = points
        .iter()
        .enumerate()
        .map(|(i, (px, py))| format!("{} {px:.1} {py:.1}", if i == 0 { "M" } else { "L" }))
        .collect::<Vec<_>>()
        .join(" ");

    let places = decimals(scale.step);
    let steps = ((scale.hi - scale.lo) / scale.step).round() as i64;
    let y_ticks = (0..=steps)
        .map(|k| {
            let value = scale.lo + k as f64 * scale.step;
            (y(value), label(value, places))
        })
        .collect();

    // Month starts when the span covers at least two of them, thinned to fit;
    // otherwise the dates of the first and the latest value.
    let months = month_starts(first_day, last_day);
    let x_labels = if months.len() >= 2 {
        let every = months.len().div_ceil(MAX_X_LABELS);
        months.iter().step_by(every).map(|m| (x(*m), m.format("%Y-%m").to_string())).collect()
    } else if span == 0 {
        vec![(x(first_day), first_day.to_string())]
    } else {
        vec![(x(first_day), first_day.to_string()), (x(last_day), last_day.to_string())]
    };

    Some(Chart { width, height, points, y_ticks, x_labels, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn labels(ticks: &[(f64, String)]) -> Vec<&str> {
        ticks.iter().map(|(_, l)| l.as_str()).collect()
    }

    #[test]
    fn values_and_dates_scale_into_the_box() {
        // 300 × 200 with a 20 px margin: the plot is x 20–280, y 20–180.
        let series = [(day("2026-01-01"), 112.0), (day("2026-01-11"), 118.0), (day("2026-01-31"), 131.0)];
        let c = line_chart(&series, 300.0, 200.0, 20.0).unwrap();
        assert_eq!((c.width, c.height), (300.0, 200.0));
        // Steps of 5 would take 5 (110–135): too many, so steps of 10.
        assert_eq!(labels(&c.y_ticks), ["110", "120", "130", "140"]);
        let xs: Vec<f64> = c.points.iter().map(|p| p.0).collect();
        assert_eq!((xs[0], xs[2]), (20.0, 280.0));
        assert!((xs[1] - (20.0 + 260.0 / 3.0)).abs() < 1e-9, "x in proportion to the days");
        // 112 is 2/30 of the way up 110–140, 131 is 21/30.
        assert!((c.points[0].1 - (180.0 - 160.0 * 2.0 / 30.0)).abs() < 1e-9);
        assert!((c.points[2].1 - (180.0 - 160.0 * 21.0 / 30.0)).abs() < 1e-9);
        assert_eq!(c.y_ticks[0].0, 180.0, "the lowest tick is the bottom of the plot");
        assert_eq!(c.y_ticks[3].0, 20.0, "the highest is the top");
        assert_eq!(labels(&c.x_labels), ["2026-01-01", "2026-01-31"], "a span without two month starts");
    }

    #[test]
    fn a_single_point_is_centred() {
        let c = line_chart(&[(day("2026-03-05"), 143.0)], 400.0, 300.0, 30.0).unwrap();
        assert_eq!(c.points.len(), 1);
        assert_eq!(c.points[0].0, 200.0);
        let (lo, hi) = (c.y_ticks[0].0, c.y_ticks[c.y_ticks.len() - 1].0);
        assert!(c.points[0].1 < lo && c.points[0].1 > hi, "inside the axis, not on its edge");
        assert_eq!(c.x_labels, [(200.0, "2026-03-05".to_string())]);
        assert_eq!(c.path, format!("M 200.0 {:.1}", c.points[0].1));
    }

    #[test]
    fn a_flat_series_never_has_a_zero_height_range() {
        let series = [(day("2026-01-01"), 120.0), (day("2026-02-01"), 120.0), (day("2026-03-01"), 120.0)];
        let c = line_chart(&series, 300.0, 200.0, 20.0).unwrap();
        assert_eq!(labels(&c.y_ticks), ["110", "115", "120", "125", "130"]);
        assert!(c.points.iter().all(|p| p.1 == 100.0), "the line runs through the middle");
        // Flat at zero: the axis goes up from zero, not below it.
        let zero = [(day("2026-01-01"), 0.0), (day("2026-02-01"), 0.0)];
        let c = line_chart(&zero, 300.0, 200.0, 20.0).unwrap();
        assert_eq!(labels(&c.y_ticks), ["0.00", "0.25", "0.50", "0.75", "1.00"]);
        assert!(c.y_ticks.iter().all(|(py, _)| py.is_finite()));
    }

    #[test]
    fn ticks_are_round_numbers_four_or_five_of_them() {
        let cases: [(f64, f64, &[&str]); 6] = [
            (112.0, 131.0, &["110", "120", "130", "140"]),
            (1.0, 4.0, &["1", "2", "3", "4"]),
            (2.0, 3.0, &["2.00", "2.25", "2.50", "2.75", "3.00"]),
            (38.5, 41.2, &["38", "39", "40", "41", "42"]),
            (0.0, 397.0, &["0", "100", "200", "300", "400"]),
            (-3.0, 7.0, &["-5", "0", "5", "10"]),
        ];
        for (min, max, want) in cases {
            let series = [(day("2026-01-01"), min), (day("2026-06-01"), max)];
            let c = line_chart(&series, 300.0, 200.0, 20.0).unwrap();
            assert_eq!(labels(&c.y_ticks), want, "{min}–{max}");
            assert!((4..=5).contains(&c.y_ticks.len()));
            let (lo, hi): (f64, f64) = (want[0].parse().unwrap(), want[want.len() - 1].parse().unwrap());
            assert!(lo <= min && hi >= max, "every value is on the axis");
        }
        for (min, max) in [(0.0, 1e-3), (140.0, 141.0), (1.0, 10.0), (5_000.0, 90_000.0), (-0.2, -0.1), (98.0, 99.5)] {
            let scale = nice_scale(min, max);
            let steps = ((scale.hi - scale.lo) / scale.step).round();
            assert!((3.0..=4.0).contains(&steps), "{min}–{max}: {scale:?}");
            assert!(scale.lo <= min && scale.hi >= max, "{min}–{max}: {scale:?}");
        }
    }

    #[test]
    fn the_path_is_move_then_lines_with_one_decimal() {
        let series = [(day("2026-01-01"), 0.0), (day("2026-01-03"), 2.0), (day("2026-01-04"), 4.0)];
        let c = line_chart(&series, 110.0, 90.0, 5.0).unwrap();
        // Plot x 5–105 over 3 days, y 85 (0) to 5 (4).
        assert_eq!(c.path, "M 5.0 85.0 L 71.7 45.0 L 105.0 5.0");
        assert!((c.points[1].0 - (5.0 + 200.0 / 3.0)).abs() < 1e-9 && c.points[1].1 == 45.0);
    }

    #[test]
    fn unsorted_input_and_bad_values_are_handled() {
        let series = [(day("2026-03-01"), 130.0), (day("2026-01-01"), f64::NAN), (day("2026-01-01"), 110.0)];
        let c = line_chart(&series, 300.0, 200.0, 20.0).unwrap();
        assert_eq!(c.points.len(), 2);
        assert!(c.points[0].0 < c.points[1].0, "oldest first");
        assert!(line_chart(&[], 300.0, 200.0, 20.0).is_none());
        assert!(line_chart(&[(day("2026-01-01"), f64::INFINITY)], 300.0, 200.0, 20.0).is_none());
        assert!(line_chart(&series, 40.0, 200.0, 20.0).is_none(), "no room for a plot");
        assert!(line_chart(&series, f64::NAN, 200.0, 20.0).is_none());
        assert!(line_chart(&series, 300.0, f64::INFINITY, 20.0).is_none());
        assert!(line_chart(&series, 300.0, 200.0, -1.0).is_none());
    }

    #[test]
    fn month_labels_sit_on_month_starts_and_are_thinned() {
        let series = [(day("2026-01-10"), 1.0), (day("2026-04-20"), 2.0)];
        let c = line_chart(&series, 300.0, 200.0, 20.0).unwrap();
        assert_eq!(labels(&c.x_labels), ["2026-02", "2026-03", "2026-04"]);
        let feb = c.x_labels[0].0;
        assert!((feb - (20.0 + 22.0 / 100.0 * 260.0)).abs() < 1e-9, "1 Feb is 22 of 100 days in");
        let year = [(day("2025-01-01"), 1.0), (day("2026-06-30"), 2.0)];
        let c = line_chart(&year, 300.0, 200.0, 20.0).unwrap();
        assert_eq!(labels(&c.x_labels), ["2025-01", "2025-04", "2025-07", "2025-10", "2026-01", "2026-04"]);
        assert!(c.x_labels.len() <= MAX_X_LABELS);
    }

    #[test]
    fn labels_have_no_negative_zero() {
        assert_eq!(label(-0.0001, 2), "0.00");
        assert_eq!(label(-5.0, 0), "-5");
        assert_eq!(decimals(2.5), 1);
        assert_eq!(decimals(0.25), 2);
        assert_eq!(decimals(50.0), 0);
    }
}
