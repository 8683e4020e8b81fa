"""Report-text reading on the cold path: every report is text the readers have never seen.

Usage:  python bench/text_cold.py [N]        (default N = 2000 reads)

Reads N distinct reports (the PET, CT and pathology texts of tests/data/pet_reports and
tests/data/reports, each made distinct by a unique trailing sentence, so the per-text caches never
hit, and every cache is cleared before each read) with the reader of their kind, after a short warm-up of the compiled patterns, and prints the
per-report time p50 / p99 / max in ms for each kind and overall. In-process, no IO while timing.
Target (issue 12): p50 < 1 ms per report.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fhir_mappings.ct_text import extract_ct_findings  # noqa: E402
from fhir_mappings.pathology_text import extract_pathology_findings  # noqa: E402
from fhir_mappings.pet_text import extract_pet_findings  # noqa: E402


def _caches() -> list:
    """Every lru_cache of the reading modules (sentence-level caches too), cleared before each timed read."""
    import fhir_mappings
    found = []
    for name in ("ct_text", "pathology_text", "pet_text", "pet_text_scores", "pet_text_sentences", "pet_text_uptake",
                 "pet_text_values", "report_addenda", "report_comparison", "report_findings", "report_scope",
                 "report_sections", "staging_text"):
        module = __import__(f"{fhir_mappings.__name__}.{name}", fromlist=[name])
        found += [f for f in vars(module).values() if hasattr(f, "cache_clear")]
    return list({id(f): f for f in found}.values())


READERS = {"pet": extract_pet_findings, "ct": extract_ct_findings, "pathology": extract_pathology_findings}
CORPORA = sorted((ROOT / "tests" / "data" / "pet_reports").glob("*.jsonl")) + [
    ROOT / "tests" / "data" / "reports" / "corpus.jsonl"]


def reports() -> list[tuple[str, str]]:
    out = []
    for path in CORPORA:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                out += [(r.get("kind", "pet"), r["text"]) for r in map(json.loads, fh) if r.get("text")]
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 2000
    texts = reports()
    for kind, text in texts[:20]:  # warm-up: imports and compiled patterns, not the texts timed below
        READERS[kind](text + " Warm-up.")
    times: dict[str, list[float]] = {}
    caches = _caches()
    for i in range(n):
        kind, text = texts[i % len(texts)]
        text = f"{text}\nAccession {i:06d}."  # never seen: the lru caches cannot hit
        for cache in caches:  # nor may a sentence-level cache: every read is cold
            cache.cache_clear()
        start = time.perf_counter()
        READERS[kind](text)
        times.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
    every = [t for values in times.values() for t in values]
    print(f"{n} distinct reports read cold ({len(texts)} source texts)")
    print(f"{'kind':<12}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}{'mean ms':>10}")
    for kind, values in [*sorted(times.items()), ("all", every)]:
        print(f"{kind:<12}{len(values):>6}{percentile(values, 0.5):>10.3f}{percentile(values, 0.99):>10.3f}"
              f"{max(values):>10.3f}{statistics.fmean(values):>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
