"""Issue 4 end to end: a PET result known only as report text gives the same Assessment as the same
findings coded (tier 2), quotes the sentence as evidence, and flags coded/text disagreement."""

import base64
import uuid
from datetime import date

import pytest

import fhir_builders as fb
from cds_service.hooks.evaluation import evaluate


def report(day: str, text: str, pid: str = "p1", as_attachment: str | None = None) -> dict:
    r = {"resourceType": "DiagnosticReport", "id": f"rep{uuid.uuid4().hex[:8]}", "status": "final",
         "subject": {"reference": f"Patient/{pid}"},
         "code": {"coding": [{"system": "http://loinc.org", "code": "44139-4", "display": "PET whole body"}]},
         "effectiveDateTime": day}
    if as_attachment:
        r["presentedForm"] = [{"contentType": as_attachment, "data": base64.b64encode(text.encode()).decode()}]
    else:
        r["conclusion"] = text
    return r


SCENARIOS = [
    ("interim PMR", dict(ds=4, uptake="reduced", new=False),
     "Interim PET-CT after 3 cycles of R-CHOP. Residual left iliac nodal uptake, Deauville score 4, markedly "
     "reduced compared with the baseline study. No new FDG-avid lesions."),
    ("interim NMR", dict(ds=5, uptake="unchanged", new=False),
     "Interim restaging. The mesenteric mass remains intensely avid (Deauville 5) with uptake unchanged from "
     "baseline. No new sites of disease."),
    ("interim CMR", dict(ds=2, new=False),
     "Complete metabolic response. All previously involved sites show uptake below the mediastinal blood "
     "pool, Deauville 2. No new lesions."),
    ("progression", dict(ds=5, uptake="increased", new=True, etiology="lymphoma"),
     "Progressive metabolic disease: increased uptake in the retroperitoneal nodes (Deauville 5) and new "
     "FDG-avid liver lesions consistent with lymphoma."),
]


def _case(pet_resources: list[dict]) -> dict:
    return fb.bundle(fb.advanced_case(pet_resources))


@pytest.mark.parametrize(("name", "coded", "text"), SCENARIOS, ids=[s[0] for s in SCENARIOS])
@pytest.mark.parametrize("form", ["conclusion", "text/plain", "text/html"])
def test_text_only_matches_coded(name, coded, text, form):
    as_of = date(2025, 3, 6)
    a_coded = evaluate([_case([fb.pet("2025-03-05", **coded)])], "p1", as_of)
    body = f"<html><body><p>{text}</p></body></html>" if form == "text/html" else text
    rep = report("2025-03-05", body, as_attachment=None if form == "conclusion" else form)
    a_text = evaluate([_case([rep])], "p1", as_of)
    for key in ("category", "rule", "timepoint", "cycles_before"):
        assert a_text["latest_response"][key] == a_coded["latest_response"][key], key
    assert [r["rule"] for r in a_text["recommendations"]] == [r["rule"] for r in a_coded["recommendations"]]
    assert a_text["labels"] == a_coded["labels"]
    assert a_text["pathway"] == a_coded["pathway"]
    assert a_text["latest_response"]["from_text"] is True
    quotes = " ".join(a_text["latest_response"]["quotes"])
    assert "Deauville" in quotes  # the sentence the score came from, for the card


def test_card_quotes_the_report_sentence(client):
    text = SCENARIOS[0][2]
    resources = fb.advanced_case([report("2025-03-05", text)])
    body = {"hook": "patient-view", "hookInstance": "q1", "context": {"patientId": "p1"},
            "prefetch": {"patient": resources[0], "observations": fb.bundle(resources[1:-1], "searchset"),
                         "medicationAdministrations": fb.bundle([r for r in resources if
                                                                 r["resourceType"] == "MedicationAdministration"]),
                         "diagnosticReports": fb.bundle([resources[-1]], "searchset")}}
    cards = client.post("/cds-services/lbcl-response", json=body).get_json()["cards"]
    assert "**Evidence**" in cards[0]["detail"] and "> \"" in cards[0]["detail"]  # the quoted sentence
    assert "Deauville score 4" in cards[0]["detail"]


def test_coded_and_text_disagreement_is_flagged_and_coded_kept():
    rep = report("2025-03-05", "Residual uptake, Deauville 5, reduced compared with baseline. No new lesions.")
    a = evaluate([_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False), rep])], "p1", date(2025, 3, 6))
    assert "CODED_TEXT_DISAGREE" in a["flags"]
    assert a["latest_response"]["deauville"] == 4


def test_ambiguous_text_score_is_unknown_not_guessed():
    """Two readers disagreeing is ambiguous (a range is not: it counts as its highest score, see below)."""
    rep = report("2025-03-05", "Residual nodal uptake. Reader 1: Deauville 3. Reader 2: Deauville 4. No new lesions.")
    a = evaluate([_case([rep])], "p1", date(2025, 3, 6))
    assert a["latest_response"]["category"] == "INDETERMINATE"
    assert "TEXT_DEAUVILLE_AMBIGUOUS" in a["flags"]
    assert "deauville_score" in a["missing"]


def test_a_text_score_range_counts_as_its_highest_score():
    """architecture.md, second set: "Deauville 3-4" is Deauville 4, not an indeterminate scan."""
    rep = report("2025-03-05", "Residual nodal uptake, Deauville 3-4. No new lesions.")
    a = evaluate([_case([rep])], "p1", date(2025, 3, 6))
    assert a["latest_response"]["deauville"] == 4
    assert a["latest_response"]["category"] == "PET_POSITIVE_UNCLASSIFIED"
    assert "TEXT_DEAUVILLE_AMBIGUOUS" not in a["flags"]


def test_suv_numbers_alone_do_not_code_uptake():
    rep = report("2025-03-05", "Residual left axillary node, Deauville 4, SUVmax 6.1 (previously 14.2). "
                 "No new lesions.")
    a = evaluate([_case([rep])], "p1", date(2025, 3, 6))
    assert a["latest_response"]["category"] == "PET_POSITIVE_UNCLASSIFIED"
    assert "UPTAKE_CHANGE_NOT_CODED" in a["flags"]
    assert "uptake_vs_baseline" in a["missing"]
