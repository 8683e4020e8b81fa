"""Biopsies: Procedures and pathology DiagnosticReports -> dated results (fhir-input.md tier 1; the
pathology items of architecture.md, clarifications second set).

A result is `positive`, `negative`, `unknown` (a report that does not decide: hedged, non-diagnostic,
insufficient material; flag BIOPSY_RESULT_UNCLEAR, never positive), `not_feasible` (a biopsy Procedure
recorded as not done: NL2c), or None (done, result pending).
"""

from __future__ import annotations

from datetime import date

from . import codes
from .case_facts import Biopsy, Evidence
from .fhir_json import cc_text, codings, effective_date, has_code, ref
from .pathology_text import extract_pathology_findings
from .report_text import report_text

REPORT_FOLLOWS_PROCEDURE_DAYS = 14  # a pathology report within 14 days after its procedure belongs to it [I]
RESULT_RANK = {None: 0, "not_feasible": 1, "unknown": 2, "negative": 3, "positive": 3}
REPORT_STATUS = ("final", "amended", "corrected", "current", "appended")


def biopsies(resources: list[dict]) -> tuple[Biopsy, ...]:
    """Biopsy Procedures and pathology DiagnosticReports; result from conclusionCode or text."""
    out: dict[date, Biopsy] = {}
    for res in resources:
        rt = res.get("resourceType")
        day = effective_date(res)
        if not day:
            continue
        is_biopsy = rt == "Procedure" and (has_code(res.get("code"), codes.BIOPSY_CODES)
                                           or "biopsy" in cc_text(res.get("code")).lower())
        if is_biopsy and res.get("status") == "completed":
            out.setdefault(day, Biopsy(date=day, result=None, evidence=Evidence(resources=(ref(res),))))
        elif is_biopsy and res.get("status") == "not-done":  # biopsy not feasible (NL2c)
            out.setdefault(day, Biopsy(date=day, result="not_feasible", evidence=Evidence(resources=(ref(res),))))
        elif rt in ("DiagnosticReport", "DocumentReference") and res.get("status") in REPORT_STATUS and is_pathology(res):
            result, quote = _result(res)
            prior = [d for d in out if 0 <= (day - d).days <= REPORT_FOLLOWS_PROCEDURE_DAYS]
            key = max(prior) if prior else day
            old = out.get(key)
            refs = ((old.evidence.resources if old else ()) + (ref(res),))
            if old is not None and RESULT_RANK.get(old.result, 0) > RESULT_RANK.get(result, 0):
                result, quote = old.result, (old.evidence.quotes or ("",))[0]  # a decided report wins
            out[key] = Biopsy(date=key, result=result, evidence=Evidence(resources=refs, from_text=bool(quote),
                                                                         quotes=(quote,) if quote else ()))
    return tuple(out[d] for d in sorted(out))


def is_pathology(res: dict) -> bool:
    code = res.get("code") if res.get("resourceType") == "DiagnosticReport" else res.get("type")
    return has_code(code, codes.PATHOLOGY_REPORT_CODES) or "patholog" in cc_text(code).lower() or any(
        "patholog" in cc_text(c).lower() or has_code(c, {(codes.LOINC, "LP7839-6")}) for c in res.get("category") or [])


def _result(res: dict) -> tuple[str | None, str]:
    """(result, quote): a coded conclusion first, else the report text read clause by clause."""
    for _, c in [(s, c) for cc in res.get("conclusionCode") or [] for s, c in codings(cc)]:
        if c == "biopsy-positive" or c in codes.SNOMED_LBCL:
            return "positive", (res.get("conclusion") or "")[:300]
        if c == "biopsy-negative":
            return "negative", (res.get("conclusion") or "")[:300]
    text = report_text(res)
    if not text:
        return None, ""
    found = extract_pathology_findings(text)
    if found.result_fact is None:
        return None, ""
    return found.result, (found.quote or text)[:300]
