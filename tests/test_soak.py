"""Load and soak (issue 8): the production server (gunicorn, 2 workers x 4 threads, as `lbcl-cds serve`
runs it) on 127.0.0.1, driven by 50 concurrent keep-alive clients sending the typical hook request
(bench/payloads.py) until a deadline. Must hold: 0 connection errors, 0 non-200 answers (so 0 5xx),
p99 under the soak ceiling, worker RSS growth under 10% from after a warm-up to the end, and the same
worker PIDs throughout (none crashed or was recycled by the timeout).

The soak ceiling (docs/reliability.md): 2,000 ms, the time an EHR waits for a CDS service before it
shows the chart without it. The single-client p99 (target <= 30 ms, docs/performance.md) cannot hold
with 50 closed-loop clients on 2 cores: each request queues behind the others (Little's law: mean
latency = clients / throughput), so the test also records the single-client p99 and the queueing
factor that explains the gap.

Duration: `LBCL_SOAK_SECONDS` (default 2: the CI version; `make soak` runs 60), `LBCL_SOAK_CLIENTS`
(default 50). Loopback only, bounded, stops by itself.
"""

from __future__ import annotations

import sys

import orjson

from live_server import LiveServer
from load_clients import drive
from reliability_helpers import ROOT, env_float, env_int, figures  # noqa: F401 (fixture)

sys.path.insert(0, str(ROOT / "bench"))
import payloads  # noqa: E402

SECONDS = env_float("LBCL_SOAK_SECONDS", 2.0)
CLIENTS = env_int("LBCL_SOAK_CLIENTS", 50)
CEILING_P99_MS = 2000.0
MAX_RSS_GROWTH = 0.10
PATH = "/cds-services/lbcl-response"


def test_fifty_clients_hold_with_no_error_and_no_growth(figures):  # noqa: F811
    body = orjson.dumps(payloads.hook_request(payloads.typical()))
    warmup_s = min(10.0, max(1.0, SECONDS / 6))
    with LiveServer(workers=2) as srv:
        workers = srv.workers()
        single = drive(srv.port, PATH, body, clients=1, seconds=30, count=60)
        drive(srv.port, PATH, body, clients=CLIENTS, seconds=warmup_s)  # warm-up: every thread, arena, cache
        rss_warm = srv.worker_rss_mb()
        run = drive(srv.port, PATH, body, clients=CLIENTS, seconds=SECONDS)
        rss_end = srv.worker_rss_mb()
        assert srv.workers() == workers, "a worker died or was restarted during the soak"
        errors_logged = [ln for ln in srv.logs().splitlines() if '"level": "ERROR"' in ln or "WORKER TIMEOUT" in ln]
    s = run.summary()
    growth = max((rss_end[p] - rss_warm[p]) / rss_warm[p] for p in workers)
    little_ms = CLIENTS / s["rps"] * 1000 if s["rps"] else 0.0
    figures.record("soak", **s, single_p50_ms=single.summary()["p50_ms"], single_p99_ms=single.summary()["p99_ms"],
                   littles_law_mean_ms=round(little_ms, 1), ceiling_p99_ms=CEILING_P99_MS, workers=len(workers),
                   rss_warm_mb={str(p): round(v, 1) for p, v in rss_warm.items()},
                   rss_end_mb={str(p): round(v, 1) for p, v in rss_end.items()}, rss_growth_pct=round(growth * 100, 2))
    assert s["errors"] == 0, run.errors
    assert s["non_200"] == 0 and s["status_5xx"] == 0, run.statuses
    assert s["requests"] > CLIENTS * SECONDS, s  # every client got answers all along
    assert s["p99_ms"] <= CEILING_P99_MS, s
    assert growth < MAX_RSS_GROWTH, (rss_warm, rss_end)
    assert not errors_logged, errors_logged[:3]
