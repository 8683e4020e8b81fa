"""CT-only studies from report text -> ImagingAssessment (modality CT), judged by the Lugano CT rules
where no later PET exists (architecture.md, clarifications second set: "CT as imaging").

A CT report is a DiagnosticReport or DocumentReference whose code names CT (SNOMED 77477000, or the words
"CT" / "computed tomography") and not PET. New nodes and new extranodal lesions become new lesion
measurements (PD (e): node > 1.5 cm, extranodal > 1.0 cm [V:L14-CT]); a new finding the reader gives
another cause (reactive, infection) is not counted; the reader's own assessment ("progression",
"partial response", ...) becomes the reported category. Each fact keeps its quote and `from_text`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import codes
from .case_facts import Evidence, ImagingAssessment, LesionMeasurement
from .ct_text import extract_ct_findings
from .fhir_json import cc_text, codings, effective_date, has_code, ref
from .report_text import report_text

CT_PROCEDURE = (codes.SNOMED, "77477000")  # Computed tomography (terminology.md TumorSize method VS)
_CT_WORDS = re.compile(r"\bCT\b|computed\s+tomograph", re.I)
_PET_WORDS = re.compile(r"\bPET\b|positron", re.I)
READER = {"progression": "PD", "partial_response": "PR", "complete_response": "CR", "stable": "SD"}
REPORT_STATUS = ("final", "amended", "corrected", "current", "appended")


def is_ct_report(res: dict) -> bool:
    code = res.get("code") if res.get("resourceType") == "DiagnosticReport" else res.get("type")
    words = " ".join([cc_text(code)] + [str(d) for _, d in codings(code)])
    displays = " ".join(str(c.get("display", "")) for c in (code or {}).get("coding", []) if isinstance(c, dict)) \
        if isinstance(code, dict) and isinstance(code.get("coding"), list) else ""
    words = f"{words} {displays}"
    if has_code(code, codes.PET_REPORT_CODES) or _PET_WORDS.search(words):
        return False
    return has_code(code, CT_PROCEDURE) or bool(_CT_WORDS.search(words))


def _study(res: dict, text: str) -> ImagingAssessment | None:
    f = extract_ct_findings(text)
    quotes: list[str] = []
    lesions: list[LesionMeasurement] = []
    counted = f.new_lesion_etiology is None or f.new_lesion_etiology.value != "not_lymphoma"
    if f.new_lesions and f.new_lesions.value and counted:
        for fact, extranodal, site in ((f.new_node_max_cm, False, "new node"),
                                       (f.new_extranodal_max_cm, True, "new extranodal lesion")):
            if fact is not None:
                size = float(fact.value)
                lesions.append(LesionMeasurement(site=site, ldi_cm=size, sdi_cm=size, is_new=True, extranodal=extranodal))
                quotes.append(fact.quote)
    reported = READER.get(f.reader_assessment.value) if f.reader_assessment else None
    if f.reader_assessment:
        quotes.append(f.reader_assessment.quote)
    if f.new_lesion_etiology:
        quotes.append(f.new_lesion_etiology.quote)
    if not (lesions or reported or f.new_lesions is not None or f.spd_cm2 is not None):
        return None  # a CT report that says nothing about the response: not an assessment
    day = effective_date(res)
    flags = list(f.flags) + (["REPORT_ADDENDUM_REVISED"] if f.addendum_revised else [])
    return ImagingAssessment(
        date=day, modality="CT", new_lesions=f.new_lesions.value if f.new_lesions else None,
        reported_category=reported, lesions=tuple(lesions),
        spd_cm2=float(f.spd_cm2.value) if f.spd_cm2 and not lesions else None,
        evidence=Evidence(resources=(ref(res),), from_text=True, quotes=tuple(dict.fromkeys(q for q in quotes if q))),
        flags=tuple(dict.fromkeys(flags)))


def imaging(resources: list[dict]) -> list[ImagingAssessment]:
    out = []
    for res in resources:
        if res.get("resourceType") not in ("DiagnosticReport", "DocumentReference"):
            continue
        if res.get("status") not in REPORT_STATUS or effective_date(res) is None or not is_ct_report(res):
            continue
        text = report_text(res)
        study = _study(res, text) if text else None
        if study is not None:
            out.append(study)
    return out


def merge_into(coded: list[ImagingAssessment], text: list[ImagingAssessment]) -> list[ImagingAssessment]:
    """One study per date and modality: a CT report joins the CT measurements coded for the same day
    (coded measurements win; the reader's category and quotes are added)."""
    by_key = {(s.date, s.modality): i for i, s in enumerate(coded)}
    out = list(coded)
    for t in text:
        i = by_key.get((t.date, "CT"))
        if i is None:
            out.append(t)
            continue
        c = out[i]
        out[i] = replace(c, lesions=c.lesions or t.lesions, spd_cm2=c.spd_cm2 if c.lesions or c.spd_cm2 else t.spd_cm2,
                         reported_category=c.reported_category or t.reported_category,
                         new_lesions=c.new_lesions if c.new_lesions is not None else t.new_lesions,
                         evidence=Evidence(resources=tuple(dict.fromkeys(c.evidence.resources + t.evidence.resources)),
                                           from_text=c.evidence.from_text or t.evidence.from_text,
                                           quotes=tuple(dict.fromkeys(c.evidence.quotes + t.evidence.quotes))),
                         flags=tuple(dict.fromkeys(c.flags + t.flags)))
    return out
