"""Staging statements of a report (fhir_mappings/staging_text.py; issue 12: "No evidence of extensive
mesenteric disease" read as present, and extensive mesenteric disease stated only in a PET report was not
read; architecture.md second set, "Derived facts": "no (other) extranodal disease" closes the count).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fhir_mappings.staging_text import ORGANS, extract_staging  # noqa: E402


def _value(fact):
    return None if fact is None else fact.value


@pytest.mark.parametrize(("text", "value"), [
    ("No evidence of extensive mesenteric disease.", False),
    ("A few small mesenteric nodes; the mesentery is otherwise clear.", False),
    ("No mesenteric lymphadenopathy.", False),
    ("Conglomerate mesenteric nodes amounting to extensive mesenteric disease.", True),
    ("Extensive nodal disease in the mesentery and retroperitoneum.", True),
    ("The liver is normal.", None),
])
def test_extensive_mesenteric_disease(text: str, value: bool | None) -> None:
    assert _value(extract_staging(f"Findings: {text}").extensive_mesenteric) is value


def test_the_history_of_extensive_mesenteric_disease_is_not_current() -> None:
    text = "History: extensive mesenteric disease at diagnosis.\nFindings: Residual mesenteric mass 2 cm."
    assert extract_staging(text).extensive_mesenteric is None


@pytest.mark.parametrize(("text", "organs"), [
    ("No extranodal disease.", ()),
    ("Gastric wall thickening consistent with gastric lymphoma. No other extranodal disease.", ("stomach",)),
    ("Lytic rib lesion, consistent with osseous involvement; hepatic deposits.", ("bone", "liver")),
    ("Splenic involvement and tonsillar uptake. No other extranodal disease.", ()),  # nodal, never listed
    ("No hepatic, renal or osseous involvement.", None),
    ("The liver and adrenals are normal.", None),
])
def test_extranodal_organs(text: str, organs: tuple | None) -> None:
    assert _value(extract_staging(f"Findings: {text}").extranodal_organs) == organs


def test_a_new_organ_lesion_counts_only_with_a_lymphoma_etiology() -> None:
    assert _value(extract_staging("Findings: New 2 cm liver lesion.\nImpression: consistent with relapse.")
                  .extranodal_organs) == ("liver",)
    assert extract_staging("Findings: New 1 cm lung nodule, indeterminate.").extranodal_organs is None


def test_organs_of_the_history_or_resolved_do_not_count() -> None:
    text = ("Clinical history: DLBCL with liver and bone marrow involvement at diagnosis.\n"
            "Findings: The hepatic lesions have resolved.")
    assert extract_staging(text).extranodal_organs is None


def test_marrow_involvement() -> None:
    assert _value(extract_staging("Findings: Focal marrow uptake consistent with marrow involvement.")
                  .marrow_involved) is True
    assert _value(extract_staging("Findings: No bone marrow involvement.").marrow_involved) is False


def test_the_vocabulary_has_no_spleen_or_waldeyer() -> None:
    assert "spleen" not in ORGANS and not any("waldeyer" in o or "tonsil" in o for o in ORGANS)
    assert ORGANS[-1] == "other"
