#!/usr/bin/env python3
"""Screenshots of the customer card with its 打印档案 button and of the printed card
(print media emulated), with and without the sensitive consent, and of a consent given
to an older notice asked again (issue 17.4, 17.9), at 1280x800 and 800x1280.

Usage: python3 scripts/shots_card_print.py OUT_DIR [DIST_DIR]
Builds nothing: DIST_DIR (default dist/) holds a build of the app. Reuses the
browser driving and the seed of scripts/screenshots.py.
"""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import screenshots as s  # noqa: E402
import webdriver  # noqa: E402

# 王朝阳 (seed-0): the hair and health facts and an address, and his personal consent
# given to notice version 2; 周玉兰 (trust-1) declined the sensitive consent but has a
# health note on record from before, which the printed card must leave out.
EXTRA_JS = r"""
const done = arguments[arguments.length - 1];
const req = indexedDB.open("follicle");
req.onsuccess = () => {
  const tx = req.result.transaction(["customers", "consents"], "readwrite");
  const customers = tx.objectStore("customers");
  const get = customers.get("seed-0");
  get.onsuccess = () => {
    const c = get.result;
    Object.assign(c, {hair_loss_type: "seborrheic", hair_loss_duration: "one_to_three_years", hair_loss_grade: {norwood: 3},
      prior_treatment: "米诺地尔 5%，用了半年", health_notes: "高血压（在吃降压药），青霉素过敏", address: "朝阳区望京街 1 号"});
    customers.put(c);
  };
  const zhou = customers.get("trust-1");
  zhou.onsuccess = () => { const c = zhou.result; c.health_notes = "糖尿病"; customers.put(c); };
  tx.objectStore("consents").put({id: "seed-0-p", meta: {store_id: "store:北京朝阳店", device_id: "前台平板#shots", created_at: Date.now(), updated_at: Date.now()},
    customer_id: "seed-0", kind: "personal_info", notice_id: "personal-2026-12-v2", notice_hash: "seed", granted: true, at: Date.now() - 30 * 86400000});
  tx.oncomplete = () => done("ok");
  tx.onerror = () => done("error " + tx.error);
};
req.onerror = () => done("open error");
"""


def media(b, kind):
    b.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {"media": kind}})


def main():
    s.OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(s.ROOT, "screenshots")
    dist = sys.argv[2] if len(sys.argv) > 2 else s.DIST
    webdriver.SpaServer(dist, s.APP_PORT)
    webdriver.Driver(s.DRIVER_PORT)
    b = s.Browser()
    try:
        b.size(1280, 800)
        b.go(f"http://127.0.0.1:{s.APP_PORT}/")
        b.set_up()
        for script in (s.SEED_JS, s.TRUST_SEED_JS, EXTRA_JS):
            seeded = b.s("POST", "/execute/async", {"script": script, "args": []})
            assert seeded == "ok", seeded
        # The welcome screen's promise, as the notice says it.
        b.click_text("a", "新顾客登记")
        b.wait_text("开始登记")
        b.shot("90-register-welcome")
        # The consent step: the notices list what the form asks (version 3).
        b.click_text("button", "开始登记")
        b.wait_text("电话号码")
        b.type_label("姓名", "钱秀英")
        b.type_label("电话号码", "13600136000")
        for step in ("头发情况", "健康与生活", "怎么知道我们", "个人信息处理说明"):
            b.click_text("button", "下一步")
            b.wait_text(step)
        b.shot("90b-register-consent", full=True)
        b.go(f"http://127.0.0.1:{s.APP_PORT}/")
        b.wait_text("新顾客登记")
        b.click_text("a", "员工")
        s.sign_in(b)
        s.open_card(b, "王朝阳")
        b.wait_text("打印档案")
        b.shot("91-card-with-print")
        # What 打印档案 prints, as print media sees it (no dialog in headless Chromium).
        b.js("window.print = () => {};")
        b.click_text("button", "打印档案")
        media(b, "print")
        b.shot("92-card-print", full=True)
        media(b, "screen")
        # His personal consent was given to notice version 2: asked again.
        b.js("document.querySelector('.consents').scrollIntoView({block: 'center'})")
        b.shot("93-card-older-notice")
        b.click_text(".consents a.renew", "请顾客阅读新版说明")
        b.wait_text("我们更新了下面这份说明")
        b.shot("94-consent-renew", full=True)
        b.click_text("a", "暂不同意")
        b.wait_text("打印档案")
        b.click_text("a", "返回查找")
        b.wait_text("本机顾客总数")
        s.open_card(b, "周玉兰")
        b.wait_text("打印档案")
        media(b, "print")
        b.shot("95-card-print-no-sensitive", full=True)
        media(b, "screen")
    finally:
        b.quit()


if __name__ == "__main__":
    main()
