"""What the rules read, element by element (issue 16): the one table the fast validator (shape.py)
checks strictly. A resource of a used type is valid when every element listed here is of its FHIR type
(the JSON type, and the format of codes, ids, dates and times), every required one is present, a choice
([x]) the rules read is sent at most once (and once when R4 requires it), and no element is unknown to
R4 (the element names and choices come from fhir.resources); elements the rules never read are not
validated (`LBCL_CDS_STRICT_VALIDATION=1` adds fhir.resources R4B validation of whole resources).

Every element a mapping module reads must be listed here (tests/test_read_schema.py compares this table
with the names the modules use), or an odd value of it reaches the rules unchecked.

Types: the FHIR primitive types of shape.PRIMITIVES, or a complex type of DATATYPES. `Type[]` is an array
(0..*), a trailing `!` marks an element the rules need (a resource without it is invalid).
"""

from __future__ import annotations

# Complex datatypes and backbone elements, as far as the rules read them.
DATATYPES: dict[str, dict[str, str]] = {
    "Coding": {"system": "uri", "code": "code", "display": "string"},
    "CodeableConcept": {"coding": "Coding[]", "text": "string"},
    "Quantity": {"value": "decimal", "unit": "string"},
    "Period": {"start": "dateTime", "end": "dateTime"},
    "Reference": {"reference": "string"},
    "Annotation": {"text": "markdown!"},
    "Attachment": {"contentType": "code", "data": "base64Binary"},
    "Extension": {"url": "uri!", "valueCodeableConcept": "CodeableConcept"},
    "ObservationComponent": {"code": "CodeableConcept!", "valueQuantity": "Quantity",
                             "valueCodeableConcept": "CodeableConcept", "valueString": "string",
                             "valueBoolean": "boolean", "valueInteger": "integer",
                             "interpretation": "CodeableConcept[]"},
    "ObservationReferenceRange": {"high": "Quantity"},
    "ConditionStage": {"summary": "CodeableConcept"},
    "DocumentReferenceContent": {"attachment": "Attachment!"},
}

_MEDICATION = {"medicationCodeableConcept": "CodeableConcept", "medicationReference": "Reference",
               "contained": "Resource[]"}

# Resource types the mapping reads; every resource also has `id` (type id) and `resourceType`.
RESOURCES: dict[str, dict[str, str]] = {
    "Patient": {"birthDate": "date", "gender": "code"},
    "Condition": {"code": "CodeableConcept", "verificationStatus": "CodeableConcept", "extension": "Extension[]",
                  "stage": "ConditionStage[]", "note": "Annotation[]", "onsetDateTime": "dateTime",
                  "recordedDate": "dateTime"},
    "Observation": {"status": "code!", "code": "CodeableConcept!", "effectiveDateTime": "dateTime",
                    "effectiveInstant": "instant", "effectivePeriod": "Period", "issued": "instant",
                    "valueQuantity": "Quantity", "valueCodeableConcept": "CodeableConcept", "valueString": "string",
                    "valueBoolean": "boolean", "valueInteger": "integer", "component": "ObservationComponent[]",
                    "interpretation": "CodeableConcept[]", "referenceRange": "ObservationReferenceRange[]",
                    "bodySite": "CodeableConcept"},
    "MedicationAdministration": {"status": "code!", **_MEDICATION, "effectiveDateTime": "dateTime",
                                 "effectivePeriod": "Period"},
    "MedicationRequest": {"status": "code!", **_MEDICATION, "authoredOn": "dateTime"},
    "Medication": {"code": "CodeableConcept"},
    "Procedure": {"status": "code!", "code": "CodeableConcept", "performedDateTime": "dateTime",
                  "performedPeriod": "Period", "note": "Annotation[]"},
    "DiagnosticReport": {"status": "code!", "code": "CodeableConcept!", "effectiveDateTime": "dateTime",
                         "effectivePeriod": "Period", "issued": "instant", "conclusion": "string",
                         "conclusionCode": "CodeableConcept[]", "presentedForm": "Attachment[]",
                         "category": "CodeableConcept[]"},  # pathology vs radiology (biopsy.is_pathology)
    "DocumentReference": {"status": "code!", "type": "CodeableConcept", "description": "string",
                          "content": "DocumentReferenceContent[]!", "date": "instant"},
    "CarePlan": {"status": "code!", "period": "Period"},
    "ServiceRequest": {"status": "code!", "code": "CodeableConcept",  # draft orders (order hooks)
                       "occurrenceDateTime": "dateTime"},
}
