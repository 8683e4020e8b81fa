"""`POST /smart/api/timeline`: the app posts the resources it read from the EHR's FHIR server; the
answer is the Assessment (the hook's engine, unchanged) with the timeline, its Vega-Lite spec and the
Assessment in words. Same body cap, content-type rule and JSON error shape as the hook
({"code": "CDS-4xx", "message": ...}, cds_service/errors.py). No token ever reaches this endpoint (the
app keeps it for the FHIR server); nothing is stored; the log line holds counts and timings only."""

from __future__ import annotations

import logging
import re
import time
from datetime import date

import orjson
from flask import Blueprint, Response, current_app

from .engine import InvalidRequest, NotFound, read_json_body, settings_of, today_utc
from .paths import API_PATH
from .payload import build_payload

log = logging.getLogger("lbcl_cds.smart")
bp = Blueprint("smart_api", __name__)
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
KEYS = {"patientId", "resources", "asOf"}


def validate(body: object, max_resources: int) -> tuple[str, list[dict], date | None]:
    """(patient id, resources, as-of date) from a request body, or InvalidRequest naming the problem
    (never echoing the input's values)."""
    if not isinstance(body, dict):
        raise InvalidRequest("request body must be a JSON object")
    unknown = sorted(set(body) - KEYS)
    if unknown:
        raise InvalidRequest(f"unknown field(s): {', '.join(k[:40] for k in unknown[:5])}")
    pid = body.get("patientId")
    if not isinstance(pid, str) or not FHIR_ID.fullmatch(pid):
        raise InvalidRequest("patientId must be a FHIR id (1-64 letters, digits, '-' or '.')")
    resources = body.get("resources")
    if not isinstance(resources, list):
        raise InvalidRequest("resources must be an array of FHIR resources")
    if len(resources) > max_resources:
        raise InvalidRequest(f"too many resources: at most {max_resources}")
    for i, r in enumerate(resources):
        if not isinstance(r, dict) or not isinstance(r.get("resourceType"), str):
            raise InvalidRequest(f"resources[{i}] is not a FHIR resource (an object with a resourceType)")
    as_of = None
    if body.get("asOf") is not None:
        raw = body["asOf"]
        if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise InvalidRequest("asOf must be a date YYYY-MM-DD")
        try:
            as_of = date.fromisoformat(raw)
        except ValueError:
            raise InvalidRequest("asOf must be a date YYYY-MM-DD") from None
    return pid, resources, as_of


@bp.post(API_PATH)
def timeline() -> Response:
    smart = current_app.extensions["lbcl_cds_smart"]
    if not smart.enabled:
        raise NotFound("the SMART timeline app is not configured (LBCL_CDS_SMART_CLIENT_ID)")
    started = time.perf_counter()
    settings, guidelines = settings_of(current_app)
    pid, resources, as_of = validate(read_json_body(settings.max_body_bytes), smart.max_resources)
    payload = build_payload(resources, pid, as_of or today_utc(), guidelines)
    log.info("timeline served", extra={"resources": len(resources), "count": len(payload["timeline"]["events"]),
                                       "duration_ms": round((time.perf_counter() - started) * 1000, 2)})
    resp = Response(orjson.dumps(payload), mimetype="application/json")
    resp.headers["Cache-Control"] = "no-store"
    return resp
