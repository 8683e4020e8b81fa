"""Place imaging on the treatment timeline (clinical-logic.md §6 `interim PET`, `EOT PET`;
architecture.md "Timepoints").

- before the first 1L dose: baseline;
- after cycle k of 1L with a further 1L dose after it, or k below the planned cycle count: interim;
- with ISRT in first line (a course starting after the last 1L dose and before any 2L therapy), a scan
  between the last dose and the last radiotherapy fraction is pre_radiotherapy, and the end-of-treatment
  scan is the first one after the last fraction (clarifications, second set);
- the first scan after the last 1L dose and before any 2L therapy: end_of_treatment, unless the
  scan comes less than NEXT_CYCLE_DUE_DAYS after a cycle with fewer than STANDARD_1L_CYCLES cycles
  given and no plan is coded: then treatment is presumed to go on (interim + `INTERIM_PRESUMED`) [I];
- after a salvage line's last cycle (high-dose conditioning for ASCT not counted) and before the next
  line: post_salvage;
- anything else after 1L: relapse_or_follow_up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .case_facts import ImagingAssessment, RadiotherapyCourse, TherapyLine

STANDARD_1L_CYCLES = 6  # R-CHOP x 6, the default course (NCCN/seed Fig 2) [S]
NEXT_CYCLE_DUE_DAYS = 21  # R-CHOP-21: a scan before day 21 of a cycle precedes the next cycle [I]


def place(scans: tuple[ImagingAssessment, ...], lines: tuple[TherapyLine, ...],
          planned_cycles: int | None, radiotherapy: tuple[RadiotherapyCourse, ...] = ()
          ) -> tuple[tuple[ImagingAssessment, ...], tuple[str, ...]]:
    flags: list[str] = []
    if not lines:
        return tuple(replace(s, timepoint="baseline" if s.timepoint_hint in (None, "baseline") else "other")
                     for s in scans), ()
    first = lines[0]
    second_start = lines[1].start if len(lines) > 1 else None
    starts = [c.start for c in first.cycles]
    rt_1l = [rt for rt in radiotherapy if rt.start >= first.last_dose and (second_start is None or rt.start < second_start)]
    last_fraction = max((rt.end for rt in rt_1l), default=None)
    placed = []
    eot_taken = False
    for s in scans:
        t = s.date
        if t <= first.start:
            placed.append(replace(s, timepoint="baseline", cycles_before=0, line=1))
            continue
        if second_start is None or t <= second_start:
            k = sum(1 for d in starts if d < t)
            further = any(d > t for d in starts)
            if further or (planned_cycles is not None and k < planned_cycles):
                placed.append(replace(s, timepoint="interim", cycles_before=k, line=1))
                continue
            days_after = (t - first.last_dose).days
            if (not eot_taken and planned_cycles is None and k < STANDARD_1L_CYCLES
                    and days_after < NEXT_CYCLE_DUE_DAYS and second_start is None):
                placed.append(replace(s, timepoint="interim", cycles_before=k, line=1,
                                      flags=s.flags + ("INTERIM_PRESUMED",)))
                flags.append("INTERIM_PRESUMED")
                continue
            if (not eot_taken and planned_cycles is None and k < STANDARD_1L_CYCLES
                    and days_after < NEXT_CYCLE_DUE_DAYS and second_start is not None):
                # stopped early (for failure) and a scan shortly after the last cycle: an interim scan
                placed.append(replace(s, timepoint="interim", cycles_before=k, line=1))
                continue
            if not eot_taken and last_fraction is not None and t <= last_fraction:
                placed.append(replace(s, timepoint="pre_radiotherapy", cycles_before=k, line=1))
                continue
            if not eot_taken:
                eot_taken = True
                placed.append(replace(s, timepoint="end_of_treatment", cycles_before=k, line=1))
            else:
                placed.append(replace(s, timepoint="relapse_or_follow_up", cycles_before=k, line=1))
            continue
        # after 2L started: which line does the scan follow?
        line = max((ln for ln in lines if ln.start < t), key=lambda ln: ln.start)
        nxt = next((ln.start for ln in lines if ln.start > line.start and ln.start >= t), None)
        # the salvage cycles, less the high-dose conditioning that therapy.build_lines adds to the line: the
        # restaging scan between the last salvage cycle and BEAM is the response to salvage (pre-ASCT)
        salvage = [c for c in line.cycles if c.regimen != "conditioning"] or list(line.cycles)
        if line.kind == "salvage" and (nxt is None or t <= nxt) and t > salvage[-1].start:
            placed.append(replace(s, timepoint="post_salvage", cycles_before=len(salvage), line=line.number))
        else:
            placed.append(replace(s, timepoint="relapse_or_follow_up", line=line.number))
    return tuple(placed), tuple(dict.fromkeys(flags))


def last_anti_cd20(line: TherapyLine, admins_dates: list[date]) -> date | None:
    in_line = [d for d in admins_dates if line.start <= d <= line.last_dose]
    return max(in_line) if in_line else None
