//! 预约到店: a visit booked for a day and time, with the service or purpose, the staff
//! member who serves and a note. The stores keep an appointment table so that nobody
//! arrives unexpected; the rules here say what an appointment is on a given day (booked,
//! arrived, a no-show once its day has ended, cancelled), what may still be done to it,
//! the order the book shows, the reminder call the day before and the month's counts.
//! Every change says who made it and when (`changes`).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::record::{impl_record, Meta, Millis};
use super::validation::check_note;
use crate::i18n::{Msg, T};

/// How far ahead a visit may be booked.
pub const BOOK_AHEAD_DAYS: u64 = 366;
/// How many days of coming appointments the today list shows (after tomorrow's).
pub const COMING_DAYS: u64 = 7;
/// The longest purpose or staff name kept.
pub const PURPOSE_MAX_CHARS: usize = 100;

/// What staff recorded about whether the customer came. A no-show is not stored: an
/// appointment still booked when its day has ended is one ([`Appointment::status`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    #[default]
    Booked,
    Arrived,
    Cancelled,
}

/// What an appointment is on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Still to come (or later today).
    Booked,
    Arrived,
    /// Still booked when its day ended: the customer did not come.
    NoShow,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Booked, Status::Arrived, Status::NoShow, Status::Cancelled];
}

/// One change to an appointment, by whom and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ChangeKind {
    Booked,
    /// Moved from this day and time to the appointment's present ones.
    Moved { from_day: NaiveDate, from_time: NaiveTime },
    Cancelled,
    CheckedIn,
    /// The reminder call the day before was made.
    Reminded,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub at: Millis,
    pub by_staff: String,
    pub what: ChangeKind,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Appointment {
    pub id: String,
    pub meta: Meta,
    pub customer_id: String,
    /// The day of the visit (`YYYY-MM-DD`; the `by_day` index).
    pub day: NaiveDate,
    pub time: NaiveTime,
    /// The service or the reason for coming (头皮护理, 复查 …).
    pub purpose: String,
    /// The staff member who serves the customer.
    pub staff: String,
    pub note: Option<String>,
    pub attendance: Attendance,
    pub arrived_at: Option<Millis>,
    pub reminded_at: Option<Millis>,
    /// Oldest first; the first is the booking.
    pub changes: Vec<Change>,
}
impl_record!(Appointment, "appointments");

/// Why a change to an appointment was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Arrived or cancelled already.
    NotBooked,
    /// Its day has ended (a no-show stays one).
    DayOver,
    /// Check-in is for the appointment's own day.
    NotToday,
}

impl Refused {
    pub fn message(self) -> Msg {
        Msg::new(match self {
            Refused::NotBooked => T::AppointmentNotBooked,
            Refused::DayOver => T::AppointmentDayOver,
            Refused::NotToday => T::AppointmentNotToday,
        })
    }
}

impl Appointment {
    /// What the appointment is on `today`: a booking whose day has ended without a
    /// check-in is a no-show.
    pub fn status(&self, today: NaiveDate) -> Status {
        match self.attendance {
            Attendance::Arrived => Status::Arrived,
            Attendance::Cancelled => Status::Cancelled,
            Attendance::Booked if self.day < today => Status::NoShow,
            Attendance::Booked => Status::Booked,
        }
    }

    /// When the visit is, as a local date and time.
    pub fn starts(&self) -> NaiveDateTime {
        self.day.and_time(self.time)
    }

    fn still_open(&self, today: NaiveDate) -> Result<(), Refused> {
        match self.status(today) {
            Status::Booked => Ok(()),
            Status::NoShow => Err(Refused::DayOver),
            Status::Arrived | Status::Cancelled => Err(Refused::NotBooked),
        }
    }

    fn log(&mut self, at: Millis, by_staff: &str, what: ChangeKind) {
        self.changes.push(Change { at, by_staff: by_staff.to_string(), what });
    }

    /// The customer came: checked in on the appointment's day only.
    pub fn check_in(&mut self, now: Millis, today: NaiveDate, by_staff: &str) -> Result<(), Refused> {
        self.still_open(today)?;
        if self.day != today {
            return Err(Refused::NotToday);
        }
        self.attendance = Attendance::Arrived;
        self.arrived_at = Some(now);
        self.log(now, by_staff, ChangeKind::CheckedIn);
        Ok(())
    }

    /// Moved to another day and time (checked as a booking is: not in the past).
    pub fn move_to(&mut self, day: NaiveDate, time: NaiveTime, now: Millis, today: NaiveDate, by_staff: &str) -> Result<(), Refused> {
        self.still_open(today)?;
        let (from_day, from_time) = (self.day, self.time);
        self.day = day;
        self.time = time;
        self.reminded_at = None;
        self.log(now, by_staff, ChangeKind::Moved { from_day, from_time });
        Ok(())
    }

    pub fn cancel(&mut self, now: Millis, today: NaiveDate, by_staff: &str) -> Result<(), Refused> {
        self.still_open(today)?;
        self.attendance = Attendance::Cancelled;
        self.log(now, by_staff, ChangeKind::Cancelled);
        Ok(())
    }

    /// Whether the reminder call is due on `today`: the visit is tomorrow, still
    /// booked, and nobody has called about it yet.
    pub fn needs_reminder(&self, today: NaiveDate) -> bool {
        self.attendance == Attendance::Booked && self.reminded_at.is_none() && today.checked_add_days(Days::new(1)) == Some(self.day)
    }

    pub fn remind(&mut self, now: Millis, today: NaiveDate, by_staff: &str) -> Result<(), Refused> {
        self.still_open(today)?;
        self.reminded_at = Some(now);
        self.log(now, by_staff, ChangeKind::Reminded);
        Ok(())
    }

    /// Who booked it (the first change's staff member).
    pub fn booked_by(&self) -> Option<&str> {
        self.changes.iter().find(|c| c.what == ChangeKind::Booked).map(|c| c.by_staff.as_str())
    }
}

/// A day's appointments in time order (then in the order they were booked);
/// cancelled ones after the others, so that the day reads from the top.
pub fn in_time_order<'a>(appointments: impl IntoIterator<Item = &'a Appointment>) -> Vec<&'a Appointment> {
    let mut out: Vec<&Appointment> = appointments.into_iter().collect();
    out.sort_by_key(|a| (a.attendance == Attendance::Cancelled, a.day, a.time, a.meta.created_at));
    out
}

/// The appointments still coming after `today`, up to `days` ahead, soonest first.
pub fn coming<'a>(appointments: impl IntoIterator<Item = &'a Appointment>, today: NaiveDate, days: u64) -> Vec<&'a Appointment> {
    let last = today.checked_add_days(Days::new(days)).unwrap_or(today);
    in_time_order(appointments.into_iter().filter(|a| a.attendance == Attendance::Booked && a.day > today && a.day <= last))
}

/// One month's appointments, counted by what became of them (as of `today`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthCounts {
    /// Booked for a day of the month and not cancelled.
    pub booked: usize,
    pub arrived: usize,
    pub no_shows: usize,
    pub cancelled: usize,
}

/// Counts the appointments whose day falls in `[first, next_first)`.
pub fn month_counts<'a>(appointments: impl IntoIterator<Item = &'a Appointment>, first: NaiveDate, next_first: NaiveDate, today: NaiveDate) -> MonthCounts {
    let mut counts = MonthCounts::default();
    for a in appointments.into_iter().filter(|a| a.day >= first && a.day < next_first) {
        match a.status(today) {
            Status::Cancelled => counts.cancelled += 1,
            Status::Arrived => counts.arrived += 1,
            Status::NoShow => counts.no_shows += 1,
            Status::Booked => {}
        }
        if a.attendance != Attendance::Cancelled {
            counts.booked += 1;
        }
    }
    counts
}

/// A booking (or a move) as typed on the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppointmentDraft {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// `HH:MM`.
    pub time: String,
    pub purpose: String,
    pub staff: String,
    pub note: String,
}

/// A checked booking: what the appointment will hold.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedBooking {
    pub day: NaiveDate,
    pub time: NaiveTime,
    pub purpose: String,
    pub staff: String,
    pub note: Option<String>,
}

/// A day and time as typed: not before now, at most [`BOOK_AHEAD_DAYS`] ahead.
pub fn check_when(day: &str, time: &str, now: NaiveDateTime, out: &mut Vec<(&'static str, Msg)>) -> Option<(NaiveDate, NaiveTime)> {
    let day = match NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            out.push(("day", Msg::new(T::AppointmentDayMissing)));
            None
        }
    };
    let time = match NaiveTime::parse_from_str(time.trim(), "%H:%M").or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M:%S")) {
        Ok(t) => Some(t),
        Err(_) => {
            out.push(("time", Msg::new(T::AppointmentTimeMissing)));
            None
        }
    };
    let (day, time) = (day?, time?);
    let today = now.date();
    if day < today || (day == today && time < now.time() - chrono::Duration::minutes(30)) {
        out.push(("day", Msg::new(T::AppointmentInPast)));
        return None;
    }
    if day > today.checked_add_days(Days::new(BOOK_AHEAD_DAYS)).unwrap_or(today) {
        out.push(("day", Msg::new(T::AppointmentTooFar).arg(BOOK_AHEAD_DAYS)));
        return None;
    }
    Some((day, time))
}

fn short_text(field: &'static str, text: &str, missing: T, out: &mut Vec<(&'static str, Msg)>) -> String {
    let text = text.trim().to_string();
    let count = text.chars().count();
    if text.is_empty() {
        out.push((field, Msg::new(missing)));
    } else if count > PURPOSE_MAX_CHARS {
        out.push((field, Msg::new(T::NoteTooLong).arg(PURPOSE_MAX_CHARS).arg(count)));
    }
    text
}

impl AppointmentDraft {
    /// The booking to save, or the problems by field. A visit a little earlier today
    /// (half an hour) may still be written down, as the customer arrives.
    pub fn check(&self, now: NaiveDateTime) -> Result<CheckedBooking, Vec<(&'static str, Msg)>> {
        let mut out = Vec::new();
        let when = check_when(&self.day, &self.time, now, &mut out);
        let purpose = short_text("purpose", &self.purpose, T::AppointmentPurposeMissing, &mut out);
        let staff = short_text("staff", &self.staff, T::AppointmentStaffMissing, &mut out);
        let note = check_note(&self.note).unwrap_or_else(|e| {
            out.push(("note", e));
            None
        });
        match when {
            Some((day, time)) if out.is_empty() => Ok(CheckedBooking { day, time, purpose, staff, note }),
            _ => Err(out),
        }
    }
}

impl CheckedBooking {
    /// The appointment it makes (id and meta left for the caller), booked by `by_staff`.
    pub fn appointment(self, customer_id: &str, now: Millis, by_staff: &str) -> Appointment {
        Appointment {
            customer_id: customer_id.to_string(),
            day: self.day,
            time: self.time,
            purpose: self.purpose,
            staff: self.staff,
            note: self.note,
            changes: vec![Change { at: now, by_staff: by_staff.to_string(), what: ChangeKind::Booked }],
            ..Appointment::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn booked(d: NaiveDate, t: NaiveTime, created: Millis) -> Appointment {
        let mut a = Appointment { day: d, time: t, purpose: "头皮护理".into(), staff: "小张".into(), ..Default::default() };
        a.meta.created_at = created;
        a.changes.push(Change { at: created, by_staff: "李店长".into(), what: ChangeKind::Booked });
        a
    }

    #[test]
    fn a_booking_not_checked_in_becomes_a_no_show_only_after_its_day_ends() {
        let a = booked(day(12, 1), at(10, 0), 1);
        assert_eq!(a.status(day(11, 30)), Status::Booked);
        assert_eq!(a.status(day(12, 1)), Status::Booked, "later the same day they may still come");
        assert_eq!(a.status(day(12, 2)), Status::NoShow);
        let mut came = a.clone();
        came.check_in(5, day(12, 1), "小张").unwrap();
        assert_eq!(came.status(day(12, 9)), Status::Arrived, "an arrival stays one");
        let mut off = a.clone();
        off.cancel(5, day(11, 30), "小张").unwrap();
        assert_eq!(off.status(day(12, 9)), Status::Cancelled, "a cancelled one is never a no-show");
    }

    #[test]
    fn check_in_is_for_the_day_itself_and_once() {
        let mut a = booked(day(12, 1), at(10, 0), 1);
        assert_eq!(a.check_in(5, day(11, 30), "小张"), Err(Refused::NotToday));
        assert_eq!(a.check_in(5, day(12, 2), "小张"), Err(Refused::DayOver), "a no-show stays one");
        a.check_in(7, day(12, 1), "小张").unwrap();
        assert_eq!((a.attendance, a.arrived_at), (Attendance::Arrived, Some(7)));
        assert_eq!(a.check_in(8, day(12, 1), "小张"), Err(Refused::NotBooked));
        assert_eq!(a.changes.last().map(|c| (&c.what, c.by_staff.as_str())), Some((&ChangeKind::CheckedIn, "小张")));
    }

    #[test]
    fn moving_and_cancelling_are_logged_with_who_and_what_it_was() {
        let mut a = booked(day(12, 1), at(10, 0), 1);
        a.reminded_at = Some(3);
        a.move_to(day(12, 3), at(15, 30), 10, day(11, 30), "小王").unwrap();
        assert_eq!((a.day, a.time, a.reminded_at), (day(12, 3), at(15, 30), None), "a moved visit gets its own reminder");
        a.cancel(20, day(12, 1), "小李").unwrap();
        let log: Vec<(Millis, &str, &ChangeKind)> = a.changes.iter().map(|c| (c.at, c.by_staff.as_str(), &c.what)).collect();
        assert_eq!(
            log,
            [(1, "李店长", &ChangeKind::Booked), (10, "小王", &ChangeKind::Moved { from_day: day(12, 1), from_time: at(10, 0) }), (20, "小李", &ChangeKind::Cancelled)]
        );
        assert_eq!(a.booked_by(), Some("李店长"));
        assert_eq!(a.move_to(day(12, 5), at(9, 0), 30, day(12, 1), "小王"), Err(Refused::NotBooked));
    }

    #[test]
    fn the_book_is_in_time_order_with_cancelled_last_and_coming_ones_skip_today() {
        let nine = booked(day(12, 1), at(9, 0), 5);
        let ten_first = booked(day(12, 1), at(10, 0), 1);
        let ten_second = booked(day(12, 1), at(10, 0), 2);
        let mut eight_cancelled = booked(day(12, 1), at(8, 0), 0);
        eight_cancelled.cancel(3, day(12, 1), "小张").unwrap();
        let all = [ten_second.clone(), eight_cancelled.clone(), nine.clone(), ten_first.clone()];
        let order: Vec<(NaiveTime, Millis)> = in_time_order(&all).iter().map(|a| (a.time, a.meta.created_at)).collect();
        assert_eq!(order, [(at(9, 0), 5), (at(10, 0), 1), (at(10, 0), 2), (at(8, 0), 0)]);

        let tomorrow = booked(day(12, 2), at(16, 0), 6);
        let next_week = booked(day(12, 8), at(9, 0), 7);
        let too_far = booked(day(12, 9), at(9, 0), 8);
        let all = [next_week.clone(), too_far, tomorrow.clone(), nine.clone()];
        let soon: Vec<NaiveDate> = coming(&all, day(12, 1), COMING_DAYS).iter().map(|a| a.day).collect();
        assert_eq!(soon, [day(12, 2), day(12, 8)]);
    }

    #[test]
    fn the_reminder_call_is_due_the_day_before_until_made() {
        let mut a = booked(day(12, 2), at(10, 0), 1);
        assert!(!a.needs_reminder(day(11, 30)));
        assert!(a.needs_reminder(day(12, 1)));
        assert!(!a.needs_reminder(day(12, 2)), "on the day itself it is on the book, not a call");
        a.remind(9, day(12, 1), "小张").unwrap();
        assert!(!a.needs_reminder(day(12, 1)));
    }

    #[test]
    fn a_month_counts_bookings_arrivals_and_no_shows() {
        let mut came = booked(day(11, 3), at(10, 0), 1);
        came.check_in(2, day(11, 3), "小张").unwrap();
        let missed = booked(day(11, 10), at(10, 0), 1);
        let mut cancelled = booked(day(11, 12), at(10, 0), 1);
        cancelled.cancel(2, day(11, 1), "小张").unwrap();
        let later = booked(day(11, 29), at(10, 0), 1);
        let next_month = booked(day(12, 1), at(10, 0), 1);
        let all = [came, missed, cancelled, later, next_month];
        let counts = month_counts(&all, day(11, 1), day(12, 1), day(11, 20));
        assert_eq!(counts, MonthCounts { booked: 3, arrived: 1, no_shows: 1, cancelled: 1 });
    }

    #[test]
    fn a_booking_needs_a_day_time_purpose_and_staff_member_not_in_the_past() {
        let now = day(12, 1).and_time(at(14, 0));
        let draft = AppointmentDraft { day: "2026-12-02".into(), time: "10:30".into(), purpose: " 头皮护理 ".into(), staff: "小张".into(), note: String::new() };
        let ok = draft.check(now).unwrap();
        assert_eq!((ok.day, ok.time, ok.purpose.as_str(), ok.note), (day(12, 2), at(10, 30), "头皮护理", None));
        let fields = |d: AppointmentDraft| d.check(now).unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(AppointmentDraft { day: "2026-11-30".into(), ..draft.clone() }), ["day"]);
        assert_eq!(fields(AppointmentDraft { day: "2026-12-01".into(), time: "09:00".into(), ..draft.clone() }), ["day"]);
        assert!(AppointmentDraft { day: "2026-12-01".into(), time: "13:45".into(), ..draft.clone() }.check(now).is_ok(), "arriving now");
        assert_eq!(fields(AppointmentDraft { day: "2028-01-01".into(), ..draft.clone() }), ["day"]);
        assert_eq!(fields(AppointmentDraft { time: String::new(), purpose: String::new(), staff: " ".into(), ..draft.clone() }), ["time", "purpose", "staff"]);
    }
}
