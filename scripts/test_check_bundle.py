#!/usr/bin/env python3
"""Tests of scripts/check_bundle.py on small builds made here (standard library only):
python3 scripts/test_check_bundle.py"""
import contextlib, io, os, random, shutil, sys, tempfile, unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_bundle  # noqa: E402

INDEX_PLAIN = """<!doctype html><html><head>
<link rel="modulepreload" href="/app-1a2b.js" crossorigin="anonymous">
<link rel="preload" href="/app-1a2b_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">
</head><body><script type="module">import init from '/app-1a2b.js'; init({ module_or_path: '/app-1a2b_bg.wasm' });</script></body></html>"""
INDEX = INDEX_PLAIN


def noise(n, seed):
    """Bytes that gzip cannot shrink, so the gzipped size is known to within a few dozen bytes."""
    rng = random.Random(seed)
    return bytes(rng.getrandbits(8) for _ in range(n))


class CheckBundle(unittest.TestCase):
    def build(self, files):
        dist = tempfile.mkdtemp(prefix="check-bundle-")
        self.addCleanup(shutil.rmtree, dist)
        for name, body in files.items():
            with open(os.path.join(dist, name), "wb") as f:
                f.write(body.encode() if isinstance(body, str) else body)
        return dist

    def run_check(self, dist, *extra):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = check_bundle.main([dist, *extra])
        return code, out.getvalue(), err.getvalue()

    def app(self, wasm_bytes=20_000, js_bytes=2_000, sw_bytes=1_000):
        return self.build({
            "index.html": INDEX,
            "app-1a2b_bg.wasm": noise(wasm_bytes, 1),
            "app-1a2b.js": noise(js_bytes, 2),
            "sw.js": noise(sw_bytes, 3),
            "app.css": noise(50_000, 4),  # not wasm or JS: never counted
        })

    def test_under_the_limit_passes_and_prints_every_counted_file(self):
        code, out, err = self.run_check(self.app(), "--limit", "30000")
        self.assertEqual(code, 0, err)
        for name in ("app-1a2b_bg.wasm", "app-1a2b.js", "sw.js"):
            self.assertIn(name, out)
        self.assertNotIn("app.css", out)
        self.assertIn("check_bundle: ok (at start + sw)", out)

    def test_over_the_limit_fails_with_the_figures_and_the_limit(self):
        dist = self.app()
        total = sum(check_bundle.gzipped(os.path.join(dist, f)) for f in ("app-1a2b_bg.wasm", "app-1a2b.js", "sw.js"))
        code, _, err = self.run_check(dist, "--limit", "20000")
        self.assertEqual(code, 1)
        self.assertIn(f"at start + sw are {total:,} bytes gzipped", err)
        self.assertIn("limit of 20,000 bytes", err)

    def test_the_service_worker_counts_though_loaded_later(self):
        # wasm + loader alone (≈ 22,050 gzipped) fit under 22,500; with sw.js they do not.
        code, out, _ = self.run_check(self.app(sw_bytes=1_000), "--limit", "22500")
        self.assertEqual(code, 1)
        sw_line = next(line for line in out.splitlines() if line.startswith("sw.js"))
        self.assertTrue(sw_line.endswith("sw"), sw_line)
        wasm_line = next(line for line in out.splitlines() if line.startswith("app-1a2b_bg.wasm"))
        self.assertTrue(wasm_line.endswith("at start"), wasm_line)

    def test_a_module_loaded_on_first_use_is_counted_apart_and_limited_too(self):
        # The start JS imports a snippet statically (counted at start) and the staff
        # module only with import() (on first use: not in the 450 KB).
        dist = self.app()
        with open(os.path.join(dist, "app-1a2b.js"), "ab") as f:
            f.write(b"\nimport { load } from './snippets/app/inline0.js';\n")
        os.makedirs(os.path.join(dist, "snippets", "app"))
        with open(os.path.join(dist, "snippets", "app", "inline0.js"), "wb") as f:
            f.write(b"export function load() { return import('/staff.js'); }\n" + noise(3_000, 7))
        with open(os.path.join(dist, "staff.js"), "wb") as f:
            f.write(noise(5_000, 5))
        with open(os.path.join(dist, "staff_bg.wasm"), "wb") as f:
            f.write(noise(100_000, 6))
        code, out, err = self.run_check(dist, "--limit", "30000")
        self.assertEqual(code, 0, err)
        lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
        self.assertTrue(lines["snippets/app/inline0.js"].endswith("at start"), out)
        self.assertTrue(lines["staff_bg.wasm"].endswith("on first use"), out)
        self.assertTrue(lines["staff.js"].endswith("on first use"), out)
        # The 100 KB module over its own limit fails the check.
        code, _, err = self.run_check(dist, "--limit", "30000", "--later-limit", "50000")
        self.assertEqual(code, 1)
        self.assertIn("on first use are", err)
        # The snippet counts at start: a limit between start-without-it and with-it fails.
        without = sum(check_bundle.gzipped(os.path.join(dist, f)) for f in ("app-1a2b_bg.wasm", "app-1a2b.js", "sw.js"))
        self.assertEqual(self.run_check(dist, "--limit", str(without + 500))[0], 1)

    def test_the_default_limit_is_450_000_bytes(self):
        self.assertEqual(check_bundle.LIMIT, 450_000)
        self.assertEqual(self.run_check(self.app(wasm_bytes=440_000))[0], 0)
        self.assertEqual(self.run_check(self.app(wasm_bytes=460_000))[0], 1)

    def test_a_worker_with_its_own_wasm_has_its_own_budget(self):
        dist = self.app(wasm_bytes=440_000)
        for name, seed in (("align_worker_bg.wasm", 5), ("align_worker.js", 6), ("align_worker_loader.js", 7)):
            with open(os.path.join(dist, name), "wb") as f:
                f.write(noise(60_000, seed))
        code, out, err = self.run_check(dist)
        self.assertEqual(code, 0, err)
        worker_line = next(line for line in out.splitlines() if line.startswith("align_worker_bg.wasm"))
        self.assertTrue(worker_line.endswith("worker"), worker_line)
        self.assertIn("check_bundle: ok (worker)", out)
        code, _, err = self.run_check(dist, "--worker-limit", "100000")
        self.assertEqual(code, 1)
        self.assertIn("wasm + JS worker are", err)

    def test_a_directory_without_a_build_is_an_error_not_a_pass(self):
        code, _, err = self.run_check(self.build({"index.html": INDEX}))
        self.assertEqual(code, 2)
        self.assertIn("no .wasm", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
