//! This tablet's settings: which store it belongs to, its own name, and how the
//! screens behave.

use serde::{Deserialize, Serialize};

use super::record::Stamp;
use super::validation::{clean_text, Checked};
use crate::i18n::{Lang, Msg, T};

pub const DEFAULT_IDLE_SECS: u32 = 120;
/// The warning shows this long before the idle timer clears the screen (≥ 20 s).
pub const IDLE_WARNING_SECS: u32 = 30;
pub const MIN_IDLE_SECS: u32 = 60;
pub const MAX_IDLE_SECS: u32 = 30 * 60;
/// The self-check shows a customer's own photos and health notes: it clears after a
/// minute without a touch, whatever the staff side's timeout, warning for its last 25 s.
pub const SELF_CHECK_IDLE_SECS: u32 = 60;
pub const SELF_CHECK_WARNING_SECS: u32 = 25;
pub const DEFAULT_BACKUP_REMINDER_DAYS: u32 = 7;

/// This tablet's settings, and the settings of the store it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppSettings {
    pub device_name: String,
    /// Stamped on every record: this tablet's name plus a random suffix, unique even
    /// when two stores both call their tablet "前台".
    pub device_id: String,
    pub idle_timeout_secs: u32,
    /// The language the tablet returns to after the idle timer.
    pub default_lang: Lang,
    /// The browser's answer to `navigator.storage.persist()`; `None` until asked.
    pub persistent_storage: Option<bool>,
    /// The staff home reminds to back up when the last backup is older than this.
    pub backup_reminder_days: u32,
    /// Kiosk mode (full screen, kept awake, no way out), this tablet's alone.
    pub kiosk: super::kiosk::KioskSettings,
    /// What every tablet of the store shares (stored in the same row, flattened, so
    /// rows written before the split read unchanged). A merge restore and replication
    /// bring it along; this tablet's own fields above never leave the tablet.
    #[serde(flatten)]
    pub store: StoreSettings,
}

/// Where this tablet syncs its records (CouchDB): the server's address, the store's
/// database, the tablet's own account. Kept on this tablet only: never in a backup,
/// an export or a replicated document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncSettings {
    pub server: String,
    pub database: String,
    pub username: String,
    pub password: String,
}

/// The store's own settings, the same on every tablet of the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoreSettings {
    pub store_name: String,
    /// Stamped on every record. Derived from the store's name, so every tablet set up
    /// for the same store writes the same store id.
    pub store_id: String,
    /// Extra scalp sites the store photographs.
    pub custom_sites: Vec<String>,
    /// The follow-up rules (回访规则), the stores' documents' by default.
    pub follow_up_rules: super::plan::FollowUpRules,
    /// What the store sells, with how long a unit lasts (for run-out reminders).
    pub products: Vec<super::plan::Product>,
    /// Where activity and value classes change.
    pub class_thresholds: super::classify::ClassThresholds,
    /// When these were last changed (ms): the newer wins when two tablets' settings
    /// meet (a merge restore, replication).
    pub store_updated_at: super::record::Millis,
}

impl Default for StoreSettings {
    fn default() -> Self {
        Self {
            store_name: String::new(),
            store_id: String::new(),
            custom_sites: Vec::new(),
            follow_up_rules: Default::default(),
            products: Vec::new(),
            class_thresholds: Default::default(),
            store_updated_at: 0,
        }
    }
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            device_name: String::new(),
            device_id: String::new(),
            idle_timeout_secs: DEFAULT_IDLE_SECS,
            default_lang: Lang::Zh,
            persistent_storage: None,
            backup_reminder_days: DEFAULT_BACKUP_REMINDER_DAYS,
            kiosk: Default::default(),
            store: StoreSettings::default(),
        }
    }
}

/// A short name (store, tablet, scalp site); `what` names it inside a sentence.
fn check_short_name(input: &str, what: T) -> Checked<String> {
    let name = clean_text(input);
    if name.is_empty() {
        return Err(Msg::new(T::ShortNameMissing).arg(what));
    }
    if name.chars().count() > 40 {
        return Err(Msg::new(T::ShortNameTooLong).arg(what));
    }
    Ok(name)
}

impl AppSettings {
    /// Adds a scalp site the store photographs besides the five built in. Names are
    /// cleaned, must be new (also against the built-in ones in either language).
    pub fn add_custom_site(&mut self, input: &str) -> Checked<String> {
        let name = check_short_name(input, T::WhatSiteName)?;
        let taken = super::photo::ScalpSite::BUILT_IN
            .iter()
            .flat_map(|s| [s.label(Lang::Zh), s.label(Lang::En)])
            .chain(self.store.custom_sites.iter().cloned())
            .any(|existing| existing.eq_ignore_ascii_case(&name));
        if taken {
            return Err(Msg::new(T::SiteExists).arg(name));
        }
        self.store.custom_sites.push(name.clone());
        Ok(name)
    }

    /// First-run setup: the store's and this tablet's names. `device_suffix` is random,
    /// made by the caller.
    pub fn from_setup(store_name: &str, device_name: &str, device_suffix: &str) -> Result<Self, Vec<(&'static str, Msg)>> {
        let store = check_short_name(store_name, T::WhatStoreName);
        let device = check_short_name(device_name, T::WhatDeviceName);
        match (store, device) {
            (Ok(store_name), Ok(device_name)) => Ok(Self {
                device_id: format!("{device_name}#{device_suffix}"),
                device_name,
                store: StoreSettings { store_id: format!("store:{store_name}"), store_name, ..StoreSettings::default() },
                ..Self::default()
            }),
            (store, device) => Err([("store_name", store.err()), ("device_name", device.err())]
                .into_iter()
                .filter_map(|(f, e)| e.map(|e| (f, e)))
                .collect()),
        }
    }

    /// The manager renames the store and this tablet. Only the names shown change: the
    /// ids stamped on every record (and shared by the store's tablets) stay as set up.
    pub fn rename(&mut self, store_name: &str, device_name: &str) -> Result<(), Vec<(&'static str, Msg)>> {
        let store = check_short_name(store_name, T::WhatStoreName);
        let device = check_short_name(device_name, T::WhatDeviceName);
        match (store, device) {
            (Ok(store_name), Ok(device_name)) => {
                self.store.store_name = store_name;
                self.device_name = device_name;
                Ok(())
            }
            (store, device) => Err([("store_name", store.err()), ("device_name", device.err())]
                .into_iter()
                .filter_map(|(f, e)| e.map(|e| (f, e)))
                .collect()),
        }
    }

    pub fn is_set_up(&self) -> bool {
        !self.store.store_id.is_empty() && !self.device_id.is_empty()
    }

    pub fn stamp(&self, now: i64) -> Stamp {
        Stamp { store_id: self.store.store_id.clone(), device_id: self.device_id.clone(), now }
    }

    /// The idle timeout, kept within sane bounds whatever was stored.
    pub fn idle_timeout(&self) -> u32 {
        self.idle_timeout_secs.clamp(MIN_IDLE_SECS, MAX_IDLE_SECS)
    }

    /// A screen's idle timer, `(timeout, warning)` in seconds: the self-check has its
    /// own short one; every other screen (home included) the tablet's setting.
    pub fn idle_for(&self, self_check: bool) -> (u32, u32) {
        if self_check {
            (SELF_CHECK_IDLE_SECS.min(self.idle_timeout()), SELF_CHECK_WARNING_SECS)
        } else {
            (self.idle_timeout(), IDLE_WARNING_SECS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renaming_changes_the_names_shown_not_the_ids_on_records() {
        let mut s = AppSettings::from_setup("朝阳店", "前台", "abcd1234").unwrap();
        s.rename(" 北京朝阳店 ", "前台平板").unwrap();
        assert_eq!((s.store.store_name.as_str(), s.device_name.as_str()), ("北京朝阳店", "前台平板"));
        assert_eq!((s.store.store_id.as_str(), s.device_id.as_str()), ("store:朝阳店", "前台#abcd1234"));
        let before = s.clone();
        let problems = s.rename("", &"长".repeat(41)).unwrap_err();
        assert_eq!(problems.iter().map(|(f, _)| *f).collect::<Vec<_>>(), ["store_name", "device_name"]);
        assert_eq!(s, before, "a refused rename changes nothing");
    }

    #[test]
    fn custom_sites_are_new_and_clean() {
        let mut s = AppSettings::default();
        assert_eq!(s.add_custom_site("  耳后 ").unwrap(), "耳后");
        assert!(s.add_custom_site("耳后").is_err());
        assert!(s.add_custom_site("头顶百会穴").is_err(), "a built-in site");
        assert!(s.add_custom_site("crown (baihui)").is_err(), "built-in, in English");
        assert!(s.add_custom_site(" ").is_err());
        assert_eq!(s.store.custom_sites, ["耳后"]);
    }

    #[test]
    fn setup_makes_ids_from_names() {
        let s = AppSettings::from_setup("  北京 朝阳店 ", "前台", "a1b2c3d4").unwrap();
        assert_eq!(s.store.store_name, "北京 朝阳店");
        assert_eq!(s.store.store_id, "store:北京 朝阳店");
        assert_eq!(s.device_id, "前台#a1b2c3d4");
        assert!(s.is_set_up());
        assert_eq!(s.idle_timeout_secs, DEFAULT_IDLE_SECS);
        let stamp = s.stamp(7);
        assert_eq!((stamp.store_id.as_str(), stamp.now), ("store:北京 朝阳店", 7));
    }

    #[test]
    fn setup_requires_both_names() {
        let errs = AppSettings::from_setup(" ", "", "x").unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["store_name", "device_name"]);
        assert!(errs[0].1.get(Lang::Zh).contains("门店名称"));
    }

    #[test]
    fn settings_saved_before_the_backup_reminder_load_with_its_default() {
        let old = r#"{"store_name":"朝阳店","store_id":"store:朝阳店","device_name":"前台","device_id":"前台#1","idle_timeout_secs":120}"#;
        let s: AppSettings = serde_json::from_str(old).unwrap();
        assert_eq!(s.backup_reminder_days, DEFAULT_BACKUP_REMINDER_DAYS);
        assert_eq!(s.idle_timeout_secs, 120);
        assert_eq!((s.store.store_name.as_str(), s.device_name.as_str()), ("朝阳店", "前台"), "store fields read from the same flat row");
        // And written back flat, as before the split.
        let back = serde_json::to_value(&s).unwrap();
        assert_eq!(back["store_id"], "store:朝阳店");
        assert_eq!(back["device_id"], "前台#1");
    }

    #[test]
    fn idle_timeout_is_clamped() {
        let mut s = AppSettings { idle_timeout_secs: 5, ..Default::default() };
        assert_eq!(s.idle_timeout(), MIN_IDLE_SECS);
        s.idle_timeout_secs = 100_000;
        assert_eq!(s.idle_timeout(), MAX_IDLE_SECS);
        assert!(IDLE_WARNING_SECS >= 20 && IDLE_WARNING_SECS < MIN_IDLE_SECS);
    }

    #[test]
    fn the_self_check_clears_sooner_than_the_staff_side_whatever_the_setting() {
        for secs in [0, 60, 120, 300, 600, 100_000] {
            let s = AppSettings { idle_timeout_secs: secs, ..Default::default() };
            let (check, check_warning) = s.idle_for(true);
            let (staff, staff_warning) = s.idle_for(false);
            assert!(check <= 60 && check <= staff, "{secs}: self-check {check} s, staff {staff} s");
            assert!(check_warning >= 20 && check_warning < check, "the warning stays on screen at least 20 s");
            assert!(staff_warning >= 20 && staff_warning < staff);
        }
        assert!(AppSettings::default().idle_for(true).0 < AppSettings::default().idle_for(false).0);
    }
}
