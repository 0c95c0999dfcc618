//! 揽回流失的顾客: who has been away long enough to count as lost, and the letter the
//! stores' documents send them ("去函询问比打电话有效"). The letter is the documents'
//! own, cleaned up, addressed to the customer and signed by the store.

use chrono::NaiveDate;

use super::classify::{activity, Activity, ClassThresholds};
use super::search::Entry;
use super::text::Lang;

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

/// The win-back letter, addressed with `salutation` (王先生, Mr Wang) and signed with
/// the store's name and `date`.
pub fn letter(salutation: &str, store_name: &str, date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "亲爱的{salutation}\u{FF0C}您好\u{FF1A}\n\n\
             当您决定不再来我们店里\u{FF0C}虽令我们感到遗憾\u{FF0C}但我们依然祝福您在新的日子里\u{FF0C}获得令您满意的服务品质。\n\n\
             虽然我们一直以提供最好的服务品质为目标\u{FF0C}但仍无法满足您的需求\u{FF0C}在此先向您致歉\u{FF01}我们做得不够好\u{FF01}\n\n\
             现在只希望您能拨冗接听来自我们客服部的电话\u{FF0C}他们将很快与您联络\u{FF0C}希望您能够不吝赐教。在此\u{FF0C}先谢谢您\u{FF01}\n\n\
             您提供的宝贵意见\u{FF0C}将是我们最珍贵的资源\u{FF0C}也是我们努力改进的目标。\n\n\
             感谢您过去的支持与爱护\u{FF0C}并期待能有再次为您服务的机会。\n\n\
             敬祝您愉快\u{FF01}\n\n\
             {store_name}\n{}",
            date.format("%Y年%-m月%-d日")
        ),
        Lang::En => format!(
            "Dear {salutation},\n\n\
             We are sorry that you have decided not to visit our store any more, and we still wish you service that satisfies you in the days ahead.\n\n\
             We have always aimed to give the best service, yet we did not meet your needs, and we apologise. We did not do well enough!\n\n\
             We only hope you can spare a moment for a call from our customer service team, who will contact you soon: please tell us frankly what we could do better. Thank you in advance!\n\n\
             Your advice is our most precious resource, and what we work to improve.\n\n\
             Thank you for your support in the past. We hope to have the chance to serve you again.\n\n\
             With best wishes,\n\n\
             {store_name}\n{}",
            date.format("%-d %B %Y")
        ),
    }
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
