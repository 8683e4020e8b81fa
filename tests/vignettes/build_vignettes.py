"""Generate the clinical-logic.md section 7 vignettes as FHIR R4 collection Bundles + expected.json.

Run:  .venv/bin/python tests/vignettes/build_vignettes.py
The JSON files next to this script are its output (checked in, so tests never need to regenerate them).
Then: .venv/bin/python tests/vignettes/validate_bundles.py

Conventions (see README.md in this folder):
- one `collection` Bundle per vignette patient, Patient.id = vignette id in lower case;
- resources written as an EHR would send them: mCODE where it exists, the project's tier-2 profile
  (docs/fhir-profile.md) for PET response findings and clinician-coded inputs, and, for five vignettes
  (V01, V09, V12, V17, V21), the PET findings only as report text (tier 3);
- every date is invented to fit the vignette and the section 7 defaults (R-CHOP-21, ECOG 0-1,
  LDH <= ULN, no marrow involvement, baseline PET, no new lesions); expected.json "notes" says which.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

CS = "http://lbcl-cds.org/fhir/CodeSystem/lbcl-cds"
SCT = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXN = "http://www.nlm.nih.gov/research/umls/rxnorm"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl"
DCM = "http://dicom.nema.org/resources/ontology/DCM"
UCUM = "http://unitsofmeasure.org"
OBSCAT = "http://terminology.hl7.org/CodeSystem/observation-category"
MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"

D = date.fromisoformat


def iso(d: date) -> str:
    return d.isoformat()


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


# RxNorm ingredients (fhir-input.md tier 1; pegfilgrastim is an extra, code not verified here)
DRUGS = {
    "rituximab": ("121191", "rituximab", qty(700, "mg"), "IV"),
    "cyclophosphamide": ("3002", "cyclophosphamide", qty(1400, "mg"), "IV"),
    "doxorubicin": ("3639", "doxorubicin", qty(95, "mg"), "IV"),
    "vincristine": ("11202", "vincristine", qty(2, "mg"), "IV"),
    "prednisone": ("8640", "prednisone", qty(100, "mg"), "PO"),
    "etoposide": ("4179", "etoposide", qty(95, "mg"), "IV"),
    "ifosfamide": ("5657", "ifosfamide", qty(9500, "mg"), "IV"),
    "carboplatin": ("40048", "carboplatin", qty(800, "mg"), "IV"),
    "gemcitabine": ("12574", "gemcitabine", qty(1900, "mg"), "IV"),
    "dexamethasone": ("3264", "dexamethasone", qty(40, "mg"), "PO"),
    "cisplatin": ("2555", "cisplatin", qty(140, "mg"), "IV"),
    "pegfilgrastim": ("338036", "pegfilgrastim", qty(6, "mg"), "SC"),
}
REGIMENS = {
    "R-CHOP": ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"],
    "R-CEOP": ["rituximab", "cyclophosphamide", "etoposide", "vincristine", "prednisone"],
    "R-ICE": ["rituximab", "ifosfamide", "carboplatin", "etoposide"],
    "R-GDP": ["rituximab", "gemcitabine", "dexamethasone", "cisplatin"],
}
ROUTES = {"IV": ("47625008", "Intravenous route"), "PO": ("26643006", "Oral route"),
          "SC": ("34206005", "Subcutaneous route")}


class Case:
    """Builds one Bundle. `rest=True` writes fullUrl as `Type/id`, otherwise as urn:uuid."""

    def __init__(self, vid: str, rest: bool = False):
        self.vid = vid
        self.pid = vid.lower()
        self.rest = rest
        self.entries: list[dict] = []
        self.ids: set[str] = set()
        self.cond_ref = None

    # -- plumbing ---------------------------------------------------------------------------
    def rid(self, stem: str) -> str:
        rid = f"{self.pid}-{stem}"
        n = 2
        base = rid
        while rid in self.ids:
            rid = f"{base}-{n}"
            n += 1
        self.ids.add(rid)
        return rid

    def add(self, res: dict) -> str:
        ref = f"{res['resourceType']}/{res['id']}"
        if self.rest:
            full = ref
        else:
            full = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://lbcl-cds.test/{ref}"))
        self.entries.append({"fullUrl": full, "resource": res})
        return ref

    @property
    def subj(self):
        return {"reference": f"Patient/{self.pid}"}

    def bundle(self) -> dict:
        return {
            "resourceType": "Bundle",
            "id": f"vignette-{self.pid}",
            "type": "collection",
            "timestamp": "2026-01-15T09:00:00+00:00",
            "entry": self.entries,
        }

    # -- demographics and diagnosis ------------------------------------------------------------
    def patient(self, birth: str, gender: str):
        self.ids.add(self.pid)
        return self.add({
            "resourceType": "Patient", "id": self.pid,
            "meta": {"profile": [MCODE + "mcode-cancer-patient"]},
            "identifier": [{"system": "urn:oid:2.16.840.1.113883.3.9999.1", "value": self.vid}],
            "name": [{"family": "Vignette", "given": [self.vid]}],
            "gender": gender, "birthDate": birth,
        })

    def diagnosis(self, onset: date, icd="C83.38",
                  display="Diffuse large B-cell lymphoma, lymph nodes of multiple sites"):
        rid = self.rid("dx")
        self.cond_ref = self.add({
            "resourceType": "Condition", "id": rid,
            "meta": {"profile": [MCODE + "mcode-primary-cancer-condition"]},
            "clinicalStatus": cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
            "verificationStatus": cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
            "category": [cc("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
            "code": cc(ICD10CM, icd, display, "Diffuse large B-cell lymphoma"),
            "subject": self.subj,
            "onsetDateTime": iso(onset),
            "recordedDate": iso(onset),
        })
        return self.cond_ref

    # -- staging --------------------------------------------------------------------------------
    def stage(self, when: date, text: str, bulky: bool | None, method="annarbor"):
        rid = self.rid("stage-" + iso(when))
        meth = (cc(SCT, "254374001", "Ann Arbor non-Hodgkin's lymphoma tumor staging system")
                if method == "annarbor" else
                cc(NCIT, "C141158", "Lugano Classification Adult Non-Hodgkin Lymphoma by AJCC v8 Stage"))
        res = {
            "resourceType": "Observation", "id": rid,
            "meta": {"profile": [MCODE + "mcode-lymphoma-stage"]},
            "status": "final",
            "category": cat("survey"),
            "code": cc(SCT, "385388004", "Lymphoma stage (observable entity)"),
            "subject": self.subj,
            "focus": [{"reference": self.cond_ref}],
            "effectiveDateTime": iso(when),
            "method": meth,
            "valueCodeableConcept": {"text": text},
        }
        if bulky is not None:
            res["component"] = [{
                "code": cc(SCT, "260873006", "Bulky disease status (attribute)"),
                "valueCodeableConcept": (cc(SCT, "52101004", "Present") if bulky else cc(SCT, "2667000", "Absent")),
            }]
        return self.add(res)

    def tumor_size(self, when: date, ldi: float, sdi: float | None, site: str, method="PET", derived=None):
        rid = self.rid("size-" + iso(when))
        meth = cc(SCT, "82918005", "Positron emission tomography") if method == "PET" else \
            cc(SCT, "77477000", "Computerized axial tomography")
        comps = [{"code": cc(LOINC, "33728-7", "Size.maximum dimension in Tumor"), "valueQuantity": qty(ldi, "cm")}]
        if sdi is not None:
            comps.append({"code": cc(LOINC, "33729-5", "Size additional dimension in Tumor"),
                          "valueQuantity": qty(sdi, "cm")})
        res = {
            "resourceType": "Observation", "id": rid,
            "meta": {"profile": [MCODE + "mcode-tumor-size"]},
            "status": "final", "category": cat("imaging"),
            "code": cc(LOINC, "21889-1", "Size Tumor"),
            "subject": self.subj, "effectiveDateTime": iso(when),
            "bodySite": {"text": site}, "method": meth, "component": comps,
        }
        if derived:
            res["derivedFrom"] = [{"reference": derived}]
        return self.add(res)

    def t2(self, code: str, display: str, when: date, **value):
        """Tier-2 clinician-coded Observation (docs/fhir-profile.md section 3)."""
        rid = self.rid(code + "-" + iso(when))
        res = {"resourceType": "Observation", "id": rid, "status": "final",
               "code": cc(CS, code, display), "subject": self.subj, "effectiveDateTime": iso(when)}
        res.update(value)
        return self.add(res)

    def ldh(self, when: date, value: float, uln: float = 250):
        rid = self.rid("ldh-" + iso(when))
        return self.add({
            "resourceType": "Observation", "id": rid, "status": "final", "category": cat("laboratory"),
            "code": cc(LOINC, "2532-0", "Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma", "LDH"),
            "subject": self.subj, "effectiveDateTime": iso(when),
            "valueQuantity": qty(value, "U/L"),
            "interpretation": [cc("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                                  "H" if value > uln else "N", "High" if value > uln else "Normal")],
            "referenceRange": [{"low": qty(120, "U/L"), "high": qty(uln, "U/L")}],
        })

    def ecog(self, when: date, value: int):
        rid = self.rid("ecog-" + iso(when))
        la = ["LA9622-7", "LA9623-5", "LA9624-3", "LA9625-0", "LA9626-8", "LA9627-6"][value]
        return self.add({
            "resourceType": "Observation", "id": rid,
            "meta": {"profile": [MCODE + "mcode-ecog-performance-status"]},
            "status": "final", "category": cat("survey"),
            "code": cc(LOINC, "89247-1", "ECOG Performance Status score"),
            "subject": self.subj, "effectiveDateTime": iso(when),
            "valueInteger": value, "interpretation": [cc(LOINC, la)],
        })

    # -- therapy --------------------------------------------------------------------------------
    def admin(self, when: date, drug: str, stem: str):
        code, name, dose, route = DRUGS[drug]
        rid = self.rid(f"{stem}-{drug}")
        res = {
            "resourceType": "MedicationAdministration", "id": rid,
            "meta": {"profile": [MCODE + "mcode-cancer-related-medication-administration"]},
            "status": "completed",
            "medicationCodeableConcept": cc(RXN, code, name, name),
            "subject": self.subj,
            "effectiveDateTime": iso(when),
            "dosage": {"route": cc(SCT, *ROUTES[route]), "dose": dose},
        }
        if self.cond_ref and drug != "pegfilgrastim":
            res["reasonReference"] = [{"reference": self.cond_ref}]
        return self.add(res)

    def cycle(self, when: date, regimen: str, label: str):
        for drug in REGIMENS[regimen]:
            self.admin(when, drug, f"{label}-{iso(when)}")

    def cycles(self, first: date, n: int, regimen="R-CHOP", start_no=1, gap=21, label="c"):
        dates = [first + timedelta(days=gap * i) for i in range(n)]
        for i, d in enumerate(dates):
            self.cycle(d, regimen, f"{label}{start_no + i}")
        return dates

    def isrt(self, start: date, end: date, site: str):
        rid = self.rid("isrt")
        return self.add({
            "resourceType": "Procedure", "id": rid,
            "meta": {"profile": [MCODE + "mcode-radiotherapy-course-summary"]},
            "status": "completed",
            "category": cc(SCT, "108290001", "Radiation oncology AND/OR radiotherapy (procedure)"),
            "code": cc(SCT, "1217123003", "Radiotherapy course of treatment (regime/therapy)",
                       "ISRT 30 Gy in 15 fractions"),
            "subject": self.subj,
            "performedPeriod": {"start": iso(start), "end": iso(end)},
            "bodySite": [{"text": site}],
            "reasonReference": [{"reference": self.cond_ref}],
            "note": [{"text": "Involved-site radiotherapy (ISRT), 30 Gy in 15 fractions of 2 Gy, photons."}],
        })

    # -- imaging --------------------------------------------------------------------------------
    def pet(self, when: date, text: str, timepoint: str, coded: dict | None = None,
            presented: bool = False, title="FDG PET-CT skull base to mid-thigh"):
        """PET-CT DiagnosticReport and, when `coded` is given, the tier-2 pet-response-assessment."""
        rid = self.rid("pet-" + iso(when))
        dr = {
            "resourceType": "DiagnosticReport", "id": rid, "status": "final",
            "category": [cc(LOINC, "LP29684-5", "Radiology")],
            "code": {"coding": [
                {"system": LOINC, "code": "44139-4", "display": "PET whole body"},
                {"system": SCT, "code": "443271005",
                 "display": "Positron emission tomography with computed tomography fluorodeoxyglucose imaging of whole body"},
            ], "text": title},
            "subject": self.subj,
            "effectiveDateTime": iso(when),
            "issued": iso(when) + "T16:30:00+00:00",
        }
        if presented:
            dr["presentedForm"] = [{"contentType": "text/plain", "language": "en",
                                    "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
                                    "title": title}]
        else:
            dr["conclusion"] = text
        dr_ref = self.add(dr)
        if coded is None:
            return dr_ref
        comps = []
        if "ds" in coded:
            comps.append({"code": cc(SCT, "708895006", "Deauville five point scale"), "valueInteger": coded["ds"]})
        if coded.get("x"):
            comps.append({"code": cc(CS, "deauville-x", "Deauville score X finding"), "valueBoolean": True})
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
        comps.append({"code": cc(CS, "timepoint", "Reader timepoint"), "valueCodeableConcept": cc(CS, timepoint)})
        if "suv" in coded:
            comps.append({"code": cc(DCM, "126401", "SUVbw"), "valueQuantity": qty(coded["suv"], "g/ml", "g/mL")})
        if "tmtv" in coded:
            comps.append({"code": cc(DCM, "126032", "Metabolic Volume"), "valueQuantity": qty(coded["tmtv"], "mL")})
        obs = {
            "resourceType": "Observation", "id": self.rid("petra-" + iso(when)), "status": "final",
            "category": cat("imaging"),
            "code": cc(CS, "pet-response-assessment", "PET response assessment"),
            "subject": self.subj, "effectiveDateTime": iso(when),
            "derivedFrom": [{"reference": dr_ref}],
            "component": comps,
        }
        self.add(obs)
        return dr_ref

    def ct_report(self, when: date, text: str):
        rid = self.rid("ct-" + iso(when))
        return self.add({
            "resourceType": "DiagnosticReport", "id": rid, "status": "final",
            "category": [cc(LOINC, "LP29684-5", "Radiology")],
            "code": cc(SCT, "77477000", "Computerized axial tomography",
                       "CT neck, chest, abdomen and pelvis with IV contrast"),
            "subject": self.subj, "effectiveDateTime": iso(when),
            "issued": iso(when) + "T15:00:00+00:00",
            "conclusion": text,
        })

    # -- biopsy ---------------------------------------------------------------------------------
    def biopsy(self, when: date, positive: bool, site: str, kind="Core needle biopsy"):
        self.add({
            "resourceType": "Procedure", "id": self.rid("bx-" + iso(when)), "status": "completed",
            "code": cc(SCT, "86273004", "Biopsy", f"{kind}, {site}"),
            "subject": self.subj, "performedDateTime": iso(when),
            "bodySite": [{"text": site}],
            "reasonReference": [{"reference": self.cond_ref}],
        })
        concl = "Diffuse large B-cell lymphoma" if positive else "Inflammatory changes; no evidence of lymphoma"
        code = "biopsy-positive" if positive else "biopsy-negative"
        return self.add({
            "resourceType": "DiagnosticReport", "id": self.rid("path-" + iso(when)), "status": "final",
            "category": [cc(LOINC, "LP7839-6", "Pathology")],
            "code": cc(LOINC, "22637-3", "Pathology report final diagnosis Narrative"),
            "subject": self.subj, "effectiveDateTime": iso(when),
            "issued": iso(when) + "T18:00:00+00:00",
            "conclusion": concl,
            "conclusionCode": [cc(CS, code, "Biopsy positive for lymphoma" if positive else "Biopsy negative for lymphoma")],
        })

    # -- the usual diagnosis-to-C1 package ------------------------------------------------------
    def baseline(self, c1: date, *, stage_text: str, bulky: bool | None = False, en_sites: int = 0,
                 mesenteric: bool | None = None, ldh: float = 190, ecog: int = 0, size=None,
                 pet_text: str | None = None, marrow_involved: bool | None = None, planned: int | None = 6,
                 icd=None, method="annarbor", pet=True):
        onset = c1 - timedelta(days=21)
        if icd:
            self.diagnosis(onset, *icd)
        else:
            self.diagnosis(onset)
        pet_day = c1 - timedelta(days=17)
        staging_day = c1 - timedelta(days=14)
        dr = None
        if pet:
            dr = self.pet(pet_day, pet_text or "Baseline staging PET-CT.", "baseline",
                          coded={}, title="FDG PET-CT skull base to mid-thigh (baseline staging)")
        self.stage(staging_day, stage_text, bulky, method)
        if size:
            self.tumor_size(pet_day, size[0], size[1], size[2], derived=dr)
        if mesenteric is not None:
            self.t2("extensive-mesenteric-disease", "Extensive mesenteric disease", staging_day,
                    valueBoolean=mesenteric)
        self.t2("extranodal-sites", "Number of extranodal sites", staging_day, valueInteger=en_sites)
        if marrow_involved is not None:
            self.t2("marrow-involvement", "Bone marrow involvement at diagnosis", staging_day,
                    valueBoolean=marrow_involved)
        self.ldh(staging_day, ldh)
        self.ecog(staging_day, ecog)
        if planned:
            self.t2("planned-1l-cycles", "Planned number of first-line cycles", c1 - timedelta(days=4),
                    valueInteger=planned)


def write(case: Case):
    path = HERE / f"{case.vid}.json"
    path.write_text(json.dumps(case.bundle(), indent=1, ensure_ascii=False) + "\n")
    return path.name


EXPECTED: dict = {}


def expect(vid, *, as_of, trace, notes, exp, expect_not=None, bundle=None):
    entry = {"bundle": bundle or f"{vid}.json", "patient_id": vid.lower(), "as_of": as_of,
             "trace": trace, "notes": notes, "expect": exp}
    if expect_not:
        entry["expect_not"] = expect_not
    EXPECTED[vid] = entry


def after(d: date) -> str:
    return iso(d + timedelta(days=1))


# ================================================================================================
# Report texts used more than once
# ================================================================================================
BASE_ADV = ("Baseline staging FDG PET-CT. FDG-avid lymphadenopathy above and below the diaphragm "
            "(cervical, mediastinal, para-aortic and iliac stations), SUVmax 18.4. Spleen normal in size "
            "without focal uptake. No focal bone marrow uptake. Impression: FDG-avid lymphoma, Lugano stage III.")


def base_text(extra: str) -> str:
    return "Baseline staging FDG PET-CT. " + extra


# ================================================================================================
# V01-V04: one patient, 58 y, stage III, LDH 1.4 x ULN, ECOG 1, 1 extranodal site
# ================================================================================================
V01_C = [D("2025-01-06"), D("2025-01-27"), D("2025-02-17")]
V02_C = [D("2025-03-10"), D("2025-03-31"), D("2025-04-21")]
V01_IPET = D("2025-03-05")
V02_EOT = D("2025-05-26")
V03_BX = D("2025-06-05")

V01_IPET_TEXT = (
    "Interim FDG PET-CT after 3 cycles of R-CHOP, compared with the baseline PET-CT of 2024-12-20. "
    "The dominant left para-aortic nodal mass has decreased in size; residual uptake is moderately above "
    "liver (SUVmax 6.2, previously 18.4): Deauville score 4. Uptake reduced compared with baseline. "
    "The cervical, mediastinal and iliac nodes show uptake below the mediastinal blood pool (Deauville 2). "
    "No new lesions. No focal bone marrow uptake. "
    "Impression: Deauville 4 with reduced uptake versus baseline, in keeping with a partial metabolic response.")
V02_EOT_TEXT = (
    "End-of-treatment FDG PET-CT, 5 weeks after cycle 6 of R-CHOP. Residual left para-aortic soft tissue "
    "with uptake moderately above liver (SUVmax 4.8; baseline 18.4, interim 6.2): Deauville 4, uptake "
    "reduced compared with baseline. All other previously involved sites Deauville 2. No new lesions. "
    "No bone marrow uptake. Impression: residual FDG-avid disease, Deauville 4; active lymphoma versus "
    "post-treatment inflammation. Histological confirmation or short-interval restaging suggested.")


def v01_base(c: Case):
    c.patient("1966-08-15", "male")
    c.baseline(V01_C[0], stage_text="Stage III", en_sites=1, ldh=350, ecog=1, bulky=False,
               pet_text=base_text(
                   "FDG-avid lymphadenopathy in the left cervical, mediastinal, para-aortic and iliac stations; "
                   "dominant left para-aortic nodal mass (SUVmax 18.4) with contiguous infiltration of the left "
                   "psoas muscle. Spleen normal. No focal bone marrow uptake. "
                   "Impression: lymphoma above and below the diaphragm, Lugano stage III."))
    for i, d in enumerate(V01_C):
        c.cycle(d, "R-CHOP", f"c{i + 1}")
    # text-only PET (tier 3)
    c.pet(V01_IPET, V01_IPET_TEXT, "interim", coded=None, title="FDG PET-CT (interim)")


def v02_base(c: Case):
    v01_base(c)
    for i, d in enumerate(V02_C):
        c.cycle(d, "R-CHOP", f"c{i + 4}")
    c.pet(V02_EOT, V02_EOT_TEXT, "end-of-treatment",
          coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none", "suv": 4.8})


def build_v01_v04():
    c = Case("V01")
    v01_base(c)
    write(c)
    expect("V01", as_of=after(V01_IPET), trace="P7; NA1 [S §4]",
           notes=("Dates as in the vignette; baseline PET 2024-12-20, staging/LDH (350 U/L, ULN 250 = 1.4x)/ECOG 1 "
                  "on 2024-12-23; extranodal site = contiguous left psoas infiltration (count 1). Interim PET is sent "
                  "ONLY as report text (DiagnosticReport.conclusion). planned-1l-cycles = 6 makes the scan interim. "
                  "IPI: age 58 (0) + stage III (1) + LDH high (1) + ECOG 1 (0) + 1 extranodal (0) = 2; aaIPI 2."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 3, "latest_response.rule": "P7",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 2, "scores.aaipi": 2,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["NA1"], "rules_absent": ["NA2", "NA2a", "NA4", "NA4a"],
                "flags_absent": ["IPET_OFF_SCHEDULE", "NEW_LESION"]})

    c = Case("V02", rest=True)
    v02_base(c)
    write(c)
    expect("V02", as_of=after(V02_EOT), trace="P7; NA4, NA4a [S §4]",
           notes=("V01 continued (C4 03-10, C5 03-31, C6 04-21; EOT PET 05-26 = 35 d after the last rituximab). "
                  "The V01 interim PET stays text-only; the EOT PET is coded (tier 2) with the report. No biopsy yet: "
                  "the EOT response is pending, refractory status undetermined (null). fullUrl style 'Type/id'."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P7",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 2, "scores.aaipi": 2,
                "labels.eot_response_1l": "PENDING", "labels.nccn_refractory": None,
                "rules_present": ["NA4", "NA4a"], "rules_absent": ["NA3", "NA4b", "NA4c"],
                # the interim NA1 fired earlier: it stays listed, no longer current (clarifications, 2nd set)
                "current_rules_present": ["NA4", "NA4a"], "current_rules_absent": ["NA1"],
                "flags_absent": ["EOT_PET_EARLY", "EOT_PET_LATE"]})

    c = Case("V03", rest=True)
    v02_base(c)
    c.biopsy(V03_BX, True, "left para-aortic residual mass", "CT-guided core needle biopsy")
    write(c)
    expect("V03", as_of=after(V03_BX), trace="NA4b; K2; T1; §5.1",
           notes=("V02 + CT-guided core biopsy 2025-06-05 positive (pathology conclusionCode biopsy-positive). "
                  "latest_response stays the EOT PET read (PMR, P7): the biopsy resolves labels.eot_response_1l = PR. "
                  "No eligibility coded: T1 (CAR-T) is still advised 'if eligible' and cart_eligibility is missing; "
                  "T8 (age < 65, EOT PR, timely CAR-T access unknown) is likewise given 'if' with cart_timely_access "
                  "missing (binding clarification). Trial labels: ZUMA-7 'PR + positive biopsy' and TRANSFORM 'PR' "
                  "are refractory; BELINDA trial table (PD/SD only) vs registry wording differ, so not asserted. "
                  "trial_classes values assume the lower-case vocabulary refractory|relapsed."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.rule": "P7", "pathway": "NCCN_ADVANCED",
                "labels.eot_response_1l": "PR", "labels.nccn_refractory": True,
                "labels.bock_group": "EOT_PR", "labels.early_treatment_failure": True,
                "labels.trial_classes.zuma7": "refractory", "labels.trial_classes.transform": "refractory",
                "rules_present": ["NA4", "NA4b", "T1", "T8"],
                "rules_absent": ["NA3", "NA4c", "T3", "T11"],
                "missing_present": ["cart_eligibility", "cart_timely_access"]})

    c = Case("V04", rest=True)
    v02_base(c)
    c.biopsy(V03_BX, False, "left para-aortic residual mass", "CT-guided core needle biopsy")
    write(c)
    expect("V04", as_of=after(V03_BX), trace="NA4c [I]",
           notes=("V02 + core biopsy 2025-06-05: inflammatory changes, no lymphoma (biopsy-negative). "
                  "latest_response stays PMR (imaging); labels.eot_response_1l = CR; no refractory label."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.rule": "P7", "pathway": "NCCN_ADVANCED",
                "labels.eot_response_1l": "CR", "labels.nccn_refractory": False,
                "labels.bock_group": "NOT_APPLICABLE", "labels.early_treatment_failure": False,
                "rules_present": ["NA4", "NA4c"], "rules_absent": ["NA4b", "T1", "T8", "T11"]})


# ================================================================================================
# V05 (+ V05p, V05n): 66 y, stage IV, iPET after C4 DS 4 unchanged
# ================================================================================================
def build_v05():
    c1 = D("2025-01-13")
    ipet = D("2025-04-03")
    bx = D("2025-04-09")
    text = ("Interim FDG PET-CT after 4 cycles of R-CHOP, compared with baseline of 2024-12-27. Persistent uptake "
            "in the mesenteric and retroperitoneal nodes and in the segment VII hepatic lesion, moderately above "
            "liver (SUVmax 11.9; baseline 12.3): Deauville 4, no significant change in uptake compared with "
            "baseline. No new lesions. Marrow unremarkable. Impression: no metabolic response (stable metabolic "
            "disease), Deauville 4.")

    def base(vid):
        c = Case(vid)
        c.patient("1958-09-10", "male")
        c.baseline(c1, stage_text="Stage IV", en_sites=1, bulky=False,
                   pet_text=base_text("Nodal disease in the mesentery and retroperitoneum and a 3.2 cm FDG-avid "
                                      "lesion in hepatic segment VII (SUVmax 12.3). No focal marrow uptake. "
                                      "Impression: Lugano stage IV (liver)."))
        c.cycles(c1, 4)
        c.pet(ipet, text, "interim", coded={"ds": 4, "uptake": "unchanged", "new": False, "marrow": "none",
                                            "suv": 11.9})
        return c

    common = ("66 y male, stage IV (liver, 1 extranodal site), LDH 190/ULN 250, ECOG 0. C1-C4 2025-01-13..03-17; "
              "iPET4 2025-04-03 (before the C5 due date); planned-1l-cycles 6. IPI 2 (age, stage), aaIPI 1. ")
    c = base("V05")
    write(c)
    expect("V05", as_of=after(ipet), trace="P6; NA2; K1",
           notes=common + ("No biopsy yet. By the binding clarification bock_group is computed from imaging: NMR "
                           "during 1L gives PPD unless a negative biopsy overrides it. NA2a ('or no biopsy') is "
                           "not asserted because the biopsy is pending, not declined."),
           exp={"latest_response.category": "NMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 4, "latest_response.rule": "P6",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 2, "scores.aaipi": 1,
                "labels.bock_group": "PPD",
                "rules_present": ["NA2"], "rules_absent": ["NA1", "NA2b"],
                "flags_absent": ["IPET_OFF_SCHEDULE"]})

    c = base("V05p")
    c.biopsy(bx, True, "mesenteric lymph node", "Ultrasound-guided core needle biopsy")
    write(c)
    expect("V05p", as_of=after(bx), trace="P6; NA2, NA2a; K1; T1; T11",
           notes=common + ("Biopsy 2025-04-09 positive: NCCN refractory, Bock PPD, early treatment failure; T1 "
                           "(CAR-T 'if eligible', cart_eligibility missing) and T11 (primary refractory: avoid "
                           "chemo-only ASCT strategy)."),
           exp={"latest_response.category": "NMR", "latest_response.timepoint": "interim",
                "latest_response.rule": "P6", "pathway": "NCCN_ADVANCED",
                "labels.bock_group": "PPD", "labels.nccn_refractory": True,
                "labels.early_treatment_failure": True,
                "rules_present": ["NA2", "NA2a", "T1", "T11"], "rules_absent": ["NA1", "NA2b"],
                "missing_present": ["cart_eligibility"]})

    c = base("V05n")
    c.biopsy(bx, False, "mesenteric lymph node", "Ultrasound-guided core needle biopsy")
    write(c)
    expect("V05n", as_of=after(bx), trace="P6; NA2, NA2b",
           notes=common + ("Biopsy 2025-04-09 negative: complete 6 cycles (NA2b). The negative biopsy of the only "
                           "failing finding overrides PPD; first line goes on, so bock_group is UNDETERMINED. "
                           "latest_response stays NMR (imaging read)."),
           exp={"latest_response.category": "NMR", "latest_response.timepoint": "interim",
                "latest_response.rule": "P6", "pathway": "NCCN_ADVANCED",
                "labels.bock_group": "UNDETERMINED", "labels.nccn_refractory": False,
                "rules_present": ["NA2", "NA2b"], "rules_absent": ["NA2a", "T1", "T11"]},
           expect_not={"labels.bock_group": "PPD"})


# ================================================================================================
# Standard 6 x R-CHOP timeline helper
# ================================================================================================
def six_cycles(c: Case, c1: date, n=6):
    return c.cycles(c1, n)


def build_v06():
    c1 = D("2025-01-13")
    c = Case("V06")
    c.patient("1967-10-02", "female")
    c.baseline(c1, stage_text="Stage III", bulky=False, en_sites=0, pet_text=BASE_ADV)
    cyc = six_cycles(c, c1)
    eot = cyc[-1] + timedelta(days=30)
    c.pet(eot, ("End-of-treatment FDG PET-CT. All previously involved nodal sites show uptake at or below the "
                "mediastinal blood pool (Deauville 2). New focal FDG uptake (SUVmax 5.1) within a consolidation "
                "in the right lower lobe with air bronchograms, most likely infective/inflammatory and unlikely "
                "to represent lymphoma (Deauville X). No other new lesions. Marrow unremarkable. Impression: "
                "complete metabolic response; right lower lobe finding scored X, clinical correlation recommended."),
          "end-of-treatment",
          coded={"ds": 2, "x": True, "new": True, "etiology": "not-lymphoma", "marrow": "none"})
    write(c)
    expect("V06", as_of=after(eot), trace="P0, P5; 5PS X [V]; NA3",
           notes=("57 y female, stage III, defaults. C1-C6 2025-01-13..04-28; EOT PET 2025-05-28 (dt 30 d). Coded with "
                  "deauville-x true, new-lesion true and new-lesion-etiology not-lymphoma (the X focus is new "
                  "uptake but not lymphoma): must give CMR, not PMD/IND. latest_response.rule asserted as P5 (the "
                  "rule that sets the category; P0 only excludes the X site)."),
           exp={"latest_response.category": "CMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P5",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 1, "scores.aaipi": 1,
                "labels.eot_response_1l": "CR", "labels.nccn_refractory": False,
                "labels.bock_group": "NOT_APPLICABLE", "labels.early_treatment_failure": False,
                "rules_present": ["NA3"], "rules_absent": ["NA4", "NA4a"],
                "flags_present": ["X_PRESENT_CLINICAL_CORRELATION"],
                "flags_absent": ["EOT_PET_EARLY", "NEW_LESION", "IND_NEW_LESION"]})


def build_v07():
    c1 = D("2025-02-10")

    def base(vid, uncertain):
        c = Case(vid)
        c.patient("1964-11-20", "male")
        c.baseline(c1, stage_text="Stage III", bulky=False, en_sites=0, pet_text=BASE_ADV)
        cyc = six_cycles(c, c1)
        eot = cyc[-1] + timedelta(days=35)
        if uncertain:
            txt = ("End-of-treatment FDG PET-CT. Previously involved sites show uptake below the mediastinal blood "
                   "pool (Deauville 2). New 1.8 x 1.2 cm left axillary lymph node, not present at baseline, with "
                   "uptake above mediastinum but not above liver (Deauville 3, SUVmax 3.1). Its nature is uncertain: "
                   "reactive node versus lymphoma. Marrow unremarkable. Impression: indeterminate new left axillary "
                   "lymph node; biopsy or short-interval follow-up PET-CT suggested.")
            coded = {"ds": 3, "new": True, "etiology": "uncertain", "marrow": "none"}
        else:
            txt = ("End-of-treatment FDG PET-CT. Previously involved sites show uptake below the mediastinal blood "
                   "pool (Deauville 2). New 1.8 x 1.2 cm left axillary lymph node, not present at baseline, with "
                   "uptake above mediastinum but not above liver (Deauville 3, SUVmax 3.1); rounded, loss of the "
                   "fatty hilum, consistent with lymphoma. Marrow unremarkable. Impression: new left axillary nodal "
                   "lesion consistent with lymphoma (progressive disease). Biopsy recommended.")
            coded = {"ds": 3, "new": True, "etiology": "lymphoma", "marrow": "none"}
        c.pet(eot, txt, "end-of-treatment", coded=coded)
        write(c)
        return eot

    eot = base("V07", False)
    common = ("60 y male, stage III, defaults; C1-C6 2025-02-10..05-26; EOT PET 2025-06-30 (dt 35 d). The tier-2 "
              "summary codes the reported DS 3 with new-lesion true. ")
    expect("V07", as_of=after(eot), trace="P1; §1.4 PD(e); K1; NA4",
           notes=common + ("Etiology 'lymphoma': PMD by P1 (new lesions score 5 by definition) + "
                           "DS_NEW_LESION_INCONSISTENT. Chose stage III so the EOT biopsy row is NA4 (effective DS 5, "
                           "so not NA4a). bock_group PPD from imaging (binding clarification), before any biopsy."),
           exp={"latest_response.category": "PMD", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P1",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 1, "scores.aaipi": 1,
                "labels.bock_group": "PPD",
                "rules_present": ["NA4"], "rules_absent": ["NA3", "NA4a", "NA4c"],
                "flags_present": ["NEW_LESION", "DS_NEW_LESION_INCONSISTENT"],
                "flags_absent": ["IND_NEW_LESION"]})
    eot = base("V07u", True)
    expect("V07u", as_of=after(eot), trace="P4 (provisional P5) ; IND_NEW_LESION",
           notes=common + ("Reader says 'uncertain': P4 gives a provisional category from P5-P8 (all prior sites DS 2, "
                           "new node DS 3 -> provisional CMR) plus IND_NEW_LESION (biopsy or interval scan). The exact "
                           "category value (CMR vs INDETERMINATE) is not asserted; it must not be PMD."),
           exp={"latest_response.timepoint": "end_of_treatment", "latest_response.cycles_before": 6,
                "pathway": "NCCN_ADVANCED",
                "flags_present": ["IND_NEW_LESION"],
                "flags_absent": ["DS_NEW_LESION_INCONSISTENT", "NEW_LESION"]},
           expect_not={"latest_response.category": "PMD", "labels.bock_group": "PPD"})


def build_v08():
    c1 = D("2025-03-03")
    c = Case("V08")
    c.patient("1967-08-08", "female")
    c.baseline(c1, stage_text="Stage IV", bulky=False, en_sites=1, marrow_involved=True,
               pet_text=base_text("FDG-avid cervical, mediastinal and retroperitoneal lymphadenopathy (SUVmax 16.0). "
                                  "Multifocal FDG-avid bone marrow lesions in the right iliac bone, L3 vertebral body "
                                  "and proximal femora (SUVmax 9.7), consistent with marrow involvement. "
                                  "Impression: Lugano stage IV (bone marrow)."))
    cyc = six_cycles(c, c1)
    eot = cyc[-1] + timedelta(days=38)
    c.pet(eot, ("End-of-treatment FDG PET-CT. Nodal sites have resolved (Deauville 2). Persistent focal uptake in the "
                "right iliac bone and L3 vertebral body, above normal marrow but reduced compared with baseline "
                "(SUVmax 4.0; baseline 9.7). No new lesions. Impression: complete nodal response with persistent "
                "focal marrow uptake; residual marrow disease not excluded - consider MRI or marrow biopsy."),
          "end-of-treatment", coded={"ds": 2, "new": False, "marrow": "focal-residual-reduced", "suv": 4.0})
    write(c)
    expect("V08", as_of=after(eot), trace="P7; [S §4]; [V:UTD-97480]; NA4",
           notes=("57 y female, stage IV by focal marrow involvement (marrow-involvement true; marrow counted as the "
                  "1 extranodal site). C1-C6 2025-03-03..06-16; EOT PET 2025-07-24 (dt 38 d): nodes DS 2, marrow "
                  "focal-residual-reduced -> PMR (P7 marrow-only clause), not CMR. Follows the DS 4-5 rows (NA4, "
                  "binding clarification); refractory status pending."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P7",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 1, "scores.aaipi": 1,
                "labels.eot_response_1l": "PENDING", "labels.nccn_refractory": None,
                "rules_present": ["NA4"], "rules_absent": ["NA3", "NA4b", "NA4c"],
                "flags_present": ["MARROW_FOCAL_WORKUP"]})


def build_v09():
    c1 = D("2025-01-20")
    c = Case("V09")
    c.patient("1969-07-14", "male")
    c.baseline(c1, stage_text="Stage III", bulky=False, en_sites=0, marrow_involved=False, pet_text=BASE_ADV)
    cyc = six_cycles(c, c1)
    eot = cyc[-1] + timedelta(days=18)
    c.admin(eot - timedelta(days=10), "pegfilgrastim", "gcsf")
    txt = ("FDG PET-CT WHOLE BODY - END OF TREATMENT\n"
           "Clinical information: DLBCL stage III, after 6 cycles of R-CHOP. Pegfilgrastim given 10 days ago.\n"
           "Comparison: baseline PET-CT of 2025-01-03.\n"
           "Findings: Previously involved cervical, mediastinal and abdominal lymph nodes show uptake below the "
           "mediastinal blood pool, Deauville score 2. There is diffuse, homogeneous increased bone marrow uptake, "
           "greater than liver, without focal lesions, in keeping with reactive marrow after growth-factor therapy. "
           "Spleen normal in size. No new lesions.\n"
           "Impression: Complete metabolic response (Deauville 2). Diffuse marrow uptake attributed to recent "
           "G-CSF.\n")
    c.pet(eot, txt, "end-of-treatment", coded=None, presented=True, title="FDG PET-CT (end of treatment)")
    write(c)
    expect("V09", as_of=after(eot), trace="P5; §6 EOT PET; [V:IHP07]; NA3",
           notes=("55 y male, stage III, marrow uninvolved at baseline (coded false). C1-C6 2025-01-20..05-05; "
                  "pegfilgrastim (RxNorm 338036, code not verified here) 2025-05-13; EOT PET 2025-05-23 (dt 18 d). "
                  "The EOT PET is sent ONLY as a base64 text/plain presentedForm (no conclusion, no coded "
                  "Observation). Diffuse reactive marrow -> CMR; EOT_PET_EARLY does not invalidate it."),
           exp={"latest_response.category": "CMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P5",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 1, "scores.aaipi": 1,
                "labels.eot_response_1l": "CR", "labels.bock_group": "NOT_APPLICABLE",
                "labels.early_treatment_failure": False, "labels.nccn_refractory": False,
                "rules_present": ["NA3"], "rules_absent": ["NA4", "NA4a"],
                "flags_present": ["EOT_PET_EARLY"], "flags_absent": ["MARROW_FOCAL_WORKUP"]})


def build_v10():
    c1 = D("2024-09-02")
    c = Case("V10")
    c.patient("1972-05-30", "female")
    c.baseline(c1, stage_text="Stage IV", bulky=False, en_sites=1,
               pet_text=base_text("FDG-avid cervical, axillary and para-aortic lymphadenopathy and a 2.8 cm FDG-avid "
                                  "left renal lesion (SUVmax 17.2). Liver without focal uptake. No focal marrow uptake. "
                                  "Impression: Lugano stage IV (kidney)."))
    cyc = six_cycles(c, c1)
    ipet = cyc[2] + timedelta(days=17)
    c.pet(ipet, ("Interim FDG PET-CT after 3 cycles of R-CHOP. All previously involved sites show uptake below the "
                 "mediastinal blood pool (Deauville 2). No new lesions. Impression: complete metabolic response."),
          "interim", coded={"ds": 2, "new": False, "marrow": "none"})
    eot = cyc[-1] + timedelta(days=28)
    c.pet(eot, ("End-of-treatment FDG PET-CT. Previously involved nodal and renal sites remain metabolically "
                "inactive (Deauville 2). Multiple new FDG-avid hepatic lesions, the largest 2.6 cm in segment VI "
                "(SUVmax 16.8), markedly above liver background (Deauville 5), consistent with lymphoma. "
                "Impression: progressive metabolic disease (new hepatic lesions)."),
          "end-of-treatment", coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none", "suv": 16.8})
    bx = eot + timedelta(days=7)
    c.biopsy(bx, True, "liver, segment VI lesion", "Ultrasound-guided core needle biopsy")
    write(c)
    expect("V10", as_of=after(bx), trace="K1 [S §3]; §6 best-response rule; P1; NA4, NA4b; T1",
           notes=("52 y female, stage IV (kidney). C1-C6 2024-09-02..12-16; iPET3 2024-10-31 CMR; EOT PET 2025-01-13 "
                  "(dt 28 d) new hepatic lesions DS 5; liver biopsy 2025-01-20 DLBCL. best_response_1L = CR is "
                  "display only; progression during 1L -> PPD, never 'relapse after CR'. Trial classes not asserted "
                  "(best response CR makes the per-trial table reading ambiguous)."),
           exp={"latest_response.category": "PMD", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P1",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 1, "scores.aaipi": 1,
                "labels.eot_response_1l": "PD", "labels.bock_group": "PPD",
                "labels.nccn_refractory": True, "labels.early_treatment_failure": True,
                "rules_present": ["NA4", "NA4b", "T1", "T11"], "rules_absent": ["NA3", "NA4c", "T3"],
                "flags_present": ["NEW_LESION"], "missing_present": ["cart_eligibility"]},
           expect_not={"labels.bock_group": "EARLY_RELAPSE_LT3M"})


def build_v11():
    c1 = D("2022-11-30")
    c = Case("V11")
    c.patient("1976-10-05", "male")
    c.baseline(c1, stage_text="Stage II bulky", bulky=True, en_sites=0, mesenteric=False,
               size=(8.5, 6.2, "anterior mediastinal mass"),
               icd=("C83.32", "Diffuse large B-cell lymphoma, intrathoracic lymph nodes"),
               pet_text=base_text("Bulky FDG-avid anterior mediastinal mass 8.5 x 6.2 cm (SUVmax 21.3) with right "
                                  "lower cervical nodes. No disease below the diaphragm. No marrow uptake. "
                                  "Impression: Lugano stage II, bulky (8.5 cm)."))
    cyc = six_cycles(c, c1)
    assert iso(cyc[-1]) == "2023-03-15"
    ipet = D("2023-01-27")
    c.pet(ipet, ("Interim FDG PET-CT after 3 cycles of R-CHOP. Residual mediastinal mass with uptake below liver "
                 "(Deauville 3). No new lesions. Impression: complete metabolic response."),
          "interim", coded={"ds": 3, "new": False, "marrow": "none"})
    eot = D("2023-04-20")
    c.pet(eot, ("End-of-treatment FDG PET-CT. Residual mediastinal soft tissue without FDG uptake above mediastinal "
                "blood pool (Deauville 2). No new lesions. Impression: complete metabolic response."),
          "end-of-treatment", coded={"ds": 2, "new": False, "marrow": "none"})
    rel = D("2024-03-15")
    c.pet(rel, ("FDG PET-CT for suspected relapse (new palpable left supraclavicular node). New FDG-avid left "
                "supraclavicular nodes and recurrent anterior mediastinal disease, SUVmax 15.2, markedly above liver "
                "(Deauville 5), consistent with relapsed lymphoma. Impression: relapse."),
          "relapse-or-follow-up", coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none",
                                         "suv": 15.2})
    bx = D("2024-03-20")
    c.biopsy(bx, True, "left supraclavicular lymph node", "Excisional biopsy")
    write(c)
    expect("V11", as_of=after(bx), trace="§6 time_to_relapse; K5; T1; §5.1",
           notes=("Relapse exactly as stated. 46-47 y male, stage II bulky 8.5 cm mediastinal (mesenteric false). "
                  "C1-C6 2022-11-30..2023-03-15 (last R-CHOP); iPET3 2023-01-27 CMR (invented); EOT PET 2023-04-20 CMR; "
                  "relapse PET 2024-03-15 = add_months(2023-03-15, 12), 366 days (includes 2024-02-29) -> early "
                  "relapse, Bock 6-12 m, BOUNDARY_12M; biopsy 2024-03-20 (biopsy-date anchor -> late: "
                  "EOT_ANCHOR_SENSITIVE). Trial classes not asserted (BELINDA 365 d -> outside; vocabulary for "
                  "'outside' is not fixed). IPI 0, aaIPI 0, smIPI 1 (stage II)."),
           exp={"latest_response.category": "PMD", "latest_response.timepoint": "relapse_or_follow_up",
                "latest_response.rule": "P1", "pathway": "NCCN_LIMITED",
                "scores.ipi": 0, "scores.aaipi": 0, "scores.smipi": 1,
                "labels.eot_response_1l": "CR", "labels.nccn_refractory": False,
                "labels.bock_group": "EARLY_RELAPSE_6_12M", "labels.early_treatment_failure": True,
                "rules_present": ["T1"], "rules_absent": ["T3", "T9", "T11"],
                "flags_present": ["BOUNDARY_12M", "EOT_ANCHOR_SENSITIVE", "NEW_LESION"],
                "missing_present": ["cart_eligibility"]})


def build_v12():
    c1 = D("2021-09-27")
    c = Case("V12")
    c.patient("1968-01-20", "male")
    c.baseline(c1, stage_text="Stage IIIA", bulky=False, en_sites=0, pet_text=BASE_ADV)
    rchop = c.cycles(c1, 4)
    lvef_day = D("2021-12-15")
    c.add({"resourceType": "Observation", "id": c.rid("lvef"), "status": "final", "category": cat("imaging"),
           "code": cc(LOINC, "10230-1", "Left ventricular Ejection fraction"), "subject": c.subj,
           "effectiveDateTime": iso(lvef_day), "valueQuantity": qty(42, "%"),
           "note": [{"text": "Echocardiogram: LVEF 42% (58% at baseline). Doxorubicin omitted; switch to R-CEOP."}]})
    ceop = c.cycles(rchop[-1] + timedelta(days=21), 2, regimen="R-CEOP", start_no=5)
    assert iso(ceop[-1]) == "2022-01-10"
    eot = D("2022-02-21")
    c.pet(eot, ("End-of-treatment FDG PET-CT after 4 cycles of R-CHOP and 2 cycles of R-CEOP. No residual FDG-avid "
                "disease: all previously involved sites Deauville 1-2. No new lesions. Impression: complete "
                "metabolic response (Deauville 2)."), "end-of-treatment", coded=None,
          title="FDG PET-CT (end of treatment)")
    rel = D("2023-06-01")
    c.pet(rel, ("FDG PET-CT for suspected relapse. New FDG-avid lymphadenopathy in the right axilla and the "
                "retroperitoneum (SUVmax 13.4), markedly above liver, Deauville 5, consistent with recurrent "
                "lymphoma. No bone marrow involvement. Impression: relapse of lymphoma, Deauville 5."),
          "relapse-or-follow-up", coded=None, title="FDG PET-CT (restaging, suspected relapse)")
    bx = D("2023-06-05")
    c.biopsy(bx, True, "right axillary lymph node", "Excisional biopsy")
    c.t2("transplant-eligible", "Transplant eligible", bx, valueBoolean=True)
    write(c)
    expect("V12", as_of=after(bx), trace="§6 line/cycles; K6; T3",
           notes=("55 y at relapse (53 at diagnosis), stage IIIA. C1-C4 R-CHOP 2021-09-27..11-29, LVEF 42% on "
                  "2021-12-15, C5-C6 R-CEOP 2021-12-20 and 2022-01-10 (last 1L dose): n_rchop_cycles 4, "
                  "n_1L_cycles 6, one line. EOT PET 2022-02-21 CMR; relapse PET 2023-06-01 (~16.7 months after "
                  "EOT); biopsy 2023-06-05 positive; transplant-eligible coded true. Both post-treatment PETs are "
                  "sent ONLY as report text (conclusion)."),
           exp={"latest_response.category": "PMD", "latest_response.timepoint": "relapse_or_follow_up",
                "latest_response.rule": "P1", "pathway": "NCCN_ADVANCED",
                "scores.ipi": 1, "scores.aaipi": 1,
                "labels.eot_response_1l": "CR", "labels.nccn_refractory": False,
                "labels.bock_group": "LATE_RELAPSE", "labels.early_treatment_failure": False,
                "rules_present": ["T3"], "rules_absent": ["T1", "T9", "T11"],
                "flags_absent": ["BOUNDARY_12M"]})


def relapse_then_salvage(c: Case, c1: date, *, rel: date, bx: date, sal1: date, regimen: str, post: date,
                         post_coded: dict, post_text: str, elig: dict, elig_day: date, extra=None):
    cyc = six_cycles(c, c1)
    eot = cyc[-1] + timedelta(days=35 if regimen == "R-ICE" else 42)
    c.pet(eot, ("End-of-treatment FDG PET-CT. All previously involved sites Deauville 2. No new lesions. "
                "Impression: complete metabolic response."), "end-of-treatment",
          coded={"ds": 2, "new": False, "marrow": "none"})
    c.pet(rel, ("FDG PET-CT for suspected relapse. New FDG-avid retroperitoneal and left iliac lymphadenopathy "
                "(SUVmax 14.0), Deauville 5, consistent with relapsed lymphoma. Impression: relapse."),
          "relapse-or-follow-up", coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none"})
    c.biopsy(bx, True, "left external iliac lymph node", "CT-guided core needle biopsy")
    for code, val in elig.items():
        c.t2(code, {"transplant-eligible": "Transplant eligible", "cart-eligible": "CAR-T eligible",
                    "cart-timely-access": "Timely CAR-T access"}[code], elig_day, valueBoolean=val)
    if extra:
        extra(c)
    c.cycles(sal1, 2, regimen=regimen, label="s")
    c.pet(post, post_text, "post-salvage", coded=post_coded)
    return cyc, eot


def build_v13():
    c1 = D("2022-06-06")
    c = Case("V13", rest=True)
    c.patient("1954-02-10", "female")
    c.baseline(c1, stage_text="Stage III", bulky=False, en_sites=0, ecog=1, pet_text=BASE_ADV)
    rel, bx, post = D("2024-05-20"), D("2024-05-27"), D("2024-07-12")

    def ecog_at_relapse(cc_):
        cc_.ecog(D("2024-05-30"), 1)

    cyc, eot = relapse_then_salvage(
        c, c1, rel=rel, bx=bx, sal1=D("2024-06-03"), regimen="R-GDP", post=post,
        post_coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none"},
        post_text=("FDG PET-CT after 2 cycles of R-GDP. Residual retroperitoneal and iliac nodes with uptake "
                   "moderately above liver (Deauville 4), reduced compared with the pre-salvage study. No new "
                   "lesions. Impression: partial metabolic response after salvage therapy."),
        elig={"transplant-eligible": True, "cart-eligible": True}, elig_day=D("2024-05-31"),
        extra=ecog_at_relapse)
    write(c)
    expect("V13", as_of=after(post), trace="T7, T5; [S §5]",
           notes=("Female, 68 y at diagnosis, 70 y at relapse/salvage; ECOG 1 at diagnosis and at relapse (fit). "
                  "C1-C6 2022-06-06..09-19; EOT PET 2022-10-31 CMR; relapse PET 2024-05-20 (20 months after EOT); "
                  "biopsy 2024-05-27 positive; transplant- and CAR-T-eligible coded 2024-05-31; R-GDP 2024-06-03 and "
                  "06-24; post-salvage PET 2024-07-12 DS 4 reduced = PR after salvage. No TMTV -> no T6 / "
                  "EVIDENCE_CONFLICT. T3 not asserted (salvage already given)."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "post_salvage",
                "latest_response.rule": "P7", "pathway": "NCCN_ADVANCED",
                "scores.ipi": 2, "scores.aaipi": 1,
                "labels.eot_response_1l": "CR", "labels.bock_group": "LATE_RELAPSE",
                "labels.early_treatment_failure": False,
                "rules_present": ["T5", "T7"], "rules_absent": ["T1", "T4", "T6", "T9", "T11"],
                "flags_absent": ["EVIDENCE_CONFLICT"]})


def build_v14():
    c1 = D("2024-01-08")
    c = Case("V14")
    c.patient("1972-02-15", "male")
    c.baseline(c1, stage_text="Stage IIIA", bulky=False, en_sites=0, pet_text=BASE_ADV)
    rel, bx, post = D("2024-11-25"), D("2024-11-29"), D("2025-01-17")
    cyc, eot = relapse_then_salvage(
        c, c1, rel=rel, bx=bx, sal1=D("2024-12-06"), regimen="R-ICE", post=post,
        post_coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none", "tmtv": 42},
        post_text=("FDG PET-CT after 2 cycles of R-ICE. Residual retroperitoneal nodes with uptake moderately above "
                   "liver (Deauville 4), reduced compared with the pre-salvage study. No new lesions. Total metabolic "
                   "tumour volume (TMTV) 42 mL. Impression: partial metabolic response after salvage."),
        elig={"cart-eligible": True, "cart-timely-access": False}, elig_day=D("2024-12-04"))
    c.t2("tmtv-cutoff", "TMTV cutoff", post, valueQuantity=qty(100, "mL"))
    write(c)
    expect("V14", as_of=after(post), trace="T1, T5, T6, T8",
           notes=("52 y male (51 at diagnosis), stage IIIA. C1-C6 2024-01-08..04-22 (EOT date); EOT PET 2024-05-27 "
                  "CMR; relapse PET 2024-11-25 (7 months + 3 days); biopsy 2024-11-29 positive; cart-eligible true and "
                  "cart-timely-access false coded 2024-12-04 (slot ~10 weeks away); R-ICE x2 2024-12-06/12-27 "
                  "(salvage, no CAR-T decision resource, so it is not bridging); post-salvage PET 2025-01-17 DS 4 "
                  "reduced, TMTV 42 mL < tmtv-cutoff 100 mL. Transplant eligibility NOT coded (vignette does not "
                  "state it): T5 'if eligible' + missing transplant_eligibility. T8 is in the vignette trace but its "
                  "condition (EOT PR after 1L) is not met (EOT CR, early relapse): not asserted either way."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "post_salvage",
                "latest_response.rule": "P7", "pathway": "NCCN_ADVANCED",
                "labels.eot_response_1l": "CR", "labels.bock_group": "EARLY_RELAPSE_6_12M",
                "labels.early_treatment_failure": True,
                "rules_present": ["T1", "T5", "T6"], "rules_absent": ["T3", "T4", "T7", "T11"],
                "flags_present": ["EVIDENCE_CONFLICT"],
                "missing_present": ["transplant_eligibility"]})


def build_v15():
    c1 = D("2025-01-20")
    c = Case("V15")
    c.patient("1979-06-22", "male")
    c.baseline(c1, stage_text="Stage IV", bulky=False, en_sites=1,
               pet_text=base_text("FDG-avid cervical, mediastinal and coeliac lymphadenopathy with a 4 cm FDG-avid "
                                  "lesion in the left lung lower lobe (SUVmax 22.5). No marrow uptake. Impression: "
                                  "Lugano stage IV (lung)."))
    cyc = c.cycles(c1, 3)
    assert iso(cyc[-1]) == "2025-03-03"
    ipet = D("2025-03-17")
    c.pet(ipet, ("Interim FDG PET-CT after 3 cycles of R-CHOP. Persistent intense uptake in the coeliac nodal mass "
                 "and the left lower lobe lesion, markedly above liver (SUVmax 21.9; baseline 22.5): Deauville 5, "
                 "uptake unchanged compared with baseline. No new lesions. Impression: no metabolic response."),
          "interim", coded={"ds": 5, "uptake": "unchanged", "new": False, "marrow": "none", "suv": 21.9})
    bx = D("2025-03-20")
    c.biopsy(bx, True, "coeliac nodal mass", "CT-guided core needle biopsy")
    write(c)
    expect("V15", as_of=after(bx), trace="P6; NA2a; K1; T1; T11",
           notes=("45 y male, stage IV (lung). C1-C3 2025-01-20..03-03 (last 1L dose = EOT_date 2025-03-03); "
                  "iPET3 2025-03-17 DS 5 unchanged; biopsy 2025-03-20 positive; R-CHOP stopped (no C4). "
                  "planned-1l-cycles 6 makes the iPET interim (not end_of_treatment) by the timepoint rule."),
           exp={"latest_response.category": "NMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 3, "latest_response.rule": "P6",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 1, "scores.aaipi": 1,
                "labels.bock_group": "PPD", "labels.nccn_refractory": True,
                "labels.early_treatment_failure": True,
                "rules_present": ["NA2", "NA2a", "T1", "T11"], "rules_absent": ["NA1", "NA2b", "T3", "T5"],
                "missing_present": ["cart_eligibility"]})


def build_v16():
    c1 = D("2025-02-03")
    base_ct = D("2025-01-17")
    lesions = [("left para-aortic node", 5.0, 4.0, 3.0, 2.5),
               ("mesenteric root node", 4.0, 3.5, 2.5, 1.5),
               ("right external iliac node", 4.0, 3.5, 2.5, 1.5)]

    def base(vid, full):
        c = Case(vid)
        c.patient("1961-12-12", "male")
        c.baseline(c1, stage_text="Stage III", bulky=False, en_sites=0, pet=False, method="lugano")
        ct = c.ct_report(base_ct, ("Staging CT neck, chest, abdomen and pelvis with IV contrast. Enlarged nodes above "
                                   "and below the diaphragm. Target lesions: left para-aortic 5.0 x 4.0 cm, mesenteric "
                                   "root 4.0 x 3.5 cm, right external iliac 4.0 x 3.5 cm; SPD 48.0 cm2. Spleen 11 cm. "
                                   "Impression: lymphoma, Lugano stage III."))
        for site, l0, s0, _, _ in lesions:
            c.tumor_size(base_ct, l0, s0, site, method="CT", derived=ct)
        cyc = six_cycles(c, c1, 6 if full else 3)
        ipet = D("2025-04-03")
        pr = c.pet(ipet, ("Interim FDG PET-CT after 3 cycles of R-CHOP. No baseline PET available for comparison "
                          "(staged by contrast CT of 2025-01-17). Residual uptake in the left para-aortic node "
                          "moderately above liver, Deauville 4. Target lesions now 3.0 x 2.5, 2.5 x 1.5 and "
                          "2.5 x 1.5 cm: SPD 15.0 cm2 versus 48.0 cm2 at staging CT (-69%). No new lesions. "
                          "Impression: Deauville 4; by CT criteria partial response."),
                   "interim", coded={"ds": 4, "new": False, "marrow": "none"})
        for site, _, _, l1, s1 in lesions:
            c.tumor_size(ipet, l1, s1, site, method="CT", derived=pr)
        if full:
            eot = cyc[-1] + timedelta(days=42)
            c.pet(eot, ("End-of-treatment FDG PET-CT. All previously involved sites show uptake above mediastinum "
                        "but not above liver (Deauville 3). No new lesions. Impression: complete metabolic response."),
                  "end-of-treatment", coded={"ds": 3, "new": False, "marrow": "none"})
            write(c)
            return eot
        write(c)
        return ipet

    common = ("63 y male, stage III staged by contrast CT only (no baseline PET; stage method NCIt Lugano). Baseline "
              "CT 2025-01-17 with three mCODE TumorSize lesions, SPD 5.0x4.0 + 4.0x3.5 + 4.0x3.5 = 48.0 cm2; "
              "iPET3 2025-04-03 DS 4 with TumorSize 3.0x2.5 + 2.5x1.5 + 2.5x1.5 = 15.0 cm2 (-68.75%). ")
    ipet = base("V16i", False)
    expect("V16i", as_of=after(ipet), trace="P8; §1.4; §1.5; NA1",
           notes=common + ("Interim snapshot (C1-C3 2025-02-03..03-17, planned 6): PET_POSITIVE_UNCLASSIFIED with "
                           "CT-based PR -> continue (NA1); BASELINE_PET_MISSING; missing baseline_pet."),
           exp={"latest_response.category": "PET_POSITIVE_UNCLASSIFIED", "latest_response.ct_category": "PR",
                "latest_response.timepoint": "interim", "latest_response.cycles_before": 3,
                "latest_response.rule": "P8", "pathway": "NCCN_ADVANCED",
                "scores.ipi": 2, "scores.aaipi": 1, "labels.bock_group": "UNDETERMINED",
                "rules_present": ["NA1"], "rules_absent": ["NA2", "NA2a"],
                "flags_present": ["BASELINE_PET_MISSING"], "missing_present": ["baseline_pet"]})
    eot = base("V16", True)
    expect("V16", as_of=after(eot), trace="P8, P5; §1.4; §1.5; NA1, NA3",
           notes=common + ("Full course C1-C6 2025-02-03..05-19; EOT PET 2025-06-30 (dt 42 d) all sites DS 3 -> CMR "
                           "(no baseline needed) -> surveillance."),
           exp={"latest_response.category": "CMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P5",
                "pathway": "NCCN_ADVANCED", "labels.eot_response_1l": "CR",
                "labels.bock_group": "NOT_APPLICABLE", "labels.early_treatment_failure": False,
                "rules_present": ["NA3"], "rules_absent": ["NA4", "NA4a"]})


def build_v17():
    c1 = D("2025-04-07")
    c = Case("V17")
    c.patient("1956-09-20", "female")
    c.baseline(c1, stage_text="Stage IIA", bulky=False, en_sites=0, mesenteric=False, ecog=1,
               size=(4.0, 2.9, "left level II-III cervical nodal conglomerate"),
               icd=("C83.31", "Diffuse large B-cell lymphoma, lymph nodes of head, face, and neck"),
               pet_text=base_text("FDG-avid left cervical (levels II-III, largest 4.0 x 2.9 cm) and left "
                                  "supraclavicular lymph nodes (SUVmax 14.1). No disease below the diaphragm. No marrow "
                                  "uptake. Impression: Lugano stage II, non-bulky."))
    cyc = c.cycles(c1, 2)
    ipet = cyc[-1] + timedelta(days=16)
    c.pet(ipet, ("Interim FDG PET-CT after 2 cycles of R-CHOP. The left cervical nodes have decreased in size; residual "
                 "uptake is above the mediastinal blood pool but below the liver: Deauville score 3. No new lesions. "
                 "No marrow uptake. Impression: complete metabolic response (Deauville 3)."),
          "interim", coded=None, title="FDG PET-CT (interim, after 2 cycles)")
    write(c)
    expect("V17", as_of=after(ipet), trace="B1, B4",
           notes=("68 y female, stage IIA, 4.0 cm (non-bulky), LDH 190/ULN 250, ECOG 1, mesenteric false. C1 2025-04-07, "
                  "C2 2025-04-28; iPET2 2025-05-14 sent ONLY as report text. planned-1l-cycles 6 (initial plan before "
                  "PET adaptation). IPI 1, aaIPI 0, smIPI 2 -> BSH eligible; SEED_IPI_VS_AAIPI expected for the same "
                  "reason as V20a (IPI 1 vs aaIPI 0)."),
           exp={"latest_response.category": "CMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 2, "latest_response.rule": "P5",
                "pathway": "BSH_PET_ADAPTED", "scores.ipi": 1, "scores.aaipi": 0, "scores.smipi": 2,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["B1", "B4"], "rules_absent": ["B2", "B3", "B5", "B9"],
                "flags_present": ["SEED_IPI_VS_AAIPI"], "flags_absent": ["BULKY_BOUNDARY", "IPET_OFF_SCHEDULE"]})


def build_v18():
    c1 = D("2025-01-20")

    def base(vid, full):
        c = Case(vid)
        c.patient("1950-07-15", "male")
        c.baseline(c1, stage_text="Stage I", bulky=False, en_sites=0, mesenteric=False,
                   size=(5.0, 3.6, "right level II cervical lymph node"),
                   icd=("C83.31", "Diffuse large B-cell lymphoma, lymph nodes of head, face, and neck"),
                   pet_text=base_text("Single FDG-avid right level II cervical nodal mass 5.0 x 3.6 cm (SUVmax 19.5). "
                                      "No other disease. Impression: Lugano stage I."))
        n = 6 if full else 2
        cyc = c.cycles(c1, 2)
        ipet = cyc[-1] + timedelta(days=16)
        c.pet(ipet, ("Interim FDG PET-CT after 2 cycles of R-CHOP. Right cervical node smaller, with residual uptake "
                     "moderately above liver (Deauville 4, SUVmax 5.9 vs 19.5), reduced compared with baseline. "
                     "No new lesions. Impression: Deauville 4, partial metabolic response."),
              "interim", coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none", "suv": 5.9})
        if not full:
            write(c)
            return ipet
        more = c.cycles(c1 + timedelta(days=42), n - 2, start_no=3)
        assert iso(more[-1]) == "2025-05-05"
        c.isrt(D("2025-05-26"), D("2025-06-13"), "right cervical nodal region")
        eot = D("2025-06-27")
        c.pet(eot, ("End-of-treatment FDG PET-CT, 2 weeks after involved-site radiotherapy. Residual focus in the "
                    "right level II cervical node with uptake moderately above liver (Deauville 4, SUVmax 4.4), "
                    "reduced compared with baseline; post-radiation inflammation versus residual lymphoma. No new "
                    "lesions. Impression: residual FDG-avid focus, Deauville 4; biopsy suggested if feasible."),
              "end-of-treatment", coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none", "suv": 4.4})
        write(c)
        return eot

    common = ("74 y male, stage I, 5.0 cm right cervical (non-bulky), LDH normal, ECOG 0, aaIPI 0 -> BSH eligible. "
              "C1 2025-01-20, C2 02-10, iPET2 2025-02-26 DS 4 reduced. ")
    ipet = base("V18i", False)
    expect("V18i", as_of=after(ipet), trace="B2; B5 (plan)",
           notes=common + "Interim snapshot: 4 more R-CHOP (total 6) + ISRT 30 Gy/15 [1B].",
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 2, "latest_response.rule": "P7",
                "pathway": "BSH_PET_ADAPTED", "scores.ipi": 1, "scores.aaipi": 0, "scores.smipi": 1,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["B2"], "rules_absent": ["B1", "B3", "B4", "B9"],
                "flags_present": ["SEED_IPI_VS_AAIPI"]})
    eot = base("V18", True)
    expect("V18", as_of=after(eot), trace="B2, B5-B8; §6",
           notes=common + ("C3-C6 2025-03-03..05-05 (last rituximab); ISRT 30 Gy/15 fx 2025-05-26..06-13; the vignette "
                           "gives no EOT PET, so one is invented on 2025-06-27 (53 d after the last rituximab, "
                           "14 d after RT) with a residual DS 4 focus: BSH_TIMING_AMBIGUOUS (day 43-56, DS 4 before "
                           "day 56) and EOT_PET_POST_RT_EARLY (< 56 d after RT); residual focus -> biopsy (B7). "
                           "B8 (repeat PET in 8-12 weeks) is conditional on biopsy not feasible: not asserted."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P7",
                "pathway": "BSH_PET_ADAPTED", "labels.eot_response_1l": "PENDING",
                "rules_present": ["B7"], "rules_absent": ["B1", "B4", "B9"],
                "flags_present": ["BSH_TIMING_AMBIGUOUS", "EOT_PET_POST_RT_EARLY"],
                "flags_absent": ["EOT_PET_EARLY"]})


def build_v19():
    c1 = D("2025-03-10")
    c = Case("V19")
    c.patient("1958-09-10", "female")
    c.baseline(c1, stage_text="Stage II", bulky=False, en_sites=0, mesenteric=False,
               pet_text=base_text("FDG-avid right cervical and right axillary lymph nodes (largest 3.4 cm, SUVmax "
                                  "13.0). Liver and spleen normal. Impression: Lugano stage II, non-bulky."))
    cyc = c.cycles(c1, 2)
    ipet = cyc[-1] + timedelta(days=16)
    c.pet(ipet, ("Interim FDG PET-CT after 2 cycles of R-CHOP. The cervical and axillary nodes show uptake above "
                 "mediastinum but below liver (Deauville 3). New 2.2 cm FDG-avid lesion in hepatic segment IVb, "
                 "SUVmax 12.6, markedly above liver (Deauville 5), consistent with lymphoma. Impression: progressive "
                 "metabolic disease (new hepatic lesion)."),
          "interim", coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none", "suv": 12.6})
    write(c)
    expect("V19", as_of=after(ipet), trace="B3; P1; K1",
           notes=("66 y female, stage II non-bulky (no size stated), LDH normal, ECOG 0, mesenteric false -> BSH "
                  "eligible. C1 2025-03-10, C2 03-31; iPET2 2025-04-16: nodes DS 3, new liver lesion DS 5 consistent "
                  "with lymphoma -> PMD. No biopsy yet: bock_group PPD from imaging (binding clarification)."),
           exp={"latest_response.category": "PMD", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 2, "latest_response.rule": "P1",
                "pathway": "BSH_PET_ADAPTED", "scores.ipi": 1, "scores.aaipi": 0, "scores.smipi": 2,
                "labels.bock_group": "PPD",
                "rules_present": ["B3"], "rules_absent": ["B1", "B2", "B4"],
                "flags_present": ["NEW_LESION"]})


def build_v20():
    c1 = D("2025-03-03")
    spec = {
        "V20a": ("1959-06-01", "male", "Stage I", False, (3.0, 2.1, "right inguinal lymph node"),
                 ("C83.35", "Diffuse large B-cell lymphoma, lymph nodes of inguinal region and lower limb")),
        "V20b": ("1966-06-01", "male", "Stage I", False, (3.0, 2.1, "right inguinal lymph node"),
                 ("C83.35", "Diffuse large B-cell lymphoma, lymph nodes of inguinal region and lower limb")),
        "V20c": ("1954-06-01", "female", "Stage II bulky", True, (8.0, 5.5, "anterior mediastinal mass"),
                 ("C83.32", "Diffuse large B-cell lymphoma, intrathoracic lymph nodes")),
    }
    for vid, (birth, sex, stage, bulky, size, icd) in spec.items():
        c = Case(vid, rest=(vid == "V20b"))
        c.patient(birth, sex)
        if vid == "V20c":
            txt = base_text("Bulky FDG-avid anterior mediastinal mass 8.0 x 5.5 cm and right paratracheal nodes "
                            "(SUVmax 20.1). Nothing below the diaphragm. Impression: Lugano stage II, bulky (8.0 cm).")
        else:
            txt = base_text("Single FDG-avid right inguinal lymph node 3.0 x 2.1 cm (SUVmax 11.2). No other disease. "
                            "Impression: Lugano stage I.")
        c.baseline(c1, stage_text=stage, bulky=bulky, en_sites=0, mesenteric=False, ecog=0, size=size, icd=icd,
                   pet_text=txt)
        c.cycle(c1, "R-CHOP", "c1")
        write(c)
    expect("V20a", as_of=after(c1), trace="§3.1; B9 (not applicable)",
           notes=("65 y male, stage I, 3 cm, LDH normal, ECOG 0; baseline PET 2025-02-14, C1 R-CHOP 2025-03-03. "
                  "IPI 1 / aaIPI 0 -> BSH eligible + SEED_IPI_VS_AAIPI."),
           exp={"pathway": "BSH_PET_ADAPTED", "scores.ipi": 1, "scores.aaipi": 0, "scores.smipi": 1,
                "labels.bock_group": "UNDETERMINED",
                "rules_absent": ["B9"], "flags_present": ["SEED_IPI_VS_AAIPI"]})
    expect("V20b", as_of=after(c1), trace="§3.1; B9",
           notes="58 y male, otherwise as V20a: not BSH eligible (age <= 60) -> NCCN limited-stage tables. fullUrl 'Type/id'.",
           exp={"pathway": "NCCN_LIMITED", "scores.ipi": 0, "scores.aaipi": 0, "scores.smipi": 0,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["B9"], "flags_absent": ["SEED_IPI_VS_AAIPI"]})
    expect("V20c", as_of=after(c1), trace="§3.1; B9",
           notes=("70 y female, stage II, bulky 8.0 cm mediastinal mass (>= 7.5), aaIPI 0 -> not BSH eligible -> NCCN "
                  "limited. SEED_IPI_VS_AAIPI not asserted either way (eligibility fails on bulk)."),
           exp={"pathway": "NCCN_LIMITED", "scores.ipi": 1, "scores.aaipi": 0, "scores.smipi": 2,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["B9"], "flags_absent": ["BULKY_BOUNDARY"]})


def build_v21_v22():
    c1 = D("2025-01-13")
    ipet, bx = D("2025-03-13"), D("2025-03-18")
    text = ("Interim FDG PET-CT after 3 cycles of R-CHOP. The anterior mediastinal mass has decreased from 8.0 cm to "
            "4.1 cm; residual uptake moderately above liver, Deauville score 4. Uptake reduced compared with baseline "
            "(SUVmax 5.6 vs 21.0). No new lesions. No marrow uptake. Impression: Deauville 4, partial metabolic "
            "response.")
    for vid, positive in (("V21", False), ("V22", True)):
        c = Case(vid)
        c.patient("1974-06-15", "female")
        c.baseline(c1, stage_text="Stage II bulky", bulky=True, en_sites=0, mesenteric=False, ecog=0,
                   size=(8.0, 6.0, "anterior mediastinal mass"),
                   icd=("C83.32", "Diffuse large B-cell lymphoma, intrathoracic lymph nodes"),
                   pet_text=base_text("Bulky FDG-avid anterior mediastinal mass 8.0 x 6.0 cm (SUVmax 21.0) with left "
                                      "supraclavicular nodes. Nothing below the diaphragm; no mesenteric disease. "
                                      "Impression: Lugano stage II, bulky."))
        c.cycles(c1, 3)
        if vid == "V21":
            c.pet(ipet, text, "interim", coded=None, title="FDG PET-CT (interim, after 3 cycles)")
        else:
            c.pet(ipet, text, "interim", coded={"ds": 4, "uptake": "reduced", "new": False, "marrow": "none",
                                                "suv": 5.6})
        c.biopsy(bx, positive, "anterior mediastinal residual mass", "CT-guided core needle biopsy")
        write(c)
    common = ("50 y female, stage II bulky 8.0 cm mediastinal (non-mesenteric, coded false), LDH normal, ECOG 0. "
              "C1-C3 2025-01-13..02-24; iPET3 2025-03-13 DS 4 reduced; CT-guided biopsy 2025-03-18 (C4 deferred). "
              "smIPI 1 (stage II), IPI 0, aaIPI 0; age 50 -> not BSH. ")
    expect("V21", as_of=after(bx), trace="NL2, NL2a [S §4]",
           notes=common + ("iPET sent ONLY as report text. Biopsy negative -> CR pathway (remaining R-CHOP ± ISRT, "
                           "then EOT PET). NL1 itself is not asserted (NL2a says 'follow NL1')."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 3, "latest_response.rule": "P7",
                "pathway": "NCCN_LIMITED", "scores.ipi": 0, "scores.aaipi": 0, "scores.smipi": 1,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["NL2", "NL2a"], "rules_absent": ["NL2b", "NL3", "NA1"],
                "flags_absent": ["MESENTERIC_STATUS_UNKNOWN", "IPET_OFF_SCHEDULE"]})
    expect("V22", as_of=after(bx), trace="NL2b, NL5",
           notes=common + ("iPET coded (tier 2). Biopsy positive -> guideline gap (NL2b): clinician review; not "
                           "labelled refractory at interim (nccn_refractory must not be true; false vs null not "
                           "asserted). NL5 (EOT biopsy plan) not asserted at interim."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 3, "latest_response.rule": "P7",
                "pathway": "NCCN_LIMITED", "scores.smipi": 1,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["NL2", "NL2b"], "rules_absent": ["NL2a", "NL3"],
                "flags_absent": ["MESENTERIC_STATUS_UNKNOWN"]},
           expect_not={"labels.nccn_refractory": True})


def build_v23():
    c1 = D("2025-02-03")

    def base(vid, full):
        c = Case(vid, rest=True)
        c.patient("1963-09-01", "male")
        c.baseline(c1, stage_text="Stage II bulky", bulky=True, en_sites=0, mesenteric=True, ecog=0,
                   size=(9.0, 7.0, "mesenteric nodal mass"),
                   icd=("C83.33", "Diffuse large B-cell lymphoma, intra-abdominal lymph nodes"),
                   pet_text=base_text("Extensive conglomerate FDG-avid mesenteric nodal disease, dominant mass 9.0 x "
                                      "7.0 cm (SUVmax 24.6), with para-aortic nodes. Nothing above the diaphragm. "
                                      "Impression: Lugano stage II with extensive mesenteric disease."))
        cyc = six_cycles(c, c1, 6 if full else 2)
        ipet = D("2025-03-12")
        c.pet(ipet, ("Interim FDG PET-CT after 2 cycles of R-CHOP. Mesenteric mass smaller (6.1 cm) with uptake "
                     "markedly above liver (Deauville 5, SUVmax 9.8 vs 24.6), reduced compared with baseline. "
                     "No new lesions. Impression: Deauville 5 with reduced uptake, partial metabolic response."),
              "interim", coded={"ds": 5, "uptake": "reduced", "new": False, "marrow": "none", "suv": 9.8})
        if not full:
            write(c)
            return ipet
        eot = cyc[-1] + timedelta(days=35)
        c.pet(eot, ("End-of-treatment FDG PET-CT. Residual mesenteric mass 4.5 cm with uptake markedly above liver "
                    "(Deauville 5, SUVmax 8.1), reduced compared with baseline. No new lesions. Impression: residual "
                    "metabolically active disease, Deauville 5. Biopsy recommended."),
              "end-of-treatment", coded={"ds": 5, "uptake": "reduced", "new": False, "marrow": "none", "suv": 8.1})
        bx = eot + timedelta(days=7)
        c.biopsy(bx, True, "residual mesenteric mass", "CT-guided core needle biopsy")
        write(c)
        return bx

    common = ("61 y male, stage II with extensive mesenteric disease (tier-2 flag true). The mesenteric mass is made "
              "bulky (9.0 cm) on purpose: otherwise a 61 y stage II aaIPI 0 patient would meet the BSH criteria of "
              "§3.1, which do not exclude mesenteric disease. C1 2025-02-03; iPET2 2025-03-12 DS 5 reduced. ")
    ipet = base("V23i", False)
    expect("V23i", as_of=after(ipet), trace="§2.1; NA1",
           notes=common + "Interim snapshot (C1-C2, planned 6): continue to 6 cycles.",
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "interim",
                "latest_response.cycles_before": 2, "latest_response.rule": "P7",
                "pathway": "NCCN_ADVANCED", "scores.ipi": 1, "scores.aaipi": 0,
                "labels.bock_group": "UNDETERMINED",
                "rules_present": ["NA1"], "rules_absent": ["NA2", "NL2", "NL3", "B2", "B3"],
                "flags_absent": ["MESENTERIC_STATUS_UNKNOWN"]})
    bx = base("V23", True)
    expect("V23", as_of=after(bx), trace="§2.1; NA1, NA4, NA4b; K2",
           notes=common + ("C1-C6 2025-02-03..05-19; EOT PET 2025-06-23 (dt 35 d) DS 5 reduced; biopsy 2025-06-30 "
                           "positive -> refractory (NCCN), Bock EOT PR; no interval restaging (DS 5, so not NA4a). "
                           "T1 and T8 (age < 65, EOT PR, timely access uncoded) given 'if eligible'."),
           exp={"latest_response.category": "PMR", "latest_response.timepoint": "end_of_treatment",
                "latest_response.cycles_before": 6, "latest_response.rule": "P7",
                "pathway": "NCCN_ADVANCED", "labels.eot_response_1l": "PR",
                "labels.nccn_refractory": True, "labels.bock_group": "EOT_PR",
                "labels.early_treatment_failure": True,
                "labels.trial_classes.zuma7": "refractory", "labels.trial_classes.transform": "refractory",
                "rules_present": ["NA4", "NA4b", "T1", "T8"], "rules_absent": ["NA3", "NA4a", "NA4c", "T11"],
                "missing_present": ["cart_eligibility", "cart_timely_access"]})


def build_v25():
    c1 = D("2024-09-23")
    c = Case("V25")
    c.patient("1965-04-04", "female")
    c.baseline(c1, stage_text="Stage III", bulky=False, en_sites=0, pet_text=BASE_ADV)
    cyc = six_cycles(c, c1)
    assert iso(cyc[-1]) == "2025-01-06"
    eot = D("2025-02-10")
    c.pet(eot, ("End-of-treatment FDG PET-CT. All previously involved sites show uptake at or below mediastinal "
                "blood pool (Deauville 2). No new lesions. Impression: complete metabolic response."),
          "end-of-treatment", coded={"ds": 2, "new": False, "marrow": "none"})
    rel = D("2025-03-28")
    c.pet(rel, ("FDG PET-CT for new B symptoms. New FDG-avid para-aortic and left axillary lymphadenopathy "
                "(SUVmax 17.5), markedly above liver, Deauville 5, consistent with lymphoma. Impression: early "
                "relapse."), "relapse-or-follow-up",
          coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none", "suv": 17.5})
    bx = D("2025-04-02")
    c.biopsy(bx, True, "left axillary lymph node", "Ultrasound-guided core needle biopsy")
    write(c)
    expect("V25", as_of=after(bx), trace="K3; §5.1; T1",
           notes=("59 y female, stage III. C1-C6 2024-09-23..2025-01-06 (last dose); EOT PET 2025-02-10 CMR (dt 35 d); "
                  "relapse PET 2025-03-28 (81 d < add_months(EOT, 3) = 2025-04-06); biopsy 2025-04-02 positive. "
                  "NCCN refractory false (EOT CR; relapse is not refractory) while TRANSFORM classes it refractory. "
                  "trial_classes values assume the lower-case vocabulary refractory|relapsed."),
           exp={"latest_response.category": "PMD", "latest_response.timepoint": "relapse_or_follow_up",
                "latest_response.rule": "P1", "pathway": "NCCN_ADVANCED",
                "scores.ipi": 1, "scores.aaipi": 1,
                "labels.eot_response_1l": "CR", "labels.nccn_refractory": False,
                "labels.bock_group": "EARLY_RELAPSE_LT3M", "labels.early_treatment_failure": True,
                "labels.trial_classes.transform": "refractory", "labels.trial_classes.zuma7": "relapsed",
                "labels.trial_classes.belinda": "relapsed",
                "rules_present": ["T1"], "rules_absent": ["T3", "T11"],
                "flags_present": ["BOCK_LT3M_AMBIGUOUS", "NEW_LESION"], "flags_absent": ["BOUNDARY_12M"],
                "missing_present": ["cart_eligibility"]})


def v24_ct():
    def ppd(l, s):
        return round(l * s, 2)

    return {
        "trace": "§1.4 formulas (node_PD, spleen_PD, new_splenomegaly)",
        "notes": ("CT-only follow-up, plain numbers (no Bundle). Nodes are measured against their nadir; thr = 0.5 cm "
                  "when LDi_nadir <= 2.0 cm. Spleen: L_ref = nadir length; normal <= 13 cm."),
        "nodes": [
            {"name": "A", "nadir": {"ldi": 1.8, "sdi": 1.2}, "now": {"ldi": 2.4, "sdi": 1.5},
             "expected": {"ppd_nadir": ppd(1.8, 1.2), "ppd_now": ppd(2.4, 1.5), "ppd_pct_change": 66.7,
                          "delta_ldi": 0.6, "delta_sdi": 0.3, "threshold": 0.5, "ldi_gt_1_5": True,
                          "node_pd": True}},
            {"name": "B", "nadir": {"ldi": 0.8, "sdi": 0.6}, "now": {"ldi": 1.2, "sdi": 0.9},
             "expected": {"ppd_nadir": ppd(0.8, 0.6), "ppd_now": ppd(1.2, 0.9), "ppd_pct_change": 125.0,
                          "delta_ldi": 0.4, "delta_sdi": 0.3, "threshold": 0.5, "ldi_gt_1_5": False,
                          "node_pd": False}},
        ],
        "spleens": [
            {"case": "patient 1", "baseline_cm": 15.0, "ref_cm": 15.0, "now_cm": 16.5,
             "expected": {"excess_ref": 2.0, "increase": 1.5, "limit": 1.0, "spleen_pd": True,
                          "new_splenomegaly": False}},
            {"case": "patient 2", "baseline_cm": 15.0, "ref_cm": 15.0, "now_cm": 15.8,
             "expected": {"excess_ref": 2.0, "increase": 0.8, "limit": 1.0, "spleen_pd": False,
                          "new_splenomegaly": False}},
            {"case": "patient 3 (no splenomegaly)", "baseline_cm": 11.0, "ref_cm": 11.0, "now_cm": 12.8,
             "expected": {"excess_ref": 0.0, "increase": 1.8, "limit": 2.0, "spleen_pd": False,
                          "new_splenomegaly": False}},
        ],
        "overall": {"nodes_A_B_and_spleen_patient_1": "PD", "reason": "node A PD (and spleen patient 1 PD)"},
    }


def main():
    for f in HERE.glob("V*.json"):
        f.unlink()
    build_v01_v04()
    build_v05()
    build_v06()
    build_v07()
    build_v08()
    build_v09()
    build_v10()
    build_v11()
    build_v12()
    build_v13()
    build_v14()
    build_v15()
    build_v16()
    build_v17()
    build_v18()
    build_v19()
    build_v20()
    build_v21_v22()
    build_v23()
    EXPECTED["V24_ct"] = v24_ct()
    build_v25()
    order = sorted(EXPECTED, key=lambda k: (int(k[1:3]), k))
    out = {k: EXPECTED[k] for k in order}
    (HERE / "expected.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(list(HERE.glob('V*.json')))} bundles and expected.json ({len(EXPECTED)} entries)")


if __name__ == "__main__":
    main()
