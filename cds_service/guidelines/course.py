"""The first-line course read as a whole (clinical-logic.md §6 derived facts): each scan's response,
EOT date and timing flags, biopsy resolution, EOT response, progression during 1L, best response,
relapse and time to relapse."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from fhir_mappings.case_facts import Biopsy, CaseFacts, TherapyLine

from .course_reads import RESPONSE_ORDER, ScanRead, read_scans  # noqa: F401 (read_scans re-exported)
from .dates import add_months, whole_months_between
from .events import Resolution, biopsy_after, relapse_after, resolve
from .settings import GuidelineSettings


@dataclass
class FirstLine:
    line: TherapyLine | None
    complete: bool = False
    eot_date: date | None = None
    eot_incl_rt: date | None = None
    last_cd20: date | None = None
    interim: list[ScanRead] = field(default_factory=list)
    eot: ScanRead | None = None
    pre_rt: list[ScanRead] = field(default_factory=list)  # PET after the last dose, before ISRT ends
    eot_dt_days: int | None = None
    eot_biopsy: Biopsy | None = None
    failure_biopsy: Biopsy | None = None  # biopsy after an interim NMR/PMD (NA2, NL3, B3)
    interval: ScanRead | None = None
    eot_response: str | None = None  # CR | PR | SD | PD | PENDING | None
    eot_new_lesion_open: bool = False  # EOT P4 not yet resolved by a biopsy or a later scan
    progression: bool = False
    progression_overridden: bool = False
    progression_proven: bool = False  # a positive biopsy confirmed the failure
    best_response: str | None = None
    relapse_event: Resolution | None = None  # after EOT CR: proven or imaging-only
    unresolved: list[Resolution] = field(default_factory=list)  # P4/P8 after EOT CR, no biopsy result
    open_progression: list[Resolution] = field(default_factory=list)  # P1-P3/CT PD in 1L, no biopsy result
    second_line_start: date | None = None
    as_of: date | None = None
    biopsy_window_days: int = 60  # LBCL_CDS_RELAPSE_BIOPSY_DAYS
    flags: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def relapse(self) -> ScanRead | None:
        return self.relapse_event.read if self.relapse_event else None

    @property
    def relapse_biopsy(self) -> Biopsy | None:
        return self.relapse_event.biopsy if self.relapse_event else None

    @property
    def relapse_proven(self) -> bool:
        return bool(self.relapse_event and self.relapse_event.status == "proven")

    @property
    def time_to_relapse_days(self) -> int | None:
        return (self.relapse.scan.date - self.eot_date).days if self.relapse and self.eot_date else None

    @property
    def time_to_relapse_months(self) -> int | None:
        return whole_months_between(self.eot_date, self.relapse.scan.date) if self.relapse and self.eot_date else None

    @property
    def early_relapse(self) -> bool | None:
        if not (self.relapse and self.eot_date):
            return None
        return self.relapse.scan.date <= add_months(self.eot_date, 12)


def analyse_first_line(facts: CaseFacts, reads: list[ScanRead], as_of: date,
                       cfg: GuidelineSettings) -> FirstLine:
    line = facts.first_line
    fl = FirstLine(line=line, as_of=as_of, biopsy_window_days=cfg.relapse_biopsy_days)
    if line is None:
        return fl
    second = facts.lines[1].start if len(facts.lines) > 1 else None
    fl.second_line_start = second
    first_reads = [r for r in reads if r.scan.line == 1]
    fl.interim = [r for r in first_reads if r.scan.timepoint == "interim"]
    fl.pre_rt = [r for r in first_reads if r.scan.timepoint == "pre_radiotherapy"]
    fl.eot = next((r for r in first_reads if r.scan.timepoint == "end_of_treatment"), None)
    cd20 = [a.date for a in facts.administrations if a.agent == "rituximab" and line.start <= a.date <= line.last_dose]
    fl.last_cd20 = max(cd20) if cd20 else None
    fl.eot_date = line.last_dose  # EOT_date = last 1L dose date [V:BEL][V:Z7] §6
    rt_after = [rt for rt in facts.radiotherapy if rt.start >= line.start and (second is None or rt.start < second)]
    fl.eot_incl_rt = max([line.last_dose] + [rt.end for rt in rt_after])
    n = len(line.cycles)
    planned = facts.planned_1l_cycles
    fl.complete = bool(second or fl.eot or fl.pre_rt or (planned and n >= planned)
                       or (planned is None and n >= 6 and (as_of - line.last_dose).days >= 21))
    if not fl.complete:
        fl.eot_date = None
    _eot_timing(fl, rt_after, cfg)
    _interim_failures(facts, fl, second, cfg)
    if fl.eot:
        _eot_response(facts, fl, first_reads, second, cfg)
    elif fl.complete and not fl.pre_rt:
        fl.missing.append("eot_pet")
    if fl.eot_response in ("PD", "SD"):
        fl.progression = True
    responses = [r.response for r in fl.interim + ([fl.eot] if fl.eot else []) if r.response]
    fl.best_response = min(responses, key=RESPONSE_ORDER.get) if responses else None  # display only (§6)
    if fl.eot_response == "CR" and fl.eot:  # relapse after EOT CR (§6 relapse_date, time_to_relapse)
        start = (fl.interval or fl.eot).scan.date
        fl.relapse_event, fl.unresolved = relapse_after(facts, reads, start, cfg.relapse_biopsy_days, second)
        if fl.relapse_event:
            _relapse_flags(fl, cfg)
    return fl


def _eot_timing(fl: FirstLine, rt_after: list, cfg: GuidelineSettings) -> None:
    """EOT PET timing flags (§6 EOT PET; B6)."""
    if not (fl.eot and fl.last_cd20):
        return
    dt = (fl.eot.scan.date - fl.last_cd20).days
    fl.eot_dt_days = dt
    if dt < cfg.eot_window_min_days:
        fl.flags.append("EOT_PET_EARLY")
    elif dt > cfg.eot_window_max_days:
        fl.flags.append("EOT_PET_LATE")
    for rt in rt_after:
        if (fl.eot.scan.date - rt.end).days < cfg.post_rt_min_days:
            fl.flags.append("EOT_PET_POST_RT_EARLY")


def _interim_failures(facts: CaseFacts, fl: FirstLine, second: date | None, cfg: GuidelineSettings) -> None:
    """Interim NMR/PMD and their biopsies; an uncertain new lesion (P4) proven by biopsy is progression."""
    for r in fl.interim + fl.pre_rt:
        res = resolve(facts, r, cfg.eot_biopsy_days, second)
        if r.response in ("SD", "PD"):
            b = biopsy_after(facts, r.scan.date, cfg.eot_biopsy_days, second)
            fl.failure_biopsy = b or fl.failure_biopsy
            if b and b.result == "negative":
                fl.progression_overridden = True  # negative biopsy of the failing finding (binding)
            else:
                fl.progression = True
                fl.progression_proven |= bool(b and b.result == "positive")
        elif res and res.status == "proven" and "P4" in (r.pet.rules if r.pet else ()):
            fl.progression = fl.progression_proven = True  # new lesion confirmed during 1L: PPD
            fl.failure_biopsy = res.biopsy
        if res and res.status == "imaging":
            fl.open_progression.append(res)


def _eot_response(facts: CaseFacts, fl: FirstLine, first_reads: list[ScanRead], second: date | None,
                  cfg: GuidelineSettings) -> None:
    """EOT response, resolved by biopsy or interval restaging (§6 EOT_response_1L)."""
    eot = fl.eot
    nxt = [r for r in first_reads if r.scan.date > eot.scan.date]
    fl.eot_biopsy = biopsy_after(facts, eot.scan.date, cfg.eot_biopsy_days, second)
    result = fl.eot_biopsy.result if fl.eot_biopsy else None
    resp = eot.response
    interval = next((r for r in nxt if r.scan.date - eot.scan.date <= timedelta(days=120)), None)
    res = resolve(facts, eot, cfg.eot_biopsy_days, second)
    if res and res.status == "imaging":
        fl.open_progression.append(res)
    if resp in ("SD", "PD") or (eot.pet and eot.pet.category in ("NMR", "PMD")):
        if result == "negative":
            fl.eot_response = "CR"
            fl.progression_overridden = True
        else:
            fl.eot_response = resp or ("SD" if eot.pet.category == "NMR" else "PD")
            fl.progression = True
            fl.progression_proven |= result == "positive"
        return
    if eot.pet and "P4" in eot.pet.rules and result != "negative":
        # An uncertain new lesion at EOT is not CR: PENDING until a biopsy or a later scan resolves it.
        if result == "positive":
            fl.eot_response, fl.progression, fl.progression_proven = "PD", True, True
        elif interval and interval.category == "CMR" and "P4" not in interval.pet.rules:
            fl.interval, fl.eot_response = interval, "CR"
        elif interval and interval.response == "PD":
            fl.interval, fl.eot_response, fl.progression = interval, "PD", True
        else:
            fl.eot_response, fl.eot_new_lesion_open = "PENDING", True
            fl.missing.append("biopsy_result")
        return
    if resp == "CR" and eot.category == "CMR":
        fl.eot_response = "CR"
    elif eot.ds45 or resp == "PR":
        if result == "positive":
            fl.eot_response = "PR" if resp in (None, "PR", "CR") else resp
        elif result == "negative":
            fl.eot_response = "CR"  # biopsy negative -> CR [I] (NA4c, NL5b)
        elif interval and interval.category == "CMR":
            fl.interval, fl.eot_response = interval, "CR"  # interval restaging replaces EOT (§6)
        elif interval and interval.response in ("SD", "PD"):
            fl.interval, fl.eot_response = interval, interval.response
            fl.progression = True
        else:
            fl.eot_response = "PENDING"
            fl.missing.append("biopsy_result")
    elif resp == "CR":
        fl.eot_response = "CR"


def _relapse_flags(fl: FirstLine, cfg: GuidelineSettings) -> None:
    rel = fl.relapse.scan.date
    limit = add_months(fl.eot_date, 12)
    if abs((rel - limit).days) <= cfg.boundary_12m_days:
        fl.flags.append("BOUNDARY_12M")
    anchors = [add_months(fl.eot_incl_rt, 12) >= rel]
    if fl.relapse_biopsy and fl.relapse_biopsy.result == "positive":
        anchors.append(fl.relapse_biopsy.date <= limit)
    if any(a != (rel <= limit) for a in anchors):
        fl.flags.append("EOT_ANCHOR_SENSITIVE")
    if not fl.relapse_proven:
        fl.missing.append("biopsy_result")
