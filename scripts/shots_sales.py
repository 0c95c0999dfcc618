#!/usr/bin/env python3
"""Screenshots of the screens issue 17 item 9 changed: the statistics' sales (per month,
a chosen month's products), the lists behind a figure, and the today list's birthdays,
at 1280x800 and 800x1280, in Chinese and once in English.

Usage: python3 scripts/shots_sales.py [OUT_DIR]   (run `trunk build --release --offline` first)

Seeds customers (birthdays this week and this month around today's date), purchases
over three months and one return straight into IndexedDB, as screenshots.py does.
"""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else "screenshots"
sys.argv[1:] = [OUT]
import screenshots  # noqa: E402  (Browser, sign_in, setup's steps, the seed)
import webdriver  # noqa: E402

SALES_SEED_JS = r"""
const done = arguments[arguments.length - 1];
const meta = {store_id: "store:北京朝阳店", device_id: "前台平板#shots", created_at: Date.now(), updated_at: Date.now()};
const iso = d => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const today = new Date(); today.setHours(12, 0, 0, 0);
const plus = n => { const d = new Date(today); d.setDate(d.getDate() + n); return d; };
const monday = plus(-((today.getDay() + 6) % 7));
// Born on a day of this week, of later this month, and of next month.
const people = [
  ["孙桂芳", plus(((today.getDay() + 6) % 7) === 6 ? 0 : 1), 1958],
  ["刘建华", monday, 1962],
  ["陈淑珍", new Date(today.getFullYear(), today.getMonth(), 25), 1949],
  ["赵国庆", new Date(today.getFullYear(), today.getMonth() + 1, 3), 1966],
];
const req = indexedDB.open("follicle");
req.onsuccess = () => {
  const db = req.result;
  const tx = db.transaction(["customers", "search_rows", "search_changes", "purchases", "returns"], "readwrite");
  people.forEach(([name, day, year], i) => {
    const id = "bday-" + i;
    const phone = "137" + String(20000000 + i * 1237).padStart(8, "0");
    const birth = `${year}-${iso(day).slice(5)}`;
    const last = iso(plus(-20 - i));
    tx.objectStore("customers").put({id, meta, name, gender: i % 2 ? "male" : "female", birth_date: birth, phone, phone_digits: phone,
      name_key: name, first_visit: iso(plus(-200)), first_visit_month: iso(plus(-200)).slice(0, 7), last_visit: last});
    // The search reads its pages and the rows changed since (schema v9).
    const row = [id, name, phone, i % 2 ? "m" : "f", birth, last].join("\t");
    tx.objectStore("search_rows").put(row, id);
    tx.objectStore("search_changes").put(row, id);
  });
  const month = k => new Date(today.getFullYear(), today.getMonth() - k, 1);
  // Day d of the month k months ago (this month: not after today).
  const on = (k, d) => { const m = month(k); return iso(new Date(m.getFullYear(), m.getMonth(), k === 0 ? Math.min(d, today.getDate()) : d)); };
  const sales = [
    ["seed-0", "防脱精华液", 2, 29800, on(0, 1)], ["bday-0", "防脱精华液", 1, 29800, on(0, 1)], ["bday-1", "头皮护理疗程（10次）", 1, 198000, on(0, 1)],
    ["seed-3", "生姜洗发水", 3, 6800, on(0, 1)], ["bday-2", "防脱精华液", 1, 29800, on(1, 12)], ["seed-1", "生姜洗发水", 2, 6800, on(1, 20)],
    ["seed-4", "防脱精华液", 3, 29800, on(1, 28)], ["seed-5", "头皮护理疗程（10次）", 1, 198000, on(2, 9)], ["bday-3", "防脱精华液", 1, 29800, on(2, 15)],
  ];
  sales.forEach(([who, product, quantity, fen, date], i) => tx.objectStore("purchases").put({id: "s" + i, meta, customer_id: who, product, quantity, unit_price_fen: fen, date, use_place: "home"}));
  tx.objectStore("returns").put({id: "r1", meta, customer_id: "seed-4", purchase_id: "s6", reason: "用了头皮发痒", purchase_date: on(1, 28), package_intact: false, quantity_used: 1, unit_price_fen: 29800});
  tx.oncomplete = () => done("ok");
  tx.onerror = () => done("error " + tx.error);
};
req.onerror = () => done("open error");
"""


def main():
    dist = screenshots.DIST
    if not os.path.exists(os.path.join(dist, "index.html")):
        sys.exit("dist/ is missing: run `trunk build --release --offline` first")
    server = webdriver.SpaServer(dist, 0)
    driver = webdriver.Driver()
    b = screenshots.Browser(driver.port)
    try:
        b.size(1280, 800)
        b.go(server.url + "/")
        b.set_up()
        seeded = b.s("POST", "/execute/async", {"script": screenshots.SEED_JS, "args": []})
        assert seeded == "ok", seeded
        seeded = b.s("POST", "/execute/async", {"script": SALES_SEED_JS, "args": []})
        assert seeded == "ok", seeded
        b.reload()
        b.wait_text("新顾客登记")
        b.click_text("a", "员工")
        screenshots.sign_in(b)
        b.click_text("a", "统计")
        b.wait_text("每月销售")
        time.sleep(0.5)
        b.shot("40-stats", full=True)
        b.js("document.getElementById('sales-by-month').scrollIntoView({block:'start'})")
        b.shot("41-stats-sales")
        # A chosen month: its products.
        b.js("document.querySelectorAll('.month-pick')[1].click()")
        time.sleep(0.4)
        b.js("document.getElementById('sales-by-product').scrollIntoView({block:'start'})")
        b.shot("42-stats-products-last-month")
        # The lists behind the figures.
        b.js("document.querySelectorAll('.sales-table:not(.products) tbody tr')[1].querySelector('.sales-link').click()")
        b.wait_text("全部购买")
        time.sleep(0.3)
        b.shot("43-sales-list-month")
        b.click_text("a", "看这个月的购买顾客")
        b.wait_text("购买顾客")
        time.sleep(0.3)
        b.shot("44-sales-list-buyers")
        b.click_text("a", "统计")
        b.wait_text("各产品销售")
        b.js("document.querySelector('.sales-table.products .sales-link').click()")
        b.wait_text("笔 ·")
        time.sleep(0.3)
        b.shot("45-sales-list-product")
        # The today list's birthdays, this week and this month.
        b.click_text("a", "统计")
        b.wait_text("每月销售")
        b.click_text("a", "返回")
        b.wait_text("本机顾客总数")
        b.click_text("a", "今天要回访")
        b.wait_text("本周生日")
        b.js("document.querySelector('.birthdays').scrollIntoView({block:'start'})")
        time.sleep(0.3)
        b.shot("46-today-birthdays-week")
        b.click_text(".birthdays button", "本月生日")
        time.sleep(0.3)
        b.js("document.querySelector('.birthdays').scrollIntoView({block:'start'})")
        b.shot("47-today-birthdays-month")
        b.click_text("button", "English")
        b.wait_text("Birthdays this")
        b.js("document.querySelector('.birthdays').scrollIntoView({block:'start'})")
        time.sleep(0.3)
        b.shot("48-today-birthdays-english")
        b.click_text("a", "Back")
        b.click_text("a", "Statistics")
        b.wait_text("Sales per month")
        b.js("document.getElementById('sales-by-month').scrollIntoView({block:'start'})")
        time.sleep(0.3)
        b.shot("49-stats-sales-english")
    finally:
        b.quit()
        driver.stop()
        server.stop()


if __name__ == "__main__":
    main()
