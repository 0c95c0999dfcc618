#!/usr/bin/env python3
"""The bundle budget: fails when the built app's wasm + JS, gzipped, exceed the limit.

Usage: python3 scripts/check_bundle.py DIST_DIR [--limit BYTES]

DIST_DIR is a `trunk build --release` output (scripts/test.sh builds one). Each `.wasm`
and `.js` file is compressed at level 9 by Python's gzip module (zlib; GNU `gzip -9`
comes out up to about 0.5% larger), as a server would send it, and put in one of three
groups:
  at start      what index.html loads (Trunk's loader and its preloads) and every file
                those scripts import statically: what a tablet downloads and compiles
                before the first screen;
  sw            the service worker (registered once the app runs);
  on first use  the rest: modules the app imports when a screen first needs them
                (the staff side, src/screens.rs), reported and counted apart.
The limit, 450,000 bytes (KB here means 1,000 bytes, as in the benchmark's table), is
for "at start" + "sw"; modules loaded on first use have their own, looser limit
(--later-limit) so that they cannot grow unnoticed either. Prints one line per file,
the totals and the limits; exits 1 over a limit, 2 when DIST_DIR holds no built app.
Standard library only.

Web workers with their own wasm (the photo alignment, crates/align: files named
`align_worker*`) load only when first needed, so they have their own budget
(WORKER_LIMIT, group "worker") and leave the app's unchanged; every group must hold.

It is a size check, not a timing: the same build gives the same figures anywhere.
"""
import argparse, gzip, os, re, sys

LIMIT = 450_000  # bytes, gzip -9 of the .wasm and .js loaded at start (and sw.js)
LATER_LIMIT = 1_200_000  # bytes, gzip -9 of the modules loaded on first use (the staff side)
COUNTED = (".wasm", ".js")
# Files of web workers with their own wasm, loaded on first use (not in the app's budget).
WORKERS = ("align_worker",)
WORKER_LIMIT = 250_000  # bytes, gzip -9 of the workers' files together


def is_worker(name):
    return os.path.basename(name).startswith(WORKERS)


def gzipped(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 9, mtime=0))


def files(dist):
    """(relative path, raw bytes, gzipped bytes) of every counted file, largest first."""
    out = []
    for dirpath, _, names in os.walk(dist):
        for name in names:
            if name.endswith(COUNTED):
                path = os.path.join(dirpath, name)
                out.append((os.path.relpath(path, dist).replace(os.sep, "/"), os.path.getsize(path), gzipped(path)))
    return sorted(out, key=lambda f: -f[2])


STATIC_IMPORT = re.compile(r"""(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?['"]([^'"]+)['"]""")


def loaded_at_start(dist):
    """The files index.html names (Trunk's loader and its preloads) and, transitively,
    what those scripts import statically (`import ... from '...'`; a dynamic `import()`
    is a module loaded on first use). The service worker and those modules come later."""
    try:
        with open(os.path.join(dist, "index.html"), encoding="utf-8") as f:
            html = f.read()
    except OSError:
        return set()
    todo = [m.lstrip("/") for m in re.findall(r"""['"](/?[^'"\s]+\.(?:wasm|js))['"]""", html)]
    start = set()
    while todo:
        name = os.path.normpath(todo.pop()).replace(os.sep, "/")
        if name in start or not os.path.isfile(os.path.join(dist, name)):
            continue
        start.add(name)
        if name.endswith(".js"):
            with open(os.path.join(dist, name), encoding="utf-8", errors="replace") as f:
                for target in STATIC_IMPORT.findall(f.read()):
                    base = "" if target.startswith("/") else os.path.dirname(name)
                    todo.append(os.path.join(base, target.lstrip("/")))
    return start


def group(name, start):
    if is_worker(name):
        return "worker"
    if name in start:
        return "at start"
    if name == "sw.js":
        return "sw"
    return "on first use"


def kb(n):
    return f"{n / 1000:,.1f} KB"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist")
    parser.add_argument("--limit", type=int, default=LIMIT, help="bytes, gzip -9, at start + sw (default %(default)s)")
    parser.add_argument("--later-limit", type=int, default=LATER_LIMIT, help="bytes, gzip -9, modules loaded on first use (default %(default)s)")
    parser.add_argument("--worker-limit", type=int, default=WORKER_LIMIT, help="bytes, gzip -9 of the workers (default %(default)s)")
    args = parser.parse_args(argv)

    found = files(args.dist)
    if not any(name.endswith(".wasm") for name, _, _ in found):
        print(f"check_bundle: no .wasm in {args.dist}: build the app first (trunk build --release --offline)", file=sys.stderr)
        return 2
    start = loaded_at_start(args.dist)
    width = max(len(name) for name, _, _ in found)
    print(f"{'file'.ljust(width)}  {'raw':>12}  {'gzip -9':>12}  loaded")
    for name, raw, gz in found:
        print(f"{name.ljust(width)}  {kb(raw):>12}  {kb(gz):>12}  {group(name, start)}")
    budget = [(raw, gz) for name, raw, gz in found if group(name, start) in ("at start", "sw")]
    later = [(raw, gz) for name, raw, gz in found if group(name, start) == "on first use"]
    workers = [(raw, gz) for name, raw, gz in found if group(name, start) == "worker"]
    failed = False
    for label, part, limit in (("at start + sw", budget, args.limit), ("on first use", later, args.later_limit), ("worker", workers, args.worker_limit)):
        if not part and label != "at start + sw":
            continue
        raw, gz = sum(r for r, _ in part), sum(g for _, g in part)
        print(f"{label.ljust(width)}  {kb(raw):>12}  {kb(gz):>12}  (limit {kb(limit)} gzipped = {limit:,} bytes)")
        if gz > limit:
            failed = True
            print(f"check_bundle: FAILED: wasm + JS {label} are {gz:,} bytes gzipped, over the limit of {limit:,} bytes "
                  f"by {gz - limit:,} bytes. See the size notes beside [profile.release] in Cargo.toml.",
                  file=sys.stderr)
        else:
            print(f"check_bundle: ok ({label}): {gz:,} of {limit:,} bytes ({limit - gz:,} to spare)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
