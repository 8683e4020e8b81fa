"""Small helpers over FHIR R4 JSON dicts, and per-resource validation with fhir.resources.R4B.

Resources are validated one at a time (fhir-input.md): one odd resource is skipped and counted, it
never sinks the rest. Mapping then reads the validated dicts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date

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
    """Yield resources from a resource, a Bundle (any type), or a list of those; contained too."""
    if isinstance(obj, list):
        for item in obj:
            yield from iter_resources(item)
        return
    if not isinstance(obj, dict):
        return
    rt = obj.get("resourceType")
    if rt == "Bundle":
        for entry in obj.get("entry") or []:
            if isinstance(entry, dict):
                yield from iter_resources(entry.get("resource"))
        return
    if isinstance(rt, str):
        yield obj


def validate_resources(raw: Iterable[dict]) -> tuple[list[dict], int]:
    """Validate each used resource with its R4B model; return (valid dicts, number skipped)."""
    valid: list[dict] = []
    skipped = 0
    seen: set[tuple[str, str]] = set()
    for res in raw:
        rt = res.get("resourceType")
        if rt not in USED_TYPES:
            continue
        rid = res.get("id")
        if isinstance(rid, str):
            key = (rt, rid)
            if key in seen:  # same resource twice (prefetch key overlap)
                continue
            seen.add(key)
        try:
            model_class(rt).model_validate(res)
        except Exception as exc:  # pydantic ValidationError or a type error deep in a model
            skipped += 1
            # No PHI: type, id-less position and the error class only.
            log.warning("skipped invalid resource", extra={"resource_type": rt, "error": type(exc).__name__})
            continue
        valid.append(res)
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


def quantity_value(q: object) -> float | None:
    if isinstance(q, dict) and isinstance(q.get("value"), int | float):
        return float(q["value"])
    return None


def components(res: dict) -> list[dict]:
    return [c for c in res.get("component") or [] if isinstance(c, dict)]
