"""The production server on 127.0.0.1 for the load, soak, kill and log tests: exactly the container's
command (`cli.gunicorn_argv()`: gunicorn with cds_service/gunicorn_conf.py), configured by LBCL_CDS_*
variables, on a free loopback port, in a temporary folder, its stdout and stderr kept in files so a test
can scan every log line. Stopped by its own process group id (SIGTERM, then SIGKILL).

`port` is where it answers when GUNICORN_CMD_ARGS binds elsewhere than LBCL_CDS_PORT; `ca` (a PEM file)
when gunicorn terminates TLS itself: the server is then probed and asked over https, verified with it."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cds_service.cli import gunicorn_argv

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def children(pid: int) -> list[int]:
    """The PIDs of the live processes whose parent is `pid` (Linux /proc)."""
    return sorted(int(e.name) for e in Path("/proc").iterdir() if e.name.isdigit() and _ppid(int(e.name)) == pid)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class LiveServer:
    def __init__(self, workers: int = 1, env: dict[str, str] | None = None, threads: int = 4,
                 start_timeout: float = 30.0, port: int | None = None, ca: Path | None = None):
        self.tmp = tempfile.TemporaryDirectory(prefix="lbcl-live-")
        self.dir = Path(self.tmp.name)
        configured = free_port()
        self.port = port or configured
        self.tls = ssl.create_default_context(cafile=str(ca)) if ca else None
        self.env = {**os.environ, "LBCL_CDS_AUTH": "off", "LBCL_CDS_HOST": "127.0.0.1",
                    "LBCL_CDS_PORT": str(configured), "LBCL_CDS_WORKERS": str(workers),
                    "LBCL_CDS_THREADS": str(threads), "LBCL_CDS_SQLITE_PATH": str(self.dir / "store.sqlite3"),
                    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **(env or {})}
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.stdout_path, self.stderr_path = self.dir / "stdout.log", self.dir / "stderr.log"
        self._out, self._err = self.stdout_path.open("wb"), self.stderr_path.open("wb")
        argv = gunicorn_argv()
        argv[0] = str(BIN / argv[0])
        self.proc = subprocess.Popen(argv, env=self.env, cwd=self.dir, stdout=self._out, stderr=self._err,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self._wait(start_timeout, workers)

    def _wait(self, timeout: float, workers: int) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                status, _, _ = self.request("GET", "/healthz", timeout=1)
                if status == 200 and len(self.workers()) >= workers:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"gunicorn did not start: {self.stderr_path.read_text(errors='replace')[-1500:]}")

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 10, content_type: str | None = "application/json") -> tuple[int, dict, bytes]:
        """One request on a fresh connection; `content_type=None` sends exactly `headers`."""
        conn = (http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=self.tls) if self.tls
                else http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout))
        sent = {"Content-Type": content_type} if content_type else {}
        try:
            conn.request(method, path, body=body, headers={**sent, **(headers or {})})
            resp = conn.getresponse()
            return resp.status, {k: v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def workers(self) -> list[int]:
        """The PIDs of the master's live worker processes."""
        return children(self.proc.pid)

    def worker_rss_mb(self) -> dict[int, float]:
        return {pid: rss_mb(pid) for pid in self.workers()}

    def logs(self) -> str:
        self._out.flush()
        self._err.flush()
        return self.stdout_path.read_text(errors="replace") + self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        self._out.close()
        self._err.close()

    def cleanup(self) -> None:
        self.stop()
        self.tmp.cleanup()

    def __enter__(self) -> LiveServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()
