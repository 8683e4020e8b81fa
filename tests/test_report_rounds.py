"""The report readers on the text sets of the blind rounds of 2026-12-05 (tests/data/reports_round7: PET,
tests/data/reports_round8: CT and pathology; READMEs there give the first, blind figures). Floors sit at
the figures after the fixes they led to (measured - 0.02, rounded down), so a regression on these styles
fails."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
FLOORS = {  # set: {fact: (precision floor, recall floor)}; measured in the comments
    "reports_round7": {
        "pet.deauville": (0.98, 0.87),  # 1.000 / 0.892
        "pet.deauville_x": (0.98, 0.64),  # 1.000 / 0.667
        "pet.uptake": (0.98, 0.89),  # 1.000 / 0.913
        "pet.new_lesions": (0.95, 0.89),  # 0.971 / 0.919
        "pet.new_lesion_etiology": (0.89, 0.71),  # 0.917 / 0.733
        "pet.marrow": (0.94, 0.86),  # 0.969 / 0.886
        "pet.category": (0.98, 0.94),  # 1.000 / 0.969
        "pet.addendum_revised": (0.98, 0.98),  # 1.000 / 1.000
        "pet.extensive_mesenteric": (0.98, 0.68),  # 1.000 / 0.700
        "pet.extranodal_organs": (0.75, 0.75),  # 0.778 / 0.778
    },
    "reports_round8": {
        "ct.new_lesions": (0.94, 0.91),  # 0.964 / 0.931
        "ct.new_node_max_cm": (0.98, 0.61),  # 1.000 / 0.636
        "ct.spd_cm2": (0.88, 0.81),  # 0.909 / 0.833
        "ct.reader_assessment": (0.93, 0.93),  # 0.952 / 0.952
        "pathology.result": (0.98, 0.98),  # 1.000 / 1.000
    },
}
CASES = [(name, fact) for name, facts in FLOORS.items() for fact in sorted(facts)]


@pytest.fixture(scope="module")
def measured(text_eval) -> dict[str, dict[str, tuple[float, float, int]]]:
    return {name: text_eval.evaluate(DATA / name / "set.jsonl") for name in FLOORS}


@pytest.mark.parametrize(("name", "fact"), CASES, ids=[f"{n}:{f}" for n, f in CASES])
def test_floor(measured, name: str, fact: str) -> None:
    precision, recall, n = measured[name][fact]
    floor_p, floor_r = FLOORS[name][fact]
    assert precision >= floor_p and recall >= floor_r, f"{name} {fact}: P={precision:.3f} R={recall:.3f} (n={n})"


def test_the_pet_scores_read_are_never_wrong(measured) -> None:
    """A Deauville score the reader gives is this scan's: no false positive on the round-7 traps of other
    scans' scores."""
    assert measured["reports_round7"]["pet.deauville"][0] == 1.0
