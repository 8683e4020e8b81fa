"""CORS for browser-based CDS clients such as the CDS Hooks sandbox (checklist §5.3).

Origins come from `LBCL_CDS_CORS_ORIGINS` (comma-separated; `*` allows any origin, fine because no
cookies are used: the JWT travels in `Authorization`, which is listed explicitly since a wildcard never
covers it). Preflight `OPTIONS` requests are answered here, before routing-level auth, with 204 and no
body; error responses (401, 404, 412 ...) carry the headers too, so a browser client can read them.

A request whose `Origin` is not allowed (or any Origin while no origin is configured) gets no CORS header,
so the browser hides the answer; the operator sees one log line "CORS origin refused" with that origin
(scheme, host and port only; at most once a minute per origin and worker), nothing else of the request.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask, Response, request

from cds_service.protocol import origin_of

log = logging.getLogger("lbcl_cds.cors")

ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type, Accept"
MAX_AGE_S = "600"
CDS_PREFIX = "/cds-services"
LOG_EVERY_S = 60.0  # one "CORS origin refused" line per origin and worker per minute
_REMEMBERED = 1000  # refused origins remembered for that; beyond, the memory starts over


class _RefusalLog:
    def __init__(self) -> None:
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, origin_header: str, configured: bool) -> None:
        origin = "null" if origin_header.strip() == "null" else (origin_of(origin_header) or "not an http(s) origin")
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(origin, -LOG_EVERY_S) < LOG_EVERY_S:
                return
            if len(self._last) >= _REMEMBERED:
                self._last.clear()
            self._last[origin] = now
        log.warning("CORS origin refused: add it to LBCL_CDS_CORS_ORIGINS" if configured else
                    "CORS origin refused: LBCL_CDS_CORS_ORIGINS is unset, so no browser client is allowed",
                    extra={"origin": origin})


def _normalise(origin: str) -> str:
    return origin.strip().rstrip("/").lower()


def init_cors(app: Flask, origins: tuple[str, ...]) -> None:
    allowed = {_normalise(o) for o in origins if o.strip()}
    any_origin = "*" in allowed
    refused = _RefusalLog()

    def allowed_origin() -> str | None:
        origin = request.headers.get("Origin")
        if not origin or not allowed:
            return None
        if any_origin:
            return "*"
        return origin if _normalise(origin) in allowed else None

    @app.before_request
    def _preflight() -> Response | None:
        if request.method != "OPTIONS" or not request.path.startswith(CDS_PREFIX) or request.url_rule is None:
            return None
        resp = Response(status=204)  # no auth: browsers send no Authorization header on a preflight
        del resp.headers["Content-Type"]
        return resp

    @app.after_request
    def _headers(resp: Response) -> Response:
        if not request.path.startswith(CDS_PREFIX):
            return resp
        origin = allowed_origin()
        if not origin and request.headers.get("Origin"):
            refused(request.headers["Origin"], bool(allowed))
        if origin:
            resp.headers["Access-Control-Allow-Origin"] = origin
            if request.method == "OPTIONS":
                resp.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
                resp.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
                resp.headers["Access-Control-Max-Age"] = MAX_AGE_S
        if allowed and not any_origin:
            resp.vary.add("Origin")
        return resp
