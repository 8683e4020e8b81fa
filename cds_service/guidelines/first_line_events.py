"""Recommendations from first-line disease events that no pathway table covers: an uncertain new lesion
(P4) on the end-of-treatment PET asks for a biopsy or an interval PET before a complete response is
accepted (clinical-logic.md §1.3 P4 [V:MEDALG]; architecture.md, clarifications second set)."""

from __future__ import annotations

from .course import FirstLine
from .recommendation import Rec


def events_recs(fl: FirstLine) -> list[Rec]:
    eot = fl.eot
    if not (eot and eot.pet and "P4" in eot.pet.rules):
        return []
    open_ = fl.eot_new_lesion_open
    return [Rec("P4", "biopsy_or_interval_pet", "Uncertain new lesion on the end-of-treatment PET: biopsy it, or "
                "repeat the PET after an interval, before accepting a complete response.", "[V:MEDALG]",
                "LUGANO2014", "warning", current=open_, timepoint="end_of_treatment",
                order="biopsy" if open_ else None)]
