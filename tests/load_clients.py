"""Closed-loop HTTP clients for the soak and kill tests: N threads, each with its own keep-alive
connection to a server on 127.0.0.1, sending until a deadline (bounded in time, never unbounded in
count), recording every latency and status, and counting a failed connection as an error (it reconnects
and goes on: one dead worker never hangs the run). Threads, not processes, so nothing can hang on a
queue; client-side GIL waits only add to the measured latency (the figures are pessimistic)."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Run:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)  # exception class -> count
    seconds: float = 0.0
    clients: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    def percentile(self, p: float) -> float:
        values = sorted(self.latencies_ms)
        if not values:
            return 0.0
        return values[max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))]

    def summary(self) -> dict:
        lat = self.latencies_ms
        return {"clients": self.clients, "seconds": round(self.seconds, 1), "requests": self.requests,
                "rps": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
                "errors": sum(self.errors.values()), "status_5xx": sum(v for k, v in self.statuses.items() if k >= 500),
                "non_200": sum(v for k, v in self.statuses.items() if k != 200),
                "p50_ms": round(statistics.median(lat), 1) if lat else 0.0, "p95_ms": round(self.percentile(95), 1),
                "p99_ms": round(self.percentile(99), 1), "max_ms": round(max(lat), 1) if lat else 0.0}


def drive(port: int, path: str, body: bytes, clients: int, seconds: float, count: int = 0,
          timeout: float = 10.0) -> Run:
    """`clients` connections sending `body` to `path` until `seconds` pass (or `count` requests each)."""
    run = Run(clients=clients)
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}

    def client() -> None:
        lat: list[float] = []
        statuses: Counter = Counter()
        errors: Counter = Counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        n = 0
        while time.perf_counter() < deadline and (not count or n < count):
            n += 1
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                continue
            lat.append((time.perf_counter() - t0) * 1000)
            statuses[resp.status] += 1
            if resp.will_close:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.close()
        with lock:
            run.latencies_ms.extend(lat)
            run.statuses.update(statuses)
            run.errors.update(errors)

    threads = [threading.Thread(target=client, daemon=True, name=f"load-{i}") for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 5)
    run.seconds = time.perf_counter() - started
    return run
