"""Serving helpers for tests: the policy module, a real nginx on loopback, browser-side fault recorders."""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from support import REPO

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# Collects what the browser reports: CSP violations (also from the page's own workers' attempts that
# surface in the page) and uncaught errors. Read it with page.evaluate("window.__lgFaults").
FAULT_RECORDER = """
(() => {
  const faults = [];
  Object.defineProperty(window, "__lgFaults", { value: faults });
  document.addEventListener("securitypolicyviolation", (e) => {
    faults.push(`CSP ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
  });
})();
"""


def load_policy() -> ModuleType:
    """serving/policy.py, loaded by path like the MkDocs hook does."""
    name = "lossguide_serving_policy"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "serving" / "policy.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """nginx in the foreground as the current user, with its config, pid, logs and temp files in a temp dir."""

    def __init__(self, root: Path, port: int | None = None) -> None:
        self.root = Path(root)
        self.port = port or free_port()
        self.prefix = Path(tempfile.mkdtemp(prefix="lossguide-nginx-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Nginx:
        conf = self.prefix / "nginx.conf"
        policy = load_policy()
        user = pwd.getpwuid(os.getuid()).pw_name  # as root, nginx would otherwise drop to "nobody"
        conf.write_text(policy.nginx_config(self.root, listen=f"127.0.0.1:{self.port}", prefix=self.prefix, user=user))
        check = subprocess.run([NGINX, "-t", "-p", str(self.prefix), "-c", str(conf)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self.process = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(conf)], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.prefix / "error.log"
                raise RuntimeError(f"nginx exited: {log.read_text() if log.exists() else ''}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)  # waiting for a port to open: there is no event to wait on
        raise RuntimeError("nginx did not open its port within 10 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self) -> Nginx:
        try:
            return self.start()
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.prefix, ignore_errors=True)
