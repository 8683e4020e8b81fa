"""bench/report.py's FHIR-fallback section (docs/performance.md): the note that explains a missed row is
written only when the fetch phase is nearer the sum of the queries than the slowest one."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import report  # noqa: E402  (bench/ is not a package)


def _fallback(fetch_ms: float) -> dict:
    return {"total_p50": fetch_ms + 3.8, "slowest": 5.0, "ratio": round((fetch_ms + 3.8) / 5.0, 2), "eval_p50": 3.8,
            "fetch_ms": fetch_ms, "sum": 13.4, "fetch_ratio": round(fetch_ms / 5.0, 2),
            "concurrent": {"delay_ms": 30.0, "total_p50": 40.9}}


def test_serial_server_gets_the_note():
    lines = report.fallback(_fallback(10.9))
    assert "| MISSED |" in lines[2]
    note = lines[-1]
    assert "one at a time" in note and "(10.9 ms)" in note and "(13.4 ms)" in note and "(5.0 ms)" in note


def test_parallel_answers_get_no_note():
    lines = report.fallback(_fallback(6.0))
    assert len(lines) == 5 and lines[-1].startswith("| concurrent stand-in server")
