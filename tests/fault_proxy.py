"""A fault-injecting HTTP proxy on 127.0.0.1 in front of the real FHIR test server (SEKMET): real
sockets, real timeouts, real resets. `proxy.faults[resource_type] = mode` chooses what a request for
that resource type gets; everything else is forwarded unchanged (with its Authorization header).

Modes: `delay:<s>` (then forward), `status:<code>` (an OperationOutcome), `reset` (close the socket,
no answer), `garbage` (200 text/html), `truncate` (half the body, full Content-Length), `drip` (headers,
then one byte every 0.2 s for 10 s), `loop_next` / `endless_next` / `foreign_next` (the `next` link of
the forwarded Bundle rewritten to itself / a new page for ever / another origin), `oversized` (a 21 MB
Bundle), `wrong_type` (a Medication instead). Loopback only; stopped by `close()`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

OUTCOME = {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "transient"}]}


class FaultProxy:
    def __init__(self, upstream: str):
        self.upstream = upstream.rstrip("/")  # http://127.0.0.1:PORT/fhir
        self.faults: dict[str, str] = {}
        self.requests: list[str] = []
        self.drips_cut: list[float] = []  # seconds after which a dripping answer found the client gone
        self._pages = itertools.count(1)
        self._session = requests.Session()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                proxy.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/fhir"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._session.close()

    # -- one request -------------------------------------------------------------------------------
    def handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("/fhir/", 1)[-1]
        self.requests.append(path)
        rtype = path.split("?", 1)[0].split("/", 1)[0]
        mode = self.faults.get(rtype, "pass")
        kind, _, arg = mode.partition(":")
        if kind == "reset":
            h.close_connection = True
            h.connection.close()
            return
        if kind == "status":
            return self._send(h, int(arg), json.dumps(OUTCOME).encode())
        if kind == "garbage":
            return self._send(h, 200, b"<html>maintenance</html>", "text/html")
        if kind == "wrong_type":
            return self._send(h, 200, json.dumps({"resourceType": "Medication", "id": "m"}).encode())
        if kind == "oversized":
            entry = b'{"resource":{"resourceType":"Basic"}},'
            head = b'{"resourceType":"Bundle","type":"searchset","entry":['
            body = head + entry * (21 * 2**20 // len(entry)) + b"{}]}"
            return self._send(h, 200, body)
        if kind == "drip":
            return self._drip(h)
        if kind == "delay":
            time.sleep(float(arg))
        status, body = self._forward(h, path)
        if kind == "truncate":
            return self._send(h, status, body[: len(body) // 2], length=len(body))
        if kind.endswith("_next") and status == 200:
            body = self._rewrite_next(kind, body, h.path)
        self._send(h, status, body)

    def _forward(self, h: BaseHTTPRequestHandler, path: str) -> tuple[int, bytes]:
        headers = {k: v for k, v in h.headers.items() if k.lower() in ("authorization", "accept")}
        resp = self._session.get(f"{self.upstream}/{path}", headers=headers, timeout=10)
        return resp.status_code, resp.content

    def _rewrite_next(self, kind: str, body: bytes, own_path: str) -> bytes:
        data = json.loads(body)
        if data.get("resourceType") != "Bundle":
            return body
        own = f"{self.base.rsplit('/fhir', 1)[0]}{own_path}"
        target = {"loop_next": own,
                  "endless_next": f"{own.split('?', 1)[0]}?_page={next(self._pages)}&patient=x",
                  "foreign_next": "http://127.0.0.2:9/fhir/Observation?page=2"}[kind]
        data["link"] = [ln for ln in data.get("link") or [] if ln.get("relation") != "next"]
        data["link"].append({"relation": "next", "url": target})
        return json.dumps(data).encode()

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "application/fhir+json",
              length: int | None = None) -> None:
        try:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body) if length is None else length))
            if length is not None:
                h.send_header("Connection", "close")
            h.end_headers()
            h.wfile.write(body)
            h.wfile.flush()
            if length is not None:
                h.close_connection = True
        except OSError:  # the client gave up (budget): fine
            h.close_connection = True

    def _drip(self, h: BaseHTTPRequestHandler) -> None:
        started = time.monotonic()
        try:
            h.send_response(200)
            h.send_header("Content-Type", "application/fhir+json")
            h.send_header("Content-Length", "100")
            h.end_headers()
            for _ in range(50):  # 10 s at most, whoever listens
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.2)
        except OSError:
            self.drips_cut.append(time.monotonic() - started)
        h.close_connection = True
