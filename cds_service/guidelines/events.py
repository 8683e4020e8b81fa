"""Disease events read from all the evidence (architecture.md, clarifications second set).

Each imaging study after baseline carries a disease signal: `definite` (PET P1-P3: new lesion consistent
with lymphoma, new focal marrow, increased uptake at a prior site; or CT PD) or `uncertain` (P4: a new
lesion of uncertain cause; P8: Deauville 4-5 with the uptake change unknown). A biopsy within the window
after the study resolves it: positive confirms progression or relapse at the study's date, negative
refutes it; an unclear result or none leaves it open. Relapse is biopsy-proven in the seed's
definitions [S §2]; an imaging-only relapse (definite signal, no biopsy result yet) is still a relapse
for the Bock group, with early treatment failure pending and rule T0 asking for the biopsy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fhir_mappings.case_facts import Biopsy, CaseFacts
from fhir_mappings.fast_init import fast_init

from .course_reads import ScanRead

RESULTS = ("positive", "negative")  # a biopsy that decides; "unknown" and "not_feasible" do not


@fast_init
@dataclass(frozen=True, slots=True)
class Resolution:
    read: ScanRead
    signal: str  # definite | uncertain
    biopsy: Biopsy | None  # the deciding biopsy (positive / negative), else an unclear one, else None
    status: str  # proven | refuted | imaging | unresolved

    @property
    def date(self) -> date:
        return self.read.scan.date


def signal(r: ScanRead) -> str | None:
    """The disease signal of one study: definite | uncertain | None."""
    if r.scan.timepoint == "baseline":
        return None
    if r.pet is not None and r.pet.category != "INDETERMINATE":
        if r.pet.category == "PMD":
            return "definite"
        if r.pet.category == "PET_POSITIVE_UNCLASSIFIED" and r.ct is not None and r.ct.category == "PD":
            return "definite"  # CT fallback (§1.5): CT progression decides
        if "P4" in r.pet.rules or r.pet.category == "PET_POSITIVE_UNCLASSIFIED":
            return "uncertain"
        return None
    if r.ct is not None and r.ct.category == "PD":
        return "definite"
    return None


def biopsy_after(facts: CaseFacts, day: date, window_days: int, until: date | None = None) -> Biopsy | None:
    """The biopsy that answers a study of `day`: the first positive or negative result on or after the
    study within the window (and before `until`), else the first unclear or pending one."""
    found = [b for b in facts.biopsies if day <= b.date <= day + timedelta(days=window_days)
             and (until is None or b.date < until)]
    decided = [b for b in found if b.result in RESULTS]
    return decided[0] if decided else (found[0] if found else None)


def resolve(facts: CaseFacts, r: ScanRead, window_days: int, until: date | None = None) -> Resolution | None:
    sig = signal(r)
    if sig is None:
        return None
    b = biopsy_after(facts, r.scan.date, window_days, until)
    result = b.result if b else None
    if result == "positive":
        status = "proven"
    elif result == "negative":
        status = "refuted"
    else:
        status = "imaging" if sig == "definite" else "unresolved"
    return Resolution(r, sig, b, status)


def relapse_after(facts: CaseFacts, reads: list[ScanRead], start: date, window_days: int,
                  until: date | None) -> tuple[Resolution | None, list[Resolution]]:
    """After an end-of-treatment CR: the first relapse (proven or imaging-only) among the studies after
    `start` and before second-line therapy (`until`), and the uncertain findings left open before it.
    A refuted finding is no relapse; an open P4/P8 sets no relapse (clarifications, second set)."""
    unresolved: list[Resolution] = []
    for r in reads:
        if r.scan.date <= start or (until is not None and r.scan.date > until):
            continue
        res = resolve(facts, r, window_days)
        if res is None or res.status == "refuted":
            continue
        if res.status in ("proven", "imaging"):
            return res, unresolved
        unresolved.append(res)
    return None, unresolved
