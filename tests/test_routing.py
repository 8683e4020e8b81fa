"""fhir_mappings/routing.py gives each reader only the Observations it reads (issue 16): on every chart
of the project, and on the benchmark's grown charts, the CaseFacts are the same as when every reader
walks every Observation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import fhir_builders as fb
from fhir_mappings.build import build_case_facts
from fhir_mappings.routing import route

ROOT = Path(__file__).resolve().parent.parent


def _charts() -> list[tuple[str, object]]:
    files = [*(ROOT / "cds_service" / "data" / "patients").glob("lbcl-*.json"),
             *(ROOT / "tests" / "vignettes").rglob("*.json"), *(ROOT / "tests" / "event_charts").glob("E*.json")]
    out = []
    for path in sorted(files):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("resourceType") == "Bundle":
            out.append((path.name, data))
    return out


@pytest.mark.parametrize(("name", "chart"), _charts(), ids=lambda v: v if isinstance(v, str) else "")
def test_routed_mapping_equals_every_reader_seeing_everything(name, chart):
    assert build_case_facts([chart]) == build_case_facts([chart], routed=False)


def test_grown_benchmark_charts():
    sys.path.insert(0, str(ROOT / "bench"))
    import variants

    for relevant in (10, 500):
        resources = variants.grown(variants.chart(3), relevant, 3)
        assert build_case_facts(resources, "bench-1") == build_case_facts(resources, "bench-1", routed=False)


def test_an_observation_of_no_known_code_goes_to_every_reader():
    other = fb.tier2("x", "2025-01-01")
    other["code"] = {"coding": [{"system": "http://loinc.org", "code": "0000-0"}]}
    ldh = fb.lab("2532-0", 300, "2025-01-02")
    routed = route([other, ldh])
    assert routed.ldh == [other, ldh] and routed.ecog == [other] and routed.imaging == [other]
