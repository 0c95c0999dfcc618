//! The consent notices shown at registration. Each has a version id and a SHA-256 of
//! its exact wording in both languages; a consent record stores both, so it is always
//! known which text a customer agreed to. Changing a word changes the hash: bump the
//! id too, and customers are asked again.
//!
//! What the registration form asks is listed once, in `ASKED`; the notices' lists of
//! information are made from it, so a notice names exactly what the form asks.

use sha2::{Digest, Sha256};

use super::consent::ConsentKind;
use super::registration::Step;
use crate::i18n::Lang;

/// One answer the registration form asks for, named as the notices list it.
pub struct Asked {
    /// The step of the form that asks it.
    pub step: Step,
    /// The draft's fields (`registration::Draft`) the answer is typed into.
    pub fields: &'static [&'static str],
    /// The notice whose list names it: health details need the sensitive consent.
    pub kind: ConsentKind,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Everything the registration form asks, step by step, as the notices name it.
pub const ASKED: [Asked; 13] = [
    Asked { step: Step::Basic, fields: &["name"], kind: ConsentKind::PersonalInfo, zh: "姓名", en: "name" },
    Asked { step: Step::Basic, fields: &["gender"], kind: ConsentKind::PersonalInfo, zh: "性别", en: "gender" },
    Asked { step: Step::Basic, fields: &["birth_date"], kind: ConsentKind::PersonalInfo, zh: "出生日期", en: "birth date" },
    Asked { step: Step::Basic, fields: &["phone"], kind: ConsentKind::PersonalInfo, zh: "电话", en: "phone" },
    Asked { step: Step::Hair, fields: &["hair_type", "hair_type_other"], kind: ConsentKind::SensitiveInfo, zh: "脱发类型", en: "type of hair loss" },
    Asked { step: Step::Hair, fields: &["hair_duration"], kind: ConsentKind::SensitiveInfo, zh: "脱发多久", en: "how long it has lasted" },
    Asked { step: Step::Hair, fields: &["prior_treatment"], kind: ConsentKind::SensitiveInfo, zh: "以前用过的药或治疗", en: "medicines or treatments used before" },
    Asked { step: Step::Health, fields: &["health_notes"], kind: ConsentKind::SensitiveInfo, zh: "身体状况和其他疾病", en: "health and other illnesses" },
    Asked { step: Step::Health, fields: &["life_notes"], kind: ConsentKind::PersonalInfo, zh: "生活习惯和近况", en: "habits and life at the moment" },
    Asked { step: Step::Health, fields: &["occupation"], kind: ConsentKind::PersonalInfo, zh: "职业或原工作单位", en: "occupation or former employer" },
    Asked { step: Step::Health, fields: &["hobbies"], kind: ConsentKind::PersonalInfo, zh: "兴趣爱好", en: "hobbies" },
    Asked { step: Step::Source, fields: &["source", "source_detail"], kind: ConsentKind::PersonalInfo, zh: "怎么知道我们（朋友介绍的，写介绍人姓名）", en: "how you heard of us (the friend's name if a friend sent you)" },
    Asked { step: Step::Consent, fields: &["guardian_name", "guardian_phone"], kind: ConsentKind::PersonalInfo, zh: "未满 14 周岁时监护人的姓名和电话", en: "a guardian's name and phone for a child under 14" },
];

/// Where a notice's body lists what the form asks under it.
const ASKED_HERE: &str = "{asked}";

/// What the form asks under notice `kind`, as its body lists it.
pub fn asked_list(kind: ConsentKind, lang: Lang) -> String {
    let items = ASKED.iter().filter(|a| a.kind == kind).map(|a| match lang {
        Lang::Zh => a.zh,
        Lang::En => a.en,
    });
    items.collect::<Vec<_>>().join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

pub struct Notice {
    pub kind: ConsentKind,
    pub id: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub body_zh: &'static str,
    pub body_en: &'static str,
}

impl Notice {
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.title_zh,
            Lang::En => self.title_en,
        }
    }

    /// The body as shown: `{asked}` becomes the list of what the form asks.
    pub fn body(&self, lang: Lang) -> String {
        let text = match lang {
            Lang::Zh => self.body_zh,
            Lang::En => self.body_en,
        };
        text.replace(ASKED_HERE, &asked_list(self.kind, lang))
    }

    /// Hex SHA-256 over the id and both languages' title and body, as shown.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        let (body_zh, body_en) = (self.body(Lang::Zh), self.body(Lang::En));
        for part in [self.id, self.title_zh, &body_zh, self.title_en, &body_en] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn for_kind(kind: ConsentKind) -> &'static Notice {
        NOTICES.iter().find(|n| n.kind == kind).expect("a notice for every consent kind")
    }

    /// The notice of that id, current or older.
    pub fn by_id(id: &str) -> Option<&'static Notice> {
        NOTICES.iter().chain(OLDER_NOTICES.iter()).find(|n| n.id == id)
    }

    /// Whether a consent given to notice `id` was given to an older text than the
    /// one customers are asked now (so staff should ask again).
    pub fn outdated(kind: ConsentKind, id: &str) -> bool {
        Self::for_kind(kind).id != id
    }
}

/// The notices customers are asked to agree to now. Version 3 of the personal and
/// sensitive notices lists what the registration form asks (`ASKED`, put in where a
/// body says `{asked}`): version 2 listed 地址, which the form never asks (issue 17).
/// Version 2 said where records are kept since the tablets replicate through the
/// chain's server (issue 16); version 1 said "only on this store's tablet".
pub const NOTICES: [Notice; 3] = [
    Notice {
        kind: ConsentKind::PersonalInfo,
        id: "personal-2026-12-v3",
        title_zh: "个人信息处理说明（登记必需）",
        title_en: "How we handle your personal information (needed to register)",
        body_zh: "处理者：本门店及所属连锁公司。\
目的：为您建立顾客档案，跟进产品使用，提醒复查，生日问候。\
信息：{asked}。到店以后，店员还会记下您的购买、到店和回访情况，以及您愿意告诉店员的地址和其他备注。\
方式：保存在本店的平板和连锁公司的服务器上，连锁各门店的平板通过这台服务器同步顾客资料；由专人负责，不出售，也不提供给公司以外的任何人。\
保存期限：最后一次到店后 3 年，到期删除。\
您的权利：您可以随时查阅、复制、更正或删除您的信息，或撤回同意，请告诉店员。",
        body_en: "Who: this store and the chain it belongs to. \
Why: to keep your customer record, follow up on how you use our products, remind you of check-ups and send birthday greetings. \
What: {asked}. Once you are registered, staff also note your purchases, visits and follow-ups, and your address and other notes if you choose to tell them. \
How: kept on the store's tablets and on the chain's server, through which the chain's tablets share customer records; looked after by named staff, never sold or given to anyone outside the company. \
How long: 3 years after your last visit, then deleted. \
Your rights: you may see, copy, correct or delete your information, or withdraw consent, at any time: just tell a staff member.",
    },
    Notice {
        kind: ConsentKind::SensitiveInfo,
        id: "sensitive-2026-12-v3",
        title_zh: "敏感个人信息：健康情况与头皮照片（可选）",
        title_en: "Sensitive information: health details and scalp photos (optional)",
        body_zh: "我们想记录您的{asked}，以及店员为您拍的头皮照片、检测数据和评定的脱发程度。\
为什么需要：判断哪种护理适合您、避开对您不安全的产品，并用照片对比您头发的变化。\
对您的影响：这些属于敏感个人信息，泄露可能影响您的隐私，所以只保存在本店的平板和连锁公司的服务器上（连锁各门店的平板通过服务器同步），只有本公司的店员和您本人能看到。\
不同意也可以登记和享受服务，只是我们不会记录这些信息和照片，建议会比较笼统。\
您可以随时撤回，撤回后这些信息和照片会被删除。",
        body_en: "We would like to record your {asked}, and the scalp photos, measurements and hair-loss grade staff take for you. \
Why: to judge which care suits you, to avoid products that are unsafe for you, and to compare photos of how your hair changes. \
What it means for you: this is sensitive personal information and a leak could hurt your privacy, so it is kept only on the store's tablets and the chain's server (the chain's tablets share records through it), seen only by the company's staff and you. \
If you say no you can still register and be served; we simply will not record these details or photos, and our advice will be more general. \
You can withdraw at any time; the details and photos are then deleted.",
    },
    Notice {
        kind: ConsentKind::Marketing,
        id: "marketing-2026-11-v1",
        title_zh: "活动和新产品通知（可选）",
        title_en: "News of events and new products (optional)",
        body_zh: "我们会通过电话或短信邀请您免费试用新产品、参加俱乐部的顾客活动。\
不同意不影响任何服务。您可以随时告诉店员停止接收。",
        body_en: "We will invite you by phone or text message to try new products free and to join our customer club events. \
Saying no changes nothing about our service. You can tell a staff member to stop at any time.",
    },
];

/// Earlier versions, kept word for word: a consent given to one of them still names
/// the text the customer read (its id and hash), and staff see that it was an older one.
pub const OLDER_NOTICES: [Notice; 4] = [
    Notice {
        kind: ConsentKind::PersonalInfo,
        id: "personal-2026-11-v1",
        title_zh: "个人信息处理说明（登记必需）",
        title_en: "How we handle your personal information (needed to register)",
        body_zh: "处理者：本门店及所属连锁公司。\
目的：为您建立顾客档案，跟进产品使用，提醒复查，生日问候。\
信息：姓名、性别、出生日期、电话、地址、职业、兴趣爱好、生活习惯、信息来源。\
方式：只保存在本店平板上，由专人负责，不提供给公司以外的任何人。\
保存期限：最后一次到店后 3 年，到期删除。\
您的权利：您可以随时查阅、复制、更正或删除您的信息，或撤回同意，请告诉店员。",
        body_en: "Who: this store and the chain it belongs to. \
Why: to keep your customer record, follow up on how you use our products, remind you of check-ups and send birthday greetings. \
What: name, gender, birth date, phone, address, occupation, hobbies, habits, how you heard of us. \
How: kept only on this store's tablet, looked after by named staff, never given to anyone outside the company. \
How long: 3 years after your last visit, then deleted. \
Your rights: you may see, copy, correct or delete your information, or withdraw consent, at any time: just tell a staff member.",
    },
    Notice {
        kind: ConsentKind::SensitiveInfo,
        id: "sensitive-2026-11-v1",
        title_zh: "敏感个人信息：健康情况与头皮照片（可选）",
        title_en: "Sensitive information: health details and scalp photos (optional)",
        body_zh: "我们想记录您的脱发情况、用药史、身体状况，以及头皮照片和检测数据。\
为什么需要：判断哪种护理适合您、避开对您不安全的产品，并用照片对比您头发的变化。\
对您的影响：这些属于敏感个人信息，泄露可能影响您的隐私，所以只保存在本店平板上，只有店员和您本人能看到。\
不同意也可以登记和享受服务，只是我们不会记录这些信息和照片，建议会比较笼统。\
您可以随时撤回，撤回后这些信息和照片会被删除。",
        body_en: "We would like to record your hair loss, medication history and health, and your scalp photos and measurements. \
Why: to judge which care suits you, to avoid products that are unsafe for you, and to compare photos of how your hair changes. \
What it means for you: this is sensitive personal information and a leak could hurt your privacy, so it stays only on this store's tablet, seen only by staff and you. \
If you say no you can still register and be served; we simply will not record these details or photos, and our advice will be more general. \
You can withdraw at any time; the details and photos are then deleted.",
    },
    Notice {
        kind: ConsentKind::PersonalInfo,
        id: "personal-2026-12-v2",
        title_zh: "个人信息处理说明（登记必需）",
        title_en: "How we handle your personal information (needed to register)",
        body_zh: "处理者：本门店及所属连锁公司。\
目的：为您建立顾客档案，跟进产品使用，提醒复查，生日问候。\
信息：姓名、性别、出生日期、电话、地址、职业、兴趣爱好、生活习惯、信息来源。\
方式：保存在本店的平板和连锁公司的服务器上，连锁各门店的平板通过这台服务器同步顾客资料；由专人负责，不提供给公司以外的任何人。\
保存期限：最后一次到店后 3 年，到期删除。\
您的权利：您可以随时查阅、复制、更正或删除您的信息，或撤回同意，请告诉店员。",
        body_en: "Who: this store and the chain it belongs to. \
Why: to keep your customer record, follow up on how you use our products, remind you of check-ups and send birthday greetings. \
What: name, gender, birth date, phone, address, occupation, hobbies, habits, how you heard of us. \
How: kept on the store's tablets and on the chain's server, through which the chain's tablets share customer records; looked after by named staff, never given to anyone outside the company. \
How long: 3 years after your last visit, then deleted. \
Your rights: you may see, copy, correct or delete your information, or withdraw consent, at any time: just tell a staff member.",
    },
    Notice {
        kind: ConsentKind::SensitiveInfo,
        id: "sensitive-2026-12-v2",
        title_zh: "敏感个人信息：健康情况与头皮照片（可选）",
        title_en: "Sensitive information: health details and scalp photos (optional)",
        body_zh: "我们想记录您的脱发情况、用药史、身体状况，以及头皮照片和检测数据。\
为什么需要：判断哪种护理适合您、避开对您不安全的产品，并用照片对比您头发的变化。\
对您的影响：这些属于敏感个人信息，泄露可能影响您的隐私，所以只保存在本店的平板和连锁公司的服务器上（连锁各门店的平板通过服务器同步），只有本公司的店员和您本人能看到。\
不同意也可以登记和享受服务，只是我们不会记录这些信息和照片，建议会比较笼统。\
您可以随时撤回，撤回后这些信息和照片会被删除。",
        body_en: "We would like to record your hair loss, medication history and health, and your scalp photos and measurements. \
Why: to judge which care suits you, to avoid products that are unsafe for you, and to compare photos of how your hair changes. \
What it means for you: this is sensitive personal information and a leak could hurt your privacy, so it is kept only on the store's tablets and the chain's server (the chain's tablets share records through it), seen only by the company's staff and you. \
If you say no you can still register and be served; we simply will not record these details or photos, and our advice will be more general. \
You can withdraw at any time; the details and photos are then deleted.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Each notice's hash as stored with the consents given to it (worked out apart
    /// from this code too: SHA-256 over id, title and body in Chinese, title and body in
    /// English, each followed by a zero byte). A change of wording fails here: give the
    /// notice a new id, so that customers are asked again, and pin its new hash.
    #[test]
    fn every_notice_keeps_the_hash_its_consents_were_stored_with() {
        let pinned = [
            (ConsentKind::PersonalInfo, "personal-2026-12-v3", "f6b88890d631fff6aeb1b8da298077dd7127524be645f375d9ea7dc3cd6d70c4"),
            (ConsentKind::SensitiveInfo, "sensitive-2026-12-v3", "25972447bb990cbf2b8c2759999a79c2cb71157308df89e79b4e745da33ff6ba"),
            (ConsentKind::Marketing, "marketing-2026-11-v1", "dc48dd1dcc72f80a37c172c4eb3edde38b0a78888767905da8a8cb27fa369b6c"),
        ];
        assert_eq!(NOTICES.len(), pinned.len());
        for (kind, id, hash) in pinned {
            let notice = Notice::for_kind(kind);
            assert_eq!((notice.id, notice.hash().as_str()), (id, hash), "{kind:?}");
        }
        // Consents given before were given to these, word for word.
        let older = [
            ("personal-2026-11-v1", "6a6eef6f3c562be19b63e509584523a67f06bd5f0331c2d12dade59ae890fb1d"),
            ("sensitive-2026-11-v1", "6ec8948486c2af430ae5686aad9b3590169767e9f2c478d3a9f2c75667d8b1fc"),
            // Given before the notices listed what the form asks (地址, issue 17).
            ("personal-2026-12-v2", "4fecd1e11e4702ed0f45c7c28ef44a78a69bd8b46ae4243bee0f162b68eb14f1"),
            ("sensitive-2026-12-v2", "7d828362cd24a6035c0a376a4b63320d03ea9777606d42e42cbabf75651c32e1"),
        ];
        assert_eq!(OLDER_NOTICES.len(), older.len());
        for (id, hash) in older {
            let notice = Notice::by_id(id).expect(id);
            assert_eq!(notice.hash(), hash, "{id}");
        }
    }

    /// With replication records leave the tablet: the notices customers agree to say
    /// so (the chain's server and its tablets), and a consent to the text that said
    /// "only on this store's tablet" counts as given to an older notice.
    #[test]
    fn the_current_notices_say_records_are_kept_on_the_chains_server() {
        for kind in [ConsentKind::PersonalInfo, ConsentKind::SensitiveInfo] {
            let notice = Notice::for_kind(kind);
            assert!(notice.body(Lang::Zh).contains("连锁公司的服务器"), "{kind:?}");
            assert!(notice.body(Lang::En).contains("the chain's server"), "{kind:?}");
            assert!(!notice.body(Lang::Zh).contains("只保存在本店平板上"), "{kind:?}");
            let before = OLDER_NOTICES.iter().find(|n| n.kind == kind).expect("an older version");
            assert!(before.body(Lang::Zh).contains("只保存在本店平板上"));
            assert!(Notice::outdated(kind, before.id));
            assert!(!Notice::outdated(kind, notice.id));
        }
        assert!(!Notice::outdated(ConsentKind::Marketing, "marketing-2026-11-v1"));
        assert!(Notice::by_id("no-such-notice").is_none());
    }

    /// Every field of the registration draft, named. The destructuring has no `..`:
    /// a field added to the form fails to compile here until it is named, and then
    /// the test below fails until `ASKED` (so the notices) lists it.
    fn draft_fields() -> Vec<&'static str> {
        use crate::domain::registration::Draft;
        let Draft {
            name: _,
            gender: _,
            birth_date: _,
            phone: _,
            hair_type: _,
            hair_type_other: _,
            hair_duration: _,
            prior_treatment: _,
            health_notes: _,
            life_notes: _,
            occupation: _,
            hobbies: _,
            source: _,
            source_detail: _,
            consent_personal: _,
            consent_sensitive: _,
            consent_marketing: _,
            guardian_name: _,
            guardian_phone: _,
            staff_present: _,
        } = Draft::default();
        vec![
            "name", "gender", "birth_date", "phone", "hair_type", "hair_type_other", "hair_duration", "prior_treatment", "health_notes",
            "life_notes", "occupation", "hobbies", "source", "source_detail", "consent_personal", "consent_sensitive", "consent_marketing",
            "guardian_name", "guardian_phone", "staff_present",
        ]
    }

    /// The draft's fields that are not information about the customer: the decisions
    /// themselves (kept as consent records) and the name of the staff member helping.
    const NOT_ABOUT_THE_CUSTOMER: [&str; 4] = ["consent_personal", "consent_sensitive", "consent_marketing", "staff_present"];

    /// The items a notice's shown text lists (between its lead-in and the sentence's end).
    fn listed(body: &str, lead: &str, end: &str, sep: &str) -> Vec<String> {
        let from = body.find(lead).unwrap_or_else(|| panic!("{lead} in {body}")) + lead.len();
        let to = from + body[from..].find(end).expect("the list ends");
        body[from..to].split(sep).map(str::to_string).collect()
    }

    #[test]
    fn the_notices_list_exactly_what_the_form_asks() {
        use crate::domain::registration::{Draft, Step};
        // Every answer the form asks is in `ASKED` once, and nothing else is.
        let about: Vec<&str> = draft_fields().into_iter().filter(|f| !NOT_ABOUT_THE_CUSTOMER.contains(f)).collect();
        let mut asked: Vec<&str> = ASKED.iter().flat_map(|a| a.fields.iter().copied()).collect();
        asked.sort_unstable();
        let mut expected = about.clone();
        expected.sort_unstable();
        assert_eq!(asked, expected);
        // On the step that asks it: each step's checks name only its own fields.
        let long = "很".repeat(2_000);
        let junk = Draft {
            hair_type_other: long.clone(),
            prior_treatment: long.clone(),
            health_notes: long.clone(),
            life_notes: long.clone(),
            occupation: long.clone(),
            hobbies: long.clone(),
            source_detail: long.clone(),
            birth_date: "2020-01-01".into(),
            guardian_name: "x".into(),
            ..Draft::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut checked = 0;
        for step in &Step::ALL[..Step::Review.index()] {
            for (field, _) in junk.problems(*step, today) {
                if let Some(a) = ASKED.iter().find(|a| a.fields.contains(&field)) {
                    assert_eq!(a.step, *step, "{field}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 9, "the steps' checks named the fields ({checked})");

        // The personal notice lists the personal answers, the sensitive notice the
        // health answers, in the form's order, in both languages; nothing more.
        let personal = Notice::for_kind(ConsentKind::PersonalInfo);
        let sensitive = Notice::for_kind(ConsentKind::SensitiveInfo);
        let items = |kind: ConsentKind, zh: bool| -> Vec<String> {
            ASKED.iter().filter(|a| a.kind == kind).map(|a| if zh { a.zh } else { a.en }.to_string()).collect()
        };
        assert_eq!(listed(&personal.body(Lang::Zh), "信息：", "。", "、"), items(ConsentKind::PersonalInfo, true));
        assert_eq!(listed(&personal.body(Lang::En), "What: ", ". ", ", "), items(ConsentKind::PersonalInfo, false));
        assert_eq!(listed(&sensitive.body(Lang::Zh), "我们想记录您的", "，以及", "、"), items(ConsentKind::SensitiveInfo, true));
        assert_eq!(listed(&sensitive.body(Lang::En), "We would like to record your ", ", and the", ", "), items(ConsentKind::SensitiveInfo, false));
        assert_eq!(items(ConsentKind::PersonalInfo, true).len() + items(ConsentKind::SensitiveInfo, true).len(), ASKED.len());
        // The registration form never asks an address: the list does not name one (the
        // older text did). Staff may note one later (编辑资料 has the field): the notice
        // says so apart from the list, as something the customer chooses to tell.
        for notice in NOTICES {
            assert!(!notice.body(Lang::Zh).contains(ASKED_HERE), "{}", notice.id);
        }
        assert!(!listed(&personal.body(Lang::Zh), "信息：", "。", "、").iter().any(|i| i.contains("地址")));
        assert!(personal.body(Lang::Zh).contains("您愿意告诉店员的地址"));
        assert!(personal.body(Lang::En).contains("your address and other notes if you choose to tell them"));
        assert!(!sensitive.body(Lang::Zh).contains("地址"));
        let _staff_may_note_an_address = crate::domain::customer_form::CustomerForm::default().address;
        assert!(listed(&Notice::by_id("personal-2026-12-v2").unwrap().body(Lang::Zh), "信息：", "。", "、").contains(&"地址".to_string()), "the older text, word for word");
    }

    /// The welcome screen promises what the notice says: kept by the store and the
    /// chain company the notice names, on the store's tablets and the chain's server,
    /// never sold or given to others (it once said "only on this store's tablet").
    #[test]
    fn the_welcome_screen_says_where_the_notice_says_records_are_kept() {
        use crate::i18n::T;
        let (zh, en) = (T::WelcomePrivacy.get(Lang::Zh), T::WelcomePrivacy.get(Lang::En));
        let notice = Notice::for_kind(ConsentKind::PersonalInfo);
        assert!(notice.body(Lang::Zh).starts_with("处理者：本门店及所属连锁公司"));
        for must in ["本店", "连锁公司", "平板", "服务器", "不会出售", "不会给别人"] {
            assert!(zh.contains(must), "{must}: {zh}");
        }
        for must in ["this store", "chain", "tablets", "server", "never sold"] {
            assert!(en.contains(must), "{must}: {en}");
        }
        assert!(!zh.contains("只保存在本店") && !en.contains("stays on this store's tablet"));
    }

    #[test]
    fn the_hash_is_sha256_of_the_parts_each_ended_by_a_zero_byte() {
        let notice = Notice { kind: ConsentKind::Marketing, id: "", title_zh: "", title_en: "", body_zh: "", body_en: "" };
        // SHA-256 of five zero bytes.
        assert_eq!(notice.hash(), "8855508aade16ec573d21e6a485dfd0a7624085c1a14b5ecdd6485de0c6839a4");
    }

    #[test]
    fn the_hash_changes_with_any_word() {
        let original = Notice::for_kind(ConsentKind::PersonalInfo);
        let edited = Notice { body_en: "Who: somebody else.", ..*original };
        assert_ne!(original.hash(), edited.hash());
    }

    #[test]
    fn notices_say_who_why_what_how_long_and_rights() {
        let personal = Notice::for_kind(ConsentKind::PersonalInfo).body(Lang::Zh);
        for must in ["处理者", "目的", "信息", "方式", "保存期限", "权利"] {
            assert!(personal.contains(must), "personal notice lacks {must}");
        }
        let sensitive = Notice::for_kind(ConsentKind::SensitiveInfo).body(Lang::Zh);
        assert!(sensitive.contains("为什么需要") && sensitive.contains("对您的影响"));
    }
}
