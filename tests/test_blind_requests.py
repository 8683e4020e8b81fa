"""CDS Hooks requests of the blind rounds of 2026-12-05 (tests/blind_requests, tests/blind_orders; READMEs
there): 26 whole POST bodies (patient-view, order-select, order-sign) in the prefetch shapes EHRs send,
written from the specification by writers who never saw the service, posted to the real app. The Assessment each card carries is checked
like the vignettes (rule ids, flags, labels); the expectations hold from any day on or after 2026-12-05."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_vignettes import failures

from cds_service.app import create_app

SETS = [Path(__file__).parent / name for name in ("blind_requests", "blind_orders")]
CASES = {rid: (here, case) for here in SETS
         for rid, case in json.loads((here / "expected.json").read_text(encoding="utf-8")).items()}
SERVICE = {"patient-view": "lbcl-response", "order-select": "lbcl-order-select", "order-sign": "lbcl-order-sign"}
INDICATORS = ("info", "warning", "critical")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return create_app({"auth": "off", "sqlite_path": str(tmp_path_factory.mktemp("r") / "r.sqlite3")}).test_client()


def _problems(expect: dict, status: int, cards: list[dict]) -> list[str]:
    out = [f"status {status}"] if status != expect.get("status", 200) else []
    if expect.get("cards") == "none" and cards:
        out.append(f"expected no cards, got {[c['summary'] for c in cards]}")
    if expect.get("cards") == "some" and not cards:
        out.append("expected cards, got none")
    wanted = [expect["indicator_any"]] if "indicator_any" in expect else expect.get("indicator_one_of")
    if wanted and not any(c.get("indicator") in wanted for c in cards):
        out.append(f"no card with indicator in {wanted}: {[c.get('indicator') for c in cards]}")
    if expect.get("card_checks"):
        out += [f"card fails the contract: {c.get('summary')!r}" for c in cards
                if not (c.get("uuid") and len(c.get("summary", "")) < 140 and c.get("indicator") in INDICATORS
                        and (c.get("source") or {}).get("label") and c.get("detail"))]
    if "assessment" in expect and cards:
        out += failures({"expect": expect["assessment"]}, cards[0]["extension"]["lbcl-cds.assessment"])
    return out


@pytest.mark.parametrize("rid", sorted(CASES))
def test_blind_request(client, rid):
    here, case = CASES[rid]
    body = json.loads((here / case["request"]).read_text(encoding="utf-8"))
    resp = client.post(f"/cds-services/{SERVICE[body['hook']]}", json=body)
    cards = (resp.get_json(silent=True) or {}).get("cards") or []
    problems = _problems(case["expect"], resp.status_code, cards)
    assert not problems, f"{rid} ({case['trace']}): " + "; ".join(problems)
