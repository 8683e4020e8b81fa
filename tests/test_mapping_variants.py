"""Tier-1 input variants an EHR sends (fhir-input.md): Deauville as valueString / NCIt code / X in
interpretation, stage as valueString or a system-less code, ICD-10 without the dot, mm units."""

from datetime import date

import pytest

import fhir_builders as fb
from cds_service.hooks.evaluation import evaluate
from fhir_mappings.build import build_case_facts

SCT = "http://snomed.info/sct"
NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl"


def deauville_obs(day: str, **value) -> dict:
    return {"resourceType": "Observation", "id": f"ds-{day}-{len(value)}", "status": "final",
            "subject": {"reference": "Patient/p1"}, "code": {"coding": [{"system": SCT, "code": "708895006"}]},
            "effectiveDateTime": day, **value}


@pytest.mark.parametrize(("value", "ds", "x"), [
    ({"valueInteger": 4}, 4, False),
    ({"valueString": "4"}, 4, False),
    ({"valueString": "DS 3"}, 3, False),
    ({"valueCodeableConcept": {"coding": [{"system": NCIT, "code": "C99750"}]}}, 5, False),
    ({"valueCodeableConcept": {"text": "2"}}, 2, False),
    ({"interpretation": [{"coding": [{"system": NCIT, "code": "C136879"}]}]}, None, True),
])
def test_deauville_value_forms(value, ds, x):
    facts = build_case_facts([fb.bundle(fb.advanced_case([deauville_obs("2025-03-05", **value)]))], "p1")
    scan = facts.imaging[-1]
    assert scan.max_ds == ds
    assert any(s.score_x for s in scan.sites) is x


def test_deauville_value_out_of_range_is_not_a_score():
    facts = build_case_facts([fb.bundle(fb.advanced_case([deauville_obs("2025-03-05", valueString="12")]))], "p1")
    assert facts.imaging[-1].max_ds is None


@pytest.mark.parametrize(("stage_obs", "expected"), [
    ({"valueString": "Stage IIIA"}, (3, "A")),
    ({"valueCodeableConcept": {"coding": [{"code": "IIIX"}]}}, (3, "X")),
    ({"valueCodeableConcept": {"text": "Ann Arbor stage IV B"}}, (4, "B")),
])
def test_stage_forms(stage_obs, expected):
    obs = fb.stage("x")
    del obs["valueCodeableConcept"]
    obs.update(stage_obs)
    facts = build_case_facts([fb.bundle([fb.patient(), fb.condition(), obs])], "p1")
    assert (facts.staging.stage, facts.staging.suffixes) == expected


def test_icd10_without_dot_and_status_rules():
    cond = fb.condition(code="C8338")
    refuted = fb.condition(code="C85.20")
    refuted["verificationStatus"] = {"coding": [{"code": "refuted"}]}
    facts = build_case_facts([fb.bundle([fb.patient(), cond, refuted])], "p1")
    assert facts.diagnosis == "DLBCL"
    draft = fb.pet("2025-03-05", ds=5, uptake="increased")
    draft["status"] = "preliminary"  # only final/amended/corrected Observations count
    a = evaluate([fb.bundle(fb.advanced_case([fb.pet("2025-03-05", ds=2), draft]))], "p1", date(2025, 3, 6))
    assert a["latest_response"]["category"] == "CMR"
