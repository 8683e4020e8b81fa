"""Load generator, run as a separate process: keep-alive HTTP/1.1 connections (http.client), one per
client process. Prints JSON: latencies (ms) and throughput."""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import statistics
import time


def _client(host: str, port: int, path: str, body: bytes, count: int, duration: float, out) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    lat: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration if duration else None
    n = 0
    while (deadline is None and n < count) or (deadline is not None and time.perf_counter() < deadline):
        t0 = time.perf_counter()
        conn.request("POST", path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        lat.append((time.perf_counter() - t0) * 1000)
        errors += resp.status != 200
        n += 1
    conn.close()
    out.put((lat, errors))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def run(host: str, port: int, path: str, body: bytes, clients: int, count: int, duration: float) -> dict:
    q: mp.Queue = mp.Queue()
    procs = [mp.Process(target=_client, args=(host, port, path, body, count, duration, q)) for _ in range(clients)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    results = [q.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - t0
    lat = [x for r in results for x in r[0]]
    return {"requests": len(lat), "errors": sum(r[1] for r in results), "seconds": round(elapsed, 2),
            "rps": round(len(lat) / elapsed, 1), "p50": round(statistics.median(lat), 2),
            "p95": round(percentile(lat, 95), 2), "p99": round(percentile(lat, 99), 2),
            "mean": round(statistics.fmean(lat), 2)}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--path", default="/cds-services/lbcl-response")
    ap.add_argument("--body", required=True)
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--count", type=int, default=0)
    ap.add_argument("--duration", type=float, default=0)
    a = ap.parse_args()
    with open(a.body, "rb") as fh:
        payload = fh.read()
    print(json.dumps(run("127.0.0.1", a.port, a.path, payload, a.clients, a.count, a.duration)))
