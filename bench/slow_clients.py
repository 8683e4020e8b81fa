"""`make slow-clients`: what slow clients do to the production server, with the project's worker
(cds_service/worker.py) and, for comparison, with gunicorn's stock `gthread` worker it replaces.

For each worker class and each count of slow connections (each sends a partial request head, then a
byte every 2 s), a normal client calls /healthz (kept-alive connection) and the patient-view hook
(fresh connections) for `--seconds`; printed: requests, failures (timeouts of 5 s count), p50 / p99 /
max latency, and how many slow connections the server had closed by the end. 2 workers x 4 threads,
127.0.0.1 only, bounded in count and time.

    .venv/bin/python bench/slow_clients.py [--seconds 8] [--counts 8,200] [--header-timeout 10]
"""

from __future__ import annotations

import argparse
import http.client
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from live_server import LiveServer  # noqa: E402
from slow_clients import SlowHeads, p99  # noqa: E402
import slow_clients  # noqa: E402

WORKERS = {"lbcl-cds worker": {}, "stock gthread": {"GUNICORN_CMD_ARGS": "--worker-class gthread"}}


def run(kind: str, count: int, seconds: float, header_timeout: float) -> dict:
    env = {**WORKERS[kind], "LBCL_CDS_HEADER_TIMEOUT_S": str(header_timeout)}
    with LiveServer(workers=2, threads=4, env=env) as srv:
        slow_clients.measure(srv.port, 0.5)
        slow = SlowHeads(srv.port, count, every=2.0).start()
        time.sleep(0.3)
        orig = http.client.HTTPConnection.__init__

        def short(self, *a, **kw):  # a stuck request counts as failed after 5 s, not 10
            kw["timeout"] = 5
            orig(self, *a, **kw)

        http.client.HTTPConnection.__init__ = short
        try:
            healthz, hook, failures = slow_clients.measure(srv.port, seconds, max_requests=100_000)
        finally:
            http.client.HTTPConnection.__init__ = orig
        slow.stop(settle=0.5)
    lat = sorted(healthz + hook)
    return {"worker": kind, "slow": count, "requests": len(lat), "failures": failures,
            "p50_ms": round(lat[len(lat) // 2] * 1000, 1), "p99_ms": round(p99(lat) * 1000, 1),
            "healthz_p99_ms": round(p99(healthz) * 1000, 1), "hook_p99_ms": round(p99(hook) * 1000, 1),
            "max_ms": round(lat[-1] * 1000, 1), "closed_by_server": len(slow.closed_after)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--counts", default="8,200")
    ap.add_argument("--header-timeout", type=float, default=10.0)
    args = ap.parse_args()
    print("| worker | slow connections | requests | failures | p50 ms | p99 ms (healthz / hook) | max ms "
          "| slow closed by server |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for kind in WORKERS:
        for count in (int(c) for c in args.counts.split(",")):
            r = run(kind, count, args.seconds, args.header_timeout)
            print(f"| {r['worker']} | {r['slow']} | {r['requests']} | {r['failures']} | {r['p50_ms']} | {r['p99_ms']} "
                  f"({r['healthz_p99_ms']} / {r['hook_p99_ms']}) | {r['max_ms']} | {r['closed_by_server']} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
