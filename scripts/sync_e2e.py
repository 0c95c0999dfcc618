#!/usr/bin/env python3
"""Two tablets and one store server, end to end: the release build in two Chromium
profiles (two tablets, each its own IndexedDB), one pouchdb-server on disk
(scripts/couch_test_server.py, `--disk` mode so it can be stopped and started again).

Usage: python3 scripts/sync_e2e.py DIST_DIR [--shots OUT_DIR]

What tests/sync.rs proves on the replicator (two databases in one page) is not done
again here; this checks what only the real app in two browsers shows, through its
screens, with the sync agent running in the background as on a tablet:

1. The manager's sync setup: a wrong password is refused in words, the right one saved.
2. A registration on A is found by name in B's staff search after a sync. A consent
   given to notice version 1 (before sync) is marked on the card.
3. Both edit one customer while the server cannot be reached → after syncing both
   keep the same winner and both cards say another version exists; on B staff pick
   the other version's field side by side and save; the merged record reaches A and
   the notice goes on both.
4. The tablet's password changed on the server: the staff home says so in words.
5. An erasure on A removes the customer from B's search and storage.
6. The server process stopped right after it stored a push, before the tablet heard
   back (a proxy between the tablets and the server stops it): the staff home says the
   server cannot be reached; after a restart (same disk) the sync completes, every
   customer on the server and on B once, no conflict made.
7. Interop: PouchDB 9 (pinned in tests/server/) in a plain page (tests/interop/)
   replicates the same database: it sees the tablets' customers, and the tablets see
   the customer it wrote and its edit of one of theirs.

Between the browsers and the server sits a small HTTP proxy (standard library): it
passes requests through, can act as a network that is down, and can stop the server
in the middle of a push. The browsers talk to it on 127.0.0.1 (the CSP allows http
only there).
"""
import functools, http.client, uuid, http.server, json, os, socketserver, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import offline_test as ot  # noqa: E402  (the served build, Chromium through chromedriver)
from couch_test_server import CouchTestServer, TABLET, free_port  # noqa: E402

DATABASE = "store_chaoyang"
OTHER_VERSION = "这位顾客还有另一个版本"


class Proxy:
    """Forwards every request to the server. `mode`: "up" passes through; "down" drops
    the connection unanswered (a network that is down); "stop_on_bulk_docs" forwards
    the first `_bulk_docs`, and once the server has answered stops the server and
    drops the connection, so the tablet never hears that the push was stored."""

    def __init__(self, couch):
        self.couch, self.mode, self.requests = couch, "up", []
        self.stopped_mid_push = threading.Event()

    def start(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def handle_one(self):
                proxy.requests.append(f"{self.command} {self.path.split('?')[0]}")
                if proxy.mode == "down":
                    self.close_connection = True
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
                try:
                    upstream = http.client.HTTPConnection("127.0.0.1", proxy.couch.port, timeout=60)
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    payload = response.read()
                except OSError:
                    self.close_connection = True  # the server is gone: no answer
                    return
                if proxy.mode == "stop_on_bulk_docs" and "/_bulk_docs" in self.path:
                    proxy.mode = "up"
                    proxy.couch.stop()
                    proxy.stopped_mid_push.set()
                    self.close_connection = True
                    return
                self.send_response(response.status, response.reason)
                for k, v in response.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length", "keep-alive"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(payload)
                self.close_connection = True

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_OPTIONS = handle_one

        self.port = free_port(0)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class InteropPage:
    """The plain page and PouchDB's browser build (tests/server/node_modules), on a
    port of their own: another origin, so PouchDB's own IndexedDB is apart from the app's."""

    def start(self):
        root = os.path.dirname(HERE)
        interop, server_dir = os.path.join(root, "tests", "interop"), os.path.join(root, "tests", "server")

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def translate_path(self, path):
                path = path.split("?")[0]
                base = server_dir if path.startswith("/node_modules/pouchdb/dist/") else interop
                return os.path.join(base, os.path.normpath(path).lstrip("/"))

        self.port = free_port(0)
        socketserver.TCPServer.allow_reuse_address = True
        self.httpd = socketserver.TCPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# -- the app, as staff use it ---------------------------------------------------------

def nav(b, path):
    """An in-app move (the router hears popstate): the staff session stays."""
    b.js("history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate', {state: null}));", path)


def set_up(b, device, manager, pin):
    b.go(ot.BASE + "/")
    b.set_up("朝阳店", device, manager, pin)


def sign_in(b, manager, pin):
    """At the staff gate: the manager's name when there is a choice (the staff list
    replicates, so after a sync both managers are on it), the PIN, the staff home."""
    nav(b, "/staff")
    b.wait("员工登录")
    b.js("""const l=[...document.querySelectorAll('.staff-gate label')].find(l=>l.textContent.includes(arguments[0]));
            if (l) l.click();""", manager)
    b.type_label("密码", pin)
    b.click("button", "确认")
    b.wait("您好，" + manager)


def staff_home(b):
    nav(b, "/staff")
    b.wait("立即同步")


def sync_setup(b, server, password):
    nav(b, "/settings/sync")  # 设置 → 同步设置 (the manager's)
    b.wait("试连接并保存")
    b.type_label("服务器地址", server)
    b.type_label("门店数据库名称", DATABASE)
    b.type_label("这台平板的用户名", TABLET[0])
    b.type_label("密码", password)
    b.click("button", "试连接并保存")


def sync_status(b):
    return b.js("const s=document.querySelector('.sync-status'); return s ? s.innerText : ''")


def sync_until(b, done, what, timeout=60):
    """Taps 立即同步 on the staff home (whenever no sync runs: the agent may be
    syncing already) until `done()` holds, then waits for the sync to end."""
    staff_home(b)
    end = time.time() + timeout
    while time.time() < end:
        if b.js(IDLE):
            if done():
                return
            b.click(".sync-status button", "立即同步")
        time.sleep(0.4)
    raise AssertionError(f"sync never got {what}; status: {sync_status(b)!r}")


IDLE = "const x=[...document.querySelectorAll('.sync-status button')].find(e=>e.textContent.includes('立即同步')); return !!x && !x.disabled"


def sync_now(b):
    """Taps 立即同步 once no sync runs (the agent may be syncing already)."""
    staff_home(b)
    b.wait_js(IDLE)
    b.click(".sync-status button", "立即同步")


def synced(b):
    """A sync started now ends without an error, and nothing waits to go."""
    sync_now(b)
    time.sleep(1)
    end = time.time() + 60
    while time.time() < end:
        status = sync_status(b)
        if b.js(IDLE) and "等待上传：0 项" in status and "上次同步" in status and not b.js("return !!document.querySelector('.sync-status .error')"):
            return status
        time.sleep(0.3)
    raise AssertionError(f"the sync did not finish cleanly: {sync_status(b)!r}")


def register(b, name, phone):
    nav(b, "/")
    ot.register(b, name, phone)
    b.wait("登记完成")


def customers(b):
    """The customers in this tablet's IndexedDB, as stored."""
    return b.js_async("""const done = arguments[arguments.length - 1];
        const r = indexedDB.open('follicle');
        r.onsuccess = () => { const q = r.result.transaction('customers').objectStore('customers').getAll();
                              q.onsuccess = () => { done(q.result); r.result.close(); }; };
        r.onerror = () => done('open failed');""")


def one(b, name):
    found = [c for c in customers(b) if c["name"] == name]
    assert len(found) <= 1, f"{name} twice: {found}"
    return found[0] if found else None


def search(b, text):
    staff_home(b)
    b.js("const i=document.getElementById('customer-search'); i.value=arguments[0]; i.dispatchEvent(new Event('input',{bubbles:true}));", text)
    time.sleep(0.5)
    return b.js("return [...document.querySelectorAll('.result-name')].map(e => e.textContent)")


def open_card(b, name):
    assert name in search(b, name), f"{name} not found in the staff search"
    b.tap(".result", name)
    b.wait("编辑资料")


def edit(b, name, label, value):
    open_card(b, name)
    b.click("button", "编辑资料")
    b.wait("编辑顾客资料")
    b.type_label(label, value)
    b.click("form.edit-form button[type=submit]", "保存")
    b.wait("资料已保存")


def server_docs(couch, prefix):
    status, body = couch.request("GET", f"/{DATABASE}/_all_docs?include_docs=true&conflicts=true")
    assert status == 200, body
    return [r["doc"] for r in body["rows"] if r["id"].startswith(prefix)]


def shot(b, shots, name):
    if shots:
        b.shot(shots, name)


def main():
    if len(sys.argv) < 2 or not os.path.exists(os.path.join(sys.argv[1], "index.html")):
        sys.exit("usage: sync_e2e.py DIST_DIR [--shots OUT_DIR]  (a trunk build)")
    started = time.time()
    dist = os.path.abspath(sys.argv[1])
    shots = sys.argv[sys.argv.index("--shots") + 1] if "--shots" in sys.argv else None
    # Free ports: other test scripts (and other worktrees) may run beside this one.
    ot.APP_PORT = free_port(0)
    ot.BASE = f"http://127.0.0.1:{ot.APP_PORT}"
    disk = tempfile.mkdtemp(prefix="follicle-couch-disk-")
    couch = CouchTestServer(disk_dir=disk).start()
    couch.create_database(DATABASE)
    proxy = Proxy(couch).start()
    app = ot.Server(dist)
    app.start()
    driver = ot.webdriver.Driver()
    a = b = None
    try:
        a, b = ot.Browser(driver.port), ot.Browser(driver.port)
        for t in (a, b):
            t.s("POST", "/window/rect", {"width": 1280, "height": 900})

        print("· two tablets of one store; the manager sets up sync (a wrong password first)")
        set_up(a, "前台", "李店长", "2468")
        set_up(b, "护理室", "王店长", "1357")
        sign_in(a, "李店长", "2468")
        sign_in(b, "王店长", "1357")
        sync_setup(a, proxy.url, "not-the-password")
        a.wait("服务器不接受这台平板的用户名或密码")
        shot(a, shots, "70-sync-setup-wrong-password")
        a.type_label("密码", TABLET[1])
        a.click("button", "试连接并保存")
        a.wait("已连接服务器并保存")
        sync_setup(b, proxy.url, TABLET[1])
        b.wait("已连接服务器并保存")

        print("· a registration on A is found by name on B")
        register(a, "王超", "13800138000")
        sign_in(a, "李店长", "2468")  # home locked the staff side
        synced(a)
        assert [d["name"] for d in server_docs(couch, "customer:")] == ["王超"]
        sync_until(b, lambda: one(b, "王超") is not None, "王超 on B")
        assert search(b, "wangc") == ["王超"], "found by the pinyin initials staff type"
        shot(b, shots, "71-staff-home-synced")

        print("· a consent given to notice version 1 (before sync) is marked on the card; version 2's is not")
        open_card(b, "王超")
        assert "旧版说明" not in b.text(), "the registration's consent is to the current notice"
        # As a tablet from before replication stored it (not through the journal: it
        # stays on B, only the card is looked at).
        put = b.js_async("""const [customerId, done] = arguments;
            const r = indexedDB.open('follicle');
            r.onsuccess = () => {
              const tx = r.result.transaction('consents', 'readwrite'); const s = tx.objectStore('consents');
              const q = s.index('by_customer').getAll(customerId);
              q.onsuccess = () => {
                const given = q.result.find(c => c.kind === 'personal_info' && c.granted);
                const old = Object.assign({}, given, {id: 'before-sync-consent', notice_id: 'personal-2026-11-v1', at: Date.now()});
                s.put(old); tx.oncomplete = () => { done(given ? 1 : 0); r.result.close(); };
              };
            };""", one(b, "王超")["id"])
        assert put == 1, put
        open_card(b, "王超")
        b.wait("同意时看的是旧版说明")
        if shots:
            b.js("document.querySelector('.notice-older').scrollIntoView({block: 'center'})")
        shot(b, shots, "71b-card-older-notice")

        print("· both edit 王超 while the server cannot be reached: one winner, the other version shown")
        proxy.mode = "down"
        edit(a, "王超", "外貌特征", "短发，戴眼镜")
        edit(b, "王超", "生活习惯和近况", "刚退休")
        sync_now(a)
        a.wait("连不上服务器")
        shot(a, shots, "72-staff-home-offline")
        proxy.mode = "up"
        synced(a)
        synced(b)
        synced(a)
        on_a, on_b = one(a, "王超"), one(b, "王超")
        assert on_a == on_b, f"the same winner on both: {on_a} / {on_b}"
        assert bool(on_a.get("appearance_notes")) != bool(on_a.get("life_notes")), on_a
        for t in (a, b):
            open_card(t, "王超")
            t.wait(OTHER_VERSION)
            rows = t.js("return [...document.querySelectorAll('.versions tbody tr')].map(r => r.innerText)")
            assert len(rows) >= 2 and any("短发，戴眼镜" in r for r in rows) and any("刚退休" in r for r in rows), rows
        shot(b, shots, "73-card-other-version")
        (doc,) = server_docs(couch, "customer:")
        assert len(doc.get("_conflicts", [])) == 1, doc

        print("· on B staff take the other version's field and save: the merge reaches A")
        picked = b.js("""let n = 0;
            for (const r of document.querySelectorAll('.versions tbody tr')) {
              const [shown, other] = r.querySelectorAll('td');
              if (shown.innerText.includes('未填写') && !other.innerText.includes('未填写')) { other.querySelector('input').click(); n++; }
            }
            return n;""")
        assert picked == 1, picked
        b.click("button", "保存选择")
        b.wait("已保存")
        b.wait_js(f"return !document.body.innerText.includes('{OTHER_VERSION}')")
        merged = one(b, "王超")
        assert (merged["appearance_notes"], merged["life_notes"]) == ("短发，戴眼镜", "刚退休"), merged
        synced(b)
        sync_until(a, lambda: (one(a, "王超") or {}).get("life_notes") == "刚退休"
                   and (one(a, "王超") or {}).get("appearance_notes") == "短发，戴眼镜", "the merge on A")
        open_card(a, "王超")
        time.sleep(1)
        assert OTHER_VERSION not in a.text(), "one version left on A"
        (doc,) = server_docs(couch, "customer:")
        assert "_conflicts" not in doc and doc["life_notes"] == "刚退休" and doc["appearance_notes"] == "短发，戴眼镜", doc

        print("· the tablet's password changed on the server: said in words on the staff home")
        couch.ensure_user(TABLET[0], "changed-by-the-chain")
        sync_now(a)
        a.wait("服务器不接受这台平板的用户名或密码")
        assert "店长" in sync_status(a), "says who can mend it"
        shot(a, shots, "74-staff-home-wrong-password")
        couch.ensure_user(*TABLET)

        print("· an erasure on A removes the customer on B")
        open_card(a, "王超")
        a.click(".danger-zone button", "删除顾客")
        a.tap(".danger-zone .confirm button.danger", "删除")
        a.wait("请再确认一次")
        a.tap(".danger-zone .confirm button.danger", "永久删除")
        a.wait("已删除")
        synced(a)
        sync_until(b, lambda: one(b, "王超") is None, "王超 erased on B")
        assert search(b, "王超") == [], "not in B's search"
        assert b.js("return document.body.innerText.includes('没有找到这位顾客')")
        assert server_docs(couch, "customer:") == [], "deleted on the server"

        print("· the server stopped right after storing a push, before the tablet heard back")
        proxy.mode = "stop_on_bulk_docs"
        for name, phone in (("赵一", "13700000001"), ("钱二", "13700000002")):
            register(a, name, phone)
        sign_in(a, "李店长", "2468")
        staff_home(a)
        end = time.time() + 60
        while not proxy.stopped_mid_push.is_set() and time.time() < end:
            if a.js(IDLE):
                a.click(".sync-status button", "立即同步")
            time.sleep(0.5)
        assert proxy.stopped_mid_push.is_set(), "no push reached the server"
        a.wait("连不上服务器")
        assert "等待上传：0 项" not in sync_status(a), "the tablet does not count unanswered changes as sent"
        shot(a, shots, "75-staff-home-server-gone")
        couch.start()  # the same port and disk
        synced(a)
        synced(b)
        on_server = sorted(d["name"] for d in server_docs(couch, "customer:"))
        assert on_server == ["赵一", "钱二"], on_server
        for d in server_docs(couch, "customer:"):
            assert "_conflicts" not in d and d["_rev"].startswith("1-"), f"stored once, no second version: {d}"
        assert sorted(c["name"] for c in customers(b)) == ["赵一", "钱二"], customers(b)
        assert sorted(c["name"] for c in customers(a)) == ["赵一", "钱二"], customers(a)

        print("· PouchDB 9 in a plain page replicates the same database, both ways")
        page = InteropPage().start()
        try:
            p = ot.Browser(driver.port)
            try:
                p.go(f"http://127.0.0.1:{page.port}/pouchdb.html")
                p.wait_js("return !!window.interop")
                result = p.js_async("const done = arguments[arguments.length - 1];"
                                    "interop.run(...arguments).then(done, e => done({error: String(e)}));",
                                    couch.url, DATABASE, TABLET[0], TABLET[1], str(uuid.uuid4()))
            finally:
                p.quit()
        finally:
            page.stop()
        assert "error" not in result, result
        assert result["version"].startswith("9."), result
        assert result["names"] == ["赵一", "钱二"] and result["conflicts"] == 0, f"PouchDB sees the tablets' customers: {result}"
        assert result["pushed"] == 2, result
        for t in (a, b):
            sync_until(t, lambda: one(t, "孙三") is not None and (one(t, "钱二") or {}).get("notes") == "PouchDB 写的备注",
                       "PouchDB's customer and edit")
            assert search(t, "孙三") == ["孙三"], "PouchDB's customer is found by name"
            assert sorted(c["name"] for c in customers(t)) == ["孙三", "赵一", "钱二"], customers(t)
        shot(b, shots, "76-staff-home-after-interop")
        print(f"sync_e2e: all checks passed in {time.time() - started:.0f} s "
              f"({len(proxy.requests)} requests through the proxy)")
    except BaseException:
        print("server log:\n" + couch.log_tail(), file=sys.stderr)
        for name, t in (("A", a), ("B", b)):
            if t:
                try:
                    print(f"tablet {name} shows: {t.text()[:600]!r}", file=sys.stderr)
                except Exception:  # noqa: BLE001 - the report must not hide the failure
                    pass
        raise
    finally:
        for t in (a, b):
            if t:
                t.quit()
        driver.stop()
        app.stop()
        proxy.stop()
        couch.cleanup()
        import shutil
        shutil.rmtree(disk, ignore_errors=True)


if __name__ == "__main__":
    main()
