"""Benchmark payloads (issue 7), generated deterministically on demand:

- typical: one LBCL patient through first line, salvage and CAR-T (~110 resources);
- heavy: the same patient plus ~900 unrelated Observations and Conditions (a long-followed chart).

`python bench/payloads.py` writes bench/payloads/{typical,heavy}.json (hook requests with prefetch).
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import fhir_builders as fb  # noqa: E402

PID = "bench-1"
OUT = Path(__file__).parent / "payloads"
RICE = {"rituximab": "121191", "ifosfamide": "5657", "carboplatin": "40048", "etoposide": "4179"}
CPT = "http://www.ama-assn.org/go/cpt"


def _report(day: str, text: str, rid: str) -> dict:
    return {"resourceType": "DiagnosticReport", "id": rid, "status": "final", "subject": {"reference": f"Patient/{PID}"},
            "code": {"coding": [{"system": "http://loinc.org", "code": "44139-4", "display": "PET whole body"}]},
            "effectiveDateTime": day, "conclusion": text}


def _procedure(day: str, system: str, code: str, text: str, rid: str) -> dict:
    return {"resourceType": "Procedure", "id": rid, "status": "completed", "subject": {"reference": f"Patient/{PID}"},
            "code": {"coding": [{"system": system, "code": code}], "text": text}, "performedDateTime": day}


def typical() -> list[dict]:
    res = [fb.patient(PID, "1968-04-02"), fb.condition(PID, "C83.38", "2024-01-10"),
           fb.stage("Stage IVB", "2024-01-15", PID, bulky=False),
           fb.lab("2532-0", 410, "2024-01-16", PID, uln=250), fb.ecog(1, "2024-01-16", PID),
           fb.tier2("extranodal-sites", "2024-01-16", PID, valueInteger=2),
           fb.tier2("planned-1l-cycles", "2024-01-16", PID, valueInteger=6),
           fb.pet("2024-01-12", pid=PID, timepoint="baseline", ds=5),
           _report("2024-01-12", "Baseline staging PET-CT: extensive nodal and hepatic disease, SUVmax 24.1.", "rep0")]
    cycles = fb.rchop_days("2024-01-22", 6)
    res += fb.administrations(cycles, pid=PID)
    res += [fb.pet("2024-03-20", ds=4, uptake="reduced", new=False, pid=PID),
            _report("2024-03-20", "Interim PET after 3 cycles: Deauville 4, uptake reduced vs baseline. "
                    "No new lesions.", "rep1"),
            fb.lab("2532-0", 240, "2024-03-18", PID, uln=250),
            fb.pet("2024-06-25", ds=4, uptake="reduced", new=False, pid=PID),
            _report("2024-06-25", "End-of-treatment PET: residual Deauville 4 uptake in a mesenteric node, "
                    "reduced compared with the interim study. No new lesions.", "rep2"),
            *fb.biopsy("2024-07-03", True, PID)]
    salvage = fb.rchop_days("2024-07-15", 2)
    res += fb.administrations(salvage, RICE, PID)
    for d in salvage:  # ifosfamide/etoposide days 2-3
        for k in (1, 2):
            day = (date.fromisoformat(d) + timedelta(days=k)).isoformat()
            res += fb.administrations([day], {"ifosfamide": "5657", "etoposide": "4179"}, PID)
    res += [fb.pet("2024-08-28", ds=4, uptake="reduced", new=False, pid=PID),
            _report("2024-08-28", "Post-salvage PET after 2 cycles of R-ICE: Deauville 4, reduced uptake. "
                    "Partial metabolic response.", "rep3"),
            fb.tier2("transplant-eligible", "2024-08-30", PID, valueBoolean=True),
            fb.tier2("cart-eligible", "2024-08-30", PID, valueBoolean=True),
            fb.tier2("cart-decision", "2024-07-10", PID, valueString="axicabtagene ciloleucel"),
            _procedure("2024-07-12", CPT, "38225", "Leukapheresis for CAR-T", "aph1"),
            _procedure("2024-09-10", CPT, "38228", "CAR-T infusion", "inf1"),
            fb.pet("2024-12-10", ds=2, new=False, pid=PID),
            _report("2024-12-10", "Day 90 PET after CAR-T: complete metabolic response, Deauville 2.", "rep4")]
    for i in range(20):  # routine LDH and ECOG follow-up
        day = (date(2024, 2, 1) + timedelta(days=15 * i)).isoformat()
        res += [fb.lab("2532-0", 200 + 7 * i, day, PID, uln=250), fb.ecog(1, day, PID)]
    return res


def heavy() -> list[dict]:
    rng = random.Random(7)
    extra = []
    vitals = [("8867-4", "/min", 60, 100), ("8480-6", "mm[Hg]", 100, 150), ("8462-4", "mm[Hg]", 60, 95),
              ("8310-5", "Cel", 36, 38), ("6690-2", "10*3/uL", 3, 11), ("718-7", "g/dL", 9, 15),
              ("777-3", "10*3/uL", 120, 400), ("2160-0", "mg/dL", 0.6, 1.3), ("1742-6", "U/L", 10, 50)]
    for i in range(880):
        code, unit, lo, hi = vitals[i % len(vitals)]
        day = (date(2019, 1, 1) + timedelta(days=i * 2)).isoformat()
        extra.append(fb.lab(code, round(rng.uniform(lo, hi), 1), day, PID, unit=unit))
    for i, icd in enumerate(["I10", "E11.9", "E78.5", "K21.9", "M54.5", "J45.909", "N18.3", "F41.1",
                             "G47.33", "Z79.4", "I48.91", "D64.9", "E03.9", "K58.9", "R53.83", "L40.0",
                             "H52.4", "M17.11", "R51", "Z86.73"]):
        extra.append(fb.condition(PID, icd, f"20{10 + i % 10}-03-01"))
    return typical() + extra


def hook_request(resources: list[dict]) -> dict:
    by_type: dict[str, list[dict]] = {}
    for r in resources:
        by_type.setdefault(r["resourceType"], []).append(r)

    def searchset(*types: str) -> dict:
        return fb.bundle([r for t in types for r in by_type.get(t, [])], "searchset")

    return {"hook": "patient-view", "hookInstance": "bench-0000", "context": {"patientId": PID,
                                                                              "userId": "Practitioner/bench"},
            "prefetch": {"patient": by_type["Patient"][0], "conditions": searchset("Condition"),
                         "observations": searchset("Observation"),
                         "medicationAdministrations": searchset("MedicationAdministration"),
                         "procedures": searchset("Procedure"), "diagnosticReports": searchset("DiagnosticReport")}}


def write() -> dict[str, Path]:
    OUT.mkdir(exist_ok=True)
    paths = {}
    for name, make in (("typical", typical), ("heavy", heavy)):
        resources = make()
        paths[name] = OUT / f"{name}.json"
        paths[name].write_text(json.dumps(hook_request(resources)))
        print(f"{name}: {len(resources)} resources, {paths[name].stat().st_size / 1024:.0f} KiB -> {paths[name]}")
    return paths


if __name__ == "__main__":
    write()
