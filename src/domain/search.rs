//! Finding a returning customer as staff type: 汉字 (whole name or part), full pinyin
//! ("wangchao"), initials ("wc"), mixed ("wangc", "wang c"), or phone digits (whole
//! number, its start, or its last 4+ digits). Pure and in memory: the staff screen
//! builds a [`SearchIndex`] once, and every keystroke searches it, never IndexedDB.
//!
//! Polyphonic characters (曾 zeng/ceng, 单 shan/dan, 解 xie/jie) match under every
//! reading: each character keeps all its readings and the matcher tries each, rather
//! than expanding every combination of a name up front.

use std::collections::HashMap;

use chrono::NaiveDate;
use pinyin::ToPinyinMulti;

use super::classify::ProspectClass;
use super::customer::{Customer, EffectClass, Gender};

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

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The readings of each written unit of a name: every pinyin of each Chinese
/// character, or a Latin word in lower case.
pub fn readings(name: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for word in name.split(|c: char| c.is_whitespace() || matches!(c, '·' | '-' | '\'')) {
        let mut latin = String::new();
        for c in word.chars() {
            if is_han(c) {
                if !latin.is_empty() {
                    out.push(latin_readings(std::mem::take(&mut latin)));
                }
                let mut all: Vec<String> = c
                    .to_pinyin_multi()
                    .map(|m| (0..m.count()).map(|i| m.get(i).plain().replace('ü', "v")).collect())
                    .unwrap_or_default();
                all.dedup();
                if !all.is_empty() {
                    out.push(all);
                }
            } else if c.is_alphanumeric() {
                latin.extend(c.to_lowercase());
            }
        }
        if !latin.is_empty() {
            out.push(latin_readings(latin));
        }
    }
    out
}

/// A Latin word's readings: ü is typed as v (as in pinyin) or as u.
fn latin_readings(word: String) -> Vec<String> {
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
    readings: Vec<Vec<String>>,
    /// The name without separators, for 汉字 matching.
    compact_name: String,
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
            readings: readings(name),
            compact_name: name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect(),
        }
    }

    /// The customer's entry; `bought_fen` and `last_contact` come from their purchases
    /// and follow-up log.
    pub fn from_customer(c: &Customer, bought_fen: i64, last_contact: Option<NaiveDate>) -> Self {
        let mut entry = Entry::new(&c.id, &c.name, &c.phone_digits, c.last_visit.or(c.first_visit));
        entry.gender = c.gender;
        entry.birth_date = c.birth_date;
        entry.first_visit = c.first_visit;
        entry.effect = c.effect_class;
        entry.prospect = c.prospect_class;
        entry.bought_fen = bought_fen;
        entry.last_contact = last_contact;
        entry.possible_duplicate = !c.possible_duplicates.is_empty();
        entry.staff_id = c.staff_id.clone();
        entry.referred = c.referred_by.is_some() || matches!(c.info_source, Some(super::customer::InfoSource::Referral(_)));
        entry.referred_by = c.referred_by.clone();
        entry.referral_thanked = c.referral_thanked.is_some();
        entry
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
        let mut fields = row.split('\t');
        let (id, name, phone) = (fields.next()?, fields.next()?, fields.next()?);
        let gender = match fields.next()? {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            "o" => Some(Gender::Other),
            "" => None,
            _ => return None,
        };
        let day = |s: &str| if s.is_empty() { Ok(None) } else { NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some) };
        let birth = day(fields.next()?).ok()?;
        let last = day(fields.next()?).ok()?;
        if id.is_empty() {
            return None;
        }
        let mut entry = Entry::new(id, name, phone, last);
        entry.gender = gender;
        entry.birth_date = birth;
        let rest: Vec<&str> = fields.collect();
        match rest.as_slice() {
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

    pub fn rank(&self, query: &Query) -> Option<Rank> {
        match query {
            Query::Empty => None,
            Query::Phone(q) => {
                let phone = self.phone_digits.trim_start_matches('+');
                if phone == q {
                    Some(Rank::Exact)
                } else if q.len() >= 4 && phone.ends_with(q.as_str()) {
                    Some(Rank::PhoneTail)
                } else if q.len() >= 3 && phone.starts_with(q.as_str()) {
                    Some(Rank::Partial)
                } else {
                    None
                }
            }
            Query::Hanzi(q) => {
                let q = q.to_lowercase();
                if self.compact_name == q {
                    Some(Rank::Exact)
                } else if self.compact_name.starts_with(&q) {
                    Some(Rank::Prefix)
                } else if self.compact_name.contains(&q) {
                    Some(Rank::Partial)
                } else {
                    None
                }
            }
            Query::Letters(q) => {
                let q = q.as_bytes();
                let units: Vec<&[String]> = self.readings.iter().map(Vec::as_slice).collect();
                if full_reading(q, &units, true) {
                    Some(Rank::Exact)
                } else if full_reading(q, &units, false) {
                    Some(Rank::Prefix)
                } else if prefixes(q, &units) {
                    Some(Rank::Initials)
                } else if (1..units.len()).any(|start| prefixes(q, &units[start..])) {
                    Some(Rank::Partial)
                } else {
                    None
                }
            }
        }
    }
}

/// Whether `q` is one reading per unit, concatenated (all units when `whole`, else a
/// prefix of such a concatenation).
fn full_reading(q: &[u8], units: &[&[String]], whole: bool) -> bool {
    let Some((first, rest)) = units.split_first() else { return q.is_empty() };
    if q.is_empty() {
        return !whole;
    }
    first.iter().any(|r| {
        let r = r.as_bytes();
        if q.len() >= r.len() {
            q.starts_with(r) && full_reading(&q[r.len()..], rest, whole)
        } else {
            !whole && r.starts_with(q)
        }
    })
}

/// Whether `q` splits into non-empty prefixes of readings of consecutive units from
/// the first: "wc", "wangc", "wchao" all match 王超.
fn prefixes(q: &[u8], units: &[&[String]]) -> bool {
    if q.is_empty() {
        return true;
    }
    let Some((first, rest)) = units.split_first() else { return false };
    first.iter().any(|r| {
        let r = r.as_bytes();
        let shared = r.iter().zip(q).take_while(|(a, b)| a == b).count();
        (1..=shared).rev().any(|n| prefixes(&q[n..], rest))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Position in the index's entries.
    pub entry: u32,
    pub rank: Rank,
}

/// All customers, in memory, with buckets so that a keystroke looks only at those
/// that can match: by the first letter of any reading, and by each 汉字 of the name.
///
/// A changed customer is re-inserted and its old entry marked dead, so the buckets
/// never need rewriting; dead entries are skipped.
#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    live: Vec<bool>,
    by_id: HashMap<String, u32>,
    by_letter: HashMap<u8, Vec<u32>>,
    by_han: HashMap<char, Vec<u32>>,
}

impl SearchIndex {
    pub fn new(entries: Vec<Entry>) -> Self {
        let mut index = SearchIndex::default();
        for entry in entries {
            index.insert(entry);
        }
        index
    }

    /// How many customers the index holds.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Removes a customer (deleted, or about to be re-inserted).
    pub fn remove(&mut self, id: &str) {
        if let Some(at) = self.by_id.remove(id) {
            self.live[at as usize] = false;
        }
    }

    /// The customer's entry, if in the index.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|at| &self.entries[*at as usize])
    }

    /// Every customer's current entry (for lists and statistics).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().zip(&self.live).filter(|(_, live)| **live).map(|(e, _)| e)
    }

    pub fn entry(&self, hit: &Hit) -> &Entry {
        &self.entries[hit.entry as usize]
    }

    /// Adds a customer, replacing an earlier entry with the same id.
    pub fn insert(&mut self, entry: Entry) {
        self.remove(&entry.id);
        let at = self.entries.len() as u32;
        self.by_id.insert(entry.id.clone(), at);
        self.live.push(true);
        let mut letters: Vec<u8> = entry.readings.iter().flatten().filter_map(|r| r.bytes().next()).collect();
        letters.sort_unstable();
        letters.dedup();
        for l in letters {
            self.by_letter.entry(l).or_default().push(at);
        }
        let mut hans: Vec<char> = entry.name.chars().filter(|c| is_han(*c)).collect();
        hans.sort_unstable();
        hans.dedup();
        for c in hans {
            self.by_han.entry(c).or_default().push(at);
        }
        self.entries.push(entry);
    }

    /// The entries worth ranking for a query.
    fn candidates(&self, query: &Query) -> Box<dyn Iterator<Item = u32> + '_> {
        let none: &[u32] = &[];
        match query {
            Query::Empty => Box::new(none.iter().copied()),
            Query::Phone(_) => Box::new(0..self.entries.len() as u32),
            Query::Hanzi(q) => {
                // The rarest character of the query has the shortest list.
                let list = q
                    .chars()
                    .filter(|c| is_han(*c))
                    .map(|c| self.by_han.get(&c).map_or(none, Vec::as_slice))
                    .min_by_key(|l| l.len())
                    .unwrap_or(none);
                Box::new(list.iter().copied())
            }
            Query::Letters(q) => {
                let list = q.bytes().next().and_then(|b| self.by_letter.get(&b)).map_or(none, Vec::as_slice);
                Box::new(list.iter().copied())
            }
        }
    }

    /// Every match, best first; within a rank the most recent visit first, then by name.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.search_top(query, usize::MAX)
    }

    /// Every hit, but only the first `top` in rank order (the rest in no order): a
    /// screen draws the first few and the count, and with 100,000 customers one letter
    /// matches tens of thousands, which need not be sorted.
    pub fn search_top(&self, query: &Query, top: usize) -> Vec<Hit> {
        self.rank_all(query, self.candidates(query), top)
    }

    /// Like [`search_top`](Self::search_top), but only among `previous` hits (in any
    /// order): for a keystroke that only added to the end of the query (see
    /// [`Query::narrows`]).
    pub fn search_within(&self, query: &Query, previous: &[Hit], top: usize) -> Vec<Hit> {
        self.rank_all(query, Box::new(previous.iter().map(|h| h.entry)), top)
    }

    fn rank_all(&self, query: &Query, candidates: Box<dyn Iterator<Item = u32> + '_>, top: usize) -> Vec<Hit> {
        let mut hits: Vec<Hit> = candidates
            .filter(|i| self.live[*i as usize])
            .filter_map(|i| self.entries[i as usize].rank(query).map(|rank| Hit { entry: i, rank }))
            .collect();
        let order = |a: &Hit, b: &Hit| {
            let (ea, eb) = (&self.entries[a.entry as usize], &self.entries[b.entry as usize]);
            a.rank.cmp(&b.rank).then(eb.last_visit.cmp(&ea.last_visit)).then_with(|| ea.name.cmp(&eb.name))
        };
        if top < hits.len() {
            // The best `top` to the front (unordered), then only those sorted.
            hits.select_nth_unstable_by(top, order);
            hits[..top].sort_by(order);
        } else {
            hits.sort_by(order);
        }
        hits
    }
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
    fn an_entry_survives_its_row_form() {
        let mut c = Customer::new("曾\t小燕", "13722223333", &crate::domain::Stamp { store_id: "s".into(), device_id: "d".into(), now: 1 });
        c.gender = Some(Gender::Female);
        c.birth_date = day("1970-02-03");
        c.last_visit = day("2026-11-01");
        c.first_visit = day("2025-04-05");
        c.effect_class = Some(EffectClass::D);
        c.prospect_class = Some(ProspectClass::B);
        let entry = Entry::from_customer(&c, 59_600, day("2026-11-20"));
        let back = Entry::from_row(&entry.to_row()).unwrap();
        assert_eq!(back.name, "曾 小燕", "a tab in a name cannot break the row");
        assert_eq!((back.id.as_str(), back.gender, back.birth_date, back.last_visit), (c.id.as_str(), c.gender, c.birth_date, c.last_visit));
        assert_eq!((back.first_visit, back.effect, back.prospect, back.bought_fen, back.last_contact), (c.first_visit, c.effect_class, c.prospect_class, 59_600, day("2026-11-20")));
        assert_eq!(back.phone_tail(), "3333");
        assert!(!back.possible_duplicate);
        // A registration that may be someone already there carries the mark.
        c.possible_duplicates = vec!["earlier".into()];
        let marked = Entry::from_row(&Entry::from_customer(&c, 0, None).to_row()).unwrap();
        assert!(marked.possible_duplicate);
        assert_eq!(marked.staff_id, None);
        // The staff member the customer is assigned to (issue 20).
        c.staff_id = Some("staff-wang".into());
        let assigned = Entry::from_row(&Entry::from_customer(&c, 0, None).to_row()).unwrap();
        assert_eq!((assigned.staff_id.as_deref(), assigned.possible_duplicate), (Some("staff-wang"), true));
        // A row from before (twelve fields) still reads, unassigned.
        let v6 = Entry::from_row("id\t王超\t13800138000\tm\t\t2026-10-01\t\t\t\t0\t\td").unwrap();
        assert_eq!((v6.possible_duplicate, v6.staff_id), (true, None));
        // Referrals (issue 20): written at registration, then linked and thanked.
        c.info_source = Some(crate::domain::InfoSource::Referral("张阿姨".into()));
        let referred = Entry::from_row(&Entry::from_customer(&c, 0, None).to_row()).unwrap();
        assert_eq!((referred.referred, referred.referred_by.as_deref(), referred.referral_thanked), (true, None, false));
        c.referred_by = Some("zhang".into());
        c.referral_thanked = Some(5);
        let linked = Entry::from_row(&Entry::from_customer(&c, 0, None).to_row()).unwrap();
        assert_eq!((linked.referred, linked.referred_by.as_deref(), linked.referral_thanked, linked.staff_id.as_deref()), (true, Some("zhang"), true, Some("staff-wang")));
        // A v5 row (eleven fields) still reads, unmarked.
        let v5 = Entry::from_row("id\t王超\t13800138000\tm\t\t2026-10-01\t\t\t\t0\t").unwrap();
        assert!(!v5.possible_duplicate);
        // A v4 row (six fields) still reads.
        let old = Entry::from_row("id\t王超\t13800138000\tm\t\t2026-10-01").unwrap();
        assert_eq!((old.last_visit, old.bought_fen, old.effect), (day("2026-10-01"), 0, None));
        for bad in ["", "x", "id\tname\t1\tq\t\t", "id\tname\t1\tm\t1970-13-01\t", "id\tn\t1\t\t\t\textra", "id\tn\t1\t\t\t\t\tX\t\t0\t", "id\tn\t1\t\t\t\t\t\t\tabc\t", "id\tn\t1\t\t\t\t\t\t\t0\t\tq"] {
            assert_eq!(Entry::from_row(bad), None, "{bad:?}");
        }
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
        assert_eq!(idx.search_within(&next, &hits, usize::MAX), idx.search(&next));
        assert!(!Query::parse("w").narrows(&first), "deleting a letter widens");
        assert!(!Query::parse("13800").narrows(&Query::parse("1380")), "phone tails do not narrow");
    }
}
