"""One service call as a handler sees it: the request, and the patient's Assessment on demand
(data acquisition + evaluation run only when a handler asks, once)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from cds_service.acquisition.prefetch import Acquired, acquire
from cds_service.cards.render import render_cards
from cds_service.guidelines.assessment_model import Assessment
from cds_service.hooks.evaluation import assessment_of, today_utc
from cds_service.hooks.memo import PREFETCHED_ONLY, memo_of
from cds_service.hooks.registry import ServiceDefinition
from cds_service.protocol import HookRequest

log = logging.getLogger("lbcl_cds.hooks")


@dataclass(frozen=True)
class Resources:
    """What a call may use to fetch FHIR data: the settings, the HTTP session and the fetch pool."""

    settings: Any
    session: Any
    pool: Any
    status_links: tuple = ()  # links the status card carries (the SMART timeline app)


@dataclass
class HookCall:
    request: HookRequest
    service: ServiceDefinition
    patient_id: str
    resources: Resources
    acquired: Acquired | None = None
    _assessment: Assessment | None = field(default=None, repr=False)
    _after: list = field(default_factory=list, repr=False)  # work for after the answer is sent
    _memo: Any = field(default=None, init=False, repr=False)  # the app's Assessment memo (None: turned off)
    _digest: bytes | None = field(default=None, init=False, repr=False)  # the prefetch's, for the memo

    def assessment(self) -> Assessment:
        """The typed Assessment of the patient (data acquisition + evaluation, once per call)."""
        if self._assessment is None:
            res = self.resources
            self.acquired = acquire(self.service.prefetch, self.request, res.settings, res.session, res.pool)
            self._assessment = self._evaluate(today_utc())
        return self._assessment

    def __post_init__(self) -> None:
        # The chart's digest is taken as the call starts, while the parsed prefetch is still in the CPU's
        # caches (about 50 microseconds for 111 resources; 2 to 4 times as much after the evaluation has run).
        self._memo = memo_of(self.resources.pool)
        self._digest = self._memo.digest(self.request.prefetch) if self._memo is not None else None

    def _evaluate(self, as_of) -> Assessment:
        """The Assessment of the acquired data: from the app's memo when the same prefetch was evaluated
        before (hooks/memo.py), else evaluated (and kept in the memo once the answer is sent)."""
        res, acquired = self.resources, self.acquired
        memo = self._memo if set(acquired.outcomes.values()) <= PREFETCHED_ONLY else None
        key = memo.key(self._digest, self.patient_id, as_of, res.settings.guidelines,
                       res.settings.strict_validation) if memo is not None and self._digest else None
        a = memo.get(key) if key else None
        if a is None:
            a = assessment_of(acquired.resources, self.patient_id, as_of, res.settings.guidelines,
                              res.settings.strict_validation)
            if key:
                self._after.append(partial(memo.put, key, a))  # letting the oldest go: after the answer
        if acquired.unavailable:
            a = a.model_copy(update={
                "flags": [*a.flags, "DATA_UNAVAILABLE"],
                "unavailable_data": {k: acquired.reasons.get(k, "unavailable") for k in acquired.unavailable}})
        return a

    def after_response(self) -> None:
        """Run what was left for after the answer (the server calls it when it closes the response). The
        answer is out: a failure here is logged (its kind only) and goes no further."""
        while self._after:
            try:
                self._after.pop(0)()
            except Exception as exc:  # noqa: BLE001 (no request to fail any more)
                log.warning("after-response work failed", extra={"error": type(exc).__name__})

    def cards_for_patient(self) -> list:
        return render_cards(self.assessment(), links=list(self.resources.status_links))

