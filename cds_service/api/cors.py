"""CORS for browser-based CDS clients such as the CDS Hooks sandbox (checklist §5.3).

Origins come from `LBCL_CDS_CORS_ORIGINS` (comma-separated; `*` allows any origin, fine because no
cookies are used: the JWT travels in `Authorization`, which is listed explicitly since a wildcard never
covers it). Preflight `OPTIONS` requests are answered here, before routing-level auth, with 204 and no
body; error responses (401, 404, 412 ...) carry the headers too, so a browser client can read them.
"""

from __future__ import annotations

from flask import Flask, Response, request

ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type, Accept"
MAX_AGE_S = "600"
CDS_PREFIX = "/cds-services"


def _normalise(origin: str) -> str:
    return origin.strip().rstrip("/").lower()


def init_cors(app: Flask, origins: tuple[str, ...]) -> None:
    allowed = {_normalise(o) for o in origins if o.strip()}
    any_origin = "*" in allowed

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
        if origin:
            resp.headers["Access-Control-Allow-Origin"] = origin
            if request.method == "OPTIONS":
                resp.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
                resp.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
                resp.headers["Access-Control-Max-Age"] = MAX_AGE_S
        if allowed and not any_origin:
            resp.vary.add("Origin")
        return resp
