#!/usr/bin/env python3
"""The figures of the benchmark that need the real built app, and the one table.

Usage: python3 scripts/bench.py N WASM_RESULTS [BACKUP_RESULTS]   (scripts/bench.sh runs it)

- Bundle: the wasm and JS in dist/ (from `trunk build --release`), raw and gzipped.
- Cold start: serves dist/ on a free local port, and for each number of customers
  (1,000, 10,000 and N) opens the app in a fresh headless Chromium profile, does
  first-run setup, seeds the page's own IndexedDB with that many customers in the
  app's record format (and what hangs off them: consents, visits, purchases,
  measurements; no pictures, which are never read at start), then reloads 5 times
  with the service worker serving the app from its cache (as on the tablet), and 5
  times from the network (the local server; service worker bypassed and the HTTP
  cache off, through the DevTools protocol), as on a first start. Each time: from
  navigation start until the app's `follicle:interactive` mark (set once the home
  screen is drawn with its listeners; src/pages/home.rs).
- The table: these figures and the `BENCH <figure> <customers> <value>` lines that
  tests/bench_app.rs and tests/bench_sync.rs printed (WASM_RESULTS), one row per figure,
  one column per number of customers, the budget, and whether the largest number meets
  it; then the backup benchmark's figures (tests/bench_backup.rs, BACKUP_RESULTS),
  counted in photos.

Standard library only; chromedriver's W3C WebDriver protocol as scripts/screenshots.py.
Progress goes to stderr, the table to stdout.
"""
import functools, glob, gzip, http.server, json, os, socket, socketserver, statistics, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")
RELOADS = 5
# The bundle's limit, bytes of gzip -9: the same figure scripts/check_bundle.py enforces.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_bundle import LIMIT as BUNDLE_LIMIT  # noqa: E402


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402  (the WebDriver kit the scripts share)


def serve():
    return webdriver.SpaServer(DIST).port


class Browser(webdriver.Browser):
    def __init__(self, driver_port):
        super().__init__(driver_port, "follicle-bench-", args=["--window-size=1280,800"], timeout=900)
        # Seeding 100,000 customers takes far longer than the default 30 s script limit.
        self.s("POST", "/timeouts", {"script": 900_000})

    def wait(self, script, timeout=30, *args):
        end = time.time() + timeout
        while time.time() < end:
            value = self.js(script, *args)
            if value is not None and value is not False:
                return value
            time.sleep(0.05)
        raise RuntimeError(f"never true: {script}")


SEED_JS = r"""
// Customers in the app's record format (as src/storage writes them: the record, its
// search row, and the records that hang off it), 2,000 per transaction.
const [n, done] = [arguments[0], arguments[arguments.length - 1]];
const SURNAMES = "王王王王王王王李李李李李李李张张张张张张刘刘刘刘刘陈陈陈陈杨杨杨黄黄赵赵吴吴周周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
const MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林国建志文海东峰亮成博晨";
const FEMALE = "芳娜敏静丽艳娟霞秀英玲桂兰燕萍红梅琳雪婷倩慧颖洁佳欣怡悦璐晶莉琴云丹蓉薇雯琪涵";
let seed = 12345;
const rnd = k => (seed = (seed * 48271) % 2147483647) % k;
const pick = s => s[rnd(s.length)];
const DAY = 86400000, today = Date.now();
const day = ms => new Date(ms).toISOString().slice(0, 10);
const meta = at => ({store_id: "store:北京朝阳店", device_id: "前台平板#bench", created_at: at, updated_at: at});
const req = indexedDB.open("follicle");
req.onerror = () => done("open error " + req.error);
req.onsuccess = async () => {
  const db = req.result;
  try {
    for (let start = 0; start < n; start += 2000) {
      await new Promise((ok, bad) => {
        const tx = db.transaction(["customers", "search_rows", "search_changes", "consents", "followups", "purchases", "measurements"], "readwrite");
        const st = name => tx.objectStore(name);
        for (let i = start; i < Math.min(n, start + 2000); i++) {
          const id = "bench-" + String(i).padStart(6, "0"), male = rnd(100) < 55;
          const name = pick(SURNAMES) + pick(male ? MALE : FEMALE) + (rnd(10) < 7 ? pick(male ? MALE : FEMALE) : "");
          const phone = "1" + (30 + rnd(70)) + String(rnd(100000000)).padStart(8, "0");
          const first = today - rnd(1095) * DAY, last = first + rnd(Math.floor((today - first) / DAY) + 1) * DAY;
          const birth = (1945 + rnd(56)) + "-" + String(1 + rnd(12)).padStart(2, "0") + "-" + String(1 + rnd(28)).padStart(2, "0");
          st("customers").put({id, meta: meta(first), name, gender: male ? "male" : "female", birth_date: birth, phone,
            address: null, occupation: "退休教师", hair_loss_type: "seborrheic", hair_loss_grade: male ? {Norwood: 3} : {Ludwig: 1},
            hair_loss_duration: "one_to_three_years", prior_treatment: null, health_notes: null, life_notes: "刚退休，每天早上打太极",
            hobbies: null, appearance_notes: "戴眼镜，个子高", consultant: "李店长", consultation_advice: null,
            info_source: "passing_by", first_visit: day(first), first_purchase: day(first), use_place: "home", notes: null,
            last_visit: day(last), effect_class: "B", name_key: name, phone_digits: phone, first_visit_month: day(first).slice(0, 7)});
          { const row = [id, name, phone, male ? "m" : "f", birth, day(last)].join("\t"); st("search_rows").put(row, id); st("search_changes").put(row, id); }  // the search reads its pages and the rows changed since (schema v9)
          ["personal_info", "sensitive_info", "marketing"].forEach((kind, k) => st("consents").put({id: id + "-consent-" + k,
            meta: meta(first), customer_id: id, kind, notice_id: kind + "-v1", notice_hash: "0f1e2d3c4b5a69788796a5b4c3d2e1f0".repeat(2),
            granted: k < 2 || rnd(2) === 0, at: first, staff_present: "李店长", guardian: null, withdrawn_at: null}));
          for (let k = rnd(5); k > 0; k--) st("followups").put({id: id + "-visit-" + k, meta: meta(last), customer_id: id, at: last,
            method: "phone", content: "询问精华液使用情况，提醒按时用", result: "每天都在用，头油少了", by_staff: "李店长",
            next_due: rnd(3) === 0 ? day(last + 30 * DAY) : null});
          for (let k = rnd(4); k > 0; k--) st("purchases").put({id: id + "-purchase-" + k, meta: meta(first), customer_id: id,
            product: "防脱精华液", quantity: 1, unit_price_fen: 29800, date: day(first), use_place: "home"});
          for (let k = rnd(3); k > 0; k--) st("measurements").put({id: id + "-measure-" + k, meta: meta(first), customer_id: id,
            taken_on: day(first + k * DAY), density_per_cm2: 100 + k * 8, shaft_diameter_um: 60, oiliness: 2, itch: null,
            dandruff: null, shedding: 2, new_growth: null, self_rating: 6, note: null});
        }
        tx.oncomplete = ok;
        tx.onerror = () => bad(tx.error);
      });
    }
    db.close();
    done("ok");
  } catch (e) {
    done("error " + e);
  }
};
"""


def bundle():
    """(group, raw bytes, gzipped bytes) of the wasm and JS Trunk built, grouped as
    scripts/check_bundle.py does: what loads at start (with sw.js), which the budget
    counts; the modules loaded on first use (the staff side); the alignment worker."""
    import check_bundle
    start = check_bundle.loaded_at_start(DIST)
    out = {}
    for name, raw, gz in check_bundle.files(DIST):
        group = check_bundle.group(name, start)
        group = "at start + sw" if group in ("at start", "sw") else group
        r, g = out.get(group, (0, 0))
        out[group] = (r + raw, g + gz)
    return [(group, *out[group]) for group in ("at start + sw", "on first use", "worker") if group in out]


def cold_start(sizes):
    """Median ms from navigation start to the interactive home screen, per (figure, size):
    served by the service worker, and from the network."""
    port = serve()
    base = f"http://127.0.0.1:{port}/"
    driver_port = free_port()
    driver = subprocess.Popen(["chromedriver", f"--port={driver_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {}
    try:
        time.sleep(1)
        for n in sizes:
            log(f"progress: cold start: {n} customers: setting up and seeding the page's database")
            b = Browser(driver_port)
            try:
                b.s("POST", "/url", {"url": base})
                b.set_up()
                seeded = b.js_async(SEED_JS, n)
                assert seeded == "ok", seeded
                # The service worker installed on the first start; wait until it is
                # active, so every reload below is served from its cache.
                b.wait("return navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))", 60)
                for key, network in (("cold_start_ms", False), ("cold_start_network_ms", True)):
                    if network:
                        b.cdp("Network.enable")
                        b.cdp("Network.setBypassServiceWorker", {"bypass": True})
                        b.cdp("Network.setCacheDisabled", {"cacheDisabled": True})
                    times = []
                    for _ in range(RELOADS):
                        b.s("POST", "/refresh", {})
                        times.append(b.wait("const m = performance.getEntriesByName('follicle:interactive'); return m.length ? m[0].startTime : null"))
                        # The figure is labelled by where the app came from: check it.
                        controlled = b.js("return !!navigator.serviceWorker.controller")
                        assert controlled != network, f"{key}: service worker controlling the page: {controlled}"
                    log(f"progress: {key}: {n} customers: " + ", ".join(f"{t:.0f}" for t in times) + " ms")
                    out[(key, n)] = statistics.median(times)
            finally:
                b.quit()
    finally:
        driver.terminate()
    return out


# (key, label, budget: (limit, unit) or None)
ROWS = [
    ("cold_start_ms", "cold start to interactive home, app from the service worker's cache, ms (median of 5 reloads)", 1000),
    ("cold_start_network_ms", "cold start to interactive home, app from the network (no service worker, no HTTP cache), ms (median of 5)", 1000),
    ("sign_in_to_ready_ms", "staff search: tap on 确认 (PIN) → ready to type, ms (median of 3)", 500),
    ("sign_in_to_ready_first_ms", "  the first of the 3 sign-ins, ms", None),
    ("sign_in_to_ready_max_ms", "  the slowest of the 3, ms", None),
    ("search_ready_ms", "staff search: screen drawn → ready to type, ms (median of 3)", 500),
    ("pages_read_ms", "  of which: read the search rows from their pages (schema v9), ms", None),
    ("index_build_ms", "  of which: build index, ms", None),
    ("rows_read_ms", "  before the pages: read the rows one record each (getAll), ms", None),
    ("rows_getall_ms", "    of which: IndexedDB getAll, ms", None),
    ("rows_to_rust_ms", "    of which: the strings into Rust (joined), ms", None),
    ("rows_parse_ms", "    of which: lines parsed into entries, ms", None),
    ("search_changes_waiting", "  row changes waiting beside the pages after seeding", None),
    ("index_memory_mb", "  the index's memory (entries, readings, buckets), MB", None),
    ("keystrokes", "keystrokes (200 queries: 汉字, pinyin, initials, phone tails; each typed key by key, one backspace, pasted whole)", None),
    ("keystroke_p50_ms", "keystroke → results drawn, p50 ms", None),
    ("keystroke_p95_ms", "keystroke → results drawn, p95 ms", 5),
    ("keystroke_max_ms", "keystroke → results drawn, max ms", 16),
    ("keystroke_narrowing_count", "  narrowing keystrokes (searched within the previous hits)", None),
    ("keystroke_narrowing_p95_ms", "  narrowing: p95 ms", None),
    ("keystroke_narrowing_max_ms", "  narrowing: max ms", None),
    ("keystroke_fresh_count", "  fresh keystrokes (first key, backspace, paste, phone digits)", None),
    ("keystroke_fresh_p95_ms", "  fresh: p95 ms", None),
    ("keystroke_fresh_max_ms", "  fresh: max ms", None),
    ("fresh_query_p50_ms", "fresh query for the best 50, in memory, no drawing, p50 ms (every keystroke's text)", None),
    ("fresh_query_p95_ms", "fresh query, in memory: p95 ms", None),
    ("fresh_query_max_ms", "fresh query, in memory: max ms", None),
    ("naive_p50_ms", "baseline: cursor scan per keystroke, p50 ms (first 20 keystrokes)", None),
    ("naive_p95_ms", "baseline: cursor scan per keystroke, p95 ms (first 20 keystrokes)", None),
    ("naive_max_ms", "baseline: cursor scan per keystroke, max ms (first 20 keystrokes)", None),
    ("naive_ratio", "baseline ÷ index, p50 of the same 20 keystrokes (×)", None),
    ("card_ms", "customer card: tap → content in DOM, median ms of 10", 100),
    ("card_max_ms", "customer card: max ms", None),
    ("compare_ms", "comparison: tap → both full images decoded, median ms of 5", 300),
    ("compare_max_ms", "comparison: max ms", None),
    ("registration_ms", "save a registration (customer + 3 consents) → commit, median ms of 10", 50),
    ("registration_max_ms", "save a registration: max ms", None),
    ("seed_records", "records seeded (customers, consents, visits, purchases, measurements)", None),
    ("seed_records_per_s", "seeding throughput, records/s", None),
    ("seed_photos", "pictures seeded (1600×1200 WebP + thumbnail)", None),
    ("seed_photos_per_s", "seeding throughput, pictures/s", None),
    ("disk_mb", "database on disk, MB, 400 pictures included (navigator.storage.estimate)", None),
    ("js_heap_mb", "JS heap used after seeding, search loaded, MB (performance.memory)", None),
    ("wasm_memory_mb", "wasm memory after seeding, search loaded, MB", None),
    # tests/bench_sync.rs, through pouchdb-server on this machine (10,000 customers unless
    # FOLLICLE_BENCH_SYNC said otherwise): in the column of its number of customers.
    ("sync_docs", "sync: documents on tablet A (customers, their consents, 500 photos, staff, settings)", None),
    ("sync_photo_mb", "sync: photo bytes among them, MB (pictures + thumbnails)", None),
    ("sync_push_s", "sync: A's first push of all of it, s", None),
    ("sync_push_docs_per_s", "sync: A's first push, documents/s", None),
    ("sync_pull_docs", "sync: documents in a fresh tablet B's first pull", None),
    ("sync_pull_s", "sync: B's first pull, s (aim: 10,000 customers under 60)", None),
    ("sync_pull_docs_per_s", "sync: B's first pull, documents/s", None),
    ("sync_pull_wasm_mb", "sync: B's wasm memory after the pull (= its peak), MB", None),
    ("sync_pull_js_heap_mb", "sync: B's JS heap after the pull, MB", None),
    ("sync_catch_up_s", "sync: A's first pull after its push (its own documents back, nothing fetched), s", None),
    ("sync_one_change_s", "sync: one change on A seen on B after A's sync then B's (both in step), s", None),
]


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def table(sizes, figures, bundle_rows):
    largest = sizes[-1]
    head = ["figure"] + [f"N = {n:,}" for n in sizes] + ["budget", f"at {largest:,}"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    blank = [""] * (len(sizes) - 1)
    for kind, raw, gz in bundle_rows:
        lines.append(f"| bundle: {kind}, wasm + JS, KB raw / gzipped | {raw / 1000:,.0f} / {gz / 1000:,.0f} | " + " | ".join(blank + ["", ""]) + " |")
    start_gz = sum(gz for kind, _, gz in bundle_rows if kind == "at start + sw")
    ok = "✓" if start_gz <= BUNDLE_LIMIT else "✗"
    lines.append(f"| bundle: at start, wasm + JS gzipped, KB | {start_gz / 1000:,.0f} | " + " | ".join(blank + [f"≤ {BUNDLE_LIMIT // 1000}", ok]) + " |")
    for key, label, budget in ROWS:
        cells = [figures.get((key, n), "–") for n in sizes]
        if all(c == "–" for c in cells):
            continue
        mark = ""
        if budget is not None:
            v = number(figures.get((key, largest)))
            mark = "?" if v is None else ("✓" if v <= budget else "✗")
        lines.append("| " + " | ".join([label] + [f"{number(c):,.10g}" if number(c) is not None and number(c) >= 1000 else c for c in cells]
                                      + [f"≤ {budget}" if budget else "", mark]) + " |")
    return "\n".join(lines)


# The backup benchmark's figures (tests/bench_backup.rs), counted in photos.
BACKUP_ROWS = [
    ("backup_rest_mb", "JS heap + wasm memory at rest before the backup (after gc), MB", None),
    ("backup_ms", "encrypted backup: start → file made, ms", None),
    ("backup_file_mb", "backup file, MB", None),
    ("backup_peak_mb", "backup: peak JS heap + wasm memory, MB", 200),
    ("backup_wasm_mb", "  of which wasm memory (it only grows), MB", None),
    ("restore_open_ms", "restore: read, decrypt and check the whole file, ms", None),
    ("restore_write_ms", "restore: Replace into an empty database (one transaction), ms", None),
    ("restore_ms", "restore: total, ms", None),
    ("restore_peak_mb", "restore: peak JS heap + wasm memory, MB", 200),
    ("restore_wasm_mb", "  of which wasm memory (it only grows), MB", None),
]


def backup_table(figures):
    """The backup benchmark's rows, one column for the number of photos it ran with."""
    runs = sorted({n for (key, n) in figures if any(key == k for k, _, _ in BACKUP_ROWS)})
    if not runs:
        return ""
    head = ["backup and restore"] + [f"{n:,} photos" for n in runs] + ["budget", "met"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, label, budget in BACKUP_ROWS:
        cells = [figures.get((key, n), "–") for n in runs]
        mark = ""
        if budget is not None:
            v = number(figures.get((key, runs[-1])))
            mark = "?" if v is None else ("✓" if v <= budget else "✗")
        lines.append("| " + " | ".join([label] + cells + [f"≤ {budget}" if budget else "", mark]) + " |")
    return "\n".join(lines)


def main():
    largest = int(sys.argv[1])
    sizes = sorted({n for n in (1_000, 10_000, largest) if n <= largest})
    figures = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 4 and parts[0] == "BENCH":
                    figures[(parts[1], int(parts[2]))] = parts[3]
    if not os.path.exists(os.path.join(DIST, "index.html")):
        sys.exit("dist/ is missing: run `trunk build --release --offline` first")
    bundle_rows = bundle()
    for key, ms in cold_start(sizes).items():
        figures[key] = f"{ms:.0f}"
    print(table(sizes, figures, bundle_rows))
    photos = backup_table(figures)
    if photos:
        print()
        print(photos)


if __name__ == "__main__":
    main()
