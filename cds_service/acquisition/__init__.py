"""Getting the patient's FHIR data: prefetch as sent, missing keys fetched from the EHR's FHIR server."""
