#!/usr/bin/env python3
"""The WebDriver kit the Python scripts share (offline_test.py, screenshots.py, bench.py):
the built app served over http, chromedriver started on a free port, and a headless
Chromium session driven through the W3C WebDriver protocol. Standard library only.

    import webdriver
    server = webdriver.SpaServer(dist)           # dist/ on 127.0.0.1, unknown paths → index.html
    driver = webdriver.Driver()                  # chromedriver, stopped with driver.stop()
    b = webdriver.Browser(driver.port, "follicle-x-")
    b.go(server.url + "/"); b.wait_text("新顾客登记"); b.tap("a", "员工")
"""
import base64, functools, http.server, json, os, shutil, socket, socketserver, subprocess, tempfile, threading, time, urllib.error, urllib.request

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "chromedriver")
CHROME_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
               "--force-device-scale-factor=1"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    """A single-page app: paths that are not files get index.html."""

    def log_message(self, *args):
        pass

    def send_head(self):
        if not os.path.exists(self.translate_path(self.path)):
            self.path = "/index.html"
        return super().send_head()


class SpaServer:
    """`directory` over http on 127.0.0.1 (`port` 0: a free one), in a thread."""

    def __init__(self, directory, port=0, handler=SpaHandler):
        socketserver.TCPServer.allow_reuse_address = True
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", port), functools.partial(handler, directory=directory))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def call(port, method, path, body=None, timeout=120):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read())["value"]
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {path}: {e.read()[:600]!r}") from None


class Driver:
    """chromedriver on `port` (None: a free one), answering before this returns."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.proc = subprocess.Popen([CHROMEDRIVER, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                call(self.port, "GET", "/status", timeout=5)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"chromedriver did not answer on port {self.port}")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Browser:
    """One Chromium profile (a tablet) in a WebDriver session."""

    def __init__(self, driver_port, prefix="follicle-", args=(), capabilities=None, timeout=120):
        self.port, self.timeout = driver_port, timeout
        self.profile = tempfile.mkdtemp(prefix=prefix)
        options = {"binary": CHROMIUM, "args": CHROME_ARGS + list(args) + [f"--user-data-dir={self.profile}"]}
        caps = {"browserName": "chrome", "goog:chromeOptions": options, **(capabilities or {})}
        self.sid = call(self.port, "POST", "/session", {"capabilities": {"alwaysMatch": caps}}, timeout)["sessionId"]

    def s(self, method, path, body=None):
        return call(self.port, method, f"/session/{self.sid}{path}", body, self.timeout)

    def cdp(self, cmd, params=None, **kw):
        """A DevTools protocol command (chromedriver's goog/cdp/execute)."""
        return self.s("POST", "/goog/cdp/execute", {"cmd": cmd, "params": {**(params or {}), **kw}})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def js_async(self, script, *args):
        return self.s("POST", "/execute/async", {"script": script, "args": list(args)})

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def reload(self):
        self.s("POST", "/refresh", {})

    def text(self):
        return self.js("return document.body.innerText")

    def wait_text(self, what, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            if what in self.text():
                return
            time.sleep(0.1)
        raise AssertionError(f"{what!r} never appeared; the screen shows: {self.text()[:400]!r}")

    def wait_js(self, script, timeout=60, *args):
        """Waits until the script returns a true value, and returns it."""
        end = time.time() + timeout
        while time.time() < end:
            value = self.js(script, *args)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"never true: {script}")

    def type_label(self, label, value):
        """Types into the field whose label holds `label` (as a person finds it)."""
        ok = self.js("""const l=[...document.querySelectorAll('label')].find(l=>l.textContent.includes(arguments[0]));
                        if (!l) return false; const i=document.getElementById(l.htmlFor); i.value=arguments[1];
                        i.dispatchEvent(new Event('input',{bubbles:true})); return true;""", label, value)
        assert ok, f"no field labelled {label!r}"

    def click(self, selector, text):
        ok = self.js("""const e=[...document.querySelectorAll(arguments[0])].find(e=>e.textContent.includes(arguments[1]));
                        if (!e) return false; e.click(); return true;""", selector, text)
        assert ok, f"nothing {selector!r} with {text!r}; the screen shows: {self.text()[:300]!r}"

    def tap(self, selector, text, timeout=30):
        """Waits for the element (Yew draws after the event), then clicks it."""
        end = time.time() + timeout
        while time.time() < end:
            if self.js("return [...document.querySelectorAll(arguments[0])].some(e=>e.textContent.includes(arguments[1]))", selector, text):
                return self.click(selector, text)
            time.sleep(0.1)
        self.click(selector, text)

    def set_up(self, store="北京朝阳店", device="前台平板", manager="李店长", pin="2468"):
        """First-run setup as a store manager does it (the tablet's names, then the
        manager and PIN), ending on the home screen. Every script's setup is this one."""
        self.wait_text("首次使用设置")
        if not self.js("return [...document.querySelectorAll('label')].some(l=>l.textContent.includes('门店名称'))"):
            self.click("button", "下一步")
        self.wait_js("return [...document.querySelectorAll('label')].some(l=>l.textContent.includes('门店名称'))")
        self.type_label("门店名称", store)
        self.type_label("平板名称", device)
        self.click("button", "下一步")
        self.wait_text("设置店长")
        self.type_label("店长姓名", manager)
        self.type_label("密码", pin)
        self.type_label("再输一次密码", pin)
        self.click("button", "完成设置")
        self.wait_text("新顾客登记")

    def viewport(self, w, h):
        """Makes the viewport (not the window) exactly w × h."""
        self.s("POST", "/window/rect", {"width": w, "height": h})
        iw, ih = self.js("return [innerWidth, innerHeight]")
        self.s("POST", "/window/rect", {"width": w + (w - iw), "height": h + (h - ih)})

    def png(self):
        return base64.b64decode(self.s("GET", "/screenshot"))

    def quit(self):
        try:
            self.s("DELETE", "")
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
