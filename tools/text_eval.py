"""Precision and recall of the report text readers (PET, CT, pathology) on gold corpora.

Usage:
    python tools/text_eval.py [corpus.jsonl ...] [--errors]

With no path it scores the development corpora (tests/data/pet_reports/corpus.jsonl and
tests/data/reports/corpus.jsonl); with paths it scores those (for example the blind set,
tests/data/reports_blind/blind.jsonl). It prints one table per corpus and report kind. `--errors`
lists the mismatches after each table.

Records: `{"id", "text", "gold"}` (PET corpus, tests/data/pet_reports/README.md) or `{"id", "kind":
"pet|ct|pathology", "style", "text", "gold"}` (tests/data/reports/README.md). A fact is scored on the
records whose gold holds its key.

Scoring, per fact:
- true positive: the prediction equals the gold value;
- false positive: a non-null prediction that is wrong, or made where the gold is null;
- false negative: a non-null gold value predicted null or wrong (a wrong value is both FP and FN).
precision = TP / (TP + FP) and recall = TP / (TP + FN); 1.0 when the denominator is 0.
`deauville_x`, `addendum_revised` and `ambiguous` gold `false` means "not stated", so it is scored like
null. `ambiguous` is predicted true when the reader raises TEXT_DEAUVILLE_AMBIGUOUS or
TEXT_UPTAKE_AMBIGUOUS. `extranodal_organs` is compared as a set; the gold's `spleen_not_counted` is
dropped (the spleen is nodal and never listed); for a list holding only it, [] (the report closed the
count) and null are both right, so a null prediction is not scored. Numbers
(sizes, SPD, SUVmax, TMTV) match within 0.01. Pathology `site` and `lymphoma_type` are free text and
compared loosely: a site matches when the organ words overlap (first six letters; neck = cervical,
groin = inguinal, CSF = cerebrospinal) and the side (left/right) agrees when both state one; a lymphoma type matches when both name the same family (primary mediastinal, primary
cutaneous, high-grade, large B-cell/DLBCL, ...).

Importable: `evaluate(path) -> {fact: (precision, recall, n)}` where n is the number of reports with
a non-null gold value for that fact; the keys are `fact` for records without a kind and
`kind.fact` for records with one. The script always exits 0: the floors live in
tests/test_pet_text_corpus.py and tests/test_report_corpus.py.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fhir_mappings.ct_text import extract_ct_findings  # noqa: E402
from fhir_mappings.pathology_text import extract_pathology_findings  # noqa: E402
from fhir_mappings.pet_text import extract_pet_findings  # noqa: E402

DEFAULT_CORPORA = (ROOT / "tests" / "data" / "pet_reports" / "corpus.jsonl",
                   ROOT / "tests" / "data" / "reports" / "corpus.jsonl")
DEFAULT_CORPUS = DEFAULT_CORPORA[0]
FACTS = {
    "pet": ("deauville", "deauville_x", "uptake", "new_lesions", "new_lesion_etiology", "marrow", "suv_max",
            "tmtv_ml", "category", "timepoint", "ambiguous", "addendum_revised", "extensive_mesenteric",
            "extranodal_organs", "comparator_is_baseline"),
    "ct": ("new_lesions", "new_node_max_cm", "new_extranodal_max_cm", "new_lesion_etiology", "reader_assessment",
           "spd_cm2", "extensive_mesenteric", "extranodal_organs", "addendum_revised"),
    "pathology": ("result", "site", "lymphoma_type"),
}
READERS = {"pet": extract_pet_findings, "ct": extract_ct_findings, "pathology": extract_pathology_findings}
FALSE_IS_NULL = ("deauville_x", "ambiguous", "addendum_revised")
STAGING = ("extensive_mesenteric", "extranodal_organs")
AMBIGUITY_FLAGS = ("TEXT_DEAUVILLE_AMBIGUOUS", "TEXT_UPTAKE_AMBIGUOUS")
SIDES = re.compile(r"\b(left|right)\b", re.I)
SITE_STOP = frozenset("lymph node nodes the and of with biopsy core excision fluid mass lesion level".split())
FAMILIES = (("pmbl", re.compile(r"primary\s+mediastinal|PMBCL|PMBL", re.I)),
            ("cutaneous", re.compile(r"cutaneous|leg\s+type", re.I)),
            ("hgbl", re.compile(r"high[\s-]grade|HGBL|double[\s-]hit|triple[\s-]hit", re.I)),
            ("lbcl", re.compile(r"large\s+B[\s-]cell|DLBCL|LBCL", re.I)),
            ("lymphoma", re.compile(r"lymphoma", re.I)))


def load(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def kind_of(record: dict) -> str:
    return record.get("kind", "pet")


def key(record: dict, fact: str) -> str:
    return f"{record['kind']}.{fact}" if "kind" in record else fact


def predicted(found: object, fact: str) -> object:
    if fact == "ambiguous":
        return True if any(f in found.flags for f in AMBIGUITY_FLAGS) else None
    if fact in STAGING:
        value = getattr(found.staging, fact)
    elif fact in ("addendum_revised", "result", "site", "lymphoma_type"):
        value = getattr(found, fact)
        return None if fact in FALSE_IS_NULL and not value else value
    else:
        value = getattr(found, fact)
    value = None if value is None else value.value
    if fact == "extranodal_organs" and value is not None:
        return sorted(value)
    return None if fact in FALSE_IS_NULL and not value else value


SPLEEN_ONLY = "spleen only"  # a gold list naming only the spleen: [] (count closed) and null are both right


def _gold(record: dict, fact: str) -> object:
    value = record["gold"].get(fact)
    if fact == "extranodal_organs" and value is not None:
        kept = sorted(o for o in value if o != "spleen_not_counted")
        return kept if kept or not value else SPLEEN_ONLY
    return None if fact in FALSE_IS_NULL and not value else value


def _family(text: str) -> str | None:
    return next((name for name, pattern in FAMILIES if pattern.search(text)), None)


SITE_SYNONYMS = {"neck": "cervic", "groin": "inguin", "csf": "cerebr", "axilla": "axilla", "armpit": "axilla"}


def _site_words(text: str) -> set[str]:
    words = {SITE_SYNONYMS.get(w, w[:6]) for w in re.findall(r"[a-z]{3,}", text.lower())}
    return words - {w[:6] for w in SITE_STOP} - {"left", "right"}


def _same(fact: str, a: object, b: object) -> bool:
    if fact == "site":
        sides_a, sides_b = set(SIDES.findall(str(a).lower())), set(SIDES.findall(str(b).lower()))
        return bool(_site_words(str(a)) & _site_words(str(b))) and (not sides_a or not sides_b or sides_a == sides_b)
    if fact == "lymphoma_type":
        return _family(str(a)) == _family(str(b))
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, abs_tol=0.01)
    return a == b and type(a) is type(b)


def score(records: list[dict]) -> tuple[dict[str, tuple[int, int, int, int]], list[tuple[str, str, object, object]]]:
    """Counts {fact: (tp, fp, fn, n)} and the mismatches (id, fact, gold, predicted)."""
    counts: dict[str, list[int]] = {}
    errors = []
    for record in records:
        kind = kind_of(record)
        found = READERS[kind](record["text"])
        for fact in (f for f in FACTS[kind] if f in record["gold"]):
            gold, pred = _gold(record, fact), predicted(found, fact)
            c = counts.setdefault(key(record, fact), [0, 0, 0, 0])
            if gold == SPLEEN_ONLY:
                if pred is None:
                    continue
                gold = []
            c[3] += gold is not None
            if pred is not None and gold is not None and _same(fact, pred, gold):
                c[0] += 1
                continue
            c[1] += pred is not None
            c[2] += gold is not None
            if pred is not None or gold is not None:
                errors.append((record["id"], key(record, fact), gold, pred))
    order = [key({"kind": k} if k else {}, f) for k in ("", *FACTS) for f in FACTS[k or "pet"]]
    return {k: tuple(counts[k]) for k in order if k in counts}, errors


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
    kinds = list(dict.fromkeys(f.split(".")[0] if "." in f else "" for f in counts))
    for kind in kinds:
        in_kind = [f for f in counts if (f.split(".")[0] if "." in f else "") == kind]
        if kind:
            print(f"-- {kind} ({sum(1 for r in records if r.get('kind') == kind)} reports)")
        print(f"{'fact':<28}{'precision':>10}{'recall':>8}{'n':>5}{'tp':>5}{'fp':>5}{'fn':>5}")
        for fact in in_kind:
            precision, recall, n = metrics[fact]
            tp, fp, fn, _ = counts[fact]
            print(f"{fact:<28}{precision:>10.3f}{recall:>8.3f}{n:>5}{tp:>5}{fp:>5}{fn:>5}")
    if errors:
        print("\nmismatches (id, fact, gold, predicted):")
        for rid, fact, gold, pred in mismatches:
            print(f"  {rid:<6} {fact:<28} gold={gold!r:<26} predicted={pred!r}")


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("--")] or [p for p in DEFAULT_CORPORA if p.exists()]
    for i, path in enumerate(paths):
        if i:
            print()
        report(path, "--errors" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
