//! How full this tablet's storage for the app is, and when to warn staff about it.
//! The figures come from the browser (`navigator.storage.estimate()`); the rule is
//! here so that it is tested without one.

/// Warn from this share of the quota on: a few hundred photos before writes fail.
pub const NEAR_FULL_SHARE: f64 = 0.80;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageUse {
    pub used_bytes: f64,
    pub quota_bytes: f64,
}

impl StorageUse {
    /// Used share of the quota in whole percent, rounded down (so 79.9% never reads
    /// as 80%); `None` when the browser gives no quota.
    pub fn percent(&self) -> Option<u32> {
        (self.quota_bytes > 0.0).then(|| (self.used_bytes / self.quota_bytes * 100.0).clamp(0.0, 100.0).floor() as u32)
    }

    /// Whether staff should be told to back up and free space now.
    pub fn near_full(&self) -> bool {
        self.quota_bytes > 0.0 && self.used_bytes >= self.quota_bytes * NEAR_FULL_SHARE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn use_of(used: f64, quota: f64) -> StorageUse {
        StorageUse { used_bytes: used, quota_bytes: quota }
    }

    #[test]
    fn warns_from_eighty_percent_of_the_quota() {
        assert!(!use_of(1.59e9, 2e9).near_full(), "79.5% is not yet near full");
        assert!(use_of(1.6e9, 2e9).near_full(), "80% is");
        assert!(use_of(1.84e9, 2e9).near_full());
        assert!(use_of(2.5e9, 2e9).near_full(), "over the quota (the browser may report it) still warns");
    }

    #[test]
    fn percent_rounds_down_and_stays_in_range() {
        assert_eq!(use_of(1.84e9, 2e9).percent(), Some(92));
        assert_eq!(use_of(1.5999e9, 2e9).percent(), Some(79));
        assert_eq!(use_of(3e9, 2e9).percent(), Some(100));
    }

    #[test]
    fn no_quota_means_no_figures_and_no_warning() {
        assert_eq!(use_of(5e6, 0.0).percent(), None);
        assert!(!use_of(5e6, 0.0).near_full());
    }
}
