"""Patient, diagnosis, stage, labs, performance status, procedures, biopsies and clinician-coded
inputs -> case facts (fhir-input.md tier 1; docs/fhir-profile.md tier 2)."""

from __future__ import annotations

import re
from datetime import date

from . import codes, staging_reports
from .case_facts import CarTCourse, Eligibility, Evidence, Measurement, RadiotherapyCourse, Staging
from .fhir_json import (
    cc_text,
    code_in_system,
    codings,
    components,
    effective_date,
    has_code,
    json_int,
    parse_date,
    period,
    quantity_value,
    ref,
)

_LBCL_TEXT = re.compile(codes.LBCL_TEXT, re.I)
# Roman or arabic stage with suffixes (terminology.md §3.3 stage regex)
_STAGE = re.compile(r"\bstage\s*[:\-]?\s*(IV|I{1,3}|[1-4])\s*([ABESX]*)\b|^\s*(IV|I{1,3})([ABESX]*)\s*$", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DOSE = re.compile(r"(\d+(?:\.\d+)?)\s*Gy(?:\s*(?:in|/)\s*(\d+)\s*(?:fractions|fx|#))?", re.I)
_RT_TEXT = re.compile(r"\b(isrt|involved[- ](site|field)|radiotherapy|radiation therapy)\b", re.I)
_CONDITION_EXCLUDED = {"refuted", "entered-in-error"}
MAX_PLAUSIBLE_CM = 100.0  # a tumour diameter above this (or <= 0) is a data error: treated as unknown


def _condition_ok(res: dict) -> bool:
    ver = {c for _, c in codings(res.get("verificationStatus"))}
    return not (ver & _CONDITION_EXCLUDED)


def diagnosis(resources: list[dict]) -> tuple[str | None, date | None, list[str]]:
    """LBCL subtype and date from Conditions (ICD-10-CM C83.3*/C85.2*, SNOMED, ICD-O-3, text)."""
    found: list[tuple[date | None, str, str]] = []
    for res in resources:
        if res.get("resourceType") != "Condition" or not _condition_ok(res):
            continue
        subtype = None
        for system, code in codings(res.get("code")):
            norm = code.replace(".", "").upper()
            if system == codes.ICD10CM:
                subtype = next((v for p, v in codes.ICD10_LBCL_PREFIXES.items() if norm.startswith(p)), subtype)
            elif system == codes.SNOMED and code in codes.SNOMED_LBCL:
                subtype = codes.SNOMED_LBCL[code]
            elif system == codes.ICDO3 and code in codes.ICDO3_LBCL:
                subtype = codes.ICDO3_LBCL[code]
        for ext in res.get("extension") or []:  # mCODE histology-morphology-behavior (ICD-O-3)
            code = code_in_system(ext.get("valueCodeableConcept") if isinstance(ext, dict) else None, codes.ICDO3)
            if code in codes.ICDO3_LBCL:
                subtype = subtype or codes.ICDO3_LBCL[code]
        if subtype is None and _LBCL_TEXT.search(cc_text(res.get("code"))):
            subtype = "PMBCL" if "mediastinal" in cc_text(res.get("code")).lower() else "DLBCL"
        if subtype:
            found.append((parse_date(res.get("onsetDateTime")) or parse_date(res.get("recordedDate")),
                          subtype, ref(res)))
    if not found:
        return None, None, []
    found.sort(key=lambda f: f[0] or date.max)
    return found[0][1], found[0][0], [f[2] for f in found]


def _parse_stage(text: str) -> tuple[int | None, str]:
    m = _STAGE.search(text.strip())
    if not m:
        return None, ""
    roman = (m.group(1) or m.group(3) or "").upper()
    return _ROMAN.get(roman), (m.group(2) or m.group(4) or "").upper()


def staging(resources: list[dict], findings: dict[str, dict], first_dose: date | None,
            reports: tuple[dict, ...] | list[dict] = ()) -> Staging:
    stage, suffixes, bulky, refs = None, "", None, []
    stage_date: date | None = None
    texts: list[str] = []
    for res in resources:
        rt = res.get("resourceType")
        if rt == "Observation" and res.get("status") in codes.OBS_OK_STATUS and has_code(res.get("code"), codes.LYMPHOMA_STAGE):
            text = cc_text(res.get("valueCodeableConcept")) or res.get("valueString") or " ".join(
                c for _, c in codings(res.get("valueCodeableConcept")))
            s, suf = _parse_stage(text if "stage" in text.lower() else f"stage {text}")
            day = effective_date(res) or date.min
            if s and (stage_date is None or day < stage_date):  # staging at diagnosis: the earliest
                stage, suffixes, stage_date = s, suf, day
                refs.append(ref(res))
            texts.append(text)
            for comp in components(res):
                if has_code(comp.get("code"), codes.BULKY_COMPONENT):
                    vals = {c for _, c in codings(comp.get("valueCodeableConcept"))}
                    bulky = True if codes.BULKY_PRESENT in vals else False if codes.BULKY_ABSENT in vals else bulky
        elif rt == "Condition" and _condition_ok(res):
            for st in res.get("stage") or []:
                text = cc_text((st or {}).get("summary"))
                texts.append(text)
                s, suf = _parse_stage(text if "stage" in text.lower() else f"stage {text}")
                if s and stage is None:
                    stage, suffixes = s, suf
                    refs.append(ref(res))
            texts.append(cc_text(res.get("code")) + " " + " ".join(
                n.get("text", "") for n in res.get("note") or [] if isinstance(n, dict)))
    largest = _largest_diameter(resources, first_dose)
    if "X" in suffixes and bulky is None:
        bulky = True  # "X" suffix marks bulk (terminology.md §3.3 bulky fallbacks)
    mesenteric = findings.get("extensive-mesenteric-disease")
    n_extra = findings.get("extranodal-sites")
    marrow = findings.get("marrow-involvement")
    coded = Staging(stage=stage, suffixes=suffixes, bulky=bulky, largest_diameter_cm=largest,
                    extensive_mesenteric=mesenteric.get("valueBoolean") if mesenteric else None,
                    extranodal_sites=_count(n_extra.get("valueInteger")) if n_extra else None,
                    marrow_involved=marrow.get("valueBoolean") if marrow else None,
                    evidence=Evidence(resources=tuple(refs)))
    # stated in words anywhere: staging texts and the staging scan's report (clarifications), negation-aware
    return staging_reports.merge(coded, texts, list(reports), first_dose)


def _count(value: object) -> int | None:
    n = json_int(value)
    return n if n is not None and n >= 0 else None


def _largest_diameter(resources: list[dict], first_dose: date | None) -> float | None:
    """Largest longest-diameter (cm) of mCODE TumorSize before the first dose (staging)."""
    sizes: list[tuple[date, float]] = []
    for res in resources:
        if res.get("resourceType") != "Observation" or res.get("status") not in codes.OBS_OK_STATUS:
            continue
        if not has_code(res.get("code"), codes.TUMOR_SIZE):
            continue
        day = effective_date(res)
        for comp in components(res):
            if has_code(comp.get("code"), (codes.LOINC, codes.TUMOR_LONGEST)):
                v = quantity_value(comp.get("valueQuantity"))
                unit = (comp.get("valueQuantity") or {}).get("unit")
                cm = v / 10.0 if v is not None and unit in ("mm", "millimeter") else v
                if cm is not None and day is not None and 0 < cm <= MAX_PLAUSIBLE_CM:  # else unknown, not small
                    sizes.append((day, cm))
    if not sizes:
        return None
    cutoff = first_dose or min(d for d, _ in sizes)
    at_staging = [v for d, v in sizes if d <= cutoff]
    return max(at_staging) if at_staging else None


def tier2_findings(resources: list[dict]) -> dict[str, dict]:
    """Newest clinician-coded tier-2 Observation per code (docs/fhir-profile.md §3)."""
    out: dict[str, tuple[date, dict]] = {}
    for res in resources:
        if res.get("resourceType") != "Observation" or res.get("status") not in codes.OBS_OK_STATUS:
            continue
        code = code_in_system(res.get("code"), codes.LBCL)
        if code is None:
            continue
        day = effective_date(res) or date.min
        if code not in out or day >= out[code][0]:
            out[code] = (day, res)
    return {k: v[1] for k, v in out.items()}


def eligibility(findings: dict[str, dict]) -> Eligibility:
    def flag(name: str) -> bool | None:
        res = findings.get(name)
        v = res.get("valueBoolean") if res else None
        return v if isinstance(v, bool) else None

    cutoff = findings.get("tmtv-cutoff")
    refs = tuple(ref(findings[k]) for k in ("transplant-eligible", "cart-eligible", "cart-timely-access",
                                             "tmtv-cutoff") if k in findings)
    return Eligibility(transplant_eligible=flag("transplant-eligible"), cart_eligible=flag("cart-eligible"),
                       cart_timely_access=flag("cart-timely-access"),
                       tmtv_cutoff_ml=quantity_value(cutoff.get("valueQuantity")) if cutoff else None,
                       evidence=Evidence(resources=refs))


_ECOG_TEXT = re.compile(r"\b(?:ecog|who|zubrod|ps|performance status)\b\D{0,12}?([0-5])\b", re.I)  # "ECOG 2", "PS 1"


def _ecog_text(res: dict) -> float | None:
    """ECOG sent as words (valueString, or a CodeableConcept with text only), clarifications 2nd set."""
    for text in (res.get("valueString"), cc_text(res.get("valueCodeableConcept"))):
        if isinstance(text, str):
            m = _ECOG_TEXT.search(text) or re.fullmatch(r"\s*([0-5])\s*", text)
            if m:
                return float(m.group(1))
    return None


def measurements(resources: list[dict], wanted: set[tuple[str, str]] | tuple[str, str],
                 valid: tuple[float, float] = (0.0, float("inf")), ecog: bool = False,
                 interpretation_only: bool = False) -> tuple[Measurement, ...]:
    """Dated values of the wanted codes; a value outside `valid` (e.g. ECOG 7, a negative LDH) is unknown.
    `ecog`: also read LOINC answer codes and text ("ECOG 2", "PS 1"); `interpretation_only`: keep a
    result that has only an interpretation (H/N) and no number (LDH, clarifications 2nd set)."""
    out = []
    low, high_limit = valid
    for res in resources:  # hot: a long chart is mostly these (issue 16); every step as before, less work
        if res.get("resourceType") != "Observation" or res.get("status") not in codes.OBS_OK_STATUS:
            continue
        if not has_code(res.get("code"), wanted):
            continue
        day = effective_date(res)
        if day is None:
            continue  # undated: never kept (checked first: nothing below is needed for it)
        value = quantity_value(res.get("valueQuantity"))
        if value is None and json_int(res.get("valueInteger")) is not None:
            value = float(res["valueInteger"])
        if value is None and ecog:  # ECOG as a LOINC answer code (LL529-9), or as text
            la = [codes.ECOG_LA[c] for _, c in codings(res.get("valueCodeableConcept")) if c in codes.ECOG_LA]
            la += [codes.ECOG_LA[c] for cc in res.get("interpretation") or [] for _, c in codings(cc) if c in codes.ECOG_LA]
            value = float(la[0]) if la else _ecog_text(res)
        if value is not None and not low <= value <= high_limit:
            value = None
        uln = None
        for rr in res.get("referenceRange") or ():
            uln = quantity_value(rr.get("high")) if isinstance(rr, dict) else None
            if uln is not None:
                break
        if value is not None and uln is not None:
            high = value > uln
        else:  # the interpretation decides only without a value and a limit
            interp = {c for cc in res.get("interpretation") or () for _, c in codings(cc)}
            high = True if interp & {"H", "HH", "HU"} else False if interp & {"N", "L"} else None
        if value is not None or (interpretation_only and high is not None):
            out.append(Measurement(date=day, value=value, upper_limit=uln, high=high,
                                   evidence=Evidence(resources=(ref(res),))))
    return tuple(sorted(out, key=lambda m: m.date))


def radiotherapy(resources: list[dict]) -> tuple[RadiotherapyCourse, ...]:
    out = []
    for res in resources:
        if res.get("resourceType") != "Procedure" or res.get("status") not in ("completed", "in-progress"):
            continue
        text = cc_text(res.get("code"))
        if not (has_code(res.get("code"), codes.RADIOTHERAPY_CODES) or _RT_TEXT.search(text)):
            continue
        start, end = period(res)
        if not start:
            continue
        dose = _DOSE.search(text + " " + " ".join(n.get("text", "") for n in res.get("note") or [] if isinstance(n, dict)))
        out.append(RadiotherapyCourse(start=start, end=end or start,
                                      dose_gy=float(dose.group(1)) if dose else None,
                                      fractions=int(dose.group(2)) if dose and dose.group(2) else None,
                                      evidence=Evidence(resources=(ref(res),))))
    return tuple(sorted(out, key=lambda r: r.start))


def procedure_dates(resources: list[dict], wanted: set[tuple[str, str]]) -> list[tuple[date, str]]:
    return sorted((effective_date(r), ref(r)) for r in resources
                  if r.get("resourceType") == "Procedure" and r.get("status") == "completed"
                  and has_code(r.get("code"), wanted) and effective_date(r))


def car_t(resources: list[dict], findings: dict[str, dict], infusions: list[tuple[date, str, str]]) -> CarTCourse:
    decision = findings.get("cart-decision")
    apheresis = procedure_dates(resources, codes.APHERESIS_CODES)
    infused = procedure_dates(resources, codes.CART_INFUSION_CODES)
    infusion_date = min([d for d, _ in infused] + [d for d, _, _ in infusions], default=None)
    product = next((p for _, _, p in infusions), None) or (decision.get("valueString") if decision else None)
    refs = [r for _, r in apheresis + infused] + [r for _, r, _ in infusions] + ([ref(decision)] if decision else [])
    return CarTCourse(decision_date=effective_date(decision) if decision else None,
                      apheresis_date=apheresis[0][0] if apheresis else None,
                      infusion_date=infusion_date, product=product, evidence=Evidence(resources=tuple(refs)))
