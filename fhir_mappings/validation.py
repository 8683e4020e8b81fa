"""Per-resource validation with fhir.resources.R4B.

Resources are validated one at a time (fhir-input.md): one odd resource is skipped and counted, it
never sinks the rest. Only resources a rule can use are validated (relevance.py); mapping then reads
the validated dicts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable

import orjson
from fhir.resources.R4B import get_fhir_model_class

from .relevance import is_relevant

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


