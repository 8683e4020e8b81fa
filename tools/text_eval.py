"""Precision and recall of the PET report text extractor on the gold corpus.

Usage:
    python tools/text_eval.py [corpus.jsonl ...] [--errors]

With no path it scores the development corpus (tests/data/pet_reports/corpus.jsonl); with several
paths (for example corpus.jsonl and heldout.jsonl) it prints one table per corpus. `--errors` lists
each corpus's mismatches after its table.

Scoring, per fact (tests/data/pet_reports/README.md describes the gold):
- true positive: the prediction equals the gold value;
- false positive: a non-null prediction that is wrong, or made where the gold is null;
- false negative: a non-null gold value predicted null or wrong (a wrong value is both FP and FN).
precision = TP / (TP + FP) and recall = TP / (TP + FN); 1.0 when the denominator is 0.
`deauville_x` gold `false` means "no X stated", so it is scored like null. `ambiguous` is predicted
true when the extractor raises TEXT_DEAUVILLE_AMBIGUOUS or TEXT_UPTAKE_AMBIGUOUS.

Importable: `evaluate(path) -> {fact: (precision, recall, n)}` where n is the number of reports with
a non-null gold value for that fact. The script always exits 0: the floors live in
tests/test_pet_text_corpus.py.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fhir_mappings.pet_text import PetTextFindings  # noqa: E402
from fhir_mappings.pet_text import extract_pet_findings  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "data" / "pet_reports" / "corpus.jsonl"
FACTS = ("deauville", "deauville_x", "uptake", "new_lesions", "new_lesion_etiology", "marrow",
         "suv_max", "tmtv_ml", "category", "timepoint", "ambiguous")
AMBIGUITY_FLAGS = ("TEXT_DEAUVILLE_AMBIGUOUS", "TEXT_UPTAKE_AMBIGUOUS")


def load(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predicted(found: PetTextFindings, fact: str) -> object:
    if fact == "ambiguous":
        return True if any(f in found.flags for f in AMBIGUITY_FLAGS) else None
    value = getattr(found, fact)
    value = None if value is None else value.value
    return None if fact == "deauville_x" and not value else value


def _gold(record: dict, fact: str) -> object:
    value = record["gold"].get(fact)
    return None if fact in ("deauville_x", "ambiguous") and not value else value


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, abs_tol=1e-6)
    return a == b and type(a) is type(b)


def score(records: list[dict]) -> tuple[dict[str, tuple[int, int, int, int]], list[tuple[str, str, object, object]]]:
    """Counts {fact: (tp, fp, fn, n)} and the mismatches (id, fact, gold, predicted)."""
    counts = {fact: [0, 0, 0, 0] for fact in FACTS}
    errors = []
    for record in records:
        found = extract_pet_findings(record["text"])
        for fact in FACTS:
            gold, pred = _gold(record, fact), predicted(found, fact)
            c = counts[fact]
            c[3] += gold is not None
            if pred is not None and gold is not None and _same(pred, gold):
                c[0] += 1
                continue
            c[1] += pred is not None
            c[2] += gold is not None
            if pred is not None or gold is not None:
                errors.append((record["id"], fact, gold, pred))
    return {k: tuple(v) for k, v in counts.items()}, errors


def _metrics(counts: dict[str, tuple[int, int, int, int]]) -> dict[str, tuple[float, float, int]]:
    result = {}
    for fact, (tp, fp, fn, n) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        result[fact] = (precision, recall, n)
    return result


def evaluate(path: str | Path = DEFAULT_CORPUS) -> dict[str, tuple[float, float, int]]:
    """{fact: (precision, recall, n)} of the extractor on the corpus at `path`."""
    return _metrics(score(load(path))[0])


def report(path: str | Path, errors: bool = False) -> None:
    """Print the table (and, with `errors`, the mismatches) of one corpus."""
    records = load(path)
    counts, mismatches = score(records)
    metrics = _metrics(counts)
    print(f"{len(records)} reports: {path}")
    print(f"{'fact':<22}{'precision':>10}{'recall':>8}{'n':>5}{'tp':>5}{'fp':>5}{'fn':>5}")
    for fact in FACTS:
        precision, recall, n = metrics[fact]
        tp, fp, fn, _ = counts[fact]
        print(f"{fact:<22}{precision:>10.3f}{recall:>8.3f}{n:>5}{tp:>5}{fp:>5}{fn:>5}")
    if errors:
        print("\nmismatches (id, fact, gold, predicted):")
        for rid, fact, gold, pred in mismatches:
            print(f"  {rid:<6} {fact:<20} gold={gold!r:<26} predicted={pred!r}")


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("--")] or [DEFAULT_CORPUS]
    for i, path in enumerate(paths):
        if i:
            print()
        report(path, "--errors" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
