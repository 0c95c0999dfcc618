//! Kiosk mode: this tablet's own setting (never replicated, never in a backup), set by
//! the manager. On, the app keeps to full screen, keeps the screen awake outside the
//! store's closing hours, and keeps customers inside it.

use serde::{Deserialize, Serialize};

use super::validation::Checked;
use crate::i18n::{Msg, T};

/// Kiosk mode and the hours the screen may sleep (minutes after local midnight).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KioskSettings {
    pub on: bool,
    /// The store closes at `sleep_from` and opens at `sleep_until`; between them the
    /// screen may sleep. `None`: kept awake all day.
    pub sleep: Option<(u16, u16)>,
}

pub const MINUTES_A_DAY: u16 = 24 * 60;

impl KioskSettings {
    /// Whether the screen is kept awake at `minute` (after local midnight).
    pub fn keep_awake_at(&self, minute: u16) -> bool {
        self.on && !self.sleep.is_some_and(|(from, until)| in_span(minute, from, until))
    }
}

/// Whether `minute` lies in `[from, until)`, the span running past midnight when
/// `until` is earlier than `from` (closed 21:00–09:00). An empty span is never.
fn in_span(minute: u16, from: u16, until: u16) -> bool {
    if from <= until {
        (from..until).contains(&minute)
    } else {
        minute >= from || minute < until
    }
}

/// `HH:MM` (as a time field gives it) as minutes after midnight.
pub fn parse_time(input: &str) -> Checked<u16> {
    let bad = || Msg::new(T::KioskTimeAsHm);
    let (h, m) = input.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.get(..2).unwrap_or(m).parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

/// Minutes after midnight as `HH:MM`.
pub fn time_field(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60 % 24, minute % 60)
}

/// The closing hours from two time fields: both empty is none; one alone, or both the
/// same, is refused.
pub fn parse_sleep(from: &str, until: &str) -> Checked<Option<(u16, u16)>> {
    match (from.trim().is_empty(), until.trim().is_empty()) {
        (true, true) => Ok(None),
        (false, false) => {
            let (from, until) = (parse_time(from)?, parse_time(until)?);
            if from == until {
                return Err(Msg::new(T::KioskSleepEmpty));
            }
            Ok(Some((from, until)))
        }
        _ => Err(Msg::new(T::KioskSleepBoth)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_never_keeps_the_screen_awake() {
        let k = KioskSettings { on: false, sleep: None };
        assert!(!k.keep_awake_at(600));
    }

    #[test]
    fn on_keeps_it_awake_except_in_closing_hours() {
        let day = KioskSettings { on: true, sleep: None };
        assert!((0..MINUTES_A_DAY).all(|m| day.keep_awake_at(m)));
        // Closed 21:30 to 09:00, over midnight.
        let night = KioskSettings { on: true, sleep: Some((21 * 60 + 30, 9 * 60)) };
        assert!(night.keep_awake_at(9 * 60) && night.keep_awake_at(12 * 60) && night.keep_awake_at(21 * 60 + 29));
        assert!(!night.keep_awake_at(21 * 60 + 30) && !night.keep_awake_at(0) && !night.keep_awake_at(8 * 60 + 59));
        // Closed at lunch, within one day.
        let lunch = KioskSettings { on: true, sleep: Some((12 * 60, 13 * 60)) };
        assert!(!lunch.keep_awake_at(12 * 60 + 30) && lunch.keep_awake_at(13 * 60) && lunch.keep_awake_at(11 * 60 + 59));
    }

    #[test]
    fn times_are_read_as_a_time_field_writes_them() {
        assert_eq!(parse_time("21:30"), Ok(21 * 60 + 30));
        assert_eq!(parse_time("09:05:00"), Ok(9 * 60 + 5));
        assert_eq!(parse_time(" 0:00 "), Ok(0));
        for bad in ["", "24:00", "12:60", "noon", "12"] {
            assert!(parse_time(bad).is_err(), "{bad:?}");
        }
        assert_eq!(time_field(21 * 60 + 30), "21:30");
        assert_eq!(time_field(5), "00:05");
    }

    #[test]
    fn closing_hours_need_both_ends() {
        assert_eq!(parse_sleep("", " "), Ok(None));
        assert_eq!(parse_sleep("21:00", "09:00"), Ok(Some((21 * 60, 9 * 60))));
        assert_eq!(parse_sleep("21:00", ""), Err(Msg::new(T::KioskSleepBoth)));
        assert_eq!(parse_sleep("09:00", "09:00"), Err(Msg::new(T::KioskSleepEmpty)));
    }

    #[test]
    fn a_row_written_before_kiosk_mode_reads_as_off() {
        let s: crate::domain::AppSettings = serde_json::from_str(r#"{"device_name":"前台","store_name":"朝阳店"}"#).unwrap();
        assert_eq!(s.kiosk, KioskSettings::default());
        assert!(!s.kiosk.on);
    }
}
