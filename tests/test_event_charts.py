"""Held-out event charts (tests/event_charts/, issue 17): 40+ whole courses written from the
specification before the engine ran on them, in encodings unlike the vignettes (text-only PET, CT and
pathology reports, text-only drugs, CAR-T and radiotherapy courses). Each chart's expectations are traced
to rule ids and the spec sentence that decides them (expected.json `notes`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from test_vignettes import failures

from cds_service.hooks.evaluation import evaluate

HERE = Path(__file__).parent / "event_charts"
CASES = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("cid", sorted(CASES))
def test_event_chart(cid):
    case = CASES[cid]
    bundle = json.loads((HERE / case["bundle"]).read_text(encoding="utf-8"))
    a = evaluate([bundle], case.get("patient_id"), date.fromisoformat(case["as_of"]))
    problems = failures(case, a)
    for path, value in (case.get("expect_not") or {}).items():
        from test_vignettes import dotted
        if dotted(a, path) == value:
            problems.append(f"{path} must not be {value!r}")
    assert not problems, f"{cid} ({case['trace']}): " + "; ".join(problems)
