"""Small helpers over FHIR R4 JSON dicts, and per-resource validation with fhir.resources.R4B.

Resources are validated one at a time (fhir-input.md): one odd resource is skipped and counted, it
never sinks the rest. Mapping then reads the validated dicts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from datetime import date

import orjson
from fhir.resources.R4B import get_fhir_model_class

log = logging.getLogger("lbcl_cds.mapping")

# Resource types the mapping reads; anything else is dropped before validation (it cannot matter).
USED_TYPES = frozenset({"Patient", "Condition", "Observation", "MedicationAdministration",
                        "MedicationRequest", "Medication", "Procedure", "DiagnosticReport",
                        "DocumentReference", "CarePlan"})

_MODEL_CACHE: dict[str, type] = {}


def model_class(resource_type: str) -> type:
    cls = _MODEL_CACHE.get(resource_type)
    if cls is None:
        cls = _MODEL_CACHE[resource_type] = get_fhir_model_class(resource_type)
    return cls


def warm_models() -> None:
    """Import and build every model class we validate with, once, at start-up."""
    for rt in USED_TYPES:
        model_class(rt)


def iter_resources(obj: object) -> Iterator[dict]:
    """Yield resources from a resource, a Bundle (any type), or a list of those (nested Bundles too)."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            rt = item.get("resourceType")
            if rt == "Bundle":
                entries = item.get("entry")
                if isinstance(entries, list):
                    stack.extend(reversed([e.get("resource") for e in entries if isinstance(e, dict)]))
            elif isinstance(rt, str):
                yield item


class ValidationCache:
    """Bounded LRU of resources already validated, keyed by a digest of their JSON (issue 7).

    An EHR sends the same resources again on every hook of a patient (patient-view, order-select,
    order-sign, the next chart opening): validating each only once saves most of the per-request cost.
    Only the outcome (valid or not) is cached, never the resource. Size from LBCL_CDS_VALIDATION_CACHE
    (entries; 0 disables)."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[bytes, bool] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(res: dict) -> bytes:
        try:
            return hashlib.blake2b(orjson.dumps(res), digest_size=16).digest()
        except orjson.JSONEncodeError:  # nested deeper than orjson writes (a hostile input): not cached
            return b""

    def get(self, key: bytes) -> bool | None:
        with self._lock:
            ok = self._entries.get(key)
            if ok is not None:
                self._entries.move_to_end(key)
            return ok

    def put(self, key: bytes, ok: bool) -> None:
        with self._lock:
            self._entries[key] = ok
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)


CACHE = ValidationCache(int(os.environ.get("LBCL_CDS_VALIDATION_CACHE", "20000") or 0))


def _valid(rt: str, res: dict) -> bool:
    key = ValidationCache.key(res) if CACHE.size else b""
    if key:
        cached = CACHE.get(key)
        if cached is not None:
            return cached
    try:
        model_class(rt).model_validate(res)
        ok = True
    except Exception as exc:  # pydantic ValidationError or a type error deep in a model
        # No PHI: the resource type and the error class only.
        log.warning("skipped invalid resource", extra={"resource_type": rt, "error": type(exc).__name__})
        ok = False
    if key:
        CACHE.put(key, ok)
    return ok


def validate_resources(raw: Iterable[dict]) -> tuple[list[dict], int]:
    """Validate each resource a rule can use with its R4B model; return (valid dicts, number skipped)."""
    from .relevance import is_relevant  # noqa: PLC0415 (relevance imports this module)

    valid: list[dict] = []
    skipped = 0
    seen: set[tuple[str, str]] = set()
    for res in raw:
        rt = res.get("resourceType")
        if rt not in USED_TYPES or not is_relevant(res):
            continue
        rid = res.get("id")
        if isinstance(rid, str):
            key = (rt, rid)
            if key in seen:  # same resource twice (prefetch key overlap)
                continue
            seen.add(key)
        if _valid(rt, res):
            valid.append(res)
        else:
            skipped += 1
    return valid, skipped


def ref(res: dict) -> str:
    return f"{res.get('resourceType')}/{res.get('id', '?')}"


def codings(cc: object) -> list[tuple[str, str]]:
    if not isinstance(cc, dict):
        return []
    out = []
    for c in cc.get("coding") or []:
        if isinstance(c, dict) and c.get("code") is not None:
            out.append((str(c.get("system") or ""), str(c.get("code"))))
    return out


def cc_text(cc: object) -> str:
    """All human text of a CodeableConcept (text + displays), for text fallbacks."""
    if not isinstance(cc, dict):
        return ""
    parts = [cc.get("text") or ""]
    parts += [c.get("display") or "" for c in cc.get("coding") or [] if isinstance(c, dict)]
    return " ".join(p for p in parts if p)


def has_code(cc: object, codes: set[tuple[str, str]] | tuple[str, str]) -> bool:
    wanted = {codes} if isinstance(codes, tuple) else codes
    return any(c in wanted for c in codings(cc))


def code_in_system(cc: object, system: str) -> str | None:
    for s, c in codings(cc):
        if s == system:
            return c
    return None


_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> date | None:
    """FHIR date/dateTime/instant -> date (the calendar date as written, never shifted to local time)."""
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def effective_date(res: dict) -> date | None:
    for key in ("effectiveDateTime", "effectiveInstant", "occurrenceDateTime", "performedDateTime", "authoredOn", "issued",
                "onsetDateTime", "recordedDate", "date"):
        d = parse_date(res.get(key))
        if d:
            return d
    for key in ("effectivePeriod", "performedPeriod", "period"):
        p = res.get(key)
        if isinstance(p, dict):
            d = parse_date(p.get("start")) or parse_date(p.get("end"))
            if d:
                return d
    return None


def period(res: dict) -> tuple[date | None, date | None]:
    for key in ("performedPeriod", "effectivePeriod", "period"):
        p = res.get(key)
        if isinstance(p, dict):
            return parse_date(p.get("start")), parse_date(p.get("end"))
    d = effective_date(res)
    return d, d


def json_int(value: object) -> int | None:
    """A JSON integer, or None: `true` is no integer in FHIR JSON (Python's bool is an int subclass, and
    fhir.resources coerces it to 1), so a boolean never passes for a score or a count."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def quantity_value(q: object) -> float | None:
    if isinstance(q, dict) and isinstance(q.get("value"), int | float) and not isinstance(q["value"], bool):
        return float(q["value"])
    return None


def components(res: dict) -> list[dict]:
    return [c for c in res.get("component") or [] if isinstance(c, dict)]
