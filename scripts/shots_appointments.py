#!/usr/bin/env python3
"""Screenshots of the appointment book, the staff home's appointments and 我的顾客
(issue 20) at 1280x800 and 800x1280, with a store's day seeded into IndexedDB; then
the referrers written at registration linked from the staff home (50-52) and a visit
booked while logging a call (53-55).

Usage: python3 scripts/shots_appointments.py OUT_DIR [DIST_DIR]
Builds nothing: DIST_DIR (default dist/) holds a build of the app. Reuses the
browser driving of scripts/screenshots.py.
"""
import os, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import screenshots as s  # noqa: E402

SEED_JS = r"""
const done = arguments[arguments.length - 1];
const now = Date.now();
const meta = {store_id: "store:北京朝阳店", device_id: "前台平板#shots", created_at: now - 3 * 86400000, updated_at: now};
const pad = n => String(n).padStart(2, "0");
const dayOf = t => { const d = new Date(t); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); };
const day = d => dayOf(now - d * 86400000);
const today = day(0), yesterday = day(1), tomorrow = day(-1);
const at = (d, h, m) => { const x = new Date(d + "T00:00:00"); x.setHours(h, m); return x.getTime(); };
const req = indexedDB.open("follicle");
req.onsuccess = () => {
  const db = req.result;
  const tx0 = db.transaction(["staff"], "readonly");
  const all = tx0.objectStore("staff").getAll();
  all.onsuccess = () => {
    const staff = all.result;
    const li = staff.find(m => m.name === "李店长").id, fang = staff.find(m => m.name === "王芳").id;
    const people = [
      // name, phone, last visit (days ago), assigned to, bought (fen)
      ["王朝阳", "13910000001", 12, fang, 420000], ["曾小燕", "13910000002", 30, li, 60000],
      ["吴超", "13910000003", 8, fang, 0], ["单田芳", "13910000004", 5, fang, 198000],
      ["黄超", "13910000005", null, li, 0], ["王丽", "13910000006", 40, fang, 29800],
      ["解晓东", "13910000007", 130, fang, 89400], ["魏晨", "13910000008", 260, fang, 29800],
      ["王建国", "13910000009", 20, null, 0], ["汪诚", "13910000010", 70, null, 59600],
      ["Anna Müller", "13910000011", 100, null, 0], ["王春华", "13910000012", 400, null, 29800],
    ];
    const tx = db.transaction(["customers", "search_rows", "search_changes", "plans", "appointments"], "readwrite");
    people.forEach(([name, phone, last, who, bought], i) => {
      const id = "shot-" + i;
      const lastDay = last === null ? null : day(last);
      tx.objectStore("customers").put({id, meta, name, gender: i % 2 ? "female" : "male", phone, phone_digits: phone,
        name_key: name.toLowerCase().replace(/\s/g, ""), first_visit: day(300), first_visit_month: day(300).slice(0, 7),
        last_visit: lastDay, staff_id: who || undefined});
      { const row = [id, name, phone, i % 2 ? "f" : "m", "", lastDay || "", day(300), "", "", String(bought), "", "", who || "", "", ""].join("\t"); tx.objectStore("search_rows").put(row, id); tx.objectStore("search_changes").put(row, id); }  // the search reads its pages and the rows changed since (schema v9)
      if (i === 2 || i === 5) {
        const item = {due: day(i === 2 ? 0 : 3), reason: {kind: "old_customer_call"}, method: "phone"};
        tx.objectStore("plans").put({customer_id: id, next_due: item.due, items: [item], last_contact: null, last_visit: lastDay});
      }
    });
    const booked = (by, t) => ({at: t, by_staff: by, what: {kind: "booked"}});
    const appt = (n, cust, d, time, purpose, served, extra) => tx.objectStore("appointments").put(Object.assign({
      id: "appt-" + n, meta, customer_id: "shot-" + cust, day: d, time, purpose, staff: served, note: null,
      attendance: "booked", arrived_at: null, reminded_at: null, changes: [booked("李店长", now - 2 * 86400000)]}, extra || {}));
    // Registered today naming who sent them: one a customer here, one not.
    [["刘小梅", "13910000020", "王朝阳"], ["陈静", "13910000021", "周阿姨"]].forEach(([name, phone, by], i) => {
      const id = "shot-new-" + i;
      tx.objectStore("customers").put({id, meta, name, gender: "female", phone, phone_digits: phone,
        name_key: name, first_visit: today, first_visit_month: today.slice(0, 7), last_visit: today, info_source: {referral: by}});
      tx.objectStore("search_rows").put([id, name, phone, "f", "", today, today, "", "", "0", "", "", "", "r", ""].join("\t"), id);
    });
    appt(1, 0, today, "09:30:00", "头皮护理", "王芳", {attendance: "arrived", arrived_at: at(today, 9, 34),
      changes: [booked("王芳", now - 6 * 86400000), {at: at(yesterday, 16, 5), by_staff: "王芳", what: {kind: "reminded"}}, {at: at(today, 9, 34), by_staff: "王芳", what: {kind: "checked_in"}}]});
    appt(2, 1, today, "10:00:00", "复查（拍照对比）", "李店长", {attendance: "arrived", arrived_at: at(today, 9, 58),
      changes: [booked("李店长", now - 9 * 86400000), {at: at(today, 9, 58), by_staff: "李店长", what: {kind: "checked_in"}}]});
    appt(3, 2, today, "10:30:00", "取产品：防脱精华液", "王芳");
    appt(4, 3, today, "11:00:00", "头皮护理疗程第3次", "王芳", {note: "想约王芳，腰不好，床头垫高",
      changes: [booked("王芳", now - 4 * 86400000), {at: now - 86400000, by_staff: "李店长", what: {kind: "moved", from_day: today, from_time: "14:00:00"}}]});
    appt(5, 4, today, "14:30:00", "首次检测", "李店长", {note: "朋友介绍，第一次来"});
    appt(6, 5, today, "16:00:00", "头皮护理", "王芳", {attendance: "cancelled",
      changes: [booked("王芳", now - 5 * 86400000), {at: now - 3600000, by_staff: "王芳", what: {kind: "cancelled"}}]});
    appt(7, 6, yesterday, "15:00:00", "头皮护理", "王芳");
    appt(8, 7, tomorrow, "10:00:00", "复查", "王芳");
    tx.oncomplete = () => done("ok");
    tx.onerror = () => done("error " + tx.error);
  };
};
req.onerror = () => done("open error");
"""


def shot_at(b, name, selector):
    """Both sizes with `selector` scrolled to the top of each (shot() keeps the scroll
    of the size before, which lands elsewhere on the other)."""
    for orient, (w, h) in s.SIZES.items():
        b.size(w, h)
        time.sleep(0.3)
        b.js("document.querySelector(arguments[0]).scrollIntoView()", selector)
        time.sleep(0.2)
        with open(os.path.join(s.OUT, f"{name}-{orient}.png"), "wb") as f:
            f.write(s.base64.b64decode(b.s("GET", "/screenshot")))


def main():
    s.OUT = sys.argv[1]
    if len(sys.argv) > 2:
        s.DIST = sys.argv[2]
    # (screenshots.py's own start: the app served from DIST, chromedriver on its port.)
    s.webdriver.SpaServer(s.DIST, s.APP_PORT)
    driver = s.webdriver.Driver(s.DRIVER_PORT)
    b = s.Browser()
    try:
        base = f"http://127.0.0.1:{s.APP_PORT}"
        b.size(1280, 800)
        b.go(base + "/")
        b.set_up()
        b.click_text("a", "员工")
        s.sign_in(b)
        b.click_text("a", "员工管理")
        b.wait_text("添加员工")
        b.type_label("员工姓名", "王芳")
        b.type_label("密码", "1357")
        b.type_label("再输一次密码", "1357")
        b.click_text("button", "添加员工")
        b.wait_text("已添加")
        seeded = b.s("POST", "/execute/async", {"script": SEED_JS, "args": []})
        assert seeded == "ok", seeded
        # Locking forgets the search index; signing in again reads the seeded customers.
        b.click_text(".top-bar button", "锁定")
        s.sign_in(b)
        b.wait_text("今天的预约")
        b.wait_js("return document.querySelectorAll('.today-appointments .appt-row').length === 5")
        b.shot("40-staff-home-appointments", full=True)
        b.click_text("a", "预约表")
        b.wait_js("return document.querySelectorAll('.appointment-book .appt-row').length === 6")
        b.shot("41-appointment-book", full=True)
        b.click_text(".appt-row button", "改期")
        b.wait_text("保存新时间")
        b.shot("42-appointment-move")
        b.click_text(".appt-move button", "取消")
        b.click_text("button", "前一天")
        b.wait_text("未到（爽约）")
        b.shot("43-appointment-book-yesterday")
        b.click_text("a", "返回查找")
        b.click_text("a", "今天要回访")
        b.wait_text("明天的预约")
        b.shot("44-today-reminders")
        b.click_text("a", "返回查找")
        b.click_text("a", "我的顾客")
        b.wait_text("分配顾客")
        b.shot("45-my-customers-manager", full=True)
        b.click_text("a", "返回查找")
        b.click_text("a", "本月拜访计划")
        b.wait_text("这是建议")
        b.wait_js("return document.querySelectorAll('.plan-lines li').length > 0")
        b.shot("49-month-plan", full=True)
        b.click_text(".top-bar button", "锁定")
        s.sign_in(b, "王芳", "1357")
        b.click_text("a", "我的顾客")
        b.wait_text("王芳的顾客")
        b.wait_text("要回访")
        b.shot("46-my-customers-staff", full=True)
        b.click_text(".result", "单田芳")
        b.wait_text("负责员工")
        b.shot("47-card-appointments-staff-member", full=True)
        b.click_text(".card-actions a", "预约到店")
        b.wait_text("项目或目的")
        b.shot("48-book-visit")
        # The referrers written at registration, linked from the staff home.
        b.click_text(".top-bar button", "锁定")
        s.sign_in(b)
        b.wait_text("新登记的顾客：关联介绍人")
        b.wait_text("王朝阳 · 手机尾号 0001")
        shot_at(b, "50-staff-home-link-referrer", ".referrers-to-link")
        b.js("[...document.querySelectorAll('.referrers-to-link button')].find(x=>x.getAttribute('aria-label').includes('王朝阳')).click()")
        b.wait_text("介绍人已关联")
        s.open_card(b, "刘小梅")
        shot_at(b, "51-card-referral-linked", ".card-referral")
        b.click_text("a", "返回")
        s.open_card(b, "陈静")
        shot_at(b, "52-card-referral-unlinked", ".card-referral")
        # A call that books the visit.
        b.click_text("button", "记录回访或到店")
        b.wait_text("内容")
        b.type_label("内容", "电话回访：答应明天来做头皮护理")
        b.click_text("label", "电话")
        b.js("document.getElementById('visit-book').click()")
        b.wait_js("return !!document.getElementById('booking-time')")
        field = "const i=document.getElementById(arguments[0]); i.value=arguments[1]; i.dispatchEvent(new Event('input',{bubbles:true}));"
        b.js(field, "booking-day", time.strftime("%Y-%m-%d"))
        b.js(field, "booking-time", "00:05")
        b.js(field, "booking-purpose", "头皮护理")
        b.shot("53-visit-form-booking", full=True)
        b.click_text("button", "保存")
        b.wait_text("这个时间已经过了")
        shot_at(b, "54-visit-form-booking-bad-time", ".booking-part")
        b.js(field, "booking-day", time.strftime("%Y-%m-%d", time.localtime(time.time() + 86400)))
        b.js(field, "booking-time", "10:30")
        b.click_text("button", "保存")
        b.wait_text("回访已记录")
        shot_at(b, "55-card-after-call-booking", ".card-appointments")
    finally:
        b.quit()
        driver.stop()


if __name__ == "__main__":
    main()
