"""Sections and scope of report text (issue 12; architecture.md, "Contract clarifications, second set":
"Report text" and the etiology items). Each failure pattern named under "Why" in issue 12 has a test
here (PET) or in test_ct_text.py, test_pathology_text.py and test_staging_text.py, written in our own
words, not copied from any corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fhir_mappings.pet_text import extract_pet_findings  # noqa: E402
from fhir_mappings.report_scope import clauses, etiology, negated  # noqa: E402
from fhir_mappings.report_sections import sentences, split_sentences  # noqa: E402


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(s.section, s.text) for s in sentences(text)]


def _value(fact):
    return None if fact is None else fact.value


# --- sections ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("heading", "kind"), [
    ("CLINICAL HISTORY:", "history"), ("Indication:", "history"), ("Clinical notes:", "history"),
    ("Reason for exam:", "history"), ("HX:", "history"), ("Technique:", "technique"), ("PROTOCOL:", "technique"),
    ("Comparison:", "comparison"), ("COMPARISON STUDIES:", "comparison"), ("Findings:", "findings"),
    ("REPORT:", "findings"), ("Impression:", "impression"), ("CONCLUSION:", "impression"),
    ("Opinion:", "impression"), ("Summary:", "impression"), ("Assessment:", "impression"),
    ("Evaluation:", "impression"), ("IMP:", "impression"), ("Addendum (04/05/2025):", "addendum"),
    ("ADDENDUM 04/05/2025:", "addendum"), ("Amended report:", "addendum"),
])
def test_headings_in_any_common_spelling(heading: str, kind: str) -> None:
    found = sentences(f"{heading} Residual uptake in the left axilla.")
    assert found[0].section == kind and found[0].text == "Residual uptake in the left axilla."


def test_numbered_impression_lines_stay_in_the_impression() -> None:
    text = "FINDINGS:\nNodes smaller.\nIMPRESSION:\n1. Partial metabolic response.\n2. No new sites."
    assert _kinds(text)[-2:] == [("impression", "Partial metabolic response."), ("impression", "No new sites.")]


def test_a_report_with_no_heading_reads_its_closing_sentence_as_the_impression() -> None:
    found = sentences("A new 2 cm node sits in the left groin, SUVmax 9. This is likely relapse.")
    assert [s.closing for s in found] == [False, True]


def test_an_inline_comparison_names_the_comparator_and_leaves_the_findings_after_it() -> None:
    text = "Comparison: PET-CT 12/03/2025. The left neck node now has uptake below liver, Deauville 2."
    assert _kinds(text) == [("comparison", "PET-CT 12/03/2025."),
                            ("findings", "The left neck node now has uptake below liver, Deauville 2.")]
    assert _value(extract_pet_findings(text).deauville) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("EOT PET-CT 08/04/2025 reviewed; Comparison: baseline PET-CT 10/2024.\nDeauville 3 at all sites; CMR.",
     [("", "EOT PET-CT 08/04/2025 reviewed;"), ("comparison", "baseline PET-CT 10/2024."),
      ("findings", "Deauville 3 at all sites; CMR.")]),
    ("Residual uptake in the mediastinum (SUVmax 4.1) Impression: Deauville 4, partial metabolic response.",
     [("", "Residual uptake in the mediastinum (SUVmax 4.1)"),
      ("impression", "Deauville 4, partial metabolic response.")]),
    ("Stable; comparison: none.", [("", "Stable; comparison: none.")]),  # lower case: a phrase, not a heading
])
def test_a_heading_inside_a_line_starts_its_section(text: str, expected: list) -> None:
    assert _kinds(text) == expected


def test_history_and_technique_never_give_current_findings() -> None:
    text = ("Clinical history: DLBCL. The interim PET showed Deauville 5 and new liver lesions; ?progression.\n"
            "Technique: 320 MBq FDG, liver SUVmax 2.4.\n"
            "Findings: The mediastinal residuum has uptake at blood pool level, Deauville 2. No new lesions.")
    found = extract_pet_findings(text)
    assert _value(found.deauville) == 2 and _value(found.new_lesions) is False
    assert found.new_lesion_etiology is None and found.suv_max is None


def test_spoken_punctuation_of_dictation_splits_sentences() -> None:
    assert split_sentences("no new disease period impression complete response period") == [
        "no new disease.", "Impression complete response."]


# --- scope: clauses, negation, hedging ------------------------------------------------------------------

def test_negation_governs_its_clause_not_a_window() -> None:
    text = "No cervical, axillary or inguinal nodes, new 3 cm liver mass"
    parts = [c for _, c in clauses(text)]
    assert parts == ["No cervical, axillary or inguinal nodes", "new 3 cm liver mass"]
    clause = parts[0]
    assert negated(clause, clause.index("inguinal"), clause.index("inguinal") + 8)


@pytest.mark.parametrize(("text", "kind"), [
    ("Findings in keeping with recurrent lymphoma.", "lymphoma"),
    ("Relapse; tissue confirmation advised.", "lymphoma"),  # advice to biopsy does not weaken it
    ("Possibly lymphoma, possibly inflammatory.", "uncertain"),
    ("Suspicious for recurrence.", "uncertain"),
    ("Equivocal focus.", "uncertain"),
    ("Infection is favoured; lymphoma cannot be ruled out.", "uncertain"),
    ("Post-vaccination reactive nodes.", "not_lymphoma"),
    ("Likely infective consolidation.", "not_lymphoma"),
    ("Thymic rebound rather than lymphoma.", "not_lymphoma"),
])
def test_etiology_of_a_statement(text: str, kind: str) -> None:
    assert etiology(text) == kind


# --- PET findings with scope (the "Why" list of issue 12) -------------------------------------------------

@pytest.mark.parametrize("closing", [
    "Appearances are those of relapsed lymphoma.",
    "In keeping with relapse.",
    "Early lymphoma relapse; suggest biopsy.",
])
def test_the_closing_line_etiology_applies_to_the_new_lesion(closing: str) -> None:
    text = ("Restaging PET-CT compared with the end of treatment study. There is a new 1.8 cm right axillary "
            f"node with SUVmax 8.5. The mediastinum is clear. {closing}")
    found = extract_pet_findings(text)
    assert _value(found.new_lesions) is True and _value(found.new_lesion_etiology) == "lymphoma"


def test_an_impression_etiology_in_another_section_applies_to_the_findings_new_lesions() -> None:
    text = ("FINDINGS: New avid nodules in both lungs, the largest 1.4 cm.\n"
            "IMPRESSION: The pulmonary findings represent recurrent lymphoma. Biopsy would confirm.")
    assert _value(extract_pet_findings(text).new_lesion_etiology) == "lymphoma"


@pytest.mark.parametrize(("text", "score"), [
    ("Residual left neck uptake, Deauville 2-3.", 3),
    ("Mediastinum: Deauville 1–2.", 2),
    ("Residual nodes, score 4/5.", 5),
])
def test_a_deauville_range_is_not_indeterminate(text: str, score: int) -> None:
    found = extract_pet_findings(text)
    assert _value(found.deauville) == score and "TEXT_DEAUVILLE_AMBIGUOUS" not in found.flags


def test_a_list_item_marked_new_is_a_new_site_with_its_score_never_a_prior_site() -> None:
    text = "Scores by site:\nright neck 2\nleft axilla 4 (new)\nspleen 1\nConclusion: new left axillary disease, consistent with relapse."
    found = extract_pet_findings(text)
    assert _value(found.deauville) == 4
    assert _value(found.new_lesions) is True and _value(found.new_lesion_etiology) == "lymphoma"
    assert ("left axilla", 4) in found.new_sites
    assert all(site.lower() != "left axilla" for site, _ in found.sites)  # not copied as a prior site


def test_unchanged_since_an_interim_prior_does_not_override_reduced_against_staging() -> None:
    text = ("Comparison: interim PET-CT after 2 cycles.\nFindings: Residual right iliac node, SUVmax 5.0, "
            "unchanged since the prior study and much reduced compared with staging (SUVmax 17). Deauville 4.")
    found = extract_pet_findings(text)
    assert _value(found.uptake) == "reduced" and _value(found.comparator_is_baseline) is False


def test_unchanged_since_the_prior_study_counts_when_the_prior_study_is_the_baseline() -> None:
    text = "Comparison: baseline PET-CT 02/02/2025.\nFindings: Mesenteric mass, Deauville 5, unchanged since the prior study."
    found = extract_pet_findings(text)
    assert _value(found.uptake) == "unchanged" and _value(found.comparator_is_baseline) is True


def test_a_change_against_the_interim_scan_only_is_not_uptake_against_baseline() -> None:
    found = extract_pet_findings("Comparison: interim PET. Findings: the axillary node is less avid than at interim, DS 4.")
    assert found.uptake is None


def test_a_dated_comparison_named_as_staging_in_the_history_is_the_baseline() -> None:
    text = ("History: DLBCL; staging PET-CT 01/02/2025.\nComparison: PET-CT 01/02/2025.\n"
            "Findings: The neck nodes are less avid (SUVmax 4.1, previously 15.2), Deauville 4.")
    found = extract_pet_findings(text)
    assert _value(found.comparator_is_baseline) is True and _value(found.uptake) == "reduced"


def test_an_addendum_that_revises_the_score_wins_and_both_sentences_are_quoted() -> None:
    text = ("Findings: Residual left hilar node with uptake equal to liver.\nImpression: Deauville 3, complete "
            "metabolic response.\nADDENDUM: On review the node exceeds the liver; the score is revised to "
            "Deauville 4 and the impression to partial metabolic response.")
    found = extract_pet_findings(text)
    assert _value(found.deauville) == 4 and _value(found.category) == "PMR"
    assert found.addendum_revised and "REPORT_ADDENDUM_REVISED" in found.flags
    assert "Deauville 3" in found.revision.original and "revised" in found.revision.revised


def test_an_addendum_that_only_records_a_call_revises_nothing() -> None:
    text = "Impression: Deauville 4, partial metabolic response.\nAddendum: result phoned to the ward at 16:00."
    found = extract_pet_findings(text)
    assert _value(found.deauville) == 4 and not found.addendum_revised


def test_the_pet_report_states_extensive_mesenteric_disease() -> None:
    found = extract_pet_findings("Findings: Confluent avid mesenteric nodal masses, i.e. extensive mesenteric disease.")
    assert _value(found.staging.extensive_mesenteric) is True
