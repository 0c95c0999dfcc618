//! The readings a person would type for each Chinese character: toneless pinyin, ü as
//! v, several for a polyphone (曾 zeng/ceng, 单 dan/shan/chan), and a surname's
//! readings as a surname (区 ou, 仇 qiu, 朴 piao, 尉 yu of 尉迟) — but not the rare
//! dictionary readings (王 yu, 莉 chi, 浩 ge) that would list 王莉 for "yuchi".
//!
//! The table is data, not code: `readings.bin`, made once by `scripts/gen_readings.py`
//! from the pinyin-data tables the `pinyin` crate is built from (its header says which
//! readings and how it is laid out), and decoded here on first use. Only the staff
//! search index reads it (through [`kind_of`]); the rows in storage never do.

use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("readings.bin");

/// The CJK Unified Ideographs block, looked up directly.
const BLOCK_START: u32 = 0x4E00;
const BLOCK_LEN: usize = 0x9FFF - 0x4E00 + 1;

/// A character's readings, as one number: a single syllable, or a set of them.
pub type Kind = u16;

pub(crate) struct Table {
    syllables: Vec<&'static str>,
    /// Per kind: its syllables' range in `members` (a syllable's kind is itself).
    kinds: Vec<(u16, u8)>,
    members: Vec<u16>,
    /// Per character of the block: kind + 1, 0 for none.
    block: Vec<u16>,
    /// Characters outside the block, ascending, with their kinds.
    outside: Vec<(u32, Kind)>,
}

impl Table {
    fn decode(data: &'static [u8]) -> Table {
        let take = |at: &mut usize, n: usize| {
            let s = &data[*at..*at + n];
            *at += n;
            s
        };
        let u16_at = |s: &[u8], i: usize| u16::from_le_bytes([s[2 * i], s[2 * i + 1]]);
        let line = data.iter().position(|b| *b == b'\n').expect("readings.bin: syllables");
        let syllables: Vec<&'static str> = std::str::from_utf8(&data[..line]).expect("readings.bin: ASCII").split(' ').collect();
        let mut at = line + 1;
        let set_count = u16_at(take(&mut at, 2), 0) as usize;
        let mut members: Vec<u16> = (0..syllables.len() as u16).collect();
        let mut kinds: Vec<(u16, u8)> = (0..syllables.len() as u16).map(|s| (s, 1)).collect();
        for _ in 0..set_count {
            let n = take(&mut at, 1)[0] as usize;
            let set = take(&mut at, 2 * n);
            kinds.push((members.len() as u16, n as u8));
            members.extend((0..n).map(|i| u16_at(set, i)));
        }
        let bitmap = take(&mut at, BLOCK_LEN / 8);
        let outside_count = u16_at(take(&mut at, 2), 0) as usize;
        let outside_codes = take(&mut at, 3 * outside_count);
        let in_block: usize = bitmap.iter().map(|b| b.count_ones() as usize).sum();
        let count = in_block + outside_count;
        let (low, high) = (take(&mut at, count), take(&mut at, count));
        debug_assert_eq!(at, data.len());
        let value = |k: usize| u16::from_le_bytes([low[k], high[k]]);
        let mut block = vec![0u16; BLOCK_LEN];
        let mut k = 0;
        for (o, slot) in block.iter_mut().enumerate() {
            if bitmap[o >> 3] & (1 << (o & 7)) != 0 {
                *slot = value(k) + 1;
                k += 1;
            }
        }
        let outside = (0..outside_count)
            .map(|i| {
                let c = &outside_codes[3 * i..3 * i + 3];
                (u32::from_le_bytes([c[0], c[1], c[2], 0]), value(in_block + i))
            })
            .collect();
        Table { syllables, kinds, members, block, outside }
    }

    /// How many kinds there are (syllables, then sets).
    pub fn kinds(&self) -> usize {
        self.kinds.len()
    }

    pub fn syllables(&self) -> &[&'static str] {
        &self.syllables
    }

    /// The syllables of a kind (indices into [`syllables`](Self::syllables)).
    pub fn members(&self, kind: Kind) -> &[u16] {
        let (start, n) = self.kinds[kind as usize];
        &self.members[start as usize..start as usize + n as usize]
    }

    /// The readings of a kind.
    pub fn readings(&self, kind: Kind) -> impl Iterator<Item = &'static str> + '_ {
        self.members(kind).iter().map(|s| self.syllables[*s as usize])
    }

    pub fn kind_of(&self, c: char) -> Option<Kind> {
        let code = c as u32;
        match code.checked_sub(BLOCK_START) {
            Some(o) if (o as usize) < BLOCK_LEN => self.block[o as usize].checked_sub(1),
            _ => self.outside.binary_search_by_key(&code, |(c, _)| *c).ok().map(|i| self.outside[i].1),
        }
    }
}

/// The table, decoded on first use (a few milliseconds).
pub(crate) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::decode(DATA))
}

/// A character's readings, if it has any.
pub fn of(c: char) -> Option<impl Iterator<Item = &'static str>> {
    let t = table();
    t.kind_of(c).map(|k| t.readings(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(c: char) -> Vec<&'static str> {
        let mut v: Vec<&str> = of(c).map(|i| i.collect()).unwrap_or_default();
        v.sort_unstable();
        v
    }

    #[test]
    fn common_and_surname_readings_are_there() {
        assert_eq!(r('王'), ["wang"]);
        assert_eq!(r('李'), ["li"]);
        assert_eq!(r('曾'), ["ceng", "zeng"]);
        assert_eq!(r('单'), ["chan", "dan", "shan"]);
        assert_eq!(r('解'), ["jie", "xie"]);
        assert_eq!(r('仇'), ["chou", "qiu"]);
        assert!(r('朴').contains(&"piao"));
        assert_eq!(r('区'), ["ou", "qu"]);
        assert_eq!(r('查'), ["cha", "zha"]);
        assert_eq!(r('盖'), ["gai", "ge"]);
        assert_eq!(r('乐'), ["le", "yue"]);
        assert_eq!(r('尉'), ["wei", "yu"]);
        assert_eq!(r('长'), ["chang", "zhang"]);
        assert_eq!(r('吕'), ["lv"], "ü is v");
        assert_eq!(r('行'), ["hang", "heng", "xing"]);
    }

    #[test]
    fn rare_dictionary_readings_are_not() {
        assert_eq!(r('莉'), ["li"], "not chi");
        assert_eq!(r('浩'), ["hao"], "not ge or gao");
        assert_eq!(r('方'), ["fang"], "not pang, wang or feng");
        assert!(!r('令').contains(&"lian"));
    }

    #[test]
    fn traditional_forms_and_characters_outside_the_block_read_too() {
        assert_eq!(r('張'), ["zhang"]);
        assert_eq!(r('陳'), ["chen"]);
        assert_eq!(r('單'), ["chan", "dan", "shan"], "a surname's readings");
        assert_eq!(r('區'), ["ou", "qu"]);
        assert_eq!(r('䶮'), ["yan"], "刘䶮: extension A, in the 通用规范汉字表");
        assert!(of('a').is_none() && of('。').is_none());
    }
}
