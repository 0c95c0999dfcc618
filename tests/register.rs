//! 新顾客登记 driven through the UI in headless Chromium, checked in IndexedDB.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use follicle::domain::consent::ConsentKind;
use follicle::domain::notices::Notice;
use follicle::domain::{ConsentRecord, Customer, HairLossType, InfoSource};
use follicle::storage::{schema, Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn heading(root: &Element) -> String {
    root.query_selector(".wizard h1").ok().flatten().and_then(|h| h.text_content()).unwrap_or_default()
}

async fn wait_heading(root: &Element, text: &str) {
    wait_for(5_000, || (heading(root) == text).then_some(())).await;
}

/// A tablet past setup, on the wizard's first question.
async fn open_wizard(name: &str) -> Element {
    set_up_tablet(name).await;
    start_wizard(name).await
}

async fn start_wizard(name: &str) -> Element {
    let root = mount_app(name);
    wait_for_text(&root, "新顾客登记").await;
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    click(&root, "button", "开始登记");
    wait_heading(&root, "基本信息").await;
    root
}

fn next(root: &Element) {
    click(root, "button", "下一步");
}

fn tick(root: &Element, id: &str) {
    root.query_selector(&format!("#{id}")).unwrap().expect("checkbox").dyn_into::<HtmlInputElement>().unwrap().click();
}

async fn fill_basic(root: &Element, name: &str, phone: &str, birth: &str) {
    type_into(&input_by_label(root, "姓名"), name);
    type_into(&input_by_label(root, "电话号码"), phone);
    type_into(&input_by_label(root, "出生日期"), birth);
}

async fn customers(db_name: &str) -> Vec<Customer> {
    let db = Db::open(db_name, OpenHooks::default()).await.unwrap();
    let count = db.count(schema::CUSTOMERS).await.unwrap();
    let all: Vec<Customer> = db.all_by("by_first_visit_month", &chrono::Local::now().format("%Y-%m").to_string()).await.unwrap();
    assert_eq!(all.len() as u32, count, "every saved customer has this month's first visit");
    db.close();
    all
}

/// Walks from 头发情况 to the consent screen without answering anything.
async fn skip_to_consent(root: &Element) {
    wait_heading(root, "头发情况").await;
    next(root);
    wait_heading(root, "健康与生活").await;
    next(root);
    wait_heading(root, "怎么知道我们").await;
    next(root);
    wait_heading(root, "同意").await;
}

async fn confirm_and_save(root: &Element) {
    next(root);
    wait_heading(root, "确认").await;
    click(root, "button", "确认并保存");
    wait_for_text(root, "登记完成").await;
}

#[wasm_bindgen_test]
async fn a_whole_registration_lands_in_indexeddb_with_its_consents() {
    let name = unique_db("register-full");
    let root = open_wizard(&name).await;
    fill_basic(&root, "  王超 ", "138 0013 8000", "1962-04-02").await;
    click(&root, "label", "男");
    next(&root);
    wait_heading(&root, "头发情况").await;
    click(&root, "label", "脂溢性");
    click(&root, "label", "一到三年");
    type_into(&input_by_label(&root, "以前用过的药"), "米诺地尔");
    next(&root);
    wait_heading(&root, "健康与生活").await;
    type_into(&input_by_label(&root, "身体状况和其他疾病"), "高血压");
    type_into(&input_by_label(&root, "生活习惯和近况"), "刚退休，每天早上打太极");
    next(&root);
    wait_heading(&root, "怎么知道我们").await;
    click(&root, "label", "朋友介绍");
    wait_for_text(&root, "介绍人姓名").await;
    type_into(&input_by_label(&root, "介绍人姓名"), "张阿姨");
    next(&root);
    wait_heading(&root, "同意").await;
    tick(&root, "reg-consent_personal");
    tick(&root, "reg-consent_sensitive");
    type_into(&input_by_label(&root, "在场店员"), "李店长");
    confirm_and_save(&root).await;
    assert!(root.text_content().unwrap().contains("王先生"), "the done screen greets by surname and title");

    // In IndexedDB, through a new connection (as after a reload).
    let saved = customers(&name).await;
    assert_eq!(saved.len(), 1);
    let c = &saved[0];
    assert_eq!(c.name, "王超", "trimmed");
    assert_eq!(c.phone, "13800138000");
    assert_eq!(c.hair_loss_type, Some(HairLossType::Seborrheic));
    assert_eq!(c.prior_treatment.as_deref(), Some("米诺地尔"));
    assert_eq!(c.health_notes.as_deref(), Some("高血压"));
    assert_eq!(c.info_source, Some(InfoSource::Referral("张阿姨".into())));
    assert_eq!(c.first_visit, Some(chrono::Local::now().date_naive()));
    assert_eq!(c.meta.store_id, "store:朝阳店");

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let consents: Vec<ConsentRecord> = db.all_by("by_customer", &c.id).await.unwrap();
    assert_eq!(consents.len(), 3, "one record per consent box");
    let now = js_sys::Date::now() as i64;
    for r in &consents {
        let notice = Notice::for_kind(r.kind);
        assert_eq!((r.notice_id.as_str(), r.notice_hash.clone()), (notice.id, notice.hash()));
        assert!(now - r.at < 60_000, "consent time is when it was given");
        assert_eq!(r.staff_present.as_deref(), Some("李店长"));
        assert!(r.meta.device_id.starts_with("前台#"));
        let expected = r.kind != ConsentKind::Marketing;
        assert_eq!(r.granted, expected, "{:?}", r.kind);
    }
}

#[wasm_bindgen_test]
async fn bad_basic_input_gets_its_message_and_nothing_is_saved() {
    let name = unique_db("register-bad");
    let root = open_wizard(&name).await;
    let cases: [(&str, &str, &str, &str); 6] = [
        ("", "13800138000", "", "请填写姓名"),
        ("😀😀", "13800138000", "", "姓名只能包含汉字或字母"),
        (&"王".repeat(200), "13800138000", "", "姓名太长了"),
        ("王超", "138abc38000", "", "电话号码只能包含数字"),
        ("王超", "1380013800", "", "手机号码应为 11 位"),
        ("王超", "13800138000", "2999-01-01", "出生日期不能晚于今天"),
    ];
    for (name_in, phone_in, birth_in, message) in cases {
        fill_basic(&root, name_in, phone_in, birth_in).await;
        next(&root);
        wait_for_text(&root, message).await;
        assert_eq!(heading(&root), "基本信息", "{message}: the wizard stays on the step");
        // What was typed is still there, to be corrected.
        assert_eq!(value_of(&input_by_label(&root, "姓名")), name_in);
        assert_eq!(value_of(&input_by_label(&root, "电话号码")), phone_in);
    }
    // The message sits next to its field and goes as soon as the input is fixed.
    let err = root.query_selector("#reg-birth-error").unwrap().expect("birth date error next to the field");
    assert!(err.text_content().unwrap().contains("出生日期"));
    type_into(&input_by_label(&root, "出生日期"), "1962-04-02");
    wait_for(2_000, || root.query_selector("#reg-birth-error").unwrap().is_none().then_some(())).await;

    // The personal-information consent is required.
    next(&root);
    skip_to_consent(&root).await;
    next(&root);
    wait_for_text(&root, "登记需要您同意个人信息处理说明").await;
    assert_eq!(heading(&root), "同意");
    // With it, the registration saves what was corrected, not what was refused.
    tick(&root, "reg-consent_personal");
    confirm_and_save(&root).await;
    let saved = customers(&name).await;
    assert_eq!(saved.len(), 1, "one customer, saved once");
    assert_eq!((saved[0].name.as_str(), saved[0].phone_digits.as_str()), ("王超", "13800138000"));
    assert_eq!(saved[0].birth_date, chrono::NaiveDate::from_ymd_opt(1962, 4, 2), "the corrected birth date, not 2999-01-01");
}

#[wasm_bindgen_test]
async fn going_back_and_forth_keeps_every_answer() {
    let name = unique_db("register-back");
    let root = open_wizard(&name).await;
    fill_basic(&root, "李娜", "13900001111", "1970-08-15").await;
    click(&root, "label", "女");
    next(&root);
    wait_heading(&root, "头发情况").await;
    click(&root, "label", "产后脱发");
    click(&root, "button", "上一步");
    wait_heading(&root, "基本信息").await;
    assert_eq!(value_of(&input_by_label(&root, "姓名")), "李娜");
    assert_eq!(value_of(&input_by_label(&root, "出生日期")), "1970-08-15");
    assert!(by_text(&root, "label.choice.checked", "女").is_some(), "the chosen gender is still chosen");
    next(&root);
    wait_heading(&root, "头发情况").await;
    assert!(by_text(&root, "label.choice.checked", "产后脱发").is_some());

    // Review offers a way back to any step, and forward again keeps everything.
    next(&root);
    wait_heading(&root, "健康与生活").await;
    next(&root);
    wait_heading(&root, "怎么知道我们").await;
    next(&root);
    wait_heading(&root, "同意").await;
    tick(&root, "reg-consent_personal");
    next(&root);
    wait_heading(&root, "确认").await;
    click(&root, "button", "修改");
    wait_heading(&root, "基本信息").await;
    assert_eq!(value_of(&input_by_label(&root, "电话号码")), "13900001111");
}

#[wasm_bindgen_test]
async fn a_known_phone_number_tells_the_kiosk_nothing_and_is_marked_for_staff() {
    let name = unique_db("register-dupe");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut existing = Customer::new("王超", "13800138000", &stamp(1));
    existing.first_visit = Some(chrono::Local::now().date_naive());
    existing.refresh_keys();
    db.save_registration(&existing, &[]).await.unwrap();
    db.close();

    // Whoever types a number at the kiosk learns nothing about who else has it.
    let root = start_wizard(&name).await;
    fill_basic(&root, "王小超", "138-0013-8000", "").await;
    next(&root);
    wait_heading(&root, "头发情况").await;
    for said in ["已经登记", "already registered", "王超"] {
        assert!(!root.text_content().unwrap().contains(said), "the kiosk says {said:?}");
    }
    skip_to_consent(&root).await;
    tick(&root, "reg-consent_personal");
    confirm_and_save(&root).await;

    let saved = customers(&name).await;
    assert_eq!(saved.len(), 2, "a new record beside the old one");
    let old = saved.iter().find(|c| c.id == existing.id).expect("the existing customer is untouched");
    assert_eq!((old.name.as_str(), old.possible_duplicates.len()), ("王超", 0));
    let new = saved.iter().find(|c| c.id != existing.id).unwrap();
    assert_eq!(new.possible_duplicates, [existing.id.clone()], "marked for staff to look at");
    // The same name and birth date (another phone) is a possible duplicate too.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut twin = Customer::new("王 小超", "13900001111", &stamp(3));
    twin.refresh_keys();
    let saved = db.save_registration(&twin, &[]).await.unwrap();
    assert!(saved.customer.possible_duplicates.is_empty(), "no birth date given: the name alone is not enough");
    db.close();
}

#[wasm_bindgen_test]
async fn declining_sensitive_consent_stores_no_health_details() {
    let name = unique_db("register-decline");
    let root = open_wizard(&name).await;
    fill_basic(&root, "赵敏", "13700002222", "").await;
    next(&root);
    wait_heading(&root, "头发情况").await;
    click(&root, "label", "斑秃");
    next(&root);
    wait_heading(&root, "健康与生活").await;
    type_into(&input_by_label(&root, "身体状况和其他疾病"), "糖尿病");
    type_into(&input_by_label(&root, "兴趣爱好"), "广场舞");
    next(&root);
    wait_heading(&root, "怎么知道我们").await;
    next(&root);
    wait_heading(&root, "同意").await;
    tick(&root, "reg-consent_personal");
    confirm_and_save(&root).await;
    assert!(root.text_content().unwrap().contains("赵敏"), "no gender given: greeted by full name");

    let saved = customers(&name).await;
    let c = &saved[0];
    assert_eq!(c.health_notes, None);
    assert_eq!(c.hair_loss_type, None);
    assert_eq!(c.hobbies.as_deref(), Some("广场舞"), "what the sensitive consent does not cover is kept");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let consents: Vec<ConsentRecord> = db.all_by("by_customer", &c.id).await.unwrap();
    let sensitive = consents.iter().find(|r| r.kind == ConsentKind::SensitiveInfo).unwrap();
    assert!(!sensitive.granted);
}

#[wasm_bindgen_test]
async fn a_child_needs_a_guardians_consent() {
    let name = unique_db("register-child");
    let root = open_wizard(&name).await;
    fill_basic(&root, "王小明", "13600003333", "2018-05-01").await;
    next(&root);
    skip_to_consent(&root).await;
    assert!(root.text_content().unwrap().contains("未满 14 周岁"));
    tick(&root, "reg-consent_personal");
    next(&root);
    wait_for(3_000, || root.query_selector("#reg-guardian-name-error").unwrap()).await;
    type_into(&input_by_label(&root, "监护人姓名"), "王大明");
    type_into(&input_by_label(&root, "监护人电话"), "13600004444");
    confirm_and_save(&root).await;
    let c = &customers(&name).await[0];
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let consents: Vec<ConsentRecord> = db.all_by("by_customer", &c.id).await.unwrap();
    assert_eq!(consents.len(), 3, "one record per consent box");
    assert!(consents.iter().all(|r| r.guardian.as_ref().is_some_and(|g| g.name == "王大明" && g.phone == "13600004444")));
}

#[wasm_bindgen_test]
async fn leaving_mid_wizard_discards_the_draft() {
    // The idle timer leaves the same way: it sends the tablet home.
    let name = unique_db("register-leave");
    let root = open_wizard(&name).await;
    fill_basic(&root, "钱多多", "13500005555", "").await;
    next(&root);
    wait_heading(&root, "头发情况").await;
    click(&root, "a", "回到首页");
    wait_for_text(&root, "我的头发变化").await;
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    click(&root, "button", "开始登记");
    wait_heading(&root, "基本信息").await;
    assert_eq!(value_of(&input_by_label(&root, "姓名")), "", "nothing of the last customer is left");
    assert!(customers(&name).await.is_empty());
}

#[wasm_bindgen_test]
async fn the_confirmation_names_each_consent_and_says_which_answers_are_not_kept() {
    let name = unique_db("register-review");
    let root = open_wizard(&name).await;
    fill_basic(&root, "李兰", "13900139000", "").await;
    next(&root);
    wait_heading(&root, "头发情况").await;
    wait_for(5_000, || by_text(&root, "label", "以前用过的药或治疗")).await;
    type_into(&input_by_label(&root, "以前用过的药或治疗"), "米诺地尔");
    next(&root);
    wait_heading(&root, "健康与生活").await;
    type_into(&input_by_label(&root, "身体状况和其他疾病"), "高血压");
    type_into(&input_by_label(&root, "兴趣爱好"), "跳舞");
    next(&root);
    wait_heading(&root, "怎么知道我们").await;
    next(&root);
    wait_heading(&root, "同意").await;
    tick(&root, "reg-consent_personal");
    next(&root);
    wait_heading(&root, "确认").await;
    let text = root.text_content().unwrap();
    for label in ["个人信息（登记必需）", "健康情况和头皮照片", "活动和新品通知"] {
        assert!(text.contains(label), "the consent {label} is named");
    }
    assert!(text.contains("您没有同意保存健康情况和头皮照片"), "says why");
    let not_kept: Vec<String> = {
        let list = root.query_selector_all("dd.not-kept").unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect()
    };
    assert!(not_kept.iter().any(|t| t.contains("米诺地尔") && t.contains("不保存")), "{not_kept:?}");
    assert!(not_kept.iter().any(|t| t.contains("高血压")), "{not_kept:?}");
    assert!(!not_kept.iter().any(|t| t.contains("跳舞")), "hobbies are kept: {not_kept:?}");
    // And what the screen said is what happens.
    click(&root, "button", "确认并保存");
    wait_for_text(&root, "登记完成").await;
    let saved = &customers(&name).await[0];
    assert_eq!((saved.prior_treatment.as_deref(), saved.health_notes.as_deref(), saved.hobbies.as_deref()), (None, None, Some("跳舞")));
    // With the sensitive consent given, nothing is marked.
    let root = start_wizard(&name).await;
    fill_basic(&root, "赵敏", "13700137000", "").await;
    next(&root);
    skip_to_consent(&root).await;
    tick(&root, "reg-consent_personal");
    tick(&root, "reg-consent_sensitive");
    next(&root);
    wait_heading(&root, "确认").await;
    assert!(root.query_selector("dd.not-kept").unwrap().is_none());
}

fn why_box(root: &Element) -> (String, String) {
    let aside = root.query_selector(".wizard .why").unwrap().expect("the box beside the step");
    let title = aside.query_selector("h2").unwrap().unwrap().text_content().unwrap();
    let text = aside.query_selector("p").unwrap().unwrap().text_content().unwrap();
    (title, text)
}

/// The texts agree (issue 17.4): the welcome screen says where the information is
/// kept as the notice does (the store and the chain company, their tablets and
/// server; never sold or given to others), the notice lists what the form asks (no
/// 地址), and the box beside each step speaks of that step.
#[wasm_bindgen_test]
async fn the_welcome_screen_notice_and_prompts_agree_with_each_other() {
    let name = unique_db("register-texts");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;
    click(&root, "a", "新顾客登记");
    wait_for_text(&root, "开始登记").await;
    let welcome = root.query_selector(".wizard-main").unwrap().unwrap().text_content().unwrap();
    assert!(welcome.contains("由本店和所属的连锁公司保存") && welcome.contains("连锁公司的服务器"), "{welcome}");
    assert!(welcome.contains("不会出售，也不会给别人"), "{welcome}");
    assert!(!welcome.contains("只保存在本店"), "{welcome}");
    let mut prompts = vec![why_box(&root)];
    assert_eq!(prompts[0].0, "为什么要填？");

    click(&root, "button", "开始登记");
    wait_heading(&root, "基本信息").await;
    prompts.push(why_box(&root));
    fill_basic(&root, "钱秀英", "13600136000", "").await;
    for step in ["头发情况", "健康与生活", "怎么知道我们", "同意"] {
        next(&root);
        wait_heading(&root, step).await;
        prompts.push(why_box(&root));
    }
    // The notice on the consent step: what the form asked, no address.
    let personal = root.query_selector(".consent .notice-text").unwrap().unwrap().text_content().unwrap();
    assert!(personal.contains("信息：姓名、性别、出生日期、电话、生活习惯和近况、职业或原工作单位、兴趣爱好"), "{personal}");
    let listed = personal.split("信息：").nth(1).and_then(|rest| rest.split('。').next()).expect("the list of information");
    assert!(!listed.contains("地址"), "the form never asks an address: {listed}");
    tick(&root, "reg-consent_personal");
    next(&root);
    wait_heading(&root, "确认").await;
    prompts.push(why_box(&root));

    assert_eq!(prompts.len(), 7);
    let texts: Vec<&String> = prompts.iter().map(|(_, text)| text).collect();
    for (i, a) in texts.iter().enumerate() {
        assert!(!texts[i + 1..].contains(a), "a prompt shown twice: {a}");
    }
    assert!(!prompts[3].1.contains("药"), "the health step's prompt: {}", prompts[3].1);
    let (title, text) = &prompts[6];
    assert_eq!(title, "请检查一遍", "no 为什么要填 over the check");
    assert!(text.contains("确认并保存"), "{text}");
    assert!(prompts[..6].iter().all(|(t, _)| t == "为什么要填？"));
}
