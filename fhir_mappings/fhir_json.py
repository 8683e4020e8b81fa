"""Small helpers over FHIR R4 JSON dicts (codings, dates, quantities, references). Validation is in
validation.py; these helpers also read unvalidated JSON (draft orders, relevance before validation), so
any value goes in and none raises: a field of the wrong type reads as absent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date


def iter_resources(obj: object) -> Iterator[dict]:
    """Yield resources from a resource, a Bundle (any type), or a list of those (nested Bundles too).
    Every JSON object found where a resource belongs is yielded, a broken one too (a `resourceType` that
    is no string): validation counts it as skipped. An entry that is no object, or whose `resource` is
    no object, holds no resource; a Bundle's `entry` that is no array holds none."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if item.get("resourceType") == "Bundle":
                stack.extend(reversed(bundle_resources(item)))
            else:
                yield item


def bundle_entries(bundle: dict) -> list[dict]:
    """A Bundle's entries that are JSON objects (none when `entry` is no array)."""
    entries = bundle.get("entry")
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def bundle_resources(bundle: dict) -> list[dict]:
    """The JSON objects a Bundle's entries hold as `resource`."""
    return [r for r in (e.get("resource") for e in bundle_entries(bundle)) if isinstance(r, dict)]


def ref(res: dict) -> str:
    return f"{res.get('resourceType')}/{res.get('id', '?')}"


def codings(cc: object) -> list[tuple[str, str]]:
    """(system, code) of a CodeableConcept's codings; a coding whose code is no string is none (its
    system "" when it is no string)."""
    if not isinstance(cc, dict):
        return []
    coding = cc.get("coding")
    if not isinstance(coding, list):
        return []
    out = []
    for c in coding:
        if isinstance(c, dict):
            code = c.get("code")
            if isinstance(code, str):
                system = c.get("system")
                out.append((system if isinstance(system, str) else "", code))
    return out


def cc_text(cc: object) -> str:
    """All human text of a CodeableConcept (text + displays), for text fallbacks."""
    if not isinstance(cc, dict):
        return ""
    parts = [cc.get("text")]
    coding = cc.get("coding")
    if isinstance(coding, list):
        parts += [c.get("display") for c in coding if isinstance(c, dict)]
    return " ".join(p for p in parts if isinstance(p, str) and p)


def has_code(cc: object, codes: set[tuple[str, str]] | frozenset[tuple[str, str]] | tuple[str, str]) -> bool:
    """Any (system, code) of the CodeableConcept in `codes` (a set of pairs, or one pair). Hot: called
    for every resource by several readers, so it walks the codings without building a list."""
    if not isinstance(cc, dict):
        return False
    coding = cc.get("coding")
    if not isinstance(coding, list):
        return False
    one = codes if isinstance(codes, tuple) else None
    for c in coding:
        if isinstance(c, dict):
            code = c.get("code")
            if isinstance(code, str):
                system = c.get("system")
                pair = (system if isinstance(system, str) else "", code)
                if pair == one if one is not None else pair in codes:
                    return True
    return False


def code_in_system(cc: object, system: str) -> str | None:
    if not isinstance(cc, dict):
        return None
    coding = cc.get("coding")
    if not isinstance(coding, list):
        return None
    for c in coding:
        if isinstance(c, dict) and c.get("system") == system and isinstance(c.get("code"), str):
            return c["code"]
    return None


_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


_DATES: dict[str, date | None] = {}  # the same dates recur across a chart and across requests
_DATES_MAX = 8192


def parse_date(value: object) -> date | None:
    """FHIR date/dateTime/instant -> date (the calendar date as written, never shifted to local time)."""
    if not isinstance(value, str):
        return None
    head = value[:10]
    if head in _DATES:
        return _DATES[head]
    m = _DATE_RE.match(head)
    d = None
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            d = None
    if len(_DATES) >= _DATES_MAX:
        _DATES.clear()
    _DATES[head] = d
    return d


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


_NUMBER = (int, float)  # a tuple, not `int | float`: that expression builds a new union on every call


def quantity_value(q: object) -> float | None:
    if isinstance(q, dict) and isinstance(value := q.get("value"), _NUMBER) and not isinstance(value, bool):
        return float(value)
    return None


def components(res: dict) -> list[dict]:
    comps = res.get("component")
    return [c for c in comps if isinstance(c, dict)] if isinstance(comps, list) else []
