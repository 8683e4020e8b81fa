"""One service call as a handler sees it: the request, and the patient's Assessment on demand
(data acquisition + evaluation run only when a handler asks, once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cds_service.acquisition.prefetch import Acquired, acquire
from cds_service.cards.render import render_cards
from cds_service.guidelines.assessment_model import Assessment
from cds_service.hooks.evaluation import assessment_of, today_utc
from cds_service.hooks.registry import ServiceDefinition
from cds_service.protocol import HookRequest


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

    def assessment(self) -> Assessment:
        """The typed Assessment of the patient (data acquisition + evaluation, once per call)."""
        if self._assessment is None:
            res = self.resources
            self.acquired = acquire(self.service.prefetch, self.request, res.settings, res.session, res.pool)
            a = assessment_of(self.acquired.resources, self.patient_id, today_utc(), res.settings.guidelines,
                              res.settings.strict_validation)
            if self.acquired.unavailable:
                a = a.model_copy(update={
                    "flags": [*a.flags, "DATA_UNAVAILABLE"],
                    "unavailable_data": {k: self.acquired.reasons.get(k, "unavailable")
                                         for k in self.acquired.unavailable}})
            self._assessment = a
        return self._assessment

    def cards_for_patient(self) -> list:
        return render_cards(self.assessment(), links=list(self.resources.status_links))
