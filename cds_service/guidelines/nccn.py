"""NCCN 2025 DLBCL restaging tables: limited stage NL1-NL5b (§2.2) and advanced NA1-NA4c (§2.3).

Every row is from the seed review [S] unless tagged; evidence categories are not verified [U]
(clinical-logic.md §2, D12).
"""

from __future__ import annotations

from fhir_mappings.case_facts import CaseFacts

from .course import FirstLine, ScanRead
from .recommendation import NCCN_CAT, Rec

LIMITED_IPET_CYCLES = (3, 4)  # iPET after 3-4 cycles [S §4]
ADVANCED_IPET_CYCLES = (2, 3, 4)  # iPET after 2-4 cycles [S §4]


def stage_group(facts: CaseFacts) -> tuple[str | None, list[str], list[str]]:
    """§2.1: NCCN-LIMITED (I-II, not II with extensive mesenteric disease) or NCCN-ADVANCED."""
    st = facts.staging
    if st.stage is None:
        return None, [], ["stage"]
    if st.stage >= 3:
        return "NCCN_ADVANCED", [], []
    if st.stage == 2 and st.extensive_mesenteric is True:
        return "NCCN_ADVANCED", [], []
    if st.stage == 2 and st.extensive_mesenteric is None:
        return "NCCN_LIMITED", ["MESENTERIC_STATUS_UNKNOWN"], ["extensive_mesenteric_disease"]
    return "NCCN_LIMITED", [], []


def _interim_class(r: ScanRead) -> str | None:
    """Branch of an interim scan: CMR | DS4_PR | NR_PD | None (cannot decide)."""
    cat = r.category
    if cat == "CMR":
        return "CMR"
    if cat in ("NMR", "PMD"):
        return "NR_PD"
    if cat == "PMR":
        return "PR"
    if cat == "PET_POSITIVE_UNCLASSIFIED" and r.ct and r.ct.category:  # CT fallback (§1.5)
        return {"CR": "PR", "PR": "PR", "SD": "NR_PD", "PD": "NR_PD"}[r.ct.category]
    if cat == "PET_POSITIVE_UNCLASSIFIED":
        return "UNCLASSIFIED"  # DS 4-5, uptake change unknown: DS-keyed actions only (§1.5)
    return None


def _order(biopsy_result: str | None) -> str | None:
    """Draft a biopsy order only while no deciding biopsy result is recorded."""
    return "biopsy" if _open(biopsy_result) else None


def _open(biopsy_result: str | None) -> bool:
    """A "repeat biopsy" question is answered by a positive or negative result; an unclear, not feasible or
    pending one leaves it open (clarifications, second set: answered questions retire)."""
    return biopsy_result not in ("positive", "negative")


def _eot_positive(fl: FirstLine) -> bool:
    """EOT Deauville 4-5, or an EOT new lesion proven lymphoma by biopsy (a new lesion scores 5 by
    definition [V:5PS])."""
    return fl.eot.ds45 or bool(fl.progression_proven and fl.eot.pet and "P4" in fl.eot.pet.rules)


def _eot_cmr(fl: FirstLine) -> bool:
    """EOT Deauville 1-3 accepted as CMR: not while an uncertain new lesion is open (P4)."""
    return fl.eot.category == "CMR" and not fl.eot_new_lesion_open and fl.eot_response != "PD"


def _window_passed(fl: FirstLine, r: ScanRead) -> bool:
    """No biopsy followed within the biopsy window (LBCL_CDS_RELAPSE_BIOPSY_DAYS) or before second line."""
    if fl.second_line_start is not None and fl.second_line_start > r.scan.date:
        return True
    return fl.as_of is not None and (fl.as_of - r.scan.date).days > fl.biopsy_window_days


def _biopsy_result(fl: FirstLine, r: ScanRead, facts: CaseFacts) -> str | None:
    later = [b for b in facts.biopsies if b.date >= r.scan.date]
    nxt = [s.scan.date for s in fl.interim + ([fl.eot] if fl.eot else []) if s.scan.date > r.scan.date]
    later = [b for b in later if not nxt or b.date < min(nxt)]
    return later[0].result if later else None


def limited(facts: CaseFacts, fl: FirstLine) -> tuple[list[Rec], list[str]]:
    recs: list[Rec] = []
    flags: list[str] = []
    for r in fl.interim:
        k = r.scan.cycles_before
        if k not in LIMITED_IPET_CYCLES:
            flags.append("IPET_OFF_SCHEDULE")
        branch = _interim_class(r)
        biopsy = _biopsy_result(fl, r, facts)
        tp = "interim"
        if branch == "CMR":
            recs.append(Rec("NL1", "continue_rchop", "CR pathway: give the remaining planned R-CHOP (two to three more "
                            "cycles) +/- ISRT, then end-of-treatment PET-CT.", NCCN_CAT, "NCCN2025", timepoint=tp))
        elif branch in ("PR", "UNCLASSIFIED") and r.pet and r.pet.max_ds == 4:
            recs.append(Rec("NL2", "repeat_biopsy", "Interim PET Deauville 4 (partial response): repeat biopsy.",
                            NCCN_CAT, "NCCN2025", "warning", current=_open(biopsy), timepoint=tp,
                            order=_order(biopsy)))
            if biopsy == "not_feasible":
                recs.append(Rec("NL2c", "clinician_judgement", "Biopsy not feasible: clinician judgement; consider "
                                "interval restaging.", "[I]", "NCCN2025", "warning", timepoint=tp,
                                order="interval_pet"))
            elif biopsy == "negative":
                recs.append(Rec("NL2a", "continue_rchop", "Biopsy negative: follow the CR pathway (remaining R-CHOP "
                                "+/- ISRT, then EOT PET-CT).", NCCN_CAT, "NCCN2025", timepoint=tp))
            elif biopsy == "positive":
                flags.append("NCCN_GUIDELINE_GAP")
                recs.append(Rec("NL2b", "clinician_review", "Biopsy-proven residual disease at interim: NCCN gives no "
                                "specific recommendation (per the review). The review infers 2-3 more R-CHOP +/- ISRT "
                                "(higher ISRT dose). Guideline gap - clinician review; EOT PET-CT is mandatory and "
                                "EOT Deauville 4-5 leads to biopsy. Not labelled refractory at interim.",
                                "no NCCN recommendation (review) [I]", "NCCN2025", "warning", timepoint=tp))
        elif branch in ("PR", "NR_PD", "UNCLASSIFIED"):
            recs.append(Rec("NL3", "repeat_biopsy", "Interim PET Deauville 5 or no response / progression: repeat "
                            "biopsy; if positive, follow the refractory pathway (second line).",
                            NCCN_CAT, "NCCN2025", "warning", current=_open(biopsy), timepoint=tp,
                            order=_order(biopsy)))
    if fl.eot:
        tp = "end_of_treatment"
        if _eot_cmr(fl):
            recs.append(Rec("NL4", "surveillance", "End-of-treatment PET Deauville 1-3: end of treatment; surveillance.",
                            NCCN_CAT, "NCCN2025", timepoint=tp))
        elif _eot_positive(fl):
            res = fl.eot_biopsy.result if fl.eot_biopsy else None
            recs.append(Rec("NL5", "repeat_biopsy", "End-of-treatment PET Deauville 4-5: repeat biopsy; if a biopsy "
                            "is not possible, clinical judgement.", NCCN_CAT, "NCCN2025", "warning",
                            current=_open(res) and fl.eot_response == "PENDING", timepoint=tp, order=_order(res)))
            if res == "positive":
                recs.append(Rec("NL5a", "second_line", "Biopsy positive: refractory disease - second-line therapy.",
                                "[S by analogy][I]", "NCCN2025", "critical", timepoint=tp))
            elif res == "negative":
                recs.append(Rec("NL5b", "surveillance", "Biopsy negative: treat as CR; surveillance.", "[I]",
                                "NCCN2025", timepoint=tp))
    return recs, flags


def advanced(facts: CaseFacts, fl: FirstLine) -> tuple[list[Rec], list[str]]:
    recs: list[Rec] = []
    flags: list[str] = []
    for r in fl.interim:
        if r.scan.cycles_before not in ADVANCED_IPET_CYCLES:
            flags.append("IPET_OFF_SCHEDULE")
        branch = _interim_class(r)
        tp = "interim"
        if branch in ("CMR", "PR"):
            recs.append(Rec("NA1", "continue_rchop", "Interim PET complete or partial metabolic response: continue "
                            "R-CHOP to complete 6 cycles, then end-of-treatment PET-CT.", NCCN_CAT, "NCCN2025",
                            timepoint=tp))
        elif branch == "UNCLASSIFIED":
            recs.append(Rec("NA1", "continue_rchop", "Interim PET Deauville 4-5 with the uptake change vs baseline "
                            "not coded: if uptake is reduced (PMR), continue R-CHOP to 6 cycles (NA1); if unchanged "
                            "or increased, repeat biopsy instead (NA2). Code the uptake change to decide.",
                            NCCN_CAT, "NCCN2025", "warning", timepoint=tp))
        elif branch == "NR_PD":
            res = _biopsy_result(fl, r, facts)
            recs.append(Rec("NA2", "repeat_biopsy", "Interim PET no response or progression: repeat biopsy.",
                            NCCN_CAT, "NCCN2025", "warning", current=_open(res), timepoint=tp, order=_order(res)))
            if res == "positive" or (res is None and _window_passed(fl, r)):  # "if positive or not done" [V:NCCN-PT]
                why = "Biopsy positive" if res == "positive" else "No biopsy within the biopsy window"
                recs.append(Rec("NA2a", "second_line", why + ": refractory pathway (second-line therapy).",
                                NCCN_CAT, "NCCN2025", "critical", timepoint=tp))
            elif res == "negative":
                recs.append(Rec("NA2b", "continue_rchop", "Biopsy negative: complete 6 cycles.", NCCN_CAT,
                                "NCCN2025", timepoint=tp))
    if fl.eot:
        tp = "end_of_treatment"
        if _eot_cmr(fl):
            recs.append(Rec("NA3", "surveillance", "End-of-treatment PET Deauville 1-3: active surveillance.",
                            NCCN_CAT, "NCCN2025", timepoint=tp))
        elif _eot_positive(fl):
            res = fl.eot_biopsy.result if fl.eot_biopsy else None
            pending = fl.eot_response == "PENDING"
            recs.append(Rec("NA4", "repeat_biopsy", "End-of-treatment PET Deauville 4-5: repeat biopsy (repeat all "
                            "positive studies); if a biopsy is not possible, clinical judgement.", NCCN_CAT,
                            "NCCN2025", "warning", current=_open(res) and pending, timepoint=tp, order=_order(res)))
            if fl.eot.pet and fl.eot.pet.max_ds == 4:  # fired at EOT; current only while the question is open
                recs.append(Rec("NA4a", "interval_restaging", "Deauville 4: also consider brief interval restaging "
                                "(active disease vs post-treatment inflammation).", NCCN_CAT, "NCCN2025", "warning",
                                current=pending, timepoint=tp, order="interval_pet"))
            if res == "positive":
                recs.append(Rec("NA4b", "second_line", "Biopsy positive: refractory disease confirmed - second-line "
                                "therapy.", NCCN_CAT, "NCCN2025", "critical", timepoint=tp))
            elif res == "negative":
                recs.append(Rec("NA4c", "surveillance", "Biopsy negative: treat as CR; surveillance +/- interval "
                                "imaging only if clinically suspicious.", "[I]", "NCCN2025", timepoint=tp))
    return recs, flags
