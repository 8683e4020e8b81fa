"""Held-out event-chart corpus for lbcl-cds: whole first-line courses with relapse, biopsy, salvage and CAR-T events.

Run:       .venv/bin/python tests/event_charts/build_charts.py          (writes E*.json + expected.json)
Validate:  .venv/bin/python tests/event_charts/build_charts.py --check  (rebuilds, then parses every resource with
           fhir.resources.R4B, resolves references inside each Bundle, checks that no event falls after as_of)

The expectations in expected.json were written from the specification (shared/design/clinical-logic.md and the two
"Contract clarifications" sets of architecture.md) BEFORE any engine run; nothing here was derived from engine output.
Synthetic data only: invented names, dates in 2023-2026.
"""

from __future__ import annotations

import base64
import calendar
import json
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

CS = "http://lbcl-cds.org/fhir/CodeSystem/lbcl-cds"
SCT = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXN = "http://www.nlm.nih.gov/research/umls/rxnorm"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
CPT = "http://www.ama-assn.org/go/cpt"
DCM = "http://dicom.nema.org/resources/ontology/DCM"
UCUM = "http://unitsofmeasure.org"
OBSCAT = "http://terminology.hl7.org/CodeSystem/observation-category"
V3INT = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"

D = date.fromisoformat


def iso(d: date) -> str:
    return d.isoformat()


def days(n: int) -> timedelta:
    return timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """Calendar-month addition clamped to month end (clinical-logic.md section 0)."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def cc(system, code, display=None, text=None):
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    out = {"coding": [coding]}
    if text:
        out["text"] = text
    return out


def qty(value, unit, code=None):
    return {"value": value, "unit": unit, "system": UCUM, "code": code or unit}


def cat(code):
    return [cc(OBSCAT, code)]


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


# name -> (RxNorm code, display, dose, route)
DRUGS = {
    "rituximab": ("121191", "rituximab", qty(750, "mg"), "IV"),
    "cyclophosphamide": ("3002", "cyclophosphamide", qty(1400, "mg"), "IV"),
    "doxorubicin": ("3639", "doxorubicin", qty(95, "mg"), "IV"),
    "vincristine": ("11202", "vincristine", qty(2, "mg"), "IV"),
    "prednisone": ("8640", "prednisone", qty(100, "mg"), "PO"),
    "ifosfamide": ("5657", "ifosfamide", qty(9500, "mg"), "IV"),
    "carboplatin": ("40048", "carboplatin", qty(750, "mg"), "IV"),
    "etoposide": ("4179", "etoposide", qty(190, "mg"), "IV"),
    "fludarabine": ("24698", "fludarabine", qty(55, "mg"), "IV"),
    "cyclophosphamide-ld": ("3002", "cyclophosphamide", qty(950, "mg"), "IV"),
}
# text-only names as an EHR order catalogue might print them
TEXT_NAMES = {
    "rituximab": "Rituximab-abbs (Truxima) 375 mg/m2 IV infusion",
    "cyclophosphamide": "Cyclophosphamide 750 mg/m2 IV",
    "doxorubicin": "DOXOrubicin 50 mg/m2 IV push",
    "vincristine": "VinCRIStine 1.4 mg/m2 (max 2 mg) IV",
    "prednisone": "PredniSONE 100 mg tablets PO",
    "ifosfamide": "Ifosfamide 5 g/m2 IV over 24 h (with mesna)",
    "carboplatin": "CARBOplatin AUC 5 IV",
    "etoposide": "Etoposide 100 mg/m2 IV",
    "fludarabine": "Fludarabine 30 mg/m2 IV (lymphodepletion)",
    "cyclophosphamide-ld": "Cyclophosphamide 500 mg/m2 IV (lymphodepletion)",
}
REGIMENS = {
    "R-CHOP": ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"],
    "R-ICE": ["rituximab", "ifosfamide", "carboplatin", "etoposide"],
}
ROUTES = {"IV": ("47625008", "Intravenous route"), "PO": ("26643006", "Oral route")}

FIRST_NAMES = ["Ava", "Noah", "Mila", "Omar", "Ines", "Theo", "Lena", "Ravi", "Sofia", "Jonas", "Priya", "Hugo",
               "Elif", "Marcus", "Yara", "Felix", "Anouk", "Dmitri", "Chloe", "Tomas", "Nadia", "Arjun", "Greta",
               "Kofi", "Linnea", "Mateo", "Hana", "Oskar", "Leila", "Bram", "Ingrid", "Samir", "Maren", "Idris",
               "Vera", "Casper", "Rosa", "Emil", "Zara", "Niko"]
FAMILY_NAMES = ["Quillfeather", "Brannock", "Velasquez-Holt", "Oduya", "Marchetti", "Lindqvist", "Farrow",
                "Achterberg", "Nakashima-Reid", "Dunmore", "Ketterley", "Ostrova", "Penhallow", "Sarwar",
                "Thornquist", "Ablewhite", "Corvino", "Halvorsen", "Iwobi", "Jessop", "Kowalczyk", "Larkspur",
                "Montclair", "Nyberg", "Orlov", "Pemberton", "Quennell", "Rasmussen", "Stavros", "Tremaine",
                "Underhill", "Vantongeren", "Whitlock", "Xanthos", "Yardley", "Zelinski", "Ashgrove", "Bellweather",
                "Coldridge", "Drummore"]


class Chart:
    """One patient, one `collection` Bundle.

    rest=True writes fullUrl as http://example.org/fhir/Type/id, else urn:uuid (uuid5, deterministic).
    med_text=True writes drugs only as medicationCodeableConcept.text (no RxNorm coding).
    """

    def __init__(self, cid: str, *, rest: bool = False, med_text: bool = False):
        self.cid = cid
        self.pid = "ec-" + cid.lower()
        self.rest = rest
        self.med_text = med_text
        self.entries: list[dict] = []
        self.ids: set[str] = set()
        self.cond_ref = None
        self.events: list[date] = []
        self.birth: date | None = None

    # -- plumbing -----------------------------------------------------------------------------------
    def rid(self, stem: str) -> str:
        base = f"{self.pid}-{stem}"
        rid, n = base, 2
        while rid in self.ids:
            rid, n = f"{base}-{n}", n + 1
        self.ids.add(rid)
        return rid

    def add(self, res: dict, when: date | None = None) -> str:
        ref = f"{res['resourceType']}/{res['id']}"
        if self.rest:
            full = "http://example.org/fhir/" + ref
        else:
            full = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://lbcl-cds.test/event-charts/{ref}"))
        self.entries.append({"fullUrl": full, "resource": res})
        if when:
            self.events.append(when)
        return ref

    @property
    def subj(self):
        return {"reference": f"Patient/{self.pid}"}

    def reason(self):
        return [{"reference": self.cond_ref}] if self.cond_ref else None

    def bundle(self) -> dict:
        return {"resourceType": "Bundle", "id": f"event-chart-{self.pid}", "type": "collection",
                "timestamp": "2026-06-30T09:00:00+00:00", "entry": self.entries}

    @property
    def last_event(self) -> date:
        return max(self.events)

    # -- demographics and diagnosis --------------------------------------------------------------
    def patient(self, birth: str, gender: str, n: int):
        self.birth = D(birth)
        self.ids.add(self.pid)
        return self.add({
            "resourceType": "Patient", "id": self.pid,
            "identifier": [{"system": "urn:oid:2.16.840.1.113883.3.9999.7", "value": f"EC-{self.cid}-{1000 + n}"}],
            "name": [{"family": FAMILY_NAMES[n % len(FAMILY_NAMES)], "given": [FIRST_NAMES[n % len(FIRST_NAMES)]]}],
            "gender": gender, "birthDate": birth,
        })

    def condition(self, onset: date, *, snomed: bool = False, icd: str = "C83.38"):
        if snomed:
            code = cc(SCT, "109969005", "Diffuse non-Hodgkin's lymphoma, large cell",
                      "Diffuse large B-cell lymphoma, NOS")
        else:
            code = cc(ICD10CM, icd, "Diffuse large B-cell lymphoma, lymph nodes of multiple sites",
                      "Diffuse large B-cell lymphoma")
        res = {
            "resourceType": "Condition", "id": self.rid("dx"),
            "clinicalStatus": cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
            "verificationStatus": cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
            "category": [cc("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
            "code": code, "subject": self.subj,
            "onsetDateTime": iso(onset), "recordedDate": iso(onset),
        }
        self.cond_ref = self.add(res, onset)
        return self.cond_ref

    def stage(self, when: date, text: str, bulky: bool | None = False):
        res = {
            "resourceType": "Observation", "id": self.rid("stage-" + iso(when)),
            "meta": {"profile": [MCODE + "mcode-lymphoma-stage"]},
            "status": "final", "category": cat("survey"),
            "code": cc(SCT, "385388004", "Lymphoma stage (observable entity)"),
            "subject": self.subj, "focus": [{"reference": self.cond_ref}],
            "effectiveDateTime": iso(when),
            "method": cc(SCT, "254374001", "Ann Arbor non-Hodgkin's lymphoma tumor staging system"),
            "valueCodeableConcept": {"text": text},
        }
        if bulky is not None:
            res["component"] = [{
                "code": cc(SCT, "260873006", "Bulky disease status (attribute)"),
                "valueCodeableConcept": cc(SCT, "52101004", "Present") if bulky else cc(SCT, "2667000", "Absent"),
            }]
        return self.add(res, when)

    def tumor_size(self, when: date, ldi: float, sdi: float, site: str, method="PET"):
        m = cc(SCT, "82918005", "Positron emission tomography") if method == "PET" else \
            cc(SCT, "77477000", "Computerized axial tomography")
        return self.add({
            "resourceType": "Observation", "id": self.rid("size-" + iso(when)),
            "meta": {"profile": [MCODE + "mcode-tumor-size"]},
            "status": "final", "category": cat("imaging"),
            "code": cc(LOINC, "21889-1", "Size Tumor"), "subject": self.subj,
            "effectiveDateTime": iso(when), "bodySite": {"text": site}, "method": m,
            "component": [
                {"code": cc(LOINC, "33728-7", "Size.maximum dimension in Tumor"), "valueQuantity": qty(ldi, "cm")},
                {"code": cc(LOINC, "33729-5", "Size additional dimension in Tumor"), "valueQuantity": qty(sdi, "cm")},
            ],
        }, when)

    def t2(self, code: str, display: str, when: date, **value):
        res = {"resourceType": "Observation", "id": self.rid(f"{code}-{iso(when)}"), "status": "final",
               "code": cc(CS, code, display), "subject": self.subj, "effectiveDateTime": iso(when)}
        res.update(value)
        return self.add(res, when)

    def ldh(self, when: date, value: float | None, uln: float = 250, *, interp_only: str | None = None):
        res = {
            "resourceType": "Observation", "id": self.rid("ldh-" + iso(when)), "status": "final",
            "category": cat("laboratory"),
            "code": cc(LOINC, "2532-0", "Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma", "LDH"),
            "subject": self.subj, "effectiveDateTime": iso(when),
        }
        if interp_only:
            res["interpretation"] = [cc(V3INT, interp_only, {"H": "High", "N": "Normal"}[interp_only])]
        else:
            res["valueQuantity"] = qty(value, "U/L")
            res["interpretation"] = [cc(V3INT, "H" if value > uln else "N", "High" if value > uln else "Normal")]
            res["referenceRange"] = [{"low": qty(120, "U/L"), "high": qty(uln, "U/L")}]
        return self.add(res, when)

    def ecog(self, when: date, value: int, *, as_text: str | None = None):
        res = {
            "resourceType": "Observation", "id": self.rid("ecog-" + iso(when)), "status": "final",
            "category": cat("survey"),
            "code": cc(LOINC, "89247-1", "ECOG Performance Status score"),
            "subject": self.subj, "effectiveDateTime": iso(when),
        }
        if as_text:
            res["valueString"] = as_text
        else:
            res["meta"] = {"profile": [MCODE + "mcode-ecog-performance-status"]}
            res["valueInteger"] = value
            res["interpretation"] = [cc(LOINC, f"LA962{2 + value}-{[7, 5, 3, 0, 8, 6][value]}")]
        return self.add(res, when)

    # -- therapy ---------------------------------------------------------------------------------------
    def med_admin(self, when: date, drug: str, stem: str | None = None, *, text: str | None = None,
                  code: tuple | None = None, route: str | None = None):
        """MedicationAdministration. RxNorm-coded unless the chart is med_text (then text only)."""
        stem = stem or f"{drug}-{iso(when)}"
        if drug in DRUGS:
            rx, name, dose, droute = DRUGS[drug]
        else:
            rx, name, dose, droute = None, drug, None, route or "IV"
        route = route or droute
        if self.med_text or rx is None:
            med = {"text": text or TEXT_NAMES.get(drug, name)}
            if code:
                med = cc(*code, text=text or name)
        else:
            med = cc(RXN, rx, name, name)
        res = {
            "resourceType": "MedicationAdministration", "id": self.rid("ma-" + stem),
            "status": "completed", "medicationCodeableConcept": med, "subject": self.subj,
            "effectiveDateTime": iso(when),
            "dosage": {"route": cc(SCT, *ROUTES[route])},
        }
        if dose:
            res["dosage"]["dose"] = dose
        if self.cond_ref:
            res["reasonReference"] = self.reason()
        return self.add(res, when)

    def regimen_day(self, when: date, regimen: str, label: str, drugs: list[str] | None = None):
        for drug in drugs or REGIMENS[regimen]:
            self.med_admin(when, drug, f"{label}-{drug}-{iso(when)}")

    def rchop_cycle(self, when: date, n: int):
        self.regimen_day(when, "R-CHOP", f"c{n}")

    def rchop(self, c1: date, n: int = 6, gap: int = 21) -> list[date]:
        dates = [c1 + days(gap * i) for i in range(n)]
        for i, d in enumerate(dates):
            self.rchop_cycle(d, i + 1)
        return dates

    def procedure(self, when: date, code: dict, stem: str, *, body: str | None = None, end: date | None = None,
                  note: str | None = None, status: str = "completed"):
        res = {"resourceType": "Procedure", "id": self.rid(f"{stem}-{iso(when)}"), "status": status,
               "code": code, "subject": self.subj}
        if end:
            res["performedPeriod"] = {"start": iso(when), "end": iso(end)}
        else:
            res["performedDateTime"] = iso(when)
        if body:
            res["bodySite"] = [{"text": body}]
        if self.cond_ref:
            res["reasonReference"] = self.reason()
        if note:
            res["note"] = [{"text": note}]
        return self.add(res, end or when)

    def isrt(self, start: date, end: date, site: str):
        res_ref = self.procedure(
            start, cc(SCT, "1217123003", "Radiotherapy course of treatment (regime/therapy)",
                      "ISRT 30 Gy in 15 fractions"),
            "isrt", body=site, end=end,
            note="Involved-site radiotherapy (ISRT), 30 Gy in 15 fractions of 2 Gy, photons, VMAT.")
        return res_ref

    def apheresis(self, when: date):
        return self.procedure(when, cc(CPT, "38225", "Harvest of blood-derived T lymphocytes for CAR-T, per day",
                                       "Leukapheresis for CAR-T manufacture"), "apheresis")

    def cart_infusion_procedure(self, when: date, product="axicabtagene ciloleucel (Yescarta)"):
        return self.procedure(when, cc(CPT, "38228", "CAR-T cell administration, autologous",
                                       f"CAR-T infusion: {product}"), "cart-infusion")

    def cart_infusion_med(self, when: date, text="Yescarta (axicabtagene ciloleucel) suspension for IV infusion"):
        return self.med_admin(when, "axicabtagene ciloleucel", f"cart-{iso(when)}", text=text, route="IV")

    def lymphodepletion(self, infusion: date):
        for k in (5, 4, 3):
            d = infusion - days(k)
            self.med_admin(d, "fludarabine", f"ld-flu-{iso(d)}")
            self.med_admin(d, "cyclophosphamide-ld", f"ld-cy-{iso(d)}")

    # -- imaging ---------------------------------------------------------------------------------------
    def pet(self, when: date, text: str, *, presented: bool = False, coded: dict | None = None,
            title: str = "FDG PET-CT skull base to mid-thigh", timepoint: str | None = None):
        """PET-CT DiagnosticReport (LOINC 44139-4); report text in `conclusion` or base64 presentedForm.
        coded -> also the tier-2 pet-response-assessment Observation (docs/fhir-profile.md)."""
        dr = {
            "resourceType": "DiagnosticReport", "id": self.rid("pet-" + iso(when)), "status": "final",
            "category": [cc(LOINC, "LP29684-5", "Radiology")],
            "code": {"coding": [{"system": LOINC, "code": "44139-4", "display": "PET whole body"}], "text": title},
            "subject": self.subj, "effectiveDateTime": iso(when), "issued": iso(when) + "T17:10:00+00:00",
        }
        if presented:
            dr["presentedForm"] = [{"contentType": "text/plain", "language": "en", "data": b64(text), "title": title}]
        else:
            dr["conclusion"] = text
        ref = self.add(dr, when)
        if coded is not None:
            comps = []
            if "ds" in coded:
                comps.append({"code": cc(SCT, "708895006", "Deauville five point scale"), "valueInteger": coded["ds"]})
            if "uptake" in coded:
                comps.append({"code": cc(CS, "uptake-vs-baseline", "Uptake vs baseline"),
                              "valueCodeableConcept": cc(CS, coded["uptake"])})
            if "new" in coded:
                comps.append({"code": cc(CS, "new-lesion", "New lesion"), "valueBoolean": coded["new"]})
            if "etiology" in coded:
                comps.append({"code": cc(CS, "new-lesion-etiology", "New lesion etiology"),
                              "valueCodeableConcept": cc(CS, coded["etiology"])})
            if "marrow" in coded:
                comps.append({"code": cc(CS, "marrow-pattern", "Bone marrow uptake pattern"),
                              "valueCodeableConcept": cc(CS, coded["marrow"])})
            if timepoint:
                comps.append({"code": cc(CS, "timepoint", "Reader timepoint"),
                              "valueCodeableConcept": cc(CS, timepoint)})
            if "tmtv" in coded:
                comps.append({"code": cc(DCM, "126032", "Metabolic Volume"), "valueQuantity": qty(coded["tmtv"], "mL")})
            self.add({
                "resourceType": "Observation", "id": self.rid("petra-" + iso(when)), "status": "final",
                "category": cat("imaging"), "code": cc(CS, "pet-response-assessment", "PET response assessment"),
                "subject": self.subj, "effectiveDateTime": iso(when), "derivedFrom": [{"reference": ref}],
                "component": comps,
            }, when)
        return ref

    def pet_report_text(self, when: date, text: str, **kw):
        return self.pet(when, text, **kw)

    def ct_report_text(self, when: date, text: str, *, presented: bool = False):
        dr = {
            "resourceType": "DiagnosticReport", "id": self.rid("ct-" + iso(when)), "status": "final",
            "category": [cc(LOINC, "LP29684-5", "Radiology")],
            "code": {"coding": [{"system": LOINC, "code": "24628-0", "display": "CT Abdomen W contrast IV"}],
                     "text": "CT chest, abdomen and pelvis with IV contrast"},
            "subject": self.subj, "effectiveDateTime": iso(when), "issued": iso(when) + "T15:40:00+00:00",
        }
        if presented:
            dr["presentedForm"] = [{"contentType": "text/plain", "language": "en", "data": b64(text),
                                    "title": "CT chest/abdomen/pelvis"}]
        else:
            dr["conclusion"] = text
        return self.add(dr, when)

    # -- biopsy and pathology ------------------------------------------------------------------------
    def pathology_report(self, when: date, text: str | None = None, *, code: str | None = None,
                         presented: bool = False):
        """code: 'positive' | 'negative' (project codes), 'snomed-dlbcl' (SNOMED DLBCL conclusionCode) or None."""
        res = {
            "resourceType": "DiagnosticReport", "id": self.rid("path-" + iso(when)), "status": "final",
            "category": [cc(LOINC, "LP7839-6", "Pathology")],
            "code": cc(LOINC, "22637-3", "Pathology report final diagnosis Narrative"),
            "subject": self.subj, "effectiveDateTime": iso(when), "issued": iso(when) + "T18:00:00+00:00",
        }
        if text and presented:
            res["presentedForm"] = [{"contentType": "text/plain", "language": "en", "data": b64(text),
                                     "title": "Surgical pathology report"}]
        elif text:
            res["conclusion"] = text
        if code == "positive":
            res["conclusionCode"] = [cc(CS, "biopsy-positive", "Biopsy positive for lymphoma")]
        elif code == "negative":
            res["conclusionCode"] = [cc(CS, "biopsy-negative", "Biopsy negative for lymphoma")]
        elif code == "snomed-dlbcl":
            res["conclusionCode"] = [cc(SCT, "109969005", "Diffuse non-Hodgkin's lymphoma, large cell",
                                        "Diffuse large B-cell lymphoma")]
        return self.add(res, when)

    def biopsy(self, when: date, site: str, *, text: str | None = None, code: str | None = None,
               presented: bool = False, kind: str = "Core needle biopsy"):
        self.procedure(when, cc(SCT, "86273004", "Biopsy", f"{kind}, {site}"), "bx", body=site)
        return self.pathology_report(when, text, code=code, presented=presented)


# ------------------------------------------------------------------------------------------------------
# Report text (US template with headers, or UK prose without headers)
# ------------------------------------------------------------------------------------------------------
def rpt(style: str, *, history: str, comparison: str, findings: str, impression: str) -> str:
    if style == "us":
        return ("EXAM: FDG PET/CT skull base to mid-thigh\n"
                f"CLINICAL HISTORY: {history}\n"
                "TECHNIQUE: 350 MBq F-18 FDG IV; uptake time 62 minutes; blood glucose 5.6 mmol/L. Low-dose CT for "
                "attenuation correction and anatomic localization.\n"
                f"COMPARISON: {comparison}\n\n"
                f"FINDINGS:\n{findings}\n\n"
                f"IMPRESSION:\n{impression}")
    # UK prose: no section headers, conclusion as the closing sentence(s)
    return f"FDG PET-CT, skull base to proximal thighs. {comparison} {findings} {impression}"


def ct_rpt(*, history: str, comparison: str, findings: str, impression: str) -> str:
    return ("EXAM: CT chest, abdomen and pelvis with IV contrast\n"
            f"CLINICAL HISTORY: {history}\n"
            f"COMPARISON: {comparison}\n\n"
            f"FINDINGS:\n{findings}\n\n"
            f"IMPRESSION:\n{impression}")


def fmt(d: date) -> str:
    return d.strftime("%d %B %Y").lstrip("0")


def baseline_text(style, stage_words, sites):
    if style == "us":
        return rpt("us", history="Newly diagnosed diffuse large B-cell lymphoma. Staging.",
                   comparison="None.",
                   findings=f"{sites}",
                   impression=f"FDG-avid lymphoma, {stage_words}.")
    return ("Staging FDG PET-CT, skull base to proximal thighs, for newly diagnosed diffuse large B-cell lymphoma. "
            f"{sites} Conclusion: FDG-avid lymphoma, {stage_words}.")


def cmr_text(style, comparator: date, *, label="end-of-treatment", history="DLBCL, restaging after R-CHOP.",
             ds=2, cmp_name="baseline"):
    if style == "us":
        return rpt("us", history=history, comparison=f"{cmp_name[0].upper() + cmp_name[1:]} PET/CT {comparator.isoformat()}.",
                   findings=(f"Previously FDG-avid sites have resolved, with residual uptake "
                             f"no greater than mediastinal blood pool (Deauville {ds}). No new FDG-avid lesions. "
                             "Physiologic marrow uptake; no focal marrow lesion."),
                   impression=f"Complete metabolic response (Deauville {ds}) on this {label} study.")
    return (f"FDG PET-CT, skull base to proximal thighs ({label} assessment). Compared with the {cmp_name} study of "
            f"{fmt(comparator)}. The previously avid disease has resolved; residual soft tissue shows uptake at or "
            f"below the mediastinal blood pool, Deauville score {ds}. There are no new sites of FDG-avid disease and "
            f"marrow uptake is physiological. Complete metabolic response, Deauville {ds}.")


def relapse_text(style, comparator: date, *, site="left axillary lymph node", size="2.4 x 1.8 cm", suv=14.2,
                 closing="Consistent with relapse of lymphoma; biopsy advised."):
    if style == "us":
        return rpt("us", history="DLBCL in complete metabolic response after R-CHOP; new palpable node.",
                   comparison=f"PET/CT {comparator.isoformat()}.",
                   findings=(f"New intensely FDG-avid {site} measuring {size}, SUVmax {suv}, Deauville 5. "
                             "Previously treated sites remain at Deauville 2. No focal marrow uptake."),
                   impression=f"New FDG-avid {site}, {closing[0].lower() + closing[1:]}")
    return (f"FDG PET-CT, skull base to proximal thighs. Compared with the study of {fmt(comparator)}. "
            f"There is a new intensely avid {site} measuring {size} (SUVmax {suv}), Deauville 5. "
            f"The previously treated sites remain quiescent (Deauville 2) and marrow uptake is physiological. {closing}")


BASELINE_SITES = {
    "I": "Single FDG-avid right upper cervical nodal mass 3.0 x 2.2 cm, SUVmax 17.9. No other FDG-avid disease; "
         "no extranodal disease.",
    "II": "FDG-avid right cervical and mediastinal nodes, largest 4.6 x 3.1 cm, SUVmax 19.5. No disease below the "
          "diaphragm. No extranodal disease. No mesenteric disease.",
    "III": "FDG-avid nodes above and below the diaphragm (cervical, mediastinal, para-aortic and iliac), largest "
           "5.4 x 3.9 cm, SUVmax 22.1. No extranodal disease.",
    "IV": "FDG-avid nodes above and below the diaphragm with multiple FDG-avid liver lesions (largest 3.2 cm) and "
          "bilateral lung nodules. No other extranodal disease.",
}


def course(c: Chart, n: int, *, birth: str, gender: str, dx: date, stage: str, stage_text: str | None = None,
           bulky: bool | None = False, size: tuple | None = None, ldh: float | None = 190,
           ldh_interp: str | None = None, ecog: int = 0, ecog_text: str | None = None, en: int | None = 0,
           mesenteric: bool | None = None, baseline_pet: bool = True, style: str = "us", presented: bool = False,
           coded: bool = False, snomed: bool = False, planned: int | None = 6, ipet_after: int | None = None,
           n_cycles: int = 6, eot_pet: bool = True, eot_dt: int = 35, baseline_sites: str | None = None,
           stop_after: int | None = None) -> dict:
    """Diagnosis -> staging -> R-CHOP-21 x n -> EOT PET (CMR, Deauville 2). Returns the key dates."""
    c.patient(birth, gender, n)
    c.condition(dx, snomed=snomed)
    info: dict = {"dx": dx}
    bpet = dx + days(3)
    staging = dx + days(6)
    c1 = dx + days(14)
    if baseline_pet:
        txt = baseline_text(style, stage_text or f"Lugano stage {stage}", baseline_sites or BASELINE_SITES[stage])
        c.pet(bpet, txt, presented=presented, coded={} if coded else None, timepoint="baseline",
              title="FDG PET-CT (baseline staging)")
        info["bpet"] = bpet
    c.stage(staging, stage_text or f"Lugano stage {stage}", bulky)
    if size:
        c.tumor_size(bpet, size[0], size[1], size[2], method="PET" if baseline_pet else "CT")
    if mesenteric is not None:
        c.t2("extensive-mesenteric-disease", "Extensive mesenteric disease", staging, valueBoolean=mesenteric)
    if en is not None:
        c.t2("extranodal-sites", "Number of extranodal sites", staging, valueInteger=en)
    if ldh_interp:
        c.ldh(staging, None, interp_only=ldh_interp)
    elif ldh is not None:
        c.ldh(staging, ldh)
    c.ecog(staging, ecog, as_text=ecog_text)
    if planned:
        c.t2("planned-1l-cycles", "Planned number of first-line cycles", dx + days(10), valueInteger=planned)
    cycles = c.rchop(c1, n_cycles if stop_after is None else stop_after)
    info["c1"], info["cycles"], info["eot"] = c1, cycles, cycles[-1]
    ref = info.get("bpet", dx)
    if ipet_after:
        ip = cycles[ipet_after - 1] + days(16)
        assert ipet_after == len(cycles) or ip < cycles[ipet_after]
        c.pet(ip, cmr_text(style, ref, label="interim", history=f"DLBCL, interim after {ipet_after} cycles R-CHOP.",
                           ds=3),
              presented=presented, coded={"ds": 3, "new": False, "marrow": "none"} if coded else None,
              timepoint="interim", title="FDG PET-CT (interim)")
        info["ipet"] = ip
    if eot_pet:
        ep = cycles[-1] + days(eot_dt)
        c.pet(ep, cmr_text(style, ref), presented=presented,
              coded={"ds": 2, "new": False, "marrow": "none"} if coded else None, timepoint="end-of-treatment",
              title="FDG PET-CT (end of treatment)")
        info["eot_pet"] = ep
    info["age_dx"] = age_on(D(birth), dx)
    return info


def scores(age: int, stage: str, ldh_high: bool, ecog: int, en: int) -> dict:
    adv = stage in ("III", "IV")
    ipi = (age > 60) + adv + ldh_high + (ecog >= 2) + (en > 1)
    aa = adv + ldh_high + (ecog >= 2)
    out = {"scores.ipi": int(ipi), "scores.aaipi": int(aa)}
    if stage in ("I", "II"):
        out["scores.smipi"] = int((age > 60) + (stage == "II") + ldh_high + (ecog >= 2))
    return out


EXPECTED: dict = {}
CHARTS: dict = {}
LINES: dict = {}


def finish(c: Chart, *, as_of: date | None = None, trace: str, notes: str, expect: dict, line: str,
           expect_not: dict | None = None):
    as_of = as_of or (c.last_event + days(1))
    entry = {"bundle": f"{c.cid}.json", "patient_id": c.pid, "as_of": iso(as_of), "trace": trace,
             "notes": notes, "expect": expect}
    if expect_not:
        entry["expect_not"] = expect_not
    EXPECTED[c.cid] = entry
    CHARTS[c.cid] = c
    LINES[c.cid] = line


# ======================================================================================================
# Charts 1-8: relapse after EOT CR at each Bock interval, biopsy-proven or imaging-only
# ======================================================================================================
BOCK_OF = {"lt3": "EARLY_RELAPSE_LT3M", "3_6": "EARLY_RELAPSE_3_6M", "6_12": "EARLY_RELAPSE_6_12M",
           "gt12": "LATE_RELAPSE"}


def relapse_date(eot: date, interval: str) -> date:
    if interval == "lt3":
        r = eot + days(70)
        assert r < add_months(eot, 3)
    elif interval == "3_6":
        r = add_months(eot, 4) + days(5)
        assert add_months(eot, 3) <= r < add_months(eot, 6)
    elif interval == "6_12":
        r = add_months(eot, 8) + days(3)
        assert add_months(eot, 6) <= r <= add_months(eot, 12)
        assert abs((r - add_months(eot, 12)).days) > 14
    else:
        r = add_months(eot, 18) + days(2)
        assert r > add_months(eot, 12)
    return r


def bock_relapse_chart(cid: str, n: int, interval: str, proven: bool, *, dx: date, birth: str, gender: str,
                       style: str, presented: bool = False, coded: bool = False, rest: bool = False,
                       med_text: bool = False, snomed: bool = False, path: dict | None = None, bx_gap: int = 7,
                       ecog: int = 0, ldh: float = 190):
    c = Chart(cid, rest=rest, med_text=med_text)
    info = course(c, n, birth=birth, gender=gender, dx=dx, stage="III", en=0, ecog=ecog, ldh=ldh, style=style,
                  presented=presented, coded=coded, snomed=snomed)
    eot = info["eot"]
    rel = relapse_date(eot, interval)
    c.pet(rel, relapse_text(style, info["eot_pet"]), presented=presented,
          coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none"} if coded else None,
          timepoint="relapse-or-follow-up", title="FDG PET-CT (suspected relapse)")
    bx = None
    if proven:
        bx = rel + days(bx_gap)
        path = path or {"text": "Diffuse large B-cell lymphoma, germinal centre B-cell type.", "code": "positive"}
        c.biopsy(bx, "left axillary lymph node", **path)
    early = interval != "gt12"
    age = info["age_dx"]
    exp = {
        "latest_response.category": "PMD", "latest_response.rule": "P1", "latest_response.modality": "PET",
        "latest_response.timepoint": "relapse_or_follow_up",
        "pathway": "NCCN_ADVANCED",
        "labels.bock_group": BOCK_OF[interval],
        "labels.eot_response_1l": "CR",
        "labels.nccn_refractory": False,
        "labels.relapse_biopsy_proven": proven,
        **scores(age, "III", ldh > 250, ecog, 0),
    }
    flags_p, flags_a = ["NEW_LESION"], ["BOUNDARY_12M"]
    rules_p, rules_a, cur_p, cur_a = [], ["T11"], [], []
    missing = []
    if interval == "lt3":
        flags_p.append("BOCK_LT3M_AMBIGUOUS")
    if proven:
        flags_a.append("RELAPSE_NOT_BIOPSY_PROVEN")
        rules_a.append("T0")
        exp["labels.early_treatment_failure"] = early
        if early:
            # ZUMA-7 not asserted: its refractory row includes "PD < 12 months from 1L start" (§5.1), which
            # also matches every early relapse here (1L lasted 3.5 months), so the spec does not fix one class.
            exp["labels.trial_classes.belinda"] = "relapsed"
            exp["labels.trial_classes.transform"] = "refractory" if interval == "lt3" else "relapsed"
            rules_p.append("T1"); cur_p.append("T1"); rules_a += ["T3", "T9"]
            missing.append("cart_eligibility")
        else:
            rules_p.append("T3"); cur_p.append("T3"); rules_a.append("T1")
            missing.append("transplant_eligibility")
    else:
        flags_p.append("RELAPSE_NOT_BIOPSY_PROVEN")
        rules_p.append("T0"); cur_p.append("T0")
        if early:
            exp["labels.early_treatment_failure"] = None
            for t in ("zuma7", "transform", "belinda"):
                exp[f"labels.trial_classes.{t}"] = "undetermined"
            rules_a.append("T3")
        else:
            exp["labels.early_treatment_failure"] = False
            rules_a.append("T1")
    exp.update({"flags_present": flags_p, "flags_absent": flags_a, "rules_present": rules_p,
                "rules_absent": rules_a, "current_rules_present": cur_p})
    if cur_a:
        exp["current_rules_absent"] = cur_a
    if missing:
        exp["missing_present"] = missing
    ival = {"lt3": "< 3 m", "3_6": "3-6 m", "6_12": "6-12 m", "gt12": "> 12 m"}[interval]
    dd = (rel - eot).days
    notes = (f"{age} y {gender}, stage III (extranodal count coded 0), LDH {ldh}/ULN 250, ECOG {ecog}. "
             f"R-CHOP x6 {iso(info['c1'])}..{iso(eot)} (EOT = last 1L dose); EOT PET {iso(info['eot_pet'])} CMR "
             f"DS 2; relapse PET {iso(rel)} ({dd} d after EOT; add_months(EOT,3)={iso(add_months(eot, 3))}, "
             f"6={iso(add_months(eot, 6))}, 12={iso(add_months(eot, 12))}) new axillary node DS 5 consistent with "
             "relapse (P1). ")
    if proven:
        notes += (f"Biopsy {iso(bx)} positive ({bx_gap} d after the PET, within 60 d) -> biopsy-proven relapse "
                  f"dated at the PET. Bock {BOCK_OF[interval]} (K3-K6). early_failure := biopsy-proven relapse <= "
                  f"add_months(EOT,12) -> {early}. ")
        notes += ("Eligibility not coded: T1 still given 'if eligible', missing cart_eligibility. TRANSFORM counts a "
                  "relapse < 3 months after CR as refractory (§5.1); BELINDA relapsed; ZUMA-7 not "
                  "asserted (its 'PD < 12 months from 1L start' refractory row also matches). "
                  if early and interval == "lt3" else
                  "Eligibility not coded: T1 'if eligible', missing cart_eligibility; TRANSFORM/BELINDA: CR then "
                  "positive biopsy 3-12 months -> relapsed (§5.1); ZUMA-7 not asserted (a relapse < 12 months "
                  "from 1L start also matches its refractory row). " if early else
                  "Transplant eligibility not coded: T3 still given 'if eligible', missing transplant_eligibility "
                  "(first clarification set). ")
    else:
        notes += ("No biopsy: second clarification set -> T0 + RELAPSE_NOT_BIOPSY_PROVEN; bock_group from the imaging "
                  "date; early_treatment_failure " + ("null (pending, within 12 months); trial classes "
                                                      "'undetermined'; T1 not asserted either way (early failure "
                                                      "pending)." if early else
                                                      "false (beyond 12 months); T1 absent (no early failure); T3 "
                                                      "not asserted (relapse not yet proven)."))
    finish(c, trace=("K3" if interval == "lt3" else "K4" if interval == "3_6" else "K5" if interval == "6_12"
                     else "K6") + ("; T1" if proven and early else "; T3" if proven else "; T0") + "; §6 relapse_date",
           notes=notes, expect=exp,
           line=f"relapse {ival} after EOT CR, " + ("biopsy-proven" if proven else "imaging only (no biopsy)")
                + f"; PET as {'tier-2 coded + ' if coded else ''}{'base64 presentedForm' if presented else 'conclusion'}"
                  f" ({'US template' if style == 'us' else 'UK prose'})")
    return c


def build_01_08():
    bock_relapse_chart("E01", 1, "lt3", True, dx=D("2023-02-06"), birth="1971-05-14", gender="female", style="us")
    bock_relapse_chart("E02", 2, "lt3", False, dx=D("2023-03-13"), birth="1968-09-02", gender="male", style="uk",
                       presented=True, rest=True, med_text=True, snomed=True)
    bock_relapse_chart("E03", 3, "3_6", True, dx=D("2023-04-17"), birth="1975-01-23", gender="male", style="us",
                       coded=True, path={"text": "Lymph node, core biopsy: large B-cell lymphoma, recurrent.",
                                         "code": "snomed-dlbcl"}, bx_gap=5)
    bock_relapse_chart("E04", 4, "3_6", False, dx=D("2023-05-22"), birth="1966-11-30", gender="female", style="us",
                       presented=True, ecog=1)
    bock_relapse_chart("E05", 5, "6_12", True, dx=D("2023-06-26"), birth="1979-07-07", gender="female", style="uk",
                       rest=True, path={"text": "Recurrent DLBCL; no other malignancy identified."}, bx_gap=9,
                       ldh=410)
    bock_relapse_chart("E06", 6, "6_12", False, dx=D("2023-08-14"), birth="1970-03-19", gender="male", style="uk",
                       coded=True, snomed=True)
    bock_relapse_chart("E07", 7, "gt12", True, dx=D("2023-01-09"), birth="1964-12-12", gender="male", style="us",
                       med_text=True, path={"text": "DLBCL (no high-grade transformation). MYC and BCL2 "
                                                    "rearrangements not detected.", "presented": True}, bx_gap=10)
    bock_relapse_chart("E08", 8, "gt12", False, dx=D("2023-02-20"), birth="1973-06-25", gender="female", style="uk",
                       presented=True, rest=True)


# ======================================================================================================
# Charts 9-10: the 12-month boundary; 11-12: uncertain new lesion on follow-up PET + biopsy; 13: P8 + biopsy
# ======================================================================================================
def uncertain_text(style, comparator: date, *, site="right external iliac lymph node", size="1.6 x 1.2 cm"):
    if style == "us":
        return rpt("us", history="DLBCL, complete metabolic response after R-CHOP. Surveillance.",
                   comparison=f"PET/CT {comparator.isoformat()}.",
                   findings=(f"New FDG-avid {site} measuring {size}, SUVmax 6.8, uptake above liver. "
                             "Previously involved sites remain at Deauville 2. No focal marrow uptake."),
                   impression=(f"1. New {site} of indeterminate significance; recurrence cannot be excluded. "
                               "Tissue sampling or short-interval follow-up PET/CT suggested.\n"
                               "2. Previously involved sites Deauville 2."))
    return (f"FDG PET-CT, skull base to proximal thighs. Compared with the study of {fmt(comparator)}. "
            f"A new {site} measuring {size} shows moderate uptake (SUVmax 6.8), above liver. The previously treated "
            "sites remain quiescent at Deauville 2. The appearances of the new node are indeterminate: it may be "
            "reactive, but recurrence cannot be excluded. Biopsy or an interval scan is suggested.")


def boundary_chart(cid, n, *, late: bool):
    c = Chart(cid, rest=late)
    # EOT (C6) = 2024-02-29 for the early side: add_months(2024-02-29, 12) = 2025-02-28 (clamped)
    dx = D("2023-11-02") if not late else D("2023-09-04")
    info = course(c, n, birth="1969-04-11" if not late else "1977-10-28", gender="male" if not late else "female",
                  dx=dx, stage="III", en=0, ecog=1, style="us" if not late else "uk", coded=not late)
    eot = info["eot"]
    a12 = add_months(eot, 12)
    if not late:
        assert eot == D("2024-02-29") and a12 == D("2025-02-28")
        rel = D("2025-02-27")
        bx = rel + days(7)
    else:
        rel = a12 + days(8)
        bx = rel + days(6)
    assert abs((rel - a12).days) <= 14
    c.pet(rel, relapse_text("us" if not late else "uk", info["eot_pet"], site="right inguinal lymph node",
                            size="3.1 x 2.2 cm", suv=16.0),
          coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none"} if not late else None,
          timepoint="relapse-or-follow-up")
    c.biopsy(bx, "right inguinal lymph node", text="Excision biopsy: diffuse large B-cell lymphoma.",
             code="positive" if not late else None, kind="Excision biopsy")
    age = info["age_dx"]
    exp = {"latest_response.category": "PMD", "latest_response.rule": "P1",
           "latest_response.timepoint": "relapse_or_follow_up", "pathway": "NCCN_ADVANCED",
           "labels.eot_response_1l": "CR", "labels.nccn_refractory": False, "labels.relapse_biopsy_proven": True,
           **scores(age, "III", False, 1, 0)}
    if not late:
        exp.update({"labels.bock_group": "EARLY_RELAPSE_6_12M", "labels.early_treatment_failure": True,
                    "flags_present": ["BOUNDARY_12M", "EOT_ANCHOR_SENSITIVE"],
                    "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"],
                    "rules_present": ["T1"], "current_rules_present": ["T1"], "rules_absent": ["T0", "T3"],
                    "missing_present": ["cart_eligibility"]})
        notes = (f"{age} y male, stage III. Last R-CHOP (EOT) 2024-02-29 (leap day); add_months(EOT, 12) = 2025-02-28 "
                 "(clamped to month end). Relapse PET 2025-02-27 (364 d) = 1 day before the 12-month mark -> "
                 "early relapse 6-12 m (K5: relapse <= add_months(EOT,12)), BOUNDARY_12M (|diff| <= 14 d). Biopsy "
                 "2025-03-06 positive: with the biopsy date as anchor the relapse is late -> EOT_ANCHOR_SENSITIVE. "
                 "BELINDA 365-day wording also inside (364 d) but trial classes not asserted at the boundary.")
        line = "relapse PET 1 day before add_months(EOT,12) with EOT on 2024-02-29 (clamping), biopsy after the mark"
    else:
        exp.update({"labels.bock_group": "LATE_RELAPSE", "labels.early_treatment_failure": False,
                    "flags_present": ["BOUNDARY_12M"], "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"],
                    "rules_present": ["T3"], "current_rules_present": ["T3"], "rules_absent": ["T0", "T1"],
                    "missing_present": ["transplant_eligibility"]})
        notes = (f"{age} y female, stage III. EOT {iso(eot)}; add_months(EOT,12) = {iso(a12)}; relapse PET {iso(rel)} "
                 f"(8 d after the mark, {(rel - eot).days} d) -> late relapse (K6), BOUNDARY_12M; biopsy {iso(bx)} "
                 "positive by conclusion text only (no code). Transplant eligibility not coded -> T3 'if eligible' "
                 "and missing transplant_eligibility. EOT_ANCHOR_SENSITIVE not asserted (all anchors late).")
        line = "relapse PET 8 days after add_months(EOT,12), biopsy-proven by text -> late relapse + BOUNDARY_12M"
    finish(c, trace="§6 time_to_relapse; K5/K6; BOUNDARY_12M", notes=notes, expect=exp, line=line)


def uncertain_followup_chart(cid, n, *, positive: bool):
    c = Chart(cid, med_text=positive)
    info = course(c, n, birth="1972-08-08" if positive else "1962-02-14", gender="female" if positive else "male",
                  dx=D("2024-01-15") if positive else D("2024-02-12"), stage="III", en=0,
                  style="us" if positive else "uk", presented=not positive, ipet_after=3)
    eot = info["eot"]
    fu = add_months(eot, 7) + days(2)
    assert add_months(eot, 6) <= fu <= add_months(eot, 12)
    c.pet(fu, uncertain_text("us" if positive else "uk", info["eot_pet"]), presented=not positive,
          title="FDG PET-CT (follow-up)")
    bx = fu + days(7)
    if positive:
        c.biopsy(bx, "right external iliac lymph node",
                 text="Right external iliac lymph node, core biopsy: involvement by diffuse large B-cell lymphoma.")
    else:
        c.biopsy(bx, "right external iliac lymph node",
                 text="Reactive follicular hyperplasia. No evidence of lymphoma.", code="negative")
    age = info["age_dx"]
    exp = {"latest_response.timepoint": "relapse_or_follow_up", "latest_response.modality": "PET",
           "pathway": "NCCN_ADVANCED", "labels.eot_response_1l": "CR", "labels.nccn_refractory": False,
           **scores(age, "III", False, 0, 0)}
    if positive:
        exp.update({"labels.bock_group": "EARLY_RELAPSE_6_12M", "labels.early_treatment_failure": True,
                    "labels.relapse_biopsy_proven": True,
                    "flags_present": ["IND_NEW_LESION"], "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"],
                    "rules_present": ["T1"], "current_rules_present": ["T1"], "rules_absent": ["T0", "T3", "T11"]})
        notes = (f"{age} y female, stage III. R-CHOP x6 {iso(info['c1'])}..{iso(eot)}, iPET3 CMR, EOT PET "
                 f"{iso(info['eot_pet'])} CMR. Follow-up PET {iso(fu)} (text only, US template): new iliac node "
                 "'indeterminate', 'recurrence cannot be excluded' -> etiology uncertain (P4, IND_NEW_LESION). Biopsy "
                 f"{iso(bx)} (7 d) positive by conclusion text only -> second clarification set: a positive biopsy "
                 "within 60 d after a P4 study confirms relapse dated at the imaging study ({}), 7 months + 2 d "
                 "after EOT -> Bock 6-12 m, early failure, T1. latest_response keeps the imaging read (provisional "
                 "category, not PMD). Drugs sent as text only.".format(iso(fu)))
        line = "follow-up PET (text) with an indeterminate new node + positive biopsy 7 d later -> relapse at PET date"
        exp_not = {"latest_response.category": "PMD"}
    else:
        exp.update({"labels.bock_group": "NOT_APPLICABLE", "labels.early_treatment_failure": False,
                    "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"],
                    "rules_absent": ["T0", "T1", "T3", "T11"]})
        notes = (f"{age} y male, stage III; EOT {iso(eot)}, EOT PET CMR. Follow-up PET {iso(fu)} (base64 text, UK "
                 "prose): indeterminate new iliac node, 'recurrence cannot be excluded' (P4). Biopsy 7 d later "
                 "negative (reactive) -> 'A negative biopsy refutes the finding': no relapse, Bock NOT_APPLICABLE "
                 "(K7), early failure false, no T0/T1.")
        line = "follow-up PET (base64, UK prose) with an indeterminate new node + negative biopsy -> refuted"
        exp_not = {"latest_response.category": "PMD", "labels.relapse_biopsy_proven": True}
    finish(c, trace="P4; second clarification set (biopsy resolves P4); K5/K7; T1", notes=notes, expect=exp,
           line=line, expect_not=exp_not)


def p8_chart(cid, n):
    c = Chart(cid, rest=True)
    info = course(c, n, birth="1966-06-30", gender="male", dx=D("2024-03-04"), stage="III", en=0, ldh=330,
                  baseline_pet=False, style="us", coded=True)
    # staging by contrast CT only (no baseline PET)
    c.ct_report_text(info["dx"] + days(3), ct_rpt(
        history="Newly diagnosed DLBCL. Staging.", comparison="None.",
        findings=("Enlarged lymph nodes in the neck, mediastinum and retroperitoneum; left para-aortic conglomerate "
                  "6.1 x 4.2 cm. Spleen 12 cm. No extranodal disease."),
        impression="Lymphadenopathy above and below the diaphragm, consistent with Lugano stage III lymphoma."))
    eot = info["eot"]
    rel = add_months(eot, 4) + days(10)
    assert add_months(eot, 3) <= rel < add_months(eot, 6)
    txt = rpt("us", history="DLBCL, CMR at end of treatment. Rising LDH.",
              comparison=f"PET/CT {info['eot_pet'].isoformat()} (end of treatment). No pre-treatment PET (staged by CT).",
              findings=("Focal intense uptake has reappeared in the left para-aortic region at the site of the previously "
                        "treated nodal mass, 2.2 x 1.7 cm, SUVmax 12.4, Deauville 5. No new sites of disease. No marrow "
                        "uptake."),
              impression=("Deauville 5 uptake at a previously involved left para-aortic site. No baseline PET is "
                          "available, so the change in uptake from baseline cannot be assessed."))
    c.pet(rel, txt, coded={"ds": 5, "new": False, "marrow": "none"}, timepoint="relapse-or-follow-up",
          title="FDG PET-CT (follow-up)")
    bx = rel + days(7)
    c.biopsy(bx, "left para-aortic lymph node", text="Diffuse large B-cell lymphoma.", code="positive",
             kind="CT-guided core biopsy")
    age = info["age_dx"]
    exp = {"latest_response.category": "PET_POSITIVE_UNCLASSIFIED", "latest_response.rule": "P8",
           "latest_response.timepoint": "relapse_or_follow_up", "pathway": "NCCN_ADVANCED",
           "labels.bock_group": "EARLY_RELAPSE_3_6M", "labels.early_treatment_failure": True,
           "labels.eot_response_1l": "CR", "labels.nccn_refractory": False, "labels.relapse_biopsy_proven": True,
           "missing_present": ["baseline_pet", "cart_eligibility"],
           "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"],
           "rules_present": ["T1"], "current_rules_present": ["T1"], "rules_absent": ["T0", "T3"],
           **scores(age, "III", True, 0, 0)}
    finish(c, trace="P8; §1.5; second clarification set (biopsy after P8 confirms relapse); K4; T1", expect=exp,
           notes=(f"{age} y male, stage III staged by CT only (no baseline PET), LDH 330/250. EOT {iso(eot)}; EOT PET "
                  f"{iso(info['eot_pet'])} CMR (valid without baseline). Follow-up PET {iso(rel)}: DS 5 at a previously "
                  "involved site, no new lesion, uptake vs baseline unknown (coded without uptake component) -> P8 "
                  f"PET_POSITIVE_UNCLASSIFIED, missing baseline_pet. Positive biopsy {iso(bx)} (7 d) -> relapse dated "
                  f"at {iso(rel)} = 4 months + 10 d after EOT -> Bock 3-6 m, early failure, T1. fullUrl as "
                  "http://example.org/fhir/Type/id."),
           line="no baseline PET; follow-up PET DS 5 at a prior site (P8, coded) + positive biopsy -> relapse 3-6 m")


def build_09_13():
    boundary_chart("E09", 9, late=False)
    boundary_chart("E10", 10, late=True)
    uncertain_followup_chart("E11", 11, positive=True)
    uncertain_followup_chart("E12", 12, positive=False)
    p8_chart("E13", 13)


# ======================================================================================================
# Charts 14-16: uncertain new lesion on the EOT PET (none / positive / negative biopsy)
# Charts 17-19: CT-only follow-up after EOT CR
# ======================================================================================================
def eot_uncertain_chart(cid, n, *, biopsy: str | None):
    c = Chart(cid, rest=(biopsy == "negative"))
    style = "uk" if biopsy == "positive" else "us"
    info = course(c, n, birth={"none": "1970-01-05", "positive": "1965-07-19", "negative": "1974-10-02"}[biopsy or "none"],
                  gender="male" if biopsy != "positive" else "female",
                  dx={"none": D("2025-01-06"), "positive": D("2024-10-07"), "negative": D("2024-11-11")}[biopsy or "none"],
                  stage="III", en=0, ecog=1, style=style, eot_pet=False, presented=(biopsy == "positive"))
    eot = info["eot"]
    ep = eot + days(35)
    if style == "us":
        txt = rpt("us", history="DLBCL stage III, end-of-treatment restaging after 6 cycles R-CHOP.",
                  comparison=f"Baseline PET/CT {info['bpet'].isoformat()}.",
                  findings=("All previously involved nodal sites show uptake below mediastinal blood pool (Deauville 2). "
                            "New 1.4 x 1.1 cm left supraclavicular lymph node with moderate FDG uptake (SUVmax 5.9). "
                            "No focal marrow uptake."),
                  impression=("1. Previously involved sites Deauville 2.\n"
                              "2. New left supraclavicular node, equivocal; residual lymphoma cannot be excluded. "
                              "Biopsy or short-interval PET/CT is recommended."))
    else:
        txt = ("FDG PET-CT, skull base to proximal thighs, at the end of first-line treatment. Compared with the baseline "
               f"study of {fmt(info['bpet'])}. All previously involved nodal sites now show uptake below the "
               "mediastinal blood pool (Deauville 2). There is, however, a new 1.4 x 1.1 cm left supraclavicular node "
               "with moderate uptake (SUVmax 5.9) which was not present at baseline. Its nature is indeterminate and "
               "lymphoma cannot be excluded. Marrow uptake is physiological. Suggest biopsy or interval imaging.")
    c.pet(ep, txt, presented=(biopsy == "positive"), title="FDG PET-CT (end of treatment)")
    age = info["age_dx"]
    exp = {"latest_response.timepoint": "end_of_treatment", "latest_response.cycles_before": 6,
           "latest_response.modality": "PET", "pathway": "NCCN_ADVANCED", "flags_present": ["IND_NEW_LESION"],
           **scores(age, "III", False, 1, 0)}
    exp_not = {"latest_response.category": "PMD"}
    base_notes = (f"{age} y, stage III, R-CHOP x6 {iso(info['c1'])}..{iso(eot)}; EOT PET {iso(ep)} (dt 35 d): prior "
                  "sites DS 2 + a new supraclavicular node called equivocal/indeterminate -> P4 (IND_NEW_LESION), "
                  "provisional category from P5 (not PMD). ")
    if biopsy is None:
        exp.update({"labels.eot_response_1l": "PENDING", "labels.bock_group": "UNDETERMINED",
                    "labels.nccn_refractory": None, "labels.early_treatment_failure": None,
                    "current_rules_absent": ["NA3"], "rules_absent": ["T1", "T3", "T11"]})
        notes = base_notes + ("No biopsy yet. Second clarification set: at EOT an uncertain new lesion does not make "
                              "the response CR -> eot_response_1l PENDING; advice is biopsy or interval PET (P4's "
                              "action), NOT surveillance (NA3 not current). Bock UNDETERMINED (data cannot decide yet); "
                              "nccn_refractory and early failure undetermined (null).")
        line = "EOT PET: prior sites DS 2 + equivocal new node, no biopsy -> EOT response PENDING, not surveillance"
    elif biopsy == "positive":
        bx = ep + days(8)
        c.biopsy(bx, "left supraclavicular lymph node", text="Diffuse large B-cell lymphoma, non-GCB type.",
                 presented=True, kind="Excision biopsy")
        exp.update({"labels.eot_response_1l": "PD", "labels.bock_group": "PPD", "labels.nccn_refractory": True,
                    "labels.early_treatment_failure": True, "rules_present": ["T1", "T11"],
                    "current_rules_present": ["T1"], "current_rules_absent": ["NA3"], "rules_absent": ["T0", "T3"],
                    "missing_present": ["cart_eligibility"]})
        exp["flags_absent"] = ["RELAPSE_NOT_BIOPSY_PROVEN"]
        exp_not["labels.bock_group"] = "EARLY_RELAPSE_LT3M"
        notes = base_notes + (f"Biopsy {iso(bx)} positive (pathology text only, base64 presentedForm) -> second "
                              "clarification set: confirms progression at the EOT study; during/at end of first line "
                              "it is progression (Bock PPD; not the residual of an EOT PR since prior sites are DS 2). "
                              "EOT response PD, NCCN refractory (PD + positive biopsy), early failure, T1 (if "
                              "eligible), T11 (PPD). Not 'relapse after CR'. PET reports as base64 UK prose.")
        line = "EOT PET with equivocal new node + positive biopsy -> progression at EOT (PPD), refractory, T1/T11"
    else:
        bx = ep + days(9)
        c.biopsy(bx, "left supraclavicular lymph node",
                 text="Lymph node with sinus histiocytosis and granulomatous inflammation. No lymphoma.",
                 code="negative")
        exp.update({"labels.eot_response_1l": "CR", "labels.bock_group": "NOT_APPLICABLE",
                    "labels.nccn_refractory": False, "labels.early_treatment_failure": False,
                    "rules_present": ["NA3"], "current_rules_present": ["NA3"],
                    "rules_absent": ["T0", "T1", "T3", "T11"]})
        notes = base_notes + (f"Biopsy {iso(bx)} negative -> the finding is refuted; EOT response CR, surveillance "
                              "(NA3) current; Bock NOT_APPLICABLE (K7).")
        line = "EOT PET with equivocal new node + negative biopsy -> EOT CR, surveillance"
    finish(c, trace="P4; second clarification set (EOT P4 -> PENDING; biopsy resolves); NA3; K1/K7", notes=notes,
           expect=exp, expect_not=exp_not, line=line)


def ct_followup_chart(cid, n, *, kind: str):
    """kind: 'pd_biopsy' | 'pd_imaging' | 'reactive'"""
    c = Chart(cid, med_text=(kind == "pd_imaging"))
    info = course(c, n, birth={"pd_biopsy": "1967-03-03", "pd_imaging": "1980-12-20", "reactive": "1963-05-09"}[kind],
                  gender={"pd_biopsy": "female", "pd_imaging": "male", "reactive": "female"}[kind],
                  dx={"pd_biopsy": D("2023-09-11"), "pd_imaging": D("2023-06-05"), "reactive": D("2024-04-08")}[kind],
                  stage="III", en=0, style="uk" if kind == "reactive" else "us", snomed=(kind == "pd_biopsy"))
    eot = info["eot"]
    age = info["age_dx"]
    exp = {"latest_response.modality": "CT", "labels.eot_response_1l": "CR", "labels.nccn_refractory": False,
           "pathway": "NCCN_ADVANCED", **scores(age, "III", False, 0, 0)}
    if kind in ("pd_biopsy", "pd_imaging"):
        when = add_months(eot, 9) + days(4) if kind == "pd_biopsy" else add_months(eot, 15)
        txt = ct_rpt(history="DLBCL in remission after R-CHOP; new abdominal discomfort.",
                     comparison=f"CT component of PET/CT {info['eot_pet'].isoformat()}.",
                     findings=("Chest: no lymphadenopathy. No pulmonary nodules.\n"
                               "Abdomen and pelvis: new enlarged left external iliac lymph node measuring 2.6 x 1.9 cm "
                               "(not enlarged previously). Other previously involved nodes remain normal in size. "
                               "Spleen 11.2 cm. No new extranodal lesion."),
                     impression="New 2.6 cm left external iliac lymphadenopathy, consistent with recurrent lymphoma.")
        c.ct_report_text(when, txt)
        exp.update({"latest_response.category": "PD", "latest_response.timepoint": "relapse_or_follow_up"})
        if kind == "pd_biopsy":
            assert add_months(eot, 6) <= when <= add_months(eot, 12)
            bx = when + days(6)
            c.biopsy(bx, "left external iliac lymph node", text="Large B-cell lymphoma.", code="snomed-dlbcl",
                     kind="CT-guided core biopsy")
            exp.update({"labels.bock_group": "EARLY_RELAPSE_6_12M", "labels.early_treatment_failure": True,
                        "labels.relapse_biopsy_proven": True, "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"],
                        "rules_present": ["T1"], "current_rules_present": ["T1"], "rules_absent": ["T0", "T3"]})
            notes = (f"{age} y female, stage III (Condition coded SNOMED 109969005). EOT {iso(eot)}, EOT PET CMR. CT-only "
                     f"follow-up {iso(when)} (LOINC 24628-0, text only) with a NEW 2.6 cm node -> Lugano CT PD (new node "
                     f"> 1.5 cm); no PET after it, so latest_response is the CT study (modality CT, PD). Biopsy "
                     f"{iso(bx)} positive (SNOMED DLBCL conclusionCode) -> relapse proven, 9 months + 4 d -> Bock "
                     "6-12 m, early failure, T1.")
            line = "CT-only follow-up: new 2.6 cm node (CT PD) + positive biopsy -> relapse 6-12 m proven, modality CT"
        else:
            assert when > add_months(eot, 12)
            exp.update({"labels.bock_group": "LATE_RELAPSE", "labels.early_treatment_failure": False,
                        "labels.relapse_biopsy_proven": False, "flags_present": ["RELAPSE_NOT_BIOPSY_PROVEN"],
                        "rules_present": ["T0"], "current_rules_present": ["T0"], "rules_absent": ["T1"]})
            notes = (f"{age} y male, stage III, drugs as text only. EOT {iso(eot)}; CT-only follow-up {iso(when)} "
                     "(15 months) new 2.6 cm node -> CT PD; no biopsy -> T0 + RELAPSE_NOT_BIOPSY_PROVEN; imaging-only "
                     "relapse sets bock LATE_RELAPSE; early failure false (beyond 12 months); no T1.")
            line = "CT-only follow-up: new 2.6 cm node (CT PD), no biopsy, 15 months -> T0, late relapse unproven"
    else:
        when = add_months(eot, 6) + days(10)
        txt = ("CT chest, abdomen and pelvis with contrast, routine surveillance after R-CHOP. Compared with the CT "
               f"component of the PET-CT of {fmt(info['eot_pet'])}. Several new subcentimetre mesenteric lymph nodes, "
               "the largest 0.8 x 0.6 cm, likely reactive. No lymph node enlargement by size criteria. Previously "
               "involved nodes remain normal in size. Spleen normal. No CT evidence of lymphoma recurrence.")
        c.ct_report_text(when, txt, presented=True)
        exp.update({"labels.bock_group": "NOT_APPLICABLE", "labels.early_treatment_failure": False,
                    "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"], "rules_absent": ["T0", "T1", "T3"]})
        notes = (f"{age} y female, stage III. EOT {iso(eot)}; EOT PET CMR; surveillance CT {iso(when)} (base64 text): "
                 "new sub-cm nodes (largest 0.8 cm) 'likely reactive' -> not CT PD (new node must exceed 1.5 cm; "
                 "etiology not_lymphoma). No relapse. Category not asserted beyond 'not PD'.")
        line = "CT-only follow-up: new sub-centimetre nodes, likely reactive -> not PD, no relapse"
        return finish(c, trace="§1.4 CT PD(e); second clarification set (CT studies)", notes=notes, expect=exp,
                      expect_not={"latest_response.category": "PD"}, line=line)
    finish(c, trace="§1.4 CT PD(e); second clarification set (CT studies, T0); K5/K6", notes=notes, expect=exp,
           line=line)


def build_14_19():
    eot_uncertain_chart("E14", 14, biopsy=None)
    eot_uncertain_chart("E15", 15, biopsy="positive")
    eot_uncertain_chart("E16", 16, biopsy="negative")
    ct_followup_chart("E17", 17, kind="pd_biopsy")
    ct_followup_chart("E18", 18, kind="pd_imaging")
    ct_followup_chart("E19", 19, kind="reactive")


# ======================================================================================================
# Charts 20-22: late relapse -> R-ICE x2 -> post-salvage PET (CMR / PR / PD)
# ======================================================================================================
def rice(c: Chart, d1: date, k: int):
    c.med_admin(d1, "rituximab", f"rice{k}-rituximab-{iso(d1)}")
    c.med_admin(d1, "etoposide", f"rice{k}-etoposide-{iso(d1)}")
    d2 = d1 + days(1)
    c.med_admin(d2, "ifosfamide", f"rice{k}-ifosfamide-{iso(d2)}")
    c.med_admin(d2, "carboplatin", f"rice{k}-carboplatin-{iso(d2)}")
    c.med_admin(d2, "etoposide", f"rice{k}-etoposide-{iso(d2)}")
    d3 = d1 + days(2)
    c.med_admin(d3, "etoposide", f"rice{k}-etoposide-{iso(d3)}")


def salvage_chart(cid, n, *, response: str):
    c = Chart(cid, rest=(response == "PR"), med_text=(response == "PD"))
    info = course(c, n, birth={"CMR": "1971-09-09", "PR": "1975-04-04", "PD": "1968-01-27"}[response],
                  gender={"CMR": "male", "PR": "female", "PD": "male"}[response],
                  dx={"CMR": D("2023-01-16"), "PR": D("2023-03-20"), "PD": D("2023-02-13")}[response],
                  stage="III", en=0, style="us", coded=(response != "CMR"))
    eot = info["eot"]
    rel = add_months(eot, 17) + days(6)
    assert rel > add_months(eot, 12) + days(14)
    c.pet(rel, relapse_text("us", info["eot_pet"], site="right inguinal lymph node", size="3.0 x 2.4 cm", suv=16.0),
          coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none"} if response != "CMR" else None,
          timepoint="relapse-or-follow-up")
    bx = rel + days(6)
    c.biopsy(bx, "right inguinal lymph node", text="Recurrent diffuse large B-cell lymphoma.", code="positive",
             kind="Excision biopsy")
    c.t2("transplant-eligible", "Transplant eligible", bx + days(4), valueBoolean=True)
    s1 = bx + days(8)
    s2 = s1 + days(21)
    rice(c, s1, 1)
    rice(c, s2, 2)
    post = s2 + days(19)
    cmp_ = f"Pre-salvage PET/CT {rel.isoformat()}; baseline PET/CT {info['bpet'].isoformat()}."
    hist = "Relapsed DLBCL after 2 cycles of R-ICE; response assessment before planned autologous transplant."
    if response == "CMR":
        txt = rpt("us", history=hist, comparison=cmp_,
                  findings=("The right inguinal node has resolved, uptake below mediastinal blood pool (Deauville 2). "
                            "No other FDG-avid disease. No new lesions. Physiologic marrow."),
                  impression="Complete metabolic response to salvage therapy (Deauville 2).")
        coded = None
    elif response == "PR":
        txt = rpt("us", history=hist, comparison=cmp_,
                  findings=("Right inguinal node decreased to 1.6 x 1.1 cm, SUVmax 5.2 (previously 16.0), uptake "
                            "moderately above liver (Deauville 4), reduced compared with the pre-salvage study. "
                            "No new lesions. No marrow uptake."),
                  impression="Partial metabolic response to salvage therapy: Deauville 4 with reduced uptake.")
        coded = {"ds": 4, "uptake": "reduced", "new": False, "marrow": "none"}
    else:
        txt = rpt("us", history=hist, comparison=cmp_,
                  findings=("Right inguinal node enlarged to 4.1 x 3.3 cm, SUVmax 21.5 (previously 16.0), Deauville 5, "
                            "uptake increased. New FDG-avid lesions in hepatic segment VI (2.3 cm) and a new left "
                            "axillary node (1.9 cm), consistent with lymphoma."),
                  impression="Progressive disease despite salvage chemotherapy (new hepatic and axillary lesions).")
        coded = {"ds": 5, "uptake": "increased", "new": True, "etiology": "lymphoma", "marrow": "none"}
    c.pet(post, txt, coded=coded, timepoint="post-salvage", title="FDG PET-CT (post-salvage)")
    age_now = age_on(c.birth, post)
    assert age_now < 65
    age = info["age_dx"]
    exp = {"latest_response.timepoint": "post_salvage", "latest_response.modality": "PET",
           "pathway": "NCCN_ADVANCED", "labels.bock_group": "LATE_RELAPSE", "labels.early_treatment_failure": False,
           "labels.eot_response_1l": "CR", "labels.nccn_refractory": False, "labels.relapse_biopsy_proven": True,
           **scores(age, "III", False, 0, 0)}
    common = (f"{age} y at diagnosis ({age_now} y at evaluation), stage III. EOT {iso(eot)}, EOT PET CMR; relapse PET "
              f"{iso(rel)} (17 months + 6 d, late) new inguinal node; biopsy {iso(bx)} positive; transplant-eligible "
              f"coded true; R-ICE x2 {iso(s1)} and {iso(s2)} (rituximab + etoposide d1, ifosfamide + carboplatin + "
              f"etoposide d2, etoposide d3); post-salvage PET {iso(post)}. ")
    if response == "CMR":
        exp.update({"latest_response.category": "CMR", "latest_response.rule": "P5",
                    "rules_present": ["T3"], "current_rules_present": ["T3"],
                    "rules_absent": ["T1", "T4", "T5", "T9", "T11"], "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"]})
        notes = common + ("Salvage CMR -> chemosensitive; T3 stays current (next step ASCT, second clarification set: "
                          "'T3 after a salvage CR or PR: ASCT'). No T4/T5.")
        line = "late relapse, R-ICE x2, post-salvage PET CMR -> T3 current (ASCT next)"
    elif response == "PR":
        exp.update({"latest_response.category": "PMR", "latest_response.rule": "P7",
                    "rules_present": ["T3", "T5"], "current_rules_present": ["T3", "T5"],
                    "rules_absent": ["T1", "T4", "T6", "T7", "T9", "T11"], "flags_absent": ["EVIDENCE_CONFLICT"]})
        notes = common + ("Post-salvage DS 4 reduced (tier-2 coded + US text) -> PMR = PR after salvage, transplant "
                          "eligible -> T5 (ASCT can be discussed); T3 stays current (ASCT still open). Age < 65 -> no "
                          "T7; no TMTV -> no T6. fullUrl http://example.org/fhir/Type/id.")
        line = "late relapse, R-ICE x2, post-salvage PET DS 4 reduced (PR) -> T5 (+T3 current), no T7/T6"
    else:
        exp.update({"latest_response.category": "PMD", "latest_response.rule": "P1",
                    "rules_present": ["T3", "T4"], "current_rules_present": ["T4"], "current_rules_absent": ["T3"],
                    "rules_absent": ["T1", "T5", "T9", "T11"]})
        notes = common + ("Post-salvage new hepatic/axillary lesions consistent with lymphoma -> PMD -> chemorefractory "
                          "(T4: ASCT largely futile; CAR-T if eligible, CAR-T eligibility not coded as no). T3 no "
                          "longer current (ASCT not the next step after salvage PD). Drugs as text only. The PD is "
                          "after second-line therapy, so the first-line labels stay LATE_RELAPSE / CR.")
        line = "late relapse, R-ICE x2, post-salvage PET PD -> T4 current, T3 not current"
    finish(c, trace="T3/T5/T4; second clarification set (current flags after salvage)", notes=notes, expect=exp,
           line=line)


def build_20_22():
    salvage_chart("E20", 20, response="CMR")
    salvage_chart("E21", 21, response="PR")
    salvage_chart("E22", 22, response="PD")


# ======================================================================================================
# Charts 23-24: early relapse -> CAR-T (apheresis, lymphodepletion, axi-cel) -> day-30 / day-90 PET
# Chart 33 (built here too): lymphodepletion with no apheresis coded
# ======================================================================================================
def cart_chart(cid, n, *, variant: str):
    """variant: 'proc_d30' (CPT 38228 infusion, day-30 PET), 'med_d90' (MedicationAdministration, day 30 + 90),
    'ld_noaph' (no apheresis, no decision coded; lymphodepletion + infusion; day-30 PET)."""
    c = Chart(cid, rest=(variant == "med_d90"))
    info = course(c, n, birth={"proc_d30": "1969-02-02", "med_d90": "1976-06-16", "ld_noaph": "1972-11-11"}[variant],
                  gender={"proc_d30": "female", "med_d90": "male", "ld_noaph": "female"}[variant],
                  dx={"proc_d30": D("2024-02-05"), "med_d90": D("2023-10-02"), "ld_noaph": D("2024-05-06")}[variant],
                  stage="IV", en=2, ldh=380, ecog=1, style="uk" if variant != "proc_d30" else "us",
                  presented=(variant == "ld_noaph"))
    eot = info["eot"]
    if variant == "ld_noaph":
        rel = eot + days(70)
        assert rel < add_months(eot, 3)
        bock = "EARLY_RELAPSE_LT3M"
    else:
        rel = add_months(eot, 4) + days(12)
        assert add_months(eot, 3) <= rel < add_months(eot, 6)
        bock = "EARLY_RELAPSE_3_6M"
    style = "uk" if variant != "proc_d30" else "us"
    c.pet(rel, relapse_text(style, info["eot_pet"], site="left cervical lymph node", size="2.9 x 2.0 cm", suv=18.3),
          presented=(variant == "ld_noaph"), title="FDG PET-CT (suspected relapse)")
    bx = rel + days(6)
    c.biopsy(bx, "left cervical lymph node", text="Diffuse large B-cell lymphoma, recurrent.", code="positive",
             kind="Excision biopsy")
    c.t2("cart-eligible", "CAR-T eligible", bx + days(3), valueBoolean=True)
    decision = bx + days(5)
    if variant != "ld_noaph":
        c.t2("cart-decision", "CAR-T decision", decision, valueString="axicabtagene ciloleucel")
        aph = decision + days(6)
        c.apheresis(aph)
        inf = aph + days(24)
    else:
        aph = None
        inf = decision + days(30)
    c.lymphodepletion(inf)
    if variant == "proc_d30":
        c.cart_infusion_procedure(inf)
    else:
        c.cart_infusion_med(inf)
    p30 = inf + days(30)
    txt30 = cmr_text(style, rel, label="day-30 post-CAR-T", history="Relapsed DLBCL, day 30 after axi-cel.",
                     cmp_name="pre-CAR-T")
    c.pet(p30, txt30, presented=(variant == "ld_noaph"), title="FDG PET-CT (day 30 after CAR-T)")
    pets = [p30]
    if variant == "med_d90":
        p90 = inf + days(90)
        c.pet(p90, cmr_text(style, p30, label="day-90 post-CAR-T", history="Relapsed DLBCL, day 90 after axi-cel.",
                            cmp_name="day-30"),
              title="FDG PET-CT (day 90 after CAR-T)")
        pets.append(p90)
    age = info["age_dx"]
    exp = {"latest_response.category": "CMR", "latest_response.rule": "P5", "latest_response.modality": "PET",
           "pathway": "NCCN_ADVANCED", "labels.bock_group": bock, "labels.early_treatment_failure": True,
           "labels.eot_response_1l": "CR", "labels.nccn_refractory": False, "labels.relapse_biopsy_proven": True,
           "rules_present": ["T1"], "current_rules_absent": ["T1"], "rules_absent": ["T0", "T3", "T4", "T5", "T11"],
           "flags_absent": ["RELAPSE_NOT_BIOPSY_PROVEN"], **scores(age, "IV", True, 1, 2)}
    if variant != "ld_noaph":
        exp["rules_present"].append("T10")
        exp["current_rules_absent"].append("T10")
    common = (f"{age} y, stage IV (2 extranodal sites coded), LDH 380/250, ECOG 1 -> IPI {exp['scores.ipi']}. R-CHOP x6 "
              f"{iso(info['c1'])}..{iso(eot)} (EOT = last R-CHOP); EOT PET CMR; relapse PET {iso(rel)} "
              f"({(rel - eot).days} d, Bock {bock}); biopsy {iso(bx)} positive; cart-eligible coded true. ")
    if variant == "proc_d30":
        notes = common + (f"CAR-T decision {iso(decision)} (tier-2 cart-decision), apheresis {iso(aph)} (CPT 38225), "
                          f"flu/cy {iso(inf - days(5))}..{iso(inf - days(3))}, axi-cel infusion {iso(inf)} as Procedure "
                          f"CPT 38228; day-30 PET {iso(p30)} CMR. Second clarification set: CAR-T infused -> T1 no "
                          "longer current; T10 computes brain-to-vein only until infusion -> not current. Lymphodepletion "
                          "is not salvage (no T4/T5).")
        line = "early relapse -> CAR-T decision, apheresis, flu/cy, axi-cel (Procedure CPT 38228), day-30 PET CMR"
    elif variant == "med_d90":
        notes = common + (f"Decision {iso(decision)}, apheresis {iso(aph)}, flu/cy, axi-cel {iso(inf)} as "
                          "MedicationAdministration with text only ('Yescarta (axicabtagene ciloleucel)'); PETs day 30 "
                          f"{iso(p30)} and day 90 {iso(pets[-1])} CMR -> T1 and T10 listed, not current. fullUrl "
                          "http://example.org/fhir/Type/id.")
        line = "early relapse -> CAR-T (MedicationAdministration text 'Yescarta'), day-30 and day-90 PET CMR"
    else:
        notes = common + (f"NO apheresis and NO CAR-T decision coded: fludarabine (RxNorm 24698) + cyclophosphamide "
                          f"{iso(inf - days(5))}..{iso(inf - days(3))}, axi-cel {iso(inf)} (MedicationAdministration "
                          "text). Second clarification set: lymphodepletion belongs to the CAR-T line even with no "
                          "apheresis coded, so first line still ends at the last R-CHOP and the relapse stays "
                          "'early relapse < 3 m' after an EOT CR (not PPD, not a salvage with T4/T5). T1 listed but not "
                          "current after infusion; T10 not asserted (no decision recorded). PET reports base64 UK prose.")
        line = "lymphodepletion (flu/cy) + axi-cel with no apheresis coded -> CAR-T line; 1L still ends at last R-CHOP"
        exp_not = {"labels.bock_group": "PPD"}
        return finish(c, trace="§6 line_of_therapy; second clarification set (lymphodepletion); K3; T1", notes=notes,
                      expect=exp, expect_not=exp_not, line=line)
    finish(c, trace="T1; T10; second clarification set (CAR-T infused -> not current)", notes=notes, expect=exp,
           line=line)


def build_23_24():
    cart_chart("E23", 23, variant="proc_d30")
    cart_chart("E24", 24, variant="med_d90")


# ======================================================================================================
# Chart 25: recurrence at a previously involved site (P3); 26-27: CAR-T not eligible; 28-29: T8; 30: NA2a
# ======================================================================================================
def p3_chart(cid, n):
    c = Chart(cid, med_text=True)
    info = course(c, n, birth="1970-07-21", gender="male", dx=D("2024-06-03"), stage="III", en=0, style="uk",
                  presented=True, baseline_sites=(
                      "FDG-avid nodes above and below the diaphragm; the dominant left para-aortic nodal mass measures "
                      "5.8 x 4.0 cm with SUVmax 19.0. No extranodal disease."))
    eot = info["eot"]
    rel = add_months(eot, 8) + days(11)
    assert add_months(eot, 6) <= rel <= add_months(eot, 12) - days(15)
    txt = ("FDG PET-CT, skull base to proximal thighs. Compared with the end-of-treatment study of "
           f"{fmt(info['eot_pet'])} and the baseline staging study of {fmt(info['bpet'])}. There is recurrent intense "
           "uptake in the previously involved left para-aortic nodes, now 3.4 x 2.6 cm with SUVmax 24.5 (19.0 at "
           "baseline), Deauville 5, with uptake increased compared with the baseline staging study. The other "
           "previously involved sites remain at Deauville 2. No new sites of disease. Marrow uptake is physiological. "
           "Appearances indicate recurrent lymphoma at a previously involved site.")
    c.pet(rel, txt, presented=True, title="FDG PET-CT (follow-up)")
    bx = rel + days(8)
    c.biopsy(bx, "left para-aortic lymph node", text="Diffuse large B-cell lymphoma.", code="snomed-dlbcl",
             kind="CT-guided core biopsy")
    age = info["age_dx"]
    exp = {"latest_response.category": "PMD", "latest_response.rule": "P3",
           "latest_response.timepoint": "relapse_or_follow_up", "pathway": "NCCN_ADVANCED",
           "labels.bock_group": "EARLY_RELAPSE_6_12M", "labels.early_treatment_failure": True,
           "labels.eot_response_1l": "CR", "labels.nccn_refractory": False, "labels.relapse_biopsy_proven": True,
           "flags_absent": ["NEW_LESION", "RELAPSE_NOT_BIOPSY_PROVEN"], "rules_present": ["T1"],
           "current_rules_present": ["T1"], "rules_absent": ["T0", "T3"], **scores(age, "III", False, 0, 0)}
    finish(c, trace="P3; K5; T1", expect=exp,
           notes=(f"{age} y male, stage III; EOT {iso(eot)}, EOT PET CMR; follow-up PET {iso(rel)} (base64 UK prose): "
                  "a previously involved site back at DS 5 with uptake 'increased compared with the baseline staging "
                  "study', no new sites -> P3 PMD (not P1: no new lesion). Biopsy 8 d later positive (SNOMED DLBCL "
                  "conclusionCode) -> relapse 8 months + 11 d after EOT, Bock 6-12 m, T1. Drugs as text only."),
           line="recurrence at a previously involved site, DS 5 with uptake increased vs baseline (P3) + biopsy")


def not_cart_eligible_chart(cid, n, *, late: bool):
    c = Chart(cid, rest=not late)
    info = course(c, n, birth="1961-03-15" if not late else "1952-08-30", gender="female" if not late else "male",
                  dx=D("2023-07-10") if not late else D("2023-03-06"), stage="III", en=0, ecog=1 if not late else 2,
                  style="us", coded=late)
    eot = info["eot"]
    rel = add_months(eot, 7) + days(4) if not late else add_months(eot, 20) + days(3)
    c.pet(rel, relapse_text("us", info["eot_pet"], site="right axillary lymph node", size="2.7 x 2.1 cm", suv=13.1),
          coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none"} if late else None,
          timepoint="relapse-or-follow-up")
    bx = rel + days(7)
    c.biopsy(bx, "right axillary lymph node", text="Diffuse large B-cell lymphoma.", code="positive")
    c.t2("cart-eligible", "CAR-T eligible", bx + days(5), valueBoolean=False)
    if late:
        c.t2("transplant-eligible", "Transplant eligible", bx + days(5), valueBoolean=False)
    age = info["age_dx"]
    exp = {"latest_response.category": "PMD", "latest_response.rule": "P1", "pathway": "NCCN_ADVANCED",
           "labels.eot_response_1l": "CR", "labels.nccn_refractory": False, "labels.relapse_biopsy_proven": True,
           **scores(age, "III", False, 1 if not late else 2, 0)}
    if not late:
        assert add_months(eot, 6) <= rel <= add_months(eot, 12)
        exp.update({"labels.bock_group": "EARLY_RELAPSE_6_12M", "labels.early_treatment_failure": True,
                    "rules_absent": ["T0", "T1", "T3", "T9"]})
        notes = (f"{age} y female, stage III, ECOG 1. EOT {iso(eot)}; relapse PET {iso(rel)} (7 months + 4 d), biopsy "
                 f"{iso(bx)} positive -> early failure. cart-eligible coded FALSE (tier 2) -> first clarification "
                 "set: advice is withheld only when the input is coded not eligible -> no T1. fullUrl "
                 "http://example.org/fhir/Type/id.")
        line = "early relapse proven, CAR-T eligibility coded false -> T1 absent"
    else:
        exp.update({"labels.bock_group": "LATE_RELAPSE", "labels.early_treatment_failure": False,
                    "rules_present": ["T9"], "current_rules_present": ["T9"], "rules_absent": ["T0", "T1", "T3"]})
        notes = (f"{age} y male (ECOG 2), stage III. EOT {iso(eot)}; relapse PET {iso(rel)} (20 months), biopsy positive; "
                 "transplant-eligible FALSE and cart-eligible FALSE coded -> T9 (non-transplant options); T3 withheld "
                 "(coded not transplant eligible). Second clarification set: T9 names CAR-T only when CAR-T "
                 "eligibility is not coded 'no' -> its text must not propose CAR-T (not machine-asserted here).")
        line = "late relapse proven, transplant- and CAR-T-ineligible coded -> T9 (without CAR-T), no T3"
    finish(c, trace="T1/T9; first clarification set (eligibility coded no); second set (T9 names CAR-T only if not no)",
           notes=notes, expect=exp, line=line)


def t8_chart(cid, n, *, eot_pr: bool):
    c = Chart(cid, med_text=not eot_pr)
    info = course(c, n, birth="1970-10-10" if eot_pr else "1968-05-05", gender="male" if eot_pr else "female",
                  dx=D("2024-04-01") if eot_pr else D("2023-11-06"), stage="III", en=0, style="us", coded=True,
                  eot_pet=not eot_pr)
    eot = info["eot"]
    age = info["age_dx"]
    if eot_pr:
        ep = eot + days(42)
        txt = rpt("us", history="DLBCL stage III, end of treatment after 6 cycles R-CHOP.",
                  comparison=f"Baseline PET/CT {info['bpet'].isoformat()}.",
                  findings=("Residual left para-aortic soft tissue 2.8 x 1.9 cm with uptake moderately above liver, "
                            "SUVmax 6.1 (baseline 22.1), Deauville 4, reduced compared with baseline. Other sites "
                            "Deauville 2. No new lesions. No marrow uptake."),
                  impression="Partial metabolic response: residual Deauville 4 with reduced uptake.")
        c.pet(ep, txt, coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none"},
              timepoint="end-of-treatment", title="FDG PET-CT (end of treatment)")
        bx = ep + days(8)
        c.biopsy(bx, "left para-aortic residual mass", text="Residual diffuse large B-cell lymphoma.", code="positive",
                 kind="CT-guided core biopsy")
        dec = bx + days(4)
        age_now = age_on(c.birth, dec)
    else:
        rel = add_months(eot, 4) + days(3)
        c.pet(rel, relapse_text("us", info["eot_pet"]), coded={"ds": 5, "new": True, "etiology": "lymphoma",
                                                                "marrow": "none"}, timepoint="relapse-or-follow-up")
        bx = rel + days(6)
        c.biopsy(bx, "left axillary lymph node", text="Diffuse large B-cell lymphoma.", code="positive")
        dec = bx + days(4)
        age_now = age_on(c.birth, dec)
    c.t2("cart-eligible", "CAR-T eligible", dec, valueBoolean=True)
    c.t2("cart-timely-access", "Timely CAR-T access", dec, valueBoolean=False)
    assert age_now < 65
    exp = {"pathway": "NCCN_ADVANCED", "labels.early_treatment_failure": True, **scores(age, "III", False, 0, 0)}
    if eot_pr:
        exp.update({"latest_response.category": "PMR", "latest_response.rule": "P7",
                    "latest_response.timepoint": "end_of_treatment", "latest_response.cycles_before": 6,
                    "labels.bock_group": "EOT_PR", "labels.eot_response_1l": "PR", "labels.nccn_refractory": True,
                    "labels.trial_classes.zuma7": "refractory", "labels.trial_classes.transform": "refractory",
                    "rules_present": ["NA4", "NA4a", "NA4b", "T1", "T8"], "current_rules_present": ["T1", "T8"],
                    "current_rules_absent": ["NA4"], "rules_absent": ["NA3", "NA4c", "T3", "T11"]})
        notes = (f"{age} y male ({age_now} y at evaluation, < 65). EOT {iso(eot)}; EOT PET {iso(ep)} (dt 42 d) DS 4 "
                 f"reduced (coded + text) -> PMR at EOT; biopsy {iso(bx)} positive -> NA4b, EOT PR, Bock EOT_PR (K2), "
                 "NCCN refractory; ZUMA-7 'PR + positive biopsy' and TRANSFORM 'PR' refractory. cart-eligible true, "
                 "cart-timely-access FALSE -> T8 (EOT PR after 1L, age < 65, no timely access; second clarification "
                 "set) and T1. After the biopsy result the repeat-biopsy row NA4 is no longer current.")
        line = "EOT PR (DS 4 reduced) + positive biopsy, age < 65, timely CAR-T access coded false -> T8 (+T1)"
    else:
        exp.update({"latest_response.category": "PMD", "latest_response.rule": "P1",
                    "labels.bock_group": "EARLY_RELAPSE_3_6M", "labels.eot_response_1l": "CR",
                    "labels.nccn_refractory": False, "rules_present": ["T1"], "current_rules_present": ["T1"],
                    "rules_absent": ["T8", "T0", "T3"]})
        notes = (f"{age} y female ({age_now} y at evaluation). EOT CR; relapse PET {iso(rel)} (4 months + 3 d), biopsy "
                 "positive -> early relapse 3-6 m. Same codes as the T8 chart (cart-eligible true, timely access "
                 "false) but T8 applies only to an EOT PR after first line (second clarification set; V14's T8 "
                 "superseded) -> T8 absent; T1 present. Drugs as text only.")
        line = "early relapse (EOT CR) with timely CAR-T access coded false, age < 65 -> T8 absent, T1 present"
    finish(c, trace="T8; K2/K4; NA4b; second clarification set (T8 only for EOT PR)", notes=notes, expect=exp,
           line=line)


def na2a_chart(cid, n):
    c = Chart(cid)
    info = course(c, n, birth="1962-12-01", gender="female", dx=D("2025-01-13"), stage="IV", en=2, style="us",
                  coded=True, stop_after=3, eot_pet=False)
    c3 = info["cycles"][-1]
    ip = c3 + days(16)
    txt = rpt("us", history="DLBCL stage IV, interim restaging after 3 cycles R-CHOP.",
              comparison=f"Baseline PET/CT {info['bpet'].isoformat()}.",
              findings=("Persistent FDG-avid retroperitoneal nodal mass, SUVmax 18.7 (baseline 19.2), Deauville 5, "
                        "uptake unchanged compared with baseline. Hepatic lesions persist with unchanged uptake. "
                        "No new lesions."),
              impression="No metabolic response (Deauville 5, uptake unchanged from baseline).")
    c.pet(ip, txt, coded={"ds": 5, "uptake": "unchanged", "new": False, "marrow": "none"}, timepoint="interim",
          title="FDG PET-CT (interim)")
    as_of = ip + days(125)
    age = info["age_dx"]
    exp = {"latest_response.category": "NMR", "latest_response.rule": "P6", "latest_response.timepoint": "interim",
           "latest_response.cycles_before": 3, "pathway": "NCCN_ADVANCED", "labels.bock_group": "PPD",
           "rules_present": ["NA2", "NA2a"], "rules_absent": ["NA1", "NA2b"], **scores(age, "IV", False, 0, 2)}
    finish(c, as_of=as_of, trace="P6; NA2, NA2a; K1; second clarification set (NA2a when no biopsy follows)",
           expect=exp,
           notes=(f"{age} y female, stage IV (2 extranodal sites coded) -> NCCN advanced. C1-C3 {iso(info['c1'])}..{iso(c3)}, "
                  f"planned 6; iPET3 {iso(ip)} DS 5 uptake unchanged -> NMR (P6) at interim -> NA2 (repeat biopsy). No "
                  f"biopsy and no further events up to as_of {iso(as_of)} (125 d later, beyond the 60-day biopsy "
                  "window) -> NA2a fires ('when no biopsy follows within the biopsy window'). Bock PPD from imaging."),
           line="advanced stage, iPET3 NMR, no biopsy within the window (as_of 125 d later) -> NA2 + NA2a")


def build_25_30():
    p3_chart("E25", 25)
    not_cart_eligible_chart("E26", 26, late=False)
    not_cart_eligible_chart("E27", 27, late=True)
    t8_chart("E28", 28, eot_pr=True)
    t8_chart("E29", 29, eot_pr=False)
    na2a_chart("E30", 30)


# ======================================================================================================
# Charts 31-32 prephase / cycle window; 33 lymphodepletion; 34-35 ISRT; 36-38 scores; 39 BSH age; 40 unclear path
# ======================================================================================================
def prephase_chart(cid, n, *, full: bool):
    c = Chart(cid, med_text=full)
    c.patient("1966-04-18" if full else "1973-09-27", "female" if full else "male", n)
    dx = D("2024-08-05") if full else D("2025-02-03")
    c.condition(dx, icd="C83.30")
    bpet = dx + days(3)
    c.pet(bpet, baseline_text("uk", "Lugano stage III", BASELINE_SITES["III"]), title="FDG PET-CT (baseline)")
    st = dx + days(5)
    c.stage(st, "Stage IIIA", bulky=False)
    c.t2("extranodal-sites", "Number of extranodal sites", st, valueInteger=0)
    c.ldh(st, 460)
    c.ecog(st, 1)
    c1 = dx + days(16)
    c.t2("planned-1l-cycles", "Planned number of first-line cycles", st, valueInteger=6)
    for k in range(7, 2, -1):   # prephase prednisone x5 days: C1-7 .. C1-3
        c.med_admin(c1 - days(k), "prednisone", f"prephase-{iso(c1 - days(k))}")
    cycles = [c1 + days(21 * i) for i in range(6 if full else 3)]
    for i, d in enumerate(cycles, start=1):
        c.med_admin(d - days(1), "prednisone", f"c{i}-pred-{iso(d - days(1))}")
        drugs = ["cyclophosphamide", "doxorubicin", "vincristine"] if i == 1 else \
            ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine"]
        for drug in drugs:
            c.med_admin(d, drug, f"c{i}-{drug}-{iso(d)}")
        if i == 1:   # rituximab exactly 7 days after cycle 1's first IV dose (+ oral prednisone the day before)
            c.med_admin(d + days(6), "prednisone", f"c1-pred-{iso(d + days(6))}")
            c.med_admin(d + days(7), "rituximab", f"c1-rituximab-d8-{iso(d + days(7))}")
    ip = cycles[2] + days(15)
    c.pet(ip, cmr_text("uk", bpet, label="interim", ds=3), title="FDG PET-CT (interim)")
    age = age_on(c.birth, dx)
    exp = {"pathway": "NCCN_ADVANCED", **scores(age, "III", True, 1, 0)}
    common = (f"{age} y, stage III, LDH 460/250 -> IPI {exp['scores.ipi']}. Prephase prednisone (oral) "
              f"{iso(c1 - days(7))}..{iso(c1 - days(3))}; cycle 1 = CHOP IV {iso(c1)} + rituximab {iso(c1 + days(7))} "
              "(exactly day 7 after the first IV dose: inside the 7-day window, so still cycle 1); oral prednisone the "
              "day before every IV dose. Second clarification set: a cycle is anchored on its first IV anti-CD20 or "
              "chemotherapy dose (never an oral steroid); steroids before cycle 1 are prephase. ")
    if not full:
        exp.update({"latest_response.category": "CMR", "latest_response.timepoint": "interim",
                    "latest_response.cycles_before": 3, "labels.bock_group": "UNDETERMINED",
                    "rules_present": ["NA1"], "rules_absent": ["NA2", "NA3"], "flags_absent": ["IPET_OFF_SCHEDULE"]})
        notes = common + (f"C2 {iso(cycles[1])}, C3 {iso(cycles[2])}; iPET {iso(ip)} CMR (DS 3) -> 3 cycles before "
                          "(not 4 or 5), interim (planned 6) -> NA1.")
        line = "prephase prednisone + oral prednisone day -1 + C1 rituximab on day 8: iPET after exactly 3 cycles"
        return finish(c, trace="§6 cycle; second clarification set (cycle anchor, day-7 window); NA1", notes=notes,
                      expect=exp, line=line)
    ep = cycles[-1] + days(35)
    c.pet(ep, cmr_text("uk", bpet), title="FDG PET-CT (end of treatment)")
    exp.update({"latest_response.category": "CMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "labels.bock_group": "NOT_APPLICABLE",
                "labels.eot_response_1l": "CR", "labels.early_treatment_failure": False,
                "rules_present": ["NA3"], "current_rules_present": ["NA3"],
                "flags_absent": ["EOT_PET_EARLY", "EOT_PET_LATE", "IPET_OFF_SCHEDULE"]})
    notes = common + (f"C1-C6 IV day-1 dates {iso(cycles[0])}..{iso(cycles[-1])}; iPET3 CMR; EOT PET {iso(ep)} (35 d after "
                      "the last rituximab) CMR -> 6 cycles before, end_of_treatment, NA3. Drugs as text only.")
    finish(c, trace="§6 cycle / n_1L_cycles; NA3", notes=notes, expect=exp,
           line="prephase + day-8 rituximab + oral prednisone day -1, full course: EOT PET after exactly 6 cycles")


def isrt_chart(cid, n, *, full: bool):
    c = Chart(cid, rest=full)
    info = course(c, n, birth="1975-02-14" if full else "1976-12-03", gender="male" if full else "female",
                  dx=D("2024-09-02") if full else D("2025-01-06"), stage="II", stage_text="Lugano stage II bulky",
                  bulky=True, size=(8.2, 6.0, "anterior mediastinal mass"), en=0, mesenteric=False, style="us",
                  ipet_after=3, eot_pet=False, coded=not full, baseline_sites=(
                      "Bulky FDG-avid anterior mediastinal mass 8.2 x 6.0 cm, SUVmax 24.0, with right lower cervical "
                      "nodes. No disease below the diaphragm. No extranodal disease. No mesenteric disease."))
    eot = info["eot"]
    pre = eot + days(28)
    c.pet(pre, cmr_text("us", info["bpet"], label="post-chemotherapy (pre-radiotherapy)", ds=3,
                        history="Bulky mediastinal DLBCL after 6 cycles R-CHOP; planning consolidative ISRT."),
          coded={"ds": 3, "new": False, "marrow": "none"} if not full else None,
          title="FDG PET-CT (post-chemotherapy, pre-RT)")
    rt0 = eot + days(42)
    rt1 = rt0 + days(18)
    c.isrt(rt0, rt1, "mediastinum (initial bulky site)")
    age = info["age_dx"]
    exp = {"pathway": "NCCN_LIMITED", **scores(age, "II", False, 0, 0)}
    common = (f"{age} y, stage II bulky 8.2 cm mediastinal (mesenteric coded false) -> NCCN limited (not BSH: age "
              f"<= 60). R-CHOP x6 {iso(info['c1'])}..{iso(eot)}; iPET3 CMR; PET {iso(pre)} between the last chemotherapy "
              f"dose and ISRT (30 Gy/15 fx, {iso(rt0)}..{iso(rt1)}). ")
    if not full:
        exp.update({"latest_response.timepoint": "pre_radiotherapy", "latest_response.category": "CMR"})
        notes = common + ("Snapshot after the last fraction, before any post-RT PET: second clarification set -> the "
                          "PET between the last chemotherapy dose and RT has timepoint pre_radiotherapy (the EOT PET is "
                          "the first PET after the last fraction).")
        return finish(c, trace="§6 EOT PET with ISRT; second clarification set (pre_radiotherapy)", notes=notes,
                      expect=exp, line="ISRT after R-CHOP, snapshot after RT: PET between chemo and RT = pre_radiotherapy")
    ep = rt1 + days(40)
    c.pet(ep, cmr_text("us", info["bpet"], ds=2, history="Bulky mediastinal DLBCL after R-CHOP x6 and ISRT 30 Gy."),
          title="FDG PET-CT (end of treatment)")
    exp.update({"latest_response.timepoint": "end_of_treatment", "latest_response.category": "CMR",
                "labels.eot_response_1l": "CR", "labels.bock_group": "NOT_APPLICABLE",
                "labels.early_treatment_failure": False, "flags_present": ["EOT_PET_POST_RT_EARLY"],
                "rules_present": ["NL4"], "current_rules_present": ["NL4"], "rules_absent": ["NL5"]})
    notes = common + (f"EOT PET {iso(ep)} = first PET after the last fraction, 40 d after RT (< 56 d) -> timepoint "
                      "end_of_treatment + EOT_PET_POST_RT_EARLY (§6). DS 2 -> CMR, NL4 (covers an EOT DS 1-3 after "
                      "either limited branch). EOT_PET_LATE vs the last anti-CD20 dose not asserted (RT in between).")
    finish(c, trace="§6 EOT PET (after RT); EOT_PET_POST_RT_EARLY; NL4", notes=notes, expect=exp,
           line="ISRT after R-CHOP, EOT PET 40 d after the last fraction -> end_of_treatment + EOT_PET_POST_RT_EARLY")


def score_chart(cid, n, *, kind: str):
    """kind: 'stage2_noen' | 'stage4_noen' | 'text_ecog_ldh'"""
    c = Chart(cid, rest=(kind == "stage4_noen"), med_text=(kind == "text_ecog_ldh"))
    if kind == "stage2_noen":
        info = course(c, n, birth="1957-05-05", gender="male", dx=D("2024-07-08"), stage="II", en=None, ldh=320,
                      ecog=1, mesenteric=False, style="uk", presented=True, ipet_after=3, baseline_sites=(
                          "FDG-avid right cervical and mediastinal nodes, largest 4.6 x 3.1 cm, SUVmax 19.5. No disease "
                          "below the diaphragm. No mesenteric disease."))
        age = info["age_dx"]
        exp = {"pathway": "NCCN_LIMITED", **scores(age, "II", True, 1, 0), "latest_response.category": "CMR",
               "latest_response.timepoint": "end_of_treatment", "labels.eot_response_1l": "CR",
               "labels.bock_group": "NOT_APPLICABLE", "rules_present": ["NL4"]}
        notes = (f"{age} y male, Lugano stage II, LDH 320/250, ECOG 1, mesenteric coded false, extranodal count NOT "
                 "coded and not stated. Second clarification set: stage I-II means at most one extranodal site, so the "
                 f"IPI factor '> 1 extranodal' is 0 -> IPI {exp['scores.ipi']} is a number (age>60 + LDH), aaIPI "
                 f"{exp['scores.aaipi']}, smIPI {exp['scores.smipi']}. aaIPI 1 -> not BSH -> NCCN limited. iPET3 CMR, "
                 "EOT CMR -> NL4.")
        line = "stage II, no extranodal count coded -> scores.ipi still a number (extranodal factor 0)"
    elif kind == "stage4_noen":
        info = course(c, n, birth="1969-08-19", gender="female", dx=D("2024-02-19"), stage="IV", en=None, ldh=400,
                      ecog=1, style="us", baseline_sites=(
                          "Widespread FDG-avid lymphoma above and below the diaphragm, with additional non-contiguous "
                          "involvement beyond the lymph nodes."))
        age = info["age_dx"]
        assert age <= 60
        exp = {"pathway": "NCCN_ADVANCED", "scores.ipi": None, "scores.ipi_range": [2, 3], "scores.aaipi": 2,
               "missing_present": ["extranodal_sites"], "latest_response.category": "CMR",
               "labels.eot_response_1l": "CR", "labels.bock_group": "NOT_APPLICABLE", "rules_present": ["NA3"]}
        notes = (f"{age} y female, Lugano stage IV, LDH 400/250, ECOG 1; no extranodal count coded, no organ named, no "
                 "marrow status. IPI = 0 (age) + 1 (stage) + 1 (LDH) + 0 (ECOG) + unknown (> 1 extranodal) -> 2 or 3, "
                 "which spans low-intermediate / high-intermediate: second clarification set -> scores.ipi null, "
                 "scores.ipi_range [2, 3] (no ipi_group); missing extranodal_sites. aaIPI 2 is fully known. fullUrl "
                 "http://example.org/fhir/Type/id.")
        line = "stage IV, no extranodal information -> scores.ipi null, ipi_range [2, 3], missing extranodal_sites"
    else:
        info = course(c, n, birth="1979-01-30", gender="male", dx=D("2024-05-13"), stage="III", en=1, ldh=None,
                      ldh_interp="H", ecog=2, ecog_text="ECOG 2", style="us", coded=True, baseline_sites=(
                          "FDG-avid nodes above and below the diaphragm, largest 5.1 x 3.6 cm, SUVmax 20.4, with "
                          "contiguous infiltration of the left psoas muscle (one extranodal site)."))
        age = info["age_dx"]
        exp = {"pathway": "NCCN_ADVANCED", **scores(age, "III", True, 2, 1), "latest_response.category": "CMR",
               "labels.eot_response_1l": "CR", "labels.bock_group": "NOT_APPLICABLE", "rules_present": ["NA3"]}
        notes = (f"{age} y male, stage III, 1 extranodal site coded. ECOG only as valueString 'ECOG 2'; LDH only as "
                 "interpretation H (no value, no reference range). Second clarification set: both are read -> IPI "
                 f"{exp['scores.ipi']} (stage + LDH + ECOG), aaIPI {exp['scores.aaipi']}. Drugs as text only.")
        line = "ECOG as text 'ECOG 2' and LDH with interpretation H only -> both counted in IPI/aaIPI"
    finish(c, trace="§6 IPI; second clarification set (derived facts)", notes=notes, expect=exp, line=line)


def bsh_age_chart(cid, n):
    c = Chart(cid)
    birth, dx = D("1944-03-20"), D("2025-03-03")
    c.patient(iso(birth), "female", n)
    c.condition(dx, icd="C83.31")
    bpet = dx + days(3)
    c.pet(bpet, baseline_text("us", "Lugano stage I", BASELINE_SITES["I"]), coded={}, timepoint="baseline",
          title="FDG PET-CT (baseline)")
    c.stage(dx + days(6), "Stage IA", bulky=False)
    c.tumor_size(bpet, 3.0, 2.2, "right upper cervical nodal mass")
    c.t2("extranodal-sites", "Number of extranodal sites", dx + days(6), valueInteger=0)
    c.ldh(dx + days(6), 205)
    c.ecog(dx + days(6), 1)
    c1 = dx + days(14)
    c.rchop_cycle(c1, 1)
    c.rchop_cycle(c1 + days(21), 2)
    ip = c1 + days(36)
    c.pet(ip, cmr_text("us", bpet, label="interim (after 2 cycles)", ds=3), coded={"ds": 3, "new": False,
                                                                              "marrow": "none"},
          timepoint="interim", title="FDG PET-CT (interim)")
    c.rchop_cycle(c1 + days(42), 3)
    as_of = c.last_event + days(1)
    assert age_on(birth, dx) == 80 and age_on(birth, as_of) == 81
    exp = {"pathway": "BSH_PET_ADAPTED", "latest_response.category": "CMR", "latest_response.timepoint": "interim",
           "latest_response.cycles_before": 2, "scores.ipi": 1, "scores.aaipi": 0, "scores.smipi": 1,
           "rules_present": ["B1"], "rules_absent": ["B2", "B3", "B9"], "flags_present": ["SEED_IPI_VS_AAIPI"]}
    finish(c, as_of=as_of, trace="§3.1 BSH eligibility (age at diagnosis); B1; second clarification set (ages)",
           expect=exp,
           notes=(f"Female born {iso(birth)}: 80 y at diagnosis {iso(dx)}, 81 y on as_of {iso(as_of)}. Stage IA, 3.0 cm "
                  "(non-bulky), LDH 205/250, ECOG 1 -> aaIPI 0, IPI 1 (age). BSH eligibility uses the age at diagnosis "
                  "(61-80 inclusive) -> eligible (+ SEED_IPI_VS_AAIPI). C1 "
                  f"{iso(c1)}, C2 {iso(c1 + days(21))}, iPET2 {iso(ip)} DS 3 -> CMR -> B1 (2 more R-CHOP); C3 "
                  f"{iso(c1 + days(42))} follows so the scan is interim. No planned-cycle count coded."),
           line="80 y at diagnosis, 81 y at evaluation: BSH eligible by age at diagnosis; iPET2 CMR -> B1")


def unclear_path_chart(cid, n):
    c = Chart(cid)
    info = course(c, n, birth="1966-10-21", gender="male", dx=D("2024-10-14"), stage="III", en=0, style="us",
                  eot_pet=False)
    eot = info["eot"]
    ep = eot + days(38)
    txt = rpt("us", history="DLBCL stage III, end-of-treatment restaging.",
              comparison=f"Baseline PET/CT {info['bpet'].isoformat()}.",
              findings=("Residual right iliac nodal mass 2.5 x 1.8 cm with uptake moderately above liver, SUVmax 5.4 "
                        "(baseline 20.3), Deauville 4, uptake reduced compared with baseline. Remaining sites "
                        "Deauville 2. No new lesions. No focal marrow uptake."),
              impression="Residual Deauville 4 right iliac mass with reduced uptake compared with baseline.")
    c.pet(ep, txt, title="FDG PET-CT (end of treatment)")
    bx = ep + days(10)
    c.biopsy(bx, "right iliac residual mass",
             text=("Atypical lymphoid infiltrate; lymphoma cannot be excluded; insufficient material for a definitive "
                   "diagnosis. Further work-up recommended."), kind="CT-guided core biopsy")
    age = info["age_dx"]
    exp = {"latest_response.category": "PMR", "latest_response.rule": "P7",
           "latest_response.timepoint": "end_of_treatment", "pathway": "NCCN_ADVANCED",
           "labels.eot_response_1l": "PENDING", "flags_present": ["BIOPSY_RESULT_UNCLEAR"],
           "rules_present": ["NA4", "NA4a"], "rules_absent": ["NA3", "NA4b", "NA4c", "T1"],
           **scores(age, "III", False, 0, 0)}
    finish(c, trace="NA4, NA4a; second clarification set (hedged pathology -> unknown + BIOPSY_RESULT_UNCLEAR)",
           expect=exp, expect_not={"labels.nccn_refractory": True},
           notes=(f"{age} y male, stage III. EOT {iso(eot)}; EOT PET {iso(ep)} (text only) DS 4 reduced -> PMR at EOT -> "
                  f"NA4 + NA4a (DS 4). Biopsy {iso(bx)}: pathology text only 'Atypical lymphoid infiltrate; lymphoma "
                  "cannot be excluded; insufficient material' -> result unknown (never positive) + "
                  "BIOPSY_RESULT_UNCLEAR. So no NA4b/NA4c, EOT response still PENDING, not NCCN refractory, no T1. "
                  "bock_group not asserted (K2 with an inconclusive biopsy is not settled by the spec)."),
           line="EOT DS 4 reduced + non-diagnostic pathology text -> BIOPSY_RESULT_UNCLEAR, not refractory, no T1")


def build_31_40():
    prephase_chart("E31", 31, full=False)
    prephase_chart("E32", 32, full=True)
    cart_chart("E33", 33, variant="ld_noaph")
    isrt_chart("E34", 34, full=False)
    isrt_chart("E35", 35, full=True)
    score_chart("E36", 36, kind="stage2_noen")
    score_chart("E37", 37, kind="stage4_noen")
    score_chart("E38", 38, kind="text_ecog_ldh")
    bsh_age_chart("E39", 39)
    unclear_path_chart("E40", 40)


# ======================================================================================================
# Charts 41-43 (extra): interval PET resolves an EOT DS 4; addendum revises the score; CLINICAL HISTORY is not findings
# ======================================================================================================
def interval_cmr_chart(cid, n):
    c = Chart(cid, rest=True)
    info = course(c, n, birth="1964-09-09", gender="female", dx=D("2024-06-17"), stage="III", en=0, style="uk",
                  eot_pet=False, coded=True)
    eot = info["eot"]
    ep = eot + days(40)
    txt = ("FDG PET-CT, skull base to proximal thighs, end of first-line treatment. Compared with the baseline study of "
           f"{fmt(info['bpet'])}. A small residual left external iliac node shows uptake moderately above liver, "
           "Deauville 4, substantially reduced compared with baseline (SUVmax 4.9 versus 18.6). All other sites are "
           "Deauville 2. No new lesions; marrow physiological. Conclusion: partial metabolic response with a "
           "Deauville 4 residual; post-treatment inflammation is possible and a short-interval scan may clarify.")
    c.pet(ep, txt, coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none"}, timepoint="end-of-treatment",
          title="FDG PET-CT (end of treatment)")
    ip = ep + days(70)
    c.pet(ip, cmr_text("uk", ep, label="interval restaging", cmp_name="end-of-treatment", ds=2),
          coded={"ds": 2, "new": False, "marrow": "none"}, title="FDG PET-CT (interval restaging)")
    age = info["age_dx"]
    exp = {"latest_response.category": "CMR", "latest_response.modality": "PET", "pathway": "NCCN_ADVANCED",
           "labels.eot_response_1l": "CR", "labels.bock_group": "NOT_APPLICABLE", "labels.nccn_refractory": False,
           "labels.early_treatment_failure": False, "rules_present": ["NA4", "NA4a"],
           "current_rules_absent": ["NA4", "NA4a"], "rules_absent": ["NA4b", "T0", "T1"],
           **scores(age, "III", False, 0, 0)}
    finish(c, trace="NA4, NA4a; §6 EOT_response_1L (interval restaging replaces the EOT result); second set (current)",
           expect=exp,
           notes=(f"{age} y female, stage III. EOT {iso(eot)}; EOT PET {iso(ep)} DS 4 reduced -> PMR at EOT -> NA4 + NA4a "
                  f"(repeat biopsy; consider brief interval restaging). No biopsy; interval PET {iso(ip)} (10 weeks "
                  "later, before any 2L therapy) DS 2 -> §6: interval restaging replaces the EOT result -> EOT "
                  "response CR, Bock NOT_APPLICABLE; second clarification set: after an interval CMR the EOT "
                  "biopsy/interval rows are no longer current (still listed)."),
           line="EOT DS 4 reduced, no biopsy, interval PET 10 weeks later CMR -> EOT CR; NA4/NA4a listed, not current")


def addendum_chart(cid, n):
    c = Chart(cid)
    info = course(c, n, birth="1978-03-03", gender="male", dx=D("2025-01-20"), stage="III", en=0, style="us",
                  eot_pet=False)
    eot = info["eot"]
    ep = eot + days(36)
    txt = rpt("us", history="DLBCL stage III, end of treatment after 6 cycles R-CHOP.",
              comparison=f"Baseline PET/CT {info['bpet'].isoformat()}.",
              findings=("Residual anterior mediastinal soft tissue 2.1 x 1.4 cm with uptake slightly above liver, "
                        "Deauville 4, reduced compared with baseline. Other previously involved sites Deauville 2. "
                        "No new lesions. Physiologic marrow."),
              impression="Residual Deauville 4 mediastinal uptake, reduced from baseline: partial metabolic response.")
    txt += ("\n\nADDENDUM (issued the following day): On review with the reference liver region of interest "
            "re-placed away from the gallbladder, the residual mediastinal uptake is equal to liver (SUVmax 2.6 versus "
            "liver 2.6): Deauville 3, not 4. REVISED IMPRESSION: Complete metabolic response (Deauville 3).")
    c.pet(ep, txt, title="FDG PET-CT (end of treatment)")
    age = info["age_dx"]
    exp = {"latest_response.category": "CMR", "latest_response.timepoint": "end_of_treatment",
           "latest_response.cycles_before": 6, "pathway": "NCCN_ADVANCED", "labels.eot_response_1l": "CR",
           "labels.bock_group": "NOT_APPLICABLE", "flags_present": ["REPORT_ADDENDUM_REVISED"],
           "rules_present": ["NA3"], "rules_absent": ["NA4", "NA4a"], **scores(age, "III", False, 0, 0)}
    finish(c, trace="second clarification set (ADDENDUM supersedes); P5; NA3", expect=exp,
           notes=(f"{age} y male, stage III; EOT {iso(eot)}; EOT PET {iso(ep)} text only: original DS 4 reduced (PMR) "
                  "revised by an ADDENDUM to DS 3 / complete metabolic response -> the addendum supersedes: CMR, NA3, "
                  "no NA4; flag REPORT_ADDENDUM_REVISED."),
           line="EOT PET text whose ADDENDUM revises DS 4 -> DS 3 (CMR) -> NA3, REPORT_ADDENDUM_REVISED")


def history_words_chart(cid, n):
    c = Chart(cid, med_text=True)
    info = course(c, n, birth="1971-12-24", gender="female", dx=D("2024-03-11"), stage="III", en=0, style="us")
    eot = info["eot"]
    fu = add_months(eot, 5) + days(6)
    txt = ("EXAM: FDG PET/CT skull base to mid-thigh\n"
           "CLINICAL HISTORY: DLBCL treated with R-CHOP. Night sweats; suspected relapse. Prior PET showed Deauville 5 "
           "disease with new lesions at staging.\n"
           "TECHNIQUE: 340 MBq F-18 FDG IV; uptake time 60 minutes.\n"
           f"COMPARISON: PET/CT {info['eot_pet'].isoformat()}.\n\n"
           "FINDINGS:\nPreviously involved nodal sites show Deauville 1-2 uptake. No new FDG-avid lesions. No focal "
           "marrow uptake. Physiologic activity elsewhere.\n\n"
           "IMPRESSION:\nContinued complete metabolic response. No evidence of relapse.")
    c.pet(fu, txt, title="FDG PET-CT (follow-up)")
    age = info["age_dx"]
    exp = {"latest_response.category": "CMR", "latest_response.rule": "P5", "latest_response.modality": "PET",
           "latest_response.timepoint": "relapse_or_follow_up", "pathway": "NCCN_ADVANCED",
           "labels.eot_response_1l": "CR", "labels.bock_group": "NOT_APPLICABLE",
           "labels.early_treatment_failure": False, "flags_absent": ["NEW_LESION", "RELAPSE_NOT_BIOPSY_PROVEN",
                                                                      "IND_NEW_LESION"],
           "rules_absent": ["T0", "T1", "T3"], **scores(age, "III", False, 0, 0)}
    finish(c, trace="second clarification set (report sections; Deauville range); P5", expect=exp,
           notes=(f"{age} y female, stage III; EOT {iso(eot)}, EOT PET CMR; follow-up PET {iso(fu)}: CLINICAL HISTORY says "
                  "'suspected relapse', 'Deauville 5', 'new lesions' (never current findings); FINDINGS 'Deauville 1-2' "
                  "(range -> 2), 'No new FDG-avid lesions' -> CMR, no relapse. Drugs as text only."),
           line="follow-up PET whose CLINICAL HISTORY mentions relapse/DS 5/new lesions but findings are DS 1-2 -> CMR")


def build_41_43():
    interval_cmr_chart("E41", 41)
    addendum_chart("E42", 42)
    history_words_chart("E43", 43)


# ======================================================================================================
# --check
# ======================================================================================================
DATE_KEYS = ("effectiveDateTime", "performedDateTime", "onsetDateTime", "recordedDate", "issued", "authoredOn",
             "occurrenceDateTime")


def _event_dates(res: dict):
    for k in DATE_KEYS:
        if k in res:
            yield k, D(res[k][:10])
    for k in ("performedPeriod", "effectivePeriod"):
        if k in res:
            for kk in ("start", "end"):
                if kk in res[k]:
                    yield f"{k}.{kk}", D(res[k][kk][:10])


def _refs(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "reference" and isinstance(v, str):
                yield v
            else:
                yield from _refs(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _refs(v)


EXPECT_KEYS = {"rules_present", "rules_absent", "current_rules_present", "current_rules_absent", "flags_present",
               "flags_absent", "missing_present"}


def check() -> int:
    from fhir.resources.R4B import get_fhir_model_class

    errors = []
    for cid, entry in EXPECTED.items():
        path = HERE / entry["bundle"]
        bundle = json.loads(path.read_text())
        as_of = D(entry["as_of"])
        try:
            get_fhir_model_class("Bundle").model_validate(bundle)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{cid}: Bundle does not parse: {str(exc)[:300]}")
        if bundle.get("type") != "collection":
            errors.append(f"{cid}: not a collection Bundle")
        have, fulls = set(), set()
        patients = []
        for e in bundle["entry"]:
            r = e["resource"]
            ref = f"{r['resourceType']}/{r['id']}"
            if ref in have:
                errors.append(f"{cid}: duplicate {ref}")
            have.add(ref)
            if e["fullUrl"] in fulls:
                errors.append(f"{cid}: duplicate fullUrl {e['fullUrl']}")
            fulls.add(e["fullUrl"])
            if not (e["fullUrl"].startswith("urn:uuid:") or e["fullUrl"] == "http://example.org/fhir/" + ref):
                errors.append(f"{cid}: odd fullUrl {e['fullUrl']}")
            try:
                get_fhir_model_class(r["resourceType"]).model_validate(r)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"{cid}: {ref} does not parse: {str(exc)[:300]}")
            if r["resourceType"] == "Patient":
                patients.append(r)
            for k, d in _event_dates(r):
                if d > as_of or (d == as_of):
                    errors.append(f"{cid}: {ref}.{k} {d} is not before as_of {as_of}")
                if not (date(2023, 1, 1) <= d <= date(2026, 12, 31)) and r["resourceType"] != "Patient":
                    errors.append(f"{cid}: {ref}.{k} {d} outside 2023-2026")
        for e in bundle["entry"]:
            for rf in _refs(e["resource"]):
                if rf not in have:
                    errors.append(f"{cid}: unresolved reference {rf} in {e['resource']['id']}")
        if len(patients) != 1:
            errors.append(f"{cid}: {len(patients)} Patient resources")
        elif patients[0]["id"] != entry["patient_id"]:
            errors.append(f"{cid}: patient_id mismatch")
        for r in (e["resource"] for e in bundle["entry"]):
            subj = r.get("subject", {}).get("reference")
            if subj and subj != f"Patient/{entry['patient_id']}":
                errors.append(f"{cid}: {r['id']} subject {subj}")
        for k, v in entry["expect"].items():
            if k in EXPECT_KEYS:
                if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                    errors.append(f"{cid}: expect[{k}] must be a list of strings")
            elif "." not in k and k not in ("pathway",):
                errors.append(f"{cid}: odd expect key {k}")
        ex = entry["expect"]
        for a, b in (("rules_present", "rules_absent"), ("flags_present", "flags_absent"),
                     ("current_rules_present", "current_rules_absent"), ("current_rules_present", "rules_absent")):
            both = set(ex.get(a, [])) & set(ex.get(b, []))
            if both:
                errors.append(f"{cid}: {sorted(both)} in both {a} and {b}")
    for e in errors:
        print("ERROR", e)
    print(f"checked {len(EXPECTED)} charts: {'OK' if not errors else str(len(errors)) + ' error(s)'}")
    return 1 if errors else 0


# ------------------------------------------------------------------------------------------------------
def write_all():
    for old in HERE.glob("E*.json"):
        old.unlink()
    for cid, c in CHARTS.items():
        (HERE / f"{cid}.json").write_text(json.dumps(c.bundle(), indent=1, ensure_ascii=False) + "\n")
    (HERE / "expected.json").write_text(json.dumps(EXPECTED, indent=1, ensure_ascii=False, sort_keys=False) + "\n")
    (HERE / "README.md").write_text(readme())


README_HEAD = """# Event charts: a held-out corpus of whole LBCL courses

Each `Exx.json` is a FHIR R4 `collection` Bundle for one synthetic patient (invented names, dates 2023-2026): diagnosis,
staging, LDH, ECOG, R-CHOP-21 administrations, baseline / interim / end-of-treatment PET, and then the events that
matter after first line (relapse imaging, biopsies, salvage, CAR-T, radiotherapy). `expected.json` says what the
Assessment must contain when the chart is evaluated at `as_of`.

**The expectations were written from the specification only** (`shared/design/clinical-logic.md`, `architecture.md`
"Contract clarifications (binding)" and the second set of 2026-12-04, which wins), **before any engine run**. Nothing
here was derived from, or adjusted to, engine output; the engine source was not read. Where the specification does not
settle a value, it is left unasserted (see each entry's `notes`).

- Regenerate: `.venv/bin/python tests/event_charts/build_charts.py`
- Regenerate and validate: `.venv/bin/python tests/event_charts/build_charts.py --check` (every resource parses with
  `fhir.resources.R4B`, references resolve inside the Bundle, one Patient whose id is `patient_id`, no dated event on or
  after `as_of`, expected.json shapes).

## expected.json

Keyed by chart id; each entry has `bundle`, `patient_id` (= Patient.id), `as_of` (the day after the last event unless
the chart needs a later date), `trace` (rule ids), `notes` (the dates, the arithmetic and the spec sentence that
decides) and `expect`, sometimes `expect_not`. `expect` uses the vignettes' format:

- dotted Assessment paths with exact values (`null` = JSON null), e.g. `latest_response.category`,
  `latest_response.modality`, `latest_response.timepoint`, `labels.bock_group`, `labels.early_treatment_failure`,
  `labels.eot_response_1l`, `labels.nccn_refractory`, `labels.relapse_biopsy_proven`, `labels.trial_classes.<trial>`
  (`refractory | relapsed | undetermined`), `scores.ipi`, `scores.ipi_range`;
- `rules_present` / `rules_absent`: rule ids anywhere in `recommendations` (current or not);
- `current_rules_present` / `current_rules_absent`: rule ids of recommendations with `current: true` (second
  clarification set: every recommendation carries `current`; answered questions stay listed with `current: false`);
- `flags_present` / `flags_absent`, `missing_present`;
- `expect_not`: dotted path -> a value that must NOT be produced.

## Encodings used

- Patient with birthDate and gender; LBCL Condition as ICD-10-CM C83.3x or SNOMED 109969005.
- Stage: mCODE LymphomaStage Observation (SNOMED 385388004, text value "Lugano stage III", bulky component);
  mCODE TumorSize for bulky/size; tier-2 `extranodal-sites`, `extensive-mesenteric-disease`, `planned-1l-cycles`,
  `transplant-eligible`, `cart-eligible`, `cart-timely-access`, `cart-decision` (docs/fhir-profile.md) where stated.
- LDH LOINC 2532-0 with value + reference range (one chart: interpretation H only); ECOG LOINC 89247-1 valueInteger with
  LA answer code (one chart: valueString "ECOG 2").
- Drugs: MedicationAdministration per drug per day, RxNorm-coded (rituximab 121191, cyclophosphamide 3002,
  doxorubicin 3639, vincristine 11202, prednisone 8640, ifosfamide 5657, carboplatin 40048, etoposide 4179,
  fludarabine 24698) or text only (`medicationCodeableConcept.text`, e.g. "Rituximab-abbs (Truxima) ...") in the
  charts marked med_text in build_charts.py; CAR-T as Procedure CPT 38228 or a MedicationAdministration with text
  "Yescarta (axicabtagene ciloleucel)"; apheresis Procedure CPT 38225; ISRT Procedure SNOMED 1217123003 with
  performedPeriod.
- PET: DiagnosticReport LOINC 44139-4, report text in `conclusion` or only in base64 `presentedForm` (text/plain);
  US template (CLINICAL HISTORY / TECHNIQUE / COMPARISON / FINDINGS / IMPRESSION) or UK prose without headers; in some
  charts also the tier-2 `pet-response-assessment` Observation (Deauville, uptake vs baseline, new lesion + etiology,
  marrow pattern).
- CT: DiagnosticReport LOINC 24628-0 (CT abdomen W contrast IV), text only (conclusion or base64).
- Biopsy: Procedure SNOMED 86273004 + pathology DiagnosticReport LOINC 22637-3 with conclusion text, base64 text,
  `conclusionCode` lbcl-cds#biopsy-positive|negative or SNOMED 109969005; one chart text only and non-diagnostic.
- fullUrl `urn:uuid:` (uuid5, deterministic) in most Bundles, `http://example.org/fhir/Type/id` in others; references
  are always `Type/id`.

## Readings chosen where the specification leaves room (not asserted, or asserted as stated)

- ZUMA-7 class of a biopsy-proven relapse within 12 months of EOT is not asserted: the trial table lists both
  "CR, then positive biopsy < 12 months from end of 1L" (relapsed) and "PD < 12 months from 1L start" (refractory), and
  every early relapse here is < 12 months from the 1L start. TRANSFORM / BELINDA classes are asserted (§5.1).
  Imaging-only relapses within 12 months assert `undetermined` for all three (second clarification set).
- T1 is not asserted for an imaging-only early relapse (early failure is pending); T3 is not asserted for an
  imaging-only late relapse; T9 is asserted only where transplant eligibility is coded false.
- P4's own recommendation row id is not asserted; for an uncertain lesion at EOT only "NA3 not current",
  `eot_response_1l` PENDING and the flag are asserted. The provisional category of a P4 scan is asserted only as
  "not PMD".
- `labels.relapse_biopsy_proven` follows §6 (`relapse_biopsy_proven`); it is not asserted when there is no relapse.
- Eligibility not coded -> advice given "if eligible" and the input in `missing` (first clarification set).
- `current`: rows whose question was answered (NA4 after a biopsy result or an interval CMR; T1/T10 after CAR-T
  infusion; T3 after salvage PD) are asserted not current; open next steps (T0 before a biopsy, T1 before CAR-T, T3
  after a salvage CR/PR, T4 after salvage PD, T9, NA3/NL4 surveillance) are asserted current.
- The text of T9 (no CAR-T when CAR-T eligibility is coded no) is not machine-asserted.

## Charts
"""


def readme() -> str:
    lines = [README_HEAD]
    for cid in EXPECTED:
        lines.append(f"- **{cid}**: {LINES[cid]} — {EXPECTED[cid]['trace']}")
    return "\n".join(lines) + "\n"


BUILDERS = [build_01_08, build_09_13, build_14_19, build_20_22, build_23_24, build_25_30, build_31_40, build_41_43]


def main(argv):
    for b in BUILDERS:
        b()
    write_all()
    print(f"wrote {len(CHARTS)} charts + expected.json")
    if "--check" in argv:
        sys.exit(check())


if __name__ == "__main__":
    main(sys.argv[1:])
