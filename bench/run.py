"""`make bench`: measure what users meet (issue 16) and write docs/performance.md.

One run, one load generator (loadgen.py, a separate process per client, keep-alive connections), on
127.0.0.1, the floor measured alongside:
- the cold path as the headline: a different patient on every request (variants.py: new ids, new report
  text, dates and values varied), 111 resources; the warm path (one chart sent again and again) beside it;
- growth: the cold path at 10, 110, 500 and 2,000 relevant resources;
- the first request after start-up, on a fresh server;
- concurrency 1, 8 and 32 clients with 1 and 2 workers (`BENCH_WORKERS`, e.g. `1,2,4,8` where more cores
  exist), from a pool opening its connections in a burst and from one opening them one by one:
  req/s, req/s per worker, latency, the connections and CPU time each worker took;
- worker memory after 10,000 cold requests; 100 two-worker start-ups on fresh databases;
- the FHIR fallback (fallback.py); strict validation's cost; a profile of the cold request (profile.py).

Sizes from the environment (BENCH_*); every server is stopped at the end. Loopback only, bounded.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import payloads  # noqa: E402
import variants  # noqa: E402
from servers import ROOT, Server, load, pooled  # noqa: E402


def _env_list(name: str, default: str) -> list[int]:
    return [int(x) for x in os.environ.get(name, default).split(",") if x.strip()]


LATENCY = int(os.environ.get("BENCH_LATENCY_REQUESTS", "2000"))
LATENCY_SERVERS = int(os.environ.get("BENCH_LATENCY_SERVERS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "4"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
RSS_REQUESTS = int(os.environ.get("BENCH_RSS_REQUESTS", "10000"))
STARTUPS = int(os.environ.get("BENCH_STARTUPS", "100"))
WORKERS = _env_list("BENCH_WORKERS", "1,2")
CLIENTS = _env_list("BENCH_CLIENTS", "1,8,32")
GROWTH = {10: 1.0, 110: 1.0, 500: 0.3, 2000: 0.1}  # relevant resources -> share of LATENCY requests
OUT = ROOT / "bench" / "payloads"


def latency(rows: dict) -> None:
    """Floor, cold, warm and growth, in ROUNDS interleaved rounds (pooled afterwards), on LATENCY_SERVERS
    service processes: each process is one draw of the memory layout, which moves its latency by up to
    ~12% on this machine (docs/performance.md, Method); users meet every worker's."""
    cold, warm = OUT / "cold-111.json", OUT / "typical.json"
    with contextlib.ExitStack() as stack:
        svcs = [stack.enter_context(Server("service", 1)) for _ in range(LATENCY_SERVERS)]
        floor = stack.enter_context(Server("floor", 1))
        svc = svcs[0]
        rows["first"] = load(svc, bodies=cold, count=1)
        rows["startup_s"] = round(svc.ready_s, 2)
        load(floor, bodies=cold, count=200)
        for s in svcs:
            load(s, bodies=cold, count=200)
            load(s, body=warm, count=20)
        runs: dict[object, list[dict]] = {}  # "floor", ("cold", server), ("warm", server), size
        n = max(1, LATENCY // ROUNDS)
        each = max(1, n // len(svcs))
        for _ in range(ROUNDS):
            runs.setdefault("floor", []).append(load(floor, bodies=cold, count=n, raw=True))
            for i, s in enumerate(svcs):
                runs.setdefault(("cold", i), []).append(load(s, bodies=cold, count=each, raw=True))
                runs.setdefault(("warm", i), []).append(load(s, body=warm, count=each, raw=True))
                for size, share in GROWTH.items():
                    runs.setdefault(size, []).append(load(s, bodies=OUT / f"cold-{size}.json",
                                                          count=max(8, int(each * share)), raw=True))
        for key in ("cold", "warm"):
            runs[key] = [r for i in range(len(svcs)) for r in runs[(key, i)]]
        for key in ("floor", "cold", "warm"):
            rows[key] = pooled(runs[key])
        rows["cold_servers"] = [pooled(runs[("cold", i)])["p50"] for i in range(len(svcs))]
        rows["growth"] = {size: pooled(runs[size]) for size in GROWTH}
        rss_start = max(svc.worker_rss_mb())
        first = load(svc, bodies=cold, clients=2, count=RSS_REQUESTS // 20)  # a tenth: the caches fill up
        rss_early = max(svc.worker_rss_mb())
        rest = load(svc, bodies=cold, clients=2, count=(RSS_REQUESTS - 2 * (RSS_REQUESTS // 20)) // 2)
        rows["rss"] = {"start": rss_start, "early": rss_early, "end": max(svc.worker_rss_mb()),
                       "requests": first["requests"] + rest["requests"], "errors": first["errors"] + rest["errors"]}
    with Server("service", 1, {"LBCL_CDS_STRICT_VALIDATION": "1"}) as strict:
        load(strict, bodies=cold, count=100)
        rows["strict"] = load(strict, bodies=cold, count=max(100, LATENCY // 4))


def concurrency(rows: dict) -> None:
    """Every (server, workers) started at once and loaded in turn, run after run, for ROUNDS rounds of
    SECONDS / ROUNDS each (so a slow spell of the machine falls on all alike); pooled afterwards."""
    servers = {}
    try:
        for kind in ("service", "floor"):
            for workers in WORKERS:
                servers[(kind, workers)] = Server(kind, workers)
        for server in servers.values():
            load(server, bodies=OUT / "cold-111.json", clients=2 * server.workers, count=50)
        configs = [(kind, workers, clients, pool) for (kind, workers) in servers for clients in CLIENTS
                   for pool in (("burst", "gradual") if kind == "service" else ("burst",))]
        runs: dict[tuple, list[dict]] = {c: [] for c in configs}
        for _ in range(max(1, ROUNDS // 2)):
            for clients in CLIENTS:
                for config in configs:
                    if config[2] == clients:
                        runs[config].append(load(servers[config[:2]], bodies=OUT / "cold-111.json", clients=clients,
                                                 duration=SECONDS / max(1, ROUNDS // 2), pool=config[3], raw=True))
        rows["concurrency"] = [{"kind": k, "workers": w, "clients": c, "pool": p, **pooled(runs[(k, w, c, p)])}
                               for (k, w, c, p) in configs]
    finally:
        for server in servers.values():
            server.stop()


def startups(rows: dict) -> None:
    """Two-worker start-ups on a fresh SQLite file each: a start-up fails when the master exits or the
    workers are not ready within 60 s."""
    failures, times = [], []
    for i in range(STARTUPS):
        try:
            with Server("service", 2) as server:
                times.append(server.ready_s)
        except RuntimeError as exc:
            failures.append(str(exc)[-300:])
    rows["startups"] = {"runs": len(times) + len(failures), "failures": len(failures), "first_failure": failures[:1],
                        "p50_s": round(sorted(times)[len(times) // 2], 2) if times else None,
                        "max_s": round(max(times), 2) if times else None}


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.machine())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> int:
    import fallback
    import profile_cold
    import report

    payloads.write()
    variants.write()
    rows: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d")}
    started = time.monotonic()
    latency(rows)
    concurrency(rows)
    startups(rows)
    rows["fallback"] = fallback.fhir_fallback()
    rows["profile"] = profile_cold.top()
    rows["bench_s"] = round(time.monotonic() - started)
    (OUT / "results.json").write_text(json.dumps(rows, indent=1))
    tables = report.tables(rows)
    print(tables)
    (ROOT / "docs" / "performance.md").write_text(report.document(rows, tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
