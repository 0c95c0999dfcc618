//! The kiosk in headless Chromium: the installed app's display mode, the number pad
//! for phones and PINs, the year-first birth-date picker, and leaving kiosk mode only
//! with the manager's PIN. (The attract screen after the idle timeout:
//! tests/kiosk_attract.rs, alone in its page.)
//! (Full screen, the wake lock and the back button: tests/kiosk_mode.rs, which
//! instruments the browser's APIs.)
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use follicle::domain::kiosk::KioskSettings;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

async fn stored_kiosk(name: &str) -> KioskSettings {
    let db = Db::open(name, OpenHooks::default()).await.unwrap();
    let kiosk = db.settings().await.unwrap().unwrap().kiosk;
    db.close();
    kiosk
}

#[wasm_bindgen_test]
fn the_installed_app_opens_without_browser_chrome() {
    let manifest: serde_json::Value = serde_json::from_str(include_str!("../web/manifest.webmanifest")).unwrap();
    // Full screen where the browser offers it (Chrome on Android), else standalone (iPad):
    // no address bar either way.
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["display_override"][0], "fullscreen");
    assert_eq!(manifest["start_url"], "/");
    assert!(include_str!("../index.html").contains(r#"<link rel="manifest" href="/manifest.webmanifest" />"#));
}

#[wasm_bindgen_test]
async fn phone_numbers_and_pins_bring_up_the_number_pad() {
    let name = unique_db("number-pad");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;
    click(&root, "a", "新顾客登记");
    tap(&root, "button", "开始登记").await;
    let phone = wait_for_field(&root, "电话号码").await;
    assert_eq!(phone.get_attribute("inputmode").as_deref(), Some("numeric"), "registration's phone");

    tap(&root, "a", "回到首页").await;
    tap(&root, "a", "我的头发变化").await;
    let phone = wait_for_field(&root, "您的手机号").await;
    assert_eq!(phone.get_attribute("inputmode").as_deref(), Some("numeric"), "the self-check's phone");

    tap(&root, "a", "回到首页").await;
    tap(&root, "a", "员工").await;
    let pin = wait_for_field(&root, "密码").await;
    assert_eq!(pin.get_attribute("inputmode").as_deref(), Some("numeric"), "the staff PIN");
}

#[wasm_bindgen_test]
async fn a_birth_date_is_picked_year_first_with_large_targets() {
    load_app_styles();
    let name = unique_db("birth-picker");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "新顾客登记").await;
    click(&root, "a", "新顾客登记");
    tap(&root, "button", "开始登记").await;
    wait_for_field(&root, "出生日期").await;

    let big_enough = |stage: &str| {
        let buttons = all(&root, ".picker-grid .btn.pick");
        assert!(!buttons.is_empty(), "{stage}: choices shown");
        for b in &buttons {
            let r = b.get_bounding_client_rect();
            assert!(r.width() >= 60.0 && r.height() >= 60.0, "{stage}: {:?} is {}x{}", b.text_content(), r.width(), r.height());
        }
        buttons
    };
    tap(&root, "button", "按年份选择出生日期").await;
    // Decades first: a dozen taps at most, not sixty years of scrolling.
    let decades = wait_for(5_000, || Some(all(&root, ".picker-grid .btn.pick")).filter(|b| !b.is_empty())).await;
    assert!(decades.len() <= 12, "{} decades", decades.len());
    big_enough("decades");
    click(&root, ".picker-grid button", "1950年代");
    wait_for_text(&root, "1958年").await;
    assert_eq!(big_enough("years").len(), 10);
    click(&root, ".picker-grid button", "1958年");
    wait_for_text(&root, "选月份").await;
    assert_eq!(big_enough("months").len(), 12);
    click(&root, ".picker-grid button", "4月");
    wait_for_text(&root, "选日子").await;
    // A wrong month is chosen again, without leaving the year (and the wizard's own
    // 上一步 stays the only one).
    assert_eq!(all(&root, "button").iter().filter(|b| b.text_content().as_deref() == Some("上一步")).count(), 1);
    click(&root, ".picker-actions button", "换个月份");
    wait_for_text(&root, "选月份").await;
    click(&root, ".picker-grid button", "5月");
    wait_for_text(&root, "选日子").await;
    let days = big_enough("days");
    assert_eq!(days.len(), 31, "May has 31 days");
    days.iter().find(|d| d.text_content().as_deref() == Some("3")).expect("the 3rd").click();
    wait_for(5_000, || (value_of(&input_by_label(&root, "出生日期")) == "1958-05-03").then_some(())).await;
    assert!(root.query_selector(".picker-panel").unwrap().is_none(), "the picker closes once a day is picked");

    // The wizard takes the picked date.
    type_into(&input_by_label(&root, "姓名"), "王超");
    type_into(&input_by_label(&root, "电话号码"), "13800138000");
    click(&root, "button", "下一步");
    wait_for(5_000, || root.query_selector(".wizard h1").ok().flatten().filter(|h| h.text_content().as_deref() == Some("头发情况"))).await;

    // The self-check's birth date has the picker too.
    tap(&root, "a", "回到首页").await;
    tap(&root, "a", "我的头发变化").await;
    type_into(&wait_for_field(&root, "您的手机号").await, "13800138000");
    click(&root, "button", "下一步");
    wait_for(5_000, || by_text(&root, "button", "按年份选择出生日期")).await;
}

#[wasm_bindgen_test]
async fn kiosk_mode_is_the_managers_and_leaving_it_needs_the_managers_pin() {
    let name = unique_db("kiosk-leave");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    tap(&root, "a", "设置").await;
    wait_for_text(&root, "自助机模式：已关闭").await;
    click(&root, "button", "打开自助机模式");
    wait_for_text(&root, "自助机模式：已打开").await;
    assert!(stored_kiosk(&name).await.on, "remembered on the tablet");

    // Off asks for the manager's PIN again; a wrong one leaves it on.
    click(&root, "button", "关闭自助机模式");
    let pin = wait_for_field(&root, "店长密码").await;
    assert_eq!(pin.get_attribute("type").as_deref(), Some("password"));
    assert_eq!(pin.get_attribute("inputmode").as_deref(), Some("numeric"));
    type_into(&pin, "1111");
    click(&root, "button", "确认关闭");
    wait_for_text(&root, "密码不对").await;
    assert!(root.text_content().unwrap().contains("自助机模式：已打开"));
    assert!(stored_kiosk(&name).await.on, "still on after a wrong PIN");

    type_into(&input_by_label(&root, "店长密码"), MANAGER_PIN);
    click(&root, "button", "确认关闭");
    wait_for_text(&root, "自助机模式：已关闭").await;
    assert!(!stored_kiosk(&name).await.on);

    // The closing hours: both ends, saved with the mode.
    type_into(&input_by_label(&root, "打烊时间"), "21:30");
    click(&root, "button", "保存打烊时间");
    wait_for_text(&root, "请把打烊和开门时间都填上").await;
    type_into(&input_by_label(&root, "开门时间"), "09:00");
    click(&root, "button", "保存打烊时间");
    wait_for(5_000, || by_text(&root, ".kiosk-settings .status", "已保存")).await;
    assert_eq!(stored_kiosk(&name).await.sleep, Some((21 * 60 + 30, 9 * 60)));

    // The guide is on the same screen.
    let guide = root.query_selector(".tablet-guide").unwrap().expect("the tablet guide").text_content().unwrap();
    for part in ["屏幕固定", "Fully Kiosk", "引导式访问", "添加到主屏幕", "自动亮度", "通知"] {
        assert!(guide.contains(part), "the guide covers {part}");
    }
}
