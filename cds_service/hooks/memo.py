"""The same chart, evaluated once (issue 16): an EHR sends a patient's chart again on every hook of a
session (patient-view at each opening, order-select, order-sign) and the Assessment is a pure function of
what it sent (the prefetched data, the patient id, the evaluation date and the settings). Each app keeps
the last `LBCL_CDS_ASSESSMENT_CACHE` Assessments (default 256; 0 off) by a SHA-256 digest of the prefetch; a call
whose data was all prefetched (nothing fetched, nothing missing) and seen before skips validation, mapping
and the guidelines. Cards are still rendered for each call (each card has its own uuid).

A new chart (the cold path) costs the digest (orjson + SHA-256, taken as the call starts while the parsed
prefetch is still in the CPU's caches: about 50 microseconds for 111 resources, 1-2 ms for 2,000) and,
once the answer is sent (`HookCall.after_response`, run when the server closes the response), keeping
the Assessment and letting the oldest one go when the memo is full."""

from __future__ import annotations

import os
import threading
import weakref
from datetime import date

from fhir_mappings.digest_lru import DigestLRU, json_digest

from cds_service.guidelines.assessment_model import Assessment

SIZE = int(os.environ.get("LBCL_CDS_ASSESSMENT_CACHE", "256") or 0)
PREFETCHED_ONLY = {"prefetched", "null"}


class AssessmentMemo(DigestLRU[tuple, Assessment]):
    """Assessments by (the chart's digest, patient id, evaluation date, guideline settings, strict mode)."""

    @staticmethod
    def digest(prefetch: dict | None) -> bytes | None:
        """The chart's digest; None for JSON nested deeper than orjson writes (not kept)."""
        return json_digest(prefetch)

    @staticmethod
    def key(digest: bytes, patient_id: str, as_of: date, settings: object, strict: bool) -> tuple:
        return (digest, patient_id, as_of, settings, strict)


_MEMOS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # app (its fetch pool) -> its memo
_MEMOS_LOCK = threading.Lock()


def memo_of(app_object: object) -> AssessmentMemo | None:
    """The memo of one app, found by an object the app owns (its fetch pool); None when turned off."""
    if SIZE <= 0:
        return None
    with _MEMOS_LOCK:
        memo = _MEMOS.get(app_object)
        if memo is None:
            memo = _MEMOS[app_object] = AssessmentMemo(SIZE)
        return memo
