#!/usr/bin/env python3
"""The bundle budget: fails when the built app's wasm + JS, gzipped, exceed the limit.

Usage: python3 scripts/check_bundle.py DIST_DIR [--limit BYTES]

DIST_DIR is a `trunk build --release` output (scripts/test.sh builds one). Every
`.wasm` and `.js` file in it counts, service worker included (the tablet downloads
all of them: sw.js caches every built file on the first start), each compressed at
level 9 by Python's gzip module (zlib; GNU `gzip -9` comes out up to about 0.5% larger),
as a server would send it. The limit is 450,000 bytes (KB here means 1,000 bytes, as in
the benchmark's table). Prints one line per file (raw and gzipped,
and whether the page loads it at start or later), the total and the limit; exits 1
over the limit, 2 when DIST_DIR holds no built app. Standard library only.

Web workers with their own wasm (the photo alignment, crates/align: files named
`align_worker*`) load only when first needed, so they have their own budget
(WORKER_LIMIT) and leave the app's unchanged; both are printed and both must hold.

It is a size check, not a timing: the same build gives the same figures anywhere.
"""
import argparse, gzip, os, re, sys

LIMIT = 450_000  # bytes, gzip -9 of every .wasm and .js in the build
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


def loaded_at_start(dist):
    """The files index.html names (Trunk's loader and its preloads): the rest, such as
    the service worker or a module loaded on first use, come later."""
    try:
        with open(os.path.join(dist, "index.html"), encoding="utf-8") as f:
            html = f.read()
    except OSError:
        return set()
    return {m.lstrip("/") for m in re.findall(r"""['"](/?[^'"\s]+\.(?:wasm|js))['"]""", html)}


def kb(n):
    return f"{n / 1000:,.1f} KB"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist")
    parser.add_argument("--limit", type=int, default=LIMIT, help="bytes, gzip -9 (default %(default)s)")
    parser.add_argument("--worker-limit", type=int, default=WORKER_LIMIT, help="bytes, gzip -9 of the workers (default %(default)s)")
    args = parser.parse_args(argv)

    everything = files(args.dist)
    workers = [f for f in everything if is_worker(f[0])]
    found = [f for f in everything if not is_worker(f[0])]
    if not any(name.endswith(".wasm") for name, _, _ in found):
        print(f"check_bundle: no .wasm in {args.dist}: build the app first (trunk build --release --offline)", file=sys.stderr)
        return 2
    start = loaded_at_start(args.dist)
    width = max(len(name) for name, _, _ in found)
    print(f"{'file'.ljust(width)}  {'raw':>12}  {'gzip -9':>12}  loaded")
    for name, raw, gz in found:
        print(f"{name.ljust(width)}  {kb(raw):>12}  {kb(gz):>12}  {'at start' if name in start else 'later'}")
    total_raw = sum(raw for _, raw, _ in found)
    total = sum(gz for _, _, gz in found)
    print(f"{'wasm + JS'.ljust(width)}  {kb(total_raw):>12}  {kb(total):>12}  (limit {kb(args.limit)} gzipped = {args.limit:,} bytes)")
    for name, raw, gz in workers:
        print(f"{name.ljust(width)}  {kb(raw):>12}  {kb(gz):>12}  worker, on first use")
    worker_total = sum(gz for _, _, gz in workers)
    if workers:
        print(f"{'workers'.ljust(width)}  {kb(sum(raw for _, raw, _ in workers)):>12}  {kb(worker_total):>12}  (their own limit {kb(args.worker_limit)} gzipped)")
    if worker_total > args.worker_limit:
        print(f"check_bundle: FAILED: the workers are {worker_total:,} bytes gzipped, over their limit of {args.worker_limit:,} bytes.", file=sys.stderr)
        return 1
    if total > args.limit:
        print(f"check_bundle: FAILED: wasm + JS are {total:,} bytes gzipped, over the limit of {args.limit:,} bytes "
              f"by {total - args.limit:,} bytes. See the size notes beside [profile.release] in Cargo.toml.",
              file=sys.stderr)
        return 1
    print(f"check_bundle: ok: {total:,} of {args.limit:,} bytes ({args.limit - total:,} to spare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
