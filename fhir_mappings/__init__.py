"""FHIR R4 JSON -> CaseFacts. Pure functions, no IO; never imports flask, requests or cds_service.

Kept import-free on purpose: `fhir_mappings.case_facts` is the contract the guideline layer imports,
and it must not drag fhir.resources in with it.
"""
