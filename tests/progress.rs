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
        alignments: Vec::new(),
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
    db.save_registration(&wang, &[given_consent(&wang, ConsentKind::SensitiveInfo)]).await.unwrap();
    db.save_registration(&li, &[given_consent(&li, ConsentKind::SensitiveInfo)]).await.unwrap();
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
    // (On each picture's wrapper, where the alignment goes too: none here, no worker.)
    let img: web_sys::HtmlElement = wait_for(5_000, || root.query_selector(".slider-frame .placed").unwrap()).await.unchecked_into();
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

/// What one self-check answer came to.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// In, greeted with this text.
    In(String),
    /// Not in, told this.
    Told(String),
}

/// Answers the self-check from its first screen (phone, then birth date or a view
/// code) and comes back to that first screen.
async fn self_check_answer(root: &Element, phone: &str, answer: &str, by_code: bool) -> Outcome {
    type_into(&wait_for_field(root, "您的手机号").await, phone);
    click(root, "button", "下一步");
    if by_code {
        tap(root, "button", "用查看码").await;
        type_into(&wait_for_field(root, "查看码").await, answer);
    } else {
        type_into(&wait_for_field(root, "您的出生日期").await, answer);
    }
    click(root, "button", "查看");
    let shown = wait_for(5_000, || root.query_selector(".greeting, .self-check .error").unwrap()).await;
    let text = shown.text_content().unwrap_or_default();
    if shown.class_name() == "greeting" {
        click(root, "button", "退出");
        tap(root, "a", "我的头发变化").await;
        Outcome::In(text)
    } else {
        click(root, "button", "上一步");
        Outcome::Told(text)
    }
}

async fn open_self_check(root: &Element) {
    tap(root, "a", "我的头发变化").await;
    wait_for_field(root, "您的手机号").await;
}

#[wasm_bindgen_test]
async fn a_right_answer_for_one_number_does_not_reset_the_guesses_at_another() {
    let (name, _, _) = seeded("self-check-per-number").await;
    let zhao = customer("赵明", "13611112222", Gender::Male, "1958-12-30");
    {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        db.save_registration(&zhao, &[]).await.unwrap();
        db.close();
    }
    let root = mount_app(&name);
    open_self_check(&root).await;

    // A customer who knows a neighbour's number (王超's) guesses his birth date twice,
    // then checks their own (李娜's), five times over.
    let mut told = Vec::new();
    for round in 0..5 {
        for guess in ["1962-01-01", "1962-01-02"] {
            match self_check_answer(&root, "13800138000", guess, false).await {
                Outcome::Told(text) => told.push(text),
                other => panic!("a wrong guess got in: {other:?}"),
            }
        }
        assert_eq!(self_check_answer(&root, "13900001111", "1970-08-09", false).await, Outcome::In("您好，李女士".into()), "round {round}");
    }
    assert_eq!(told[0], "手机号或出生日期不对。还可以试的次数：2");
    assert_eq!(told[1], "手机号或出生日期不对。还可以试的次数：1");
    assert!(told[2].contains("错误次数太多"), "the third wrong answer for his number locks it: {told:?}");
    assert!(told[3..].iter().all(|t| t.contains("错误次数太多")), "and stays locked: {told:?}");

    // Further answers for his number are refused, even the right one.
    let refused = self_check_answer(&root, "138 0013 8000", "1962-04-02", false).await;
    assert!(matches!(&refused, Outcome::Told(t) if t.contains("错误次数太多")), "{refused:?}");
    // Everyone else still gets in with the right answers.
    assert_eq!(self_check_answer(&root, "13611112222", "1958-12-30", false).await, Outcome::In("您好，赵先生".into()));

    // The counters are named by a hash, and only the locked number holds wrong answers.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let device = db.settings().await.unwrap().unwrap().device_id;
    let key = |digits: &str| follicle::storage::self_check::phone_key(&follicle::domain::self_check::phone_counter_id(&device, digits));
    let wang = db.attempts::<follicle::domain::self_check::SelfCheckLockout>(&key("13800138000")).await.unwrap();
    assert_eq!(wang.failures, 3, "refused answers are not counted as new wrong answers");
    assert!(!key("13800138000").contains("13800138000"));
    assert_eq!(db.attempts::<follicle::domain::self_check::SelfCheckLockout>(&key("13900001111")).await.unwrap().failures, 0);
    db.close();
}

#[wasm_bindgen_test]
async fn many_wrong_answers_for_any_numbers_pause_every_self_check_briefly() {
    use follicle::domain::self_check::{SelfCheckLockout, PAUSE_MS, WINDOW_WRONG};
    use follicle::storage::self_check::{phone_key, window_key};
    let db = Db::open(&unique_db("self-check-window"), OpenHooks::default()).await.unwrap();
    let now = 1_800_000_000_000;
    // Wrong answers spread over several numbers (none locked on its own yet).
    for i in 0..WINDOW_WRONG {
        let phone = phone_key(&format!("number-{}", i / 2));
        assert!(db.begin_self_check::<SelfCheckLockout>(&phone, &window_key(), now).await.unwrap().is_ok(), "answer {i} is checked");
        let paused = db.record_wrong_self_check(&window_key(), now).await.unwrap();
        assert_eq!(paused.is_some(), i + 1 == WINDOW_WRONG, "answer {i}");
    }
    // Now every number waits, a fresh one too, and nothing is counted meanwhile.
    let fresh = phone_key("somebody-else");
    assert_eq!(db.begin_self_check::<SelfCheckLockout>(&fresh, &window_key(), now + 1_000).await.unwrap().map(|_| ()), Err(PAUSE_MS - 1_000));
    assert_eq!(db.attempts::<SelfCheckLockout>(&fresh).await.unwrap().failures, 0);
    // After the pause, answers are checked again.
    assert!(db.begin_self_check::<SelfCheckLockout>(&fresh, &window_key(), now + PAUSE_MS).await.unwrap().is_ok());
    db.close();
}

/// The app on its own clock (so a code can be made to expire).
fn mount_app_at(db_name: &str, clock: follicle::clock::Clock) -> Element {
    let root = mount_point();
    let props = follicle::app::AppProps { db_name: db_name.to_string().into(), memory_history: true, clock, screens: follicle::screens::ALL };
    yew::Renderer::<follicle::app::App>::with_root_and_props(root.clone(), props).render();
    root
}

/// Makes a view code on 赵明's card (staff) and reads it off the screen.
async fn make_code(root: &Element) -> String {
    let search = wait_for(5_000, || root.query_selector("#customer-search").unwrap()).await;
    type_into(&search.unchecked_into(), "赵明");
    tap(root, ".result", "赵明").await;
    tap(root, "button", "生成查看码").await;
    let shown = wait_for(5_000, || root.query_selector(".view-code").unwrap()).await.text_content().unwrap();
    wait_for_text(root, "有效至").await;
    let code: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()), "{shown:?}");
    code
}

#[wasm_bindgen_test]
async fn a_customer_without_a_birth_date_gets_in_once_with_a_code_from_staff() {
    let (name, _, _) = seeded("self-check-code").await;
    // 赵明 left the birth date empty at registration.
    let mut zhao = customer("赵明", "13611112222", Gender::Male, "1958-12-30");
    zhao.birth_date = None;
    {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        db.save_registration(&zhao, &[]).await.unwrap();
        db.close();
    }
    let clock = follicle::clock::Clock::fixed(js_sys::Date::now() as i64);
    let root = mount_app_at(&name, clock.clone());
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    set_manager_pin(&root, "李店长", "2468").await;
    wait_for_text(&root, "本机顾客总数").await;
    let code = make_code(&root).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let stored = db.view_code_of(&zhao.id).await.unwrap().expect("kept on the tablet");
    assert!(!stored.hash.contains(&code) && stored.hash.len() == 64, "a hash, not the code");

    click(&root, "a", "回到首页");
    open_self_check(&root).await;
    // No birth date on record: the birth date cannot get him in, and the screen says
    // what to do instead (for anyone, so it tells nothing about the number).
    let by_birth = self_check_answer(&root, "13611112222", "1958-12-30", false).await;
    assert_eq!(by_birth, Outcome::Told("手机号或出生日期不对。还可以试的次数：2".into()));
    type_into(&wait_for_field(&root, "您的手机号").await, "13611112222");
    click(&root, "button", "下一步");
    wait_for_text(&root, "请店员给您一个查看码").await;
    click(&root, "button", "上一步");
    // The code gets him in, and clears his count.
    assert_eq!(self_check_answer(&root, "13611112222", &code, true).await, Outcome::In("您好，赵先生".into()));
    assert_eq!(db.view_code_of(&zhao.id).await.unwrap(), None, "used up");
    // Once only.
    assert_eq!(self_check_answer(&root, "13611112222", &code, true).await, Outcome::Told("手机号或查看码不对（查看码 30 分钟内有效，只能用一次）。还可以试的次数：2".into()));
    // The right code for the wrong number does nothing either.
    click(&root, "a", "回到首页");
    tap(&root, "a", "员工").await;
    // Home ended the staff session: the PIN again.
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    wait_for_text(&root, "本机顾客总数").await;
    let second = make_code(&root).await;
    click(&root, "a", "回到首页");
    open_self_check(&root).await;
    assert!(matches!(self_check_answer(&root, "13800138000", &second, true).await, Outcome::Told(_)));

    // A code not used within 30 minutes expires (the idle screen has cleared by then).
    clock.advance(30 * 60_000);
    tap_to_start(&root).await;
    wait_for_text(&root, "新顾客登记").await;
    open_self_check(&root).await;
    assert_eq!(self_check_answer(&root, "13611112222", &second, true).await, Outcome::Told("手机号或查看码不对（查看码 30 分钟内有效，只能用一次）。还可以试的次数：1".into()));
    db.close();
}
