"""The one place the SMART app imports the rest of the service from.

Everything the app needs from the engine (FHIR -> CaseFacts -> Assessment), from the HTTP
layer (body reading, typed errors) and from the hook's data contract (the prefetch queries) comes
through here.
"""

from __future__ import annotations

from cds_service.cards import labels
from cds_service.cards import sections as card_sections
from cds_service.cards.render import indicator as card_indicator
from cds_service.cards.render import needed as needed_inputs
from cds_service.cards.render import stale_note
from cds_service.errors import CdsError, ConfigError, InvalidRequest, NotFound
from cds_service.guidelines.assessment import assess
from cds_service.guidelines.assessment_model import Assessment
from cds_service.guidelines.dates import add_months
from cds_service.guidelines.lugano_pet import meaning
from cds_service.guidelines.settings import GuidelineSettings
from cds_service.hooks.evaluation import evaluate, today_utc
from cds_service.hooks.registry import PATIENT_PREFETCH
from cds_service.protocol import Link
from fhir_mappings.build import build_case_facts
from fhir_mappings.case_facts import CaseFacts

__all__ = ["Assessment", "card_indicator", "card_sections", "labels", "needed_inputs", "stale_note",
           "add_months", "meaning", "CaseFacts", "CdsError", "ConfigError", "GuidelineSettings", "InvalidRequest",
           "Link", "NotFound", "PATIENT_PREFETCH", "discovery_of", "replace_discovery",
           "build_case_facts", "evaluate", "evaluate_case", "read_json_body", "settings_of", "today_utc"]


def evaluate_case(resources: list[object], patient_id: str, as_of, settings: GuidelineSettings
                  ) -> tuple[CaseFacts, dict]:
    """CaseFacts and the Assessment for one patient: the hook's own path (build_case_facts -> assess),
    mapping once, plus the facts the timeline is drawn from."""
    facts = build_case_facts(resources, patient_id)
    return facts, assess(facts, as_of, settings).to_json()


def read_json_body(max_bytes: int) -> object:
    """The hook's body reader (Content-Type, size cap, JSON): same 413/415/400 answers. Imported when
    called, so the pure modules that import this one never load Flask."""
    from cds_service.api.http import read_json_body as read

    return read(max_bytes)


def settings_of(app) -> tuple[object, GuidelineSettings]:
    """(the service Settings, the guideline settings) of a running app."""
    state = app.extensions["lbcl_cds"]
    return state.settings, state.settings.guidelines


def discovery_of(app) -> dict:
    """The app's CDS Hooks discovery document (built once at start-up from the service registry)."""
    return app.extensions["lbcl_cds"].registry.discovery


def replace_discovery(app, document: dict) -> None:
    app.extensions["lbcl_cds"].registry.discovery = document
