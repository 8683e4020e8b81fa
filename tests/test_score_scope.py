"""Which scan a score belongs to, and which score is the scan's (found by the blind chart round of
2026-12-05, tests/blind_charts/; rules P5-P7, clinical-logic.md §1.1; architecture.md, second set: a
range or a list counts as its highest current score, an addendum's revision wins).

1. A study named as the object of a comparison ("compared with baseline", "relative to the staging
   study", "than at staging") is the comparator; after a spaced dash (a clause break) the report goes
   on about the current scan. Its score or category there is the current one. A score labelled by the
   study ("Baseline - Deauville 5", "compared with baseline (Deauville 5)") stays the baseline's.
2. A site scored lower than the scan's own score does not lower it ("the pulmonary nodules have resolved
   (Deauville 2)" beside "Deauville 5 residual nodal disease").
3. An addendum that revises the score supersedes the report's site scores above it.
"""

from datetime import date

import pytest
from test_pet_text_e2e import report

import fhir_builders as fb
from cds_service.hooks.evaluation import evaluate
from fhir_mappings.pet_text import extract_pet_findings


def _v(fact):
    return None if fact is None else fact.value


@pytest.mark.parametrize(("text", "ds", "category"), [
    ("Interim PET after 3 cycles. Nodal uptake markedly reduced compared with baseline - Deauville 3. "
     "No new lesions.", 3, None),
    ("Residual mediastinal activity, decreased relative to the staging study – DS 4.", 4, None),
    ("The left axillary node is much less avid than at staging — five-point scale score 2.", 2, None),
    ("Nodal disease persists with intensity unchanged compared to the pre-treatment scan - no metabolic "
     "response, Deauville 5.", 5, "NMR"),
    ("Uptake reduced in comparison with the baseline PET - complete metabolic response.", None, "CMR"),
])
def test_a_value_after_the_comparator_and_a_dash_is_the_current_scans(text, ds, category):
    found = extract_pet_findings(text)
    assert _v(found.deauville) == ds
    assert _v(found.category) == category


@pytest.mark.parametrize(("text", "ds"), [
    ("Interim PET. Baseline - Deauville 5. Residual mediastinal uptake now Deauville 3.", 3),
    ("Residual uptake in the neck, Deauville 3, compared with baseline (Deauville 5).", 3),
    ("Interim PET after 3 cycles. Staging - DS 5 in the mediastinum. Today the mediastinal mass scores DS 2.", 2),
])
def test_a_score_labelled_by_an_earlier_study_stays_that_studys(text, ds):
    assert _v(extract_pet_findings(text).deauville) == ds


def test_an_addendum_revising_the_score_supersedes_the_sites_scored_above_it():
    text = ("FINDINGS: Residual left supraclavicular node with uptake above liver. Right hilar node resolved.\n"
            "IMPRESSION: Left supraclavicular uptake, Deauville 4; right hilum, Deauville 2. Partial metabolic "
            "response.\n\nADDENDUM: With the corrected liver reference the supraclavicular uptake is below liver. "
            "Revised Deauville score 3. Revised impression: complete metabolic response.")
    found = extract_pet_findings(text)
    assert _v(found.deauville) == 3 and found.addendum_revised
    assert found.sites and max(ds for _, ds in found.sites) <= 3


def _latest(text: str) -> dict:
    a = evaluate([fb.bundle(fb.advanced_case([report("2025-03-05", text)]))], "p1", date(2025, 3, 6))
    return a["latest_response"]


def test_a_site_scored_lower_does_not_lower_the_scans_score():
    """P6 (NMR at interim), not P5: the scan's Deauville 5 stands beside a resolved site's Deauville 2."""
    latest = _latest("Interim PET after 3 cycles. Left cervical nodal disease persists with intensity unchanged "
                     "compared with the staging study. The pulmonary nodules have resolved (Deauville 2). No new "
                     "sites of disease.\nConclusion: Deauville 5 residual nodal disease, no significant change in "
                     "uptake compared with baseline.")
    assert (latest["deauville"], latest["category"], latest["rule"]) == (5, "NMR", "P6")


def test_an_addendum_revision_reaches_the_assessment():
    """P5 (CMR at interim) from the addendum's Deauville 3, not P7 from the superseded site score 4."""
    latest = _latest("IMPRESSION: Residual left supraclavicular uptake, Deauville 4, reduced compared with baseline. "
                     "Partial metabolic response.\n\nADDENDUM: On MDT review the uptake is below liver. Revised "
                     "Deauville score 3. Revised impression: complete metabolic response.")
    assert (latest["deauville"], latest["category"], latest["rule"]) == (3, "CMR", "P5")
