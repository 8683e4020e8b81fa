"""The recommendation record every guideline module emits (architecture.md Assessment)."""

from __future__ import annotations

from dataclasses import dataclass

from fhir_mappings.fast_init import fast_init

from .sources import SOURCES


@fast_init
@dataclass(frozen=True, slots=True)
class Rec:
    rule: str  # rule id of clinical-logic.md (NA4b, B2, T1, ...)
    action: str  # machine-readable action (repeat_biopsy, continue_rchop, car_t_referral, ...)
    text: str
    strength: str  # evidence category / grade as the source gives it, or "unverified (assume 2A)"
    source: str  # key of SOURCES
    urgency: str = "info"  # info | warning | critical (card indicator)
    current: bool = True  # False for rules that fired earlier in the course (history)
    timepoint: str | None = None
    order: str | None = None  # a ServiceRequest draft to suggest: biopsy | pet_ct | interval_pet | ct

    def retired(self) -> Rec:
        """The same row, no longer current (its question was answered, or the course moved on)."""
        return Rec(self.rule, self.action, self.text, self.strength, self.source, "info", False, self.timepoint, None)

    def to_json(self) -> dict:
        out = {"rule": self.rule, "action": self.action, "text": self.text, "strength": self.strength,
               "source": SOURCES[self.source]["label"], "source_url": SOURCES[self.source]["url"],
               "urgency": self.urgency, "current": self.current}
        if self.timepoint:
            out["timepoint"] = self.timepoint
        if self.order:
            out["order"] = self.order
        return {k: v for k, v in out.items() if v not in ("", None)}


NCCN_CAT = "NCCN category not verified; assume 2A [U]"
