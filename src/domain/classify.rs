//! The classes staff see on a customer's card (分类): by activity, by what they bought,
//! by effect, and for prospects. The thresholds are a store setting; until its screen
//! exists the defaults follow the stores' documents (3 and 6 months).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const DEFAULT_ACTIVE_DAYS: i64 = 90;
pub const DEFAULT_DORMANT_DAYS: i64 = 180;
/// ¥10,000, in fen.
pub const DEFAULT_VALUE_A_FEN: i64 = 1_000_000;
/// ¥3,000, in fen.
pub const DEFAULT_VALUE_B_FEN: i64 = 300_000;

/// Where the classes change. Stored with the settings, so missing fields take their
/// defaults when a newer build adds one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassThresholds {
    /// Up to this many days since the last visit, a customer is active (有效).
    pub active_days: i64,
    /// Up to this many, dormant (沉睡); after that, lost (流失).
    pub dormant_days: i64,
    /// Bought at least this much (fen): value class A.
    pub value_a_fen: i64,
    /// At least this much: B; anything less but more than nothing: C.
    pub value_b_fen: i64,
}

impl Default for ClassThresholds {
    fn default() -> Self {
        Self {
            active_days: DEFAULT_ACTIVE_DAYS,
            dormant_days: DEFAULT_DORMANT_DAYS,
            value_a_fen: DEFAULT_VALUE_A_FEN,
            value_b_fen: DEFAULT_VALUE_B_FEN,
        }
    }
}

/// 有效 / 沉睡 / 流失, by the days since the last visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    Active,
    Dormant,
    Lost,
}

impl Activity {
    pub const ALL: [Activity; 3] = [Activity::Active, Activity::Dormant, Activity::Lost];
}

/// The activity class on `today`; `None` for a customer who never visited. A last
/// visit dated after today (another tablet's clock ahead) counts as active.
pub fn activity(last_visit: Option<NaiveDate>, today: NaiveDate, t: &ClassThresholds) -> Option<Activity> {
    let days = (today - last_visit?).num_days();
    Some(if days <= t.active_days {
        Activity::Active
    } else if days <= t.dormant_days {
        Activity::Dormant
    } else {
        Activity::Lost
    })
}

/// A/B/C by the amount bought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueClass {
    A,
    B,
    C,
}

impl ValueClass {
    pub const ALL: [ValueClass; 3] = [ValueClass::A, ValueClass::B, ValueClass::C];
}

/// The value class for `total_fen` bought (net of returns, as the caller counts it);
/// `None` when nothing was bought: that customer is still a prospect.
pub fn value_class(total_fen: i64, t: &ClassThresholds) -> Option<ValueClass> {
    if total_fen <= 0 {
        None
    } else if total_fen >= t.value_a_fen {
        Some(ValueClass::A)
    } else if total_fen >= t.value_b_fen {
        Some(ValueClass::B)
    } else {
        Some(ValueClass::C)
    }
}

pub use follicle_search::ProspectClass;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn days_ago(n: u64) -> Option<NaiveDate> {
        today().checked_sub_days(Days::new(n))
    }

    #[test]
    fn activity_changes_the_day_after_each_threshold() {
        let t = ClassThresholds::default();
        assert_eq!(activity(None, today(), &t), None);
        assert_eq!(activity(days_ago(0), today(), &t), Some(Activity::Active));
        assert_eq!(activity(days_ago(90), today(), &t), Some(Activity::Active));
        assert_eq!(activity(days_ago(91), today(), &t), Some(Activity::Dormant));
        assert_eq!(activity(days_ago(180), today(), &t), Some(Activity::Dormant));
        assert_eq!(activity(days_ago(181), today(), &t), Some(Activity::Lost));
        assert_eq!(activity(today().succ_opt(), today(), &t), Some(Activity::Active));
        let short = ClassThresholds { active_days: 30, dormant_days: 60, ..t };
        assert_eq!(activity(days_ago(31), today(), &short), Some(Activity::Dormant));
    }

    #[test]
    fn value_class_by_amount_bought() {
        let t = ClassThresholds::default();
        assert_eq!(value_class(0, &t), None, "nothing bought: a prospect");
        assert_eq!(value_class(-500, &t), None);
        assert_eq!(value_class(1, &t), Some(ValueClass::C));
        assert_eq!(value_class(299_999, &t), Some(ValueClass::C));
        assert_eq!(value_class(300_000, &t), Some(ValueClass::B));
        assert_eq!(value_class(999_999, &t), Some(ValueClass::B));
        assert_eq!(value_class(1_000_000, &t), Some(ValueClass::A));
    }

    #[test]
    fn thresholds_deserialise_with_defaults_for_missing_fields() {
        let t: ClassThresholds = serde_json::from_str(r#"{"active_days":60}"#).unwrap();
        assert_eq!(t, ClassThresholds { active_days: 60, ..Default::default() });
        let back: ClassThresholds = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
        let p: ProspectClass = serde_json::from_str(r#""B""#).unwrap();
        assert_eq!(p, ProspectClass::B);
    }

}
