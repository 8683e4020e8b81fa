"""Data acquisition, one explicit outcome per prefetch key (checklist §2.2; style.md lesson 4):

- present resource/Bundle: used (a Bundle's `next` links are followed when a FHIR server is given);
- `null`: no data, never re-fetched;
- OperationOutcome (or a Bundle of only OperationOutcomes): unavailable for that key;
- absent: fetched from `fhirServer` in parallel within one overall budget.
412 when nothing usable about the PET results can be obtained; when one PET source cannot be had, the
answer's cards name it and say the PET results could not be read (issue 5: "412 or a card that says
which data was unavailable").

Context values go into FHIR URLs only as FHIR ids, percent-encoded (anything else is a 400 before any
fetch). Why a fetch failed (timeout, refused, HTTP status, bad body) is logged, never told to the caller:
the caller sees one generic reason, so `fhirServer` cannot be used to tell closed, open or silent ports
apart.
"""

from __future__ import annotations

import logging
import re
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import quote

import requests
from fhir_mappings.fhir_json import bundle_resources

from cds_service.config import Settings
from cds_service.errors import InvalidRequest, PrefetchUnavailable
from cds_service.metrics import fhir_fetch
from cds_service.acquisition.fhir_client import FetchError, FhirClient
from cds_service.protocol import HookRequest, is_fhir_id, origin_of

log = logging.getLogger("lbcl_cds.prefetch")
PET_KEYS = ("observations", "diagnosticReports")  # without both, no response can be assessed
FETCH_FAILED = "could not be fetched from fhirServer (the reason is in the service's log)"
PAGES_FAILED = "later pages could not be fetched from fhirServer (the reason is in the service's log)"
_USER_REFERENCE = re.compile(r"([A-Za-z]{1,64})/(.+)")  # context.userId: "Practitioner/123"


@dataclass
class Acquired:
    resources: list[dict] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # key -> prefetched|null|fetched|partial|unavailable
    reasons: dict[str, str] = field(default_factory=dict)  # key -> why unavailable (safe to show)

    @property
    def unavailable(self) -> list[str]:
        """Keys whose data is missing or incomplete (`partial`: first page prefetched, later pages not)."""
        return [k for k, v in self.outcomes.items() if v in ("unavailable", "partial")]


def _url_value(token: str, value: str) -> str:
    """A context value as it goes into a FHIR URL: a FHIR id (userId: `Type/id`), percent-encoded."""
    ref = _USER_REFERENCE.fullmatch(value) if token == "userId" else None
    parts = list(ref.groups()) if ref else [value]
    if not is_fhir_id(parts[-1]):
        raise InvalidRequest(f"context.{token} must be a FHIR id ([A-Za-z0-9-.]{{1,64}}, not only dots)"
                             + (" or Type/id" if token == "userId" else ""))
    return "/".join(quote(p, safe="") for p in parts)


def render(template: str, context: dict) -> str | None:
    """The template with the context's values, or None when one is missing; InvalidRequest (400) when a
    value is not an id (path traversal, query injection)."""
    out = template
    for token in ("patientId", "userId", "encounterId"):
        marker = "{{context.%s}}" % token
        if marker in out:
            value = context.get(token)
            if not isinstance(value, str) or not value:
                return None
            out = out.replace(marker, _url_value(token, value))
    return None if "{{" in out else out


def _resource_type(template: str) -> str:
    return template.split("?", 1)[0].split("/", 1)[0]


def _held(value: dict) -> list[dict]:
    """The resources a prefetched Bundle holds (none for a resource that is no Bundle)."""
    return bundle_resources(value) if value.get("resourceType") == "Bundle" else []


def _is_outcome(value: dict, held: list[dict]) -> bool:
    """The EHR's answer is an error: an OperationOutcome, or a Bundle (its resources `held`) of only those."""
    if value.get("resourceType") == "OperationOutcome":
        return True
    return value.get("resourceType") == "Bundle" and bool(held) and all(
        r.get("resourceType") == "OperationOutcome" for r in held)


def _next_url(value: dict) -> str | None:
    links = value.get("link") if value.get("resourceType") == "Bundle" else None
    return next((ln["url"] for ln in links if isinstance(ln, dict) and ln.get("relation") == "next"
                 and isinstance(ln.get("url"), str) and ln["url"]), None) if isinstance(links, list) else None


def _usable(value: dict, held: list[dict]) -> list[dict]:
    """A prefetched resource, or a prefetched Bundle's entries (`held`) less the OperationOutcomes servers
    add (the EHR's own Bundle is otherwise taken as sent: P5 makes it equal to the query's result). A
    broken entry is kept for the mapping to count (fhir_json.bundle_resources: an `entry` that is no array
    holds nothing)."""
    if value.get("resourceType") != "Bundle":
        return [value]
    return [r for r in held if r.get("resourceType") != "OperationOutcome"]


def _client(req: HookRequest, settings: Settings, session: requests.Session, deadline: float) -> FhirClient | None:
    if not req.fhirServer:
        return None
    insecure = not req.fhirServer.lower().startswith("https://") or req.fhirAuthorization is None
    if insecure and not settings.allow_insecure_fhir:
        return None
    token = req.fhirAuthorization.access_token if req.fhirAuthorization else None
    return FhirClient(session, req.fhirServer, token, settings.fhir_connect_timeout, settings.fhir_read_timeout,
                      deadline, settings.fhir_page_cap)


def _failed(acq: Acquired, key: str, reason: str, server: str | None) -> None:
    """A fetch failed: `unavailable`, or `partial` when a prefetched first page is kept. The reason goes to
    the log only; the caller gets the generic text."""
    log.warning("FHIR fetch failed", extra={"key": key, "reason": reason, "origin": origin_of(server)})
    if acq.outcomes.get(key) == "prefetched":
        acq.outcomes[key], acq.reasons[key] = "partial", PAGES_FAILED
    else:
        acq.outcomes[key], acq.reasons[key] = "unavailable", FETCH_FAILED


def acquire(templates: dict[str, str], req: HookRequest, settings: Settings, session: requests.Session,
            pool: ThreadPoolExecutor) -> Acquired:
    deadline = time.monotonic() + settings.fetch_budget_s
    acq = Acquired()
    prefetch = req.prefetch or {}
    client = _client(req, settings, session, deadline)
    jobs: dict[str, str] = {}
    for key, template in templates.items():
        if key in prefetch:
            value = prefetch[key]
            if value is None:
                acq.outcomes[key] = "null"
            elif not isinstance(value, dict) or not isinstance(value.get("resourceType"), str):
                raise InvalidRequest(f"prefetch key {key!r} is not a FHIR resource or null")
            elif _is_outcome(value, held := _held(value)):
                acq.outcomes[key], acq.reasons[key] = "unavailable", "the EHR reported an error (OperationOutcome)"
            else:
                acq.outcomes[key] = "prefetched"
                acq.resources.extend(_usable(value, held))
                nxt = _next_url(value)
                if nxt and client:
                    jobs[key] = nxt
                elif nxt:
                    acq.outcomes[key] = "partial"
                    acq.reasons[key] = "more pages prefetched than sent; fhirServer not usable"
            continue
        rendered = render(template, req.context)
        if rendered is None:
            acq.outcomes[key], acq.reasons[key] = "unavailable", "context value missing for the template"
        elif client is None:
            acq.outcomes[key] = "unavailable"
            acq.reasons[key] = ("no fhirServer" if not req.fhirServer else
                                "fhirServer refused (plain http or no fhirAuthorization)")
        else:
            jobs[key] = rendered
    if jobs:
        futures = {pool.submit(client.query, url, _resource_type(templates[key])): key for key, url in jobs.items()}
        done, not_done = wait(futures, timeout=max(0.0, deadline - time.monotonic()) + 0.2)
        for fut in not_done:
            fut.cancel()
            _failed(acq, futures[fut], "acquisition budget exhausted", req.fhirServer)
            fhir_fetch(futures[fut], ok=False)
        for fut in done:
            key = futures[fut]
            try:
                acq.resources.extend(fut.result())
                acq.outcomes[key] = "fetched" if acq.outcomes.get(key) != "prefetched" else "prefetched+pages"
            except FetchError as exc:
                _failed(acq, key, exc.reason, req.fhirServer)
            except Exception as exc:  # never a 500 for a FHIR server's fault
                _failed(acq, key, f"unexpected response ({type(exc).__name__})", req.fhirServer)
            fhir_fetch(key, ok=acq.outcomes[key] in ("fetched", "prefetched+pages"))
    extra = 0
    for key, value in prefetch.items():  # keys we did not template: use their data too, never fetch them
        if key not in templates and isinstance(value, dict) and isinstance(value.get("resourceType"), str):
            held = _held(value)
            if not _is_outcome(value, held):
                usable = _usable(value, held)
                acq.resources.extend(usable)
                extra += len(usable)
    pet_sources = [k for k in PET_KEYS if k in templates]
    if not extra and pet_sources and all(acq.outcomes.get(k) == "unavailable" for k in pet_sources):
        log.warning("PET data unavailable (412)", extra={"outcomes": acq.outcomes,
                                                         "hook_instance": req.hookInstance})
        raise PrefetchUnavailable("PET results unavailable: " + "; ".join(
            f"{k}: {acq.reasons.get(k, 'unavailable')}" for k in pet_sources), pet_sources)
    return acq
