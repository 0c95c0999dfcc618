//! The staff side in headless Chromium: PIN hashing, sign-in, the growing wait after
//! wrong PINs (counted per member), locking when the tablet is handed over, the
//! manager's tools (refused to other staff, on screen and in the action), the staff
//! list (unique names, rename, remove) and changing one's own PIN.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use std::cell::RefCell;
use std::rc::Rc;

use follicle::actions::lockout::pin_key;
use follicle::clock::Clock;
use follicle::context::AppContext;
use follicle::crypto;
use follicle::domain::staff::{PinAttempts, PinLockout, StaffMember, StaffRole};
use follicle::domain::{new_id, AppSettings, Customer, Meta};
use follicle::i18n::Lang;
use follicle::storage::{Db, OpenHooks};
use web_sys::Element;
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen_test::*;
use yew::Callback;

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

/// A set-up tablet (the manager 李店长, PIN 2468) with these staff members too; returns
/// its settings and every member, the manager first.
async fn tablet_with_staff(test: &str, staff: &[(&str, &str)]) -> (String, AppSettings, Vec<StaffMember>) {
    let name = unique_db(test);
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let settings = db.settings().await.unwrap().unwrap();
    let mut all = db.staff_members().await.unwrap();
    for (who, pin) in staff {
        let m = member(&settings, who, pin, StaffRole::Staff).await;
        all.push(db.add_staff(&m).await.unwrap().unwrap());
    }
    db.close();
    (name, settings, all)
}

/// What an action sees when `who` is signed in.
fn signed_in(db: &Db, settings: &AppSettings, who: &StaffMember) -> AppContext {
    AppContext {
        db: db.clone(),
        settings: Rc::new(settings.clone()),
        lang: Lang::Zh,
        set_lang: Callback::noop(),
        set_settings: Callback::noop(),
        staff: Some(Rc::new(who.clone())),
        set_staff: Callback::noop(),
        search: Default::default(),
        clock: Clock::default(),
    }
}

async fn wrong_pins(db: &Db, who: &StaffMember) -> u32 {
    db.attempts::<PinLockout>(&pin_key(&who.id)).await.unwrap().failures
}

/// Goes home (⌂), then taps 员工.
async fn home_then_staff(root: &Element) {
    tap(root, "a", "回到首页").await;
    wait_for_text(root, "我的头发变化").await;
    click(root, "a", "员工");
}

#[wasm_bindgen_test]
async fn the_staff_side_is_behind_a_pin_that_locks_and_rate_limits() {
    let name = unique_db("staff-gate");
    set_up_tablet(&name).await;
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");

    // The manager was made at setup: the gate asks for the PIN, never sets one.
    wait_for_text(&root, "员工登录").await;
    assert!(!root.text_content().unwrap().contains("设置店长"), "the gate never offers to set the manager's PIN");
    sign_in(&root, "2468").await;
    wait_for_text(&root, "您好，李店长").await;

    // The manager adds a colleague on the staff list.
    tap(&root, "a", "员工管理").await;
    wait_for_field(&root, "员工姓名").await;
    type_into(&input_by_label(&root, "员工姓名"), "王芳");
    type_into(&input_by_label(&root, "密码"), "1357");
    type_into(&input_by_label(&root, "再输一次密码"), "1357");
    click(&root, "button", "添加员工");
    wait_for(15_000, || by_text(&root, ".team-list li", "王芳")).await;

    // Locked, the gate asks who and the PIN; a wrong PIN says how many tries are left.
    click(&root, "button", "锁定");
    wait_for_text(&root, "员工登录").await;
    click(&root, "label", "王芳");
    sign_in(&root, "9999").await;
    wait_for_text(&root, "还可以试的次数：4").await;
    sign_in(&root, "1357").await;
    wait_for_text(&root, "您好，王芳").await;
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
    let attempts = db.attempts::<PinLockout>(&pin_key(&wang.id)).await.unwrap();
    assert_eq!(attempts.failures, 5, "the refused right PIN was not even checked");
    assert!(attempts.locked_until > js_sys::Date::now() as i64);
}

// ---------- item 1: leaving the staff side locks it ----------

#[wasm_bindgen_test]
async fn going_home_ends_the_staff_session() {
    let name = unique_db("staff-home-locks");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    assert!(root.text_content().unwrap().contains("当前员工：李店长"));

    // The manager hands the tablet over: ⌂ home. Whoever taps 员工 next meets the gate.
    home_then_staff(&root).await;
    wait_for_text(&root, "员工登录").await;
    let text = root.text_content().unwrap();
    assert!(!text.contains("您好") && !text.contains("本机顾客总数") && !text.contains("当前员工"), "the staff home without a PIN: {text}");
    assert!(root.query_selector("#staff-pin").unwrap().is_some(), "the PIN is asked for");
}

#[wasm_bindgen_test]
async fn opening_registration_or_the_self_check_ends_the_staff_session() {
    let name = unique_db("staff-customer-routes-lock");
    set_up_tablet(&name).await;
    let _bar = address_bar().await;
    for (customer_screen, shows) in [("/register", "开始登记"), ("/self-check", "您的手机号")] {
        // The address bar, as a deep link or the tablet's back gesture would use it.
        let (root, app) = mount_app_with(&name, Clock::default(), true);
        go_to("/staff");
        sign_in_as(&root, "李店长", "2468").await;
        go_to(customer_screen);
        wait_for_text(&root, shows).await;
        go_to("/staff");
        wait_for_text(&root, "员工登录").await;
        assert!(!root.text_content().unwrap().contains("您好"), "{customer_screen} left the staff side open");
        // Nor does the way back reach a staff screen: it asks for the PIN too.
        go_to("/settings");
        wait_for_text(&root, "员工登录").await;
        app.destroy();
    }
}

// ---------- item 2: the manager's tools are the manager's ----------

#[wasm_bindgen_test]
async fn a_staff_member_who_is_not_the_manager_is_told_who_may_use_the_managers_tools() {
    let (name, settings, _) = tablet_with_staff("staff-not-manager", &[("王芳", "1357")]).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut customer = Customer::new("解晓东", "13800001234", &settings.stamp(1));
    customer.refresh_keys();
    db.save_registration(&customer, &[]).await.unwrap();

    let _bar = address_bar().await;
    let (root, app) = mount_app_with(&name, Clock::default(), true);
    go_to("/staff");
    sign_in_as(&root, "王芳", "1357").await;
    wait_for_text(&root, "由店长（李店长）负责").await;
    assert!(by_text(&root, "a", "员工管理").is_none() && by_text(&root, ".staff-home a", "设置").is_none(), "no way in is offered");

    for (path, manager_screen) in [("/settings", "本机存储"), ("/settings/follow-up", "店里的产品"), ("/staff/backup", "备份到一个文件"), ("/staff/team", "添加员工")] {
        go_to(path);
        wait_for_text(&root, "只有店长可以使用").await;
        // Who the manager is is read after the refusal is drawn.
        wait_for_text(&root, "本店店长：李店长").await;
        let text = root.text_content().unwrap();
        assert!(!text.contains(manager_screen), "{path} shows the manager's screen to 王芳");
    }

    // The card has no delete for her.
    let card = format!("/staff/customers/{}", customer.id);
    go_to(&card);
    wait_for_text(&root, "编辑资料").await;
    assert!(root.text_content().unwrap().contains("解晓东"));
    assert!(by_text(&root, "button", "删除顾客").is_none(), "only the manager deletes a customer");

    // The manager has the same card with its delete section, and the tools.
    click(&root, ".top-bar button", "锁定");
    sign_in_as(&root, "李店长", "2468").await;
    assert!(by_text(&root, "a", "员工管理").is_some());
    go_to(&card);
    wait_for(5_000, || by_text(&root, "button", "删除顾客")).await;
    go_to("/settings");
    wait_for_text(&root, "本机存储").await;
    app.destroy();
    db.close();
}

#[wasm_bindgen_test]
async fn the_managers_actions_check_the_role_not_only_the_screen() {
    let (name, settings, all) = tablet_with_staff("staff-actions-refuse", &[("王芳", "1357")]).await;
    let (boss, wang) = (&all[0], &all[1]);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut customer = Customer::new("解晓东", "13800001234", &settings.stamp(1));
    customer.refresh_keys();
    db.save_registration(&customer, &[]).await.unwrap();

    let as_wang = signed_in(&db, &settings, wang);
    let refused = follicle::actions::customer::erase(&as_wang, &customer.id).await.unwrap_err();
    assert!(refused.get(Lang::Zh).contains("只有店长"), "{refused:?}");
    assert!(db.get::<Customer>(&customer.id).await.unwrap().is_some(), "nothing was erased");
    let changed = AppSettings { idle_timeout_secs: 600, ..settings.clone() };
    assert!(follicle::actions::settings::save(&as_wang, changed.clone()).await.is_err());
    assert!(follicle::actions::settings::save_rules(&as_wang, changed.clone()).await.is_err());
    assert_eq!(db.settings().await.unwrap().unwrap().idle_timeout_secs, settings.idle_timeout_secs, "settings unchanged");
    assert!(follicle::actions::staff::add_member(&as_wang, "赵敏", "2222", "2222").await.is_err());
    assert!(follicle::actions::staff::remove_member(&as_wang, &boss.id).await.is_err());
    assert!(follicle::actions::staff::rename_member(&as_wang, &wang.id, "王大芳").await.is_err());
    assert!(follicle::actions::backup::export(&as_wang, None, &|_: follicle::storage::backup::Progress| {}).await.is_err());
    assert_eq!(db.staff_members().await.unwrap().len(), 2, "the staff list unchanged");

    // The same as the manager goes through.
    let as_boss = signed_in(&db, &settings, boss);
    follicle::actions::settings::save(&as_boss, changed).await.unwrap();
    assert_eq!(db.settings().await.unwrap().unwrap().idle_timeout_secs, 600);
    follicle::actions::customer::erase(&as_boss, &customer.id).await.unwrap();
    assert!(db.get::<Customer>(&customer.id).await.unwrap().is_none());

    // A manager taken off the list meanwhile (another tab) is no longer one.
    let other = member(&settings, "赵店长", "1111", StaffRole::Manager).await;
    db.put(&other).await.unwrap();
    db.remove_staff(&other.id, &boss.id, &pin_key(&other.id), &settings.stamp(2)).await.unwrap().unwrap();
    let as_gone = signed_in(&db, &settings, &other);
    assert!(follicle::actions::settings::save(&as_gone, settings.clone()).await.is_err(), "checked against the list as stored");
    db.close();
}

#[wasm_bindgen_test]
async fn the_manager_adds_renames_and_removes_staff_with_unique_names() {
    let name = unique_db("staff-team");
    set_up_tablet(&name).await;
    let root = staff_home(&name).await;
    tap(&root, "a", "员工管理").await;
    wait_for_field(&root, "员工姓名").await;
    let add = |who: &str, pin: &str| {
        type_into(&input_by_label(&root, "员工姓名"), who);
        type_into(&input_by_label(&root, "密码"), pin);
        type_into(&input_by_label(&root, "再输一次密码"), pin);
        click(&root, "button", "添加员工");
    };
    add("王芳", "1357");
    wait_for(15_000, || by_text(&root, ".team-list li", "王芳")).await;
    // The same name again, spaced differently: refused, nothing added.
    add("  王芳 ", "2468");
    wait_for_text(&root, "已经有叫“王芳”的员工了").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.staff_members().await.unwrap().len(), 2);

    // The manager's own row has no remove button; 王芳's has.
    let row = |who: &str| by_text(&root, ".team-list li", who).unwrap();
    assert!(row("李店长").text_content().unwrap().contains("（您）"));
    assert!(by_text(&row("李店长"), "button", "删除员工").is_none(), "no one removes themself");

    // Rename: not to a name someone has; then to a new one.
    by_text(&row("王芳"), "button", "改名").unwrap().click();
    let field = wait_for_field(&root, "王芳的新名字").await;
    type_into(&field, "李店长");
    click(&root, ".rename button", "保存");
    wait_for_text(&root, "已经有叫“李店长”的员工了").await;
    type_into(&input_by_label(&root, "王芳的新名字"), "王小芳");
    click(&root, ".rename button", "保存");
    wait_for(15_000, || by_text(&root, ".team-list li", "王小芳")).await;
    let wang = db.staff_members().await.unwrap().into_iter().find(|m| m.name == "王小芳").expect("renamed in storage");

    // Remove, after a question.
    by_text(&row("王小芳"), "button", "删除员工").unwrap().click();
    wait_for_text(&root, "确定要把王小芳从员工名单删除吗").await;
    click(&root, ".confirm button", "删除员工");
    wait_for_text(&root, "已从员工名单删除").await;
    wait_for(5_000, || by_text(&root, ".team-list li", "王小芳").is_none().then_some(())).await;
    assert_eq!(db.staff_members().await.unwrap().iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["李店长"]);
    assert!(db.tombstone(&wang.id).await.unwrap().is_some(), "the removal is recorded for other tablets");

    // Removed, she is no longer at the gate.
    click(&root, "button", "锁定");
    wait_for_text(&root, "员工登录").await;
    assert!(!root.text_content().unwrap().contains("王小芳"));
    db.close();
}

#[wasm_bindgen_test]
async fn staff_writes_check_their_rules_inside_their_transaction() {
    let (name, settings, all) = tablet_with_staff("staff-writes", &[("Amy Li", "1357")]).await;
    let (boss, amy) = (&all[0], &all[1]);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let stamp = settings.stamp(5);

    // Names are compared trimmed and case-blind.
    let twin = member(&settings, " amy  li ", "2222", StaffRole::Staff).await;
    assert!(db.add_staff(&twin).await.unwrap().is_err());
    // Two tabs adding the same new name at once: one gets it.
    let (a, b) = (member(&settings, "赵敏", "2222", StaffRole::Staff).await, member(&settings, "赵敏", "3333", StaffRole::Staff).await);
    let results = Rc::new(RefCell::new(Vec::new()));
    for m in [a, b] {
        let (db, results) = (Db::open(&name, OpenHooks::default()).await.unwrap(), results.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let added = db.add_staff(&m).await.unwrap().is_ok();
            results.borrow_mut().push(added);
        });
    }
    wait_for(10_000, || (results.borrow().len() == 2).then_some(())).await;
    assert_eq!(results.borrow().iter().filter(|ok| **ok).count(), 1, "one 赵敏, not two");
    assert_eq!(db.staff_members().await.unwrap().iter().filter(|m| m.name == "赵敏").count(), 1);

    assert!(db.rename_staff(&amy.id, "李店长", &stamp).await.unwrap().is_err(), "a name someone has");
    assert_eq!(db.rename_staff(&amy.id, "AMY LI", &stamp).await.unwrap().unwrap().name, "AMY LI", "one's own name, other case");
    assert!(db.remove_staff(&boss.id, &boss.id, &pin_key(&boss.id), &stamp).await.unwrap().is_err(), "not oneself");
    assert!(db.remove_staff(&boss.id, &amy.id, &pin_key(&boss.id), &stamp).await.unwrap().is_err(), "not the last manager");
    // Setup cannot run twice: a second manager (or new settings) is refused.
    let again = member(&settings, "冒充店长", "0000", StaffRole::Manager).await;
    let other = AppSettings::from_setup("别的店", "别的平板", "x").unwrap();
    assert!(db.set_up(Some(&other), &again).await.unwrap().is_err());
    assert_eq!(db.settings().await.unwrap().unwrap().store.store_name, "朝阳店");
    assert_eq!(db.staff_members().await.unwrap().iter().filter(|m| m.is_manager()).count(), 1);

    // A removal takes the member's wrong-PIN count with it.
    let mut counted = PinAttempts::default();
    counted.record_failure(1);
    db.save_attempts(&pin_key(&amy.id), &counted).await.unwrap();
    db.remove_staff(&amy.id, &boss.id, &pin_key(&amy.id), &stamp).await.unwrap().unwrap();
    assert_eq!(wrong_pins(&db, amy).await, 0);
    db.close();
}

#[wasm_bindgen_test]
async fn everyone_changes_their_own_pin_after_typing_the_current_one() {
    let (name, _, all) = tablet_with_staff("staff-own-pin", &[("王芳", "1357")]).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    sign_in_as(&root, "王芳", "1357").await;
    tap(&root, "a", "修改我的密码").await;
    wait_for_field(&root, "现在的密码").await;
    let change = |old: &str, new: &str, again: &str| {
        type_into(&input_by_label(&root, "现在的密码"), old);
        type_into(&input_by_label(&root, "新密码"), new);
        type_into(&input_by_label(&root, "再输一次新密码"), again);
        click(&root, "button", "修改密码");
    };
    // The current PIN wrong: refused, and it counts like a wrong sign-in.
    change("0000", "2222", "2222");
    wait_for_text(&root, "密码不对。还可以试的次数：4").await;
    assert_eq!(wrong_pins(&db, &all[1]).await, 1);
    // The new one typed differently: refused before anything is checked.
    change("1357", "2222", "2223");
    wait_for_text(&root, "两次输入的密码不一样").await;
    assert_eq!(wrong_pins(&db, &all[1]).await, 1);
    change("1357", "2222", "2222");
    wait_for_text(&root, "密码已修改").await;
    assert_eq!(wrong_pins(&db, &all[1]).await, 0, "a right PIN clears her count");

    click(&root, "button", "锁定");
    wait_for_text(&root, "员工登录").await;
    click(&root, "label", "王芳");
    sign_in(&root, "1357").await;
    wait_for_text(&root, "密码不对").await;
    sign_in(&root, "2222").await;
    wait_for_text(&root, "您好，王芳").await;
    db.close();
}

#[wasm_bindgen_test]
async fn every_staff_screen_says_who_is_signed_in() {
    let (name, settings, _) = tablet_with_staff("staff-who", &[("王芳", "1357")]).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let mut customer = Customer::new("解晓东", "13800001234", &settings.stamp(1));
    customer.refresh_keys();
    db.save_registration(&customer, &[]).await.unwrap();
    db.close();
    let _bar = address_bar().await;
    let (root, app) = mount_app_with(&name, Clock::default(), true);
    wait_for_text(&root, "我的头发变化").await;
    assert!(!root.text_content().unwrap().contains("当前员工"), "not on the home screen");
    go_to("/staff");
    sign_in_as(&root, "王芳", "1357").await;
    let card = format!("/staff/customers/{}", customer.id);
    let screens = [
        ("/staff", "本机顾客总数"),
        ("/staff/today", "今天要回访的顾客"),
        ("/staff/stats", "每月新顾客"),
        ("/staff/win-back", "很久没有到店的顾客"),
        ("/staff/pin", "现在的密码"),
        (card.as_str(), "编辑资料"),
        ("/staff/team", "只有店长可以使用"),
    ];
    for (at, shows) in screens {
        go_to(at);
        wait_for_text(&root, shows).await;
        let bar = root.query_selector(".top-bar").unwrap().unwrap().text_content().unwrap();
        assert!(bar.contains("当前员工：王芳") && bar.contains("锁定"), "{at}: {bar}");
    }
    // The top bar's 锁定 locks at once, wherever it is tapped.
    click(&root, ".top-bar button", "锁定");
    wait_for_text(&root, "员工登录").await;
    assert!(!root.text_content().unwrap().contains("当前员工"));
    app.destroy();
}

// ---------- item 3: the wrong-PIN count belongs to the one being guessed ----------

#[wasm_bindgen_test]
async fn wrong_pins_for_one_member_leave_the_others_able_to_sign_in() {
    let (name, _, all) = tablet_with_staff("staff-own-count", &[("王芳", "1357"), ("赵敏", "8642")]).await;
    let (wang, zhao) = (&all[1], &all[2]);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    wait_for_text(&root, "员工登录").await;

    // One wrong PIN for 王芳; 赵敏's right PIN leaves 王芳's count as it was.
    click(&root, "label", "王芳");
    sign_in(&root, "0000").await;
    assert_eq!(wrong_pins(&db, wang).await, 1);
    sign_in_as(&root, "赵敏", "8642").await;
    assert_eq!(wrong_pins(&db, wang).await, 1, "someone else's right PIN does not reset hers");
    click(&root, "button", "锁定");

    // Five wrong PINs lock 王芳 out ...
    wait_for_text(&root, "员工登录").await;
    click(&root, "label", "王芳");
    for _ in 0..4 {
        sign_in(&root, "0000").await;
    }
    wait_for_text(&root, "错误次数太多").await;
    assert_eq!(wrong_pins(&db, zhao).await, 0);
    // ... but not 赵敏, nor the manager.
    sign_in_as(&root, "赵敏", "8642").await;
    click(&root, "button", "锁定");
    sign_in_as(&root, "李店长", "2468").await;
    click(&root, "button", "锁定");
    // 王芳 still waits.
    wait_for_text(&root, "员工登录").await;
    click(&root, "label", "王芳");
    sign_in(&root, "1357").await;
    wait_for_text(&root, "错误次数太多").await;
    assert_eq!(wrong_pins(&db, wang).await, 5);
    db.close();
}

#[wasm_bindgen_test]
async fn two_quick_tries_count_as_two_or_the_second_is_refused() {
    let (name, _, all) = tablet_with_staff("staff-quick-tries", &[("王芳", "1357")]).await;
    let wang = &all[1];
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();

    // Two quick taps on 确认: the second waits for the first; one try counted.
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    wait_for_text(&root, "员工登录").await;
    click(&root, "label", "王芳");
    type_into(&input_by_label(&root, "密码"), "0000");
    let button = by_text(&root, "button", "确认").unwrap();
    button.click();
    button.click();
    wait_for_text(&root, "还可以试的次数").await;
    TimeoutFuture::new(300).await;
    assert_eq!(wrong_pins(&db, wang).await, 1, "one tap checked, the other refused");

    // Two tabs (two connections) trying at the same moment: each try counted.
    let key = pin_key(&wang.id);
    let counts = Rc::new(RefCell::new(Vec::new()));
    for _ in 0..2 {
        let (tab, counts, key) = (Db::open(&name, OpenHooks::default()).await.unwrap(), counts.clone(), key.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let counted = tab.begin_attempt::<PinLockout>(&key, js_sys::Date::now() as i64).await.unwrap().unwrap();
            counts.borrow_mut().push(counted.failures);
        });
    }
    wait_for(10_000, || (counts.borrow().len() == 2).then_some(())).await;
    let mut seen = counts.borrow().clone();
    seen.sort();
    assert_eq!(seen, [2, 3], "each try saw the other's count");
    assert_eq!(wrong_pins(&db, wang).await, 3);
    db.close();
}

#[wasm_bindgen_test]
async fn a_wait_stored_while_the_clock_ran_ahead_ends_after_the_cap() {
    let (name, _, all) = tablet_with_staff("staff-capped-wait", &[("王芳", "1357")]).await;
    let wang = &all[1];
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let now = js_sys::Date::now() as i64;
    let year = 365 * 86_400_000;
    db.save_attempts(&pin_key(&wang.id), &PinAttempts { failures: 5, locked_until: now + year, ..Default::default() }).await.unwrap();

    let clock = Clock::fixed(now);
    let (root, app) = mount_app_with(&name, clock.clone(), false);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    wait_for_text(&root, "员工登录").await;
    click(&root, "label", "王芳");
    sign_in(&root, "1357").await;
    // At most the cap (15 minutes), not a year.
    wait_for_text(&root, "需要等待的秒数：900").await;
    clock.advance(15 * 60_000 + 1_000);
    sign_in(&root, "1357").await;
    wait_for_text(&root, "您好，王芳").await;
    app.destroy();
    db.close();
}

/// Signing in reads the search's customers while the PIN is checked, so the search is
/// ready sooner; a wrong PIN leaves nothing of them in memory.
#[wasm_bindgen_test]
async fn the_search_is_read_during_a_right_pin_check_and_a_wrong_pin_keeps_none_of_it() {
    use follicle::actions::lockout::Guarded;
    let (name, settings, all) = tablet_with_staff("pin-preload", &[("小周", "1357")]).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let zhou = all.iter().find(|m| m.name == "小周").unwrap().clone();
    let mut ctx = signed_in(&db, &settings, &zhou);
    ctx.staff = None;

    let wrong = follicle::actions::staff::sign_in(&ctx, &zhou, "9999").await.unwrap();
    assert!(matches!(wrong, Guarded::Wrong { .. }), "9999 is not 小周's PIN: {wrong:?}");
    // Whatever load the check began has had time to end: nothing of it stays.
    TimeoutFuture::new(500).await;
    assert!(!ctx.search.is_ready(), "a wrong PIN leaves no customers in memory");
    assert!(ctx.search.is_locked(), "and nothing loads them until a right one");

    let right = follicle::actions::staff::sign_in(&ctx, &zhou, "1357").await.unwrap();
    assert_eq!(right, Guarded::Passed(()));
    // Nobody asked the search to load: the sign-in did, during the check.
    wait_for(10_000, || ctx.search.is_ready().then_some(())).await;
    db.close();
}
