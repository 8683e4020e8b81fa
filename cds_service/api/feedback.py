"""`POST /cds-services/{id}/feedback` (checklist §4): validate, persist, 200; a repeated item is
stored once. Authenticated like every other call (JWT `aud` = the feedback URL)."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Blueprint, Response
from pydantic import ValidationError

from cds_service.errors import InvalidRequest, NotFound
from cds_service.protocol import FEEDBACK_MAX_DEPTH as MAX_DEPTH
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


def _deeper_than(value: object, limit: int) -> bool:
    """True when `value` nests more than `limit` arrays/objects; iterative, so any depth is safe to ask."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return False


def validate_items(body: object) -> list[dict]:
    """The feedback items, or InvalidRequest (400) naming the field: everything the store would refuse
    or choke on (over-long fields, NUL, deep nesting) is refused here, the same for SQLite and PostgreSQL."""
    if not isinstance(body, dict):
        raise InvalidRequest("feedback body must be a JSON object")
    items = body.get("feedback")
    if isinstance(items, list):
        for i, item in enumerate(items[:MAX_ITEMS + 1]):
            if _deeper_than(item, MAX_DEPTH):  # the store digests each item whole (Store.item_key)
                raise InvalidRequest(f"feedback.{i}: nested deeper than {MAX_DEPTH} levels")
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
