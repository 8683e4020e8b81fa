"""The FHIR server faults of the reliability matrix (issue 8), as `fake_fhir` replies: each takes the
request and returns (status, headers, body) or raises what `requests` would raise. Used by
tests/test_fhir_faults.py (with `responses`) and tests/test_phi_logs.py (log scan of every fault)."""

from __future__ import annotations

import itertools
import json
import time

import requests

import fake_fhir as ff

OUTCOME = json.dumps({"resourceType": "OperationOutcome", "issue": [
    {"severity": "error", "code": "processing", "diagnostics": "database /var/lib/fhir/x.db locked"}]})
FHIR_JSON = {"Content-Type": "application/fhir+json"}
PAGE_CAP = 5
OVERSIZED = b'{"resourceType":"Bundle","type":"searchset","entry":[' + b'{"resource":{"resourceType":"Basic"}},' * (
    21 * 1024 * 1024 // 38) + b'{}]}'  # over fhir_client.MAX_RESPONSE_BYTES (20 MB)


def _raise(exc: BaseException):
    def reply(request):
        raise exc
    return reply


def _status(code: int, body: str = OUTCOME):
    return lambda request: (code, dict(FHIR_JSON), body)


def _body(body: str | bytes, headers: dict | None = None):
    return lambda request: (200, dict(headers or FHIR_JSON), body)


def _slow(seconds: float):
    def reply(request):
        time.sleep(seconds)
        return 200, dict(FHIR_JSON), json.dumps(ff.searchset([]))
    return reply


def _endless():
    counter = itertools.count(1)

    def reply(request):
        path = request.url.split("?", 1)[0]  # a new page of the same search, for ever
        return 200, dict(FHIR_JSON), json.dumps(ff.searchset([], f"{path}?page={next(counter)}"))
    return reply


def _loop(request):
    url = request.url
    return 200, dict(FHIR_JSON), json.dumps(ff.searchset([], url))  # `next` is the page itself


def _foreign(request):
    return 200, dict(FHIR_JSON), json.dumps(ff.searchset([], "https://elsewhere.example.com/fhir/Observation?p=2"))


def faults(budget_s: float) -> dict[str, object]:
    """name -> reply factory (a fresh reply per use)."""
    return {
        "connect timeout": lambda: _raise(requests.ConnectTimeout("connect timed out")),
        "read timeout": lambda: _raise(requests.ReadTimeout("read timed out")),
        "slow past the budget": lambda: _slow(budget_s + 0.4),
        "connection refused": lambda: _raise(requests.ConnectionError("[Errno 111] Connection refused")),
        "connection reset": lambda: _raise(requests.ConnectionError("Connection reset by peer")),
        **{f"HTTP {code}": (lambda code=code: _status(code)) for code in (401, 403, 404, 410, 429, 500, 503)},
        "HTTP 500 with an HTML page": lambda: _status(500, "<html><body>Internal Server Error</body></html>"),
        "HTTP 302 redirect": lambda: (lambda request: (302, {"Location": "https://elsewhere.example.com/"}, "")),
        "non-JSON body": lambda: _body("<html>Service unavailable</html>", {"Content-Type": "text/html"}),
        "truncated JSON": lambda: _body('{"resourceType": "Bundle", "entry": [{"resource": {"resourceTy'),
        "JSON array": lambda: _body("[]"),
        "wrong resourceType": lambda: _body(json.dumps({"resourceType": "Medication", "id": "m"})),
        "OperationOutcome with 200": lambda: _body(OUTCOME),
        "endless next links": _endless,
        "looping next link": lambda: _loop,
        "next link to another server": lambda: _foreign,
        "oversized Bundle": lambda: _body(OVERSIZED),
    }
