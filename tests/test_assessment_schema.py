"""The typed Assessment and its published JSON Schema (issue 11).

- docs/assessment.schema.json is what the model generates, and every version of it has a note in
  docs/assessment-schema-changes.md;
- the Assessment of every shipped patient, every vignette and every event chart validates against the
  published schema (an independent validator: jsonschema-rs);
- the model refuses a misspelt key and a value outside a binding vocabulary.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import jsonschema_rs
import pytest
from pydantic import ValidationError

from cds_service.guidelines.assessment_model import Assessment
from cds_service.hooks.evaluation import evaluate
from cds_service.patients import catalogue

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import assessment_schema  # noqa: E402

SCHEMA = json.loads((ROOT / "docs" / "assessment.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema_rs.validator_for(SCHEMA)


def charts() -> list[tuple[str, Path, str]]:
    out = []
    for folder in ("vignettes", "event_charts"):
        exp = ROOT / "tests" / folder / "expected.json"
        if exp.exists():
            for cid, e in json.loads(exp.read_text(encoding="utf-8")).items():
                if "bundle" in e:
                    out.append((f"{folder}/{cid}", ROOT / "tests" / folder / e["bundle"], e["as_of"]))
    return out


def test_published_schema_is_current():
    assert (ROOT / "docs" / "assessment.schema.json").read_text(encoding="utf-8") == assessment_schema.text(), \
        "regenerate with `python tools/assessment_schema.py` and add a version note"


def test_every_schema_version_has_a_note():
    notes = (ROOT / "docs" / "assessment-schema-changes.md").read_text(encoding="utf-8")
    key = assessment_schema.digest(assessment_schema.text())
    assert f"| {key} |" in notes, f"no version note for schema {key} in docs/assessment-schema-changes.md"


@pytest.mark.parametrize("patient", catalogue(), ids=lambda p: p.patient_id)
def test_shipped_patient_assessment_matches_the_schema(patient):
    a = evaluate([patient.bundle()], patient.patient_id, date.fromisoformat(patient.as_of))
    errors = [e.message for e in VALIDATOR.iter_errors(a)]
    assert errors == []


@pytest.mark.parametrize(("cid", "path", "as_of"), charts(), ids=lambda x: x if isinstance(x, str) else "")
def test_test_chart_assessment_matches_the_schema(cid, path, as_of):
    a = evaluate([json.loads(path.read_text(encoding="utf-8"))], None, date.fromisoformat(as_of))
    errors = [e.message for e in VALIDATOR.iter_errors(a)]
    assert errors == []


def _minimal() -> dict:
    return {"schema": "lbcl-cds.assessment/1", "as_of": "2025-01-01", "labels": {
        "bock_group": "UNDETERMINED", "trial_classes": {"zuma7": "undetermined", "transform": "undetermined",
                                                        "belinda": "undetermined"}},
            "scores": {}, "recommendations": [], "flags": [], "missing": [], "evidence": []}


def test_the_model_round_trips_and_keeps_absent_apart_from_null():
    d = _minimal() | {"pathway": None}
    assert Assessment.model_validate(d).to_json() == d
    assert VALIDATOR.is_valid(d)


@pytest.mark.parametrize("change", [
    {"labels": {"bock_group": "EARLY_RELAPSE_6_12M_TYPO", "trial_classes": {
        "zuma7": "undetermined", "transform": "undetermined", "belinda": "undetermined"}}},
    {"pathwy": "NCCN_LIMITED"},
    {"pathway": "NCCN_MEDIUM"},
    {"latest_response": {"date": "2025-01-01", "timepoint": "interim", "modality": "MRI", "category": "CMR"}},
])
def test_a_renamed_key_or_an_unknown_value_is_refused_by_model_and_schema(change):
    d = _minimal() | change
    with pytest.raises(ValidationError):
        Assessment.model_validate(d)
    assert not VALIDATOR.is_valid(d)
