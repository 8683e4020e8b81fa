"""The PET report text extractor against the gold corpus (tests/data/pet_reports, README.md there).

Floors sit just below the figures measured when the extractor was last tuned (measured - 0.01,
rounded down), so any regression fails. The corpus was used while developing the rules, so these are
training-set figures, not an unbiased estimate; tests/test_pet_text.py holds separately written cases.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "pet_reports" / "corpus.jsonl"

# fact: (precision floor, recall floor); measured 1.000 / 1.000 on all 189 reports for every fact
FLOORS = {
    "deauville": (0.99, 0.99),
    "deauville_x": (0.99, 0.99),
    "uptake": (0.99, 0.99),
    "new_lesions": (0.99, 0.99),
    "new_lesion_etiology": (0.99, 0.99),
    "marrow": (0.99, 0.99),
    "suv_max": (0.99, 0.99),
    "tmtv_ml": (0.99, 0.99),
    "category": (0.99, 0.99),
    "timepoint": (0.99, 0.99),
    "ambiguous": (0.99, 0.99),
}
TARGETS = {"deauville": (0.97, 0.93), "uptake": (0.97, 0.93), "new_lesions": (0.97, 0.93)}  # the brief's


def _load_eval():
    spec = importlib.util.spec_from_file_location("text_eval", ROOT / "tools" / "text_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def metrics() -> dict[str, tuple[float, float, int]]:
    if not CORPUS.exists():
        pytest.skip("gold corpus not present")
    return _load_eval().evaluate(CORPUS)


def test_every_fact_is_scored(metrics) -> None:
    assert set(metrics) == set(FLOORS)
    assert all(n > 0 for _, _, n in metrics.values())


@pytest.mark.parametrize("fact", sorted(FLOORS))
def test_floor(metrics, fact: str) -> None:
    precision, recall, n = metrics[fact]
    floor_p, floor_r = FLOORS[fact]
    assert precision >= floor_p and recall >= floor_r, f"{fact}: P={precision:.3f} R={recall:.3f} (n={n})"


@pytest.mark.parametrize("fact", sorted(TARGETS))
def test_targets(metrics, fact: str) -> None:
    precision, recall, _ = metrics[fact]
    assert precision >= TARGETS[fact][0] and recall >= TARGETS[fact][1]


def test_script_runs_and_exits_zero(capsys) -> None:
    module = _load_eval()
    if not CORPUS.exists():
        pytest.skip("gold corpus not present")
    assert module.main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "deauville" in out
