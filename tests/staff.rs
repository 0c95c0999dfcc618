//! The staff gate in headless Chromium: PIN hashing, the first manager, sign-in,
//! the growing wait after wrong PINs, lock, and adding staff.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use follicle::crypto;
use follicle::domain::staff::{PinAttempts, StaffMember, StaffRole};
use follicle::domain::{new_id, Meta};
use follicle::storage::{Db, OpenHooks};
use web_sys::Element;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn pins_are_stored_only_as_salted_slow_hashes() {
    let a = crypto::hash_pin("2468").await.unwrap();
    let b = crypto::hash_pin("2468").await.unwrap();
    assert_ne!(a.salt_hex, b.salt_hex, "a fresh salt each time");
    assert_ne!(a.hash_hex, b.hash_hex);
    assert_eq!(a.iterations, crypto::ITERATIONS);
    assert!(!a.hash_hex.contains("2468") && a.hash_hex.len() == 64);
    assert!(crypto::verify_pin("2468", &a).await.unwrap());
    assert!(!crypto::verify_pin("2469", &a).await.unwrap());
    assert!(!crypto::verify_pin("", &a).await.unwrap());
}

#[wasm_bindgen_test]
async fn staff_and_wrong_pin_counts_survive_reopening() {
    let name = unique_db("staff-store");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let member = StaffMember {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        name: "李店长".into(),
        role: StaffRole::Manager,
        pin: crypto::hash_pin("1357").await.unwrap(),
    };
    db.put(&member).await.unwrap();
    let mut attempts = PinAttempts::default();
    attempts.record_failure(10);
    db.save_attempts(follicle::storage::PIN_ATTEMPTS_KEY, &attempts).await.unwrap();
    db.close();
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.staff_members().await.unwrap(), [member]);
    assert_eq!(db.attempts::<follicle::domain::staff::PinLockout>(follicle::storage::PIN_ATTEMPTS_KEY).await.unwrap().failures, 1);
}

/// Types a PIN, taps 确认 and waits until the check is over: the field is cleared
/// after a refusal, and gone after signing in.
async fn sign_in(root: &Element, pin: &str) {
    type_into(&input_by_label(root, "密码"), pin);
    click(root, "button", "确认");
    wait_for(15_000, || match root.query_selector("#staff-pin").unwrap() {
        None => Some(()),
        Some(_) => value_of(&input_by_label(root, "密码")).is_empty().then_some(()),
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_staff_side_is_behind_a_pin_that_locks_and_rate_limits() {
    let name = unique_db("staff-gate");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");

    // First use: the manager sets a name and a PIN, typed twice.
    wait_for_text(&root, "设置店长密码").await;
    type_into(&input_by_label(&root, "店长姓名"), "李店长");
    type_into(&input_by_label(&root, "密码"), "2468");
    type_into(&input_by_label(&root, "再输一次密码"), "2460");
    click(&root, "button", "保存");
    wait_for_text(&root, "两次输入的密码不一样").await;
    type_into(&input_by_label(&root, "再输一次密码"), "2468");
    click(&root, "button", "保存");
    wait_for_text(&root, "您好，李店长").await;

    // The manager adds a colleague; the list shows both.
    type_into(&input_by_label(&root, "员工姓名"), "王芳");
    type_into(&input_by_label(&root, "密码"), "1357");
    type_into(&input_by_label(&root, "再输一次密码"), "1357");
    click(&root, "button", "添加员工");
    wait_for(15_000, || by_text(&root, ".staff-list li", "王芳")).await;

    // Locked, the gate asks who and the PIN; a wrong PIN says how many tries are left.
    click(&root, "button", "锁定");
    wait_for_text(&root, "员工登录").await;
    click(&root, "label", "王芳");
    sign_in(&root, "9999").await;
    wait_for_text(&root, "还可以试的次数：4").await;
    sign_in(&root, "1357").await;
    wait_for_text(&root, "您好，王芳").await;
    assert!(by_text(&root, "button", "添加员工").is_none(), "only the manager adds staff");
    click(&root, "button", "锁定");
    wait_for_text(&root, "员工登录").await;

    // Five wrong PINs start a wait; during it even the right PIN is refused.
    click(&root, "label", "王芳");
    for _ in 0..5 {
        sign_in(&root, "0000").await;
    }
    wait_for_text(&root, "错误次数太多").await;
    sign_in(&root, "1357").await;
    assert!(!root.text_content().unwrap().contains("您好"), "no way in while waiting");
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = db.staff_members().await.unwrap().into_iter().find(|m| m.name == "王芳").expect("王芳 on the list");
    let attempts = db.attempts::<follicle::domain::staff::PinLockout>(&follicle::actions::lockout::pin_key(&wang.id)).await.unwrap();
    assert_eq!(attempts.failures, 5, "the refused right PIN was not even checked");
    assert!(attempts.locked_until > js_sys::Date::now() as i64);
}
