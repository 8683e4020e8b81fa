"""What the timeline page draws, from one patient's FHIR resources: the Assessment (the hook's own),
the timeline JSON, the Vega-Lite spec, its legend and the Assessment in words. Pure: no Flask, no IO;
the API endpoint and the `lbcl-cds timeline` command both call `build_payload`."""

from __future__ import annotations

from datetime import date

from .engine import GuidelineSettings, evaluate_case
from .summary import summarise
from .timeline_data import build_timeline
from .timeline_spec import build_spec, legend

SCHEMA = "lbcl-cds.smart-timeline/1"


def build_payload(resources: list[object], patient_id: str, as_of: date, settings: GuidelineSettings) -> dict:
    facts, assessment = evaluate_case(resources, patient_id, as_of, settings)
    timeline = build_timeline(facts, assessment)
    return {"schema": SCHEMA, "patient_id": patient_id, "as_of": as_of.isoformat(),
            "patient": {"birth_date": facts.birth_date.isoformat() if facts.birth_date else None, "sex": facts.sex,
                        "diagnosis": facts.diagnosis},
            "assessment": assessment, "timeline": timeline, "spec": build_spec(timeline),
            "legend": legend(timeline), "summary": summarise(assessment)}
