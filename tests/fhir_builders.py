"""Small builders for FHIR R4 resources shaped as an EHR sends them (tier-1 codes, tier-2 profile)."""

from __future__ import annotations

import itertools

LBCL = "http://lbcl-cds.org/fhir/CodeSystem/lbcl-cds"
SCT = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
RCHOP = {"rituximab": "121191", "cyclophosphamide": "3002", "doxorubicin": "3639", "vincristine": "11202",
         "prednisone": "8640"}
_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def patient(pid: str = "p1", birth: str = "1966-06-01", gender: str = "male") -> dict:
    return {"resourceType": "Patient", "id": pid, "birthDate": birth, "gender": gender}


def condition(pid: str = "p1", code: str = "C83.38", onset: str = "2024-12-15") -> dict:
    return {"resourceType": "Condition", "id": _id("cond"), "subject": {"reference": f"Patient/{pid}"},
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                           "code": "active"}]},
            "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code}]},
            "onsetDateTime": onset}


def stage(text: str, day: str = "2024-12-20", pid: str = "p1", bulky: bool | None = None) -> dict:
    obs = {"resourceType": "Observation", "id": _id("stage"), "status": "final",
           "subject": {"reference": f"Patient/{pid}"}, "code": {"coding": [{"system": SCT, "code": "385388004"}]},
           "method": {"coding": [{"system": SCT, "code": "254374001"}]},
           "effectiveDateTime": day, "valueCodeableConcept": {"text": text}}
    if bulky is not None:
        obs["component"] = [{"code": {"coding": [{"system": SCT, "code": "260873006"}]},
                             "valueCodeableConcept": {"coding": [{"system": SCT,
                                                                  "code": "52101004" if bulky else "2667000"}]}}]
    return obs


def lab(loinc: str, value: float, day: str, pid: str = "p1", uln: float | None = None, unit: str = "U/L") -> dict:
    obs = {"resourceType": "Observation", "id": _id("lab"), "status": "final", "subject": {"reference": f"Patient/{pid}"},
           "code": {"coding": [{"system": LOINC, "code": loinc}]}, "effectiveDateTime": day,
           "valueQuantity": {"value": value, "unit": unit}}
    if uln is not None:
        obs["referenceRange"] = [{"high": {"value": uln, "unit": unit}}]
    return obs


def ecog(value: int, day: str, pid: str = "p1") -> dict:
    return {"resourceType": "Observation", "id": _id("ecog"), "status": "final",
            "subject": {"reference": f"Patient/{pid}"}, "code": {"coding": [{"system": LOINC, "code": "89247-1"}]},
            "effectiveDateTime": day, "valueInteger": value}


def tier2(code: str, day: str, pid: str = "p1", **value: object) -> dict:
    obs = {"resourceType": "Observation", "id": _id("t2"), "status": "final", "subject": {"reference": f"Patient/{pid}"},
           "code": {"coding": [{"system": LBCL, "code": code}]}, "effectiveDateTime": day}
    obs.update(value)
    return obs


def administrations(days: list[str], drugs: dict[str, str] = RCHOP, pid: str = "p1") -> list[dict]:
    return [{"resourceType": "MedicationAdministration", "id": _id("ma"), "status": "completed",
             "subject": {"reference": f"Patient/{pid}"}, "effectiveDateTime": d,
             "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": code, "display": name}]}}
            for d in days for name, code in drugs.items()]


def pet(day: str, ds: int | None = None, uptake: str | None = None, new: bool | None = None,
        etiology: str | None = None, marrow: str | None = None, x: bool = False, pid: str = "p1",
        timepoint: str | None = None, category: str | None = None) -> dict:
    comps = []
    if ds is not None:
        comps.append({"code": {"coding": [{"system": SCT, "code": "708895006"}]}, "valueInteger": ds})
    for code, val in (("uptake-vs-baseline", uptake), ("new-lesion-etiology", etiology), ("marrow-pattern", marrow),
                      ("timepoint", timepoint)):
        if val is not None:
            comps.append({"code": {"coding": [{"system": LBCL, "code": code}]},
                          "valueCodeableConcept": {"coding": [{"system": LBCL, "code": val}]}})
    if new is not None:
        comps.append({"code": {"coding": [{"system": LBCL, "code": "new-lesion"}]}, "valueBoolean": new})
    if x:
        comps.append({"code": {"coding": [{"system": LBCL, "code": "deauville-x"}]}, "valueBoolean": True})
    obs = {"resourceType": "Observation", "id": _id("pet"), "status": "final",
           "subject": {"reference": f"Patient/{pid}"},
           "code": {"coding": [{"system": LBCL, "code": "pet-response-assessment"}]}, "effectiveDateTime": day}
    if comps:
        obs["component"] = comps
    if category:
        obs["valueCodeableConcept"] = {"coding": [{"system": LBCL, "code": category}]}
    return obs


def biopsy(day: str, positive: bool | None, pid: str = "p1") -> list[dict]:
    proc = {"resourceType": "Procedure", "id": _id("bx"), "status": "completed",
            "subject": {"reference": f"Patient/{pid}"}, "code": {"coding": [{"system": SCT, "code": "86273004"}]},
            "performedDateTime": day}
    if positive is None:
        return [proc]
    report = {"resourceType": "DiagnosticReport", "id": _id("path"), "status": "final",
              "subject": {"reference": f"Patient/{pid}"}, "code": {"coding": [{"system": LOINC, "code": "22637-3"}]},
              "effectiveDateTime": day,
              "conclusion": "Diffuse large B-cell lymphoma." if positive else
              "Inflammatory changes; no evidence of lymphoma."}
    return [proc, report]


def bundle(resources: list[dict], kind: str = "collection") -> dict:
    return {"resourceType": "Bundle", "type": kind, "entry": [{"resource": r} for r in resources]}


def rchop_days(start: str, n: int, every: int = 21) -> list[str]:
    from datetime import date, timedelta

    d0 = date.fromisoformat(start)
    return [(d0 + timedelta(days=every * i)).isoformat() for i in range(n)]


def advanced_case(pet_resources: list[dict], cycles: int = 3, pid: str = "p1") -> list[dict]:
    """A 58-year-old with stage III DLBCL, LDH 1.4x ULN, ECOG 1, one extranodal site, baseline PET."""
    return [patient(pid), condition(pid), stage("Stage III", pid=pid),
            lab("2532-0", 350, "2024-12-28", pid, uln=250), ecog(1, "2024-12-28", pid),
            tier2("extranodal-sites", "2024-12-28", pid, valueInteger=1),
            pet("2024-12-22", pid=pid, timepoint="baseline"),
            *administrations(rchop_days("2025-01-06", cycles), pid=pid), *pet_resources]
