"""HTTP hardening (docs/security.md): security headers on every response, a response-size backstop,
a neutral `Server` header under gunicorn, and a filter that keeps request data out of gunicorn's own
log lines.

- Headers: `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, a `Content-Security-Policy` that
  allows nothing (the API serves JSON only), `Referrer-Policy: no-referrer`, and `Cache-Control: no-store`
  on CDS responses (cards carry patient data) unless a view set its own.
- Response size: a card response over `MAX_RESPONSE_BYTES` (never reached: the request cap bounds the
  input, docs/reliability.md) loses its bulky `lbcl-cds.assessment` extensions, keeping the cards.
- gunicorn sends `Server: gunicorn` by itself (an app-set `Server` header would be sent as a second one);
  `neutral_server_header()` replaces the name, called from gunicorn_conf before the workers fork.
- gunicorn logs a rejected request line or header *with its text* ("Invalid HTTP Header: 'Bearer ...'")
  and a failed request with its URI (query string included): `RedactFilter` drops those texts.
"""

from __future__ import annotations

import logging
import re

import orjson
from flask import Flask, Response, request

from cds_service.protocol import EXTENSION_KEY as ASSESSMENT_EXTENSION

SERVER_NAME = "lbcl-cds"
MAX_RESPONSE_BYTES = 4 * 1024 * 1024
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}
log = logging.getLogger("lbcl_cds.security")


def _shrink(resp: Response, cap: int) -> None:
    """Drop the Assessment extensions of an oversized card response (the cards themselves stay)."""
    try:
        body = orjson.loads(resp.get_data())
    except orjson.JSONDecodeError:
        return
    if not isinstance(body, dict) or not isinstance(body.get("cards"), list):
        return
    for card in body["cards"]:
        ext = card.get("extension") if isinstance(card, dict) else None
        if isinstance(ext, dict) and ext.pop(ASSESSMENT_EXTENSION, None) is not None:
            if not ext:
                del card["extension"]
    data = orjson.dumps(body)
    resp.set_data(data)
    log.warning("response over the size cap: assessment extension dropped",
                extra={"count": len(data), "path": request.path})


def init_security(app: Flask) -> None:
    app.config.setdefault("LBCL_CDS_MAX_RESPONSE_BYTES", MAX_RESPONSE_BYTES)

    @app.after_request
    def _harden(resp: Response) -> Response:
        for name, value in HEADERS.items():
            resp.headers.setdefault(name, value)
        if request.path.startswith("/cds-services"):
            resp.headers.setdefault("Cache-Control", "no-store")
        cap = app.config["LBCL_CDS_MAX_RESPONSE_BYTES"]
        if not resp.direct_passthrough and (resp.content_length or 0) > cap and resp.mimetype == "application/json":
            _shrink(resp, cap)
        return resp


def neutral_server_header(name: str = SERVER_NAME) -> None:
    """gunicorn writes `Server: <gunicorn.http.wsgi.SERVER>` itself on every response: name no software."""
    import gunicorn.http.wsgi as gwsgi

    gwsgi.SERVER = name


_QUOTED = re.compile(r"""(['"]).*""", re.DOTALL)


class RedactFilter(logging.Filter):
    """For gunicorn's error log: no request line, header text or query string in a log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg if isinstance(record.msg, str) else str(record.msg)
        if msg.startswith("Invalid request from ip="):
            record.msg, record.args = _QUOTED.sub("[redacted]", msg), ()
        elif msg.startswith("Error handling request") and record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(str(a).split("?", 1)[0] for a in args)
        return True
