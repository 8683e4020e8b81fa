"""Drop, before validation, the resources no rule can use (issue 7: validation costs about 0.13 ms a
resource; a long-followed chart holds hundreds of vitals and routine labs). Cheap code-set and text
checks only; what is kept here is exactly what the mapping modules read."""

from __future__ import annotations

import re

from . import codes
from .fhir_json import cc_text
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


def _coded(cc: object, wanted: frozenset) -> bool:
    """Any coding in `wanted` or in the project CodeSystem (hot: runs on every resource of a chart)."""
    if not isinstance(cc, dict):
        return False
    for c in cc.get("coding") or ():
        if isinstance(c, dict):
            system = c.get("system") or ""
            if system == codes.LBCL or (system, str(c.get("code"))) in wanted:
                return True
    return False


def is_relevant(res: dict) -> bool:
    rt = res.get("resourceType")
    if rt in _ALWAYS:
        return True
    if rt == "Observation":
        return _coded(res.get("code"), OBSERVATION_CODES)
    if rt in ("MedicationAdministration", "MedicationRequest"):
        if "medicationReference" in res:
            return True
        return agent_of(res.get("medicationCodeableConcept")) is not None
    if rt == "Procedure":
        return _coded(res.get("code"), PROCEDURE_CODES) or bool(_PROCEDURE_TEXT.search(cc_text(res.get("code"))))
    if rt == "DiagnosticReport":
        code = res.get("code")
        return _coded(code, REPORT_CODES) or bool(_REPORT_TEXT.search(cc_text(code)))
    if rt == "DocumentReference":
        return bool(_REPORT_TEXT.search(cc_text(res.get("type")) + " " + res.get("description", "")))
    return False
