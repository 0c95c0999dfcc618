//! The one clock. Everything that asks "what time is it" asks the [`Clock`] held in
//! the app's context; tests make one that is fixed or moved on, so a rule that turns on
//! a date (a lapsed follow-up, a no-show, an overdue complaint) is tested without
//! waiting. Conversions between stored moments (UTC milliseconds) and the tablet's
//! local day and time live here too.

use std::cell::Cell;
use std::rc::Rc;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime};

use crate::domain::record::Millis;

/// The time as this app sees it: the system clock, moved by an offset that tests set.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Added to the system time (ms). Shared by every copy of this clock.
    offset_ms: Rc<Cell<i64>>,
    /// When set, the time stands still here (plus the offset).
    fixed_ms: Option<Millis>,
}

impl PartialEq for Clock {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.offset_ms, &other.offset_ms) && self.fixed_ms == other.fixed_ms
    }
}

impl Clock {
    /// The tablet's own clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that stands still at `ms` (tests).
    pub fn fixed(ms: Millis) -> Self {
        Self { offset_ms: Rc::default(), fixed_ms: Some(ms) }
    }

    /// Moves this clock (and every copy of it) on by `ms` (tests: "the next day").
    pub fn advance(&self, ms: i64) {
        self.offset_ms.set(self.offset_ms.get() + ms);
    }

    /// Milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> Millis {
        self.fixed_ms.unwrap_or_else(|| chrono::Utc::now().timestamp_millis()) + self.offset_ms.get()
    }

    /// The local date and time now.
    pub fn now_local(&self) -> NaiveDateTime {
        local_date_time(self.now_ms()).unwrap_or_default()
    }

    /// Today, in the tablet's time zone.
    pub fn today(&self) -> NaiveDate {
        self.now_local().date()
    }

    /// The tablet's time zone now, as minutes ahead of UTC (China: 480).
    pub fn utc_offset_minutes(&self) -> i32 {
        DateTime::from_timestamp_millis(self.now_ms()).map_or(0, |t| t.with_timezone(&Local).offset().local_minus_utc() / 60)
    }
}

/// The local date and time of a stored moment.
pub fn local_date_time(ms: Millis) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_millis(ms).map(|t| t.with_timezone(&Local).naive_local())
}

/// The local calendar day of a stored moment.
pub fn local_day(ms: Millis) -> Option<NaiveDate> {
    local_date_time(ms).map(|t| t.date())
}

/// A stored moment as the tablet shows it: `2026-12-01 14:05`.
pub fn local_time(ms: Millis) -> String {
    local_date_time(ms).map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

/// A local date and time as a stored moment (the earliest, if the clock was turned
/// back that night).
pub fn to_millis(local: NaiveDateTime) -> Option<Millis> {
    local.and_local_timezone(Local).earliest().map(|t| t.timestamp_millis())
}

/// A date as a date field writes it (`2026-12-01`).
pub fn date_field(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A local date and time as a `datetime-local` field writes it.
pub fn date_time_field(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stands_still_and_moves_when_told() {
        let clock = Clock::fixed(1_000_000);
        assert_eq!(clock.now_ms(), 1_000_000);
        let copy = clock.clone();
        copy.advance(86_400_000);
        assert_eq!(clock.now_ms(), 1_000_000 + 86_400_000, "copies share the offset");
        assert_eq!(clock, copy);
    }

    #[test]
    fn local_conversions_round_trip() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(14, 5, 0).unwrap();
        let ms = to_millis(at).unwrap();
        assert_eq!(local_date_time(ms), Some(at));
        assert_eq!(local_day(ms), Some(at.date()));
        assert_eq!(local_time(ms), "2026-12-01 14:05");
        assert_eq!(date_field(at.date()), "2026-12-01");
        assert_eq!(date_time_field(at), "2026-12-01T14:05");
    }
}
