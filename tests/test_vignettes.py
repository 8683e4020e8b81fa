"""The 25 vignettes of clinical-logic.md §7 as FHIR Bundles (tests/vignettes/), each checked against
its expected classification, pathway, labels, rule ids, flags and missing inputs (expected.json, with
the trace to rule ids and sources)."""

import json
from datetime import date
from pathlib import Path

import pytest

from cds_service.hooks.evaluation import evaluate

HERE = Path(__file__).parent / "vignettes"
EXPECTED = json.loads((HERE / "expected.json").read_text())
CASES = {k: v for k, v in EXPECTED.items() if "bundle" in v}
_NOT_SET = object()


def dotted(obj: dict, path: str):
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return _NOT_SET
        obj = obj[part]
    return obj


def assess(case: dict) -> dict:
    bundle = json.loads((HERE / case["bundle"]).read_text())
    return evaluate([bundle], case.get("patient_id"), date.fromisoformat(case["as_of"]))


def failures(case: dict, a: dict) -> list[str]:
    out = []
    rules = {r["rule"] for r in a["recommendations"]}
    current = {r["rule"] for r in a["recommendations"] if r.get("current", True)}
    for key, want in case["expect"].items():
        if key == "rules_present":
            out += [f"rule {r} missing" for r in want if r not in rules]
        elif key == "rules_absent":
            out += [f"rule {r} should not fire" for r in want if r in rules]
        elif key == "current_rules_present":
            out += [f"rule {r} not current" for r in want if r not in current]
        elif key == "current_rules_absent":
            out += [f"rule {r} should not be current" for r in want if r in current]
        elif key == "flags_present":
            out += [f"flag {f} missing" for f in want if f not in a["flags"]]
        elif key == "flags_absent":
            out += [f"flag {f} should not be set" for f in want if f in a["flags"]]
        elif key == "missing_present":
            out += [f"missing {m} not listed" for m in want if m not in a["missing"]]
        elif key == "missing_absent":
            out += [f"missing {m} should not be listed" for m in want if m in a["missing"]]
        else:
            got = dotted(a, key)
            if got != want:
                out.append(f"{key}: expected {want!r}, got {'<absent>' if got is _NOT_SET else repr(got)}")
    return out


@pytest.mark.parametrize("vid", sorted(CASES))
def test_vignette(vid):
    case = CASES[vid]
    a = assess(case)
    problems = failures(case, a)
    assert not problems, f"{vid} ({case['trace']}): " + "; ".join(problems)
