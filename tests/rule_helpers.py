"""Helpers for the rule-level tests (tests/test_rules_*.py, tests/test_properties.py).

Builds whole cases from the EHR-shaped builders of fhir_builders.py plus a few resources those
builders do not cover (ISRT course, TMTV on a PET, CAR-T decision / apheresis / infusion, draft
MedicationRequest, CT lesion measurements), and small accessors over the Assessment dict.
"""

from __future__ import annotations

from datetime import date, timedelta

from fhir_builders import (  # noqa: F401 (biopsy and friends re-exported for the rule tests)
    LOINC,
    RXNORM,
    SCT,
    _id,
    administrations,
    biopsy,
    condition,
    ecog,
    lab,
    patient,
    pet,
    rchop_days,
    stage,
    tier2,
)

from cds_service.hooks.evaluation import evaluate

DICOM = "http://dicom.nema.org/resources/ontology/DCM"
CPT = "http://www.ama-assn.org/go/cpt"
RICE = {"rituximab": "121191", "ifosfamide": "5657", "carboplatin": "40048", "etoposide": "4179"}

C1 = "2025-01-06"  # first R-CHOP day; cycles every 21 days
CYCLE_DAYS = rchop_days(C1, 8)  # C1..C8 day-1 dates
BASELINE_PET_DAY = "2024-12-22"
DX_DAY = "2024-12-28"  # LDH / ECOG / coded staging inputs, within 60 days before C1


def d(s: str) -> date:
    return date.fromisoformat(s)


def plus(day: str, days: int) -> str:
    return (d(day) + timedelta(days=days)).isoformat()


def birth_for_age(age: int, on: str = C1) -> str:
    """A birth date giving exactly `age` completed years on `on` (birthday well before `on`)."""
    o = d(on)
    year = o.year - age - (1 if (o.month, o.day) < (6, 1) else 0)
    return date(year, 6, 1).isoformat()


def after_cycle(k: int, days: int = 14) -> str:
    """A date `days` after cycle k's day 1 (before cycle k+1 when days < 21)."""
    return plus(CYCLE_DAYS[k - 1], days)


def last_dose(n: int = 6) -> str:
    return CYCLE_DAYS[n - 1]


# ----------------------------------------------------------------------------- extra resources


def isrt(start: str, end: str, pid: str = "p1", text: str = "ISRT 30 Gy in 15 fractions") -> dict:
    """mCODE RadiotherapyCourseSummary-like Procedure (SNOMED 1217123003) with performedPeriod."""
    return {"resourceType": "Procedure", "id": _id("rt"), "status": "completed",
            "subject": {"reference": f"Patient/{pid}"},
            "code": {"coding": [{"system": SCT, "code": "1217123003"}], "text": text},
            "performedPeriod": {"start": start, "end": end}}


def pet_tmtv(day: str, tmtv_ml: float, **kw) -> dict:
    """Tier-2 pet-response-assessment with a DICOM 126032 (Metabolic Volume) component in mL."""
    obs = pet(day, **kw)
    obs.setdefault("component", []).append(
        {"code": {"coding": [{"system": DICOM, "code": "126032"}]},
         "valueQuantity": {"value": tmtv_ml, "unit": "mL", "system": "http://unitsofmeasure.org", "code": "mL"}})
    return obs


def pet_suv(day: str, suv: float, **kw) -> dict:
    obs = pet(day, **kw)
    obs.setdefault("component", []).append(
        {"code": {"coding": [{"system": DICOM, "code": "126401"}]}, "valueQuantity": {"value": suv}})
    return obs


def cart_decision(day: str, product: str | None = "axicabtagene ciloleucel", pid: str = "p1") -> dict:
    kw = {"valueString": product} if product else {}
    return tier2("cart-decision", day, pid, **kw)


def apheresis(day: str, pid: str = "p1") -> dict:
    return {"resourceType": "Procedure", "id": _id("aph"), "status": "completed",
            "subject": {"reference": f"Patient/{pid}"},
            "code": {"coding": [{"system": CPT, "code": "38225"}]}, "performedDateTime": day}


def cart_infusion(day: str, rxnorm: str = "1987398", name: str = "axicabtagene ciloleucel",
                  pid: str = "p1") -> dict:
    return {"resourceType": "MedicationAdministration", "id": _id("cart"), "status": "completed",
            "subject": {"reference": f"Patient/{pid}"}, "effectiveDateTime": day,
            "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": rxnorm, "display": name}]}}


def med_request(day: str, rxnorm: str | None = "1986438", text: str | None = "Kymriah", status: str = "draft",
                pid: str = "p1") -> dict:
    cc: dict = {}
    if rxnorm:
        cc["coding"] = [{"system": RXNORM, "code": rxnorm}]
    if text:
        cc["text"] = text
    return {"resourceType": "MedicationRequest", "id": _id("mr"), "status": status, "intent": "proposal",
            "subject": {"reference": f"Patient/{pid}"}, "authoredOn": day, "medicationCodeableConcept": cc}


def tumor_size(day: str, ldi_cm: float, sdi_cm: float | None = None, site: str = "mediastinum",
               pid: str = "p1") -> dict:
    comps = [{"code": {"coding": [{"system": LOINC, "code": "33728-7"}]},
              "valueQuantity": {"value": ldi_cm, "unit": "cm"}}]
    if sdi_cm is not None:
        comps.append({"code": {"coding": [{"system": LOINC, "code": "33729-5"}]},
                      "valueQuantity": {"value": sdi_cm, "unit": "cm"}})
    return {"resourceType": "Observation", "id": _id("ts"), "status": "final",
            "subject": {"reference": f"Patient/{pid}"}, "code": {"coding": [{"system": LOINC, "code": "21889-1"}]},
            "effectiveDateTime": day, "bodySite": {"text": site},
            "method": {"coding": [{"system": SCT, "code": "77477000"}]}, "component": comps}


def coded(code: str, value: bool, day: str = DX_DAY, pid: str = "p1") -> dict:
    """A clinician-coded boolean input (docs/fhir-profile.md §3)."""
    return tier2(code, day, pid, valueBoolean=value)


# ----------------------------------------------------------------------------- whole cases

_UNSET = object()


def case(*, age: int | None = 58, stage_text: str | None = "Stage III", ldh: float | None = 200, uln: float = 250,
         ecog_value: int | None = 1, extranodal: int | None = 1, mesenteric: bool | None = None,
         bulky: bool | None = None, largest_cm: float | None = None, cycles: int = 6,
         planned: int | None = _UNSET, baseline_pet: bool = True, drugs: dict | None = None,
         extra: list[dict] | None = None, pid: str = "p1") -> list[dict]:
    """A first-line LBCL case: R-CHOP-21 from 2025-01-06 (`cycles` cycles) and diagnosis-time inputs.

    Every argument set to None leaves that input out (absent = unknown). `planned` defaults to 6 when
    fewer than 6 cycles are given (so scans are interim), else to not coded."""
    res: list[dict] = [patient(pid, birth_for_age(age) if age is not None else None), condition(pid)]
    if age is None:
        del res[0]["birthDate"]
    if stage_text is not None:
        res.append(stage(stage_text, day="2024-12-20", pid=pid, bulky=bulky))
    if largest_cm is not None:
        res.append(tumor_size("2024-12-20", largest_cm, min(largest_cm, 3.0), pid=pid))
    if ldh is not None:
        res.append(lab("2532-0", ldh, DX_DAY, pid, uln=uln))
    if ecog_value is not None:
        res.append(ecog(ecog_value, DX_DAY, pid))
    if extranodal is not None:
        res.append(tier2("extranodal-sites", DX_DAY, pid, valueInteger=extranodal))
    if mesenteric is not None:
        res.append(coded("extensive-mesenteric-disease", mesenteric, pid=pid))
    if planned is _UNSET:
        planned = 6 if cycles < 6 else None
    if planned is not None:
        res.append(tier2("planned-1l-cycles", DX_DAY, pid, valueInteger=planned))
    if baseline_pet:
        res.append(pet(BASELINE_PET_DAY, pid=pid, timepoint="baseline"))
    kw = {"drugs": drugs} if drugs else {}
    res += administrations(CYCLE_DAYS[:cycles], pid=pid, **kw)
    res += extra or []
    return res


def limited_case(**kw) -> list[dict]:
    """NCCN-limited, BSH-ineligible (age 50): stage II, no extensive mesenteric disease coded."""
    kw.setdefault("age", 50)
    kw.setdefault("stage_text", "Stage II")
    kw.setdefault("mesenteric", False)
    kw.setdefault("extranodal", 0)
    kw.setdefault("bulky", False)
    return case(**kw)


def bsh_case(**kw) -> list[dict]:
    """BSH-eligible: 70 y, stage I, aaIPI 0 (LDH normal, ECOG 0), 4 cm largest mass, not bulky."""
    kw.setdefault("age", 70)
    kw.setdefault("stage_text", "Stage I")
    kw.setdefault("ecog_value", 0)
    kw.setdefault("extranodal", 0)
    kw.setdefault("bulky", False)
    kw.setdefault("largest_cm", 4.0)
    return case(**kw)


def run(resources: list[dict], as_of: str = "2025-12-31", pid: str = "p1") -> dict:
    return evaluate([{"resourceType": "Bundle", "type": "collection",
                      "entry": [{"resource": r} for r in resources]}], pid, d(as_of))


def rules(a: dict) -> set[str]:
    """Rule ids of the current recommendations (`current: true`: their question is still open)."""
    return {r["rule"] for r in a["recommendations"] if r.get("current", True)}


def fired(a: dict) -> set[str]:
    """Rule ids that fired at any point of the course: every row of `recommendations`, current or not
    (architecture.md, clarifications second set: every rule that fired stays listed)."""
    return {r["rule"] for r in a["recommendations"]}


def rec(a: dict, rule: str) -> dict | None:
    return next((r for r in a["recommendations"] if r["rule"] == rule), None)


def labels(a: dict) -> dict:
    return a["labels"]



def add_months_str(day: str, months: int) -> str:
    """add_months (clinical-logic.md §0) on ISO strings."""
    from cds_service.guidelines.dates import add_months
    return add_months(d(day), months).isoformat()
