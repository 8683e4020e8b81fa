"""`make bench`: measure the production server (gunicorn, as `lbcl-cds serve` runs it) on 127.0.0.1
against a floor app under the same gunicorn settings; print one table and write docs/performance.md.

Loopback only, bounded request counts and durations; every server it starts is stopped at the end.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
import payloads  # noqa: E402

LATENCY_REQUESTS = int(os.environ.get("BENCH_LATENCY_REQUESTS", "2000"))
THROUGHPUT_SECONDS = float(os.environ.get("BENCH_THROUGHPUT_SECONDS", "10"))
RSS_REQUESTS = int(os.environ.get("BENCH_RSS_REQUESTS", "10000"))
TARGETS = {"typical_p50": 10.0, "typical_p99": 30.0, "heavy_p50": 25.0, "ratio": 6.0, "rps_2w": 150.0,
           "first_ratio": 2.0, "rss_mb": 150.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, kind: str, workers: int, extra_env: dict | None = None):
        self.port = free_port()
        self.tmp = tempfile.TemporaryDirectory()
        env = {**os.environ, "LBCL_CDS_AUTH": "off", "LBCL_CDS_SQLITE_PATH": f"{self.tmp.name}/b.sqlite3",
               "LBCL_CDS_WORKERS": str(workers), **(extra_env or {})}
        if kind == "service":
            cmd = [str(BIN / "lbcl-cds"), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--workers", str(workers)]
        else:
            cmd = [str(BIN / "gunicorn"), "--config", str(ROOT / "cds_service" / "gunicorn_conf.py"),
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--pythonpath",
                   str(ROOT / "bench"), "floor_app:app"]
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     cwd=self.tmp.name, start_new_session=True)
        self.ready_s = self._wait()

    def _wait(self) -> float:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1).read()
                return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("server did not start")

    def worker_rss_mb(self) -> list[float]:
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout.split()
        sizes = []
        for pid in out:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.tmp.cleanup()


def load(port: int, body: Path, clients: int = 1, count: int = 0, duration: float = 0) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "loadgen.py"), "--port", str(port), "--body",
                          str(body), "--clients", str(clients), "--count", str(count), "--duration",
                          str(duration)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def first_request_ms(port: int, body: Path) -> float:
    return load(port, body, count=1)["p50"]


def fhir_fallback() -> dict | None:
    """The FHIR-fallback path against the real FHIR test server (SEKMET, bearer enforced), no prefetch:
    total hook time vs the slowest single FHIR query it needs (parallel fetch target: <= 1.5x)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import requests
    from sekmet_fixture import ServerUnavailable, running_sekmet

    from cds_service.patients import load_patients
    from cds_service.hooks.registry import PATIENT_PREFETCH

    pid, reps = "lbcl-x01", 20  # the long chart
    try:
        with running_sekmet() as fhir:
            load_patients(fhir.base, fhir.token, only=[pid])
            http = requests.Session()
            headers = {"Authorization": f"Bearer {fhir.token}", "Accept": "application/fhir+json"}
            singles = {}
            for key, template in PATIENT_PREFETCH.items():
                url = f"{fhir.base}/{template.replace('{{context.patientId}}', pid)}"
                times = []
                for _ in range(reps):
                    t0 = time.perf_counter()
                    http.get(url, headers=headers, timeout=10).raise_for_status()
                    times.append((time.perf_counter() - t0) * 1000)
                singles[key] = sorted(times)[reps // 2]
            svc = Server("service", 1, {"LBCL_CDS_ALLOW_INSECURE_FHIR": "1"})
            try:
                body = {"hook": "patient-view", "hookInstance": "bench-fallback",
                        "context": {"patientId": pid, "userId": "Practitioner/bench"}, "fhirServer": fhir.base,
                        "fhirAuthorization": {"access_token": fhir.token, "token_type": "Bearer",
                                              "expires_in": 300, "scope": "patient/*.read", "subject": "bench"}}
                path = Path(svc.tmp.name) / "fallback.json"
                path.write_text(json.dumps(body))
                load(svc.port, path, count=3)
                total = load(svc.port, path, count=reps)
                # The same data prefetched: what the service spends on evaluation, without fetching.
                everything = [http.get(f"{fhir.base}/{t.replace('{{context.patientId}}', pid)}", headers=headers,
                                       timeout=10).json() for t in PATIENT_PREFETCH.values()]
                pre = {**body, "prefetch": dict(zip(PATIENT_PREFETCH, everything))}
                del pre["fhirServer"], pre["fhirAuthorization"]
                pre_path = Path(svc.tmp.name) / "prefetched.json"
                pre_path.write_text(json.dumps(pre))
                load(svc.port, pre_path, count=3)
                evaluated = load(svc.port, pre_path, count=reps)
            finally:
                svc.stop()
            concurrent = _concurrent_server_fallback(pid, dict(zip(PATIENT_PREFETCH, everything)), body)
    except ServerUnavailable as exc:
        print(f"FHIR fallback not measured: {exc}", file=sys.stderr)
        return None
    slowest = max(singles.values())
    fetch = max(0.0, total["p50"] - evaluated["p50"])
    return {"singles": {k: round(v, 1) for k, v in singles.items()}, "slowest": round(slowest, 1),
            "sum": round(sum(singles.values()), 1), "total_p50": total["p50"], "eval_p50": evaluated["p50"],
            "fetch_ms": round(fetch, 1), "ratio": round(total["p50"] / slowest, 2),
            "fetch_ratio": round(fetch / slowest, 2), "errors": total["errors"] + evaluated["errors"],
            "concurrent": concurrent}


DELAY_S = 0.030  # each query of the concurrent stand-in server takes 30 ms, like a busy EHR FHIR server


def _concurrent_server_fallback(pid: str, replies: dict, body: dict) -> dict:
    """The same chart served by a loopback stand-in FHIR server that answers queries concurrently, each
    after DELAY_S: shows what the parallel fetch gives when the server itself is not the bottleneck."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from cds_service.hooks.registry import PATIENT_PREFETCH

    by_path = {t.split("?")[0].replace("{{context.patientId}}", pid): json.dumps(replies[k]).encode()
               for k, t in PATIENT_PREFETCH.items()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server API)
            time.sleep(DELAY_S)
            data = by_path.get(self.path.split("/fhir/", 1)[-1].split("?")[0], b'{"resourceType":"Bundle"}')
            self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/fhir"
    svc = Server("service", 1, {"LBCL_CDS_ALLOW_INSECURE_FHIR": "1"})
    try:
        path = Path(svc.tmp.name) / "concurrent.json"
        path.write_text(json.dumps({**body, "fhirServer": base}))
        load(svc.port, path, count=3)
        total = load(svc.port, path, count=20)
    finally:
        svc.stop()
        server.shutdown()
    return {"delay_ms": DELAY_S * 1000, "total_p50": total["p50"], "errors": total["errors"]}


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.machine())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> int:
    paths = payloads.write()
    typical, heavy = paths["typical"], paths["heavy"]
    rows: dict[str, object] = {}
    floor = Server("floor", 1)
    try:
        load(floor.port, typical, count=200)
        rows["floor_typical"] = load(floor.port, typical, count=LATENCY_REQUESTS)
    finally:
        floor.stop()
    svc = Server("service", 1)
    try:
        rows["first_ms"] = first_request_ms(svc.port, typical)
        rows["startup_s"] = round(svc.ready_s, 2)
        load(svc.port, typical, count=200)
        rows["typical_1w"] = load(svc.port, typical, count=LATENCY_REQUESTS)
        rows["heavy_1w"] = load(svc.port, heavy, count=LATENCY_REQUESTS // 2)
        rows["typical_1w_tput"] = load(svc.port, typical, clients=2, duration=THROUGHPUT_SECONDS)
        rss_warm = svc.worker_rss_mb()
        rows["rss_run"] = load(svc.port, typical, clients=2, count=RSS_REQUESTS // 2)
        rows["rss_mb"] = (rss_warm, svc.worker_rss_mb())
    finally:
        svc.stop()
    cold = Server("service", 1, {"LBCL_CDS_VALIDATION_CACHE": "0"})
    try:
        load(cold.port, typical, count=100)
        rows["typical_1w_nocache"] = load(cold.port, typical, count=LATENCY_REQUESTS // 2)
    finally:
        cold.stop()
    svc2 = Server("service", 2)
    try:
        load(svc2.port, typical, clients=2, count=200)
        rows["typical_2w_tput"] = load(svc2.port, typical, clients=4, duration=THROUGHPUT_SECONDS)
    finally:
        svc2.stop()
    rows["fallback"] = fhir_fallback()
    report = render(rows)
    print(report)
    (ROOT / "docs" / "performance.md").write_text(report_doc(report))
    return 0


def _status(ok: bool) -> str:
    return "met" if ok else "MISSED"


def render(r: dict) -> str:
    t, h, f = r["typical_1w"], r["heavy_1w"], r["floor_typical"]
    ratio = t["p50"] / f["p50"]
    warm, after = r["rss_mb"]
    growth = (max(after) - max(warm)) / max(warm) * 100 if warm else 0.0
    lines = [
        "| measure | value | target | status |",
        "| --- | --- | --- | --- |",
        f"| typical p50 / p95 / p99 (1 worker, ms) | {t['p50']} / {t['p95']} / {t['p99']} | p50 <= 10, p99 <= 30 | "
        f"{_status(t['p50'] <= TARGETS['typical_p50'] and t['p99'] <= TARGETS['typical_p99'])} |",
        f"| heavy p50 / p95 / p99 (1 worker, ms) | {h['p50']} / {h['p95']} / {h['p99']} | p50 <= 25 | "
        f"{_status(h['p50'] <= TARGETS['heavy_p50'])} |",
        f"| floor p50 / p99 (same body, same gunicorn, ms) | {f['p50']} / {f['p99']} | - | - |",
        f"| ratio typical p50 / floor p50 | {ratio:.2f} | <= 6 | {_status(ratio <= TARGETS['ratio'])} |",
        f"| typical p50 with the validation cache off (ms) | {r['typical_1w_nocache']['p50']} | - | - |",
        f"| throughput typical, 1 worker, 2 clients (req/s) | {r['typical_1w_tput']['rps']} | - | - |",
        f"| throughput typical, 2 workers, 4 clients (req/s) | {r['typical_2w_tput']['rps']} | >= 150 | "
        f"{_status(r['typical_2w_tput']['rps'] >= TARGETS['rps_2w'])} |",
        f"| first request after start-up (ms) | {r['first_ms']} (start-up {r['startup_s']} s) | <= 2x steady p50 "
        f"({2 * t['p50']:.1f}) | {_status(r['first_ms'] <= TARGETS['first_ratio'] * t['p50'])} |",
        f"| worker RSS after warm-up -> after {RSS_REQUESTS} requests (MB) | {max(warm):.0f} -> {max(after):.0f} "
        f"({growth:+.1f}%) | <= 150, no growth | {_status(max(after) <= TARGETS['rss_mb'] and growth < 5)} |",
        *_fallback_row(r.get("fallback")),
        f"| errors (all runs) | {sum(v.get('errors', 0) for v in r.values() if isinstance(v, dict))} | 0 | - |",
    ]
    return "\n".join(lines)


def _fallback_row(fb: dict | None) -> list[str]:
    if fb is None:
        return ["| FHIR fallback (no prefetch, real FHIR server) | not measured (run `make fhir-server`) | "
                "<= 1.5x slowest query | - |"]
    return [f"| FHIR fallback: hook p50 vs slowest single query (ms) | {fb['total_p50']} vs {fb['slowest']} "
            f"(x{fb['ratio']}) | <= 1.5x | {_status(fb['ratio'] <= 1.5)} |",
            f"| FHIR fallback: fetch phase (hook minus the same data prefetched {fb['eval_p50']}) vs slowest query "
            f"and sum of the 6 queries (ms) | {fb['fetch_ms']} vs {fb['slowest']} / {fb['sum']} (x{fb['fetch_ratio']}) "
            f"| <= 1.5x | {_status(fb['fetch_ratio'] <= 1.5)} |",
            f"| FHIR fallback, concurrent stand-in server ({fb['concurrent']['delay_ms']:.0f} ms per query): fetch "
            f"phase (hook p50 {fb['concurrent']['total_p50']} minus evaluation {fb['eval_p50']}) vs one query (ms) | "
            f"{fb['concurrent']['total_p50'] - fb['eval_p50']:.1f} vs {fb['concurrent']['delay_ms']:.0f} "
            f"(x{(fb['concurrent']['total_p50'] - fb['eval_p50']) / fb['concurrent']['delay_ms']:.2f}) | <= 1.5x | "
            f"{_status(fb['concurrent']['total_p50'] - fb['eval_p50'] <= 1.5 * fb['concurrent']['delay_ms'])} |"]


def profile_top(n: int = 14) -> str:
    """pyinstrument-free profile: cProfile of the in-process hook path on the typical payload, 200 calls
    after warm-up, top lines by cumulative time within the project's code."""
    import cProfile
    import io
    import pstats

    os.environ.setdefault("LBCL_CDS_LOG_LEVEL", "WARNING")
    from cds_service.app import create_app

    tmp = tempfile.TemporaryDirectory()
    app = create_app({"auth": "off", "sqlite_path": f"{tmp.name}/p.sqlite3", "log_level": "WARNING"})
    client = app.test_client()
    raw = (ROOT / "bench" / "payloads" / "typical.json").read_bytes()
    for _ in range(20):
        client.post("/cds-services/lbcl-response", data=raw, content_type="application/json")
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(200):
        client.post("/cds-services/lbcl-response", data=raw, content_type="application/json")
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(r"cds_service|fhir_mappings|fhir_core|pydantic", n)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("ncalls"))
    tmp.cleanup()
    return "\n".join(ln.replace(str(ROOT) + "/", "").replace(str(Path(sys.prefix)) + "/", "")
                     for ln in lines[start:start + n + 1])


def report_doc(table: str) -> str:
    return f"""# Performance

Measured by `make bench` (bench/run.py) on {time.strftime('%Y-%m-%d')}: {machine()}.

Production server (`lbcl-cds serve`: gunicorn, gthread, 4 threads per worker, INFO JSON logs and access
log on) on 127.0.0.1; load from a separate process over keep-alive connections (bench/loadgen.py).
Payloads from bench/payloads.py: *typical* = one patient through first line, salvage and CAR-T
(111 resources); *heavy* = the same plus 900 unrelated Observations and 20 Conditions (1,011 resources).
Latency runs: {LATENCY_REQUESTS} sequential requests on one connection after 200 warm-up requests.

{table}

Notes
- The floor is a trivial Flask app under the same gunicorn settings that parses the same body and
  returns a fixed card (bench/floor_app.py); the ratio survives noisy machines better than raw figures.
- The validation cache (fhir_mappings.validation.ValidationCache) remembers which resources already
  passed R4B validation, keyed by a digest of their JSON: an EHR re-sends the same resources on every
  hook for a patient. The row "validation cache off" is the cost for resources never seen before.
- First request: the first request after start-up necessarily carries resources never seen before,
  so it pays R4B validation and report-text extraction in full; start-up already warms every model
  class, pattern and module by evaluating three shipped patients. Compare it with the "validation cache
  off" row (new data at steady state): within 2x of that, it misses 2x the cached steady p50.
- FHIR fallback: the hook time includes evaluating the fetched chart (a 3-year chart, lbcl-x01); the
  fetch phase alone (hook minus the same data prefetched) is compared with the slowest single query.
  The six queries run in parallel, but SEKMET answers them one at a time, so the fetch phase cannot go
  below the sum of its answers (shown for comparison). The last fallback row serves the same chart
  from a loopback stand-in server that answers concurrently, each query taking 30 ms: there the fetch
  phase stays within 1.5x of one query, which is what the parallel fetch is for.

## Profile

cProfile of the in-process hook path (typical payload, 200 calls after warm-up; `bench/run.py`,
`profile_top`), top lines by cumulative time in our code and the model libraries:

```
{profile_top()}
```

What was changed after profiling (the Assessment is unchanged: the vignette and rule tests compare
outputs): resources no rule can use are dropped before validation (`fhir_mappings/relevance.py`);
validation outcomes are cached by a digest of each resource's JSON; report-text extraction is cached
by text; mapping reads per-type lists once; code sets and patterns are built at import; JSON is parsed
and written with orjson; gc.freeze() after start-up removed full-collection spikes on large charts.
"""


if __name__ == "__main__":
    sys.exit(main())
