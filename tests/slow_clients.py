"""Slow HTTP clients for tests/test_slow_clients.py and bench/slow_clients.py (loopback only, bounded).

`SlowHeads(port, n)` opens n connections that each send a partial request head and then one more byte
every `every` seconds (so a per-read inactivity timeout would never fire), until stopped; it records
what the server answered on each connection and when it closed it. `measure(...)` runs a normal client
(/healthz on one kept-alive connection, the hook on fresh connections) for `seconds` and returns its
latencies."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from pathlib import Path

HOOK_BODY = (Path(__file__).resolve().parent.parent / "examples" / "patient-view-request.json").read_bytes()
HOOK = "/cds-services/lbcl-response"


class SlowHeads:
    def __init__(self, port: int, n: int, every: float = 2.0, path: str = "/healthz"):
        self.socks: list[socket.socket] = []
        self.opened = time.monotonic()
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".encode())
            s.setblocking(False)
            self.socks.append(s)
        self.answers: dict[int, bytes] = {}
        self.closed_after: dict[int, float] = {}
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, daemon=True)

    def start(self) -> SlowHeads:
        self._thread.start()
        return self

    def _poll(self, i: int, s: socket.socket) -> None:
        if i in self.closed_after:
            return
        try:
            data = s.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            self.answers[i] = self.answers.get(i, b"") + data
        else:
            self.closed_after[i] = time.monotonic() - self.opened

    def _trickle(self) -> None:
        while not self._stop.wait(self.every):
            for i, s in enumerate(self.socks):
                self._poll(i, s)
                if i not in self.closed_after:
                    try:
                        s.send(b"x")
                    except OSError:
                        pass

    def stop(self, settle: float = 0.0) -> None:
        """Stop trickling; poll every connection once more for up to `settle` seconds; close them all."""
        self._stop.set()
        self._thread.join(timeout=10)
        deadline = time.monotonic() + settle
        while True:
            for i, s in enumerate(self.socks):
                self._poll(i, s)
            if len(self.closed_after) == len(self.socks) or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        for s in self.socks:
            s.close()


def _hook(port: int) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", HOOK, body=HOOK_BODY, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def measure(port: int, seconds: float, max_requests: int = 2000) -> tuple[list[float], list[float], int]:
    """(healthz latencies, hook latencies, failures) of one normal client for `seconds`."""
    healthz: list[float] = []
    hook: list[float] = []
    failures = 0
    keep = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and len(healthz) + len(hook) < max_requests:
            started = time.monotonic()
            try:
                keep.request("GET", "/healthz")
                resp = keep.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                keep.close()
                keep = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            healthz.append(time.monotonic() - started)
            failures += not ok
            started = time.monotonic()
            try:
                ok = _hook(port) == 200
            except (OSError, http.client.HTTPException):
                ok = False
            hook.append(time.monotonic() - started)
            failures += not ok
    finally:
        keep.close()
    return healthz, hook, failures


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))] if ordered else float("nan")
