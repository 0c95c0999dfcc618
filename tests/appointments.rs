//! The appointment book in headless Chromium against real IndexedDB, on a fixed clock:
//! a visit booked from the card shows on the staff home at its time, check-in (one
//! tap) moves the last visit, a visit nobody came to is a no-show the next day and
//! counts in the statistics, moving and cancelling are logged with who did it, and
//! the reminder call for tomorrow's visits is on the today list; a visit booked while
//! logging a call is saved with it (or, refused, neither is).
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::*;
use follicle::clock::{to_millis, Clock};
use follicle::domain::appointment::{Appointment, Attendance, Change, ChangeKind, Status};
use follicle::domain::*;
use follicle::storage::{Db, OpenHooks};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The tablet's clock at a local day and hour.
fn clock_at(d: NaiveDate, hour: u32) -> Clock {
    Clock::fixed(to_millis(d.and_time(at(hour, 0))).unwrap())
}

fn person(name: &str, phone: &str, last: NaiveDate) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(Gender::Female);
    c.first_visit = Some(day(1, 5));
    c.last_visit = Some(last);
    c.refresh_keys();
    c
}

/// A visit booked by the manager, written as the booking form writes it.
async fn booked(db: &Db, customer: &Customer, d: NaiveDate, t: NaiveTime, purpose: &str, now: i64) -> Appointment {
    let s = stamp(now);
    let a = Appointment {
        customer_id: customer.id.clone(),
        day: d,
        time: t,
        purpose: purpose.into(),
        staff: MANAGER.into(),
        changes: vec![Change { at: now, by_staff: MANAGER.into(), what: ChangeKind::Booked }],
        ..Default::default()
    }
    .made(&s);
    db.book_appointment(&a, &s).await.unwrap();
    a
}

/// Mounts the app on `clock` and signs the manager in.
async fn signed_in(name: &str, clock: Clock) -> (Element, yew::AppHandle<follicle::app::App>) {
    let (root, handle) = mount_app_with(name, clock, false);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    wait_for_text(&root, "本机顾客总数").await;
    (root, handle)
}

fn rows(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<HtmlElement>().ok()).collect()
}

fn button_in(row: &HtmlElement, text: &str) -> Option<HtmlElement> {
    by_text(row, "button", text)
}

#[wasm_bindgen_test]
async fn a_visit_booked_from_the_card_shows_on_the_staff_home_at_its_time_and_check_in_moves_the_last_visit() {
    let name = unique_db("appointments-book");
    set_up_tablet(&name).await;
    let today = day(11, 10);
    let clock = clock_at(today, 9);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", day(10, 1));
    let li = person("李静", "13800002222", day(10, 20));
    for c in [&wang, &li] {
        db.save_registration(c, &[]).await.unwrap();
    }
    // Booked earlier for the afternoon.
    booked(&db, &li, today, at(15, 0), "复查", clock.now_ms() - 86_400_000).await;
    db.close();

    let (root, handle) = signed_in(&name, clock.clone()).await;
    open_card(&root, "王秀英", "预约").await;
    tap(&root, "a", "预约到店").await;
    let day_field = wait_for_field(&root, "日期").await;
    assert_eq!(value_of(&day_field), "2026-11-11", "tomorrow to start from");
    type_into(&day_field, "2026-11-10");
    type_into(&input_by_label(&root, "时间"), "10:30");
    type_into(&input_by_label(&root, "项目或目的"), "头皮护理");
    assert!(by_text(&root, "label", MANAGER).is_some(), "the staff members to choose from");
    click(&root, "button", "保存");
    wait_for_text(&root, "预约已保存").await;
    let section = wait_for(5_000, || by_text(&root, ".card-appointments", "头皮护理")).await;
    assert!(section.text_content().unwrap().contains("2026-11-10 10:30"), "{:?}", section.text_content());

    // The staff home: today's appointments in time order.
    tap(&root, "a", "返回").await;
    wait_for(5_000, || (rows(&root, ".today-appointments .appt-row").len() == 2).then_some(())).await;
    let home: Vec<String> = rows(&root, ".today-appointments .appt-row").iter().map(|r| r.text_content().unwrap()).collect();
    assert!(home[0].contains("10:30") && home[0].contains("王秀英") && home[0].contains("头皮护理"), "{home:?}");
    assert!(home[1].contains("15:00") && home[1].contains("李静"), "{home:?}");
    assert!(home.iter().all(|r| r.contains("待到店")), "{home:?}");

    // One tap: she is here.
    let row = by_text(&root, ".today-appointments .appt-row", "王秀英").unwrap();
    button_in(&row, "到店签到").expect("check-in on the day").click();
    wait_for_text(&root, "已签到，到店已记录").await;
    let row = wait_for(5_000, || by_text(&root, ".today-appointments .appt-row", "王秀英").filter(|r| r.text_content().unwrap().contains("已到店"))).await;
    assert!(button_in(&row, "到店签到").is_none(), "checked in once");
    handle.destroy();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let saved = db.get::<Customer>(&wang.id).await.unwrap().unwrap();
    assert_eq!(saved.last_visit, Some(today), "an in-store visit, as the visit form logs one");
    let file = db.customer_file(&wang.id).await.unwrap().unwrap();
    let visit = file.follow_ups.last().expect("the visit is logged");
    assert_eq!((visit.method, visit.by_staff.as_str()), (Some(ContactMethod::InStore), MANAGER));
    assert!(visit.content.contains("头皮护理"), "{}", visit.content);
    let mine = db.appointments_of(&wang.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].attendance, mine[0].status(today)), (Attendance::Arrived, Status::Arrived));
    assert_eq!(mine[0].booked_by(), Some(MANAGER));
    assert_eq!(db.get::<Customer>(&li.id).await.unwrap().unwrap().last_visit, Some(day(10, 20)), "nobody else's visit moved");
    db.close();
}

#[wasm_bindgen_test]
async fn a_visit_nobody_came_to_is_a_no_show_the_next_day_and_the_month_counts_it() {
    let name = unique_db("appointments-no-show");
    set_up_tablet(&name).await;
    let today = day(11, 10);
    let clock = clock_at(today, 9);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", day(10, 1));
    let zhao = person("赵敏", "13800003333", day(10, 1));
    for c in [&wang, &zhao] {
        db.save_registration(c, &[]).await.unwrap();
    }
    let missed = booked(&db, &wang, today, at(11, 0), "头皮护理", clock.now_ms()).await;
    let kept = booked(&db, &zhao, today, at(14, 0), "复查", clock.now_ms()).await;
    db.close();

    let (root, handle) = signed_in(&name, clock.clone()).await;
    let row = wait_for(5_000, || by_text(&root, ".today-appointments .appt-row", "王秀英")).await;
    assert!(row.text_content().unwrap().contains("待到店"), "later the same day she may still come");
    let row = by_text(&root, ".today-appointments .appt-row", "赵敏").unwrap();
    button_in(&row, "到店签到").unwrap().click();
    wait_for_text(&root, "已签到").await;
    handle.destroy();

    // The next morning.
    clock.advance(86_400_000);
    let (root, handle) = signed_in(&name, clock.clone()).await;
    wait_for_text(&root, "今天没有预约").await;
    tap(&root, "a", "预约表").await;
    tap(&root, "button", "前一天").await;
    let row = wait_for(5_000, || by_text(&root, ".appt-row", "王秀英")).await;
    let text = row.text_content().unwrap();
    assert!(text.contains("未到（爽约）") && text.contains("11:00"), "{text}");
    assert!(button_in(&row, "到店签到").is_none() && button_in(&row, "改期").is_none(), "a no-show stays one");
    assert!(by_text(&root, ".appt-row", "赵敏").unwrap().text_content().unwrap().contains("已到店"));

    tap(&root, "a", "返回").await;
    tap(&root, "a", "统计").await;
    wait_for(5_000, || by_text(&root, ".figure", "本月爽约")).await;
    let figure = |label: &str| by_text(&root, ".figure", label).unwrap().query_selector(".figure-value").unwrap().unwrap().text_content().unwrap();
    assert_eq!(figure("本月预约"), "2");
    assert_eq!(figure("本月预约到店"), "1");
    assert_eq!(figure("本月爽约"), "1");
    handle.destroy();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let stored = db.get::<Appointment>(&missed.id).await.unwrap().unwrap();
    assert_eq!((stored.attendance, stored.status(day(11, 11))), (Attendance::Booked, Status::NoShow), "no write needed: the day ended");
    assert_eq!(db.get::<Appointment>(&kept.id).await.unwrap().unwrap().attendance, Attendance::Arrived);
    db.close();
}

#[wasm_bindgen_test]
async fn moving_and_cancelling_are_logged_with_who_did_it() {
    let name = unique_db("appointments-move");
    set_up_tablet(&name).await;
    let today = day(11, 10);
    let clock = clock_at(today, 9);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", day(10, 1));
    let zhao = person("赵敏", "13800003333", day(10, 1));
    for c in [&wang, &zhao] {
        db.save_registration(c, &[]).await.unwrap();
    }
    let moved = booked(&db, &wang, day(11, 11), at(10, 0), "头皮护理", clock.now_ms()).await;
    let cancelled = booked(&db, &zhao, day(11, 11), at(11, 0), "复查", clock.now_ms()).await;
    db.close();

    let (root, handle) = signed_in(&name, clock.clone()).await;
    tap(&root, "a", "预约表").await;
    tap(&root, "button", "后一天").await;
    let row = wait_for(5_000, || by_text(&root, ".appt-row", "王秀英")).await;
    assert!(button_in(&row, "到店签到").is_none(), "check-in is for the day itself");
    button_in(&row, "改期").unwrap().click();
    let time = wait_for(5_000, || by_text(&root, ".appt-row", "王秀英").and_then(|r| r.query_selector("input[type=time]").unwrap())).await;
    type_into(time.unchecked_ref(), "16:30");
    tap(&root, "button", "保存新时间").await;
    wait_for_text(&root, "预约已改期").await;
    let row = wait_for(5_000, || by_text(&root, ".appt-row", "王秀英").filter(|r| r.text_content().unwrap().contains("16:30"))).await;
    assert!(row.text_content().unwrap().contains("李店长改期（原为2026-11-11 10:00）"), "{:?}", row.text_content());

    let row = by_text(&root, ".appt-row", "赵敏").unwrap();
    button_in(&row, "取消预约").unwrap().click();
    wait_for_text(&root, "确定取消这个预约吗？").await;
    let row = by_text(&root, ".appt-row", "赵敏").unwrap();
    button_in(&row, "不取消").expect("asked once more");
    row.query_selector("button.danger").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    wait_for_text(&root, "预约已取消").await;
    let row = wait_for(5_000, || by_text(&root, ".appt-row", "赵敏").filter(|r| r.text_content().unwrap().contains("已取消"))).await;
    assert!(row.text_content().unwrap().contains("李店长取消"));
    // The day now reads: 王秀英 at 16:30, then the cancelled one last.
    let order: Vec<String> = rows(&root, ".appt-row").iter().map(|r| r.text_content().unwrap()).collect();
    assert_eq!(order.len(), 2);
    assert!(order[0].contains("王秀英") && order[1].contains("赵敏"), "{order:?}");
    assert!(by_text(&root, "h2", "预约：1个").is_some(), "the cancelled one is not counted");
    handle.destroy();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let m = db.get::<Appointment>(&moved.id).await.unwrap().unwrap();
    assert_eq!((m.day, m.time), (day(11, 11), at(16, 30)));
    assert_eq!(m.changes.last().map(|c| (c.by_staff.as_str(), c.what.clone())), Some((MANAGER, ChangeKind::Moved { from_day: day(11, 11), from_time: at(10, 0) })));
    let c = db.get::<Appointment>(&cancelled.id).await.unwrap().unwrap();
    assert_eq!(c.attendance, Attendance::Cancelled);
    assert_eq!(c.changes.last().map(|c| (c.by_staff.as_str(), c.what.clone(), c.at)), Some((MANAGER, ChangeKind::Cancelled, clock.now_ms())));
    db.close();
}

#[wasm_bindgen_test]
async fn tomorrows_visits_put_a_reminder_call_on_the_today_list_logged_as_a_call() {
    let name = unique_db("appointments-remind");
    set_up_tablet(&name).await;
    let today = day(11, 10);
    let clock = clock_at(today, 9);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", day(11, 1));
    let zhao = person("赵敏", "13800003333", day(11, 1));
    for c in [&wang, &zhao] {
        db.save_registration(c, &[]).await.unwrap();
    }
    let tomorrow = booked(&db, &wang, day(11, 11), at(10, 0), "头皮护理", clock.now_ms()).await;
    booked(&db, &zhao, day(11, 14), at(15, 0), "取产品", clock.now_ms()).await;
    db.close();

    let (root, handle) = signed_in(&name, clock.clone()).await;
    tap(&root, "a", "今天要回访").await;
    let reminders = wait_for(5_000, || by_text(&root, ".appointment-reminders", "王秀英")).await;
    assert!(reminders.text_content().unwrap().contains("2026-11-11 10:00 · 头皮护理"), "{:?}", reminders.text_content());
    assert!(!reminders.text_content().unwrap().contains("赵敏"), "hers is not tomorrow");
    let coming = by_text(&root, ".appointments-coming", "赵敏").expect("the week's visits");
    assert!(coming.text_content().unwrap().contains("王秀英") && coming.text_content().unwrap().contains("2026-11-14 15:00"));

    button_in(&reminders, "已打电话提醒").unwrap().click();
    wait_for(5_000, || root.query_selector(".appointment-reminders").unwrap().is_none().then_some(())).await;
    handle.destroy();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let stored = db.get::<Appointment>(&tomorrow.id).await.unwrap().unwrap();
    assert_eq!(stored.reminded_at, Some(clock.now_ms()));
    let file = db.customer_file(&wang.id).await.unwrap().unwrap();
    let call = file.follow_ups.last().expect("the call is logged");
    assert_eq!(call.method, Some(ContactMethod::Phone));
    assert!(call.content.contains("预约提醒") && call.content.contains("头皮护理"), "{}", call.content);
    db.close();
}

/// The element with this id in the test's root (the follow-up form has two fields
/// labelled 时间: the call's and the visit's).
fn field_by_id(root: &Element, id: &str) -> HtmlElement {
    root.query_selector(&format!("#{id}")).unwrap().unwrap_or_else(|| panic!("no #{id}")).unchecked_into()
}

/// Opens the card's follow-up form and writes a phone call.
async fn call_logged(root: &Element, content: &str) {
    tap(root, "button", "记录回访或到店").await;
    let field = wait_for_field(root, "内容").await;
    type_into(&field, content);
    click(root, "label", "电话");
}

#[wasm_bindgen_test]
async fn a_call_that_books_the_visit_saves_both_at_once_and_the_visit_is_on_the_staff_home_at_its_time() {
    let name = unique_db("appointments-call-books");
    set_up_tablet(&name).await;
    let today = day(11, 10);
    let clock = clock_at(today, 9);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", day(10, 1));
    db.save_registration(&wang, &[]).await.unwrap();
    db.close();

    let (root, handle) = signed_in(&name, clock.clone()).await;
    open_card(&root, "王秀英", "预约").await;
    call_logged(&root, "电话回访，约好今天下午来做护理").await;
    assert!(root.query_selector("#booking-time").unwrap().is_none(), "no booking until it is ticked");
    field_by_id(&root, "visit-book").click();
    let day_field = wait_for(5_000, || root.query_selector("#booking-day").unwrap()).await;
    assert_eq!(value_of(day_field.unchecked_ref()), "2026-11-11", "tomorrow to start from");
    type_into(day_field.unchecked_ref(), "2026-11-10");
    type_into(&field_by_id(&root, "booking-time"), "16:00");
    type_into(&field_by_id(&root, "booking-purpose"), "头皮护理");
    let staff = root.query_selector(".booking-part").unwrap().expect("the booking part");
    wait_for(5_000, || by_text(&staff, "label", MANAGER)).await;
    click(&root, "button", "保存");
    wait_for_text(&root, "回访已记录").await;
    let section = wait_for(5_000, || by_text(&root, ".card-appointments", "头皮护理")).await;
    assert!(section.text_content().unwrap().contains("2026-11-10 16:00"), "{:?}", section.text_content());

    // A second call, nothing booked: only the call is logged.
    call_logged(&root, "提醒下午的预约").await;
    click(&root, "button", "保存");
    wait_for_text(&root, "回访已记录").await;

    // The staff home: the visit at its time.
    tap(&root, "a", "返回").await;
    let row = wait_for(5_000, || by_text(&root, ".today-appointments .appt-row", "王秀英")).await;
    let text = row.text_content().unwrap();
    assert!(text.contains("16:00") && text.contains("头皮护理") && text.contains("待到店"), "{text}");
    handle.destroy();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let file = db.customer_file(&wang.id).await.unwrap().unwrap();
    // Both calls logged (at the same moment of the test's fixed clock: in either order).
    let mut calls: Vec<(&str, Option<ContactMethod>)> = file.follow_ups.iter().map(|f| (f.content.as_str(), f.method)).collect();
    calls.sort_by_key(|(content, _)| *content);
    let mut expected = [("电话回访，约好今天下午来做护理", Some(ContactMethod::Phone)), ("提醒下午的预约", Some(ContactMethod::Phone))];
    expected.sort_by_key(|(content, _)| *content);
    assert_eq!(calls, expected);
    let mine = db.appointments_of(&wang.id).await.unwrap();
    assert_eq!(mine.len(), 1, "the call without a booking booked nothing");
    assert_eq!((mine[0].day, mine[0].time, mine[0].purpose.as_str(), mine[0].staff.as_str()), (today, at(16, 0), "头皮护理", MANAGER));
    assert_eq!(mine[0].booked_by(), Some(MANAGER));
    db.close();
}

#[wasm_bindgen_test]
async fn a_booking_with_a_bad_time_is_refused_with_a_clear_message_and_the_call_is_not_saved_either() {
    let name = unique_db("appointments-call-bad-time");
    set_up_tablet(&name).await;
    let today = day(11, 10);
    let clock = clock_at(today, 9);
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", day(10, 1));
    db.save_registration(&wang, &[]).await.unwrap();
    db.close();

    let (root, handle) = signed_in(&name, clock.clone()).await;
    open_card(&root, "王秀英", "预约").await;
    call_logged(&root, "电话回访").await;
    field_by_id(&root, "visit-book").click();
    let day_field = wait_for(5_000, || root.query_selector("#booking-day").unwrap()).await;
    type_into(day_field.unchecked_ref(), "2026-11-10");
    type_into(&field_by_id(&root, "booking-time"), "07:30");
    type_into(&field_by_id(&root, "booking-purpose"), "复查");
    click(&root, "button", "保存");
    wait_for_text(&root, "这个时间已经过了").await;
    assert_eq!(field_by_id(&root, "booking-day").get_attribute("aria-invalid").as_deref(), Some("true"), "shown at the booking's day");
    // No time at all: asked for.
    type_into(&field_by_id(&root, "booking-time"), "");
    click(&root, "button", "保存");
    wait_for_text(&root, "请选择时间").await;
    assert!(!root.text_content().unwrap().contains("回访已记录"));
    handle.destroy();

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let file = db.customer_file(&wang.id).await.unwrap().unwrap();
    assert!(file.follow_ups.is_empty(), "nothing saved: {:?}", file.follow_ups);
    assert!(db.appointments_of(&wang.id).await.unwrap().is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn a_call_and_its_booking_are_one_write_a_booking_that_fails_takes_the_call_with_it() {
    let name = unique_db("appointments-call-one-tx");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let wang = person("王秀英", "13800001111", day(10, 1));
    let li = person("李静", "13800002222", day(10, 1));
    for c in [&wang, &li] {
        db.save_registration(c, &[]).await.unwrap();
    }
    let taken = booked(&db, &wang, day(11, 12), at(10, 0), "头皮护理", 1_000).await;
    let call = |c: &Customer| FollowUpEntry { customer_id: c.id.clone(), at: 2_000, method: Some(ContactMethod::Phone), content: "电话回访".into(), by_staff: MANAGER.into(), ..Default::default() }.made(&stamp(2_000));
    // The booking's id is used already (`add` fails): the call is not written either.
    let again = Appointment { purpose: "复查".into(), ..taken.clone() };
    assert!(db.log_follow_up_and_book(&call(&wang), Some(&again), &stamp(2_000)).await.is_err());
    // A booking for someone else than the call's customer is refused.
    let hers = Appointment { id: new_id(), customer_id: li.id.clone(), ..taken.clone() };
    assert!(db.log_follow_up_and_book(&call(&wang), Some(&hers), &stamp(2_000)).await.is_err());
    assert!(db.customer_file(&wang.id).await.unwrap().unwrap().follow_ups.is_empty(), "nothing of the call is saved");
    assert_eq!(db.get::<Appointment>(&taken.id).await.unwrap().unwrap().purpose, "头皮护理", "the booking there is untouched");
    assert!(db.appointments_of(&li.id).await.unwrap().is_empty());
    // Both fine: both written.
    let fresh = Appointment { id: new_id(), day: day(11, 13), ..taken.clone() };
    db.log_follow_up_and_book(&call(&wang), Some(&fresh), &stamp(2_000)).await.unwrap();
    assert_eq!(db.customer_file(&wang.id).await.unwrap().unwrap().follow_ups.len(), 1);
    assert_eq!(db.appointments_of(&wang.id).await.unwrap().len(), 2);
    db.close();
}
