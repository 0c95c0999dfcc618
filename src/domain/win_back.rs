//! 揽回流失的顾客: who has been away long enough to count as lost, and the letter the
//! stores' documents send them ("去函询问比打电话有效"). The letter is the documents'
//! own, cleaned up, addressed to the customer and signed by the store.

use chrono::NaiveDate;

use super::classify::{activity, Activity, ClassThresholds};
use super::search::Entry;
use crate::i18n::{Lang, Msg, T};

/// The lost customers among `entries` on `today`, the most recently lost first (the
/// likeliest to come back), then by name.
pub fn lost_customers<'a>(entries: impl IntoIterator<Item = &'a Entry>, today: NaiveDate, thresholds: &ClassThresholds) -> Vec<&'a Entry> {
    let mut lost: Vec<&Entry> = entries
        .into_iter()
        .filter(|e| activity(e.last_visit, today, thresholds) == Some(Activity::Lost))
        .collect();
    super::sort::sort_by(&mut lost, |a, b| b.last_visit.cmp(&a.last_visit).then_with(|| a.name.cmp(&b.name)));
    lost
}

/// The win-back letter (the catalogue's `WinBackLetter`), addressed with `salutation`
/// (王先生, Mr Wang) and signed with the store's name and `date`.
pub fn letter(salutation: &str, store_name: &str, date: NaiveDate, lang: Lang) -> String {
    Msg::new(T::WinBackLetter).arg(salutation).arg(store_name).arg(date).get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn entry(name: &str, days_ago: Option<u64>) -> Entry {
        Entry::new(name, name, "13800000000", days_ago.and_then(|d| today().checked_sub_days(Days::new(d))))
    }

    #[test]
    fn only_lost_customers_most_recently_lost_first() {
        let all = [entry("有效", Some(10)), entry("沉睡", Some(180)), entry("久", Some(400)), entry("刚流失", Some(181)), entry("新", None), entry("乙", Some(200)), entry("甲", Some(200))];
        let lost: Vec<_> = lost_customers(&all, today(), &ClassThresholds::default()).into_iter().map(|e| e.name.as_str()).collect();
        assert_eq!(lost, ["刚流失", "乙", "甲", "久"]);
        let short = ClassThresholds { active_days: 5, dormant_days: 9, ..Default::default() };
        assert_eq!(lost_customers(&all, today(), &short).len(), 6, "the thresholds passed in decide");
    }

    #[test]
    fn the_search_index_lists_each_customer_once_as_they_are_now() {
        use crate::domain::search::SearchIndex;
        let mut index = SearchIndex::new(vec![entry("甲", Some(300)), entry("乙", Some(250)), entry("丙", Some(200))]);
        index.remove("乙");
        // 丙 came back: the newer entry replaces the old one.
        index.insert(entry("丙", Some(1)));
        let lost: Vec<_> = lost_customers(index.entries(), today(), &ClassThresholds::default()).into_iter().map(|e| e.name.as_str()).collect();
        assert_eq!(lost, ["甲"]);
        assert_eq!(index.entries().count(), 2);
    }

    #[test]
    fn the_letter_is_addressed_signed_and_dated_in_either_language() {
        let zh = letter("王先生", "北京朝阳店", today(), Lang::Zh);
        assert!(zh.starts_with("亲爱的王先生，您好："), "{zh}");
        assert!(zh.contains("我们做得不够好！"));
        assert!(zh.ends_with("北京朝阳店\n2026年11月23日"), "{zh}");
        assert!(!zh.contains("您您"), "the document's doubled 您 is cleaned");
        let en = letter("Mr Wang", "Chaoyang store", today(), Lang::En);
        assert!(en.starts_with("Dear Mr Wang,"));
        assert!(en.ends_with("Chaoyang store\n23 November 2026"), "{en}");
        assert!(!en.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)));
    }
}
