"""HTTP routes: discovery, service calls (thin: parse, dispatch to the service's handler, respond).
Feedback is in feedback.py, CORS in cors.py, shared request helpers in http.py."""

from __future__ import annotations

import logging
import time

from flask import Blueprint, Response
from pydantic import ValidationError

from cds_service.acquisition.prefetch import Acquired
from cds_service.api.http import (authenticate, check_fhir_server, json_response, read_json_body, state,
                                  validation_message)
from cds_service.errors import InvalidRequest, NotFound
from cds_service.hooks.call import HookCall, Resources
from cds_service.metrics import count_cards
from cds_service.protocol import CdsResponse, HookRequest, is_fhir_id
from cds_service.smart.card_link import timeline_link

log = logging.getLogger("lbcl_cds.access")
bp = Blueprint("cds", __name__)


@bp.get("/cds-services")
def discovery() -> Response:
    authenticate()
    return json_response(state().registry.discovery)


@bp.post("/cds-services/<service_id>")
def call_service(service_id: str) -> Response:
    st = state()
    started = time.perf_counter()
    service = st.registry.get(service_id)
    if service is None:
        raise NotFound(f"no CDS service {service_id!r}")
    claims = authenticate()
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
    if not is_fhir_id(patient_id):  # it goes into FHIR URLs: no path traversal, no query injection
        raise InvalidRequest("context.patientId must be a FHIR id ([A-Za-z0-9-.]{1,64}, not only dots)")
    check_fhir_server(claims, req.fhirServer)
    link = timeline_link()
    call = HookCall(req, service, patient_id, Resources(st.settings, st.session, st.pool, (link,) if link else ()))
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
    resp = json_response(response)
    resp.call_on_close(call.after_response)  # e.g. the Assessment memo's digest of a new chart (hooks/memo.py)
    return resp
