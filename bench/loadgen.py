"""Load generator, run as a separate process: one keep-alive HTTP/1.1 connection (http.client) per client
process. Prints JSON: latencies (ms) and throughput.

Bodies: `--body FILE` is one request body, sent again and again (the warm path); `--bodies FILE` is a
JSON list of bodies holding variants.TOKEN, and every request takes the next body with TOKEN replaced by
a number no other request of the run uses (the cold path: new ids and new report text every time).

Connections: `--pool burst` opens every client's connection at the same moment (a connection pool
filling itself); `--pool gradual` opens them one after another, `--gap` seconds apart, each sending a
request before the next connects. Timed requests start together once every client is connected; the
line `ready` on stderr marks that moment (the harness samples connections per worker then).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import statistics
import sys
import time

TOKEN = b"@@U@@"


class Bodies:
    def __init__(self, path: str, cold: bool, client: int, run: int):
        with open(path, "rb") as fh:
            raw = fh.read()
        self.cold = cold
        self.items = [json.dumps(b).encode() for b in json.loads(raw)] if cold else [raw]
        self.client = client
        self.prefix = f"{run}x{client}x".encode()  # no two requests of any run share a number
        self.n = 0

    def next(self) -> bytes:
        self.n += 1
        if not self.cold:
            return self.items[0]
        body = self.items[(self.client + self.n) % len(self.items)]
        return body.replace(TOKEN, self.prefix + str(self.n).encode())


def _request(conn: http.client.HTTPConnection, path: str, body: bytes) -> tuple[float, int]:
    t0 = time.perf_counter()
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json", "Connection": "keep-alive"})
    resp = conn.getresponse()
    resp.read()
    return (time.perf_counter() - t0) * 1000, resp.status


def _client(i: int, a: argparse.Namespace, run: int, connected, start, out) -> None:
    bodies = Bodies(a.bodies or a.body, bool(a.bodies), i, run)
    conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=60)
    if a.pool == "gradual":
        time.sleep(i * a.gap)
    else:
        connected.wait()  # every client connects at once
    conn.connect()
    if a.pool == "gradual":
        _request(conn, a.path, bodies.next())
    start.wait()
    lat: list[float] = []
    errors = 0
    deadline = time.perf_counter() + a.duration if a.duration else None
    while (deadline is None and len(lat) < a.count) or (deadline is not None and time.perf_counter() < deadline):
        ms, status = _request(conn, a.path, bodies.next())
        lat.append(ms)
        errors += status != 200
    conn.close()
    out.put((lat, errors))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def run(a: argparse.Namespace) -> dict:
    q: mp.Queue = mp.Queue()
    connected, start = mp.Barrier(a.clients), mp.Barrier(a.clients + 1)
    run_id = time.time_ns() // 1000  # this run's requests are numbered apart from every other run's
    procs = [mp.Process(target=_client, args=(i, a, run_id, connected, start, q)) for i in range(a.clients)]
    for p in procs:
        p.start()
    start.wait()
    t0 = time.perf_counter()
    print("ready", file=sys.stderr, flush=True)
    results = [q.get() for _ in procs]
    elapsed = time.perf_counter() - t0
    for p in procs:
        p.join()
    lat = [x for r in results for x in r[0]]
    return {"requests": len(lat), "errors": sum(r[1] for r in results), "seconds": round(elapsed, 2),
            "rps": round(len(lat) / elapsed, 1), "p50": round(statistics.median(lat), 2),
            "p95": round(percentile(lat, 95), 2), "p99": round(percentile(lat, 99), 2),
            "max": round(max(lat), 2), "mean": round(statistics.fmean(lat), 2),
            **({"latencies": [round(x, 3) for x in lat]} if a.raw else {})}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--path", default="/cds-services/lbcl-response")
    ap.add_argument("--body", help="one body, sent every time (warm)")
    ap.add_argument("--bodies", help="a JSON list of tokenised bodies, a new request every time (cold)")
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--count", type=int, default=0, help="requests per client")
    ap.add_argument("--duration", type=float, default=0, help="seconds of timed requests (instead of --count)")
    ap.add_argument("--pool", choices=["burst", "gradual"], default="burst")
    ap.add_argument("--gap", type=float, default=0.05, help="gradual pool: seconds between two connections")
    ap.add_argument("--raw", action="store_true", help="also print every latency (the harness pools runs)")
    args = ap.parse_args()
    if not (args.body or args.bodies):
        ap.error("--body or --bodies")
    print(json.dumps(run(args)))
