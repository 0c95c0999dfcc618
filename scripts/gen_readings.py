#!/usr/bin/env python3
"""Makes crates/search/src/readings.bin, the staff search's table of the readings a
person would type for each Chinese character (toneless pinyin, ü as v).

    python3 scripts/gen_readings.py PINYIN_DATA_DIR [OUT]

PINYIN_DATA_DIR is a checkout of github.com/mozillazg/pinyin-data (the data the
`pinyin` crate is built from; the table in the repository was made from commit
82759f96236a65141ddc0cc9198fa688b7b8a7fa). Run once; the output is committed.

Which readings:
- the 8,105 characters of the 通用规范汉字表 (every character a name registered
  today may use): their readings in 《通用规范汉字字典》 (2013, kTGHZ2013.txt). That
  dictionary lists the readings in use today, the surname readings among them (区 ōu,
  仇 qiú, 朴 piáo, 单 shàn, 解 xiè, 查 zhā, 盖 gě, 尉 yù, 翟 zhái, 覃 qín …), and
  none of the rare historical ones the crate's merged table also carries (王 yù,
  莉 chí, 浩 gé);
- every other character of the CJK Unified Ideographs block (traditional forms,
  older names): its first reading in pinyin.txt (the crate's table; Unicode's
  kMandarin, the most common reading);
- SURNAMES below: readings as a surname (also the traditional forms), added if a
  source above lacks them, so a surname always matches as people say it.

Format (all integers little-endian):
  syllables, most used first, ASCII, separated by ' ', then '\\n'
  u16 C, then C sets of readings: u8 n, n × u16 syllable index
  bitmap of U+4E00..=U+9FFF (20,992 bits, least significant bit first): has readings
  u16 E, then E × 3-byte code points outside that block (ascending)
  for the K characters with readings (the block's in order, then those E): K low
  bytes, then K high bytes, of a value v: syllable v, or set v - S (S syllables)
"""

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

# Readings as a surname (and of compound surnames' characters), simplified and
# traditional forms.
SURNAMES = {
    "曾": "zeng ceng", "单": "shan dan", "單": "shan dan chan", "解": "xie jie", "仇": "qiu chou",
    "朴": "piao pu", "区": "ou qu", "區": "ou qu", "查": "zha cha", "盖": "ge gai", "蓋": "ge gai",
    "乐": "yue le", "樂": "yue le", "尉": "yu wei", "迟": "chi", "遲": "chi", "诸": "zhu", "諸": "zhu",
    "葛": "ge", "欧": "ou", "歐": "ou", "阳": "yang", "陽": "yang", "司": "si", "马": "ma", "馬": "ma",
    "上": "shang", "官": "guan", "东": "dong", "東": "dong", "方": "fang", "皇": "huang", "甫": "fu",
    "令": "ling", "狐": "hu", "慕": "mu", "容": "rong", "长": "zhang chang", "長": "zhang chang",
    "孙": "sun", "孫": "sun", "万": "wan mo", "萬": "wan mo", "俟": "qi", "翟": "zhai di", "缪": "miao mou",
    "繆": "miao mou", "覃": "qin tan", "种": "chong zhong", "種": "chong zhong", "秘": "bi mi",
    "宓": "mi fu", "繁": "po fan", "折": "she zhe", "召": "shao zhao", "句": "gou ju",
    "员": "yun yuan", "員": "yun yuan", "隗": "wei kui", "沈": "shen", "华": "hua", "華": "hua",
    "任": "ren", "冼": "xian", "洗": "xian xi", "过": "guo", "過": "guo", "能": "neng nai", "佴": "nai",
    "乜": "nie mie", "谌": "chen shen", "諶": "chen shen", "钟": "zhong", "鍾": "zhong", "离": "li",
    "離": "li", "宇": "yu", "文": "wen", "澹": "tan dan", "台": "tai", "臺": "tai", "公": "gong",
    "轩": "xuan", "軒": "xuan", "辕": "yuan", "轅": "yuan", "端": "duan", "木": "mu", "南": "nan",
    "宫": "gong", "宮": "gong", "西": "xi", "门": "men", "門": "men", "夏": "xia", "侯": "hou",
    "呼": "hu", "延": "yan", "太": "tai", "史": "shi", "闻": "wen", "聞": "wen", "人": "ren",
    "赫": "he", "连": "lian", "連": "lian", "鲜": "xian", "鮮": "xian", "于": "yu", "亓": "qi",
    "申": "shen", "屠": "tu", "拓": "tuo ta", "跋": "ba", "那": "na", "阚": "kan", "闞": "kan",
    "燕": "yan", "纪": "ji", "紀": "ji", "应": "ying", "應": "ying", "薄": "bo bao", "柏": "bai bo",
    "贲": "ben bi", "賁": "ben bi", "眭": "sui", "汜": "si", "祭": "zhai ji",
    "盛": "sheng cheng", "阿": "a e", "蔚": "yu wei", "郇": "huan xun",
}

BLOCK = (0x4E00, 0x9FFF)


def load(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"U\+([0-9A-F]+): ([^#]+)#", line)
        if m:
            table[int(m.group(1), 16)] = [r.strip() for r in m.group(2).split(",") if r.strip()]
    return table


def toneless(readings):
    out = []
    for r in readings:
        # ü (also with a tone: ǚ is u, diaeresis, caron) is typed as v.
        nfd = unicodedata.normalize("NFD", r).replace("u\u0308", "v")
        plain = "".join(c for c in nfd if unicodedata.category(c) != "Mn")
        if plain and plain.isascii() and plain.isalpha() and plain not in out:
            out.append(plain.lower())
    return out


def main():
    data = Path(sys.argv[1])
    out = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).resolve().parent.parent / "crates/search/src/readings.bin")
    common = load(data / "kTGHZ2013.txt")
    merged = load(data / "pinyin.txt")
    table = {c: toneless(rs) for c, rs in common.items()}
    for c, rs in merged.items():
        if BLOCK[0] <= c <= BLOCK[1] and c not in table:
            table[c] = toneless(rs)[:1]
    for ch, readings in SURNAMES.items():
        have = table.setdefault(ord(ch), [])
        added = [r for r in readings.split() if r not in have]
        have.extend(added)
        if added:
            print(f"{ch}: + {' '.join(added)}", file=sys.stderr)
    table = {c: rs for c, rs in table.items() if rs}

    counts = Counter(r for rs in table.values() for r in rs)
    syllables = sorted(counts, key=lambda s: (-counts[s], s))
    index = {s: i for i, s in enumerate(syllables)}
    sets = sorted({tuple(rs) for rs in table.values() if len(rs) > 1})
    set_index = {s: len(syllables) + i for i, s in enumerate(sets)}
    assert len(syllables) + len(sets) < 0xFFFF

    blob = bytearray(" ".join(syllables).encode("ascii") + b"\n")
    blob += len(sets).to_bytes(2, "little")
    for s in sets:
        blob.append(len(s))
        for r in s:
            blob += index[r].to_bytes(2, "little")
    bitmap = bytearray((BLOCK[1] - BLOCK[0] + 1) // 8)
    in_block = sorted(c for c in table if BLOCK[0] <= c <= BLOCK[1])
    for c in in_block:
        o = c - BLOCK[0]
        bitmap[o >> 3] |= 1 << (o & 7)
    blob += bitmap
    outside = sorted(c for c in table if not BLOCK[0] <= c <= BLOCK[1])
    blob += len(outside).to_bytes(2, "little")
    for c in outside:
        blob += c.to_bytes(3, "little")
    values = [index[table[c][0]] if len(table[c]) == 1 else set_index[tuple(table[c])] for c in in_block + outside]
    blob += bytes(v & 0xFF for v in values) + bytes(v >> 8 for v in values)
    out.write_bytes(blob)
    print(f"{out}: {len(table)} characters, {len(syllables)} syllables, {len(sets)} sets of readings, {len(blob)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
