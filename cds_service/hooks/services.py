"""The CDS services this deployment offers; the registry is built from this list only.

A handler takes the call (`hooks.call.HookCall`: the request, and the patient's Assessment on demand) and
returns the cards.
"""

from __future__ import annotations

from cds_service.hooks.orders import order_cards
from cds_service.hooks.registry import PATIENT_PREFETCH, ServiceDefinition


def lbcl_response_handler(ctx) -> list:
    """patient-view: evaluate the acquired data and render cards (ctx: the request's HookCall)."""
    return ctx.cards_for_patient()


_ORDER_DESCRIPTION = ("Large B-cell lymphoma: checks draft orders against the patient's assessment and warns "
                      "where they contradict it - another R-CHOP cycle or chemotherapy-only salvage aimed at "
                      "ASCT in primary refractory disease when CAR-T is an option (T1, T11), tisagenlecleucel "
                      "as second line (T2), ASCT after chemorefractory salvage (T4). Silent otherwise.")

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
# order-select and order-sign share one handler and description: one entry per hook.
SERVICES += [ServiceDefinition(id=f"lbcl-{hook}", hook=hook, title=f"LBCL order check ({hook})",
                               description=_ORDER_DESCRIPTION, handler=order_cards,
                               prefetch=dict(PATIENT_PREFETCH), required_prefetch=())
             for hook in ("order-select", "order-sign")]
