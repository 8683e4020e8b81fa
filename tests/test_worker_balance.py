"""Keep-alive connections are shared out between workers (issue 16; cds_service/worker_balance.py):
with 2 workers, 8 or 32 connections opened in a burst (a pool filling itself) or one after another,
both workers hold connections and none holds more than 2/3 of them; each connection is served."""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from pathlib import Path

import pytest

from live_server import LiveServer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import procstats  # noqa: E402


def _ready(server: LiveServer, workers: int) -> None:
    """Every worker has booted and warmed up (gunicorn_conf.post_worker_init logs `worker ready`): a worker
    still booting takes no connection, rightly."""
    deadline = time.monotonic() + 30
    while server.logs().count("worker ready") < workers:
        assert time.monotonic() < deadline, server.logs()[-2000:]
        time.sleep(0.05)


@pytest.fixture(scope="module")
def server():
    with LiveServer(workers=2) as s:
        _ready(s, 2)
        yield s


def _open(port: int, n: int, gap: float) -> list[http.client.HTTPConnection]:
    conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(n)]
    if gap:
        for c in conns:
            c.connect()
            time.sleep(gap)
    else:
        start = threading.Barrier(n)

        def connect(c):
            start.wait()
            c.connect()

        threads = [threading.Thread(target=connect, args=(c,)) for c in conns]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return conns


@pytest.mark.parametrize(("clients", "gap"), [(8, 0), (32, 0), (8, 0.05)], ids=["8 burst", "32 burst", "8 gradual"])
def test_connections_are_shared_between_two_workers(server, clients, gap):
    conns = _open(server.port, clients, gap)
    try:
        for c in conns:  # every connection is served (keep-alive)
            c.request("GET", "/healthz")
            assert c.getresponse().read() and True
        time.sleep(0.1)
        held = procstats.connections(server.port, server.workers())
        assert sum(held.values()) == clients, held
        assert min(held.values()) > 0 and max(held.values()) <= clients * 2 // 3, held
    finally:
        for c in conns:
            c.close()


def test_one_worker_takes_every_connection_at_once():
    with LiveServer(workers=1) as one:
        t0 = time.perf_counter()
        conns = _open(one.port, 16, 0)
        for c in conns:
            c.request("GET", "/healthz")
            assert json.loads(c.getresponse().read())["status"] == "ok"
        assert time.perf_counter() - t0 < 5
        for c in conns:
            c.close()
