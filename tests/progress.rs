//! Hair progress in headless Chromium: pictures by site and date, the comparison
//! (first and latest by default, another pair by tapping, the slider), measurements in
//! words and as a trend, adding a picture from a file and measurements as staff, and
//! the customer's self-check (a wrong answer shows nothing, the right one only them).
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::*;
use follicle::domain::*;
use follicle::storage::{schema, Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A real JPEG of `w`×`h` drawn on a canvas (no binary files in the repository).
async fn jpeg(w: u32, h: u32, shade: &str) -> web_sys::Blob {
    let canvas = web_sys::OffscreenCanvas::new(w, h).unwrap();
    let ctx: web_sys::OffscreenCanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str(shade);
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(w as f64 / 4.0, h as f64 / 4.0, w as f64 / 2.0, h as f64 / 8.0);
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/jpeg");
    JsFuture::from(canvas.convert_to_blob_with_options(&options).unwrap()).await.unwrap().unchecked_into()
}

fn customer(name: &str, phone: &str, gender: Gender, birth: &str) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1));
    c.gender = Some(gender);
    c.birth_date = Some(day(birth));
    c.first_visit = Some(day("2026-01-05"));
    c.last_visit = Some(day("2026-10-01"));
    c.refresh_keys();
    c
}

fn photo(c: &Customer, site: ScalpSite, taken: &str) -> PhotoMeta {
    PhotoMeta {
        id: new_id(),
        meta: Meta::new(&stamp(2)),
        customer_id: c.id.clone(),
        kind: PhotoKind::Trichoscope,
        site,
        taken_on: day(taken),
        note: None,
        width: 64,
        height: 48,
        bytes: 1,
    }
}

/// 王超 with three crown pictures and one of the hairline, two measurements; 李娜
/// with one crown picture. Returns (db name, 王超, 李娜).
async fn seeded(test: &str) -> (String, Customer, Customer) {
    let name = unique_db(test);
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = customer("王超", "13800138000", Gender::Male, "1962-04-02");
    let li = customer("李娜", "13900001111", Gender::Female, "1970-08-09");
    db.save_registration(&wang, &[]).await.unwrap();
    db.save_registration(&li, &[]).await.unwrap();
    let image = jpeg(64, 48, "#553322").await;
    // Stored out of date order: the timeline sorts them.
    for (c, site, taken) in [
        (&wang, ScalpSite::Crown, "2026-10-01"),
        (&wang, ScalpSite::Crown, "2026-01-05"),
        (&wang, ScalpSite::FrontalHairline, "2026-03-01"),
        (&wang, ScalpSite::Crown, "2026-05-20"),
        (&li, ScalpSite::Crown, "2026-06-01"),
    ] {
        db.save_photo(&photo(c, site, taken), &image, &image, &stamp(1)).await.unwrap();
    }
    for (taken, density, shedding) in [("2026-01-05", 100.0, 3), ("2026-10-01", 118.0, 1)] {
        let m = MeasurementSet { id: new_id(), customer_id: wang.id.clone(), taken_on: Some(day(taken)), density_per_cm2: Some(density), shedding: Some(shedding), ..Default::default() };
        db.put(&m).await.unwrap();
    }
    db.close();
    (name, wang, li)
}

async fn open_progress_as_staff(db_name: &str) -> Element {
    let root = mount_app(db_name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    set_manager_pin(&root, "李店长", "2468").await;
    wait_for_text(&root, "本机顾客总数").await;
    type_into(&root.query_selector("#customer-search").unwrap().unwrap().unchecked_into(), "王超");
    tap(&root, ".result", "王超").await;
    wait_for_text(&root, "王先生").await;
    click(&root, "a", "头发变化");
    wait_for_text(&root, "相隔天数").await;
    root
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect()
}

#[wasm_bindgen_test]
async fn pictures_are_listed_by_site_and_date_and_first_and_latest_compared() {
    let (name, _, _) = seeded("compare").await;
    let root = open_progress_as_staff(&name).await;

    // Sites with their counts; the crown's timeline oldest first.
    assert_eq!(texts(&root, ".site-tabs button"), ["头顶百会穴 (3)", "前额发际线 (1)"]);
    assert_eq!(texts(&root, ".thumb-date"), ["2026-01-05", "2026-05-20", "2026-10-01"]);
    // First and latest by default, with the days between.
    assert_eq!(texts(&root, ".side-by-side figcaption"), ["之前 2026-01-05", "之后 2026-10-01"]);
    assert!(root.text_content().unwrap().contains("相隔天数：269"));

    // Tapping the middle picture (earlier than the right one) replaces the left.
    tap(&root, ".thumb", "2026-05-20").await;
    wait_for(5_000, || (texts(&root, ".side-by-side figcaption") == ["之前 2026-05-20", "之后 2026-10-01"]).then_some(())).await;
    assert!(root.text_content().unwrap().contains("相隔天数：134"));

    // The slider: the earlier picture over the later, cut where the line is.
    click(&root, "button", "滑动对比");
    let range: web_sys::HtmlElement = wait_for(5_000, || root.query_selector(".slider-range input").unwrap()).await.unchecked_into();
    type_into(&range, "30");
    let top: web_sys::HtmlElement = root.query_selector(".slider-top").unwrap().unwrap().unchecked_into();
    wait_for(5_000, || (top.style().get_property_value("clip-path").unwrap() == "inset(0px 70% 0px 0px)").then_some(())).await;
    // Zoom by buttons applies to the pictures.
    click(&root, "button", "＋");
    let img: web_sys::HtmlElement = wait_for(5_000, || root.query_selector(".slider-frame img").unwrap()).await.unchecked_into();
    wait_for(5_000, || (img.style().get_property_value("transform").unwrap() == "scale(1.5)").then_some(())).await;

    // Another site shows its own pictures only.
    click(&root, ".site-tabs button", "前额发际线");
    wait_for_text(&root, "只有一张图片").await;
    assert_eq!(texts(&root, ".thumb-date"), ["2026-03-01"]);

    // Measurements: the change in words and one dot per measurement on the trend.
    let screen = root.text_content().unwrap();
    assert!(screen.contains("头发密度比首次增加 18%"), "{screen}");
    assert!(screen.contains("掉发从 3 降到 1"), "{screen}");
    assert_eq!(root.query_selector_all("svg.trend circle").unwrap().length(), 2);
}

#[wasm_bindgen_test]
async fn staff_add_a_picture_from_a_file_and_measurements() {
    let (name, wang, _) = seeded("capture").await;
    let root = open_progress_as_staff(&name).await;
    click(&root, "a", "拍照或添加图片");
    wait_for_text(&root, "选择图片文件").await;

    // A file that is not an image: a clear message, nothing stored.
    let input: web_sys::HtmlInputElement = root.query_selector("#photo-file").unwrap().unwrap().unchecked_into();
    choose_file(&input, &web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&"hello".into())).unwrap(), "notes.txt", "text/plain");
    wait_for_text(&root, "不是图片").await;

    // A 2000×1500 JPEG: processed, previewed, saved with kind, site and date.
    choose_file(&input, &jpeg(2000, 1500, "#224466").await, "scalp.jpg", "image/jpeg");
    wait_for_text(&root, "图片已准备好").await;
    assert!(root.text_content().unwrap().contains("1600 × 1200"));
    click(&root, "button", "保存");
    wait_for_text(&root, "请选择").await;
    click(&root, "label", "毛囊图");
    click(&root, "label", "枕部");
    click(&root, "button", "保存");
    wait_for_text(&root, "枕部 (1)").await;

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let photos: Vec<PhotoMeta> = db.all_by("by_customer", &wang.id).await.unwrap();
    let new = photos.iter().find(|p| p.site == ScalpSite::Occipital).expect("the new picture");
    assert_eq!((new.width, new.height, new.kind), (1600, 1200, PhotoKind::Trichoscope));
    assert!(db.photo_blob(&new.id, true).await.unwrap().is_some());
    assert_eq!(db.count(schema::PHOTOS).await.unwrap(), 6, "only the good file was stored");

    // Measurements: a bad value is refused, a good subset saved.
    click(&root, "a", "记录测量");
    type_into(&wait_for_field(&root, "头发密度").await, "999");
    click(&root, "button", "保存");
    wait_for_text(&root, "应在 0 到 400 之间").await;
    type_into(&input_by_label(&root, "头发密度"), "131");
    click(&root, "button", "保存");
    wait_for_text(&root, "头发密度比首次增加 31%").await;
    assert_eq!(db.all_by::<MeasurementSet>("by_customer", &wang.id).await.unwrap().len(), 3);
}

#[wasm_bindgen_test]
async fn staff_take_a_picture_with_the_camera_over_last_times_picture() {
    // The test browser has a fake 1280×720 camera (webdriver.json).
    let (name, wang, _) = seeded("camera").await;
    let root = open_progress_as_staff(&name).await;
    click(&root, "a", "拍照或添加图片");
    wait_for_text(&root, "打开摄像头").await;
    click(&root, "label", "照片");
    click(&root, "label", "头顶百会穴");
    click(&root, "button", "打开摄像头");
    // The live preview, with last time's crown picture as a faint overlay.
    let video: web_sys::HtmlVideoElement = wait_for(10_000, || root.query_selector(".camera video").unwrap()).await.unchecked_into();
    wait_for(10_000, || (video.video_width() > 0).then_some(())).await;
    wait_for(5_000, || root.query_selector(".camera img.onion").unwrap()).await;
    wait_for_text(&root, "淡淡的影子").await;
    // The frame's size is the camera's (fake: 1280×720 or more), capped at 1600 px.
    let (w, h) = follicle::domain::photo::fit_within(video.video_width(), video.video_height(), 1600);
    click(&root, "button", "拍照");
    wait_for_text(&root, "图片已准备好").await;
    assert!(root.text_content().unwrap().contains(&format!("{w} × {h}")), "{}", root.text_content().unwrap());
    assert!(root.query_selector(".camera video").unwrap().is_none(), "the camera is closed after the picture");
    click(&root, "button", "保存");
    wait_for_text(&root, "头顶百会穴 (4)").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let photos: Vec<PhotoMeta> = db.all_by("by_customer", &wang.id).await.unwrap();
    assert!(photos.iter().any(|p| p.kind == PhotoKind::Camera && (p.width, p.height) == (w, h)));
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

#[wasm_bindgen_test]
async fn self_check_shows_only_the_identified_customer_and_nothing_on_a_wrong_answer() {
    let (name, _, _) = seeded("self-check").await;
    let root = mount_app(&name);
    wait_for_text(&root, "我的头发变化").await;
    click(&root, "a", "我的头发变化");
    wait_for_text(&root, "您的手机号").await;

    type_into(&input_by_label(&root, "您的手机号"), "138 0013 8000");
    click(&root, "button", "下一步");
    type_into(&wait_for_field(&root, "您的出生日期").await, "1962-04-03");
    click(&root, "button", "查看");
    wait_for_text(&root, "手机号或出生日期不对。还可以试的次数：2").await;
    let screen = root.text_content().unwrap();
    assert!(!screen.contains("王") && root.query_selector(".thumb").unwrap().is_none(), "nothing of anyone is shown: {screen}");

    type_into(&input_by_label(&root, "您的出生日期"), "1962-04-02");
    click(&root, "button", "查看");
    wait_for_text(&root, "您好，王先生").await;
    wait_for_text(&root, "相隔天数").await;
    let screen = root.text_content().unwrap();
    assert!(!screen.contains("李娜") && !screen.contains("2026-06-01"), "only his own pictures: {screen}");
    assert!(!screen.contains("员工") && !screen.contains("编辑资料"), "no way to the staff side: {screen}");
    assert_eq!(texts(&root, ".thumb-date"), ["2026-01-05", "2026-05-20", "2026-10-01"]);

    // Exit leaves nothing on screen.
    click(&root, "button", "退出");
    wait_for_text(&root, "新顾客登记").await;
    assert!(!root.text_content().unwrap().contains("王先生"));

    // Three wrong answers lock the self-check, even for the right one.
    click(&root, "a", "我的头发变化");
    wait_for_text(&root, "您的手机号").await;
    type_into(&input_by_label(&root, "您的手机号"), "13800138000");
    click(&root, "button", "下一步");
    wait_for_field(&root, "您的出生日期").await;
    for wrong in ["1962-01-01", "1962-01-02", "1962-01-03"] {
        type_into(&input_by_label(&root, "您的出生日期"), wrong);
        click(&root, "button", "查看");
        wait_for(5_000, || value_of(&input_by_label(&root, "您的出生日期")).is_empty().then_some(())).await;
    }
    wait_for_text(&root, "错误次数太多").await;
    type_into(&input_by_label(&root, "您的出生日期"), "1962-04-02");
    click(&root, "button", "查看");
    wait_for(5_000, || value_of(&input_by_label(&root, "您的出生日期")).is_empty().then_some(())).await;
    assert!(!root.text_content().unwrap().contains("王先生"), "locked: even the right answer shows nothing");
}
