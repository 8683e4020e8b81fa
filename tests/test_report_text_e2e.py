"""Issue 12 end to end: CT and pathology results known only as report text give the same Assessment
as the same findings coded (CT: TumorSize + mCODE CancerDiseaseStatus; pathology: conclusionCode)."""

from __future__ import annotations

import base64

import fhir_builders as fb
import pytest
from rule_helpers import add_months_str, case, last_dose, pet, plus, run, tumor_size

SCT, LOINC = fb.SCT, fb.LOINC
EOT = plus(last_dose(), 35)
RELAPSE = add_months_str(last_dose(), 7)

KEYS = ("latest_response.category", "latest_response.modality", "labels.bock_group", "labels.relapse_date",
        "labels.relapse_biopsy_proven", "labels.early_treatment_failure", "labels.eot_response_1l",
        "labels.nccn_refractory")


def dotted(a: dict, key: str) -> object:
    node: object = a
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def ct_report(day: str, text: str, attach: bool = False) -> dict:
    r = {"resourceType": "DiagnosticReport", "id": f"ct-{day}", "status": "final", "subject": {"reference": "Patient/p1"},
         "code": {"coding": [{"system": LOINC, "code": "24627-2", "display": "CT Chest"}],
                  "text": "CT chest, abdomen and pelvis"}, "effectiveDateTime": day}
    if attach:
        r["presentedForm"] = [{"contentType": "text/plain", "data": base64.b64encode(text.encode()).decode()}]
    else:
        r["conclusion"] = text
    return r


def disease_status(day: str, snomed: str) -> dict:
    return {"resourceType": "Observation", "id": f"ds-{day}", "status": "final", "subject": {"reference": "Patient/p1"},
            "code": {"coding": [{"system": LOINC, "code": "97509-4"}]}, "effectiveDateTime": day,
            "valueCodeableConcept": {"coding": [{"system": SCT, "code": snomed}]}}


def pathology(day: str, text: str | None = None, code: str | None = None) -> dict:
    r = {"resourceType": "DiagnosticReport", "id": f"path-{day}", "status": "final",
         "subject": {"reference": "Patient/p1"}, "code": {"coding": [{"system": LOINC, "code": "22637-3"}]},
         "effectiveDateTime": day}
    if text:
        r["presentedForm"] = [{"contentType": "text/plain", "data": base64.b64encode(text.encode()).decode()}]
    if code:
        r["conclusionCode"] = [{"coding": [{"system": "http://lbcl-cds.org/fhir/CodeSystem/lbcl-cds", "code": code}]}]
    return r


def _same(text_chart: list[dict], coded_chart: list[dict], as_of: str) -> tuple[dict, dict]:
    a, b = run(case(extra=text_chart), as_of=as_of), run(case(extra=coded_chart), as_of=as_of)
    assert {k: dotted(a, k) for k in KEYS} == {k: dotted(b, k) for k in KEYS}
    assert {r["rule"] for r in a["recommendations"]} == {r["rule"] for r in b["recommendations"]}
    return a, b


@pytest.mark.parametrize("attach", [False, True])
def test_ct_progression_in_text_equals_coded(attach):
    base = [pet(plus(last_dose(), -60), ds=2), pet(EOT, ds=2)]
    text = ("FINDINGS: New enlarged left external iliac lymph node measuring 2.6 x 1.9 cm.\n"
            "IMPRESSION: Progressive disease: new iliac lymphadenopathy consistent with recurrent lymphoma.")
    a, _ = _same([*base, ct_report(RELAPSE, text, attach)],
                 [*base, tumor_size(RELAPSE, 2.6, 1.9, site="left external iliac node"),
                  disease_status(RELAPSE, "271299001")], plus(RELAPSE, 2))
    assert a["latest_response"]["modality"] == "CT" and a["latest_response"]["category"] == "PD"
    assert "T0" in {r["rule"] for r in a["recommendations"]} and a["latest_response"]["from_text"] is True


@pytest.mark.parametrize(("text", "code"), [
    ("DIAGNOSIS: Recurrent diffuse large B-cell lymphoma; no other malignancy identified.", "biopsy-positive"),
    ("DIAGNOSIS: Reactive lymphoid hyperplasia. No evidence of lymphoma.", "biopsy-negative"),
])
def test_pathology_in_text_equals_coded(text, code):
    base = [pet(plus(last_dose(), -60), ds=4, uptake="reduced"), pet(EOT, ds=4, uptake="reduced"),
            fb.biopsy(plus(EOT, 7), None)[0]]
    a, _ = _same([*base, pathology(plus(EOT, 9), text=text)], [*base, pathology(plus(EOT, 9), code=code)],
                 plus(EOT, 10))
    assert a["labels"]["eot_response_1l"] == ("PR" if code == "biopsy-positive" else "CR")


def test_unclear_pathology_text_is_never_positive():
    base = [pet(plus(last_dose(), -60), ds=4, uptake="reduced"), pet(EOT, ds=4, uptake="reduced")]
    a = run(case(extra=[*base, pathology(plus(EOT, 9), text="Atypical lymphoid infiltrate; lymphoma cannot be "
                                                           "excluded; insufficient material for classification.")]),
            as_of=plus(EOT, 10))
    assert "BIOPSY_RESULT_UNCLEAR" in a["flags"]
    assert a["labels"]["eot_response_1l"] == "PENDING" and a["labels"]["nccn_refractory"] is not True
