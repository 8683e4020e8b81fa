"""Bock 2024 groups K1-K7 (clinical-logic.md §4), NCCN refractory, early treatment failure, and the
ZUMA-7 / TRANSFORM / BELINDA classes side by side (§5.1, D7). Prognostic labels, not treatment rules."""

from __future__ import annotations

from .course import FirstLine
from .dates import add_months

# 2-year OS as displayed (MER / LEO cohorts) [V:BOCK]; seed values differ for PPD (D5)
PROGNOSIS = {
    "PPD": "2-year OS 15% (MER) / 31% (LEO) [Bock 2024]",
    "EOT_PR": "2-year OS 38% (MER) / 50% (LEO) [Bock 2024]",
    "EARLY_RELAPSE": "2-year OS 44% (MER) / 58% (LEO), whole early-relapse group [Bock 2024]",
}


def bock_group(fl: FirstLine) -> tuple[str, str | None, list[str]]:
    """(label, rule id, flags)."""
    if fl.line is None:
        return "UNDETERMINED", None, []
    if fl.progression:  # K1: SD/PD during or at the end of 1L, incl. after a transient response [S §3]
        return "PPD", "K1", []
    if fl.eot_response == "PR":
        return "EOT_PR", "K2", []
    if fl.eot_response != "CR":
        return "UNDETERMINED", None, []
    if fl.relapse is None:
        return "NOT_APPLICABLE", "K7", []
    rel, eot = fl.relapse.scan.date, fl.eot_date
    if rel < add_months(eot, 3):
        return "EARLY_RELAPSE_LT3M", "K3", ["BOCK_LT3M_AMBIGUOUS"]  # seed "< 3 m" vs abstract "3-12" (D6)
    if rel < add_months(eot, 6):
        return "EARLY_RELAPSE_3_6M", "K4", []
    if rel <= add_months(eot, 12):
        return "EARLY_RELAPSE_6_12M", "K5", []
    return "LATE_RELAPSE", "K6", []


def nccn_refractory(fl: FirstLine) -> bool | None:
    """EOT DS 4-5 + positive biopsy, or NR/PD + positive biopsy (§6 refractory_labels)."""
    if fl.eot and fl.eot.ds45 and fl.eot_biopsy and fl.eot_biopsy.result == "positive":
        return True
    if fl.progression and _failure_biopsy_positive(fl):
        return True
    if fl.eot_response == "CR" or (fl.progression_overridden and not fl.progression):
        return False  # CR, or the failing finding's biopsy was negative
    return None


def _failure_biopsy_positive(fl: FirstLine) -> bool:
    return any(b is not None and b.result == "positive" for b in (fl.eot_biopsy, fl.failure_biopsy))


def early_treatment_failure(fl: FirstLine) -> bool | None:
    """early_failure := EOT response != CR, or biopsy-proven relapse <= add_months(EOT, 12) [S §1-2][V:WS22]."""
    if fl.progression or fl.eot_response in ("PR", "SD", "PD"):
        return True
    if fl.eot_response != "CR":
        return None
    if fl.relapse is None:
        return False
    if not fl.early_relapse:
        return False
    if fl.relapse_proven:
        return True
    return None  # early relapse on imaging, biopsy pending


def trial_classes(fl: FirstLine) -> dict[str, str]:
    """§5.1 trial-table definitions [V:ASHSAP]; BELINDA registry: 365 days from last anti-CD20 [V:BEL].

    Values: refractory | relapsed (within the trial's window) | relapse_outside_window |
    not_applicable (EOT CR, no relapse) | undetermined."""
    eot = fl.eot_response
    if fl.line is None or (eot in (None, "PENDING") and not fl.progression):
        return {"zuma7": "undetermined", "transform": "undetermined", "belinda": "undetermined"}
    if fl.progression or eot in ("SD", "PD"):
        return {"zuma7": "refractory", "transform": "refractory", "belinda": "refractory"}
    if eot == "PR":
        proven = bool(fl.eot_biopsy and fl.eot_biopsy.result == "positive")
        return {"zuma7": "refractory" if proven else "undetermined", "transform": "refractory",
                "belinda": "refractory"}  # registry wording "no CR" (PR eligible) [V:BEL], D7
    if fl.relapse is None:
        return {"zuma7": "not_applicable", "transform": "not_applicable", "belinda": "not_applicable"}
    rel, end = fl.relapse.scan.date, fl.eot_date
    within12 = rel <= add_months(end, 12)
    # The trials' "relapsed" is a biopsy-proven relapse: imaging alone leaves the class undetermined
    # within the window (clarifications, second set); outside the window the date alone decides.
    inside = "relapsed" if fl.relapse_proven else "undetermined"
    zuma7 = inside if within12 else "relapse_outside_window"
    if rel < add_months(end, 3):
        transform = "refractory" if fl.relapse_proven else "undetermined"  # CR with progression < 3 months
    else:
        transform = inside if within12 else "relapse_outside_window"
    cd20 = fl.last_cd20 or end
    belinda = inside if (rel - cd20).days <= 365 else "relapse_outside_window"
    return {"zuma7": zuma7, "transform": transform, "belinda": belinda}
