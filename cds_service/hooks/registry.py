"""The one service registry: discovery is rendered from it and routing dispatches on it.

Each service is a frozen dataclass (style.md lesson 3); the registry is validated at start-up.
Prefetch templates use only CDS Hooks 2.0 tokens ({{context.patientId}}) and the query subset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

PATIENT_PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    "observations": "Observation?patient={{context.patientId}}&_count=200",
    "medicationAdministrations": "MedicationAdministration?patient={{context.patientId}}&_count=200",
    "procedures": "Procedure?patient={{context.patientId}}",
    "diagnosticReports": "DiagnosticReport?patient={{context.patientId}}",
}
_COUNT = re.compile(r"([?&]_count=)\d+")
_TOKEN = re.compile(r"\{\{([^}]*)\}\}")
_ALLOWED_TOKENS = {"context.patientId", "context.userId", "context.encounterId", "userPractitionerId",
                   "userPractitionerRoleId", "userPatientId", "userRelatedPersonId"}


@dataclass(frozen=True)
class ServiceDefinition:
    id: str
    hook: str
    title: str
    description: str
    handler: Callable[..., list]
    prefetch: dict[str, str] = field(default_factory=dict)
    required_prefetch: tuple[str, ...] = ("patient",)
    usage_requirements: str | None = None

    def discovery_entry(self) -> dict:
        entry = {"hook": self.hook, "id": self.id, "title": self.title, "description": self.description}
        if self.prefetch:
            entry["prefetch"] = dict(self.prefetch)
        if self.usage_requirements:
            entry["usageRequirements"] = self.usage_requirements
        return entry


class Registry:
    def __init__(self, services: list[ServiceDefinition]):
        self._by_id: dict[str, ServiceDefinition] = {}
        for s in services:
            if s.id in self._by_id:
                raise ValueError(f"duplicate service id {s.id}")
            for template in s.prefetch.values():
                for token in _TOKEN.findall(template):
                    if token.strip() not in _ALLOWED_TOKENS:
                        raise ValueError(f"prefetch token {token!r} is not CDS Hooks 2.0 syntax")
            for key in s.required_prefetch:
                if key not in s.prefetch:
                    raise ValueError(f"required prefetch key {key} not in templates of {s.id}")
            self._by_id[s.id] = s
        self.discovery = {"services": [s.discovery_entry() for s in services]}

    def get(self, service_id: str) -> ServiceDefinition | None:
        return self._by_id.get(service_id)

    def __iter__(self):
        return iter(self._by_id.values())


def with_page_size(services: list[ServiceDefinition], size: int) -> list[ServiceDefinition]:
    """The services with every `_count` in their prefetch templates set to `size` (LBCL_CDS_FHIR_PAGE_SIZE):
    what discovery shows the EHR and what the service asks when it fetches a key itself."""
    return [replace(s, prefetch={k: _COUNT.sub(lambda m: m.group(1) + str(size), t) for k, t in s.prefetch.items()})
            for s in services]
