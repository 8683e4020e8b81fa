"""Drop, before validation, the resources no rule can use (issue 7: a long-followed chart holds hundreds
of vitals and routine labs). Cheap code-set and text checks only; what is kept here is exactly what the
mapping modules read. A resource judged not relevant has the elements that decided (code, type,
medication, description) checked for their shape: when one is broken nothing could be judged, and the
resource is counted as invalid rather than dropped unseen."""

from __future__ import annotations

import re

from . import codes
from .fhir_json import cc_text
from .read_schema import RESOURCES
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


def _coded(cc: object, wanted: frozenset) -> bool:
    """Any coding in `wanted` or in the project CodeSystem (hot: runs on every resource of a chart; reads
    any JSON, a broken element reads as no code)."""
    coding = cc.get("coding") if isinstance(cc, dict) else None
    if isinstance(coding, list):
        for c in coding:
            if isinstance(c, dict):
                system, code = c.get("system") or "", c.get("code")
                if system == codes.LBCL or (isinstance(system, str) and isinstance(code, str)
                                            and (system, code) in wanted):
                    return True
    return False


_DECIDING = {"Observation": ("code",), "Procedure": ("code",), "DiagnosticReport": ("code",),
             "MedicationAdministration": ("medicationCodeableConcept",),
             "MedicationRequest": ("medicationCodeableConcept",), "DocumentReference": ("type", "description")}


def _judged(res: dict) -> bool:
    """Whether the elements that decide relevance are well formed (then "not relevant" is a verdict)."""
    rt = res.get("resourceType")
    return all(k not in res or valid(RESOURCES[rt][k].rstrip("!"), res[k]) for k in _DECIDING.get(rt, ()))


def _relevant(res: dict) -> bool:
    rt = res.get("resourceType")
    if rt in _ALWAYS:
        return True
    if rt == "Observation":
        return _coded(res.get("code"), OBSERVATION_CODES)
    if rt in ("MedicationAdministration", "MedicationRequest"):
        return "medicationReference" in res or agent_of(res.get("medicationCodeableConcept")) is not None
    if rt == "Procedure":
        code = res.get("code")
        return _coded(code, PROCEDURE_CODES) or bool(_PROCEDURE_TEXT.search(cc_text(code)))
    if rt == "DiagnosticReport":
        code = res.get("code")
        return _coded(code, REPORT_CODES) or bool(_REPORT_TEXT.search(cc_text(code)))
    if rt == "DocumentReference":
        words = res.get("description")
        return bool(_REPORT_TEXT.search(cc_text(res.get("type")) + " " + (words if isinstance(words, str) else "")))
    return False


def relevance(res: dict) -> bool | None:
    """True when a rule can use the resource, False when none can, UNREADABLE (None) when that cannot be
    told because an element that decides is broken (the resource is then invalid). A relevant resource
    is validated whole afterwards (validation.py), so only a "no" needs its deciding elements checked."""
    if _relevant(res):
        return True
    return False if _judged(res) else UNREADABLE
