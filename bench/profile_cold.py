"""A profile of the cold request (issue 16): cProfile of the service in-process (the Flask app through
its test client, the production code path less gunicorn and the socket), a different patient on every
request (variants.py), after a warm-up. Reported two ways: self time by area (which part of the code the
time is spent in) and the top functions by cumulative time."""

from __future__ import annotations

import cProfile
import gc
import io
import json
import os
import pstats
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = [  # (area, path fragments), first match wins
    ("validation (read schema, relevance)", ("fhir_mappings/validation", "fhir_mappings/shape", "<shape_compile",
                                            "fhir_mappings/primitives", "fhir_mappings/relevance")),
    ("report text reader", ("fhir_mappings/pet_text", "fhir_mappings/report_", "fhir_mappings/fast_regex",
                            "fhir_mappings/regex_factor", "fhir_mappings/staging_text", "fhir_mappings/ct_text",
                            "fhir_mappings/pathology_")),
    ("mapping (FHIR -> CaseFacts)", ("fhir_mappings/",)),
    ("guidelines (Assessment)", ("cds_service/guidelines",)),
    ("cards", ("cds_service/cards",)),
    ("audit queue, store", ("cds_service/store",)),
    ("JSON and wire models (orjson, pydantic)", ("orjson", "pydantic", "cds_service/protocol")),
    ("Flask, werkzeug, metrics, logging", ("flask", "werkzeug", "prometheus", "logging", "cds_service/api",
                                          "cds_service/metrics", "cds_service/logs", "cds_service/redact")),
]
REQUESTS = 300


def _area(filename: str) -> str:
    for area, fragments in AREAS:
        if any(f in filename for f in fragments):
            return area
    return "other"


def _p50(call, start: int, n: int) -> float:
    import statistics
    import time

    times = []
    for i in range(start, start + n):
        t0 = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def text_reader_share(call) -> dict:
    """In-process cold p50, and the same with every report's text already read (the reader's answer for
    the text less its unique accession line, from the reader's own cache): the difference is what the
    report-text reader costs the cold request."""
    from fhir_mappings import pet

    cold = _p50(call, 10_000, 400)
    real = pet.extract_pet_findings
    pet.extract_pet_findings = lambda text, **kw: real(text.split(". ", 1)[1] if text.startswith("Accession")
                                                        else text, **kw)
    try:
        _p50(call, 20_000, 50)
        read = _p50(call, 30_000, 400)
    finally:
        pet.extract_pet_findings = real
    return {"cold_ms": cold, "text_read_ms": read, "reader_ms": round(cold - read, 2)}


def top(n: int = 16) -> dict:
    os.environ.setdefault("LBCL_CDS_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    from cds_service.app import create_app

    tmp = tempfile.TemporaryDirectory()
    app = create_app({"auth": "off", "sqlite_path": f"{tmp.name}/p.sqlite3", "log_level": "WARNING"})
    client = app.test_client()
    bodies = [json.dumps(b).encode() for b in json.loads((ROOT / "bench" / "payloads" / "cold-111.json").read_text())]

    def call(i: int) -> None:
        body = bodies[i % len(bodies)].replace(b"@@U@@", str(900_000 + i).encode())
        assert client.post("/cds-services/lbcl-response", data=body, content_type="application/json").status_code == 200

    from cds_service.warmup import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)  # as a served worker runs (warmup.py)
    for i in range(50):
        call(i)
    share = text_reader_share(call)
    prof = cProfile.Profile()
    prof.enable()
    for i in range(50, 50 + REQUESTS):
        call(i)
    prof.disable()
    stats = pstats.Stats(prof)
    by_area: dict[str, float] = defaultdict(float)
    for (filename, _, func), (_, _, tottime, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~" and callers:  # a builtin (a regular expression, a dict method): to its callers' areas
            for (caller_file, _, caller_func), (_, _, caller_tt, _) in callers.items():
                by_area[_area(caller_file if caller_file != "~" else caller_func)] += caller_tt
        else:
            by_area[_area(filename if filename != "~" else func)] += tottime
    total = sum(by_area.values())
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(r"cds_service|fhir_mappings|fhir_core", n)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("ncalls"))
    tmp.cleanup()
    return {"requests": REQUESTS, "ms_per_request": round(total / REQUESTS * 1000, 2), **share,
            "areas": sorted(((a, round(t / total * 100, 1)) for a, t in by_area.items()), key=lambda x: -x[1]),
            "top": "\n".join(ln.replace(str(ROOT) + "/", "").replace(str(Path(sys.prefix)) + "/", "")
                             for ln in lines[start:start + n + 1])}


if __name__ == "__main__":
    result = top()
    print(json.dumps(result["areas"], indent=1))
    print(result["top"])
