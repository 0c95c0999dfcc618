//! Finding a returning customer as staff type: 汉字 (whole name or part), full pinyin
//! ("wangchao"), initials ("wc"), mixed ("wangc", "wang c"), or phone digits (whole
//! number, its start, or its last 4+ digits). Pure and in memory: the staff screen
//! builds a [`SearchIndex`] once, and every keystroke searches it, never IndexedDB.
//!
//! A character matches by the readings a person would type ([`readings`](mod@readings)):
//! its common ones, every one of a polyphone (曾 zeng/ceng, 单 shan/dan, 解 xie/jie),
//! a surname's as a surname — never a rare dictionary reading. The matcher tries
//! each reading of each character rather than expanding every combination of a name.
//!
//! [`Entry`] is a customer's row as stored (`search_rows`) and shown; it computes no
//! readings. The [`SearchIndex`] works them out when an entry goes in, so only code
//! that builds the staff search index reads the readings table.

use chrono::NaiveDate;

mod index;
pub mod readings;

pub use index::{Matcher, SearchIndex};

mod classes;
pub use classes::{EffectClass, Gender, ProspectClass};

/// How well a customer matches; lower is better. Ties go to the most recent visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The whole name (汉字 or pinyin) or the whole phone number.
    Exact,
    /// The start of the name: 汉字 prefix or the start of its full pinyin.
    Prefix,
    /// Initials or mixed pinyin from the surname on ("wc", "wangc").
    Initials,
    /// The last 4+ digits of the phone number.
    PhoneTail,
    /// Elsewhere: part of the given name, the start of a phone number.
    Partial,
}

/// What the query looks like decides what it searches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// Digits only (spaces and dashes allowed): searches phones.
    Phone(String),
    /// Contains Chinese characters: searches names as written.
    Hanzi(String),
    /// Letters: searches pinyin readings and Latin names.
    Letters(String),
    Empty,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let compact: String = input.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\'' | '·')).collect();
        if compact.is_empty() {
            Query::Empty
        } else if compact.chars().all(|c| c.is_ascii_digit()) {
            Query::Phone(compact)
        } else if compact.chars().any(is_han) {
            Query::Hanzi(compact)
        } else {
            Query::Letters(compact.to_lowercase().replace('ü', "v"))
        }
    }

    /// Whether every match of `self` is also a match of `previous` (the query only
    /// grew at its end), so a keystroke may search the previous results only.
    pub fn narrows(&self, previous: &Query) -> bool {
        match (self, previous) {
            (Query::Phone(a), Query::Phone(b)) | (Query::Hanzi(a), Query::Hanzi(b)) | (Query::Letters(a), Query::Letters(b)) => {
                // Phone tails are matched at the end, so a longer tail is not a narrowing.
                a.starts_with(b.as_str()) && !matches!(self, Query::Phone(_))
            }
            _ => false,
        }
    }
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The readings of each written unit of a name: the readings a person would type
/// of each Chinese character (see [`readings`](mod@readings)), or a Latin word in
/// lower case. For tests and tools; the index keeps them as numbers.
pub fn readings(name: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    units(name, |unit| {
        out.push(match unit {
            Unit::Han(kind) => readings::table().readings(kind).map(str::to_string).collect(),
            Unit::Latin(word) => latin_readings(word),
        })
    });
    out
}

/// A written unit of a name.
pub(crate) enum Unit {
    /// A Chinese character with readings (one without is left out).
    Han(readings::Kind),
    /// A Latin word (letters and digits), lower case.
    Latin(String),
}

/// Calls `f` with each unit of `name`, in order.
pub(crate) fn units(name: &str, mut f: impl FnMut(Unit)) {
    let table = readings::table();
    for word in name.split(|c: char| c.is_whitespace() || matches!(c, '·' | '-' | '\'')) {
        let mut latin = String::new();
        for c in word.chars() {
            if is_han(c) {
                if !latin.is_empty() {
                    f(Unit::Latin(std::mem::take(&mut latin)));
                }
                if let Some(kind) = table.kind_of(c) {
                    f(Unit::Han(kind));
                }
            } else if c.is_alphanumeric() {
                latin.extend(c.to_lowercase());
            }
        }
        if !latin.is_empty() {
            f(Unit::Latin(latin));
        }
    }
}

/// A Latin word's readings: ü is typed as v (as in pinyin) or as u.
pub(crate) fn latin_readings(word: String) -> Vec<String> {
    if word.contains('ü') {
        vec![word.replace('ü', "v"), word.replace('ü', "u")]
    } else {
        vec![word]
    }
}

/// One customer as the search sees them, and as a result line shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub phone_digits: String,
    pub last_visit: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    // What lists, filters and statistics need, so that they read no customer records:
    pub first_visit: Option<NaiveDate>,
    pub effect: Option<EffectClass>,
    pub prospect: Option<ProspectClass>,
    /// Bought, net of refunds, in fen.
    pub bought_fen: i64,
    /// The latest logged follow-up's day.
    pub last_contact: Option<NaiveDate>,
    /// Registered while a record of possibly the same person existed: staff look.
    pub possible_duplicate: bool,
    /// The staff member the customer is assigned to (their id).
    pub staff_id: Option<String>,
    /// Came by a referral (written at registration or linked).
    pub referred: bool,
    /// The referrer's record, once linked.
    pub referred_by: Option<String>,
    /// The referrer was thanked.
    pub referral_thanked: bool,
}

impl Entry {
    pub fn new(id: &str, name: &str, phone_digits: &str, last_visit: Option<NaiveDate>) -> Self {
        Entry {
            id: id.to_string(),
            name: name.to_string(),
            phone_digits: phone_digits.to_string(),
            last_visit,
            gender: None,
            birth_date: None,
            first_visit: None,
            effect: None,
            prospect: None,
            bought_fen: 0,
            last_contact: None,
            possible_duplicate: false,
            staff_id: None,
            referred: false,
            referred_by: None,
            referral_thanked: false,
        }
    }


    /// The entry as one line of text, as the `search_rows` store keeps it: one string
    /// per customer loads far faster from IndexedDB than an object with fields.
    /// Fields are tab-separated: id, name, phone digits, gender, birth date, last visit,
    /// then (since schema v5) first visit, effect class, prospect class, amount bought,
    /// last contact. A v4 row (six fields) still reads, with those left empty.
    pub fn to_row(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let gender = match self.gender {
            Some(Gender::Male) => "m",
            Some(Gender::Female) => "f",
            Some(Gender::Other) => "o",
            None => "",
        };
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let effect = self.effect.map(|e| e.code()).unwrap_or_default();
        let prospect = self.prospect.map(|p| p.code()).unwrap_or_default();
        [
            clean(&self.id),
            clean(&self.name),
            clean(&self.phone_digits),
            gender.into(),
            day(self.birth_date),
            day(self.last_visit),
            day(self.first_visit),
            effect.into(),
            prospect.into(),
            self.bought_fen.to_string(),
            day(self.last_contact),
            if self.possible_duplicate { "d" } else { "" }.into(),
            clean(self.staff_id.as_deref().unwrap_or_default()),
            match (self.referred, self.referral_thanked) {
                (false, _) => "",
                (true, false) => "r",
                (true, true) => "rt",
            }
            .into(),
            clean(self.referred_by.as_deref().unwrap_or_default()),
        ]
        .join("\t")
    }

    /// Reads a line made by [`to_row`](Self::to_row); `None` if it is not one.
    pub fn from_row(row: &str) -> Option<Entry> {
        let mut fields = Fields(Some(row));
        let (id, name, phone) = (fields.next()?, fields.next()?, fields.next()?);
        let gender = match fields.next()? {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            "o" => Some(Gender::Other),
            "" => None,
            _ => return None,
        };
        let day = |s: &str| if s.is_empty() { Ok(None) } else { parse_day(s).map(Some).ok_or(()) };
        let birth = day(fields.next()?).ok()?;
        let last = day(fields.next()?).ok()?;
        if id.is_empty() {
            return None;
        }
        let mut entry = Entry::new(id, name, phone, last);
        entry.gender = gender;
        entry.birth_date = birth;
        // The fields after the sixth (at most nine), without a list made for each row.
        let mut rest: [&str; 9] = [""; 9];
        let mut count = 0;
        for field in fields {
            *rest.get_mut(count)? = field;
            count += 1;
        }
        match &rest[..count] {
            [] => {}
            [first, effect, prospect, bought, contact, more @ ..] if more.len() <= 4 => {
                entry.first_visit = day(first).ok()?;
                entry.effect = if effect.is_empty() { None } else { Some(EffectClass::from_code(effect)?) };
                entry.prospect = if prospect.is_empty() { None } else { Some(ProspectClass::from_code(prospect)?) };
                entry.bought_fen = bought.parse().ok()?;
                entry.last_contact = day(contact).ok()?;
                entry.possible_duplicate = match more.first() {
                    None | Some(&"") => false,
                    Some(&"d") => true,
                    _ => return None,
                };
                // Since issue 20: the staff member the customer is assigned to.
                entry.staff_id = more.get(1).filter(|s| !s.is_empty()).map(|s| s.to_string());
                (entry.referred, entry.referral_thanked) = match more.get(2) {
                    None | Some(&"") => (false, false),
                    Some(&"r") => (true, false),
                    Some(&"rt") => (true, true),
                    _ => return None,
                };
                entry.referred_by = more.get(3).filter(|s| !s.is_empty()).map(|s| s.to_string());
            }
            _ => return None,
        }
        Some(entry)
    }

    /// The last four digits of the phone, as results show it (the whole number stays
    /// off the list: people nearby can see the screen).
    pub fn phone_tail(&self) -> &str {
        let n = self.phone_digits.len();
        &self.phone_digits[n.saturating_sub(4)..]
    }
}

/// `YYYY-MM-DD`, as rows write days (without chrono's format parser: 100,000 rows
/// are read at once).
/// A row's fields, split at tabs byte by byte: `str::split('\t')` sets up a search
/// for every field, and 100,000 rows of a dozen short fields each are a sign-in's load.
struct Fields<'a>(Option<&'a str>);

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        match rest.bytes().position(|b| b == b'\t') {
            Some(tab) => {
                self.0 = Some(&rest[tab + 1..]);
                Some(&rest[..tab])
            }
            None => {
                self.0 = None;
                Some(rest)
            }
        }
    }
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| b[r].iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')));
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Position in the index's entries.
    pub entry: u32,
    pub rank: Rank,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    fn index() -> SearchIndex {
        SearchIndex::new(vec![
            Entry::new("wangchao", "王超", "13800138000", day("2026-10-01")),
            Entry::new("wangchaoyang", "王朝阳", "13911112222", day("2026-11-01")),
            Entry::new("zeng", "曾小燕", "13722223333", day("2026-05-01")),
            Entry::new("shan", "单田芳", "13633334444", None),
            Entry::new("xie", "解晓东", "13544445555", None),
            Entry::new("anna", "Anna Müller", "+85291234567", None),
            Entry::new("lv", "吕娜", "13355556666", None),
            Entry::new("huang", "黄超", "13000008000", day("2026-11-20")),
        ])
    }

    fn ids(index: &SearchIndex, q: &str) -> Vec<String> {
        index.search(&Query::parse(q)).iter().map(|h| index.entry(h).id.clone()).collect()
    }

    fn rank_of(index: &SearchIndex, q: &str, id: &str) -> Option<Rank> {
        index.search(&Query::parse(q)).into_iter().find(|h| index.entry(h).id == id).map(|h| h.rank)
    }

    #[test]
    fn queries_are_classified_by_what_they_look_like() {
        assert_eq!(Query::parse(" 138-0013 "), Query::Phone("1380013".into()));
        assert_eq!(Query::parse("王 超"), Query::Hanzi("王超".into()));
        assert_eq!(Query::parse("Wang C"), Query::Letters("wangc".into()));
        assert_eq!(Query::parse("  "), Query::Empty);
    }

    #[test]
    fn finds_by_hanzi_full_pinyin_initials_and_mixed() {
        let idx = index();
        assert_eq!(ids(&idx, "王超")[0], "wangchao");
        assert_eq!(ids(&idx, "wangchao")[0], "wangchao");
        assert_eq!(rank_of(&idx, "wangchao", "wangchao"), Some(Rank::Exact));
        assert_eq!(rank_of(&idx, "wc", "wangchao"), Some(Rank::Initials));
        assert_eq!(rank_of(&idx, "wang c", "wangchao"), Some(Rank::Prefix), "the start of the full pinyin");
        assert_eq!(rank_of(&idx, "wchao", "wangchao"), Some(Rank::Initials));
        assert_eq!(rank_of(&idx, "超", "wangchao"), Some(Rank::Partial));
        assert!(!ids(&idx, "wc").contains(&"zeng".to_string()));
    }

    #[test]
    fn polyphonic_surnames_match_under_every_reading() {
        let idx = index();
        for q in ["zengxiaoyan", "cengxiaoyan", "zxy", "cxy"] {
            assert_eq!(ids(&idx, q), ["zeng"], "{q}");
        }
        for q in ["shantianfang", "dantianfang", "stf", "dtf"] {
            assert_eq!(ids(&idx, q), ["shan"], "{q}");
        }
        for q in ["xiexiaodong", "jiexiaodong", "jxd"] {
            assert_eq!(ids(&idx, q), ["xie"], "{q}");
        }
        assert_eq!(ids(&idx, "lvna"), ["lv"], "ü is typed as v");
    }

    #[test]
    fn latin_names_match_by_word_and_initials() {
        let idx = index();
        assert_eq!(ids(&idx, "anna"), ["anna"]);
        assert_eq!(ids(&idx, "am"), ["anna"]);
        assert_eq!(rank_of(&idx, "Anna Müller", "anna"), Some(Rank::Exact));
        assert_eq!(rank_of(&idx, "muller", "anna"), Some(Rank::Partial), "ü typed as u");
        assert_eq!(rank_of(&idx, "mvller", "anna"), Some(Rank::Partial), "ü typed as v");
    }

    #[test]
    fn phone_digits_match_whole_tail_or_start() {
        let idx = index();
        assert_eq!(ids(&idx, "13800138000"), ["wangchao"]);
        assert_eq!(rank_of(&idx, "13800138000", "wangchao"), Some(Rank::Exact));
        // Two tails end in 8000: the one visited most recently comes first.
        assert_eq!(ids(&idx, "8000"), ["huang", "wangchao"]);
        assert_eq!(rank_of(&idx, "8000", "wangchao"), Some(Rank::PhoneTail));
        assert!(ids(&idx, "800").is_empty(), "a tail needs 4 digits");
        assert_eq!(rank_of(&idx, "1391", "wangchaoyang"), Some(Rank::Partial));
        assert_eq!(ids(&idx, "91234567"), ["anna"], "foreign numbers by tail");
    }

    #[test]
    fn ranking_is_exact_then_prefix_then_initials_then_recent_first() {
        let idx = index();
        // "wangchao" is 王超 exactly and the start of 王朝阳.
        assert_eq!(ids(&idx, "wangchao"), ["wangchao", "wangchaoyang"]);
        assert_eq!(rank_of(&idx, "wangchao", "wangchaoyang"), Some(Rank::Prefix));
        // "王" is a prefix of both: the more recent visit first.
        assert_eq!(ids(&idx, "王"), ["wangchaoyang", "wangchao"]);
        // "wc": both by initials, 王朝阳 visited more recently.
        assert_eq!(ids(&idx, "wc"), ["wangchaoyang", "wangchao"]);
        // "ch": only the given names start with ch (黄超 most recent).
        assert_eq!(ids(&idx, "chao")[0], "huang");
    }

    #[test]
    fn a_changed_or_removed_customer_is_found_as_they_are_now() {
        let mut idx = index();
        idx.insert(Entry::new("wangchao", "王小超", "13800138000", day("2026-10-01")));
        assert_eq!(idx.len(), 8, "replaced, not added");
        assert_eq!(ids(&idx, "王超"), Vec::<String>::new());
        assert_eq!(ids(&idx, "王小超"), ["wangchao"]);
        idx.remove("wangchao");
        assert!(ids(&idx, "13800138000").is_empty());
        assert_eq!(idx.len(), 7);
    }

    #[test]
    fn the_top_hits_are_the_same_whether_or_not_the_rest_is_sorted() {
        let mut entries = Vec::new();
        for i in 0..300u32 {
            let name = ["王超", "王朝阳", "汪诚", "吴超"][i as usize % 4];
            let visit = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(i * 7 % 300));
            entries.push(Entry::new(&format!("c{i}"), name, &format!("138{i:08}"), Some(visit)));
        }
        let idx = SearchIndex::new(entries);
        let q = Query::parse("wc");
        let all = idx.search(&q);
        let top = idx.search_top(&q, 50);
        assert_eq!(top.len(), all.len(), "the count stays whole");
        let ids = |hits: &[Hit]| hits.iter().map(|h| idx.entry(h).id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&top[..50]), ids(&all[..50]));
        let narrower = Query::parse("wch");
        assert_eq!(ids(&idx.search_within(&narrower, &top, 50)[..20]), ids(&idx.search(&narrower)[..20]));
    }

    #[test]
    fn a_growing_query_can_search_the_previous_results_only() {
        let idx = index();
        let first = Query::parse("wa");
        let hits = idx.search(&first);
        let next = Query::parse("wangc");
        assert!(next.narrows(&first));
        let within = idx.search_within(&next, &hits, usize::MAX);
        idx.forget_recent();
        assert_eq!(within, idx.search(&next));
        assert!(!Query::parse("w").narrows(&first), "deleting a letter widens");
        assert!(!Query::parse("13800").narrows(&Query::parse("1380")), "phone tails do not narrow");
    }

    /// Customers whose names test the readings: compound surnames, surnames read as
    /// surnames, and names a rare dictionary reading would wrongly match.
    fn names() -> SearchIndex {
        let names = [
            "尉迟恭", "诸葛亮", "欧阳娜娜", "司马光", "上官婉儿", "东方明", "皇甫嵩", "令狐冲", "慕容复", "长孙无忌",
            "区永", "仇英", "朴志", "查良镛", "盖聂", "乐嘉", "王莉", "赵辉浩", "方芳", "王浩", "于丽", "张小明", "張小明",
            "吕娜", "曾小燕", "单田芳", "解晓东", "王超",
        ];
        SearchIndex::new(names.iter().map(|n| Entry::new(n, n, "13800000000", None)).collect())
    }

    #[test]
    fn compound_surnames_and_surname_readings_match() {
        let idx = names();
        for (q, name) in [
            ("yuchi", "尉迟恭"), ("weichi", "尉迟恭"), ("yuchigong", "尉迟恭"), ("ycg", "尉迟恭"),
            ("zhuge", "诸葛亮"), ("zhugeliang", "诸葛亮"), ("zgl", "诸葛亮"),
            ("ouyang", "欧阳娜娜"), ("ouyangn", "欧阳娜娜"), ("oynn", "欧阳娜娜"),
            ("simaguang", "司马光"), ("shangguan", "上官婉儿"), ("dongfang", "东方明"), ("huangfu", "皇甫嵩"),
            ("linghuchong", "令狐冲"), ("murong", "慕容复"), ("zhangsun", "长孙无忌"), ("zswj", "长孙无忌"),
            ("ouyong", "区永"), ("quyong", "区永"), ("qiuying", "仇英"), ("chouying", "仇英"), ("piaozhi", "朴志"),
            ("zhaliangyong", "查良镛"), ("chaly", "查良镛"), ("genie", "盖聂"), ("gainie", "盖聂"),
            ("yuejia", "乐嘉"), ("lejia", "乐嘉"), ("lvna", "吕娜"), ("zengxiaoyan", "曾小燕"), ("cxy", "曾小燕"),
            ("shantianfang", "单田芳"), ("dtf", "单田芳"), ("xiexiaodong", "解晓东"), ("jxd", "解晓东"),
            ("wang c", "王超"), ("zhang xm", "张小明"), ("zhangxiaoming", "張小明"), ("yuli", "于丽"),
        ] {
            assert!(ids(&idx, q).iter().any(|id| id == name), "{q:?} finds {name}");
        }
        assert_eq!(rank_of(&idx, "yuchigong", "尉迟恭"), Some(Rank::Exact));
        assert_eq!(rank_of(&idx, "zhuge", "诸葛亮"), Some(Rank::Prefix));
    }

    #[test]
    fn rare_dictionary_readings_do_not_match() {
        let idx = names();
        for (q, name) in [
            ("yuchi", "王莉"),   // 王 yù, 莉 chí
            ("yuli", "王莉"),    // 王 yù
            ("zhuge", "赵辉浩"), // 浩 gé
            ("wangge", "王浩"),  // 浩 gé
            ("wanggao", "王浩"), // 浩 gǎo
            ("pangfang", "方芳"), // 方 páng
            ("wf", "方芳"),      // 方 wǎng
        ] {
            assert!(!ids(&idx, q).iter().any(|id| id == name), "{q:?} must not find {name}");
        }
        assert_eq!(ids(&idx, "yuchi"), ["尉迟恭"]);
        assert_eq!(ids(&idx, "zhuge"), ["诸葛亮"]);
    }

    /// The matcher's rules written the plain way (each reading of each unit tried in
    /// turn), to check the index's bit-set matcher against.
    fn reference_rank(name: &str, q: &str) -> Option<Rank> {
        fn full(q: &[u8], units: &[Vec<String>], whole: bool) -> bool {
            let Some((first, rest)) = units.split_first() else { return q.is_empty() };
            if q.is_empty() {
                return !whole;
            }
            first.iter().any(|r| {
                let r = r.as_bytes();
                if q.len() >= r.len() { q.starts_with(r) && full(&q[r.len()..], rest, whole) } else { !whole && r.starts_with(q) }
            })
        }
        fn prefixes(q: &[u8], units: &[Vec<String>]) -> bool {
            if q.is_empty() {
                return true;
            }
            let Some((first, rest)) = units.split_first() else { return false };
            first.iter().any(|r| {
                let shared = r.bytes().zip(q.iter().copied()).take_while(|(a, b)| a == b).count();
                (1..=shared).rev().any(|n| prefixes(&q[n..], rest))
            })
        }
        let units = readings(name);
        let q = q.as_bytes();
        if full(q, &units, true) {
            Some(Rank::Exact)
        } else if full(q, &units, false) {
            Some(Rank::Prefix)
        } else if prefixes(q, &units) {
            Some(Rank::Initials)
        } else if (1..units.len()).any(|start| prefixes(q, &units[start..])) {
            Some(Rank::Partial)
        } else {
            None
        }
    }

    #[test]
    fn the_index_ranks_as_the_plain_rules_do() {
        let idx = names();
        let mut extra = vec![Entry::new("anna", "Anna Müller", "1", None), Entry::new("mix", "王 Li 小", "2", None)];
        extra.extend(idx.entries().cloned());
        let idx = SearchIndex::new(extra);
        // Every prefix of every name's first full pinyin, initials, and some strays.
        let mut queries: Vec<String> = vec!["annamvller".into(), "annamuller".into(), "am".into(), "wangli".into(), "wlx".into(), "lix".into(), "zzz".into(), "g".into()];
        for e in idx.entries() {
            let units = readings(&e.name);
            let full: String = units.iter().map(|r| r[r.len() - 1].clone()).collect();
            let initials: String = units.iter().map(|r| r[0][..1].to_string()).collect();
            for end in 1..=full.len() {
                queries.push(full[..end].to_string());
            }
            queries.push(initials);
        }
        let mut checked = 0;
        for q in &queries {
            let query = Query::parse(q);
            let matcher = Matcher::new(&query);
            let Query::Letters(letters) = &query else { panic!("{q}") };
            let hits = idx.search(&query);
            for e in idx.entries() {
                let expected = reference_rank(&e.name, letters);
                assert_eq!(matcher.rank(e), expected, "{q:?} on {}", e.name);
                assert_eq!(hits.iter().find(|h| idx.entry(h).id == e.id).map(|h| h.rank), expected, "{q:?} on {}", e.name);
                checked += usize::from(expected.is_some());
            }
        }
        assert!(checked > 500, "{checked}");
    }
}
