//! The sensitive-information consent around health records, in headless Chromium
//! against real IndexedDB: scalp photos, measurements and adverse reactions are
//! refused (in storage, with a message that says why) without an active consent; the
//! screens say so before anyone goes to the trouble and offer to ask the customer
//! again, which records a new consent (notice id and hash, time, tablet, staff
//! present); withdrawing the consent deletes everything it covered, adverse reactions
//! and the effect class D they set included.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::*;
use follicle::domain::notices::Notice;
use follicle::domain::*;
use follicle::i18n::Lang;
use follicle::storage::{schema, Db, OpenHooks, StorageError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn customer(name: &str, phone: &str) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(now_ms()));
    c.gender = Some(Gender::Female);
    c.birth_date = NaiveDate::from_ymd_opt(1966, 3, 8);
    c.first_visit = Some(today());
    c.last_visit = Some(today());
    c.refresh_keys();
    c
}

/// The sensitive consent as registration stores it when the box is left empty.
fn declined(c: &Customer) -> ConsentRecord {
    ConsentRecord { granted: false, ..given_consent(c, ConsentKind::SensitiveInfo) }
}

fn photo(c: &Customer) -> PhotoMeta {
    PhotoMeta {
        id: new_id(),
        meta: Meta::new(&stamp(now_ms())),
        customer_id: c.id.clone(),
        kind: PhotoKind::Trichoscope,
        site: ScalpSite::Crown,
        taken_on: today(),
        note: None,
        width: 1,
        height: 1,
        bytes: 1,
        alignments: Vec::new(),
    }
}

fn measurement(c: &Customer) -> MeasurementSet {
    MeasurementSet { id: new_id(), meta: Meta::new(&stamp(now_ms())), customer_id: c.id.clone(), taken_on: Some(today()), density_per_cm2: Some(110.0), ..Default::default() }
}

fn incident(c: &Customer) -> Incident {
    Incident { id: new_id(), meta: Meta::new(&stamp(now_ms())), customer_id: c.id.clone(), date: Some(today()), description: "起疹子".into(), by_staff: "李店长".into(), ..Default::default() }
}

/// Tries all three health records for `c`: each result, in order photo, measurement,
/// adverse reaction.
async fn try_health_records(db: &Db, c: &Customer) -> Vec<Result<(), StorageError>> {
    let blob = web_sys::Blob::new().unwrap();
    vec![
        db.save_photo(&photo(c), &blob, &blob, &stamp(now_ms())).await.map(|_| ()),
        db.add_measurement(&measurement(c), &stamp(now_ms())).await.map(|_| ()),
        db.record_incident(&incident(c), &stamp(now_ms())).await.map(|_| ()),
    ]
}

async fn health_record_counts(db: &Db) -> [u32; 4] {
    [
        db.count(schema::PHOTOS).await.unwrap(),
        db.count(schema::PHOTO_BLOBS).await.unwrap(),
        db.count(schema::MEASUREMENTS).await.unwrap(),
        db.count(schema::INCIDENTS).await.unwrap(),
    ]
}

#[wasm_bindgen_test]
async fn health_records_are_refused_in_storage_without_an_active_sensitive_consent() {
    let db = Db::open(&unique_db("consent-refused"), OpenHooks::default()).await.unwrap();
    let declining = customer("周玉兰", "13511112222");
    db.save_registration(&declining, &[given_consent(&declining, ConsentKind::PersonalInfo), declined(&declining)]).await.unwrap();
    let withdrawing = customer("吴建国", "13522223333");
    db.save_registration(&withdrawing, &[given_consent(&withdrawing, ConsentKind::SensitiveInfo)]).await.unwrap();
    db.withdraw_consent(&withdrawing.id, ConsentKind::SensitiveInfo, "李店长", &stamp(now_ms())).await.unwrap();
    let silent = customer("郑海", "13533334444");
    db.save_registration(&silent, &[given_consent(&silent, ConsentKind::PersonalInfo)]).await.unwrap();

    for c in [&declining, &withdrawing, &silent] {
        let refused = try_health_records(&db, c).await;
        assert_eq!(refused, vec![Err(StorageError::NoSensitiveConsent); 3], "{}", c.name);
    }
    assert_eq!(health_record_counts(&db).await, [0, 0, 0, 0], "nothing half-written");
    assert_eq!(db.get::<Customer>(&declining.id).await.unwrap().unwrap().effect_class, None, "a refused reaction sets no class");
    // The message says why and what to do, in both languages.
    let (zh, en) = (StorageError::NoSensitiveConsent.message().get(Lang::Zh), StorageError::NoSensitiveConsent.message().get(Lang::En));
    assert!(zh.contains("没有保存") && zh.contains("敏感个人信息") && zh.contains("重新") && zh.contains("同意"), "{zh}");
    assert!(en.contains("Not saved") && en.contains("consent again"), "{en}");

    // Consent given again: the same writes go through.
    let notice = Notice::for_kind(ConsentKind::SensitiveInfo);
    let again = follicle::domain::consent::ConsentAgainDraft { agreed: true, ..Default::default() }
        .build(&declining.id, declining.birth_date, notice, "李店长", &stamp(now_ms()), today())
        .unwrap();
    db.give_consent(&again, &stamp(now_ms())).await.unwrap();
    assert_eq!(try_health_records(&db, &declining).await, vec![Ok(()); 3]);
    assert_eq!(health_record_counts(&db).await, [1, 1, 1, 1]);
    db.close();
}

async fn open_card(root: &Element, name: &str) {
    let search: HtmlElement = root.query_selector("#customer-search").unwrap().unwrap().dyn_into().unwrap();
    type_into(&search, name);
    tap(root, ".result", name).await;
    wait_for_text(root, "同意书").await;
}

#[wasm_bindgen_test]
async fn staff_ask_the_customer_to_consent_again_on_the_tablet() {
    let name = unique_db("consent-again");
    set_up_tablet(&name).await;
    let zhou = customer("周玉兰", "13511112222");
    {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        db.save_registration(&zhou, &[given_consent(&zhou, ConsentKind::PersonalInfo), declined(&zhou)]).await.unwrap();
        db.close();
    }
    let root = staff_home(&name).await;
    open_card(&root, "周玉兰").await;

    // The picture screen says why before anything is taken, and offers the way.
    tap(&root, "a", "头发变化").await;
    tap(&root, "a", "拍照或添加图片").await;
    wait_for_text(&root, "需要顾客同意敏感个人信息").await;
    let screen = root.text_content().unwrap();
    assert!(screen.contains("周女士没有同意（或已撤回）处理敏感个人信息"), "{screen}");
    assert!(root.query_selector("#photo-file").unwrap().is_none(), "no way to pick a picture");
    // So do the measurement and adverse-reaction screens.
    tap(&root, "a", "返回顾客档案").await;
    tap(&root, "a", "头发变化").await;
    tap(&root, "a", "记录测量").await;
    wait_for_text(&root, "需要顾客同意敏感个人信息").await;
    assert!(root.query_selector("#m-density").unwrap().is_none());
    tap(&root, "a", "返回顾客档案").await;
    tap(&root, "a", "记录不良反应").await;
    wait_for_text(&root, "需要顾客同意敏感个人信息").await;
    assert!(root.query_selector("#incident-date").unwrap().is_none());

    // Asking again: the notice in full, the box the customer ticks, who is present.
    tap(&root, "a", "请顾客重新同意").await;
    wait_for_text(&root, "请您阅读并决定是否同意").await;
    let notice = Notice::for_kind(ConsentKind::SensitiveInfo);
    let screen = root.text_content().unwrap();
    assert!(screen.contains(notice.title(Lang::Zh)) && screen.contains(&notice.body(Lang::Zh)), "the whole notice: {screen}");
    assert!(screen.contains("李店长") && screen.contains(notice.id), "{screen}");
    click(&root, "button", "确认同意");
    wait_for_text(&root, "请在“我同意”的方框里打勾").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.consents_of(&zhou.id).await.unwrap().len(), 2, "nothing recorded without the tick");

    let before = now_ms();
    click(&root, "label", "我同意");
    click(&root, "button", "确认同意");
    wait_for_text(&root, "已记录顾客的同意").await;
    let consents = db.consents_of(&zhou.id).await.unwrap();
    let given = consents.iter().find(|c| c.kind == ConsentKind::SensitiveInfo && c.granted).expect("the new consent");
    assert_eq!((given.notice_id.as_str(), given.notice_hash.clone()), (notice.id, notice.hash()));
    assert_eq!(given.staff_present.as_deref(), Some("李店长"));
    let device = db.settings().await.unwrap().unwrap().device_id;
    assert_eq!(given.meta.device_id, device, "this tablet");
    assert!(given.at >= before && given.at <= now_ms(), "the time it was given");
    assert!(consents.iter().any(|c| c.kind == ConsentKind::SensitiveInfo && !c.granted), "the earlier decision stays on record");
    // The card says so, and the picture screen now offers the camera.
    let card = root.query_selector(".consents").unwrap().unwrap().text_content().unwrap();
    assert!(!card.contains("请顾客重新同意"), "{card}");
    tap(&root, "a", "头发变化").await;
    tap(&root, "a", "拍照或添加图片").await;
    wait_for_text(&root, "选择图片文件").await;
    assert!(root.query_selector("#photo-file").unwrap().is_some());
    db.close();
}

#[wasm_bindgen_test]
async fn withdrawing_the_sensitive_consent_deletes_adverse_reactions_and_the_class_d_they_set() {
    let db = Db::open(&unique_db("consent-withdraw-incidents"), OpenHooks::default()).await.unwrap();
    let zeng = customer("曾小燕", "13722223333");
    db.save_registration(&zeng, &[given_consent(&zeng, ConsentKind::SensitiveInfo)]).await.unwrap();
    let reaction = incident(&zeng);
    db.record_incident(&reaction, &stamp(now_ms())).await.unwrap();
    assert_eq!(db.get::<Customer>(&zeng.id).await.unwrap().unwrap().effect_class, Some(EffectClass::D));
    // Staff put 黄超 in class D themselves (worse, no reaction recorded): that stays.
    let mut huang = customer("黄超", "13000008000");
    huang.effect_class = Some(EffectClass::D);
    db.save_registration(&huang, &[given_consent(&huang, ConsentKind::SensitiveInfo)]).await.unwrap();

    db.withdraw_consent(&zeng.id, ConsentKind::SensitiveInfo, "李店长", &stamp(now_ms())).await.unwrap();
    db.withdraw_consent(&huang.id, ConsentKind::SensitiveInfo, "李店长", &stamp(now_ms())).await.unwrap();

    assert!(db.all_by::<Incident>("by_customer", &zeng.id).await.unwrap().is_empty(), "the reaction is deleted");
    assert_eq!(db.tombstone(&reaction.id).await.unwrap().map(|t| t.kind), Some(schema::INCIDENTS.to_string()));
    assert_eq!(db.get::<Customer>(&zeng.id).await.unwrap().unwrap().effect_class, None, "the class D it set goes with it");
    let row = db.search_entry(&zeng.id).await.unwrap().unwrap();
    assert_eq!(row.effect, None, "the summary row follows in the same write");
    assert_eq!(db.get::<Customer>(&huang.id).await.unwrap().unwrap().effect_class, Some(EffectClass::D), "a class staff set stays");
    db.close();
}

/// A consent as a customer registered before the notices changed gave it: to the
/// previous version's text (its id and hash, word for word).
fn given_to_previous(c: &Customer, id: &str) -> ConsentRecord {
    let notice = Notice::by_id(id).expect(id);
    ConsentRecord { notice_id: id.into(), notice_hash: notice.hash(), ..given_consent(c, notice.kind) }
}

/// A changed notice is a new notice (issue 17.4): a customer registered under the
/// previous version (it listed 地址, which the form never asks) is asked again, on
/// the tablet, with the new text; the agreement is recorded to the new version.
#[wasm_bindgen_test]
async fn a_customer_registered_under_the_previous_notice_is_asked_again() {
    let name = unique_db("consent-renew");
    set_up_tablet(&name).await;
    let qian = customer("钱秀英", "13611112222");
    {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let given = [given_to_previous(&qian, "personal-2026-12-v2"), given_to_previous(&qian, "sensitive-2026-12-v2")];
        db.save_registration(&qian, &given).await.unwrap();
        db.close();
    }
    let root = staff_home(&name).await;
    open_card(&root, "钱秀英").await;
    let card = root.query_selector(".consents").unwrap().unwrap().text_content().unwrap();
    assert_eq!(card.matches("同意时看的是旧版说明").count(), 2, "both changed notices: {card}");
    assert_eq!(root.query_selector_all(".consents a.renew").unwrap().length(), 2);

    tap(&root, ".consents a.renew", "请顾客阅读新版说明").await;
    wait_for_text(&root, "我们更新了下面这份说明").await;
    let notice = Notice::for_kind(ConsentKind::PersonalInfo);
    let screen = root.text_content().unwrap();
    assert!(screen.contains(notice.title(Lang::Zh)) && screen.contains(&notice.body(Lang::Zh)), "the new notice in full: {screen}");
    assert!(screen.contains("钱女士") && screen.contains(notice.id), "{screen}");
    let shown = root.query_selector(".notice-text").unwrap().unwrap().text_content().unwrap();
    let listed = shown.split("信息：").nth(1).and_then(|rest| rest.split('。').next()).expect("the list of information");
    assert!(listed.contains("姓名") && !listed.contains("地址"), "{listed}");
    click(&root, "label", "我同意");
    click(&root, "button", "确认同意");
    wait_for_text(&root, "已记录顾客对新版说明的同意").await;

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let consents = db.consents_of(&qian.id).await.unwrap();
    let renewed = consents.iter().find(|c| c.kind == ConsentKind::PersonalInfo && c.notice_id == notice.id).expect("the new consent");
    assert_eq!((renewed.notice_hash.clone(), renewed.granted, renewed.staff_present.as_deref()), (notice.hash(), true, Some("李店长")));
    assert_eq!(consents.len(), 3, "the earlier consents stay on record");
    assert_eq!(follicle::domain::consent::to_ask_again(&consents), [ConsentKind::SensitiveInfo]);
    // The card now asks only for the sensitive notice.
    wait_for(5_000, || {
        let card = root.query_selector(".consents").ok().flatten()?.text_content()?;
        (card.matches("同意时看的是旧版说明").count() == 1).then_some(())
    })
    .await;
    db.close();
}
