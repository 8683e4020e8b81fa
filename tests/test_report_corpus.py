"""The report readers (PET, CT, pathology) against the report corpus (tests/data/reports, README.md there).

`corpus.jsonl` (214 reports: 114 PET, 50 CT, 50 pathology, 11 styles) is the development corpus: it was
written blind by another writer before the readers changed, and then used to drive the work, so its
figures are training-set figures. The blind set (tests/data/reports_blind/blind.jsonl) is scored only
by the lead, at the end (`python tools/text_eval.py tests/data/reports_blind/blind.jsonl`); it is not
read here. Floors sit just below the measured figures (measured - 0.02, rounded down to two decimals),
so any regression fails; TARGETS are issue 12's (precision and recall >= 0.95 for the decision facts).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "reports" / "corpus.jsonl"

# fact: (precision floor, recall floor); measured on the development corpus in the comments
FLOORS = {
    "pet.deauville": (0.98, 0.98),  # 1.000 / 1.000
    "pet.deauville_x": (0.98, 0.98),  # 1.000 / 1.000
    "pet.uptake": (0.98, 0.98),  # 1.000 / 1.000
    "pet.new_lesions": (0.98, 0.98),  # 1.000 / 1.000
    "pet.new_lesion_etiology": (0.98, 0.98),  # 1.000 / 1.000
    "pet.marrow": (0.96, 0.98),  # 0.986 / 1.000 (t084: a lytic bone lesion read as a marrow focus)
    "pet.category": (0.98, 0.98),  # 1.000 / 1.000
    "pet.addendum_revised": (0.98, 0.98),  # 1.000 / 1.000
    "pet.extensive_mesenteric": (0.98, 0.98),  # 1.000 / 1.000
    "pet.extranodal_organs": (0.98, 0.98),  # 1.000 / 1.000
    "pet.comparator_is_baseline": (0.98, 0.98),  # 1.000 / 1.000
    "ct.new_lesions": (0.98, 0.98),  # 1.000 / 1.000
    "ct.new_node_max_cm": (0.98, 0.98),  # 1.000 / 1.000
    "ct.new_extranodal_max_cm": (0.98, 0.98),  # 1.000 / 1.000
    "ct.new_lesion_etiology": (0.98, 0.98),  # 1.000 / 1.000
    "ct.reader_assessment": (0.98, 0.98),  # 1.000 / 1.000
    "ct.spd_cm2": (0.98, 0.98),  # 1.000 / 1.000
    "ct.extensive_mesenteric": (0.98, 0.98),  # 1.000 / 1.000
    "ct.extranodal_organs": (0.98, 0.98),  # 1.000 / 1.000
    "ct.addendum_revised": (0.98, 0.98),  # 1.000 / 1.000
    "pathology.result": (0.98, 0.98),  # 1.000 / 1.000
    "pathology.site": (0.98, 0.98),  # 1.000 / 1.000 (loose: organ words and side)
    "pathology.lymphoma_type": (0.98, 0.98),  # 1.000 / 1.000 (loose: lymphoma family)
}
TARGETS = ("pet.deauville", "pet.uptake", "pet.new_lesions", "pet.new_lesion_etiology", "ct.new_node_max_cm",
           "ct.reader_assessment", "pathology.result")


@pytest.fixture(scope="module")
def measured(text_eval) -> dict[str, tuple[float, float, int]]:
    if not CORPUS.exists():
        pytest.skip("report corpus not present")
    return text_eval.evaluate(CORPUS)


def test_every_fact_of_every_kind_is_scored(measured) -> None:
    assert set(measured) == set(FLOORS)
    assert all(n > 0 for _, _, n in measured.values())


@pytest.mark.parametrize("fact", sorted(FLOORS))
def test_floor(measured, fact: str) -> None:
    precision, recall, n = measured[fact]
    floor_p, floor_r = FLOORS[fact]
    assert precision >= floor_p and recall >= floor_r, f"{fact}: P={precision:.3f} R={recall:.3f} (n={n})"


@pytest.mark.parametrize("fact", TARGETS)
def test_issue_targets_for_the_decision_facts(measured, fact: str) -> None:
    precision, recall, _ = measured[fact]
    assert precision >= 0.95 and recall >= 0.95


def test_a_set_with_the_blind_schema_is_scored_per_kind(text_eval, tmp_path, capsys) -> None:
    """The blind set has the corpus's schema; a file of that shape (written here) is scored per kind and fact."""
    records = [
        {"id": "x1", "kind": "pet", "style": "s", "text": "Impression: Deauville 2-3. No new lesions. No extranodal "
         "disease.", "gold": {"deauville": 3, "deauville_x": False, "uptake": None, "new_lesions": False,
                              "new_lesion_etiology": None, "marrow": None, "category": None,
                              "addendum_revised": False, "extensive_mesenteric": None, "extranodal_organs": [],
                              "comparator_is_baseline": None}},
        {"id": "x2", "kind": "ct", "style": "s", "text": "New 26 x 18 mm left axillary node. Impression: progressive "
         "disease.", "gold": {"new_lesions": True, "new_node_max_cm": 2.6, "new_extranodal_max_cm": None,
                              "new_lesion_etiology": "lymphoma", "reader_assessment": "progression", "spd_cm2": None,
                              "extensive_mesenteric": None, "extranodal_organs": None, "addendum_revised": False}},
        {"id": "x3", "kind": "pathology", "style": "s", "text": "SPECIMEN: Left neck node.\nDIAGNOSIS: Recurrent "
         "DLBCL; no other malignancy identified.", "gold": {"result": "positive", "site": "left cervical lymph node",
                                                            "lymphoma_type": "DLBCL (recurrent)"}},
    ]
    path = tmp_path / "blind_shaped.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    metrics = text_eval.evaluate(path)
    assert {"pet.deauville", "ct.new_node_max_cm", "pathology.result", "pathology.site"} <= set(metrics)
    assert all(p == 1.0 and r == 1.0 for p, r, _ in metrics.values())
    assert text_eval.main([str(path), "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.count("precision") == 3 and "-- ct (1 reports)" in out
