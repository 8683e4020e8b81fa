"""Order drafts a recommendation may carry: FHIR ServiceRequest proposals offered as suggestions, never
applied by the service (the clinician accepts or not). Codes: SNOMED CT (terminology.md §2.7)."""

from __future__ import annotations

from datetime import date, timedelta

from cds_service.protocol import Action, Suggestion

SNOMED = "http://snomed.info/sct"
# order -> (suggestion label, SNOMED code, display, window start, window end in days from today)
ORDERS = {
    "biopsy": ("Draft order: biopsy of the FDG-avid lesion", "86273004", "Biopsy", 0, 14),
    "pet_ct": ("Draft order: PET-CT", "443271005", "PET-CT FDG whole body", 21, 56),
    "interval_pet": ("Draft order: interval PET-CT in 8-12 weeks", "443271005", "PET-CT FDG whole body", 56, 84),
    "ct": ("Draft order: end-of-treatment CT", "77477000", "Computed tomography", 21, 56),
}


def suggestion(order: str, rule: str, patient_id: str | None, as_of: date) -> Suggestion:
    label, code, display, lo, hi = ORDERS[order]
    resource = {
        "resourceType": "ServiceRequest", "status": "draft", "intent": "proposal",
        "code": {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": display},
        "subject": {"reference": f"Patient/{patient_id}"},
        "occurrencePeriod": {"start": (as_of + timedelta(days=lo)).isoformat(),
                             "end": (as_of + timedelta(days=hi)).isoformat()},
        "reasonCode": [{"text": f"lbcl-cds rule {rule}"}],
        "note": [{"text": "Drafted by lbcl-cds; review before signing."}],
    }
    return Suggestion(label=label, isRecommended=False,
                      actions=[Action(type="create", description=f"{label} (rule {rule})", resource=resource)])
