//! The staff search's index and its matcher. Only this reads the readings table:
//! an [`Entry`] is the row as stored, and its readings are worked out here, when it
//! is inserted, as numbers (a character's kind of readings, or an interned Latin
//! word) — never strings, and never again per query.
//!
//! A letter query is matched by a small automaton over query positions: a name is a
//! sequence of units, each with readings; the set of query positions reachable after
//! each unit fits in a `u64`'s bits. Per query, each kind of unit gets its steps once
//! (from position i, which positions a reading or a reading's prefix reaches); per
//! customer, matching is then a few table look-ups and bit operations per unit, with
//! no allocation.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::readings::{self, Table};
use super::{is_han, latin_readings, units, Entry, Hit, Query, Rank, Unit};

/// The longest letter query matched: positions are the bits of a `u64`.
const MAX_LETTERS: usize = 63;

/// From one query position, with one unit: `[prefix, whole, whole_or_end]` —
/// the positions after a non-empty prefix of one of its readings (initials, mixed),
/// after a whole reading, and the latter plus the end of the query if a reading goes
/// on past the query's end.
type Step = [u64; 3];

/// A query's steps for every unit of given readings, `len` positions each.
fn steps_of<'r>(q: &[u8], readings: impl Iterator<Item = &'r str>, out: &mut [Step]) {
    let len = q.len();
    let goal = 1u64 << len;
    for r in readings {
        let r = r.as_bytes();
        for (i, step) in out.iter_mut().enumerate().take(len) {
            let rest = &q[i..];
            let shared = r.iter().zip(rest).take_while(|(a, b)| a == b).count();
            if shared == 0 {
                continue;
            }
            step[0] |= ((1u64 << shared) - 1) << (i + 1);
            if shared == r.len() {
                step[1] |= 1 << (i + r.len());
                step[2] |= 1 << (i + r.len());
            } else if shared == rest.len() {
                step[2] |= goal;
            }
        }
    }
}

/// The rank of a name whose `n` units have the steps `unit(k)` for a query of `len`
/// letters: all readings in full (Exact), the start of such (Prefix), prefixes of
/// readings from the first unit on (Initials) or from a later one (Partial).
fn rank_letters<'s>(len: usize, n: usize, unit: impl Fn(usize) -> &'s [Step]) -> Option<Rank> {
    let goal = 1u64 << len;
    let below = goal - 1;
    let (mut whole, mut from_first, mut from_later) = (1u64, 1u64, 0u64);
    let (mut prefix, mut initials, mut partial) = (false, false, false);
    for k in 0..n {
        let steps = unit(k);
        if k > 0 {
            from_later |= 1;
        }
        let (mut w, mut f, mut l) = (0u64, 0u64, 0u64);
        let mut bits = whole & below;
        while bits != 0 {
            let s = &steps[bits.trailing_zeros() as usize];
            w |= s[1];
            prefix |= s[2] & goal != 0;
            bits &= bits - 1;
        }
        let mut bits = from_first & below;
        while bits != 0 {
            f |= steps[bits.trailing_zeros() as usize][0];
            bits &= bits - 1;
        }
        let mut bits = from_later & below;
        while bits != 0 {
            l |= steps[bits.trailing_zeros() as usize][0];
            bits &= bits - 1;
        }
        (whole, from_first, from_later) = (w, f, l);
        initials |= f & goal != 0;
        partial |= l & goal != 0;
    }
    if whole & goal != 0 {
        Some(Rank::Exact)
    } else if prefix {
        Some(Rank::Prefix)
    } else if initials {
        Some(Rank::Initials)
    } else if partial {
        Some(Rank::Partial)
    } else {
        None
    }
}

fn rank_phone(phone: &str, q: &str) -> Option<Rank> {
    let phone = phone.trim_start_matches('+');
    if phone == q {
        Some(Rank::Exact)
    } else if q.len() >= 4 && phone.ends_with(q) {
        Some(Rank::PhoneTail)
    } else if q.len() >= 3 && phone.starts_with(q) {
        Some(Rank::Partial)
    } else {
        None
    }
}

fn rank_hanzi(compact_name: &str, q: &str) -> Option<Rank> {
    if compact_name == q {
        Some(Rank::Exact)
    } else if compact_name.starts_with(q) {
        Some(Rank::Prefix)
    } else if compact_name.contains(q) {
        Some(Rank::Partial)
    } else {
        None
    }
}

/// The name without separators, lower case, as 汉字 queries match it.
fn compact(name: &str, out: &mut String) {
    for c in name.chars() {
        if is_han(c) {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
}

/// One query, ready to rank names: its steps for every kind of character, made once.
pub struct Matcher {
    query: Query,
    /// The letters, if a letter query short enough to match.
    letters: Vec<u8>,
    /// Per kind of character, `letters.len()` steps.
    kinds: Vec<Step>,
}

impl Matcher {
    pub fn new(query: &Query) -> Matcher {
        let mut m = Matcher { query: query.clone(), letters: Vec::new(), kinds: Vec::new() };
        if let Query::Letters(q) = query {
            if q.len() <= MAX_LETTERS {
                m.letters = q.as_bytes().to_vec();
                let table = readings::table();
                let len = q.len();
                // A syllable's steps once each; a kind of several readings is their union.
                let mut syllables = vec![Step::default(); table.syllables().len() * len];
                for (s, out) in table.syllables().iter().zip(syllables.chunks_exact_mut(len)) {
                    steps_of(&m.letters, std::iter::once(*s), out);
                }
                m.kinds = vec![Step::default(); table.kinds() * len];
                for (kind, out) in m.kinds.chunks_exact_mut(len).enumerate() {
                    for s in table.members(kind as readings::Kind) {
                        for (o, from) in out.iter_mut().zip(&syllables[*s as usize * len..]) {
                            for j in 0..3 {
                                o[j] |= from[j];
                            }
                        }
                    }
                }
            }
        }
        m
    }

    fn kind_steps(&self, kind: usize) -> &[Step] {
        let len = self.letters.len();
        &self.kinds[kind * len..(kind + 1) * len]
    }

    /// How well one customer matches, working out their readings now (for a search
    /// without an index; the index keeps them).
    pub fn rank(&self, entry: &Entry) -> Option<Rank> {
        match &self.query {
            Query::Empty => None,
            Query::Phone(q) => rank_phone(&entry.phone_digits, q),
            Query::Hanzi(q) => {
                let mut name = String::new();
                compact(&entry.name, &mut name);
                rank_hanzi(&name, &q.to_lowercase())
            }
            Query::Letters(_) if self.letters.is_empty() => None,
            Query::Letters(_) => {
                let len = self.letters.len();
                let mut unit_steps: Vec<Vec<Step>> = Vec::new();
                let mut kinds: Vec<Result<usize, usize>> = Vec::new();
                units(&entry.name, |unit| match unit {
                    Unit::Han(kind) => kinds.push(Ok(kind as usize)),
                    Unit::Latin(word) => {
                        let mut steps = vec![Step::default(); len];
                        steps_of(&self.letters, latin_readings(word).iter().map(String::as_str), &mut steps);
                        kinds.push(Err(unit_steps.len()));
                        unit_steps.push(steps);
                    }
                });
                rank_letters(len, kinds.len(), |k| match kinds[k] {
                    Ok(kind) => self.kind_steps(kind),
                    Err(latin) => &unit_steps[latin],
                })
            }
        }
    }
}

/// A hasher for small integer keys (characters, digits): the default one is made to
/// resist attacks, and slower than this index needs.
#[derive(Default)]
struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (u64::from(n) ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    /// An id's hash ([`id_hash`]), mixed already.
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A customer id's 64-bit hash (FNV-1a, then mixed so the top bits, which the table
/// takes its tags from, depend on every byte): the index keys customers by it, so
/// loading 100,000 customers copies no id.
fn id_hash(id: &str) -> u64 {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let h = (h ^ (h >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    #[cfg(test)]
    if tests::FEW_HASHES.with(std::cell::Cell::get) {
        // Tests: four hashes for every id, so ids clash all the time.
        return h >> 62;
    }
    h
}

type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// Where a unit's steps are: a kind of character (below the table's kind count), or
/// an interned Latin word (the rest).
type UnitId = u32;

/// The 汉字 block whose lists are in a table.
const HAN_BLOCK: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;
/// Phone head keys are below this.
const HEADS: usize = 1300;

/// What inserting a name needs of a kind of character's readings: their first
/// letters, all their letters (see [`letter_mask`]) and each one's first two letters.
struct KindFacts {
    firsts: Vec<u8>,
    letters: u32,
    pairs: Vec<u16>,
}

/// Every kind's [`KindFacts`], worked out once: 100,000 names would otherwise walk
/// the same readings' letters 300,000 times.
fn kind_facts() -> &'static [KindFacts] {
    static FACTS: std::sync::OnceLock<Vec<KindFacts>> = std::sync::OnceLock::new();
    FACTS.get_or_init(|| {
        let table = readings::table();
        (0..table.kinds())
            .map(|kind| {
                let mut facts = KindFacts { firsts: Vec::new(), letters: 0, pairs: Vec::new() };
                for r in table.readings(kind as readings::Kind).map(str::as_bytes) {
                    facts.firsts.push(r[0]);
                    facts.letters |= letter_mask(r);
                    if r.len() > 1 {
                        facts.pairs.push(u16::from(r[0]) << 8 | u16::from(r[1]));
                    }
                }
                facts.firsts.sort_unstable();
                facts.firsts.dedup();
                facts.pairs.sort_unstable();
                facts.pairs.dedup();
                facts
            })
            .collect()
    })
}

/// A phone number's first three digits (a shorter number: all of it, marked by its
/// length), as a bucket key below [`HEADS`]; `None` if not all digits.
fn phone_head(phone: &[u8]) -> Option<u32> {
    let head = &phone[..phone.len().min(3)];
    let value = head.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))?;
    Some(if phone.len() >= 3 { value } else { 1000 + 100 * phone.len() as u32 + value })
}

/// A phone number's last four digits, if it has four and they are digits.
fn phone_tail(phone: &[u8]) -> Option<u16> {
    let tail = phone.get(phone.len().checked_sub(4)?..)?;
    tail.iter().try_fold(0u16, |n, d| d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0')))
}

/// The letters a to z in `bytes`, one bit each; bit 31 for anything else.
fn letter_mask(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |m, b| m | if b.is_ascii_lowercase() { 1 << (b - b'a') } else { 1 << 31 })
}

/// Results within a rank go most recent visit first, then by name: as one number,
/// the visit (descending) and the name's first four bytes; equal numbers compare the
/// whole names.
fn order_key(entry: &Entry) -> u64 {
    use chrono::Datelike;
    let day = entry.last_visit.map_or(i32::MIN, |d| d.num_days_from_ce());
    let recent_first = !((day as u32) ^ 0x8000_0000);
    let mut name = [0u8; 4];
    for (to, from) in name.iter_mut().zip(entry.name.as_bytes()) {
        *to = *from;
    }
    (u64::from(recent_first) << 32) | u64::from(u32::from_be_bytes(name))
}

/// All customers, in memory, with what every keystroke needs worked out once: each
/// name's units (as numbers), its compact form, buckets by the first letter of any
/// reading, by each 汉字 and by the phone's first three and last four digits, so a
/// query looks only at those that can match.
///
/// A changed customer is re-inserted and its old entry marked dead, so the buckets
/// never need rewriting; dead entries are skipped.
#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    live: Vec<bool>,
    /// By customer id's [`id_hash`] (each looked up checks the id itself); an id
    /// whose hash another id has already is in `clashes` instead.
    by_id: IntMap<u64, u32>,
    clashes: HashMap<String, u32>,
    /// Per entry: its units' range in `units`, its compact name's in `names`.
    spans: Vec<(u32, u16)>,
    units: Vec<UnitId>,
    name_spans: Vec<(u32, u32)>,
    names: String,
    /// Per entry: its order within a rank as one number (see [`order_key`]).
    keys: Vec<u64>,
    /// Per entry: its phone's head bucket key (u32::MAX: none).
    heads: Vec<u32>,
    /// Per entry: the letters of its readings (see [`letter_mask`]): a letter query
    /// with a letter none of them has cannot match, and is ruled out by one test.
    letters: Vec<u32>,
    latin: Vec<Vec<String>>,
    latin_ids: HashMap<String, UnitId>,
    by_letter: Vec<Vec<u32>>,
    /// By the first two letters a match can start with: two of one reading, or the
    /// first of one unit's reading and of the next one's (index: first << 8 | second).
    by_pair: Vec<Vec<u32>>,
    /// By 汉字: the common block (U+4E00–U+9FFF) in a table, the rest hashed.
    han_block: Vec<Vec<u32>>,
    by_han: IntMap<char, Vec<u32>>,
    /// By [`phone_head`] (below [`HEADS`]) and [`phone_tail`] (below 10,000).
    by_head: Vec<Vec<u32>>,
    by_tail: Vec<Vec<u32>>,
    /// Entries whose phone fits no bucket (not all digits): always candidates.
    odd_phones: Vec<u32>,
    /// Lists [`insert`](Self::insert) reuses.
    scratch: (Vec<u8>, Vec<u16>, Vec<u8>, Vec<u8>),
    /// While a load inserts every customer: their bucket keys, gathered flat and
    /// handed out to the buckets at its end (see [`Gathered`]).
    gathering: Option<Box<Gathering>>,
    /// A name's 汉字 of the common block, reused by `insert`.
    block_scratch: Vec<u16>,
    /// The last queries' hits, forgotten on any change (see [`Recent`]).
    recent: std::cell::RefCell<Recent>,
}

/// From this many previous hits on, [`SearchIndex::search_within`] ranks them in
/// the index's order rather than as they came.
const WITHIN_IN_ORDER: usize = 2_000;

/// The set bits of a word, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        (self.0 != 0).then(|| {
            let b = self.0.trailing_zeros();
            self.0 &= self.0 - 1;
            b
        })
    }
}

/// The hits of the last queries that matched many. What a person types again is
/// answered by copying them instead of ranking every candidate anew: a backspace
/// (the text before the last key was searched a keystroke ago), a name pasted over
/// what was just typed, the first letters of the next 王 or 张. With 100,000
/// customers one letter matches tens of thousands; ranking them again was the
/// slowest kind of keystroke. A query with few hits is quick to search again and is
/// not kept. Any change to the index forgets them all.
#[derive(Default)]
struct Recent {
    /// Least recently used first: the query, how many of its hits are in order,
    /// the hits.
    queries: std::collections::VecDeque<(Query, usize, Vec<Hit>)>,
    hits: usize,
}

impl Recent {
    /// At most this many queries, and this many hits in all (4.8 MB).
    const QUERIES: usize = 32;
    const HITS: usize = 600_000;
    /// Fewer hits than this are not kept.
    const FEW: usize = 1_000;

    fn get(&mut self, query: &Query, top: usize) -> Option<Vec<Hit>> {
        let at = self.queries.iter().rposition(|(q, t, _)| *t == top && q == query)?;
        let used = self.queries.remove(at)?;
        let hits = used.2.clone();
        self.queries.push_back(used);
        Some(hits)
    }

    fn keep(&mut self, query: &Query, top: usize, hits: &[Hit]) {
        if hits.len() < Self::FEW || hits.len() > Self::HITS || self.queries.iter().any(|(q, t, _)| *t == top && q == query) {
            return;
        }
        while self.queries.len() >= Self::QUERIES || self.hits + hits.len() > Self::HITS {
            let Some((_, _, old)) = self.queries.pop_front() else { break };
            self.hits -= old.len();
        }
        self.hits += hits.len();
        self.queries.push_back((query.clone(), top, hits.to_vec()));
    }

    fn forget(&mut self) {
        self.queries.clear();
        self.hits = 0;
    }
}

/// Each inserted entry's keys in one kind of bucket, in insertion order: one list of
/// keys, and where each entry's run of them ends. Pushing 1.6 million keys into
/// thousands of growing bucket lists one by one was 40% of a 100,000-customer load;
/// gathered, each list is made once, at its size.
#[derive(Default)]
struct Gathered<K> {
    keys: Vec<K>,
    ends: Vec<u32>,
}

impl<K: Copy + Into<usize>> Gathered<K> {
    fn add(&mut self, keys: &[K]) {
        self.keys.extend_from_slice(keys);
        self.ends.push(self.keys.len() as u32);
    }

    /// Appends entry `first + k` to the list of each of the k-th entry's keys
    /// (counted first, then placed in one flat list by key, then copied out).
    fn spread(&self, first: u32, lists: &mut [Vec<u32>]) {
        let mut start = vec![0u32; lists.len() + 1];
        for key in &self.keys {
            start[(*key).into() + 1] += 1;
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let mut next = start.clone();
        let mut flat = vec![0u32; self.keys.len()];
        let mut begin = 0;
        for (k, end) in self.ends.iter().enumerate() {
            for key in &self.keys[begin..*end as usize] {
                let slot = &mut next[(*key).into()];
                flat[*slot as usize] = first + k as u32;
                *slot += 1;
            }
            begin = *end as usize;
        }
        for (key, list) in lists.iter_mut().enumerate() {
            let run = &flat[start[key] as usize..start[key + 1] as usize];
            if !run.is_empty() {
                list.extend_from_slice(run);
            }
        }
    }
}

/// What a load gathers: the entries from `first` on, by first letter, letter pair,
/// 汉字 of the common block (its offset in it), phone head and phone tail.
#[derive(Default)]
struct Gathering {
    first: u32,
    letters: Gathered<u8>,
    pairs: Gathered<u16>,
    han: Gathered<u16>,
    heads: Gathered<u16>,
    tails: Gathered<u16>,
}

impl SearchIndex {
    pub fn new(entries: Vec<Entry>) -> Self {
        let mut index = SearchIndex::default();
        index.reserve(entries.len());
        index.begin_load();
        for entry in entries {
            index.insert(entry);
        }
        index.end_load();
        index
    }

    /// Many inserts follow (a load): their bucket keys are gathered, and the buckets
    /// filled at [`end_load`](Self::end_load). Until then searches do not see them.
    pub fn begin_load(&mut self) {
        self.end_load();
        self.recent.get_mut().forget();
        self.gathering = Some(Box::new(Gathering { first: self.entries.len() as u32, ..Gathering::default() }));
    }

    /// The load's inserts are done: their entries go into their buckets.
    pub fn end_load(&mut self) {
        let Some(g) = self.gathering.take() else { return };
        self.recent.get_mut().forget();
        self.tables();
        g.letters.spread(g.first, &mut self.by_letter);
        g.pairs.spread(g.first, &mut self.by_pair);
        g.han.spread(g.first, &mut self.han_block);
        g.heads.spread(g.first, &mut self.by_head);
        g.tails.spread(g.first, &mut self.by_tail);
    }

    /// The bucket tables, made on first use.
    fn tables(&mut self) {
        if self.by_pair.is_empty() {
            self.by_letter = vec![Vec::new(); 256];
            self.by_pair = vec![Vec::new(); 1 << 16];
            self.han_block = vec![Vec::new(); HAN_BLOCK.clone().count()];
            self.by_head = vec![Vec::new(); HEADS];
            self.by_tail = vec![Vec::new(); 10_000];
        }
    }

    /// Makes room for `n` more customers (a load that knows about how many come).
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
        self.live.reserve(n);
        self.by_id.reserve(n);
        self.spans.reserve(n);
        self.units.reserve(3 * n);
        self.name_spans.reserve(n);
        self.names.reserve(9 * n);
        self.keys.reserve(n);
        self.heads.reserve(n);
        self.letters.reserve(n);
    }

    /// How many customers the index holds.
    pub fn len(&self) -> usize {
        self.by_id.len() + self.clashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where the customer's current entry is.
    fn position(&self, id: &str) -> Option<u32> {
        if let Some(at) = self.clashes.get(id) {
            return Some(*at);
        }
        self.by_id.get(&id_hash(id)).copied().filter(|at| self.entries[*at as usize].id == id)
    }

    /// Removes a customer (deleted, or about to be re-inserted).
    pub fn remove(&mut self, id: &str) {
        self.recent.get_mut().forget();
        let at = match self.clashes.remove(id) {
            Some(at) => Some(at),
            None => self.position(id).inspect(|_| {
                self.by_id.remove(&id_hash(id));
            }),
        };
        if let Some(at) = at {
            self.live[at as usize] = false;
        }
    }

    /// The customer's entry, if in the index.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.position(id).map(|at| &self.entries[at as usize])
    }

    /// Every customer's current entry (for lists and statistics).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().zip(&self.live).filter(|(_, live)| **live).map(|(e, _)| e)
    }

    pub fn entry(&self, hit: &Hit) -> &Entry {
        &self.entries[hit.entry as usize]
    }

    /// Roughly how many bytes the index holds on the heap (entries and all).
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let strings: usize = self.entries.iter().map(|e| e.id.capacity() + e.name.capacity() + e.phone_digits.capacity()).sum();
        let lists = |m: &mut dyn Iterator<Item = &Vec<u32>>| m.map(|v| v.capacity() * 4 + size_of::<Vec<u32>>()).sum::<usize>();
        self.entries.capacity() * size_of::<Entry>()
            + strings
            + self.by_id.capacity() * (size_of::<(u64, u32)>() + 1)
            + self.clashes.keys().map(|k| k.capacity() + size_of::<(String, u32)>()).sum::<usize>()
            + self.live.capacity()
            + self.spans.capacity() * size_of::<(u32, u16)>()
            + self.units.capacity() * 4
            + self.name_spans.capacity() * 8
            + self.names.capacity()
            + self.keys.capacity() * 8
            + self.heads.capacity() * 4
            + self.letters.capacity() * 4
            + lists(&mut self.by_letter.iter())
            + lists(&mut self.by_pair.iter())
            + lists(&mut self.han_block.iter())
            + lists(&mut self.by_han.values())
            + lists(&mut self.by_head.iter())
            + lists(&mut self.by_tail.iter())
            + self.by_han.capacity() * (size_of::<(char, Vec<u32>)>() + 1)
            + self.recent.borrow().hits * size_of::<Hit>()
    }

    /// Adds a customer, replacing an earlier entry with the same id.
    pub fn insert(&mut self, entry: Entry) {
        self.recent.get_mut().forget();
        let at = self.entries.len() as u32;
        self.live.push(true);
        let earlier = match self.clashes.get_mut(&entry.id) {
            Some(slot) => Some(std::mem::replace(slot, at)),
            None => match self.by_id.entry(id_hash(&entry.id)) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(at);
                    None
                }
                std::collections::hash_map::Entry::Occupied(mut slot) => {
                    if self.entries[*slot.get() as usize].id == entry.id {
                        Some(slot.insert(at))
                    } else {
                        // Another customer's id has this hash.
                        self.clashes.insert(entry.id.clone(), at);
                        None
                    }
                }
            },
        };
        if let Some(earlier) = earlier {
            self.live[earlier as usize] = false;
        }

        // The name's units, the first letters of their readings, the letter pairs a
        // match can start with, and all their letters.
        self.tables();
        let table: &Table = readings::table();
        let start = self.units.len();
        // Scratch lists kept between inserts: no allocation per name.
        let (mut firsts, mut pairs, mut previous, mut these) = std::mem::take(&mut self.scratch);
        firsts.clear();
        pairs.clear();
        previous.clear();
        let mut letters = 0u32;
        let (latin, latin_ids, unit_ids) = (&mut self.latin, &mut self.latin_ids, &mut self.units);
        let kinds = table.kinds();
        let kind_facts = kind_facts();
        units(&entry.name, |unit| {
            these.clear();
            let id = match unit {
                Unit::Han(kind) => {
                    // What `note` would work out from its readings, worked out once.
                    let facts = &kind_facts[kind as usize];
                    firsts.extend_from_slice(&facts.firsts);
                    letters |= facts.letters;
                    pairs.extend_from_slice(&facts.pairs);
                    for p in &previous {
                        pairs.extend(facts.firsts.iter().map(|f| u16::from(*p) << 8 | u16::from(*f)));
                    }
                    these.extend_from_slice(&facts.firsts);
                    UnitId::from(kind)
                }
                Unit::Latin(word) => {
                    let readings = latin_readings(word);
                    for r in readings.iter().map(String::as_bytes) {
                        firsts.push(r[0]);
                        letters |= letter_mask(r);
                        if r.len() > 1 {
                            pairs.push(u16::from(r[0]) << 8 | u16::from(r[1]));
                        }
                        pairs.extend(previous.iter().map(|p| u16::from(*p) << 8 | u16::from(r[0])));
                        these.push(r[0]);
                    }
                    let next = (kinds + latin.len()) as UnitId;
                    *latin_ids.entry(readings[0].clone()).or_insert_with(|| {
                        latin.push(readings);
                        next
                    })
                }
            };
            std::mem::swap(&mut previous, &mut these);
            unit_ids.push(id);
        });
        self.spans.push((start as u32, (self.units.len() - start) as u16));
        self.letters.push(letters);
        firsts.sort_unstable();
        firsts.dedup();
        pairs.sort_unstable();
        pairs.dedup();
        if let Some(g) = &mut self.gathering {
            g.letters.add(&firsts);
            g.pairs.add(&pairs);
        } else {
            for letter in &firsts {
                self.by_letter[*letter as usize].push(at);
            }
            for pair in &pairs {
                self.by_pair[*pair as usize].push(at);
            }
        }
        self.scratch = (firsts, pairs, previous, these);

        // The compact name, and its 汉字.
        let name_start = self.names.len();
        compact(&entry.name, &mut self.names);
        self.name_spans.push((name_start as u32, (self.names.len() - name_start) as u32));
        // Those of the common block by their offset in it (each once), the rest hashed.
        let mut block = std::mem::take(&mut self.block_scratch);
        block.clear();
        for c in entry.name.chars().filter(|c| is_han(*c)) {
            match (c as u32).checked_sub(*HAN_BLOCK.start()) {
                Some(k) if HAN_BLOCK.contains(&(c as u32)) => block.push(k as u16),
                _ => {
                    let list = self.by_han.entry(c).or_default();
                    if list.last() != Some(&at) {
                        list.push(at);
                    }
                }
            }
        }
        block.sort_unstable();
        block.dedup();
        match &mut self.gathering {
            Some(g) => g.han.add(&block),
            None => {
                for k in &block {
                    self.han_block[usize::from(*k)].push(at);
                }
            }
        }
        self.block_scratch = block;

        // The phone's buckets.
        let phone = entry.phone_digits.trim_start_matches('+').as_bytes();
        match phone_head(phone) {
            Some(head) => {
                self.heads.push(head);
                let tail = phone_tail(phone);
                match &mut self.gathering {
                    Some(g) => {
                        g.heads.add(&[head as u16]);
                        g.tails.add(tail.as_slice());
                    }
                    None => {
                        self.by_head[head as usize].push(at);
                        if let Some(tail) = tail {
                            self.by_tail[usize::from(tail)].push(at);
                        }
                    }
                }
            }
            None => {
                if let Some(g) = &mut self.gathering {
                    g.heads.add(&[]);
                    g.tails.add(&[]);
                }
                self.odd_phones.push(at);
                self.heads.push(u32::MAX);
            }
        }
        self.keys.push(order_key(&entry));
        self.entries.push(entry);
    }

    fn name_of(&self, at: u32) -> &str {
        let (start, len) = self.name_spans[at as usize];
        &self.names[start as usize..(start + len) as usize]
    }

    /// The latin words' steps for a matcher's query (the kinds' are the matcher's).
    fn latin_steps(&self, matcher: &Matcher) -> Vec<Step> {
        let len = matcher.letters.len();
        let mut out = vec![Step::default(); self.latin.len() * len];
        if len > 0 {
            for (readings, steps) in self.latin.iter().zip(out.chunks_exact_mut(len)) {
                steps_of(&matcher.letters, readings.iter().map(String::as_str), steps);
            }
        }
        out
    }

    /// Ranks the live entries among `candidates` (each at most once), adding hits.
    fn rank_into(&self, query: &Query, candidates: &mut dyn Iterator<Item = u32>, hits: &mut Vec<Hit>) {
        let mut live = candidates.filter(|i| self.live[*i as usize]);
        match query {
            Query::Empty => {}
            Query::Phone(q) => hits.extend(live.filter_map(|i| rank_phone(&self.entries[i as usize].phone_digits, q).map(|rank| Hit { entry: i, rank }))),
            Query::Hanzi(q) => {
                let q = q.to_lowercase();
                hits.extend(live.filter_map(|i| rank_hanzi(self.name_of(i), &q).map(|rank| Hit { entry: i, rank })));
            }
            Query::Letters(_) => {
                let matcher = Matcher::new(query);
                let len = matcher.letters.len();
                if len == 0 {
                    return;
                }
                let latin = self.latin_steps(&matcher);
                // Every letter of the query is in some reading of a name it matches.
                let needed = letter_mask(&matcher.letters) & !(1 << 31);
                let kinds = readings::table().kinds();
                let steps = |id: UnitId| -> &[Step] {
                    let id = id as usize;
                    if id < kinds {
                        matcher.kind_steps(id)
                    } else {
                        &latin[(id - kinds) * len..(id - kinds + 1) * len]
                    }
                };
                hits.extend(live.by_ref().filter(|i| needed & !self.letters[*i as usize] == 0).filter_map(|i| {
                    let (start, n) = self.spans[i as usize];
                    let units = &self.units[start as usize..start as usize + n as usize];
                    rank_letters(len, units.len(), |k| steps(units[k])).map(|rank| Hit { entry: i, rank })
                }));
            }
        }
    }

    /// The bucket a letter query's candidates are in: the entries with a reading
    /// starting with its first letter, or with its first two letters (see `by_pair`).
    fn letter_bucket(&self, q: &str) -> &[u32] {
        match q.as_bytes() {
            [] => &[],
            [first] => self.by_letter[*first as usize].as_slice(),
            [first, second, ..] => self.by_pair[(usize::from(*first) << 8) | usize::from(*second)].as_slice(),
        }
    }

    /// A 汉字 query's candidates: the list of its rarest character.
    fn han_bucket(&self, q: &str) -> &[u32] {
        q.chars().filter(|c| is_han(*c)).map(|c| self.han_list(c)).min_by_key(|l| l.len()).unwrap_or(&[])
    }

    /// The entries whose name has this 汉字.
    fn han_list(&self, c: char) -> &[u32] {
        match (c as u32).checked_sub(*HAN_BLOCK.start()) {
            Some(k) if HAN_BLOCK.contains(&(c as u32)) => self.han_block.get(k as usize).map_or(&[], Vec::as_slice),
            _ => self.by_han.get(&c).map_or(&[], Vec::as_slice),
        }
    }

    /// Every hit among all customers, in no order.
    fn hits(&self, query: &Query) -> Vec<Hit> {
        let mut hits = Vec::new();
        let none: &[u32] = &[];
        match query {
            Query::Empty => {}
            Query::Phone(q) => {
                let b = q.as_bytes();
                let head = phone_head(b);
                let bucket = |key: Option<u32>| key.and_then(|k| self.by_head.get(k as usize)).map_or(none, Vec::as_slice);
                // The number's start (and a whole short number) is in its head bucket;
                // a tail of 4+ digits in its tail bucket, unless the head bucket had it.
                self.rank_into(query, &mut bucket(head).iter().copied(), &mut hits);
                if b.len() >= 4 {
                    let tail = phone_tail(b).and_then(|t| self.by_tail.get(usize::from(t))).map_or(none, Vec::as_slice);
                    self.rank_into(query, &mut tail.iter().copied().filter(|i| Some(self.heads[*i as usize]) != head), &mut hits);
                }
                self.rank_into(query, &mut self.odd_phones.iter().copied(), &mut hits);
            }
            Query::Hanzi(q) => self.rank_into(query, &mut self.han_bucket(q).iter().copied(), &mut hits),
            Query::Letters(q) => self.rank_into(query, &mut self.letter_bucket(q).iter().copied(), &mut hits),
        }
        hits
    }

    /// Forgets the last queries' hits, so the next query is ranked anew (what a
    /// benchmark of the ranking itself needs).
    pub fn forget_recent(&self) {
        self.recent.borrow_mut().forget();
    }

    /// Every match, best first; within a rank the most recent visit first, then by name.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.search_top(query, usize::MAX)
    }

    /// Every hit, but only the first `top` in rank order (the rest in no order): a
    /// screen draws the first few and the count, and with 100,000 customers one letter
    /// matches tens of thousands, which need not be sorted.
    pub fn search_top(&self, query: &Query, top: usize) -> Vec<Hit> {
        self.recalled(query, top, || self.order(self.hits(query), top))
    }

    /// The kept hits of this query, or else `search`'s, kept for next time.
    fn recalled(&self, query: &Query, top: usize, search: impl FnOnce() -> Vec<Hit>) -> Vec<Hit> {
        if let Some(hits) = self.recent.borrow_mut().get(query, top) {
            return hits;
        }
        let hits = search();
        self.recent.borrow_mut().keep(query, top, &hits);
        hits
    }

    /// Like [`search_top`](Self::search_top), but only among `previous` hits (in any
    /// order): for a keystroke that only added to the end of the query (see
    /// [`Query::narrows`]).
    /// When the query's own bucket is no longer than `previous` (the first letter
    /// matched 20,000 names, the first two only the 4,000 of their bucket), the bucket
    /// is searched instead.
    pub fn search_within(&self, query: &Query, previous: &[Hit], top: usize) -> Vec<Hit> {
        let bucket = match query {
            Query::Letters(q) => Some(self.letter_bucket(q).len()),
            Query::Hanzi(q) => Some(self.han_bucket(q).len()),
            _ => None,
        };
        if bucket.is_some_and(|b| b <= previous.len()) {
            return self.search_top(query, top);
        }
        self.recalled(query, top, || {
            let mut hits = Vec::with_capacity(previous.len());
            if previous.len() < WITHIN_IN_ORDER {
                self.rank_into(query, &mut previous.iter().map(|h| h.entry), &mut hits);
            } else {
                // Many: taken in the order of the index's lists (ranked in order, each
                // entry's data is read from memory that comes next, not from all over
                // tens of megabytes), by way of one bit per entry.
                let mut marks = vec![0u64; self.entries.len().div_ceil(64)];
                for h in previous {
                    if let Some(word) = marks.get_mut(h.entry as usize / 64) {
                        *word |= 1 << (h.entry % 64);
                    }
                }
                let mut ascending = marks.iter().enumerate().flat_map(|(w, &word)| Bits(word).map(move |b| (w * 64) as u32 + b));
                self.rank_into(query, &mut ascending, &mut hits);
            }
            self.order(hits, top)
        })
    }

    fn order(&self, mut hits: Vec<Hit>, top: usize) -> Vec<Hit> {
        let order = |a: &Hit, b: &Hit| {
            a.rank
                .cmp(&b.rank)
                .then(self.keys[a.entry as usize].cmp(&self.keys[b.entry as usize]))
                .then_with(|| self.entries[a.entry as usize].name.cmp(&self.entries[b.entry as usize].name))
                .then(a.entry.cmp(&b.entry))
        };
        if top < hits.len() {
            // The best `top` to the front (unordered), then only those sorted.
            hits.select_nth_unstable_by(top, order);
            hits[..top].sort_unstable_by(order);
        } else {
            hits.sort_unstable_by(order);
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        pub(super) static FEW_HASHES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Customers whose ids share a hash are each found, replaced and removed as
    /// themselves (the index keys customers by the id's hash; here every id shares
    /// one of four).
    /// A load gathers bucket keys and hands them out at its end: what it finds is
    /// what inserting one by one finds, for every kind of query, also when the load
    /// comes after single inserts, with a customer changed and one removed during it.
    #[test]
    fn a_load_finds_what_inserting_one_by_one_finds() {
        let names = ["王伟", "李娜", "张小明", "欧阳娜娜", "Anna Lee", "吕丽", "Lü Wei", "𠮷田", "王", "单解", "曾乐", "Ng 王", "尉迟恭", "诸葛亮亮"];
        let phones = ["13812345678", "+8613912345678", "021-555", "12", "", "13800001234"];
        let entries: Vec<Entry> = (0..300)
            .map(|i| Entry::new(&format!("c{i}"), names[i % names.len()], phones[i % phones.len()], chrono::NaiveDate::from_ymd_opt(2024, 1, 1 + (i % 28) as u32)))
            .collect();
        let mut one_by_one = SearchIndex::default();
        let mut loaded = SearchIndex::default();
        for (k, entry) in entries.iter().enumerate() {
            one_by_one.insert(entry.clone());
            if k == 40 {
                loaded.begin_load();
            }
            loaded.insert(entry.clone());
        }
        let renamed = Entry::new("c7", "赵敏", "13700007777", None);
        for index in [&mut one_by_one, &mut loaded] {
            index.insert(renamed.clone());
            index.remove("c8");
        }
        assert!(loaded.search(&Query::parse("zhaomin")).is_empty(), "nothing is found before the load ends");
        loaded.end_load();
        let queries = ["w", "wang", "wangw", "wx", "l", "lv", "lu", "ln", "anna", "a l", "ouyang", "oy", "王", "王伟", "娜", "𠮷", "138", "1234", "5678", "021", "12", "zhaomin", "zm", "赵", "shan", "dan", "yuchi", "zhuge", "ng"];
        let mut compared = 0;
        for q in queries {
            let query = Query::parse(q);
            let ids = |index: &SearchIndex| index.search(&query).iter().map(|h| (index.entry(h).id.clone(), h.rank)).collect::<Vec<_>>();
            let expected = ids(&one_by_one);
            assert_eq!(ids(&loaded), expected, "{q}");
            compared += usize::from(!expected.is_empty());
        }
        assert!(compared >= 25, "most queries find someone: {compared}");
        assert!(loaded.get("c8").is_none());
        assert_eq!(loaded.get("c7").map(|e| e.name.as_str()), Some("赵敏"));
    }

    /// A query searched again (a backspace, a paste, the next customer's first
    /// letter) is answered from the last queries' hits, and never with hits from
    /// before a change: an insert, a removal, a load each forget them.
    #[test]
    fn a_query_searched_again_gives_the_same_hits_and_none_from_before_a_change() {
        let names = ["王伟", "王芳", "汪洋", "李娜", "张伟", "吴伟", "魏巍"];
        let mut index = SearchIndex::new((0..3_000).map(|i| Entry::new(&format!("c{i}"), names[i % names.len()], &format!("1380000{i:04}"), None)).collect());
        let ids = |index: &SearchIndex, hits: &[Hit]| hits.iter().map(|h| index.entry(h).id.clone()).collect::<Vec<_>>();
        let (w, wang) = (Query::parse("w"), Query::parse("wang"));
        let first = index.search_top(&w, 5);
        assert!(first.len() > 2_000, "most names have a w: {}", first.len());
        assert_eq!(index.recent.borrow().queries.len(), 1, "kept");
        let narrowed = index.search_within(&wang, &first, 5);
        assert_eq!(index.search_within(&wang, &first, 5), narrowed);
        assert_eq!(index.search_top(&w, 5), first, "the same hits, in the same order");
        assert_eq!(index.recent.borrow().queries.len(), 2, "kept once each");
        index.forget_recent();
        assert_eq!(index.search_top(&wang, 5), narrowed, "narrowed or not, the same hits");
        index.search_top(&w, 5);
        // A new 王: found at once by both queries.
        index.insert(Entry::new("new", "王新", "13900000000", None));
        assert!(index.recent.borrow().queries.is_empty(), "forgotten on insert");
        assert!(ids(&index, &index.search(&w)).contains(&"new".to_string()));
        assert!(ids(&index, &index.search_within(&wang, &index.search(&w), 5)).contains(&"new".to_string()));
        // Removed: found by neither.
        index.search_top(&wang, 5);
        index.remove("new");
        assert!(!ids(&index, &index.search_top(&wang, 5)).contains(&"new".to_string()));
        // A load's customers: not before it ends, found after.
        index.begin_load();
        index.insert(Entry::new("late", "王后来", "13900000001", None));
        assert!(!ids(&index, &index.search(&wang)).contains(&"late".to_string()));
        index.end_load();
        assert!(ids(&index, &index.search(&wang)).contains(&"late".to_string()));
    }

    /// Thousands of previous hits are ranked in the index's order: what is found and
    /// its order are the same as a fresh search's.
    #[test]
    fn many_previous_hits_narrow_to_what_a_fresh_search_finds() {
        let names = ["王安娜", "王伟", "万宁", "吴安", "汪洋", "李娃", "娃娃", "瓦力"];
        let entries: Vec<Entry> = (0..6_000)
            .map(|i| Entry::new(&format!("c{i}"), names[i % names.len()], &format!("138{i:08}"), chrono::NaiveDate::from_ymd_opt(2024, 1 + (i % 12) as u32, 1 + (i % 28) as u32)))
            .collect();
        let index = SearchIndex::new(entries);
        let ids = |hits: &[Hit]| hits.iter().map(|h| (index.entry(h).id.clone(), h.rank)).collect::<Vec<_>>();
        for (from, to) in [("wan", "wang"), ("wan", "wanan"), ("wang", "wangw")] {
            let (from, to) = (Query::parse(from), Query::parse(to));
            let previous = index.search(&from);
            assert!(previous.len() >= WITHIN_IN_ORDER, "{from:?}: {}", previous.len());
            assert!(index.letter_bucket(match &to { Query::Letters(q) => q, _ => unreachable!() }).len() > previous.len(), "{to:?} narrows within the hits");
            let within = index.search_within(&to, &previous, usize::MAX);
            index.forget_recent();
            let fresh = index.search(&to);
            assert!(!fresh.is_empty(), "{to:?}");
            assert_eq!(ids(&within), ids(&fresh), "{to:?}");
        }
    }

    /// Only queries with many hits are kept, at most so many, the least recently
    /// used forgotten first.
    #[test]
    fn only_the_last_queries_with_many_hits_are_kept() {
        let index = SearchIndex::new((0..3_000).map(|i| Entry::new(&format!("c{i}"), "王伟", &format!("1380000{i:04}"), None)).collect());
        let w = Query::parse("w");
        assert!(index.search_top(&Query::parse("13800000001"), 10).len() == 1);
        assert!(index.recent.borrow().queries.is_empty(), "one hit: not kept");
        // The same query for another number of ordered hits is another entry.
        for top in 0..Recent::QUERIES {
            index.search_top(&w, top);
        }
        index.search_top(&w, 0);
        for top in Recent::QUERIES..Recent::QUERIES + 4 {
            index.search_top(&w, top);
        }
        let recent = index.recent.borrow();
        assert_eq!(recent.queries.len(), Recent::QUERIES);
        let kept: Vec<usize> = recent.queries.iter().map(|q| q.1).collect();
        assert!(kept.contains(&0), "used again: kept");
        assert!(!kept.contains(&1) && !kept.contains(&4) && kept.contains(&5), "the least recently used forgotten: {kept:?}");
        assert_eq!(recent.hits, recent.queries.iter().map(|q| q.2.len()).sum::<usize>());
    }

    #[test]
    fn customers_whose_ids_share_a_hash_are_kept_apart() {
        FEW_HASHES.with(|f| f.set(true));
        let names = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "黄勇", "赵军", "吴杰", "周涛"];
        let entry = |i: usize, name: &str| Entry::new(&format!("c{i}"), name, &format!("1380000{i:04}"), None);
        let mut index = SearchIndex::new(names.iter().enumerate().map(|(i, n)| entry(i, n)).collect());
        assert_eq!(index.len(), 10);
        for (i, name) in names.iter().enumerate() {
            assert_eq!(index.get(&format!("c{i}")).map(|e| e.name.as_str()), Some(*name), "c{i} is {name}");
        }
        // One renamed (in the table), one renamed (among the clashes), two removed.
        index.insert(entry(0, "王伟强"));
        index.insert(entry(9, "周涛涛"));
        index.remove("c3");
        index.remove("c8");
        index.remove("c8");
        assert_eq!(index.len(), 8);
        assert_eq!(index.get("c0").map(|e| e.name.as_str()), Some("王伟强"));
        assert_eq!(index.get("c9").map(|e| e.name.as_str()), Some("周涛涛"));
        assert!(index.get("c3").is_none() && index.get("c8").is_none() && index.get("c10").is_none());
        let found = |q: &str| index.search(&Query::parse(q)).iter().map(|h| index.entry(h).id.clone()).collect::<Vec<_>>();
        assert_eq!(found("王伟"), ["c0"]);
        assert_eq!(found("周涛"), ["c9"]);
        assert!(found("刘洋").is_empty() && found("吴杰").is_empty());
        assert_eq!(index.entries().count(), 8);
        FEW_HASHES.with(|f| f.set(false));
    }

    /// Not a test: `cargo test --release --lib search_timing -- --ignored --nocapture`
    /// prints how long fresh queries take natively at 100,000 customers.
    #[test]
    #[ignore]
    fn search_timing() {
        const SURNAMES: &str = "王王王王王李李李李李张张张张刘刘刘陈陈陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解";
        const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉晓东海燕小志文斌春燕雪琴云飞鹏辉丹萍宇浩然欣怡子涵梓轩博文佳琪";
        let (s, g): (Vec<char>, Vec<char>) = (SURNAMES.chars().collect(), GIVEN.chars().collect());
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let t0 = std::time::Instant::now();
        let entries: Vec<Entry> = (0..100_000)
            .map(|i| {
                let mut name = String::new();
                name.push(s[(next() % s.len() as u64) as usize]);
                for _ in 0..1 + next() % 2 {
                    name.push(g[(next() % g.len() as u64) as usize]);
                }
                let phone = format!("1{}{:09}", 3 + next() % 7, next() % 1_000_000_000);
                Entry::new(&format!("c{i}"), &name, &phone, chrono::NaiveDate::from_ymd_opt(2024, 1, 1).map(|d| d + chrono::Days::new(next() % 1000)))
            })
            .collect();
        let made = t0.elapsed();
        // The load's path: the rows as stored (one text), parsed, then indexed.
        let text = entries.iter().map(|e| e.to_row()).collect::<Vec<_>>().join("\n");
        let t0 = std::time::Instant::now();
        let entries: Vec<Entry> = text.split('\n').filter_map(Entry::from_row).collect();
        let parsed = t0.elapsed();
        let t0 = std::time::Instant::now();
        if std::env::var_os("BUILD_ONLY").is_some() {
            for _ in 0..10 {
                let t0 = std::time::Instant::now();
                let entries: Vec<Entry> = text.split('\n').filter_map(Entry::from_row).collect();
                let t1 = std::time::Instant::now();
                let index = SearchIndex::new(entries);
                println!("parse {:?} build {:?}", t1 - t0, t1.elapsed());
                std::hint::black_box(index);
            }
            return;
        }
        let index = SearchIndex::new(entries);
        println!("entries made {made:?}, rows parsed {parsed:?}, index built {:?}, {} MB", t0.elapsed(), index.memory_bytes() / 1_000_000);
        for q in ["w", "z", "l", "wang", "wangx", "wangxiaoming", "zhangw", "zw", "zwm", "x", "王", "王小", "王小明", "1", "13", "138", "8000", "13812345678"] {
            let query = Query::parse(q);
            let mut times = Vec::new();
            let mut hits = 0;
            for _ in 0..20 {
                index.forget_recent();
                let t = std::time::Instant::now();
                hits = index.search_top(&query, 50).len();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            println!("{q:>14}: {hits:>6} hits, median {:.2} ms, max {:.2} ms", times[10], times[19]);
        }
    }
}
