#!/usr/bin/env python3
"""A real CouchDB-protocol server for the sync tests: pouchdb-server 4.2.0 on 127.0.0.1.

CouchDB itself is not installable here; pouchdb-server speaks the same HTTP protocol
(see tests/server/README.md for where it differs from CouchDB 3). This script installs
it from the pinned tests/server/package-lock.json (`npm ci`, once), starts it on a free
port (15984 when free), makes a server admin and a tablet user, sets the request size
limit that makes it answer 413, waits until it answers, and stops it at the end.

    python3 scripts/couch_test_server.py run [OPTIONS] -- CMD ARGS...   # server up while CMD runs
    python3 scripts/couch_test_server.py serve                # up until Ctrl-C

`run` passes the server to CMD in the environment (the wasm tests compile it in with
`option_env!`, so a new port rebuilds only the test crate):

    FOLLICLE_COUCH_URL          http://127.0.0.1:PORT
    FOLLICLE_COUCH_ADMIN        admin:PASSWORD   (server admin: makes test databases)
    FOLLICLE_COUCH_USER         tablet:PASSWORD  (an ordinary user, as a tablet signs in)
    FOLLICLE_COUCH_MAX_REQUEST  bytes; a JSON request body larger than this gets 413

Options: --disk DIR keeps the databases in DIR (LevelDB) instead of memory, so they
survive a restart; --max-request-bytes N. Other Python scripts can `import` this file
and use CouchTestServer (start / restart / stop) directly.
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER_DIR = os.path.join(ROOT, "tests", "server")
A11Y_DIR = os.path.join(ROOT, "tests", "a11y")
BIN = os.path.join(SERVER_DIR, "node_modules", ".bin", "pouchdb-server")
PREFERRED_PORT = 15984
ADMIN = ("admin", "follicle-admin-pw")
TABLET = ("tablet", "follicle-tablet-pw")
DEFAULT_MAX_REQUEST = 256 * 1024


def say(msg):
    print(f"\033[1m==> {msg}\033[0m", file=sys.stderr, flush=True)


def npm_ci(directory, what, needed):
    """npm ci from the directory's lock file, unless node_modules already matches it."""
    lock = os.path.join(directory, "package-lock.json")
    stamp = os.path.join(directory, "node_modules", ".package-lock.json")
    if os.path.exists(needed) and os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(lock):
        return
    say(f"Installing {what} from {os.path.relpath(lock, ROOT)} (npm ci)")
    # --ignore-scripts: leveldown ships prebuilt binaries that load without its install
    # script, and sqlite3's (unused) would try to download one.
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=directory, check=True)


def ensure_installed():
    """The server, and axe-core for the accessibility tests (compiled into tests/a11y.rs,
    so it must be there before cargo builds the tests), each from its lock file."""
    if not shutil.which("node") or not shutil.which("npm"):
        sys.exit("couch_test_server: node and npm are needed (Debian: apt-get install nodejs npm)")
    npm_ci(SERVER_DIR, "pouchdb-server 4.2.0", BIN)
    npm_ci(A11Y_DIR, "axe-core", os.path.join(A11Y_DIR, "node_modules", "axe-core", "axe.min.js"))


def free_port(preferred=PREFERRED_PORT):
    for port in (preferred, 0):
        with socket.socket() as s:
            # As the server will: a port that a finished run left in TIME_WAIT is free.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


class CouchTestServer:
    def __init__(self, disk_dir=None, max_request_bytes=DEFAULT_MAX_REQUEST, port=None):
        self.disk_dir = disk_dir
        self.max_request_bytes = max_request_bytes
        self.port = port
        self.workdir = None
        self.proc = None
        self.log = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def env(self):
        return {
            "FOLLICLE_COUCH_URL": self.url,
            "FOLLICLE_COUCH_ADMIN": f"{ADMIN[0]}:{ADMIN[1]}",
            "FOLLICLE_COUCH_USER": f"{TABLET[0]}:{TABLET[1]}",
            "FOLLICLE_COUCH_MAX_REQUEST": str(self.max_request_bytes),
        }

    # -- process ---------------------------------------------------------------------
    def start(self):
        ensure_installed()
        if self.workdir is None:
            # config.json (admins, limits) and the log live here; the databases too
            # unless --disk names a directory of its own.
            self.workdir = tempfile.mkdtemp(prefix="follicle-couch-")
        if self.port is None:
            self.port = free_port()
        cmd = [BIN, "-o", "127.0.0.1", "-p", str(self.port), "-c", os.path.join(self.workdir, "config.json"), "-n",
               "--no-color"]
        if self.disk_dir:
            os.makedirs(self.disk_dir, exist_ok=True)
            cmd += ["-d", os.path.abspath(self.disk_dir)]
        else:
            cmd += ["-m"]
        self.log = open(os.path.join(self.workdir, "server.log"), "ab")
        self.proc = subprocess.Popen(cmd, cwd=self.workdir, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._wait_up()
        self._setup()
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None
        if self.log:
            self.log.close()
            self.log = None

    def restart(self):
        """Stops and starts on the same port and directories (with --disk the data stays)."""
        self.stop()
        return self.start()

    def cleanup(self):
        self.stop()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def log_tail(self, lines=40):
        try:
            with open(os.path.join(self.workdir, "server.log"), "rb") as f:
                return b"".join(f.readlines()[-lines:]).decode("utf-8", "replace")
        except OSError:
            return ""

    def _wait_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pouchdb-server exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"pouchdb-server did not answer on {self.url} within {timeout} s:\n{self.log_tail()}")

    # -- HTTP ------------------------------------------------------------------------
    def request(self, method, path, body=None, auth=ADMIN, raw=False):
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if auth:
            headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                payload = r.read()
                return r.status, (payload if raw else json.loads(payload or b"null"))
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                return e.code, json.loads(payload)
            except ValueError:
                return e.code, payload.decode("utf-8", "replace")

    def _ok(self, result, what):
        status, body = result
        if status >= 300:
            raise RuntimeError(f"{what}: HTTP {status} {body}")
        return body

    def _setup(self):
        # Admin party until the first admin exists; after a restart with --disk the
        # admin is already in config.json.
        _, session = self.request("GET", "/_session", auth=ADMIN)
        roles = session.get("userCtx", {}).get("roles", []) if isinstance(session, dict) else []
        if "_admin" not in roles:
            self._ok(self.request("PUT", "/_config/admins/" + ADMIN[0], ADMIN[1], auth=None), "make the admin")
        for section, key, value in [
            # pouchdb-server's name for the largest JSON request body it parses; above
            # it, 413 {"error":"too_large"} like CouchDB's max_http_request_size.
            ("couchdb", "max_document_size", str(self.max_request_bytes)),
            # Any origin (the wasm test runner's port changes each run), with credentials.
            ("httpd", "enable_cors", "true"),
            ("cors", "origins", "*"),
            ("cors", "credentials", "true"),
        ]:
            self._ok(self.request("PUT", f"/_config/{section}/{key}", value), f"set {section}/{key}")
        self.ensure_user(*TABLET)

    def ensure_user(self, name, password, roles=()):
        doc_id = "org.couchdb.user:" + name
        status, existing = self.request("GET", "/_users/" + doc_id)
        doc = {"_id": doc_id, "name": name, "password": password, "roles": list(roles), "type": "user"}
        if status == 200:
            doc["_rev"] = existing["_rev"]
        self._ok(self.request("PUT", "/_users/" + doc_id, doc), "make user " + name)

    def create_database(self, name, members=(TABLET[0],)):
        """A database only `members` (and admins) may use, as the chain's admin sets one up."""
        status, body = self.request("PUT", "/" + name)
        if status not in (201, 412):
            raise RuntimeError(f"create {name}: HTTP {status} {body}")
        security = {"admins": {"names": [], "roles": []}, "members": {"names": list(members), "roles": []}}
        self._ok(self.request("PUT", f"/{name}/_security", security), "set _security")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["run", "serve"])
    parser.add_argument("--disk", metavar="DIR", help="keep databases in DIR (survive a restart) instead of memory")
    parser.add_argument("--max-request-bytes", type=int, default=DEFAULT_MAX_REQUEST)
    parser.add_argument("--port", type=int, help=f"default: {PREFERRED_PORT} when free, else any free port")
    argv = sys.argv[1:]
    command = []
    if "--" in argv:
        cut = argv.index("--")
        argv, command = argv[:cut], argv[cut + 1:]
    args = parser.parse_args(argv)
    if args.mode == "run" and not command:
        parser.error("run needs a command after --")

    server = CouchTestServer(disk_dir=args.disk, max_request_bytes=args.max_request_bytes, port=args.port)
    # SIGTERM (a CI timeout) stops the server too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        server.start()
        server.create_database("follicle_test")
        mode = f"on disk in {args.disk}" if args.disk else "in memory"
        say(f"pouchdb-server 4.2.0 at {server.url} ({mode}; log {server.workdir}/server.log)")
        env = dict(os.environ, **server.env())
        if args.mode == "serve":
            for k, v in server.env().items():
                print(f"export {k}={v}", flush=True)
            print("# database follicle_test is ready; Ctrl-C stops the server", flush=True)
            while server.proc.poll() is None:
                time.sleep(1)
            return 1
        code = subprocess.call(command, env=env)
        if server.proc.poll() is not None:
            say(f"pouchdb-server died during the run:\n{server.log_tail()}")
            code = code or 1
        return code
    except KeyboardInterrupt:
        return 130
    finally:
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
