#!/usr/bin/env python3
"""Screenshots of Follicle's screens at tablet sizes, in headless Chromium.

Usage: python3 scripts/screenshots.py [OUT_DIR]   (default: screenshots/)

Builds nothing: run `trunk build --release --offline` first (scripts/serve.sh does).
Serves dist/ on 127.0.0.1:8099, drives Chromium through chromedriver's WebDriver
protocol (standard library only), walks first-run setup, and saves PNGs at 1280x800
and 800x1280. It also prints, per screen, the smallest text and any touch target
under 48 px, so a look at the pictures comes with numbers.
"""
import base64, functools, http.server, json, os, socketserver, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "screenshots")
APP_PORT, DRIVER_PORT = 8099, 9517
SIZES = {"landscape": (1280, 800), "portrait": (800, 1280)}


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if not os.path.exists(path):
            self.path = "/index.html"
        return super().send_head()


def serve():
    handler = functools.partial(SpaHandler, directory=DIST)
    socketserver.TCPServer.allow_reuse_address = True
    httpd = socketserver.TCPServer(("127.0.0.1", APP_PORT), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()


def call(method, path, body=None):
    req = urllib.request.Request(
        f"http://127.0.0.1:{DRIVER_PORT}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())["value"]


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="follicle-shots-")
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                     f"--user-data-dir={self.profile}", "--force-device-scale-factor=1"]}}}}
        self.sid = call("POST", "/session", caps)["sessionId"]

    def s(self, method, path, body=None):
        return call(method, f"/session/{self.sid}{path}", body)

    def size(self, w, h):
        self.s("POST", "/window/rect", {"width": w, "height": h})
        # Make the viewport (not the window) exactly w x h.
        iw, ih = self.js("return [innerWidth, innerHeight]")
        self.s("POST", "/window/rect", {"width": w + (w - iw), "height": h + (h - ih)})

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait_text(self, text, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            if self.js("return document.body.innerText.includes(arguments[0])", text):
                return
            time.sleep(0.1)
        raise RuntimeError(f"text {text!r} never appeared")

    def type_label(self, label, value):
        self.js("""const l=[...document.querySelectorAll('label')].find(l=>l.textContent.includes(arguments[0]));
                   const i=document.getElementById(l.htmlFor); i.value=arguments[1];
                   i.dispatchEvent(new Event('input',{bubbles:true}));""", label, value)

    def click_text(self, selector, text):
        self.js("""[...document.querySelectorAll(arguments[0])].find(e=>e.textContent.includes(arguments[1])).click()""",
                selector, text)

    def shot(self, name):
        os.makedirs(OUT, exist_ok=True)
        for orient, (w, h) in SIZES.items():
            self.size(w, h)
            time.sleep(0.3)
            path = os.path.join(OUT, f"{name}-{orient}.png")
            with open(path, "wb") as f:
                f.write(base64.b64decode(self.s("GET", "/screenshot")))
            print(f"{path}: {self.audit()}")

    def audit(self):
        return self.js("""
          const vis = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                             return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
          let minFont = 99, minFontText = '';
          for (const e of document.querySelectorAll('body *')) {
            if (!vis(e) || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
            const f = parseFloat(getComputedStyle(e).fontSize);
            if (f < minFont) { minFont = f; minFontText = e.textContent.trim().slice(0, 20); }
          }
          // A radio or checkbox inside its label is tapped through the label.
          const target = e => (e.type === 'radio' || e.type === 'checkbox') && e.closest('label') ? e.closest('label') : e;
          const small = [...document.querySelectorAll('a,button,input,select,textarea')].filter(vis).map(target)
            .map(e => [e.textContent.trim().slice(0, 16) || e.id, Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)])
            .filter(([, w, h]) => w < 48 || h < 48);
          const overflow = document.documentElement.scrollWidth > innerWidth;
          return `min text ${minFont}px ("${minFontText}"), targets < 48px: ${JSON.stringify(small)}, horizontal overflow: ${overflow}`;
        """)

    def quit(self):
        self.s("DELETE", "")


def register_flow(b):
    """Every step of 新顾客登记, with its errors, and the done screen; one in English."""
    b.click_text("a", "回到首页")
    b.wait_text("新顾客登记")
    b.click_text("a", "新顾客登记")
    b.wait_text("开始登记")
    b.shot("10-register-welcome")
    b.click_text("button", "开始登记")
    b.wait_text("手机号")
    b.shot("11-register-basic")
    b.type_label("姓名", "王😀")
    b.type_label("电话号码", "138abc")
    b.click_text("button", "下一步")
    b.wait_text("姓名只能包含")
    b.shot("12-register-basic-errors")
    b.click_text("button", "English")
    b.wait_text("Phone number")
    b.shot("13-register-basic-english")
    b.click_text("button", "中文")
    b.wait_text("电话号码")
    b.type_label("姓名", "王超")
    b.type_label("电话号码", "138 0013 8000")
    b.type_label("出生日期", "1962-04-02")
    b.click_text("label", "男")
    b.click_text("button", "下一步")
    b.wait_text("脱发类型")
    b.click_text("label", "脂溢性")
    b.click_text("label", "一到三年")
    b.shot("14-register-hair")
    b.click_text("button", "下一步")
    b.wait_text("身体状况和其他疾病")
    b.type_label("生活习惯", "刚退休，每天早上打太极")
    b.shot("15-register-health")
    b.click_text("button", "下一步")
    b.wait_text("您是怎么知道我们的")
    b.click_text("label", "朋友介绍")
    b.wait_text("介绍人姓名")
    b.type_label("介绍人姓名", "张阿姨")
    b.shot("16-register-source")
    b.click_text("button", "下一步")
    b.wait_text("个人信息处理说明")
    b.click_text("button", "下一步")
    b.wait_text("登记需要您同意")
    b.shot("17-register-consent-errors")
    b.js("document.getElementById('reg-consent_personal').click(); document.getElementById('reg-consent_sensitive').click();")
    b.shot("18-register-consent")
    b.click_text("button", "下一步")
    b.wait_text("确认并保存")
    b.shot("19-register-review")
    b.click_text("button", "确认并保存")
    b.wait_text("登记完成")
    b.shot("20-register-done")


def main():
    if not os.path.exists(os.path.join(DIST, "index.html")):
        sys.exit("dist/ is missing: run `trunk build --release --offline` first")
    serve()
    driver = subprocess.Popen(["chromedriver", f"--port={DRIVER_PORT}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    b = Browser()
    try:
        base = f"http://127.0.0.1:{APP_PORT}"
        b.size(1280, 800)
        b.go(base + "/")
        b.wait_text("首次使用设置")
        b.shot("01-setup")
        b.click_text("button", "完成设置")
        b.wait_text("请填写门店名称")
        b.shot("02-setup-errors")
        b.type_label("门店名称", "北京朝阳店")
        b.type_label("平板名称", "前台平板")
        b.click_text("button", "完成设置")
        b.wait_text("新顾客登记")
        b.shot("03-home")
        b.click_text("button", "English")
        b.wait_text("New customer registration")
        b.shot("04-home-english")
        b.click_text("button", "中文")
        b.click_text("a", "员工")
        b.wait_text("设置店长密码")
        b.shot("05-staff-first-use")
        b.type_label("店长姓名", "李店长")
        b.type_label("密码", "2468")
        b.type_label("再输一次密码", "2468")
        b.click_text("button", "保存")
        b.wait_text("您好")
        b.shot("05b-staff-home")
        b.click_text("button", "锁定")
        b.wait_text("员工登录")
        b.type_label("密码", "1111")
        b.click_text("button", "确认")
        b.wait_text("密码不对")
        b.shot("05c-staff-wrong-pin")
        b.type_label("密码", "2468")
        b.click_text("button", "确认")
        b.wait_text("您好")
        b.click_text("a", "设置")
        b.wait_text("本机存储")
        time.sleep(0.5)
        b.shot("06-settings")
        register_flow(b)
        if "--idle" in sys.argv:
            # The home screen has no idle timer: wait on another screen. The shortest
            # timeout is 60 s (set here in settings); the warning shows for its last 30 s.
            b.wait_text("新顾客登记", timeout=15)
            b.click_text("a", "员工")
            b.click_text("a", "设置")
            b.wait_text("本机存储")
            b.js("const s=document.getElementById('idle-timeout'); s.value='60'; s.dispatchEvent(new Event('change',{bubbles:true}));")
            b.wait_text("还在使用吗", timeout=75)
            b.shot("07-idle-warning")
    finally:
        b.quit()
        driver.terminate()


if __name__ == "__main__":
    main()
