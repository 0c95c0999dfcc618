//! The consent notices shown at registration. Each has a version id and a SHA-256 of
//! its exact wording in both languages; a consent record stores both, so it is always
//! known which text a customer agreed to. Changing a word changes the hash: bump the
//! id too, and customers are asked again.

use sha2::{Digest, Sha256};

use super::consent::ConsentKind;
use crate::i18n::Lang;

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

    pub fn body(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.body_zh,
            Lang::En => self.body_en,
        }
    }

    /// Hex SHA-256 over the id and both languages' title and body.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [self.id, self.title_zh, self.body_zh, self.title_en, self.body_en] {
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

/// The notices customers are asked to agree to now. Version 2 of the personal and
/// sensitive notices says where records are kept since the tablets replicate through
/// the chain's server (issue 16); version 1 said "only on this store's tablet".
pub const NOTICES: [Notice; 3] = [
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
pub const OLDER_NOTICES: [Notice; 2] = [
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
            (ConsentKind::PersonalInfo, "personal-2026-12-v2", "4fecd1e11e4702ed0f45c7c28ef44a78a69bd8b46ae4243bee0f162b68eb14f1"),
            (ConsentKind::SensitiveInfo, "sensitive-2026-12-v2", "7d828362cd24a6035c0a376a4b63320d03ea9777606d42e42cbabf75651c32e1"),
            (ConsentKind::Marketing, "marketing-2026-11-v1", "dc48dd1dcc72f80a37c172c4eb3edde38b0a78888767905da8a8cb27fa369b6c"),
        ];
        assert_eq!(NOTICES.len(), pinned.len());
        for (kind, id, hash) in pinned {
            let notice = Notice::for_kind(kind);
            assert_eq!((notice.id, notice.hash().as_str()), (id, hash), "{kind:?}");
        }
        // Consents given before replication were given to these, word for word.
        let older = [
            ("personal-2026-11-v1", "6a6eef6f3c562be19b63e509584523a67f06bd5f0331c2d12dade59ae890fb1d"),
            ("sensitive-2026-11-v1", "6ec8948486c2af430ae5686aad9b3590169767e9f2c478d3a9f2c75667d8b1fc"),
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
