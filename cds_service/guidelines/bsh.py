"""BSH 2024 PET-adapted approach for limited-stage LBCL at age 61-80 (clinical-logic.md §3).

Content is seed-derived [S]; grades 1A/1B as the seed gives them (GRADE use by BSH [U]).
"""

from __future__ import annotations

from datetime import date, timedelta

from fhir_mappings.case_facts import CaseFacts

from .course import FirstLine
from .recommendation import Rec
from .settings import GuidelineSettings


def eligibility(facts: CaseFacts, age: int | None, aaipi: int | None, ipi: int | None,
                cfg: GuidelineSettings) -> tuple[bool | None, list[str], list[str]]:
    """§3.1: all of age 61-80, stage I-II, aaIPI = 0, not bulky. None when an input is unknown."""
    flags: list[str] = []
    missing: list[str] = []
    st = facts.staging
    known_no = (
        (age is not None and not cfg.bsh_age_min <= age <= cfg.bsh_age_max)
        or (st.stage is not None and st.stage > 2)
        or (aaipi is not None and aaipi > 0)
        or st.bulky is True
        or (st.largest_diameter_cm is not None and st.largest_diameter_cm >= cfg.bsh_bulky_cm)
        or (st.stage == 2 and st.extensive_mesenteric is True)
    )
    if known_no:
        return False, flags, missing
    if age is None:
        missing.append("birth_date")
    if st.stage is None:
        missing.append("stage")
    if aaipi is None:
        return None, flags, missing
    if st.bulky is None and st.largest_diameter_cm is None:
        missing.append("bulky_status")
    if missing:
        return None, flags, missing
    # The seed says "IPI 0", impossible above 60 (age scores 1): aaIPI 0 is used, and flagged (D2).
    flags.append("SEED_IPI_VS_AAIPI")
    return True, flags, missing


def recommendations(facts: CaseFacts, fl: FirstLine, cfg: GuidelineSettings) -> tuple[list[Rec], list[str]]:
    recs: list[Rec] = []
    flags: list[str] = []
    ipet2 = next((r for r in fl.interim if r.scan.cycles_before == 2), None)
    if fl.interim and ipet2 is None:
        flags.append("IPET_OFF_SCHEDULE")
        ipet2 = fl.interim[0]
    branch = None
    if ipet2:
        cat = ipet2.category
        if cat == "CMR":
            branch = "B1"
            recs.append(Rec("B1", "continue_rchop", "iPET2 Deauville 1-3: 2 more R-CHOP (4 in total).", "1A",
                            "BSH2024", timepoint="interim"))
            recs.append(Rec("B4", "eot_ct", "End-of-treatment imaging after iPET2 CMR: CT only.", "[S]", "BSH2024",
                            timepoint="interim", order="ct"))
        elif cat in ("NMR", "PMD"):
            branch = "B3"
            recs.append(Rec("B3", "change_treatment", "iPET2 no response or progression: change treatment (leave the "
                            "PET-adapted arm); biopsy, then the refractory pathway.", "[S]; biopsy [I]", "BSH2024",
                            "critical", timepoint="interim", order="biopsy"))
        elif cat in ("PMR", "PET_POSITIVE_UNCLASSIFIED"):
            branch = "B2"
            recs.append(Rec("B2", "continue_rchop_isrt", "iPET2 Deauville 4-5 (not CMR): 4 more R-CHOP (6 in total) + "
                            "ISRT 30 Gy in 15 fractions. No biopsy; no baseline uptake comparison needed.", "1B",
                            "BSH2024", "warning", timepoint="interim"))
    if branch in ("B2", "B3") or (branch is None and fl.complete):
        recs.append(Rec("B5", "eot_pet", "End-of-treatment PET-CT.", "[S]", "BSH2024", timepoint="end_of_treatment",
                        order="pet_ct"))
    if branch == "B2" or (fl.eot and branch != "B1") or branch == "B3":
        recs += _timing(facts, fl, cfg, flags)
    if fl.eot and fl.eot.ds45:  # B7/B8 need an EOT residual FDG-avid focus (§3.2)
        biopsy = fl.eot_biopsy.result if fl.eot_biopsy else None
        decided = biopsy in ("positive", "negative")
        resolved = decided or fl.interval is not None  # a biopsy result or an interval scan answered it
        recs.append(Rec("B7", "biopsy_residual", "Residual FDG-avid focus at end of treatment: biopsy wherever "
                        "feasible.", "[S]", "BSH2024", "warning", current=not resolved, timepoint="end_of_treatment",
                        order=None if resolved else "biopsy"))
        if not decided:
            recs.append(Rec("B8", "repeat_pet_8_12w", "If a biopsy is not possible and imaging is inconclusive: "
                            "repeat PET after 8-12 weeks.", "[S]", "BSH2024", current=fl.interval is None,
                            timepoint="end_of_treatment", order=None if fl.interval else "interval_pet"))
    return recs, flags


def _timing(facts: CaseFacts, fl: FirstLine, cfg: GuidelineSettings, flags: list[str]) -> list[Rec]:
    """B6: EOT PET 21-56 days after the last anti-CD20 dose; flags per the seed's inconsistency (D1)."""
    if fl.last_cd20 is None:
        return []
    lo = fl.last_cd20 + timedelta(days=cfg.eot_window_min_days)
    hi = fl.last_cd20 + timedelta(days=cfg.eot_window_max_days)
    text = (f"EOT PET-CT timing: {lo.isoformat()} to {hi.isoformat()} (21-56 days after the last anti-CD20 dose "
            f"{fl.last_cd20.isoformat()}); the review gives both 3-6 weeks and 8 weeks.")
    if fl.eot:
        dt = fl.eot_dt_days or 0
        if 43 <= dt <= 56 or (fl.eot.pet and fl.eot.pet.max_ds == 4 and dt < 56):
            flags.append("BSH_TIMING_AMBIGUOUS")
    else:
        flags.append("BSH_TIMING_AMBIGUOUS")  # the window spans both of the seed's timings
    for rt in facts.radiotherapy:
        if rt.start >= facts.first_line.start and _overlaps(lo, hi, rt.start, rt.end + timedelta(days=cfg.post_rt_min_days)):
            flags.append("EOT_PET_POST_RT_EARLY")
            text += (f" ISRT {rt.start.isoformat()} to {rt.end.isoformat()}: after RT, PET 8-12 weeks later is "
                     f"recommended (not before {(rt.end + timedelta(days=cfg.post_rt_min_days)).isoformat()}).")
    return [Rec("B6", "eot_pet_timing", text, "[S][I]", "BSH2024", timepoint="end_of_treatment")]


def _overlaps(a0: date, a1: date, b0: date, b1: date) -> bool:
    return a0 <= b1 and b0 <= a1
