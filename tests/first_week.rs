//! The first week in a store (issue 17), as staff meet it in headless Chromium: one tap
//! dials a customer from the today list and the follow-up form; the photo and
//! measurement forms say whose they are and 取消 goes back where they came from; the
//! card shows the hair and health facts that matter for safety; the manager renames
//! the store and tablet, and a refused save never keeps an old "已保存".
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Days, Local, NaiveDate};
use common::*;
use follicle::domain::*;
use follicle::i18n::{Lang, T};
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

fn person(name: &str, phone: &str, gender: Gender) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(gender);
    c.first_visit = Some(ago(400));
    c.last_visit = Some(ago(10));
    c.refresh_keys();
    c
}

/// Every `tel:` link under `root`, as (href, visible text).
fn tel_links(root: &Element) -> Vec<(String, String)> {
    let list = root.query_selector_all("a[href^='tel:']").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|a| (a.get_attribute("href").unwrap_or_default(), a.text_content().unwrap_or_default()))
        .collect()
}

#[wasm_bindgen_test]
async fn the_today_list_and_the_follow_up_form_dial_the_whole_number_with_one_tap() {
    let name = unique_db("tel");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", Gender::Female);
    db.save_registration(&wang, &[]).await.unwrap();
    // Bought yesterday for use at home: the day-after call is due today.
    let bought = Purchase {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        customer_id: wang.id.clone(),
        product: "生发液".into(),
        quantity: 1,
        unit_price_fen: 29_800,
        date: Some(ago(1)),
        use_place: Some(UsePlace::Home),
    };
    db.save_purchase(&bought, &stamp(1)).await.unwrap();
    db.close();

    // The real stylesheet: the link's size is measured.
    load_app_styles();
    let root = staff_home(&name).await;
    tap(&root, "a", "今天要回访").await;
    wait_for_text(&root, "购买后第1天").await;
    let row = by_text(&root, ".due-row", "王秀英").expect("her row on the today list");
    let links = tel_links(&row);
    assert_eq!(links.len(), 1, "one number to dial: {links:?}");
    assert_eq!(links[0].0, "tel:13800001111");
    assert!(links[0].1.contains("138 0000 1111"), "the whole number, readable: {links:?}");

    // The follow-up form opened from the list dials the same number.
    tap(&root, "a", "记录回访").await;
    wait_for_field(&root, "内容").await;
    let links = tel_links(&root);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].0, "tel:13800001111");
    assert!(links[0].1.contains("138 0000 1111"), "{links:?}");
    // The link is a touch target of its own.
    let link: HtmlElement = root.query_selector("a[href^='tel:']").unwrap().unwrap().unchecked_into();
    let rect = link.get_bounding_client_rect();
    assert!(rect.height() >= 48.0 && rect.width() >= 48.0, "{} × {}", rect.width(), rect.height());
}

/// A real JPEG drawn on a canvas (no binary files in the repository).
async fn jpeg(w: u32, h: u32) -> web_sys::Blob {
    let canvas = web_sys::OffscreenCanvas::new(w, h).unwrap();
    let ctx: web_sys::OffscreenCanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str("#553322");
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/jpeg");
    JsFuture::from(canvas.convert_to_blob_with_options(&options).unwrap()).await.unwrap().unchecked_into()
}

fn choose_file(input: &web_sys::HtmlInputElement, blob: &web_sys::Blob, name: &str, mime: &str) {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_blob_sequence_and_options(&js_sys::Array::of1(blob), name, &options).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    input.set_files(transfer.files().as_ref());
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

/// On the customer's hair progress (staff), which has the ways to add to it.
async fn on_progress(root: &Element) {
    wait_for(5_000, || by_text(root, "a", "拍照或添加图片")).await;
    wait_for(5_000, || by_text(root, "a", "记录测量")).await;
}

#[wasm_bindgen_test]
async fn the_photo_and_measurement_forms_name_the_customer_and_cancel_goes_back_to_progress() {
    let name = unique_db("forms");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王超", "13800138000", Gender::Male);
    db.save_registration(&wang, &[given_consent(&wang, ConsentKind::SensitiveInfo)]).await.unwrap();
    db.close();
    let root = staff_home(&name).await;
    open_card(&root, "王超", "王先生").await;
    tap(&root, "a", "头发变化").await;
    on_progress(&root).await;

    // The photo form says whose it is.
    click(&root, "a", "拍照或添加图片");
    wait_for_text(&root, "选择图片文件").await;
    let whose = wait_for(5_000, || by_text(&root, "p", "王超")).await.text_content().unwrap();
    assert!(whose.contains("王先生") && whose.contains("王超"), "{whose}");
    // A file chosen: the way back to the choice is not "retake".
    let input: web_sys::HtmlInputElement = root.query_selector("#photo-file").unwrap().unwrap().unchecked_into();
    choose_file(&input, &jpeg(400, 300).await, "scalp.jpg", "image/jpeg");
    wait_for_text(&root, "图片已准备好").await;
    assert!(by_text(&root, "button", "重拍").is_none(), "nothing was taken with the camera");
    assert!(by_text(&root, "button", "换一张图片").is_some());
    // The error names the choice as its label does.
    click(&root, "button", "保存");
    let error = wait_for(5_000, || by_text(&root, ".error", "请选择图片类型")).await.text_content().unwrap();
    assert!(error.contains("毛囊图") && !error.contains("显微图"), "{error}");
    let label = T::KindTrichoscope.get(Lang::Zh);
    assert!(label.starts_with("毛囊图"), "the label the error repeats: {label}");
    // 取消 returns to where the form was opened.
    click(&root, "a", "取消");
    on_progress(&root).await;

    // The measurement form too.
    click(&root, "a", "记录测量");
    wait_for_field(&root, "头发密度").await;
    let whose = wait_for(5_000, || by_text(&root, "p", "王超")).await.text_content().unwrap();
    assert!(whose.contains("王先生"), "{whose}");
    click(&root, "a", "取消");
    on_progress(&root).await;
}

#[wasm_bindgen_test]
async fn the_card_shows_hair_loss_and_health_when_the_sensitive_consent_allows() {
    let name = unique_db("card-health");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut zhang = person("张丽华", "13800005555", Gender::Female);
    zhang.hair_loss_type = Some(HairLossType::Postpartum);
    zhang.hair_loss_duration = Some(HairLossDuration::OneToThreeYears);
    zhang.hair_loss_grade = Some(HairLossGrade::Ludwig(2));
    zhang.prior_treatment = Some("米诺地尔两个月".into());
    zhang.health_notes = Some("高血压，青霉素过敏".into());
    db.save_registration(&zhang, &[given_consent(&zhang, ConsentKind::SensitiveInfo)]).await.unwrap();
    // Declined the sensitive consent: nothing of the kind is kept, and the card says so.
    let zhao = person("赵敏", "13800006666", Gender::Female);
    db.save_registration(&zhao, &[]).await.unwrap();
    db.close();

    let root = staff_home(&name).await;
    open_card(&root, "张丽华", "张女士").await;
    let section = wait_for(5_000, || by_text(&root, ".card-section", T::CardHairHealth.get(Lang::Zh))).await;
    let shown = section.text_content().unwrap();
    let grade = follicle::i18n::labels::grade_text(Some(HairLossGrade::Ludwig(2)), Lang::Zh).unwrap();
    for expected in ["脱发类型", T::HairPostpartum.get(Lang::Zh), "脱发多久", T::DurOneThree.get(Lang::Zh), "脱发分级", &grade, "米诺地尔两个月", "高血压，青霉素过敏"] {
        assert!(shown.contains(expected), "{expected:?} on the card: {shown}");
    }
    // On the card itself, not behind 编辑资料.
    assert!(by_text(&root, "button", "编辑资料").is_some() && root.query_selector("form.edit-form").unwrap().is_none());

    click(&root, "a", "返回查找");
    wait_for_text(&root, "本机顾客总数").await;
    open_card(&root, "赵敏", "赵女士").await;
    let section = wait_for(5_000, || by_text(&root, ".card-section", T::CardHairHealth.get(Lang::Zh))).await;
    let shown = section.text_content().unwrap();
    assert!(shown.contains(T::SensitiveLocked.get(Lang::Zh)), "{shown}");
    assert!(!shown.contains("脱发类型"), "{shown}");
}

#[wasm_bindgen_test]
async fn the_manager_renames_store_and_tablet_and_a_refused_save_keeps_no_old_saved() {
    let name = unique_db("settings-names");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    tap(&root, "a", "设置").await;
    let store = wait_for_field(&root, "门店名称").await;
    assert_eq!(value_of(&store), "朝阳店");
    assert_eq!(value_of(&input_by_label(&root, "平板名称")), "前台");

    // The rules' heading and its button are not the same words stacked.
    let button = by_text(&root, "a", "回访规则和产品").expect("the way to the rules");
    let heading = button.previous_element_sibling().and_then(|e| e.previous_element_sibling()).expect("the heading above");
    assert_eq!(heading.tag_name(), "H2");
    assert_ne!(heading.text_content(), button.text_content());

    // Renamed: the names change, the ids stamped on records do not.
    type_into(&store, "北京朝阳店");
    type_into(&input_by_label(&root, "平板名称"), "前台平板");
    click(&root, "button", "保存名称");
    wait_for_text(&root, "✓ 已保存").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let settings = db.settings().await.unwrap().unwrap();
    assert_eq!((settings.store.store_name.as_str(), settings.device_name.as_str()), ("北京朝阳店", "前台平板"));
    assert_eq!(settings.store.store_id, "store:朝阳店");
    assert!(settings.device_id.starts_with("前台#"), "{}", settings.device_id);
    db.close();

    // A refused rename: its reason, and no "已保存" left from before.
    type_into(&input_by_label(&root, "门店名称"), " ");
    click(&root, "button", "保存名称");
    wait_for_text(&root, "请填写门店名称").await;
    assert!(!root.text_content().unwrap().contains("已保存"), "{}", root.text_content().unwrap());
    // A refused new site after a saved change: the same.
    let idle: web_sys::HtmlSelectElement = root.query_selector("#idle-timeout").unwrap().unwrap().unchecked_into();
    idle.set_value("300");
    idle.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    wait_for_text(&root, "✓ 已保存").await;
    click(&root, "button", "添加部位");
    wait_for_text(&root, "请填写部位名称").await;
    assert!(!root.text_content().unwrap().contains("已保存"), "{}", root.text_content().unwrap());

    // Units read naturally, in English too.
    let option_texts = |id: &str| -> Vec<String> {
        let list = root.query_selector_all(&format!("#{id} option")).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect()
    };
    assert_eq!(option_texts("idle-timeout")[0], "1 分钟");
    assert_eq!(option_texts("backup-reminder-days")[0], "3 天");
    click(&root, "button", "English");
    wait_for_text(&root, "Settings").await;
    let idle = option_texts("idle-timeout");
    assert_eq!((idle[0].as_str(), idle[1].as_str()), ("1 minute", "2 minutes"));
    assert_eq!(option_texts("backup-reminder-days")[0], "3 days");
    click(&root, "button", "中文");
}

#[wasm_bindgen_test]
async fn a_product_reads_as_days_per_unit_and_a_refused_rule_keeps_no_old_saved() {
    let name = unique_db("rules-units");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    tap(&root, "a", "设置").await;
    tap(&root, "a", "回访规则和产品").await;
    type_into(&wait_for_field(&root, "产品名称").await, "生发液");
    type_into(&input_by_label(&root, "每件可用天数"), "30");
    type_into(&input_by_label(&root, "常用单价（元）"), "298");
    click(&root, "button", "添加产品");
    wait_for_text(&root, "所有顾客的回访计划已重新计算").await;
    let row = by_text(&root, ".product-row", "生发液").expect("the product's row").text_content().unwrap();
    assert!(row.contains("每件可用 30 天"), "{row}");
    // A bad rule: its message, and the earlier "已保存" is gone.
    type_into(&input_by_label(&root, "新顾客：每隔几天电话一次"), "abc");
    click(&root, "button", "保存");
    wait_for_text(&root, "请填写 0 到 3650 的整数").await;
    assert!(!root.text_content().unwrap().contains("已保存"), "{}", root.text_content().unwrap());
}
