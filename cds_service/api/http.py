"""Request/response helpers shared by the api routes: the app state, JSON responses, the caller's
authentication, the JSON body with its size cap, and validation messages without input values."""

from __future__ import annotations

import logging

import orjson
from flask import Response, current_app, request
from pydantic import ValidationError
from werkzeug.exceptions import ClientDisconnected

from cds_service.auth import bearer
from cds_service.errors import (FhirServerRefused, InvalidRequest, PayloadTooLarge, RequestTimeout,
                                UnsupportedMediaType)
from cds_service.protocol import origin_of

log = logging.getLogger("lbcl_cds.auth")


def state():
    """The per-app state built by create_app (settings, registry, verifier, store, HTTP session)."""
    return current_app.extensions["lbcl_cds"]


def json_response(data: object, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status=status, mimetype="application/json")


def audience() -> str:
    """The URL the client called, as it signed it in `aud`: from LBCL_CDS_PUBLIC_BASE_URL (required with
    trusted issuers), never from the Host header a client controls."""
    base = state().settings.public_base_url.rstrip("/") or request.host_url.rstrip("/")
    return base + request.path


def authenticate() -> object:
    """The caller's verified JWT claims (None in the development profile), or 401."""
    st = state()
    return bearer.check(st.settings.auth, request.headers.get("Authorization"), audience(), st.verifier)


def check_fhir_server(claims: object, fhir_server: str | None) -> None:
    """412 when the token's issuer has a `fhir_servers` allowlist without this fhirServer's origin."""
    allowed = getattr(state().verifier, "fhir_server_allowed", None)
    if not fhir_server or claims is None or allowed is None or allowed(claims, fhir_server):
        return
    log.warning("fhirServer not allowed for the issuer", extra={
        "iss": claims.get("iss") if isinstance(claims, dict) else None,
        "origin": origin_of(fhir_server) or "not an http(s) URL"})
    raise FhirServerRefused()


def read_json_body(max_bytes: int) -> object:
    ctype = (request.mimetype or "").lower()
    if ctype != "application/json" and not ctype.endswith("+json"):
        raise UnsupportedMediaType("Content-Type must be application/json")
    if request.content_length is not None and request.content_length > max_bytes:
        raise PayloadTooLarge(f"request body over {max_bytes} bytes")
    try:
        raw = request.get_data(cache=False)
    except (TimeoutError, ClientDisconnected) as exc:
        # worker.BodyTimeout (werkzeug wraps it in ClientDisconnected): the body did not arrive within
        # LBCL_CDS_BODY_TIMEOUT_S; the connection then closes (worker.py)
        if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
            raise RequestTimeout("request body not received in time") from None
        raise
    # A body without Content-Length (chunked) is cut silently at the cap: reaching it means "too large".
    if len(raw) > max_bytes or (request.content_length is None and len(raw) >= max_bytes):
        raise PayloadTooLarge(f"request body over {max_bytes} bytes")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidRequest(f"malformed JSON: {exc.args[0].split(':')[0]}") from None


def validation_message(exc: ValidationError) -> str:
    """Field locations and messages only; never the offending input values (may be PHI)."""
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ())) or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)
