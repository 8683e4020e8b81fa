"""A fake EHR FHIR server on top of `responses`: searchsets per resource type built from a list of
resources, with per-URL overrides (pages, faults, slowness) and a record of every request."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

import responses

BASE = "https://ehr.example.org/fhir"
TOKEN = "secret-access-token-3f9a7c"
AUTH = {"access_token": TOKEN, "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read",
        "subject": "lbcl-cds"}
SEARCHED = ("Condition", "Observation", "MedicationAdministration", "Procedure", "DiagnosticReport")

Reply = tuple[int, dict, str]


def searchset(resources: list[dict], next_url: str | None = None) -> dict:
    bundle = {"resourceType": "Bundle", "type": "searchset", "total": len(resources),
              "entry": [{"fullUrl": f"{BASE}/{r['resourceType']}/{r.get('id', uuid.uuid4())}", "resource": r,
                         "search": {"mode": "match"}} for r in resources]}
    if next_url:
        bundle["link"] = [{"relation": "next", "url": next_url}]
    return bundle


class FakeFhir:
    def __init__(self, resources: list[dict], base: str = BASE):
        self.base = base
        self.resources = resources
        self.by_type: dict[str, object] = {}  # resource type (or "Patient/<id>") -> body or callable
        self.by_url: dict[str, object] = {}  # exact URL -> body or callable
        self.requests: list = []

    def install(self, rsps: responses.RequestsMock | None = None) -> FakeFhir:
        self.rsps = rsps or responses
        add = self.rsps.add_callback
        add(responses.GET, re.compile(re.escape(self.base) + r"/.*"), callback=self._route)
        return self

    def set(self, key: str, reply: object) -> None:
        (self.by_url if "://" in key else self.by_type)[key] = reply

    def _route(self, request) -> Reply:
        self.requests.append(request)
        path = urlsplit(request.url).path[len(urlsplit(self.base).path) + 1:]
        reply = self.by_url.get(request.url, self.by_type.get(path, self.by_type.get(path.split("/")[0])))
        if callable(reply):
            reply = reply(request)
        if reply is None:
            reply = self._default(path)
        if isinstance(reply, tuple):
            return reply
        return 200, {"Content-Type": "application/fhir+json"}, json.dumps(reply)

    def _default(self, path: str) -> object:
        if "/" in path:  # a read
            rtype, rid = path.split("/", 1)
            found = next((r for r in self.resources if r["resourceType"] == rtype and r.get("id") == rid), None)
            return found or (404, {}, json.dumps({"resourceType": "OperationOutcome", "issue": [
                {"severity": "error", "code": "not-found"}]}))
        return searchset([r for r in self.resources if r["resourceType"] == path])

    def paths(self) -> list[str]:
        return [urlsplit(r.url).path.rsplit("/fhir/", 1)[-1] for r in self.requests]


def slow(seconds: float, reply: object = None) -> Callable:
    def handler(request):
        time.sleep(seconds)
        return reply if reply is not None else (200, {}, json.dumps(searchset([])))
    return handler


def raises(exc: BaseException) -> Callable:
    def handler(request):
        raise exc
    return handler
