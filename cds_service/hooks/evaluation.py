"""FHIR data -> CaseFacts -> Assessment: the one path shared by the hook and the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone

from fhir_mappings.build import build_case_facts

from cds_service.guidelines.assessment import assess
from cds_service.guidelines.assessment_model import Assessment
from cds_service.guidelines.settings import DEFAULT_SETTINGS, GuidelineSettings


def today_utc() -> date:
    """The evaluation date: the request time in UTC, never the machine's local timezone."""
    return datetime.now(timezone.utc).date()


def assessment_of(data: Iterable[object], patient_id: str | None = None, as_of: date | None = None,
                  settings: GuidelineSettings = DEFAULT_SETTINGS, strict: bool = False) -> Assessment:
    """The typed Assessment (what the cards and the SMART app consume). `strict`: whole resources
    validated with fhir.resources R4B too (LBCL_CDS_STRICT_VALIDATION)."""
    facts = build_case_facts(data, patient_id, strict)
    return assess(facts, as_of or today_utc(), settings)


def evaluate(data: Iterable[object], patient_id: str | None = None, as_of: date | None = None,
             settings: GuidelineSettings = DEFAULT_SETTINGS, strict: bool = False) -> dict:
    """The Assessment as JSON (the CLI's output and the contract that outside suites check)."""
    return assessment_of(data, patient_id, as_of, settings, strict).to_json()
