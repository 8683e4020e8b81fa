"""The servers `make bench` measures, on 127.0.0.1, each in its own temporary folder and process group
(stopped by its group id): the service exactly as `lbcl-cds serve` runs it (gunicorn, cds_service/
gunicorn_conf.py, the project's worker), and the floor, a trivial Flask app under the same gunicorn
settings (floor_app.py). And the load generator (loadgen.py) run against one of them, with the
connections each worker holds sampled while it runs."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import procstats

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, kind: str, workers: int, extra_env: dict | None = None, start_timeout: float = 60):
        self.kind, self.workers = kind, workers
        self.port = free_port()
        self.tmp = tempfile.TemporaryDirectory(prefix="lbcl-bench-")
        self.log_path = Path(self.tmp.name) / "server.log"
        env = {**os.environ, "LBCL_CDS_AUTH": "off", "LBCL_CDS_SQLITE_PATH": f"{self.tmp.name}/b.sqlite3",
               "LBCL_CDS_WORKERS": str(workers), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               **(extra_env or {})}
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        if kind == "service":
            cmd = [str(BIN / "lbcl-cds"), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--workers", str(workers)]
        else:
            cmd = [str(BIN / "gunicorn"), "--config", str(ROOT / "cds_service" / "gunicorn_conf.py"),
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--pythonpath",
                   str(ROOT / "bench"), "floor_app:app"]
        self._log = self.log_path.open("wb")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, env=env, stdout=self._log, stderr=self._log, stdin=subprocess.DEVNULL,
                                     cwd=self.tmp.name, start_new_session=True)
        self.ready_s = self._wait(start_timeout)

    def logs(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def _wait(self, timeout: float) -> float:
        """Seconds until /healthz answers and (service) every worker logged `worker ready`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self.proc.poll() is None:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1).read()
                if self.kind != "service" or self.logs().count("worker ready") >= self.workers:
                    return time.perf_counter() - self.started
                if os.environ.get("BENCH_BEFORE"):  # code from before `worker ready` was logged
                    time.sleep(3)
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"{self.kind} did not start: {self.logs()[-1500:]}")

    def worker_pids(self) -> list[int]:
        return procstats.children(self.proc.pid)

    def worker_rss_mb(self) -> list[float]:
        return [procstats.rss_mb(pid) for pid in self.worker_pids()]

    def stop(self) -> int | None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._log.close()
        self.tmp.cleanup()
        return self.proc.returncode

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def load(server: Server, *, body: Path | None = None, bodies: Path | None = None, clients: int = 1,
         count: int = 0, duration: float = 0, pool: str = "burst", raw: bool = False) -> dict:
    """Run loadgen.py against `server`; with more than one client, sample the connections and CPU time of
    each worker once every client is connected."""
    cmd = [sys.executable, str(ROOT / "bench" / "loadgen.py"), "--port", str(server.port), "--clients", str(clients),
           "--count", str(count), "--duration", str(duration), "--pool", pool]
    cmd += ["--bodies", str(bodies)] if bodies else ["--body", str(body)]
    cmd += ["--raw"] if raw else []
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pids = server.worker_pids()
    cpu0 = held = None
    for line in proc.stderr:  # "ready": every client connected, timed requests start
        if line.strip() == "ready":
            cpu0 = {pid: procstats.cpu_seconds(pid) for pid in pids}
            time.sleep(min(0.5, duration / 3) if duration else 0.05)
            held = procstats.connections(server.port, pids)
            break
    out, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"loadgen failed: {err[-1500:]}")
    result = json.loads(out)
    if cpu0 is not None:
        used = {pid: procstats.cpu_seconds(pid) - cpu0[pid] for pid in pids}
        total = sum(used.values()) or 1.0
        result["connections"] = sorted((held or {}).values(), reverse=True)
        result["cpu_share"] = sorted((round(v / total, 2) for v in used.values()), reverse=True)
    return result


def pooled(runs: list[dict]) -> dict:
    """Several runs of one measurement, interleaved with the others' (so that a machine that slows down
    for a while slows every measurement alike), as one: latency percentiles over every request, req/s over
    the time of all runs, connections and CPU shares of the last run."""
    lat = sorted(x for r in runs for x in r.get("latencies", []))

    def pct(p: float) -> float:
        return round(lat[max(0, min(len(lat) - 1, round(p / 100 * (len(lat) - 1))))], 2) if lat else 0.0

    out = {"requests": sum(r["requests"] for r in runs), "errors": sum(r["errors"] for r in runs),
           "seconds": round(sum(r["seconds"] for r in runs), 2), "p50": pct(50), "p95": pct(95), "p99": pct(99),
           "max": pct(100), "runs": len(runs)}
    out["rps"] = round(out["requests"] / out["seconds"], 1) if out["seconds"] else 0.0
    held = [r for r in runs if r.get("connections") and sum(r["connections"])]
    if held:  # the run where one worker held the largest share
        worst = max(held, key=lambda r: max(r["connections"]) / sum(r["connections"]))
        out["connections"], out["cpu_share"] = worst["connections"], worst.get("cpu_share")
    return out
