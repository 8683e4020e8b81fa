"""The CDS services this deployment offers; the registry is built from this list only."""

from __future__ import annotations

from .registry import PATIENT_PREFETCH, ServiceDefinition


def lbcl_response_handler(ctx) -> list:
    """patient-view: evaluate the acquired data and render cards (ctx: the request's HookCall)."""
    return ctx.cards_for_patient()


SERVICES = [
    ServiceDefinition(
        id="lbcl-response",
        hook="patient-view",
        title="LBCL response and next step",
        description=("Large B-cell lymphoma: Lugano 2014 PET-CT response at interim and end of treatment, "
                     "NCCN 2025 / BSH 2024 restaging pathway, Bock 2024 refractory status and second-line "
                     "advice (CAR-T vs salvage + ASCT), each with its evidence and source."),
        handler=lbcl_response_handler,
        prefetch=dict(PATIENT_PREFETCH),
        required_prefetch=(),
    ),
]
