//! Synthetic customers for the benchmark: realistic Chinese names (surnames weighted by
//! how common they are, given-name characters leaning by gender), mainland mobile
//! numbers, a first visit in the last three years and a later last visit, and what
//! hangs off a customer in a real store: the three consents of registration, visits and
//! calls, purchases, measurements. Every customer is made from its number alone, so any
//! one of them can be made again (to search for them) without keeping the others.

use chrono::{Datelike, Days, NaiveDate};
use follicle::domain::*;

use super::images::Rng;

/// Surnames with their share of the population in per mille (2020 census, rounded):
/// the top hundred cover about 85 % of people. 曾, 单 and 解 read two ways.
const SURNAMES: &[(&str, u32)] = &[
    ("王", 71), ("李", 70), ("张", 64), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 22), ("赵", 20), ("吴", 20), ("周", 19),
    ("徐", 15), ("孙", 15), ("马", 13), ("朱", 13), ("胡", 12), ("郭", 12), ("何", 11), ("高", 11), ("林", 11), ("罗", 9),
    ("郑", 9), ("梁", 8), ("谢", 7), ("宋", 7), ("唐", 7), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6), ("曹", 6),
    ("彭", 5), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 5), ("潘", 4), ("于", 4), ("蒋", 4), ("蔡", 4),
    ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4), ("任", 3), ("沈", 3),
    ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3),
    ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 3), ("付", 2), ("方", 2), ("白", 2), ("邹", 2), ("孟", 2),
    ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2),
    ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2),
    ("万", 2), ("钱", 2), ("严", 2), ("覃", 1), ("武", 1), ("戴", 1), ("莫", 1), ("孔", 1), ("向", 1), ("汤", 1),
    ("单", 1), ("解", 1), ("欧阳", 1), ("司马", 1), ("诸葛", 1),
];
const MALE_GIVEN: &str = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林国建志文海东峰亮成博晨永德庆金春";
const FEMALE_GIVEN: &str = "芳娜敏静丽艳娟霞秀英玲桂兰燕萍红梅琳雪婷倩慧颖洁佳欣怡悦璐晶莉琴云丹蓉薇雯琪涵淑珍凤";
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158",
    "159", "166", "173", "175", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
];
const OCCUPATIONS: &[&str] = &["退休教师", "会计", "个体经营", "工程师", "销售", "公务员", "医生", "司机", "厨师", "退休工人", "设计师", "自由职业"];
const APPEARANCE: &[&str] = &["戴眼镜，个子高", "短发，说话声音小", "常穿运动服", "左手戴玉镯", "说话快，爱笑", "常和女儿一起来"];
const LIFE: &[&str] = &["刚退休，每天早上打太极", "孙子上小学", "工作忙，经常熬夜", "喜欢旅游，每年出国一次", "最近搬了新家", "在学书法"];
const CONSULTANTS: &[&str] = &["李店长", "王顾问", "张顾问", "陈顾问"];
const PRODUCTS: &[(&str, i64)] = &[
    ("防脱精华液", 29800),
    ("头皮护理疗程（10次）", 198000),
    ("控油洗发水", 8800),
    ("养发精油", 16800),
    ("头皮检测", 9900),
    ("生发疗程（3个月）", 580000),
];
const CALLS: &[(&str, &str)] = &[
    ("询问精华液使用情况，提醒按时用", "每天都在用，头油少了"),
    ("提醒到店护理", "约了下周三"),
    ("回访疗程效果", "掉发少了一些"),
    ("节日问候", "很高兴，下次带朋友来"),
    ("到店护理", "做了头皮清洁和按摩"),
];

/// Everything written for a batch of customers.
#[derive(Default)]
pub struct Batch {
    pub customers: Vec<Customer>,
    pub consents: Vec<ConsentRecord>,
    pub follow_ups: Vec<FollowUpEntry>,
    pub purchases: Vec<Purchase>,
    pub measurements: Vec<MeasurementSet>,
    /// Picture metadata; the images are the caller's (see [`with_photos`]).
    pub photos: Vec<PhotoMeta>,
}

impl Batch {
    pub fn records(&self) -> usize {
        self.customers.len() + self.consents.len() + self.follow_ups.len() + self.purchases.len() + self.measurements.len() + self.photos.len()
    }
}

/// Customers with pictures: 200 of them, spread evenly over the `n`.
pub fn with_photos(i: usize, n: usize) -> bool {
    let step = (n / 200).max(1);
    i % step == step / 2 && i / step < 200
}

fn rng_for(i: usize) -> Rng {
    // Seeded from the number alone; the odd multiplier spreads neighbouring numbers.
    let mut rng = Rng((i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    rng.next();
    rng
}

fn pick<'a, T>(rng: &mut Rng, from: &'a [T]) -> &'a T {
    &from[(rng.next() % from.len() as u64) as usize]
}

fn pick_char(rng: &mut Rng, from: &str) -> char {
    let chars: Vec<char> = from.chars().collect();
    *pick(rng, &chars)
}

fn surname(rng: &mut Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut at = (rng.next() % total as u64) as u32;
    for (s, w) in SURNAMES {
        if at < *w {
            return s;
        }
        at -= w;
    }
    SURNAMES[0].0
}

fn stamp(now: i64) -> Stamp {
    Stamp { store_id: "store:北京朝阳店".into(), device_id: "前台平板#bench".into(), now }
}

fn millis(day: NaiveDate, hour: u32) -> i64 {
    day.and_hms_opt(hour, 0, 0).unwrap().and_utc().timestamp_millis()
}

/// Customer number `i`: name, gender, birth, phone, visits (as of `today`).
pub fn customer(i: usize, today: NaiveDate) -> Customer {
    let mut rng = rng_for(i);
    let male = rng.next() % 100 < 55;
    let mut name = surname(&mut rng).to_string();
    let given = if male { MALE_GIVEN } else { FEMALE_GIVEN };
    for _ in 0..(if rng.next() % 10 < 3 { 1 } else { 2 }) {
        name.push(pick_char(&mut rng, given));
    }
    let phone = format!("{}{:08}", pick(&mut rng, MOBILE_PREFIXES), rng.next() % 100_000_000);
    let first = today - Days::new(rng.next() % (3 * 365));
    let last = first + Days::new(rng.next() % ((today - first).num_days() as u64 + 1));
    let mut c = Customer::new(&name, &phone, &stamp(millis(first, 10)));
    c.id = format!("bench-{i:06}");
    c.gender = Some(if male { Gender::Male } else { Gender::Female });
    c.birth_date = NaiveDate::from_ymd_opt(1945 + (rng.next() % 56) as i32, 1 + (rng.next() % 12) as u32, 1 + (rng.next() % 28) as u32);
    c.first_visit = Some(first);
    c.last_visit = Some(last);
    c.first_purchase = Some(first);
    c.occupation = Some(pick(&mut rng, OCCUPATIONS).to_string());
    c.hair_loss_type = Some(match rng.next() % 5 {
        0 | 1 => HairLossType::Seborrheic,
        2 => HairLossType::StressRelated,
        3 => HairLossType::Postpartum,
        _ => HairLossType::AlopeciaAreata,
    });
    c.hair_loss_grade = Some(if male { HairLossGrade::Norwood(1 + (rng.next() % 7) as u8) } else { HairLossGrade::Ludwig(1 + (rng.next() % 3) as u8) });
    c.hair_loss_duration = Some(HairLossDuration::OneToThreeYears);
    c.appearance_notes = Some(pick(&mut rng, APPEARANCE).to_string());
    c.life_notes = Some(pick(&mut rng, LIFE).to_string());
    c.consultant = Some(pick(&mut rng, CONSULTANTS).to_string());
    c.info_source = Some(if rng.next() % 3 == 0 { InfoSource::Referral("老顾客介绍".into()) } else { InfoSource::PassingBy });
    c.use_place = Some(if rng.next() % 2 == 0 { UsePlace::Home } else { UsePlace::Store });
    c.effect_class = Some(EffectClass::ALL[(rng.next() % 4) as usize]);
    c.refresh_keys();
    c
}

/// Customers `range` and what hangs off each: 3 consents (as registration writes
/// them), 0–4 visits and calls, 0–3 purchases, 0–2 measurements (3 for those with
/// pictures, which also get two pictures of the crown: first and last visit).
pub fn batch(range: std::ops::Range<usize>, n: usize, today: NaiveDate) -> Batch {
    let mut out = Batch::default();
    for i in range {
        let c = customer(i, today);
        let mut rng = rng_for(i ^ 0x5555_5555);
        let (first, last) = (c.first_visit.unwrap(), c.last_visit.unwrap());
        let span = (last - first).num_days() as u64 + 1;
        let on = |rng: &mut Rng| first + Days::new(rng.next() % span);
        let st = stamp(millis(first, 10));
        for (k, kind) in [ConsentKind::PersonalInfo, ConsentKind::SensitiveInfo, ConsentKind::Marketing].into_iter().enumerate() {
            out.consents.push(ConsentRecord {
                id: format!("{}-consent-{k}", c.id),
                meta: Meta::new(&st),
                customer_id: c.id.clone(),
                kind,
                notice_id: format!("{kind:?}-v1"),
                notice_hash: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0".into(),
                granted: kind != ConsentKind::Marketing || rng.next() % 2 == 0,
                at: st.now,
                staff_present: c.consultant.clone(),
                guardian: None,
                withdrawn_at: None,
            });
        }
        for k in 0..rng.next() % 5 {
            let (content, result) = pick(&mut rng, CALLS);
            let day = on(&mut rng);
            out.follow_ups.push(FollowUpEntry {
                id: format!("{}-visit-{k}", c.id),
                meta: Meta::new(&stamp(millis(day, 15))),
                customer_id: c.id.clone(),
                at: millis(day, 15),
                method: Some(ContactMethod::ALL[(rng.next() % 4) as usize]),
                content: content.to_string(),
                result: result.to_string(),
                by_staff: c.consultant.clone().unwrap_or_default(),
                next_due: (rng.next() % 3 == 0).then(|| day + Days::new(30)),
            });
        }
        for k in 0..rng.next() % 4 {
            let (product, price) = pick(&mut rng, PRODUCTS);
            let day = on(&mut rng);
            out.purchases.push(Purchase {
                id: format!("{}-purchase-{k}", c.id),
                meta: Meta::new(&stamp(millis(day, 16))),
                customer_id: c.id.clone(),
                product: product.to_string(),
                quantity: 1 + (rng.next() % 2) as u32,
                unit_price_fen: *price,
                date: Some(day),
                use_place: c.use_place,
            });
        }
        let pictured = with_photos(i, n);
        let measured = if pictured { 3 } else { rng.next() % 3 };
        for k in 0..measured {
            // Spread from the first visit to the last, density slowly rising.
            let day = first + Days::new(span * k / measured.max(1));
            out.measurements.push(MeasurementSet {
                id: format!("{}-measure-{k}", c.id),
                meta: Meta::new(&stamp(millis(day, 11))),
                customer_id: c.id.clone(),
                taken_on: Some(day),
                density_per_cm2: Some(90.0 + (rng.next() % 30) as f64 + 8.0 * k as f64),
                shaft_diameter_um: Some(55.0 + (rng.next() % 15) as f64),
                oiliness: Some((rng.next() % 5) as u8),
                shedding: Some((rng.next() % 5) as u8),
                self_rating: Some(4 + (rng.next() % 5) as u8),
                ..Default::default()
            });
        }
        if pictured {
            for (k, day) in [first, last.max(first + Days::new(30))].into_iter().enumerate() {
                out.photos.push(PhotoMeta {
                    id: format!("{}-photo-{k}", c.id),
                    meta: Meta::new(&stamp(millis(day, 11))),
                    customer_id: c.id.clone(),
                    kind: PhotoKind::Trichoscope,
                    site: ScalpSite::Crown,
                    taken_on: day,
                    note: None,
                    width: 1600,
                    height: 1200,
                    bytes: 0,
                    alignments: Vec::new(),
                });
            }
        }
        out.customers.push(c);
    }
    out
}

/// 200 queries as staff type them, from customers spread over the `n`: whole 汉字
/// names, full pinyin, initials, phone tails (a quarter each).
pub fn queries(n: usize, today: NaiveDate) -> Vec<String> {
    let step = (n / 200).max(1);
    (0..200)
        .map(|k| {
            let c = customer((k * step + step / 3) % n, today);
            let readings = follicle::domain::search::readings(&c.name);
            match k % 4 {
                0 => c.name.clone(),
                1 => readings.iter().map(|r| r[0].clone()).collect(),
                2 => readings.iter().map(|r| r[0][..1].to_string()).collect(),
                _ => c.phone_digits[c.phone_digits.len() - 4..].to_string(),
            }
        })
        .collect()
}

/// A birth date as the registration form gives it (`YYYY-MM-DD`), for the `i`th new customer.
pub fn birth_text(i: usize) -> String {
    let day = NaiveDate::from_ymd_opt(1950 + (i % 40) as i32, 1 + (i % 12) as u32, 1 + (i % 28) as u32).unwrap();
    format!("{}-{:02}-{:02}", day.year(), day.month(), day.day())
}
