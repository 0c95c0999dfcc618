#!/usr/bin/env python3
"""The photo alignment's real web worker in the built app (headless Chromium).

Usage: python3 scripts/align_test.py DIST_DIR [--bench] [--shots OUT_DIR]

DIST_DIR is a `trunk build --offline` output. The wasm-bindgen test runner serves no
Trunk build, so tests/compare_align.rs drives the comparison with a stand-in worker;
this checks the real one, as the tablet gets it, failing loudly:

1. It is its own files (align_worker_loader.js, .js, _bg.wasm), not named by index.html
   (not in the app's start-up bundle), and in sw.js's list (kept for offline use).
2. Started by the page under the app's Content-Security-Policy (no violation), it aligns
   a 1600×1200 WebP photo-like picture and a copy shifted, turned 7° and zoomed 1.1×
   (the transform within 1°, 2 % and 3 px) and says "not the same spot" for an unrelated
   picture.
With --bench it prints figures, asserting nothing more: the alignment time of the
1600×1200 pair (in the worker, decoding included; first start apart) and the worker's
size gzipped. With --shots it also sets the app up, seeds a customer with two crown
pictures (the later one taken a little shifted, turned and closer, with more hair) and
saves the comparison as taken and aligned, side by side and under the slider, at
1280×800 and 800×1280. Standard library only; reuses scripts/offline_test.py's server
and driver.
"""
import gzip, math, os, re, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from offline_test import BASE, Browser, Server, webdriver  # noqa: E402

WORKER_FILES = ("align_worker_loader.js", "align_worker.js", "align_worker_bg.wasm")

# Draws a photo-like scalp picture (skin, blotches, hair strokes; `seed` picks the spot)
# and a view of it through a transform, encodes both as WebP 0.85 like the app stores
# photos, and asks a new worker to align them. Returns the answers and timings.
DRAW = r"""
function scene(seed, w, h, extra) {
  let s = seed >>> 0 || 1;
  const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const c = new OffscreenCanvas(w * 1.6, h * 1.6), g = c.getContext('2d');
  g.fillStyle = '#c9a48a'; g.fillRect(0, 0, c.width, c.height);
  for (let i = 0; i < 60; i++) { g.fillStyle = `rgba(${120 + rnd() * 80},${80 + rnd() * 50},60,0.25)`;
    g.beginPath(); g.arc(rnd() * c.width, rnd() * c.height, 40 + rnd() * 160, 0, 7); g.fill(); }
  for (let i = 0; i < 1500; i++) { g.strokeStyle = `rgba(${20 + rnd() * 60},${15 + rnd() * 30},10,0.9)`;
    g.lineWidth = 2 + rnd() * 4; g.beginPath(); let x = rnd() * c.width, y = rnd() * c.height, a = rnd() * 7;
    g.moveTo(x, y); const n = 10 + rnd() * 30; for (let k = 0; k < n; k++) { a += (rnd() - 0.5) * 0.2; x += 8 * Math.cos(a); y += 8 * Math.sin(a); g.lineTo(x, y); }
    g.stroke(); }
  // More hair later (the progress a comparison is for), on the same scalp.
  for (let i = 0; i < (extra || 0); i++) { g.strokeStyle = `rgba(${20 + rnd() * 40},${15 + rnd() * 20},10,0.9)`;
    g.lineWidth = 1.5 + rnd() * 2.5; g.beginPath(); let x = rnd() * c.width, y = rnd() * c.height, a = rnd() * 7;
    g.moveTo(x, y); for (let k = 0; k < 12; k++) { a += (rnd() - 0.5) * 0.2; x += 7 * Math.cos(a); y += 7 * Math.sin(a); g.lineTo(x, y); }
    g.stroke(); }
  return c;
}
// A w×h view of `src`: view point p (normalised: centre origin, unit = width) shows the
// scene at t(p) = scale·R·p + (tx, ty), one unit being `unit` scene pixels.
function view(src, t, w, h) {
  const c = new OffscreenCanvas(w, h), g = c.getContext('2d'), unit = w;
  g.translate(w / 2, h / 2);
  const a = t.degrees * Math.PI / 180, cos = Math.cos(a), sin = Math.sin(a);
  // Scene pixel q = centre + unit·(scale·R·p + t): invert it for the canvas.
  const k = 1 / t.scale;
  g.transform(k * cos, -k * sin, k * sin, k * cos, 0, 0);
  g.translate(-t.tx * unit, -t.ty * unit);
  g.drawImage(src, -src.width / 2, -src.height / 2);
  return c;
}
const webp = c => c.convertToBlob({ type: 'image/webp', quality: 0.85 });
"""

ALIGN_IN_PAGE = DRAW + r"""
const done = arguments[arguments.length - 1];
const [w, h, seedA, seedB, scale, degrees, tx, ty] = arguments;
(async () => {
  const a = scene(seedA, w, h), b = seedB === seedA ? a : scene(seedB, w, h);
  const before = await webp(view(a, { scale: 1, degrees: 0, tx: 0, ty: 0 }, w, h));
  const after = await webp(view(b, { scale, degrees, tx, ty }, w, h));
  const started = performance.now();
  const worker = new Worker('/align_worker_loader.js');
  const answers = [];
  let readyAt = null;
  worker.onerror = e => done({ error: 'worker error: ' + (e.message || e.type) });
  worker.onmessage = e => {
    if (e.data.ready) { readyAt = performance.now(); worker.postMessage({ id: 1, before, after }); return; }
    answers.push({ ...e.data, wall: performance.now() - (answers.length ? answers.at(-1).sentAt : readyAt) });
    if (answers.length < 3) { answers.at(-1).sentAt = performance.now(); worker.postMessage({ id: answers.length + 1, before, after }); }
    else { worker.terminate(); done({ start_ms: readyAt - started, answers, bytes: [before.size, after.size] }); }
  };
})().catch(e => done({ error: String(e) }));
"""


# One customer, 王朝阳, with the sensitive consent and two crown pictures 200 days
# apart, written straight into IndexedDB in the app's record format (as
# scripts/screenshots.py seeds), the later one a view turned 6°, 1.08× closer and
# shifted, with more hair.
SEED_IN_PAGE = DRAW + r"""
const done = arguments[arguments.length - 1];
const meta = {store_id: "store:北京朝阳店", device_id: "前台平板#shots", created_at: Date.now(), updated_at: Date.now()};
const day = d => new Date(Date.now() - d * 86400000).toISOString().slice(0, 10);
const put = (db, stores, f) => new Promise((ok, bad) => { const tx = db.transaction(stores, "readwrite"); f(tx); tx.oncomplete = ok; tx.onerror = () => bad(tx.error); });
const req = indexedDB.open("follicle");
req.onerror = () => done("open error");
req.onsuccess = async () => {
  try {
    const db = req.result, id = "shot-0", name = "王朝阳", phone = "13910000000";
    await put(db, ["customers", "search_rows", "search_changes", "consents"], tx => {
      tx.objectStore("customers").put({id, meta, name, gender: "male", birth_date: "1958-03-15", phone, phone_digits: phone,
        name_key: name, first_visit: day(300), first_visit_month: day(300).slice(0, 7), last_visit: day(3)});
      { const row = [id, name, phone, "m", "1958-03-15", day(3)].join("\t"); tx.objectStore("search_rows").put(row, id); tx.objectStore("search_changes").put(row, id); }  // the search reads its pages and the rows changed since (schema v9)
      tx.objectStore("consents").put({id: id + "-s", meta, customer_id: id, kind: "sensitive_info", notice_id: "sensitive-v1",
        notice_hash: "seed", granted: true, at: Date.now() - 300 * 86400000});
    });
    const early = scene(31, 1600, 1200, 0), late = scene(31, 1600, 1200, 900);
    const views = [["ph-early", 203, view(early, {scale: 1, degrees: 0, tx: 0, ty: 0}, 1600, 1200)],
                   ["ph-late", 3, view(late, {scale: 1.08, degrees: 6, tx: 0.05, ty: -0.03}, 1600, 1200)]];
    for (const [pid, d, canvas] of views) {
      const image = await webp(canvas);
      const small = new OffscreenCanvas(256, 192); small.getContext("2d").drawImage(canvas, 0, 0, 256, 192);
      const thumb = await webp(small);
      await put(db, ["photos", "photo_blobs"], tx => {
        tx.objectStore("photos").put({id: pid, meta, customer_id: id, kind: "trichoscope", site: "crown", taken_on: day(d), note: null,
          width: 1600, height: 1200, bytes: image.size + thumb.size});
        tx.objectStore("photo_blobs").put({photo_id: pid, image, thumb});
      });
    }
    done("ok");
  } catch (e) { done("seed error " + e); }
};
"""


def shots(b, out):
    """The comparison before (as taken) and after (aligned), both views, both sizes."""
    b.set_up()
    seeded = b.js_async(SEED_IN_PAGE)
    assert seeded == "ok", seeded
    b.click("a", "员工")
    b.wait("员工登录")
    b.js("""const l=[...document.querySelectorAll('.staff-gate label')].find(l=>l.textContent.includes('李店长')); if (l) l.click();""")
    b.type_label("密码", "2468")
    b.click("button", "确认")
    b.wait("本机顾客总数")
    b.js("const i=document.getElementById('customer-search'); i.value='王朝阳'; i.dispatchEvent(new Event('input',{bubbles:true}));")
    b.tap(".result", "王朝阳")
    b.wait("王先生")
    b.tap("a", "头发变化")
    b.wait("已自动对齐同一位置", timeout=60)
    time.sleep(1)
    b.js("document.querySelector('.compare').scrollIntoView()")
    b.shot(out, "align-side-by-side-after")
    b.click("button", "滑动对比")
    b.wait("拖动对比线")
    b.js("const r=document.querySelector('.slider-range input'); r.value='50'; r.dispatchEvent(new Event('input',{bubbles:true}));")
    time.sleep(0.5)
    b.js("document.querySelector('.compare').scrollIntoView()")
    b.shot(out, "align-slider-after")
    b.click("button", "按拍摄原样")
    time.sleep(0.5)
    b.shot(out, "align-slider-before")
    b.click("button", "并排对比")
    time.sleep(0.5)
    b.js("document.querySelector('.compare').scrollIntoView()")
    b.shot(out, "align-side-by-side-before")
    b.click("button", "按拍摄原样")
    b.click("button", "手动校正对齐")
    b.wait("保存对齐")
    time.sleep(0.5)
    b.js("document.querySelector('.compare').scrollIntoView()")
    b.shot(out, "align-adjust")
    b.check_page("comparison screenshots")


def check_files(dist):
    for name in WORKER_FILES:
        assert os.path.exists(os.path.join(dist, name)), f"{name} missing from the build"
    with open(os.path.join(dist, "index.html"), encoding="utf-8") as f:
        html = f.read()
    # (index.html's comments may name it; its tags must not.)
    assert "align_worker" not in re.sub(r"<!--.*?-->", "", html, flags=re.S), "the worker must not be loaded with the app"
    with open(os.path.join(dist, "sw.js"), encoding="utf-8") as f:
        sw = f.read()
    for name in WORKER_FILES:
        assert f'"/{name}"' in sw, f"sw.js does not keep {name} for offline use"


def worker_gzipped(dist):
    total = 0
    for name in WORKER_FILES:
        with open(os.path.join(dist, name), "rb") as f:
            total += len(gzip.compress(f.read(), 9, mtime=0))
    return total


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: align_test.py DIST_DIR [--bench]")
    dist = os.path.abspath(sys.argv[1])
    bench = "--bench" in sys.argv
    out = sys.argv[sys.argv.index("--shots") + 1] if "--shots" in sys.argv else None
    check_files(dist)
    print("· the worker is its own files, kept by sw.js, not loaded with the app")
    server = Server(dist)
    server.start()
    driver = webdriver.Driver()
    b = None
    try:
        b = Browser(driver.port)
        b.s("POST", "/timeouts", {"script": 120_000})
        b.go(BASE + "/")
        b.wait("首次使用设置")

        moved = dict(scale=1.1, degrees=7.0, tx=0.03, ty=-0.02)
        got = b.js_async(ALIGN_IN_PAGE, 1600, 1200, 11, 11, moved["scale"], moved["degrees"], moved["tx"], moved["ty"])
        assert "error" not in got, got
        first = got["answers"][0]
        assert first["ok"], first
        degrees = math.degrees(first["angle"])
        report = f"{first} (want {moved})"
        assert abs(degrees - moved["degrees"]) <= 1.0, "angle: " + report
        assert abs(first["scale"] / moved["scale"] - 1) <= 0.02, "scale: " + report
        assert abs(first["tx"] - moved["tx"]) * 1600 <= 3 and abs(first["ty"] - moved["ty"]) * 1600 <= 3, "shift: " + report
        assert first["sameSpot"], report
        print(f"· a 1600×1200 pair turned 7°, zoomed 1.1×, shifted: aligned (score {first['score']:.2f})")

        other = b.js_async(ALIGN_IN_PAGE, 1600, 1200, 11, 12, 1.0, 0.0, 0.0, 0.0)
        assert "error" not in other, other
        assert other["answers"][0]["ok"] and not other["answers"][0]["sameSpot"], other["answers"][0]
        print(f"· an unrelated picture: not the same spot (score {other['answers'][0]['score']:.2f})")
        b.check_page("the worker started under the app's policy")

        if bench:
            times = [a["ms"] for a in got["answers"]]
            best = min(got["answers"], key=lambda a: a["ms"])
            load = os.getloadavg()[0]
            print(f"BENCH align 1600x1200 pair in the worker (decode + align): {min(times):.0f} ms best of {len(times)} "
                  f"(decoding {best.get('decodeMs', 0):.0f} ms of it), {max(times):.0f} ms worst; worker start {got['start_ms']:.0f} ms; "
                  f"WebP pair {got['bytes'][0] // 1000} + {got['bytes'][1] // 1000} KB; wall clock, load average {load:.1f} on {os.cpu_count()} cores")
            print(f"BENCH align worker size: {worker_gzipped(dist):,} bytes gzip -9 ({', '.join(WORKER_FILES)})")
        if out:
            shots(b, os.path.abspath(out))
            print(f"· screenshots in {out}")
        print("align_test: ok")
    finally:
        if b:
            b.quit()
        driver.stop()
        server.stop()


if __name__ == "__main__":
    main()
