"""Golden card: the rendered response card for a fixed case (uuids normalised). Regenerate with
`LBCL_CDS_UPDATE_GOLDEN=1 pytest tests/test_cards_golden.py` after a reviewed, intended change."""

import json
import os
from datetime import date
from pathlib import Path

import fhir_builders as fb
from cds_service.cards.render import render_cards
from cds_service.hooks.evaluation import evaluate

GOLDEN = Path(__file__).parent / "golden"


def _normalise(card: dict) -> dict:
    card = json.loads(json.dumps(card))
    card["uuid"] = "<uuid>"
    for s in card.get("suggestions", []):
        s["uuid"] = "<uuid>"
    return card


def _check(name: str, cards: list) -> None:
    got = [_normalise(c.dump()) for c in cards]
    for c in got:
        c.pop("extension", None)
    path = GOLDEN / f"{name}.json"
    if os.environ.get("LBCL_CDS_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
    assert got == json.loads(path.read_text())


def test_golden_interim_pmr_card():
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)], pid="g1")
    a = evaluate([fb.bundle(resources)], "g1", date(2025, 3, 6))
    _check("interim_pmr", render_cards(a))


def test_golden_eot_pmr_biopsy_card():
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False),
                                  *fb.administrations(fb.rchop_days("2025-03-10", 3), pid="g2"),
                                  fb.pet("2025-05-26", ds=4, uptake="reduced", new=False, pid="g2")],
                                 pid="g2")
    a = evaluate([fb.bundle(resources)], "g2", date(2025, 5, 27))
    cards = render_cards(a)
    assert cards[0].indicator == "warning"  # action needed (biopsy), failure not yet confirmed
    assert any(s.actions[0].resource["code"]["coding"][0]["code"] == "86273004" for s in cards[0].suggestions)
    _check("eot_pmr", cards)


def test_no_biopsy_order_once_the_biopsy_result_is_known():
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False),
                                  *fb.administrations(fb.rchop_days("2025-03-10", 3), pid="g3"),
                                  fb.pet("2025-05-26", ds=4, uptake="reduced", new=False, pid="g3"),
                                  *fb.biopsy("2025-06-02", True, pid="g3")], pid="g3")
    a = evaluate([fb.bundle(resources)], "g3", date(2025, 6, 3))
    assert {"NA4", "NA4b"} <= {r["rule"] for r in a["recommendations"]}
    cards = render_cards(a)
    assert cards[0].indicator == "critical"  # refractory disease confirmed: management changes now
    codes = [s.actions[0].resource["code"]["coding"][0]["code"] for c in cards for s in c.suggestions or []]
    assert "86273004" not in codes
