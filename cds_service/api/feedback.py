"""`POST /cds-services/{id}/feedback` (checklist §4): validate, persist, 200; a repeated item is
stored once. Authenticated like every other call (JWT `aud` = the feedback URL)."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Blueprint, Response
from pydantic import ValidationError

from cds_service.errors import InvalidRequest, NotFound
from cds_service.protocol import FEEDBACK_MAX_ITEMS as MAX_ITEMS
from cds_service.protocol import FeedbackRequest
from cds_service.api.http import authenticate, json_response, read_json_body, state, validation_message

log = logging.getLogger("lbcl_cds.access")
bp = Blueprint("cds_feedback", __name__)


def _timestamp_ok(value: str) -> bool:
    """RFC 3339 date-time with a time zone (e.g. 1985-04-12T23:20:50.52Z)."""
    if "T" not in value.upper():
        return False
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def _stored_text(item: dict) -> str:
    """The item's strings that the store writes (store.record_feedback), joined."""
    reason = (item.get("overrideReason") or {}).get("reason") or {}
    parts = [item["card"], item["outcome"], item["outcomeTimestamp"], reason.get("code") or "",
             reason.get("system") or "", (item.get("overrideReason") or {}).get("userComment") or ""]
    parts += [s["id"] for s in item.get("acceptedSuggestions") or []]
    return "".join(parts)


def validate_items(body: object) -> list[dict]:
    if not isinstance(body, dict):
        raise InvalidRequest("feedback body must be a JSON object")
    try:
        FeedbackRequest.model_validate(body)
    except ValidationError as exc:
        raise InvalidRequest(validation_message(exc)) from None
    items = body["feedback"]
    if len(items) > MAX_ITEMS:
        raise InvalidRequest(f"at most {MAX_ITEMS} feedback items per call")
    for i, item in enumerate(items):
        if not _timestamp_ok(item["outcomeTimestamp"]):
            raise InvalidRequest(f"feedback.{i}.outcomeTimestamp: not an RFC 3339 date-time with time zone")
        reason = (item.get("overrideReason") or {}).get("reason")
        if reason is not None and not (isinstance(reason.get("code"), str) and reason["code"]):
            raise InvalidRequest(f"feedback.{i}.overrideReason.reason: a Coding needs a code")
        if reason is not None and not isinstance(reason.get("system", ""), str):
            raise InvalidRequest(f"feedback.{i}.overrideReason.reason.system: must be a string")
        if "\x00" in _stored_text(item):  # PostgreSQL text cannot hold NUL: refused for both databases
            raise InvalidRequest(f"feedback.{i}: NUL characters are not allowed")
        if item["outcome"] == "overridden" and item.get("acceptedSuggestions"):
            raise InvalidRequest(f"feedback.{i}: acceptedSuggestions only with outcome accepted")
    return items


@bp.post("/cds-services/<service_id>/feedback")
def feedback(service_id: str) -> Response:
    st = state()
    if st.registry.get(service_id) is None:
        raise NotFound(f"no CDS service {service_id!r}")
    authenticate()
    items = validate_items(read_json_body(st.settings.max_body_bytes))
    new, repeated = st.store.record_feedback(service_id, items)
    log.info("feedback stored", extra={"service": service_id, "count": new, "status": 200})
    return json_response({"stored": new, "repeated": repeated})
