"""Guideline logic: pure functions from CaseFacts (+ as-of date) to an Assessment.

Imports only `fhir_mappings.case_facts` (the contract) and the standard library: no flask, requests
or fhir.resources (architecture.md, enforced by tests/test_layers.py). One module per guideline.
"""
