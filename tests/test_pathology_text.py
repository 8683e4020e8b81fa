"""The pathology report reader (fhir_mappings/pathology_text.py; issue 12: negation was tested within 40
characters, so a recurrence with "no other malignancy" read as negative and a non-diagnostic sample as
positive; pathology in attached report text was not read at all).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fhir_mappings.pathology_text import extract_pathology_findings  # noqa: E402


@pytest.mark.parametrize("text", [
    "Diagnosis: Recurrent DLBCL; no other malignancy identified.",
    "Diagnosis: DLBCL (no high-grade transformation).",
    "Final diagnosis: Diffuse large B-cell lymphoma, non-GCB type. Negative for carcinoma. FISH for MYC pending.",
    "Interpretation: Consistent with large B-cell lymphoma (flow cytometry: monoclonal B cells).",
    "Conclusion: Involvement by large B-cell lymphoma, in keeping with relapse of the known DLBCL.",
])
def test_positive_when_negation_governs_another_clause(text: str) -> None:
    found = extract_pathology_findings(text)
    assert found.result == "positive" and found.lymphoma_type and not found.flags


@pytest.mark.parametrize("text", [
    "Diagnosis: No evidence of lymphoma.",
    "Diagnosis: Reactive follicular hyperplasia, negative for lymphoma.",
    "Conclusion: Granulomatous lymphadenitis; no lymphoma identified.",
    "CSF cytology: no malignant cells identified.",
])
def test_negative(text: str) -> None:
    found = extract_pathology_findings(text)
    assert found.result == "negative" and found.lymphoma_type is None


@pytest.mark.parametrize("text", [
    "Diagnosis: Lymphoma cannot be excluded; insufficient material.",
    "Diagnosis: Non-diagnostic sample; scant lymphoid cells.",
    "Diagnosis: Atypical lymphoid infiltrate; further work-up to follow.",
    "Diagnosis: Atypical large cells, suspicious for lymphoma.",
    "Diagnosis: Suspicious for, but not diagnostic of, large B-cell lymphoma.",
    "Frozen section: lymphoma favoured; defer to permanent sections.",
])
def test_hedged_or_non_diagnostic_is_unknown_never_positive(text: str) -> None:
    found = extract_pathology_findings(text)
    assert found.result == "unknown" and "BIOPSY_RESULT_UNCLEAR" in found.flags


def test_the_diagnosis_outweighs_the_clinical_history() -> None:
    text = ("CLINICAL DETAILS: History of DLBCL treated in 2023; new neck node.\n"
            "MICROSCOPY: Preserved architecture with reactive follicles.\nDIAGNOSIS: Reactive lymph node.")
    assert extract_pathology_findings(text).result == "negative"


def test_the_final_diagnosis_in_an_addendum_wins() -> None:
    text = ("DIAGNOSIS: Atypical lymphoid infiltrate; immunohistochemistry pending.\n"
            "ADDENDUM: FINAL DIAGNOSIS: Diffuse large B-cell lymphoma, GCB type.")
    found = extract_pathology_findings(text)
    assert found.result == "positive" and "large B-cell" in found.lymphoma_type


def test_site_and_quote() -> None:
    found = extract_pathology_findings("SPECIMEN: Lymph node, right axillary, core biopsy.\n"
                                       "DIAGNOSIS: Recurrent DLBCL.")
    assert "axillary" in found.site and found.quote == "Recurrent DLBCL."
    assert found.result_fact is not None and found.result_fact.value == "positive"


def test_nothing_stated_is_unknown() -> None:
    found = extract_pathology_findings("SPECIMEN: Skin punch biopsy. MICROSCOPY: see below.")
    assert found.result == "unknown" and found.result_fact is None


def test_a_negative_diagnosis_qualified_by_a_comment_that_lymphoma_cannot_be_excluded_is_unclear() -> None:
    found = extract_pathology_findings("DIAGNOSIS: No lymphoma identified.\nCOMMENT: The sample is small; lymphoma "
                                       "cannot be excluded.")
    assert found.result == "unknown" and "BIOPSY_RESULT_UNCLEAR" in found.flags


def test_html_report_text_is_read() -> None:
    html = "<html><body><h3>Diagnosis</h3><p>Left inguinal lymph node, excision: large B-cell lymphoma.</p></body></html>"
    found = extract_pathology_findings(html)
    assert found.result == "positive" and "inguinal" in found.site
