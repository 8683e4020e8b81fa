"""Per-resource validation (fhir-input.md): one odd resource is skipped and counted, it never sinks the
rest. Only resources a rule can use are validated (relevance.py); mapping then reads the validated dicts.

Two modes (issue 16):
- `rules` (default): what the rules read, strictly (shape.py against read_schema.py), a few microseconds
  a resource;
- `strict` (`LBCL_CDS_STRICT_VALIDATION=1`, `lbcl-cds evaluate --strict`): that, and the whole resource
  validated with its fhir.resources R4B model (about 80 microseconds a resource, outcomes cached by a
  digest of the resource's JSON: an EHR sends the same resources again on every hook of a patient).
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterable

from fhir.resources.R4B import get_fhir_model_class

from .digest_lru import DigestLRU, json_digest
from .relevance import UNREADABLE, relevance
from .shape import invalid_element

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


# Resources already validated, keyed by a digest of their JSON (issue 7). An EHR sends the same
# resources again on every hook of a patient (patient-view, order-select, order-sign, the next chart
# opening): validating each only once saves most of the per-request cost. Only the outcome (valid or not)
# is kept, never the resource. Size from LBCL_CDS_VALIDATION_CACHE (entries; 0 disables).
CACHE: DigestLRU[bytes, bool] = DigestLRU(int(os.environ.get("LBCL_CDS_VALIDATION_CACHE", "20000") or 0))


def _r4b_valid(rt: str, res: dict) -> bool:
    key = json_digest(res) if CACHE.size else None
    if key:
        cached = CACHE.get(key)
        if cached is not None:
            return cached
    try:
        model_class(rt).model_validate(res)
        ok = True
    except Exception:  # pydantic ValidationError or a type error deep in a model
        ok = False
    if key:
        CACHE.put(key, ok)
    return ok


def _reason(rt: object, element: str) -> str:
    """`Type.element` (our names only: never a value from the resource)."""
    return f"{rt if isinstance(rt, str) and rt in USED_TYPES else 'resource'}.{element}"


def validate_resources(raw: Iterable[dict], strict: bool = False) -> tuple[list[dict], int]:
    """The resources a rule can use, each valid for the rules (and for its R4B model when `strict`);
    return (valid dicts, number skipped as invalid). One log line names what was skipped, without PHI."""
    valid: list[dict] = []
    reasons: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for res in raw:
        rt = res.get("resourceType")
        if not isinstance(rt, str):  # a JSON object where a resource belongs, but no resource
            reasons[_reason(rt, "resourceType")] += 1
            continue
        if rt not in USED_TYPES:
            continue
        relevant = relevance(res)
        if relevant is False:
            continue
        rid = res.get("id")
        if isinstance(rid, str):
            key = (rt, rid)
            if key in seen:  # same resource twice (prefetch key overlap)
                continue
            seen.add(key)
        element = invalid_element(res) or ("code" if relevant is UNREADABLE else None)
        if element is None and (not strict or _r4b_valid(rt, res)):
            valid.append(res)
        else:
            reasons[_reason(rt, element or "R4B model")] += 1
    skipped = sum(reasons.values())
    if skipped:
        log.warning("skipped invalid resources", extra={"count": skipped, "error": ", ".join(
            f"{name} x{n}" for name, n in reasons.most_common(5))})
    return valid, skipped
