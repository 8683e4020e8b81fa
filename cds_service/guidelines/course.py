"""The first-line course read as a whole (clinical-logic.md §6 derived facts): each scan's response,
EOT date and timing flags, biopsy resolution, EOT response, progression during 1L, best response,
relapse and time to relapse."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from fhir_mappings.case_facts import Biopsy, CaseFacts, ImagingAssessment, TherapyLine

from .dates import add_months, whole_months_between
from .lugano_ct import CtRead, classify_ct
from .lugano_pet import PetRead, classify_pet
from .settings import GuidelineSettings

_PET_TO_CLASS = {"CMR": "CR", "PMR": "PR", "NMR": "SD", "PMD": "PD"}
_ORDER = {"CR": 0, "PR": 1, "SD": 2, "PD": 3}


@dataclass(frozen=True, slots=True)
class ScanRead:
    scan: ImagingAssessment
    pet: PetRead | None
    ct: CtRead | None

    @property
    def category(self) -> str:
        if self.pet:
            return self.pet.category
        return self.ct.category if self.ct and self.ct.category else "INDETERMINATE"

    @property
    def response(self) -> str | None:
        """CR/PR/SD/PD: PET category, or the CT category when PET cannot classify (§1.5)."""
        if self.pet and self.pet.category in _PET_TO_CLASS:
            return _PET_TO_CLASS[self.pet.category]
        return self.ct.category if self.ct else None

    @property
    def ds45(self) -> bool:
        return bool(self.pet and self.pet.max_ds in (4, 5)) or bool(
            self.pet and self.pet.category in ("PMR", "NMR", "PMD", "PET_POSITIVE_UNCLASSIFIED"))


@dataclass
class FirstLine:
    line: TherapyLine | None
    complete: bool = False
    eot_date: date | None = None
    eot_incl_rt: date | None = None
    last_cd20: date | None = None
    interim: list[ScanRead] = field(default_factory=list)
    eot: ScanRead | None = None
    eot_dt_days: int | None = None
    eot_biopsy: Biopsy | None = None
    failure_biopsy: Biopsy | None = None  # biopsy after an interim NMR/PMD (NA2, NL3, B3)
    interval: ScanRead | None = None
    eot_response: str | None = None  # CR | PR | SD | PD | PENDING | None
    progression: bool = False
    progression_overridden: bool = False
    best_response: str | None = None
    relapse: ScanRead | None = None
    relapse_biopsy: Biopsy | None = None
    flags: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

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


def read_scans(facts: CaseFacts) -> list[ScanRead]:
    pets = [s for s in facts.imaging if s.modality == "PET"]
    reads = []
    for scan in facts.imaging:
        earlier = [s for s in facts.imaging if s.date < scan.date]
        baseline_scan = next((s for s in earlier if s.timepoint == "baseline"), earlier[0] if earlier else None)
        baseline_pet = any(p.date < scan.date and p.timepoint == "baseline" for p in pets) or (
            scan.timepoint not in ("interim", "end_of_treatment") and any(p.date < scan.date for p in pets))
        if scan.timepoint == "baseline":  # staging scan: nothing to respond yet
            reads.append(ScanRead(scan, PetRead("INDETERMINATE", None, (), (), (), scan.max_ds)
                                  if scan.modality == "PET" else None, None))
            continue
        pet = classify_pet(scan, baseline_pet) if scan.modality == "PET" and (scan.sites or scan.marrow) else None
        if scan.modality == "PET" and pet is None and scan.reported_category:
            pet = PetRead(scan.reported_category, None, (), ("READER_CATEGORY_USED",), (), None)
        elif scan.modality == "PET" and pet is None:
            pet = PetRead("INDETERMINATE", None, (), (), ("deauville_score",), None)
        ct = None
        if scan.lesions or scan.spd_cm2 is not None or scan.spleen_cm is not None:
            if scan.timepoint != "baseline":
                ct = classify_ct(scan, baseline_scan, earlier)
        reads.append(ScanRead(scan, pet, ct))
    return reads


def _biopsy_after(facts: CaseFacts, day: date, until: date | None, max_days: int) -> Biopsy | None:
    for b in facts.biopsies:
        if day <= b.date <= day + timedelta(days=max_days) and (until is None or b.date < until):
            return b
    return None


def analyse_first_line(facts: CaseFacts, reads: list[ScanRead], as_of: date,
                       cfg: GuidelineSettings) -> FirstLine:
    line = facts.first_line
    fl = FirstLine(line=line)
    if line is None:
        return fl
    second = facts.lines[1].start if len(facts.lines) > 1 else None
    first_reads = [r for r in reads if r.scan.line == 1]
    fl.interim = [r for r in first_reads if r.scan.timepoint == "interim"]
    fl.eot = next((r for r in first_reads if r.scan.timepoint == "end_of_treatment"), None)
    cd20 = [a.date for a in facts.administrations if a.agent == "rituximab" and line.start <= a.date <= line.last_dose]
    fl.last_cd20 = max(cd20) if cd20 else None
    fl.eot_date = line.last_dose  # EOT_date = last 1L dose date [V:BEL][V:Z7] §6
    rt_after = [rt for rt in facts.radiotherapy if rt.start >= line.start and (second is None or rt.start < second)]
    fl.eot_incl_rt = max([line.last_dose] + [rt.end for rt in rt_after])
    n = len(line.cycles)
    planned = facts.planned_1l_cycles
    fl.complete = bool(second or fl.eot or (planned and n >= planned)
                       or (planned is None and n >= 6 and (as_of - line.last_dose).days >= 21))
    if not fl.complete:
        fl.eot_date = None
    # EOT PET timing (§6 EOT PET; B6)
    if fl.eot and fl.last_cd20:
        dt = (fl.eot.scan.date - fl.last_cd20).days
        fl.eot_dt_days = dt
        if dt < cfg.eot_window_min_days:
            fl.flags.append("EOT_PET_EARLY")
        elif dt > cfg.eot_window_max_days:
            fl.flags.append("EOT_PET_LATE")
        for rt in rt_after:
            if (fl.eot.scan.date - rt.end).days < cfg.post_rt_min_days:
                fl.flags.append("EOT_PET_POST_RT_EARLY")
    # Interim failures and their biopsies
    for r in fl.interim:
        if r.response in ("SD", "PD"):
            b = _biopsy_after(facts, r.scan.date, second, cfg.eot_biopsy_days)
            fl.failure_biopsy = b or fl.failure_biopsy
            if b and b.result == "negative":
                fl.progression_overridden = True  # negative biopsy of the failing finding (binding)
            else:
                fl.progression = True
    # EOT response, resolved by biopsy or interval restaging (§6 EOT_response_1L)
    if fl.eot:
        nxt = [r for r in first_reads if r.scan.date > fl.eot.scan.date]
        fl.eot_biopsy = _biopsy_after(facts, fl.eot.scan.date, second, cfg.eot_biopsy_days)
        resp = fl.eot.response
        if resp in ("SD", "PD") or (fl.eot.pet and fl.eot.pet.category in ("NMR", "PMD")):
            if fl.eot_biopsy and fl.eot_biopsy.result == "negative":
                fl.eot_response = "CR"
                fl.progression_overridden = True
            else:
                fl.eot_response = resp or ("SD" if fl.eot.pet.category == "NMR" else "PD")
                fl.progression = True
        elif resp == "CR" and fl.eot.category == "CMR":
            fl.eot_response = "CR"
        elif fl.eot.ds45 or resp == "PR":
            if fl.eot_biopsy and fl.eot_biopsy.result == "positive":
                fl.eot_response = "PR" if resp in (None, "PR", "CR") else resp
            elif fl.eot_biopsy and fl.eot_biopsy.result == "negative":
                fl.eot_response = "CR"  # biopsy negative -> CR [I] (NA4c, NL5b)
            else:
                interval = next((r for r in nxt if r.scan.date - fl.eot.scan.date <= timedelta(days=120)), None)
                if interval and interval.category == "CMR":
                    fl.interval, fl.eot_response = interval, "CR"  # interval restaging replaces EOT (§6)
                elif interval and interval.response in ("SD", "PD"):
                    fl.interval, fl.eot_response = interval, interval.response
                    fl.progression = True
                else:
                    fl.eot_response = "PENDING"
                    if not fl.eot_biopsy:
                        fl.missing.append("biopsy_result")
        elif resp == "CR":
            fl.eot_response = "CR"
    elif fl.complete:
        fl.missing.append("eot_pet")
    if fl.eot_response == "PD" or fl.eot_response == "SD":
        fl.progression = True
    responses = [r.response for r in fl.interim + ([fl.eot] if fl.eot else []) if r.response]
    fl.best_response = min(responses, key=_ORDER.get) if responses else None  # display only (§6)
    # Relapse after EOT CR (§6 relapse_date, time_to_relapse)
    if fl.eot_response == "CR" and fl.eot:
        start = (fl.interval or fl.eot).scan.date
        later = [r for r in reads if r.scan.date > start and r.response == "PD"]
        if later:
            fl.relapse = later[0]
            fl.relapse_biopsy = _biopsy_after(facts, later[0].scan.date, None, cfg.relapse_biopsy_days)
            _relapse_flags(fl, cfg)
    return fl


def _relapse_flags(fl: FirstLine, cfg: GuidelineSettings) -> None:
    rel = fl.relapse.scan.date
    limit = add_months(fl.eot_date, 12)
    if abs((rel - limit).days) <= cfg.boundary_12m_days:
        fl.flags.append("BOUNDARY_12M")
    anchors = [add_months(fl.eot_incl_rt, 12) >= rel]
    if fl.relapse_biopsy:
        anchors.append(fl.relapse_biopsy.date <= limit)
    if any(a != (rel <= limit) for a in anchors):
        fl.flags.append("EOT_ANCHOR_SENSITIVE")
    if fl.relapse_biopsy is None or fl.relapse_biopsy.result is None:
        fl.missing.append("biopsy_result")
