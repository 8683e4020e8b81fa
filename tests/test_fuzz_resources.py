"""Fuzzing inside resources (issue 14): shipped charts with fields broken inside their resources
(tests/resource_fuzz.py), through the patient-view hook (test client) and `lbcl-cds evaluate`.

What must hold for every example:
- the hook answers 200 (never a 5xx, never a 4xx: every prefetch value is still a resource), with the
  security headers and no internal detail; the CLI exits 0 with an Assessment (2 only when the Bundle's
  own `resourceType` or `type` was broken: it is then no Bundle), never a traceback;
- at most one resource more is skipped than in the intact chart, and the CLI counts as the hook does;
- when the broken resource is skipped, the rest of the chart evaluates exactly as the chart without that
  resource (the Assessment is equal but for `skipped_resources` and the flag INVALID_RESOURCES_SKIPPED).

Examples: `LBCL_FUZZ_EXAMPLES` (default 200, in the default suite; `make fuzz` runs 10,000). The count
run is asserted and recorded as a figure.
"""

from __future__ import annotations

import contextlib
import io
import time
from collections import Counter

import orjson
import pytest
from hypothesis import HealthCheck, given, settings

import resource_fuzz as rf
from cds_service.cli import main as cli_main
from reliability_helpers import check_flask, env_int, figures, make_app  # noqa: F401 (fixture)

EXAMPLES = env_int("LBCL_FUZZ_EXAMPLES", 200)
SERVICE = "/cds-services/lbcl-response"
KEY = "lbcl-cds.assessment"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("fuzz-resources")).test_client()


def hook_assessment(client, bundle: dict, patient_id: str) -> dict | None:
    resp = client.post(SERVICE, data=rf.dumps(rf.hook_body(bundle, patient_id)), content_type="application/json")
    check_flask(resp, where="resource fuzz")
    assert resp.status_code == 200, resp.get_data()[:300]
    cards = resp.get_json()["cards"]
    return cards[0]["extension"][KEY] if cards else None


def cli_assessment(bundle: dict, example: rf.Example, tmp) -> tuple[int, dict | None]:
    path = tmp / "chart.json"
    path.write_bytes(rf.dumps(bundle))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli_main(["evaluate", str(path), "--as-of", example.chart.as_of, "--patient", example.chart.patient_id])
    return code, (orjson.loads(out.getvalue()) if code == 0 else None)


def skipped(a: dict | None) -> int:
    return (a or {}).get("skipped_resources", 0)


def comparable(a: dict | None) -> dict | None:
    if a is None:
        return None
    out = dict(a)
    out.pop("skipped_resources", None)
    out["flags"] = [f for f in a.get("flags", []) if f != "INVALID_RESOURCES_SKIPPED"]
    return out


def test_fuzz_inside_resources(client, tmp_path, figures):  # noqa: F811
    intact: dict[str, dict | None] = {}
    removed: dict[tuple[str, int], dict | None] = {}
    outcomes: Counter[str] = Counter()
    ran = 0
    slowest = 0.0
    started = time.perf_counter()

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 1000,
              suppress_health_check=list(HealthCheck), phases=["explicit", "generate"])
    @given(example=rf.examples())
    def run(example: rf.Example):
        nonlocal ran, slowest
        chart = example.chart
        pid = chart.patient_id
        if pid not in intact:
            intact[pid] = hook_assessment(client, chart.bundle, pid)
        t0 = time.perf_counter()
        a = hook_assessment(client, example.bundle, pid)
        slowest = max(slowest, time.perf_counter() - t0)
        base = skipped(intact[pid])
        assert base <= skipped(a) <= base + 1, example
        if example.index is not None and skipped(a) == base + 1:
            key = (pid, example.index)
            if key not in removed:
                removed[key] = hook_assessment(client, rf.without(chart.bundle, example.index), pid)
            assert comparable(a) == comparable(removed[key]), example
            outcomes["skipped"] += 1
        else:
            outcomes["read" if example.index is not None else "bundle changed"] += 1
        code, cli = cli_assessment(example.bundle, example, tmp_path)
        bundle_broken = any(c.startswith(("Bundle.type", "Bundle.resourceType")) for c in example.changes)
        assert code == 0 or (code == 2 and bundle_broken), (code, example)
        if code == 0:
            assert isinstance(cli, dict) and cli.get("schema") == "lbcl-cds.assessment/1", example
            assert skipped(cli) == skipped(a), (skipped(cli), skipped(a), example)
        ran += 1

    run()
    figures.record("fuzz_resources", examples=ran, outcomes=dict(outcomes), charts=len(rf.charts()),
                   slowest_s=round(slowest, 3), seconds=round(time.perf_counter() - started, 1))
    assert ran >= EXAMPLES, f"only {ran} examples ran (wanted {EXAMPLES})"


ORDER_EXAMPLES = max(20, EXAMPLES // 10)


def test_fuzz_inside_draft_orders(client, figures):  # noqa: F811
    """order-sign and order-select with broken draft orders (context.draftOrders) on intact charts: 200,
    a broken draft left out, never a 5xx."""
    statuses: Counter[int] = Counter()
    cards: Counter[int] = Counter()

    @settings(max_examples=ORDER_EXAMPLES, deadline=None, database=None, derandomize=ORDER_EXAMPLES <= 1000,
              suppress_health_check=list(HealthCheck), phases=["explicit", "generate"])
    @given(case=rf.order_examples())
    def run(case):
        example, hook = case
        resp = client.post(f"/cds-services/lbcl-{hook}", data=rf.dumps(rf.order_body(example.chart, example.bundle,
                                                                                    hook)),
                           content_type="application/json")
        check_flask(resp, where=f"draft order fuzz ({hook})")
        statuses[resp.status_code] += 1
        assert resp.status_code == 200, (resp.get_data()[:300], example)
        cards[len(resp.get_json()["cards"])] += 1

    run()
    figures.record("fuzz_draft_orders", examples=sum(statuses.values()), statuses=dict(statuses),
                   cards=dict(cards))
    assert sum(statuses.values()) >= ORDER_EXAMPLES
