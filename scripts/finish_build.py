#!/usr/bin/env python3
"""Trunk post-build hook (see Trunk.toml): finishes the build in Trunk's staging dir.

1. Content-Security-Policy: Trunk 0.21 starts the app with an inline
   `<script type="module">` (it imports the hashed JS and wasm). index.html's CSP
   names a placeholder, 'sha256-FOLLICLE-LOADER'; this puts the SHA-256 of each inline
   script there, so that script and nothing else inline may run.
2. Service worker: writes sw.js from web/sw.js with the list of built files and a
   build id (a hash of all of them), so the worker caches exactly this build and a
   new build is a new worker.

Standard library only. Fails the build loudly rather than ship a page that the
CSP would stop from starting.
"""
import base64, hashlib, json, os, re, sys

PLACEHOLDER = "'sha256-FOLLICLE-LOADER'"


def main():
    staging = os.environ["TRUNK_STAGING_DIR"]
    source = os.environ.get("TRUNK_SOURCE_DIR", os.getcwd())
    base = os.environ.get("TRUNK_PUBLIC_URL", "/")
    if not base.endswith("/"):
        base += "/"

    index_path = os.path.join(staging, "index.html")
    with open(index_path, encoding="utf-8") as f:
        html = f.read()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    if not inline:
        sys.exit("finish_build: no inline script found in index.html; check the CSP by hand")
    if PLACEHOLDER not in html:
        sys.exit(f"finish_build: index.html's Content-Security-Policy lacks {PLACEHOLDER}")
    hashes = " ".join("'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in inline)
    html = html.replace(PLACEHOLDER, hashes)
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(html)

    files = []
    for dirpath, _, names in os.walk(staging):
        for name in names:
            rel = os.path.relpath(os.path.join(dirpath, name), staging).replace(os.sep, "/")
            if rel != "sw.js":
                files.append(rel)
    files.sort()
    build = hashlib.sha256()
    for rel in files:
        build.update(rel.encode() + b"\0")
        with open(os.path.join(staging, rel), "rb") as f:
            build.update(hashlib.sha256(f.read()).digest())
    build_id = build.hexdigest()[:16]

    with open(os.path.join(source, "web", "sw.js"), encoding="utf-8") as f:
        sw = f.read()
    sw = (sw.replace("__FOLLICLE_BUILD__", build_id)
            .replace("__FOLLICLE_FILES__", json.dumps([base + rel for rel in files], ensure_ascii=False))
            .replace("__FOLLICLE_INDEX__", base + "index.html"))
    with open(os.path.join(staging, "sw.js"), "w", encoding="utf-8") as f:
        f.write(sw)
    print(f"finish_build: build {build_id}, {len(files)} files cached by sw.js, {len(inline)} inline script hash(es) in the CSP")


if __name__ == "__main__":
    main()
