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
from .pathology_result import text_result
from .report_text import report_text

REPORT_FOLLOWS_PROCEDURE_DAYS = 14  # a pathology report within 14 days after its procedure belongs to it [I]
RESULT_RANK = {None: 0, "not_feasible": 1, "unknown": 2, "negative": 3, "positive": 3}


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
        elif rt == "DiagnosticReport" and res.get("status") in ("final", "amended", "corrected") and (
                has_code(res.get("code"), codes.PATHOLOGY_REPORT_CODES) or "patholog" in cc_text(res.get("code")).lower()):
            result = _biopsy_result(res)
            prior = [d for d in out if 0 <= (day - d).days <= REPORT_FOLLOWS_PROCEDURE_DAYS]
            key = max(prior) if prior else day
            old = out.get(key)
            refs = ((old.evidence.resources if old else ()) + (ref(res),))
            quote = (res.get("conclusion") or report_text(res))[:300]
            out[key] = Biopsy(date=key, result=result, evidence=Evidence(resources=refs, from_text=bool(quote),
                                                                         quotes=(quote,) if quote else ()))
    return tuple(out[d] for d in sorted(out))


def _biopsy_result(res: dict) -> str | None:
    for _, c in [(s, c) for cc in res.get("conclusionCode") or [] for s, c in codings(cc)]:
        if c == "biopsy-positive" or c in codes.SNOMED_LBCL:
            return "positive"
        if c == "biopsy-negative":
            return "negative"
    return text_result(report_text(res))
