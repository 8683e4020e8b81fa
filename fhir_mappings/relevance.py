"""Drop, before validation, the resources no rule can use (issue 7: a long-followed chart holds hundreds
of vitals and routine labs). Cheap code-set and text checks only; what is kept here is exactly what the
mapping modules read. The elements that decide (code, type, medication, description) are checked for
their shape first: a resource whose deciding element is broken cannot be judged, and is counted as an
invalid resource rather than dropped unseen."""

from __future__ import annotations

import re

from . import codes
from .fhir_json import cc_text
from .shape import valid
from .therapy import agent_of

OBSERVATION_CODES = frozenset({codes.DEAUVILLE, codes.TUMOR_SIZE, codes.ECOG_CODE, codes.MTV_CODE,
                               *codes.LYMPHOMA_STAGE, *codes.LDH_CODES, *codes.SUV_CODES,
                               *codes.DISEASE_STATUS})
PROCEDURE_CODES = frozenset({*codes.BIOPSY_CODES, *codes.ASCT_CODES, *codes.CART_INFUSION_CODES,
                             *codes.APHERESIS_CODES, *codes.RADIOTHERAPY_CODES, *codes.PET_PROCEDURE_CODES})
REPORT_CODES = frozenset({*codes.PET_REPORT_CODES, *codes.PATHOLOGY_REPORT_CODES, (codes.SNOMED, "77477000")})  # + CT
_PROCEDURE_TEXT = re.compile(r"biops|radiother|radiation|isrt|involved[- ](site|field)|transplant|asct|"
                             r"car[- ]?t|apheres|pet", re.I)
_REPORT_TEXT = re.compile(r"\bpet\b|pet[-/]ct|patholog|biops|histolog|cytolog|\bct\b|computed\s+tomograph", re.I)
_ALWAYS = frozenset({"Patient", "Condition", "Medication"})
UNREADABLE = None  # relevance() of a resource whose deciding element is broken


def _cc(cc: object) -> bool:
    """An absent CodeableConcept, or one of the right shape."""
    return cc is None or valid("CodeableConcept", cc)


def _coded(cc: dict | None, wanted: frozenset) -> bool:
    """Any coding in `wanted` or in the project CodeSystem (hot: runs on every resource of a chart;
    `cc` is None or a valid CodeableConcept)."""
    for c in (cc or {}).get("coding") or ():
        system = c.get("system") or ""
        if system == codes.LBCL or (system, c.get("code")) in wanted:
            return True
    return False


def relevance(res: dict) -> bool | None:
    """True when a rule can use the resource, False when none can, UNREADABLE (None) when the elements
    that decide are broken (the resource is then invalid)."""
    rt = res.get("resourceType")
    if rt in _ALWAYS:
        return True
    if rt == "Observation":
        code = res.get("code")
        return _coded(code, OBSERVATION_CODES) if _cc(code) else UNREADABLE
    if rt in ("MedicationAdministration", "MedicationRequest"):
        if "medicationReference" in res:
            return True
        med = res.get("medicationCodeableConcept")
        return agent_of(med) is not None if _cc(med) else UNREADABLE
    if rt == "Procedure":
        code = res.get("code")
        if not _cc(code):
            return UNREADABLE
        return _coded(code, PROCEDURE_CODES) or bool(_PROCEDURE_TEXT.search(cc_text(code)))
    if rt == "DiagnosticReport":
        code = res.get("code")
        if not _cc(code):
            return UNREADABLE
        return _coded(code, REPORT_CODES) or bool(_REPORT_TEXT.search(cc_text(code)))
    if rt == "DocumentReference":
        kind, words = res.get("type"), res.get("description", "")
        if not _cc(kind) or not isinstance(words, str):
            return UNREADABLE
        return bool(_REPORT_TEXT.search(cc_text(kind) + " " + words))
    return False
