"""Whole resources the service builds are valid R4 (issue 16: strict validation where the service builds
resources): every `create` suggestion of every card of every shipped patient, and of the event charts,
validates with its fhir.resources R4B model."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from fhir.resources.R4B import get_fhir_model_class

from cds_service.cards.render import render_cards
from cds_service.hooks.evaluation import assessment_of
from cds_service.patients import catalogue

HERE = Path(__file__).parent


def _charts():
    for p in catalogue():
        yield p.bundle(), p.patient_id, date.fromisoformat(p.as_of)
    expected = json.loads((HERE / "event_charts" / "expected.json").read_text(encoding="utf-8"))
    for case in expected.values():
        bundle = json.loads((HERE / "event_charts" / case["bundle"]).read_text(encoding="utf-8"))
        yield bundle, case.get("patient_id"), date.fromisoformat(case["as_of"])


def test_every_suggested_resource_is_valid_r4():
    checked = 0
    for bundle, pid, as_of in _charts():
        for card in render_cards(assessment_of([bundle], pid, as_of)):
            for suggestion in card.suggestions or []:
                for action in suggestion.actions or []:
                    if action.resource is not None:
                        res = action.resource
                        get_fhir_model_class(res["resourceType"]).model_validate(res)
                        checked += 1
    assert checked >= 10
