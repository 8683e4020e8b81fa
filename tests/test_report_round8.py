"""CT and pathology report text: principles found by the blind text round of 2026-12-05
(tests/data/reports_round8, README there; its floors are in test_report_rounds.py; clinical-logic.md §1.4
for the CT SPD and new lesions, architecture.md second set for biopsy results). Each case is written here,
not taken from the set."""

import pytest

from fhir_mappings.ct_text import extract_ct_findings
from fhir_mappings.pathology_text import extract_pathology_findings
from fhir_mappings.pet_text import extract_pet_findings


def _v(fact):
    return None if fact is None else fact.value


@pytest.mark.parametrize(("text", "result"), [
    # a reference laboratory's letter: "Our opinion:" / "Our diagnosis:" is the diagnosis; a denied other
    # entity there does not deny the lymphoma it names
    ("Dear colleague, thank you for the slides of the left neck node.\nOur opinion: diffuse large B-cell lymphoma, "
     "GCB type.\nNo features of high-grade B-cell lymphoma.\nYours sincerely", "positive"),
    ("Second opinion.\nOur diagnosis: T-cell/histiocyte-rich large B-cell lymphoma of the spleen.\nThere is no "
     "evidence of a T-cell lymphoma.", "positive"),
    # a retracted reading denies what it read
    ("Frozen section: favour lymphoma.\nFINAL DIAGNOSIS: metastatic squamous carcinoma. Lymphoma is excluded. The "
     "frozen section interpretation of lymphoma is revised.", "negative"),
    # "neither confirmed nor excluded" and a hyphenated "steroid-treated" are hedges, not denials or history
    ("CONCLUSION: atypical aggregate; involvement by lymphoma can neither be confirmed nor excluded.", "unknown"),
    ("DIAGNOSIS: No lymphoma identified in this sample; however, a steroid-treated lymphoma cannot be excluded.",
     "unknown"),
    ("DIAGNOSIS: Recurrent DLBCL. The diagnosis of lymphoma is revised to DLBCL, non-GCB type.", "positive"),
])
def test_pathology_result(text, result):
    assert extract_pathology_findings(text).result == result


@pytest.mark.parametrize(("text", "spd"), [
    ("Target lesions Baseline Current\n| T1 | 4.0 x 3.0 (12.0) | 2.0 x 1.5 (3.0) |\n| SPD | | 12.0 | 3.0 |", 3.0),
    ("Target lesions (cm)     Baseline     Nadir        Today\nT1 mediastinum   9.8 x 7.5    5.9 x 3.8    6.1 x 4.0\n"
     "SPD (cm2)               81.3         27.62        31.4", 31.4),
    ("Site   Baseline   Current   PPD now (mm2)\nSPD    5004 mm2   2253 mm2   (-55%)", 22.53),
    ("Target lesion SPD (cm2): 11.3 (baseline 40.2).", 11.3),  # the unit's "2" is not the value
    ("Target lesions: 4. SPD: 2,450 mm2 (staging: 6,120 mm2).", 24.5),  # thousands
    ("SPD 9,7 cm2 (baseline 44,5 cm2).", 9.7),  # a decimal comma
    ("| Lesion | A | B |\n| SPD | 12.0 | 3.0 |", None),  # columns no header names: not stated, never guessed
])
def test_ct_spd(text, spd):
    assert _v(extract_ct_findings(text).spd_cm2) == spd


def test_items_listed_under_a_new_lesions_caption_are_new():
    found = extract_ct_findings("FINDINGS: Target lesions smaller.\nNew lesions:\nNL1 right inguinal node, 2.6 x 1.9 cm, "
                                "round.\nNL2 left external iliac node, 1.3 x 0.9 cm.\nMesentery: no adenopathy.\n"
                                "Overall: PD.")
    assert _v(found.new_lesions) is True and _v(found.new_node_max_cm) == 2.6


@pytest.mark.parametrize("read", [lambda t: extract_ct_findings(t), lambda t: extract_pet_findings(t)],
                         ids=["ct", "pet"])
def test_a_caption_answered_none_is_no_new_lesion(read):
    """"New lesions:" on its own line is a caption, not a lesion; "None." under it states none (the caption
    alone was read as a new lesion before: a false progression cue)."""
    assert _v(read("FINDINGS: Residual nodes smaller.\nNew lesions:\nNone.\nOverall: partial response.").new_lesions) \
        is False
