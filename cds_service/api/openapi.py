"""The OpenAPI 3.1 description of our own HTTP API, built from the service registry (one source).

Served at `GET /openapi.json` (no auth, like /healthz: it holds no secret and no patient data);
`docs/openapi.yaml` is the same document as YAML, written by `python -m cds_service.api.openapi` and checked
against this module by tests/test_openapi.py. The fuzz tests (tests/test_fuzz_api.py) generate requests
from it. The request schemas say what the service accepts, no stricter and no looser where it matters:
what they allow is answered 200 (or 412 when no PET data can be had), what they refuse is a 4xx.
"""

from __future__ import annotations

import sys

from flask import Blueprint, Response

from cds_service.protocol import FEEDBACK_CARD_MAX, FEEDBACK_CODE_MAX, FEEDBACK_SYSTEM_MAX, FEEDBACK_TIMESTAMP_MAX
from cds_service.protocol import FEEDBACK_MAX_ITEMS as MAX_ITEMS
from cds_service.hooks.registry import ServiceDefinition
from cds_service.hooks.services import SERVICES

PATH = "/openapi.json"
bp = Blueprint("openapi", __name__)

_REF = "#/components/schemas/"
_ERRORS = {"400": "malformed JSON, or a request the schema refuses", "401": "missing or invalid client JWT",
           "413": "request body over LBCL_CDS_MAX_BODY_BYTES", "415": "Content-Type is not JSON"}


def _ref(name: str) -> dict:
    return {"$ref": _REF + name}


def _json_body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _responses(ok: dict, ok_text: str, extra: dict[str, str] | None = None) -> dict:
    out = {"200": {"description": ok_text, "content": {"application/json": {"schema": ok}}}}
    for status, text in {**_ERRORS, **(extra or {})}.items():
        out[status] = {"description": text, "content": {"application/json": {"schema": _ref("Error")}}}
    return out


def _resource() -> dict:
    return {"type": "object", "required": ["resourceType"], "properties": {"resourceType": {"type": "string"}}}


def _context(service: ServiceDefinition) -> dict:
    props: dict = {"patientId": {"type": "string", "minLength": 1, "maxLength": 64,
                                 "pattern": "^[A-Za-z0-9\\-.]*[A-Za-z0-9\\-][A-Za-z0-9\\-.]*$",
                                 "description": "a FHIR id, not only dots (it goes into FHIR URLs); else 400"},
                   "userId": {"type": "string"}, "encounterId": {"type": "string"}}
    required = ["patientId"]
    if service.hook in ("order-select", "order-sign"):
        props["draftOrders"] = {"type": "object", "required": ["resourceType"],
                                "properties": {"resourceType": {"const": "Bundle"}}}
        required.append("draftOrders")
    if service.hook == "order-select":
        props["selections"] = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
        required.append("selections")
    return {"type": "object", "required": required, "properties": props}


def _hook_request(service: ServiceDefinition) -> dict:
    nullable_resource = {"oneOf": [{"type": "null"}, _resource()]}
    return {
        "type": "object", "required": ["hook", "hookInstance", "context"],
        "properties": {
            "hook": {"const": service.hook},
            "hookInstance": {"type": "string", "minLength": 1},
            "fhirServer": {"type": ["string", "null"]},
            "fhirAuthorization": {"oneOf": [{"type": "null"}, _ref("FhirAuthorization")]},
            "context": _context(service),
            "prefetch": {"type": ["object", "null"],
                         "properties": {key: nullable_resource for key in service.prefetch}},
        },
        # fhirAuthorization needs a fhirServer to go with it
        "dependentSchemas": {"fhirAuthorization": {"required": ["fhirServer"],
                                                   "properties": {"fhirServer": {"type": "string", "minLength": 1}}}},
    }


def _schemas() -> dict:
    card = {
        "type": "object", "required": ["uuid", "summary", "indicator", "source"],
        "properties": {
            "uuid": {"type": "string", "minLength": 1},
            "summary": {"type": "string", "minLength": 1, "maxLength": 139},
            "detail": {"type": "string", "minLength": 1},
            "indicator": {"enum": ["info", "warning", "critical"]},
            "source": {"type": "object", "required": ["label"], "properties": {"label": {"type": "string"}}},
            "suggestions": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["label", "uuid"], "properties": {"label": {"type": "string"}}}},
            "selectionBehavior": {"enum": ["at-most-one", "any"]},
            "overrideReasons": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["code", "system", "display"]}},
            "links": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["label", "url"]}},
            "extension": {"type": "object", "minProperties": 1},
        },
    }
    item = {
        "type": "object", "required": ["card", "outcome", "outcomeTimestamp"],
        "properties": {
            "card": {"type": "string", "minLength": 1, "maxLength": FEEDBACK_CARD_MAX},
            "outcome": {"enum": ["accepted", "overridden"]},
            "acceptedSuggestions": {"type": ["array", "null"], "items": {
                "type": "object", "required": ["id"], "properties": {"id": {"type": "string", "minLength": 1}}}},
            "overrideReason": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
                "reason": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["code"], "properties": {
                    "code": {"type": "string", "minLength": 1, "maxLength": FEEDBACK_CODE_MAX},
                    "system": {"type": "string", "maxLength": FEEDBACK_SYSTEM_MAX}}}]},
                "userComment": {"type": ["string", "null"]}}}]},
            "outcomeTimestamp": {"type": "string", "format": "date-time", "maxLength": FEEDBACK_TIMESTAMP_MAX,
                                 "description": "RFC 3339 date-time with a time zone"},
        },
        "if": {"properties": {"outcome": {"const": "accepted"}}},
        "then": {"required": ["acceptedSuggestions"],
                 "properties": {"acceptedSuggestions": {"type": "array", "minItems": 1}}},
        "else": {"properties": {"acceptedSuggestions": {"oneOf": [{"type": "null"}, {"maxItems": 0}]}}},
    }
    return {
        "Error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "pattern": "^CDS-[0-9]{3}$"}, "message": {"type": "string", "minLength": 1},
            "unavailable": {"type": "array", "items": {"type": "string"}},
            "operationOutcome": _resource()}},
        "FhirAuthorization": {"type": "object", "required": ["access_token"], "properties": {
            "access_token": {"type": "string", "minLength": 1}, "token_type": {"type": "string"},
            "expires_in": {"type": ["integer", "null"]}, "scope": {"type": ["string", "null"]},
            "subject": {"type": ["string", "null"]}, "patient": {"type": ["string", "null"]}}},
        "Card": card,
        "CdsResponse": {"type": "object", "required": ["cards"],
                        "properties": {"cards": {"type": "array", "items": _ref("Card")}}},
        "Discovery": {"type": "object", "required": ["services"], "properties": {"services": {
            "type": "array", "items": {"type": "object", "required": ["hook", "id", "description"]}}}},
        "FeedbackItem": item,
        "FeedbackRequest": {"type": "object", "required": ["feedback"], "properties": {
            "feedback": {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": _ref("FeedbackItem")}}},
        "FeedbackResult": {"type": "object", "required": ["stored", "repeated"], "properties": {
            "stored": {"type": "integer", "minimum": 0}, "repeated": {"type": "integer", "minimum": 0}}},
    }


def _service_paths(service: ServiceDefinition) -> dict:
    name = "".join(p.title() for p in service.id.split("-"))
    schema_name = f"{name}Request"
    call = {"post": {
        "operationId": f"call{name}", "summary": f"{service.hook}: {service.title}", "tags": ["CDS services"],
        "requestBody": _json_body(_ref(schema_name)),
        "responses": _responses(_ref("CdsResponse"), "cards (possibly none)",
                                {"412": "no PET data can be prefetched or fetched, or fhirServer is not allowed for "
                                        "the client (with an OperationOutcome)"}),
    }}
    feedback = {"post": {
        "operationId": f"feedback{name}", "summary": f"feedback on cards of {service.id}", "tags": ["feedback"],
        "requestBody": _json_body(_ref("FeedbackRequest")),
        "responses": _responses(_ref("FeedbackResult"), "stored once per distinct item",
                                {"503": "the store's database is unreachable"}),
    }}
    return {f"/cds-services/{service.id}": call, f"/cds-services/{service.id}/feedback": feedback,
            "_schema": {schema_name: _hook_request(service)}}


def _plain(summary: str, schema: dict, media: str = "application/json", extra: dict | None = None) -> dict:
    responses = {"200": {"description": summary, "content": {media: {"schema": schema}}}}
    responses.update(extra or {})
    return {"get": {"summary": summary, "tags": ["operations"], "security": [], "responses": responses}}


def document() -> dict:
    schemas = _schemas()
    paths: dict = {"/cds-services": {"get": {
        "operationId": "discovery", "summary": "CDS Hooks discovery", "tags": ["CDS services"],
        "responses": {"200": {"description": "the services", "content": {"application/json": {
            "schema": _ref("Discovery")}}},
            "401": {"description": _ERRORS["401"], "content": {"application/json": {"schema": _ref("Error")}}}}}}}
    for service in SERVICES:
        entry = _service_paths(service)
        schemas.update(entry.pop("_schema"))
        paths.update(entry)
    status = {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}}
    paths["/healthz"] = _plain("liveness", status)
    paths["/readyz"] = _plain("readiness: the store's database answers", status, extra={
        "503": {"description": "the database is unreachable", "content": {"application/json": {"schema": status}}}})
    paths["/metrics"] = _plain("Prometheus metrics (no patient data)", {"type": "string"}, "text/plain")
    paths[PATH] = _plain("this document", {"type": "object"})
    return {
        "openapi": "3.1.0",
        "info": {"title": "lbcl-cds", "version": "1.0",
                 "description": "CDS Hooks 2.0 services for large B-cell lymphoma. Errors are "
                                "{\"code\": \"CDS-4xx\", \"message\": ...}; no stack trace ever reaches a client."},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {"cdsClientJwt": {
            "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
            "description": "CDS Hooks client JWT (LBCL_CDS_AUTH=jwt); aud = the URL called"}}},
        "security": [{"cdsClientJwt": []}],
    }


_CACHED: bytes | None = None


@bp.get(PATH)
def serve() -> Response:
    global _CACHED
    if _CACHED is None:
        import orjson

        _CACHED = orjson.dumps(document())
    return Response(_CACHED, status=200, mimetype="application/json", headers={"Cache-Control": "no-cache"})


def to_yaml() -> str:
    import yaml  # test/tooling dependency only: the service serves JSON

    header = ("# Generated from cds_service/api/openapi.py by `python -m cds_service.api.openapi > docs/openapi.yaml`;\n"
              "# served as JSON at GET /openapi.json. tests/test_openapi.py fails while this file is stale.\n")
    return header + yaml.safe_dump(document(), sort_keys=False, width=110, allow_unicode=True)


if __name__ == "__main__":
    sys.stdout.write(to_yaml())
