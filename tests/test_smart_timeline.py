"""The SMART app's pure modules: the timeline builder (CaseFacts + Assessment -> events), the Vega-Lite
spec, and the Assessment in words, on shipped synthetic patients and on built cases."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

import pytest

import fhir_builders as fb
from cds_service.guidelines.settings import GuidelineSettings
from cds_service.patients import catalogue
from cds_service.smart import words
from cds_service.smart.payload import build_payload
from cds_service.smart.summary import summarise
from cds_service.smart.timeline_spec import COLOURS, build_spec

PATIENTS = {p.patient_id: p for p in catalogue()}


def payload_for(pid: str, as_of: str | None = None) -> dict:
    p = PATIENTS[pid]
    return build_payload([p.bundle()], pid, date.fromisoformat(as_of or p.as_of), GuidelineSettings())


def events(payload: dict, lane: str) -> list[dict]:
    return [e for e in payload["timeline"]["events"] if e["lane"] == lane]


def test_interim_pmr_patient_shows_three_cycles_and_the_interim_scan():
    tl = payload_for("lbcl-v01")["timeline"]
    assert tl["lanes"] == ["1st line", "PET-CT"]
    cycles = [e for e in tl["events"] if e["lane"] == "1st line"]
    assert [c["label"] for c in cycles] == ["C1", "C2", "C3"]
    assert [c["start"] for c in cycles] == ["2025-01-06", "2025-01-27", "2025-02-17"]
    assert cycles[0]["end"] == "2025-01-26"  # drawn up to the day before the next cycle
    baseline, interim = [e for e in tl["events"] if e["lane"] == "PET-CT"]
    assert (baseline["timepoint"], baseline["status"], baseline["label"]) == ("baseline", "baseline", "Staging")
    assert (interim["start"], interim["timepoint"], interim["timepoint_label"]) == ("2025-03-05", "interim", "iPET3")
    assert (interim["status"], interim["deauville"], interim["label"]) == ("PMR", 4, "DS4 PMR")
    assert "responding" in interim["tooltip"]["values"]
    assert interim["tooltip"]["report"].startswith("\u201c")  # the report sentence the score came from
    assert tl["windows"] == [] and tl["relapse"] is None


def test_proven_refractory_patient_with_cart_shows_biopsy_bridging_apheresis_and_infusion():
    tl = payload_for("lbcl-x03")["timeline"]
    assert tl["lanes"] == ["1st line", "PET-CT", "Biopsy", "2nd line", "CAR-T / ASCT"]
    eot = next(e for e in tl["events"] if e.get("timepoint") == "end_of_treatment")
    assert (eot["start"], eot["status"], eot["deauville"], eot["timepoint_label"]) == ("2025-01-20", "NMR", 5, "EOT")
    [bx] = [e for e in tl["events"] if e["lane"] == "Biopsy"]
    assert (bx["start"], bx["status"], bx["label"]) == ("2025-01-24", "positive", "Biopsy +")
    second = [(e["kind"], e["label"], e["start"]) for e in tl["events"] if e["lane"] in ("2nd line", "CAR-T / ASCT")]
    assert second == [("bridging", "Bridging R-GDP", "2025-02-06"), ("apheresis", "Apheresis", "2025-02-03"),
                      ("car_t_infusion", "CAR-T infusion", "2025-03-03")]
    assert tl["windows"] == []  # refractory: no relapse windows after a response that never came


def test_early_relapse_patient_shows_windows_relapse_and_salvage():
    tl = payload_for("lbcl-v14")["timeline"]
    assert tl["eot_date"] == "2024-04-22"
    assert [(w["start"], w["end"]) for w in tl["windows"]] == [
        ("2024-04-22", "2024-07-22"), ("2024-07-22", "2024-10-22"), ("2024-10-22", "2025-04-22")]
    assert tl["relapse"]["date"] == "2024-11-25" and tl["relapse"]["biopsy_proven"] is True
    assert tl["windows"][2]["start"] <= tl["relapse"]["date"] < tl["windows"][2]["end"]  # 6-12 months
    assert "7 months" in tl["relapse"]["label"]
    salvage = [e for e in tl["events"] if e["kind"] == "salvage"]
    assert [e["label"] for e in salvage] == ["R-ICE \u00d72", ""]
    assert [e["tooltip"]["event"] for e in salvage] == ["Salvage cycle 1 of R-ICE", "Salvage cycle 2 of R-ICE"]
    scans = [(e["timepoint"], e["status"]) for e in tl["events"] if e["lane"] == "PET-CT"]
    assert scans == [("baseline", "baseline"), ("end_of_treatment", "CMR"), ("relapse_or_follow_up", "PMD"),
                     ("post_salvage", "PMR")]


def test_radiotherapy_course_is_a_bar_with_its_dose():
    [rt] = events(payload_for("lbcl-v18"), "Radiotherapy")
    assert (rt["start"], rt["end"], rt["label"]) == ("2025-05-26", "2025-06-13", "RT 30 Gy in 15 fractions")


def cart_case(extra: list[dict]) -> list[dict]:
    res = fb.advanced_case([fb.pet("2025-05-20", ds=5, uptake="unchanged", new=False)], cycles=6, pid="p9")
    res += fb.biopsy("2025-05-27", True, pid="p9")
    res += [{"resourceType": "Procedure", "id": "aph", "status": "completed", "subject": {"reference": "Patient/p9"},
             "code": {"text": "Leukapheresis for CAR-T"}, "performedDateTime": "2025-06-10"}]
    res += fb.administrations(["2025-07-01", "2025-07-02", "2025-07-03"],
                              {"fludarabine": "24698", "cyclophosphamide": "3002"}, pid="p9")
    res += [{"resourceType": "MedicationAdministration", "id": "cart", "status": "completed",
             "subject": {"reference": "Patient/p9"}, "effectiveDateTime": "2025-07-06",
             "medicationCodeableConcept": {"text": "axicabtagene ciloleucel"}}]
    return res + extra


def test_lymphodepletion_is_drawn_as_such_not_as_a_salvage_cycle():
    out = build_payload([fb.bundle(cart_case([]))], "p9", date(2025, 8, 1), GuidelineSettings())
    second = [(e["kind"], e["start"], e["end"]) for e in out["timeline"]["events"] if e["lane"] == "2nd line"]
    assert second == [("lymphodepletion", "2025-07-01", "2025-07-03")]
    infusion = [e for e in out["timeline"]["events"] if e["kind"] == "car_t_infusion"]
    assert [e["start"] for e in infusion] == ["2025-07-06"]
    ld = next(e for e in out["timeline"]["events"] if e["kind"] == "lymphodepletion")
    assert ld["tooltip"]["values"] == "cyclophosphamide, fludarabine"


def test_biopsy_status_positive_negative_unclear_pending():
    res = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)], pid="p8")
    res += fb.biopsy("2025-03-10", True, pid="p8") + fb.biopsy("2025-04-10", False, pid="p8")
    res += fb.biopsy("2025-05-10", None, pid="p8")  # a procedure, no result yet
    unclear = fb.biopsy("2025-06-10", True, pid="p8")
    unclear[1]["conclusion"] = "Insufficient material; non-diagnostic sample."
    out = build_payload([fb.bundle(res + unclear)], "p8", date(2025, 7, 1), GuidelineSettings())
    statuses = [(e["start"], e["status"]) for e in out["timeline"]["events"] if e["lane"] == "Biopsy"]
    assert statuses == [("2025-03-10", "positive"), ("2025-04-10", "negative"), ("2025-05-10", "pending"),
                        ("2025-06-10", "unclear")]


def test_patient_without_lymphoma_data_has_no_events_and_says_so():
    out = build_payload([fb.bundle([fb.patient("p7")])], "p7", date(2025, 1, 1), GuidelineSettings())
    assert out["timeline"]["events"] == [] and out["timeline"]["applicable"] is False
    assert out["summary"]["applicable"] is False
    assert "No large B-cell lymphoma" in out["summary"]["sections"][0]["items"][0]
    json.dumps(build_spec(out["timeline"]))  # still a drawable (empty) spec


def test_legend_lists_what_the_chart_shows():
    from cds_service.smart.timeline_spec import legend

    labels = [item["label"] for item in legend(payload_for("lbcl-x03")["timeline"])]
    assert labels == ["No response (NMR / SD)", "Baseline (staging) scan", "Biopsy positive", "First-line cycle",
                      "Bridging", "Apheresis", "CAR-T infusion", "End of first line (last dose)"]
    assert "Months after end of 1st line (< 3, 3-6, 6-12)" in [i["label"] for i in legend(
        payload_for("lbcl-v14")["timeline"])]


def test_spec_layers_follow_the_timeline():
    tl = payload_for("lbcl-v14")["timeline"]
    spec = build_spec(tl)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks.count("rect") == 1 and "bar" in marks and "point" in marks and marks.count("rule") >= 2
    rows = [r for layer in spec["layer"] for r in layer["data"]["values"] if "colour" in r and "lane" in r]
    assert len(rows) >= len(tl["events"]) and all(r["colour"] in COLOURS.values() for r in rows)
    no_relapse = build_spec(dict(tl, relapse=None, windows=[]))
    assert [layer["mark"]["type"] for layer in no_relapse["layer"]].count("rect") == 0
    assert len(no_relapse["layer"]) == len(spec["layer"]) - 4


ENUM = re.compile(r"\b[A-Z]{2,}_[A-Z0-9_]+\b|\b[a-z]+_[a-z_]+\b|\bNone\b|\bTrue\b|\bFalse\b")


@pytest.mark.parametrize("pid", sorted(PATIENTS))
def test_words_cover_every_value_the_engine_emits_and_show_no_raw_enum(pid):
    out = payload_for(pid)
    a = out["assessment"]
    assert set(a["flags"]) <= set(words.FLAGS)
    assert set(a["missing"]) <= set(words.MISSING)
    assert a["labels"]["bock_group"] in words.BOCK_GROUP
    for e in out["timeline"]["events"]:
        assert e["status"] in COLOURS
        if e["kind"] == "scan" and e.get("category"):
            assert e["category"] in words.CATEGORY
    text = " ".join(i for s in out["summary"]["sections"] for i in s["items"])
    text += " ".join(e["label"] + " " + " ".join(e["tooltip"].get(k, "") for k in ("event", "values"))
                     for e in out["timeline"]["events"])
    assert not ENUM.findall(text), ENUM.findall(text)


def test_summary_order_and_indicator():
    s = payload_for("lbcl-v03")["summary"]
    titles = [x["title"] for x in s["sections"]]
    assert titles[:2] == ["Now", "Next"] and titles.index("Course") < titles.index("Prognosis")
    assert s["indicator"] == "critical"  # proven EOT PR: treatment failure
    assert summarise(payload_for("lbcl-v01")["assessment"])["indicator"] == "info"


def test_pure_modules_load_no_web_framework():
    code = ("import sys; import cds_service.smart.payload, cds_service.smart.export; "
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'werkzeug', 'requests'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
