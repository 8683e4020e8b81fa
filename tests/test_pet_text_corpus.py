"""The PET report text extractor against the gold corpora (tests/data/pet_reports, README.md there).

Four corpora:
- `corpus.jsonl` (189 reports): the development corpus, used while writing the rules, so its
  figures are training-set figures;
- `heldout.jsonl` (80 reports written independently): "held-out v1". It was blind until its first
  measurement; its failure modes were then fixed with general rules (tests/test_pet_text.py), and
  the relevant sentences of some reports were read to confirm those fixes, so its figures after the
  fixes are no longer blind either;
- `heldout2.jsonl` (70 reports written independently): "held-out v2". Measured blind once (figures in
  the comments below as "blind"); its error classes were then fixed with general rules, each with its
  own unit test in tests/test_pet_text.py written before the fix, and its mismatches were read to
  confirm the fixes, so its figures after the fixes are no longer blind;
- `heldout3.jsonl` (50 reports written independently): "held-out v3". Measured blind once (figures in
  the comments below as "blind"; main error class: values of earlier scans taken as this scan's). Its
  error classes were then fixed with general rules, each with its own unit test in
  tests/test_pet_text.py written before the fix, so its figures after the fixes are no longer blind.
  A new, unseen set is needed for an unbiased estimate. The blind figures of all three held-out sets
  are recorded in tests/data/pet_reports/README.md ("Measured blind").

Floors sit just below the figures measured after the last change (measured - 0.02, rounded down to
two decimals), so any regression fails. TARGETS are the issue's own (precision >= 0.97, recall >=
0.93 for deauville, uptake and new_lesions), asserted on the development corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "pet_reports"
CORPUS = DATA / "corpus.jsonl"
HELDOUT = DATA / "heldout.jsonl"
HELDOUT2 = DATA / "heldout2.jsonl"
HELDOUT3 = DATA / "heldout3.jsonl"
PATHS = (CORPUS, HELDOUT, HELDOUT2, HELDOUT3)

# fact: (precision floor, recall floor); the measured figures are in the comments
FLOORS = {
    CORPUS.name: {  # development corpus, 189 reports: 1.000 / 1.000 for every fact
        "deauville": (0.98, 0.98),
        "deauville_x": (0.98, 0.98),
        "uptake": (0.98, 0.98),
        "new_lesions": (0.98, 0.98),
        "new_lesion_etiology": (0.98, 0.98),
        "marrow": (0.98, 0.98),
        "suv_max": (0.98, 0.98),
        "tmtv_ml": (0.98, 0.98),
        "category": (0.98, 0.98),
        "timepoint": (0.98, 0.98),
        "ambiguous": (0.98, 0.98),
    },
    HELDOUT.name: {  # held-out v1 (after fixes, no longer blind), 80 reports
        "deauville": (0.98, 0.98),  # 1.000 / 1.000 (before the fixes: 0.983 / 0.966)
        "deauville_x": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 1.000)
        "uptake": (0.95, 0.98),  # 0.975 / 1.000 (0.871 / 0.692)
        "new_lesions": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 1.000)
        "new_lesion_etiology": (0.98, 0.98),  # 1.000 / 1.000 (0.960 / 0.960)
        "marrow": (0.98, 0.96),  # 1.000 / 0.986 (0.968 / 0.857)
        "suv_max": (0.98, 0.96),  # 1.000 / 0.987 (0.986 / 0.947)
        "tmtv_ml": (0.98, 0.98),  # 1.000 / 1.000 (0.900 / 0.900)
        "category": (0.98, 0.98),  # 1.000 / 1.000 (0.982 / 1.000)
        "timepoint": (0.98, 0.98),  # 1.000 / 1.000 (0.975 / 0.975)
        "ambiguous": (0.98, 0.98),  # 1.000 / 1.000 (0.667 / 0.750)
    },
    HELDOUT2.name: {  # held-out v2 after fixes (no longer blind), 70 reports: measured (blind)
        "deauville": (0.98, 0.98),  # 1.000 / 1.000 (0.963 / 0.945)
        "deauville_x": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 0.600)
        "uptake": (0.98, 0.98),  # 1.000 / 1.000 (0.972 / 0.921)
        "new_lesions": (0.98, 0.98),  # 1.000 / 1.000 (0.984 / 0.984)
        "new_lesion_etiology": (0.98, 0.98),  # 1.000 / 1.000 (0.905 / 0.905)
        "marrow": (0.98, 0.98),  # 1.000 / 1.000 (0.922 / 0.894)
        "suv_max": (0.98, 0.98),  # 1.000 / 1.000 (0.965 / 0.932)
        "tmtv_ml": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 1.000)
        "category": (0.98, 0.98),  # 1.000 / 1.000 (0.956 / 0.956)
        "timepoint": (0.98, 0.98),  # 1.000 / 1.000 (0.941 / 0.941)
        "ambiguous": (0.98, 0.98),  # 1.000 / 1.000 (0.500 / 0.667)
    },
    HELDOUT3.name: {  # held-out v3 after fixes (no longer blind), 50 reports: measured (blind)
        "deauville": (0.98, 0.98),  # 1.000 / 1.000 (0.949 / 0.925)
        "deauville_x": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 1.000)
        "uptake": (0.98, 0.98),  # 1.000 / 1.000 (0.957 / 0.880)
        "new_lesions": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 1.000)
        "new_lesion_etiology": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 1.000)
        "marrow": (0.98, 0.98),  # 1.000 / 1.000 (0.978 / 0.957)
        "suv_max": (0.98, 0.98),  # 1.000 / 1.000 (0.917 / 0.917)
        "tmtv_ml": (0.98, 0.98),  # 1.000 / 1.000 (0.667 / 0.800)
        "category": (0.98, 0.98),  # 1.000 / 1.000 (0.975 / 1.000)
        "timepoint": (0.98, 0.98),  # 1.000 / 1.000 (0.980 / 0.980)
        "ambiguous": (0.98, 0.98),  # 1.000 / 1.000 (0.500 / 0.750)
    },
}
TARGETS = {"deauville": (0.97, 0.93), "uptake": (0.97, 0.93), "new_lesions": (0.97, 0.93)}  # the issue's
CASES = [(path, fact) for path in PATHS for fact in sorted(FLOORS[path.name])]


@pytest.fixture(scope="module")
def measured(text_eval) -> dict[str, dict[str, tuple[float, float, int]]]:
    return {path.name: text_eval.evaluate(path) for path in PATHS if path.exists()}


def _metrics(measured, path: Path) -> dict[str, tuple[float, float, int]]:
    if path.name not in measured:
        pytest.skip(f"{path.name} not present")
    return measured[path.name]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_fact_is_scored(measured, path: Path) -> None:
    metrics = _metrics(measured, path)
    assert set(metrics) == set(FLOORS[path.name])
    assert all(n > 0 for _, _, n in metrics.values())


@pytest.mark.parametrize(("path", "fact"), CASES, ids=[f"{p.stem}-{f}" for p, f in CASES])
def test_floor(measured, path: Path, fact: str) -> None:
    precision, recall, n = _metrics(measured, path)[fact]
    floor_p, floor_r = FLOORS[path.name][fact]
    assert precision >= floor_p and recall >= floor_r, \
        f"{path.name} {fact}: P={precision:.3f} R={recall:.3f} (n={n})"


@pytest.mark.parametrize("fact", sorted(TARGETS))
def test_targets_on_the_development_corpus(measured, fact: str) -> None:
    precision, recall, _ = _metrics(measured, CORPUS)[fact]
    assert precision >= TARGETS[fact][0] and recall >= TARGETS[fact][1]


def test_script_prints_one_table_per_corpus(text_eval, capsys) -> None:
    paths = [str(p) for p in PATHS if p.exists()]
    if not paths:
        pytest.skip("gold corpora not present")
    assert text_eval.main([*paths, "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.count("precision") == len(paths) and out.count("mismatches") == len(paths)
    assert all(f"reports: {p}" in out for p in paths)


def test_script_defaults_to_the_development_corpora(text_eval, capsys) -> None:
    """With no path: the PET development corpus (one table) and the report corpus (one table per kind)."""
    if not CORPUS.exists():
        pytest.skip("gold corpus not present")
    assert text_eval.main([]) == 0
    out = capsys.readouterr().out
    reports = ROOT / "tests" / "data" / "reports" / "corpus.jsonl"
    assert f"reports: {CORPUS}" in out
    assert out.count("precision") == 1 + (3 if reports.exists() else 0)
