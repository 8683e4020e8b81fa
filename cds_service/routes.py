"""HTTP routes: discovery, service calls (thin: parse, dispatch to the service's handler, respond).
Feedback is in feedback.py, CORS in cors.py."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import orjson
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import ClientDisconnected
from pydantic import ValidationError

from . import auth
from .cards import render_cards
from .errors import InvalidRequest, NotFound, PayloadTooLarge, RequestTimeout, UnsupportedMediaType
from .evaluation import evaluate, today_utc
from .metrics import count_cards
from .prefetch import Acquired, acquire
from .protocol import CdsResponse, HookRequest
from .registry import ServiceDefinition

log = logging.getLogger("lbcl_cds.access")
bp = Blueprint("cds", __name__)


def _json(data: object, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status=status, mimetype="application/json")


def _state():
    return current_app.extensions["lbcl_cds"]


def _audience() -> str:
    """The URL the client called, as it signed it in `aud`: from LBCL_CDS_PUBLIC_BASE_URL (required with
    trusted issuers), never from the Host header a client controls."""
    base = _state().settings.public_base_url.rstrip("/") or request.host_url.rstrip("/")
    return base + request.path


def _authenticate() -> None:
    st = _state()
    auth.check(st.settings.auth, request.headers.get("Authorization"), _audience(), st.verifier)


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


@dataclass
class HookCall:
    """One service call as a handler sees it: the request, and the patient's Assessment on demand
    (data acquisition + evaluation run only when a handler asks, once)."""

    request: HookRequest
    service: ServiceDefinition
    patient_id: str
    acquired: Acquired | None = None
    _assessment: dict | None = field(default=None, repr=False)

    def assessment(self) -> dict:
        if self._assessment is None:
            st = _state()
            self.acquired = acquire(self.service.prefetch, self.request, st.settings, st.session, st.pool)
            a = evaluate(self.acquired.resources, self.patient_id, today_utc(), st.settings.guidelines)
            if self.acquired.unavailable:
                a["flags"].append("DATA_UNAVAILABLE")
                a["unavailable_data"] = {k: self.acquired.reasons.get(k, "unavailable")
                                         for k in self.acquired.unavailable}
            self._assessment = a
        return self._assessment

    def cards_for_patient(self) -> list:
        a = self.assessment()
        return render_cards(a, a.get("unavailable_data"))


@bp.get("/cds-services")
def discovery() -> Response:
    _authenticate()
    return _json(_state().registry.discovery)


@bp.post("/cds-services/<service_id>")
def call_service(service_id: str) -> Response:
    st = _state()
    started = time.perf_counter()
    service = st.registry.get(service_id)
    if service is None:
        raise NotFound(f"no CDS service {service_id!r}")
    _authenticate()
    body = read_json_body(st.settings.max_body_bytes)
    if not isinstance(body, dict):
        raise InvalidRequest("request body must be a JSON object")
    try:
        req = HookRequest.model_validate(body)
    except ValidationError as exc:
        raise InvalidRequest(validation_message(exc)) from None
    if req.hook != service.hook:
        raise InvalidRequest(f"service {service_id!r} answers hook {service.hook!r}, not {req.hook!r}")
    patient_id = req.context.get("patientId")
    if not isinstance(patient_id, str) or not patient_id:
        raise InvalidRequest("context.patientId is required")
    call = HookCall(req, service, patient_id)
    cards = service.handler(call)
    if st.on_cards is not None and cards:
        st.on_cards(service.id, req.hookInstance, cards, patient_id)
    count_cards(service.id, cards)
    response = CdsResponse(cards=cards).dump()
    acquired = call.acquired or Acquired()
    log.info("hook served", extra={"hook_instance": req.hookInstance, "service": service.id, "status": 200,
                                   "cards": len(cards), "outcomes": acquired.outcomes,
                                   "resources": len(acquired.resources),
                                   "duration_ms": round((time.perf_counter() - started) * 1000, 2)})
    return _json(response)
