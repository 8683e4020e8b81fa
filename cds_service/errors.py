"""Typed errors and the one JSON error handler (style.md lesson 5).

Body: {"code": "CDS-4xx", "message": ...}; 412 also carries an OperationOutcome. No stack trace or
internal path ever reaches a client.
"""

from __future__ import annotations

import logging

log = logging.getLogger("lbcl_cds")


class ConfigError(Exception):
    """Invalid configuration: the service refuses to start."""


class CdsError(Exception):
    status = 500
    code = "CDS-500"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def body(self) -> dict:
        return {"code": self.code, "message": self.message}


class InvalidRequest(CdsError):
    status, code = 400, "CDS-400"


class Unauthorized(CdsError):
    status, code = 401, "CDS-401"

    def body(self) -> dict:  # no detail on auth failures (checklist 5.2)
        return {"code": self.code, "message": "unauthorized"}


class NotFound(CdsError):
    status, code = 404, "CDS-404"


class MethodNotAllowed(CdsError):
    status, code = 405, "CDS-405"


class RequestTimeout(CdsError):
    """The request body did not arrive within LBCL_CDS_BODY_TIMEOUT_S (cds_service/worker.py)."""

    status, code = 408, "CDS-408"


class PayloadTooLarge(CdsError):
    status, code = 413, "CDS-413"


class UnsupportedMediaType(CdsError):
    status, code = 415, "CDS-415"


class PrefetchUnavailable(CdsError):
    """Required data neither prefetched nor fetchable (CDS Hooks P10: 412)."""

    status, code = 412, "CDS-412"

    def __init__(self, message: str, keys: list[str] | None = None):
        super().__init__(message)
        self.keys = keys or []

    def body(self) -> dict:
        return {"code": self.code, "message": self.message, "unavailable": self.keys,
                "operationOutcome": {"resourceType": "OperationOutcome", "issue": [
                    {"severity": "error", "code": "not-found", "diagnostics": self.message}]}}


class FhirServerRefused(PrefetchUnavailable):
    """`fhirServer` is not on the allowlist of the token's issuer (trusted-issuers `fhir_servers`): 412
    before any fetch; which origin and issuer go to the log only."""

    def __init__(self) -> None:
        super().__init__("fhirServer not allowed for this client")

    def body(self) -> dict:
        return {"code": self.code, "message": self.message, "unavailable": [],
                "operationOutcome": {"resourceType": "OperationOutcome", "issue": [
                    {"severity": "error", "code": "forbidden", "diagnostics": self.message}]}}


def register_error_handler(app) -> None:
    from flask import jsonify
    from werkzeug.exceptions import HTTPException

    def handle(exc: Exception):
        if isinstance(exc, CdsError):
            err = exc
        elif isinstance(exc, HTTPException):
            mapped = {400: InvalidRequest, 404: NotFound, 405: MethodNotAllowed, 413: PayloadTooLarge,
                      415: UnsupportedMediaType}.get(exc.code or 500)
            if mapped is None:
                resp = jsonify({"code": f"CDS-{exc.code}", "message": exc.name})
                resp.status_code = exc.code or 500
                return resp
            err = mapped(exc.description if exc.code != 413 else "request body too large")
        else:
            log.error("internal error", extra={"error": type(exc).__name__}, exc_info=exc)
            err = CdsError("internal error")
        resp = jsonify(err.body())
        resp.status_code = err.status
        return resp

    app.register_error_handler(Exception, handle)
