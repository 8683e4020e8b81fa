"""PET-CT and CT findings -> ImagingAssessment per study date (tiers 1, 2 and 3 of fhir-input.md).

Coded data (tier 1 mCODE DeauvilleScale, tier 2 lbcl-cds profile) and report text (tier 3) of the
same date are merged into one assessment. Coded values win; a disagreement with the text is flagged
`CODED_TEXT_DISAGREE`, never silently resolved (fhir-input.md "Missing and conflicting data").
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field, replace
from datetime import date

from . import codes
from .case_facts import Evidence, ImagingAssessment, LesionMeasurement, PetSite
from .fhir_json import (
    cc_text,
    code_in_system,
    codings,
    components,
    effective_date,
    has_code,
    json_int,
    quantity_value,
    ref,
)
from .pet_text import extract_pet_findings
from .report_text import report_text  # noqa: F401 (re-exported for callers of pet.report_text)

_ENUM = {  # tier-2 value codes -> case-fact vocabulary (docs/fhir-profile.md)
    "reduced": "reduced", "unchanged": "unchanged", "increased": "increased",
    "lymphoma": "lymphoma", "not-lymphoma": "not_lymphoma", "uncertain": "uncertain",
    "none": "none", "diffuse-reactive": "diffuse_reactive", "focal-residual-reduced": "focal_residual_reduced",
    "new-or-recurrent-focal": "new_or_recurrent_focal",
    "baseline": "baseline", "interim": "interim", "end-of-treatment": "end_of_treatment",
    "post-salvage": "post_salvage", "relapse-or-follow-up": "relapse_or_follow_up",
    "CMR": "CMR", "PMR": "PMR", "NMR": "NMR", "PMD": "PMD",
}
_IMAGING_OBS = frozenset({codes.DEAUVILLE, codes.TUMOR_SIZE, codes.MTV_CODE, *codes.SUV_CODES, *codes.DISEASE_STATUS})
# mCODE CancerDiseaseStatus values (SNOMED, fhir-input.md tier 1) -> the CT categories of a CT-only study
DISEASE_STATUS_CT = {"271299001": "PD", "359746009": "SD", "268910001": "PR", "551001000124108": "PR",
                     "103337004": "PR", "550991000124107": "CR", "103338009": "CR"}


@dataclass
class _Study:
    """Mutable accumulator for one date; frozen into an ImagingAssessment at the end."""

    day: date
    pet: bool = False
    ds: int | None = None
    x: bool = False
    uptake: str | None = None
    new: bool | None = None
    etiology: str | None = None
    marrow: str | None = None
    category: str | None = None
    timepoint: str | None = None
    suv: float | None = None
    tmtv: float | None = None
    spleen: float | None = None
    sites: list[PetSite] = field(default_factory=list)
    lesions: list[LesionMeasurement] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    from_text: bool = False
    ct_status: str | None = None  # CR/PR/SD/PD from a coded disease status (CT studies)


def _value_code(cc: object) -> str | None:
    code = code_in_system(cc, codes.LBCL)
    return _ENUM.get(code) if code else None


_DS_TEXT = re.compile(r"^\s*(?:deauville|ds|5-?ps)?\s*(?:score)?\s*[:=]?\s*([1-5xX])\s*(?:/\s*5)?\s*$", re.I)


def _deauville_value(item: dict) -> tuple[int | None, bool]:
    """(score, is_x) from valueInteger / NCIt valueCodeableConcept / interpretation (mCODE), or a
    valueString / valueCodeableConcept.text holding just the score (fhir-input.md tier-1 fallbacks)."""
    if json_int(item.get("valueInteger")) is not None and 1 <= item["valueInteger"] <= 5:  # JSON true is no score
        return item["valueInteger"], False
    for cc in [item.get("valueCodeableConcept"), *(item.get("interpretation") or [])]:
        for system, code in codings(cc):
            if system == codes.NCIT and code in codes.NCIT_DEAUVILLE:
                return codes.NCIT_DEAUVILLE[code], False
            if system == codes.NCIT and code == codes.NCIT_DEAUVILLE_X:
                return None, True
    for text in (item.get("valueString"), (item.get("valueCodeableConcept") or {}).get("text")):
        m = _DS_TEXT.match(text) if isinstance(text, str) else None
        if m:
            return (None, True) if m.group(1) in "xX" else (int(m.group(1)), False)
    return None, False


def _read_findings(study: _Study, items: list[dict]) -> tuple[int | None, bool, str | None, bool | None, str | None]:
    ds, x, uptake, new, etiology = None, False, None, None, None
    for c in items:
        code = c.get("code")
        if has_code(code, codes.DEAUVILLE):
            ds, x = _deauville_value(c)
        elif has_code(code, (codes.LBCL, "deauville-x")):
            x = c.get("valueBoolean") is True or x
        elif has_code(code, (codes.LBCL, "uptake-vs-baseline")):
            uptake = _value_code(c.get("valueCodeableConcept"))
        elif has_code(code, (codes.LBCL, "new-lesion")):
            new = c.get("valueBoolean") if isinstance(c.get("valueBoolean"), bool) else None
        elif has_code(code, (codes.LBCL, "new-lesion-etiology")):
            etiology = _value_code(c.get("valueCodeableConcept"))
        elif has_code(code, (codes.LBCL, "marrow-pattern")):
            study.marrow = _value_code(c.get("valueCodeableConcept"))
        elif has_code(code, (codes.LBCL, "timepoint")):
            study.timepoint = _value_code(c.get("valueCodeableConcept"))
        elif has_code(code, codes.SUV_CODES):
            study.suv = quantity_value(c.get("valueQuantity"))
        elif has_code(code, codes.MTV_CODE):
            study.tmtv = quantity_value(c.get("valueQuantity"))
    return ds, x, uptake, new, etiology


_SITE_CODES = {(codes.LBCL, "pet-site-finding"), codes.DEAUVILLE}


def _observation(res: dict, study: _Study) -> bool:
    code = res.get("code")
    here = set(codings(code))
    if (codes.LBCL, "pet-response-assessment") in here:
        ds, x, uptake, new, etiology = _read_findings(study, [res, *components(res)])
        study.pet = True
        study.ds, study.x = ds if ds is not None else study.ds, x or study.x
        study.uptake, study.new, study.etiology = uptake, new, etiology
        study.category = _value_code(res.get("valueCodeableConcept")) or study.category
        return True
    if here & _SITE_CODES:
        ds, x, uptake, new, etiology = _read_findings(study, [res, *components(res)])
        if codes.DEAUVILLE in here:
            ds, x = _deauville_value(res)
        study.pet = True
        study.sites.append(PetSite(site=cc_text(res.get("bodySite")) or None, ds=ds, score_x=x,
                                   uptake=uptake or "unknown", is_new=bool(new), etiology=etiology))
        return True
    if here & codes.SUV_CODES:
        study.suv = quantity_value(res.get("valueQuantity"))
        return True
    if codes.MTV_CODE in here:
        study.tmtv = quantity_value(res.get("valueQuantity"))
        return True
    if (codes.LBCL, "spleen-length") in here:
        study.spleen = quantity_value(res.get("valueQuantity"))
        return True
    if here & codes.DISEASE_STATUS:  # mCODE CancerDiseaseStatus: the reader's CT assessment (terminology.md)
        values = {c for _, c in codings(res.get("valueCodeableConcept"))}
        status = next((DISEASE_STATUS_CT[v] for v in values if v in DISEASE_STATUS_CT), None)
        if status:
            study.ct_status = status
            return True
        return False
    if codes.TUMOR_SIZE in here:
        dims = {c2: quantity_value(c.get("valueQuantity")) for c in components(res)
                for _, c2 in codings(c.get("code"))}
        longest = _cm(dims.get(codes.TUMOR_LONGEST), res)
        other = _cm(dims.get(codes.TUMOR_OTHER), res)
        if longest is not None:
            site = cc_text(res.get("bodySite")) or res.get("id") or "lesion"
            study.lesions.append(LesionMeasurement(site=site, ldi_cm=longest, sdi_cm=other or 0.0))
            return True
    return False


def _cm(value: float | None, res: dict) -> float | None:
    if value is None:
        return None
    units = {(c.get("valueQuantity") or {}).get("unit") for c in components(res)}
    return value / 10.0 if units & {"mm", "millimeter"} else value


def is_pet_report(res: dict) -> bool:
    code = res.get("code") if res.get("resourceType") == "DiagnosticReport" else res.get("type")
    if has_code(code, codes.PET_REPORT_CODES):
        return True
    words = cc_text(code).lower()
    return "pet" in words.split() or "pet-ct" in words or "pet/ct" in words


def _merge_text(study: _Study, text: str, reference: str) -> None:
    f = extract_pet_findings(text, with_staging=False)  # staging statements: staging_reports.py
    study.pet = True
    study.from_text = True
    study.flags.extend(f.flags)

    def take(fact: object, current: object) -> object:
        if fact is None:
            return current
        study.quotes.append(fact.quote)
        if current is not None and current != fact.value:
            study.flags.append("CODED_TEXT_DISAGREE")
            return current  # coded value kept; the disagreement is flagged
        return fact.value

    study.ds = take(f.deauville, study.ds)
    if f.deauville_x:
        study.x = True
        study.quotes.append(f.deauville_x.quote)
    # Uptake change from SUVmax numbers alone is never used: it must be reader-coded (clinical-logic §0).
    if "UPTAKE_CHANGE_NOT_CODED" not in f.flags:
        study.uptake = take(f.uptake, study.uptake)
    study.new = take(f.new_lesions, study.new)
    study.etiology = take(f.new_lesion_etiology, study.etiology)
    study.marrow = take(f.marrow, study.marrow)
    study.category = take(f.category, study.category)
    study.timepoint = take(f.timepoint, study.timepoint)
    study.suv = take(f.suv_max, study.suv)
    study.tmtv = take(f.tmtv_ml, study.tmtv)
    if f.sites and not study.sites:
        study.sites = [PetSite(site=s, ds=d, uptake=study.uptake or "unknown") for s, d in f.sites]
        # sites a list or table marks new ("left axilla 4 (new)"): new lesions, with the report's etiology
        study.sites += [PetSite(site=s, ds=d if isinstance(d, int) else None, is_new=True,
                                etiology=study.etiology or "uncertain") for s, d in f.new_sites]
    if f.addendum_revised:  # the revised reading is used; both sentences are quoted
        study.flags.append("REPORT_ADDENDUM_REVISED")
        if f.revision:
            study.quotes += [f.revision.revised, f.revision.original]


def _freeze(s: _Study) -> ImagingAssessment:
    sites = list(s.sites)
    if not sites and (s.ds is not None or s.x):
        sites.append(PetSite(site=None, ds=s.ds, uptake=s.uptake or "unknown"))
    elif sites and s.uptake:
        sites = [replace(p, uptake=s.uptake) if p.uptake == "unknown" and not p.is_new else p for p in sites]
    if sites and s.ds is not None and not any(p.ds is not None and p.ds >= s.ds for p in sites if not p.is_new):
        # the scan's own score is its highest (a range or a list: architecture.md, second set); sites scored
        # lower ("the pulmonary nodules have resolved (Deauville 2)") do not lower it (blind chart round 6)
        sites.append(PetSite(site=None, ds=s.ds, uptake=s.uptake or "unknown"))
    if s.new and not any(p.is_new for p in sites):
        new_ds = max((p.ds for p in sites if p.ds is not None), default=None)
        sites.append(PetSite(site="new lesion", ds=new_ds, score_x=s.x and s.etiology != "lymphoma",
                             is_new=True, etiology=s.etiology or "uncertain"))
    elif s.x and not any(p.score_x for p in sites):
        sites.append(PetSite(site="score X finding", score_x=True, is_new=True, etiology="not_lymphoma"))
    flags = tuple(dict.fromkeys(s.flags))
    return ImagingAssessment(
        date=s.day, modality="PET" if s.pet else "CT", sites=tuple(sites), marrow=s.marrow,
        new_lesions=s.new, reported_category=s.category if s.pet else (s.category or s.ct_status), suv_max=s.suv, tmtv_ml=s.tmtv,
        lesions=tuple(s.lesions), spleen_cm=s.spleen, timepoint_hint=s.timepoint,
        evidence=Evidence(resources=tuple(dict.fromkeys(s.refs)), from_text=s.from_text,
                          quotes=tuple(dict.fromkeys(q for q in s.quotes if q))),
        flags=flags)


def imaging(resources: list[dict]) -> tuple[ImagingAssessment, ...]:
    studies: dict[date, _Study] = {}
    texts: list[tuple[date, str, str]] = []
    for res in resources:
        rt = res.get("resourceType")
        day = effective_date(res)
        if day is None:
            continue
        if rt == "Observation" and res.get("status") in codes.OBS_OK_STATUS:
            if not _IMAGING_OBS & set(codings(res.get("code"))) and code_in_system(res.get("code"), codes.LBCL) is None:
                continue  # labs, ECOG, staging: not imaging
            study = studies.get(day) or _Study(day)
            if _observation(res, study):
                studies[day] = study
                study.refs.append(ref(res))
        elif rt in ("DiagnosticReport", "DocumentReference") and res.get("status") in (
                "final", "amended", "corrected", "current", "appended") and is_pet_report(res):
            text = report_text(res)
            study = studies.setdefault(day, _Study(day))
            study.pet = True
            study.refs.append(ref(res))
            if text:
                texts.append((day, text, ref(res)))
    for day, text, reference in texts:  # text after all coded data, so coded values win
        _merge_text(studies[day], text, reference)
    return tuple(_freeze(studies[d]) for d in sorted(studies))
