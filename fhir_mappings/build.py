"""FHIR R4 resources (any mix of Bundles and resources) -> CaseFacts. The mapping's one entry point."""

from __future__ import annotations

from collections.abc import Iterable

from . import biopsy, clinical, codes, ct, pet, therapy, timeline
from .case_facts import CaseFacts
from .fhir_json import iter_resources, json_int, parse_date
from .routing import route
from .validation import validate_resources

MAX_PLANNED_CYCLES = 12  # planned first-line cycles outside 1-12 are a data error: unknown


def build_case_facts(data: Iterable[object], patient_id: str | None = None, strict: bool = False,
                     routed: bool = True) -> CaseFacts:
    """`strict`: validate whole resources with their R4B models too (validation.py). `routed=False`:
    every reader walks every Observation (the reference routing.py is tested against)."""
    resources, skipped = validate_resources(iter_resources(list(data)), strict)
    by_type: dict[str, list[dict]] = {}
    for r in resources:  # each mapping module reads only its own resource types
        by_type.setdefault(r["resourceType"], []).append(r)
    obs, procs, reports = by_type.get("Observation", []), by_type.get("Procedure", []), by_type.get(
        "DiagnosticReport", [])
    patient = next((r for r in by_type.get("Patient", []) if patient_id is None or r.get("id") == patient_id), None)
    pid = patient_id or (patient or {}).get("id") or "unknown"
    admins = therapy.administrations(by_type.get("MedicationAdministration", []) + by_type.get("Medication", []))
    readers = route(obs, routed)
    findings = clinical.tier2_findings(readers.tier2)
    cart_admins = [(a.date, a.resource, a.agent) for a in admins if a.agent in codes.CART_PRODUCTS]
    car_t = clinical.car_t(procs, findings, cart_admins)
    lines = therapy.build_lines(admins, car_t.infusion_date, car_t.apheresis_date, car_t.decision_date)
    planned = findings.get("planned-1l-cycles")
    planned_cycles = json_int(planned.get("valueInteger")) if planned else None
    if planned_cycles is not None and not 1 <= planned_cycles <= MAX_PLANNED_CYCLES:
        planned_cycles = None  # 0, negative or absurd: unknown, so scans are timed by the standard course
    rt = clinical.radiotherapy(procs)
    docs = by_type.get("DocumentReference", [])
    studies = sorted(ct.merge_into(list(pet.imaging(readers.imaging + reports + docs)), ct.imaging(reports + docs)),
                     key=lambda s: (s.date, s.modality == "PET"))  # a PET-CT wins a same-day tie
    scans, timeline_flags = timeline.place(tuple(studies), lines, planned_cycles, rt)
    subtype, dx_date, _ = clinical.diagnosis(by_type.get("Condition", []))
    proposed = therapy.agent_of({"text": car_t.product}) if car_t.product else None
    proposed = proposed if proposed in codes.CART_PRODUCTS else None
    proposed = next((therapy.agent_of(r.get("medicationCodeableConcept")) for r in by_type.get("MedicationRequest", [])
                     if r.get("status") in ("draft", "active")
                     and therapy.agent_of(r.get("medicationCodeableConcept")) in codes.CART_PRODUCTS), proposed)
    biopsies = biopsy.biopsies(procs + reports)
    if any(b.result == "unknown" for b in biopsies):
        timeline_flags += ("BIOPSY_RESULT_UNCLEAR",)  # a report that does not decide: never positive
    return CaseFacts(
        patient_id=pid,
        birth_date=parse_date((patient or {}).get("birthDate")),
        sex=(patient or {}).get("gender"),
        diagnosis=subtype,
        diagnosis_date=dx_date,
        staging=clinical.staging(readers.staging + by_type.get("Condition", []), findings,
                                 lines[0].start if lines else None,
                                 [r for r in reports + docs if pet.is_pet_report(r) or ct.is_ct_report(r)]),
        ldh=clinical.measurements(readers.ldh, codes.LDH_CODES, interpretation_only=True),
        ecog=clinical.measurements(readers.ecog, codes.ECOG_CODE, valid=(0, 5), ecog=True),
        administrations=admins,
        lines=lines,
        radiotherapy=rt,
        asct_dates=tuple(d for d, _ in clinical.procedure_dates(procs, codes.ASCT_CODES)),
        car_t=car_t,
        imaging=scans,
        biopsies=biopsies,
        eligibility=clinical.eligibility(findings),
        planned_1l_cycles=planned_cycles,
        proposed_cart_product=proposed,
        skipped_resources=skipped,
        flags=timeline_flags,
    )
