"""The same chart, evaluated once (issue 16): an EHR sends a patient's chart again on every hook of a
session (patient-view at each opening, order-select, order-sign) and the Assessment is a pure function of
what it sent (the prefetched data, the patient id, the evaluation date and the settings). Each app keeps
the last `LBCL_CDS_ASSESSMENT_CACHE` Assessments (default 256; 0 off) by a SHA-256 digest of the prefetch; a call
whose data was all prefetched (nothing fetched, nothing missing) and seen before skips validation, mapping
and the guidelines. Cards are still rendered for each call (each card has its own uuid).

A new chart (the cold path) costs the digest (orjson + SHA-256: 50 microseconds for 111 resources, 1-2 ms
for 2,000) and, when the memo is full, letting the oldest Assessment go. For a patient with no entry in the
memo (a chart never seen) that work is done after the answer is sent (`HookCall.after_response`, run when
the server closes the response): a lookup could not have hit."""

from __future__ import annotations

import os
import threading
import weakref
from collections import Counter
from datetime import date

from fhir_mappings.digest_lru import DigestLRU, json_digest

from cds_service.guidelines.assessment_model import Assessment

SIZE = int(os.environ.get("LBCL_CDS_ASSESSMENT_CACHE", "256") or 0)
PREFETCHED_ONLY = {"prefetched", "null"}


class AssessmentMemo(DigestLRU[tuple, Assessment]):
    """Also counts its entries per patient id: a chart of a patient with no entry cannot be in the memo, so
    its digest is not needed to look it up, and the call can store it after its answer is sent."""

    def __init__(self, size: int):
        super().__init__(size)
        self._patients: Counter[str] = Counter()

    @staticmethod
    def key(prefetch: dict, patient_id: str, as_of: date, settings: object, strict: bool) -> tuple | None:
        digest = json_digest(prefetch)  # None for JSON nested deeper than orjson writes: not kept
        return (digest, patient_id, as_of, settings, strict) if digest else None

    def holds_patient(self, patient_id: str) -> bool:
        with self._lock:
            return self._patients[patient_id] > 0

    def _added(self, key: tuple) -> None:
        self._patients[key[1]] += 1

    def _removed(self, key: tuple) -> None:
        self._patients[key[1]] -= 1
        if self._patients[key[1]] <= 0:
            del self._patients[key[1]]


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
