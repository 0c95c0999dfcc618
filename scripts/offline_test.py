#!/usr/bin/env python3
"""The built app in headless Chromium, as the tablet runs it: offline start, updates,
Content-Security-Policy, console, storage pressure.

Usage: python3 scripts/offline_test.py DIST_DIR [--shots OUT_DIR] [--console]

DIST_DIR is a `trunk build --offline` output (scripts/test.sh passes its release
build; a debug build works too). A service worker cannot run inside the
wasm-bindgen test runner, so this serves the build over http on
127.0.0.1 and drives Chromium through chromedriver's WebDriver protocol (standard
library only, like scripts/screenshots.py). It checks, failing loudly:

1. First load registers the service worker; once it is active the network goes off
   (the server is stopped and Chromium is told it is offline), and a reload still
   starts the app, a deep link (/staff) opens at the PIN gate, and a registration is saved.
2. A new build served later installs beside the running one, the app says 新版本可用
   on the home screen (not on a form), and 重新载入 switches to it with data intact.
3. Nearly full storage (the browser's estimate stubbed, see below) shows a warning
   with the figures on the staff home.
4. On every screen visited: no Content-Security-Policy violation (a test violation
   proves the listener and the policy work) and no personal data on the console.
"""
import base64, functools, http.server, io, json, os, shutil, socketserver, subprocess, sys, tempfile, threading, time, urllib.request

APP_PORT = int(os.environ.get("OFFLINE_APP_PORT", 8097))
BASE = f"http://127.0.0.1:{APP_PORT}"
SIZES = {"landscape": (1280, 800), "portrait": (800, 1280)}
CUSTOMER, PHONE = "离线测试王", "13912345678"

# Runs before the page's own scripts on every load (DevTools-injected scripts are not
# subject to the page's CSP): records every CSP violation the page reports.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


class Server:
    """dist/ over http; unknown paths get index.html (a single-page app). `next_build`
    serves a changed sw.js, as a newly deployed build would."""

    def __init__(self, dist):
        self.dist, self.next_build, self.httpd = dist, False, None

    def start(self):
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_head(self):
                if self.path.split("?")[0] == "/sw.js" and server.next_build:
                    with open(os.path.join(server.dist, "sw.js"), encoding="utf-8") as f:
                        body = f.read().replace('const BUILD = "', 'const BUILD = "next-').encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/javascript")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    return io.BytesIO(body)
                if not os.path.exists(self.translate_path(self.path)):
                    self.path = "/index.html"
                return super().send_head()

        socketserver.TCPServer.allow_reuse_address = True
        self.httpd = socketserver.TCPServer(("127.0.0.1", APP_PORT), functools.partial(Handler, directory=self.dist))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402  (the WebDriver kit the scripts share)


class Browser(webdriver.Browser):
    """The tablet, with the page's CSP violations and its console recorded."""

    def __init__(self, driver_port):
        super().__init__(driver_port, "follicle-offline-", capabilities={"goog:loggingPrefs": {"browser": "ALL"}})
        self.console = []
        self.cdp("Page.addScriptToEvaluateOnNewDocument", source=CSP_LISTENER)

    def wait(self, what, timeout=60):
        self.wait_text(what, timeout)

    def check_page(self, where):
        """No CSP violation and no personal data on the console, so far."""
        violations = self.js("return window.__csp")
        assert violations is not None, f"{where}: the CSP listener is missing"
        assert violations == [], f"{where}: Content-Security-Policy violations: {violations}"
        self.console += [entry["message"] for entry in self.s("POST", "/se/log", {"type": "browser"})]
        leaks = [m for m in self.console if CUSTOMER in m or PHONE in m or PHONE[-4:] in m]
        assert not leaks, f"{where}: personal data on the console: {leaks}"

    def shot(self, out, name):
        os.makedirs(out, exist_ok=True)
        for orient, (w, h) in SIZES.items():
            self.viewport(w, h)
            time.sleep(0.4)
            with open(os.path.join(out, f"{name}-{orient}.png"), "wb") as f:
                f.write(self.png())
        self.s("POST", "/window/rect", {"width": 1280, "height": 900})


def count_customers(b):
    return b.js_async("""const done = arguments[arguments.length - 1];
        const r = indexedDB.open('follicle');
        r.onsuccess = () => { const q = r.result.transaction('customers').objectStore('customers').getAll();
                              q.onsuccess = () => { done(q.result.map(c => c.name)); r.result.close(); }; };
        r.onerror = () => done('open failed');""")


def register(b, name, phone):
    b.tap("a", "新顾客登记")
    b.tap("button", "开始登记")
    b.wait("电话号码")
    b.type_label("姓名", name)
    b.type_label("电话号码", phone)
    b.type_label("出生日期", "1960-03-08")
    b.click("label", "男")
    for marker in ("脱发类型", "身体状况和其他疾病", "您是怎么知道我们的", "个人信息处理说明"):
        b.click("button", "下一步")
        b.wait(marker)
    b.click("button", "下一步")
    b.wait_js("return !!document.getElementById('reg-consent_personal')")
    b.js("document.getElementById('reg-consent_personal').click()")
    b.click("button", "下一步")
    b.tap("button", "确认并保存")


def sign_in(b, pin="2468"):
    """At the staff gate (the manager alone on the list): the PIN, then the staff home."""
    b.wait("员工登录")
    b.type_label("密码", pin)
    b.click("button", "确认")
    b.wait("您好")


def check_top_bar(b):
    """Signed in, at 800 px wide (a tablet upright) as at 1280: the store's name is
    shown whole (it was cut to "离…" beside the staff member's name), and every part
    of the bar lies inside the window."""
    for w, h in ((800, 1280), (1280, 800)):
        b.viewport(w, h)
        time.sleep(0.3)
        bar = b.js("""const n = document.querySelector('.top-bar .store-name');
            const parts = [...document.querySelectorAll('.top-bar > *')].map(e => e.getBoundingClientRect());
            return {whole: n.scrollWidth <= n.clientWidth, text: n.textContent, parts: parts.length,
                    inside: parts.every(r => r.left >= 0 && r.right <= innerWidth + 0.5 && r.width > 0)};""")
        assert bar["text"] == "离线测试店" and bar["whole"], f"{w}×{h}: the store's name is cut: {bar}"
        assert bar["parts"] >= 4 and bar["inside"], f"{w}×{h}: the top bar overflows: {bar}"
    b.s("POST", "/window/rect", {"width": 1280, "height": 900})


def tour_screens(b, shots=None):
    """The staff card, export, progress with pictures (object URLs, the slider's
    CSSOM styles, the SVG chart), capture, measurements, self-check and its print
    sheet, settings: each checked for CSP violations and console leaks."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from screenshots import SEED_JS  # customers and pictures written as the app stores them
    assert b.js_async(SEED_JS) == "ok"
    # The search index is read at sign-in: sign in again to see the seeded customers.
    b.click("button", "锁定")
    b.wait("员工登录")
    b.type_label("密码", "2468")
    b.click("button", "确认")
    b.wait("本机顾客总数：13")
    check_top_bar(b)
    b.js("const i=document.getElementById('customer-search'); i.value='王朝阳'; i.dispatchEvent(new Event('input',{bubbles:true}));")
    b.tap(".result", "王朝阳")
    b.wait("王先生")
    b.check_page("customer card")
    b.click("button", "导出资料副本")
    b.wait("保存文件")
    assert b.js("return document.querySelector('a.export-file').href.startsWith('blob:')")
    if shots:
        b.js("document.querySelector('.export-zone').scrollIntoView()")
        b.shot(shots, "62-export-ready")
    # 保存文件 saves the file as the tablet would: it holds this customer, not the others.
    downloads = tempfile.mkdtemp(prefix="follicle-downloads-")
    b.cdp("Browser.setDownloadBehavior", behavior="allow", downloadPath=downloads)
    b.click("a", "保存文件")
    end = time.time() + 30
    while not [n for n in os.listdir(downloads) if n.endswith(".html")] and time.time() < end:
        time.sleep(0.2)
    saved = [n for n in os.listdir(downloads) if n.endswith(".html")]
    assert len(saved) == 1 and saved[0].startswith("follicle-personal-data-"), saved
    with open(os.path.join(downloads, saved[0]), encoding="utf-8") as f:
        page = f.read()
    shutil.rmtree(downloads, ignore_errors=True)
    assert "王朝阳" in page and "防脱精华液" in page and "data:image/webp;base64," in page
    assert not any(other in page for other in ("王春华", "汪诚", "seed-1")), "only this customer"
    b.check_page("export saved")
    if shots:
        with open(os.path.join(shots, "63-export-file.html"), "w", encoding="utf-8") as f:
            f.write(page)
    b.click("a", "头发变化")
    b.wait("相隔天数")
    b.wait_js("return [...document.querySelectorAll('img')].some(i => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0)")
    b.check_page("progress with pictures")
    b.click("button", "滑动对比")
    b.wait("拖动对比线")
    b.js("const r=document.querySelector('.slider-range input'); r.value='40'; r.dispatchEvent(new Event('input',{bubbles:true}));")
    b.check_page("slider")
    b.click("a", "拍照或添加图片")
    b.wait("选择图片文件")
    b.check_page("capture")
    # 取消 goes back where the form was opened: the progress screen.
    b.click("a", "取消")
    b.wait("相隔天数")
    b.tap("a", "← 王先生")
    b.wait("记录回访或到店")
    b.click("button", "记录回访或到店")
    b.wait("下次回访日期")
    b.check_page("visit form")
    b.click("button", "取消")
    b.tap("button", "编辑资料")
    b.wait("编辑顾客资料")
    b.check_page("edit form")
    b.click("button", "取消")
    b.tap("a", "头发变化")
    b.wait("相隔天数")
    b.click("a", "记录测量")
    b.wait("毛发粗度")
    b.check_page("measurement form")
    b.click("a", "回到首页")
    b.tap("a", "我的头发变化")
    b.wait("您的手机号")
    b.type_label("您的手机号", "13910000000")
    b.click("button", "下一步")
    b.wait("查看")
    b.type_label("您的出生日期", "1950-01-15")
    b.click("button", "查看")
    b.wait("相隔天数")
    b.check_page("self-check")
    b.js("window.print = () => {};")  # no print dialog in a headless test
    b.click("button", "打印进度单")
    b.check_page("print sheet")
    b.click("button", "退出")
    # Home locked the staff side: the PIN again.
    b.tap("a", "员工")
    sign_in(b)
    b.tap("a", "设置")
    b.wait("本机存储")
    b.check_page("settings")


def main():
    if len(sys.argv) < 2 or not os.path.exists(os.path.join(sys.argv[1], "sw.js")):
        sys.exit("usage: offline_test.py DIST_DIR [--shots OUT_DIR]  (a trunk build with sw.js)")
    dist = os.path.abspath(sys.argv[1])
    shots = sys.argv[sys.argv.index("--shots") + 1] if "--shots" in sys.argv else None
    server = Server(dist)
    server.start()
    driver = webdriver.Driver()
    b = None
    try:
        b = Browser(driver.port)
        b.s("POST", "/window/rect", {"width": 1280, "height": 900})

        print("· first load, online: setup, and the service worker becomes active")
        b.go(BASE + "/")
        b.wait("首次使用设置")
        # Kept on the tablet from the very first screen, before setup.
        state = b.js_async("const done = arguments[arguments.length - 1]; navigator.serviceWorker.ready.then(r => done(r.active.state));")
        assert state in ("activating", "activated"), state
        # The policy is enforced and the listener hears it: a picture from another
        # host is refused (then the record is cleared).
        b.js("const i = document.createElement('img'); i.src = 'http://example.invalid/x.png'; document.body.append(i);")
        refused = b.wait_js("return window.__csp.length && window.__csp")
        assert "img-src" in refused[0], refused
        b.js("window.__csp = []; document.querySelectorAll('img[src^=\"http://example\"]').forEach(i => i.remove())")
        b.type_label("门店名称", "离线测试店")
        b.type_label("平板名称", "前台")
        b.click("button", "下一步")
        b.wait("设置店长")
        b.type_label("店长姓名", "李店长")
        b.type_label("密码", "2468")
        b.type_label("再输一次密码", "2468")
        b.click("button", "完成设置")
        b.wait("新顾客登记")
        assert b.js("return navigator.serviceWorker.controller === null"), "the first page came from the network"
        b.wait_js("return navigator.serviceWorker.ready.then(r => r.active.state === 'activated')")
        b.check_page("first load")

        print("· network off (server stopped, Chromium offline), reload")
        server.stop()
        b.cdp("Network.enable")
        b.cdp("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1, uploadThroughput=-1)
        b.reload()
        b.wait("新顾客登记")
        assert b.js("return navigator.serviceWorker.controller !== null"), "the reloaded page is not served by the worker"
        assert b.js("return navigator.onLine") is False, "Chromium should believe it is offline"
        b.check_page("offline reload")
        # The staff side is a second module (src/screens.rs): on a start (not the first,
        # when the new database's data steps need it), fetched only after the home screen
        # answers taps (in the background, for the sync agent), never before it.
        mark, staff = b.wait_js("""const mark = performance.getEntriesByName('follicle:interactive')[0];
            const staff = performance.getEntriesByType('resource').filter(e => e.name.includes('/staff'));
            return mark && staff.length ? [mark.startTime, staff.map(e => e.startTime)] : null;""")
        assert all(t > mark for t in staff), f"the staff module was fetched before the home screen: {staff} vs {mark}"

        print("· offline: a registration is saved, a deep link opens")
        register(b, CUSTOMER, PHONE)
        b.wait("登记完成")
        b.check_page("offline registration")
        assert count_customers(b) == [CUSTOMER], count_customers(b)
        b.go(BASE + "/staff")
        b.wait("员工登录")
        b.check_page("offline deep link")

        print("· a new build is served: 新版本可用 on the home screen, not on a form")
        server.next_build = True
        server.start()
        b.cdp("Network.emulateNetworkConditions", offline=False, latency=0, downloadThroughput=-1, uploadThroughput=-1)
        b.go(BASE + "/")
        b.wait("新版本可用")
        assert "重新载入" in b.text()
        if shots:
            b.shot(shots, "60-update-banner")
        b.click("a", "新顾客登记")
        b.wait("开始登记")
        assert "新版本可用" not in b.text(), "the banner must not be offered while registering"
        b.click("a", "回到首页")
        b.wait("新版本可用")
        old = b.js("return navigator.serviceWorker.controller.scriptURL")
        b.click("button", "重新载入")
        b.wait_js("return caches.keys().then(k => k.length === 1 && k[0].startsWith('follicle-next-'))")
        b.wait("新顾客登记")
        time.sleep(1)
        assert "新版本可用" not in b.text(), "after the reload the new build runs: no banner"
        assert old and count_customers(b) == [CUSTOMER], "data kept across the update"
        b.check_page("after update")

        print("· storage nearly full: the staff home shows the browser's figures (estimate stubbed to 92%)")
        # DevTools' quota override neither changes estimate() nor binds IndexedDB in this
        # Chromium, so the browser's answer is replaced before the page's scripts run.
        # (The rule and a refused write are tested in tests/storage_pressure.rs.)
        stub = b.cdp("Page.addScriptToEvaluateOnNewDocument", source=
                     "navigator.storage.estimate = () => Promise.resolve({usage: 1.84e9, quota: 2e9});")["identifier"]
        b.reload()
        b.wait("新顾客登记")
        b.click("a", "员工")
        sign_in(b)
        b.wait("本机存储快满了")
        assert "已用 92%（1.8 GB / 2.0 GB）" in b.text() and "请先备份" in b.text(), b.text()[:400]
        if shots:
            b.shot(shots, "61-storage-warning")
        b.check_page("storage warning")
        b.cdp("Page.removeScriptToEvaluateOnNewDocument", identifier=stub)
        print("· every other screen, with pictures: no CSP violation")
        tour_screens(b, shots)
        if "--console" in sys.argv:
            for message in dict.fromkeys(m[:160] for m in b.console):
                print("  console:", message)
        print(f"offline_test: all checks passed ({len(b.console)} console messages read, none with personal data)")
    finally:
        if b:
            b.quit()
        driver.stop()


if __name__ == "__main__":
    main()
