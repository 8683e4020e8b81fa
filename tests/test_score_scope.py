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


# --- the blind text round of 2026-12-05 (tests/data/reports_round7, README there) ---------------------------

@pytest.mark.parametrize(("text", "ds"), [
    ("Interim PET.\nDeauville (highest): 4\nUptake vs baseline: decreased", 4),  # a qualifier in brackets
    ("Interim PET. Deauville score (overall): 3.", 3),
    ("End of treatment PET. Highest Deauville at lymphoma sites: 2.", 2),
    ("End-of-treatment PET. Compared with baseline (DS 5) and interim (DS 4) - now DS 3 at the left cervical "
     "site.", 3),  # the second scan of a comparison labels its own parenthesis
    ("Relapse assessment. Compared with the baseline PET-CT (05/2025, DS 5) and the end-of-treatment PET-CT "
     "(10/2025, DS 2 - CMR), there are new avid para-aortic nodes (DS 5).", 5),
    ("PET-CT, 9 months after end of treatment (EOT PET was Deauville 4). Residual left axillary node, Deauville 3.",
     3),  # the earlier scan's score is higher than this one's
    ("End of treatment PET.\nPrior: interim PET-CT 2026-02-20 - Deauville 4, PMR\nDeauville (highest): 3", 3),
    ("Interim PET after 3 cycles.\nDeauville scores by region:\n - Right neck: 2\n - Mediastinum: 4, reduced "
     "compared with baseline\n - Spleen: 1\nNo new lesions.", 4),
])
def test_scores_round7(text, ds):
    assert _v(extract_pet_findings(text).deauville) == ds


def test_an_earlier_studys_category_in_its_parenthesis_leaves_the_current_one():
    text = ("PET-CT for suspected relapse. Compared with the baseline PET-CT (05/2025, DS 5) and the end-of-treatment "
            "PET-CT (10/2025, DS 2 - CMR), there are new avid para-aortic nodes (DS 5).\nImpression: Metabolic "
            "progression (relapse).")
    assert _v(extract_pet_findings(text).category) == "PMD"


def test_an_end_of_treatment_report_keeps_its_own_eot_score():
    """The EOT marker names another scan only when this report is not the end-of-treatment one."""
    assert _v(extract_pet_findings("End of treatment PET-CT. EOT PET: Deauville 3 at the mediastinum.").deauville) == 3


@pytest.mark.parametrize(("line", "new"), [("New lesions: no", False), ("New lesions: none", False),
                                           ("New lesions: yes - left adrenal, 2.1 cm", True)])
def test_a_new_lesions_key_value_line(line, new):
    found = extract_pet_findings(f"Interim PET after 2 cycles.\nDeauville (highest): 3\n{line}\nBone marrow: normal")
    assert _v(found.new_lesions) is new
