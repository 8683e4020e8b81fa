"""BSH 2024 PET-adapted approach (clinical-logic.md §3): eligibility §3.1, Table BSH B1-B9, and the
EOT PET window of B6 (D1). Each test names the rule id and its source tag."""

from datetime import timedelta

import pytest
from rule_helpers import (
    administrations,
    after_cycle,
    biopsy,
    bsh_case,
    d,
    fired,
    isrt,
    last_dose,
    pet,
    plus,
    rec,
    rules,
    run,
)


def interim2(ds=None, uptake=None, new=None, etiology=None, k=2, **kw):
    """BSH case (defaults: 70 y, stage I, aaIPI 0, 4 cm) with iPET after cycle k (default 2)."""
    day = after_cycle(k)
    return run(bsh_case(cycles=k, extra=[pet(day, ds=ds, uptake=uptake, new=new, etiology=etiology)], **kw),
               as_of=plus(day, 10))


def full_course(ipet2: dict | None, eot_ds: int | None = None, dt: int = 35, eot_uptake: str | None = "reduced",
                bx: bool | None = None, rt: tuple[str, str] | None = None, cycles: int = 6, as_of_after: int = 10):
    """BSH case with `cycles` R-CHOP, optional iPET2, optional ISRT, EOT PET dt days after the last dose."""
    extra = []
    if ipet2 is not None:
        extra.append(pet(after_cycle(2), **ipet2))
    if rt:
        extra.append(isrt(*rt))
    eot_day = plus(last_dose(cycles), dt)
    if eot_ds is not None:
        extra.append(pet(eot_day, ds=eot_ds, uptake=eot_uptake if eot_ds >= 4 else None))
    if bx is not None:
        extra += biopsy(plus(eot_day, 7), bx)
    return run(bsh_case(cycles=cycles, planned=cycles, extra=extra), as_of=plus(eot_day, as_of_after))


# ----------------------------------------------------------------------------- §3.1 eligibility


@pytest.mark.parametrize("age", [61, 80])
def test_eligibility_age_61_and_80_inclusive(age):
    """§3.1 [S §4, Fig3][I]: age 61-80 inclusive is eligible -> BSH pathway, no B9."""
    a = interim2(ds=2, age=age)
    assert a["pathway"] == "BSH_PET_ADAPTED"
    assert "B9" not in fired(a)
    assert "B1" in fired(a)


@pytest.mark.parametrize("age", [60, 81])
def test_eligibility_age_60_and_81_not_eligible(age):
    """§3.1 / B9 [I]: age <= 60 or > 80 -> BSH not applicable -> NCCN tables (limited stage)."""
    a = interim2(ds=2, age=age, k=3)
    assert a["pathway"] == "NCCN_LIMITED"
    assert "B9" in fired(a)
    assert "NL1" in fired(a)
    assert not fired(a) & {"B1", "B2", "B3", "B4", "B5"}


@pytest.mark.parametrize(("label", "kw"), [("LDH > ULN", dict(ldh=300)), ("ECOG 2", dict(ecog_value=2))])
def test_eligibility_aaipi_1_not_eligible(label, kw):
    """§3.1 [S Fig3] / B9 [I]: aaIPI >= 1 -> not eligible -> NCCN tables."""
    a = interim2(ds=2, k=3, **kw)
    assert a["scores"]["aaipi"] == 1
    assert a["pathway"] == "NCCN_LIMITED"
    assert "B9" in fired(a)


def test_eligibility_bulky_7_5_not_eligible():
    """§3.1 [U] bulk cutoff default 7.5 cm / B9 [I]: largest mass 7.5 cm is bulky -> not eligible."""
    a = interim2(ds=2, k=3, bulky=None, largest_cm=7.5)
    assert a["pathway"] == "NCCN_LIMITED"
    assert "B9" in fired(a)
    assert "BULKY_BOUNDARY" in a["flags"]


def test_eligibility_7_4_cm_eligible():
    """§3.1 [U]: largest mass 7.4 cm is below the 7.5 cm default -> eligible."""
    a = interim2(ds=2, bulky=None, largest_cm=7.4)
    assert a["pathway"] == "BSH_PET_ADAPTED"
    assert "B9" not in fired(a)
    assert "BULKY_BOUNDARY" not in a["flags"]


def test_eligibility_bulky_coded_not_eligible():
    """§3.1 [S] / B9 [I]: bulky disease coded present -> not eligible."""
    a = interim2(ds=2, k=3, bulky=True, largest_cm=None)
    assert a["pathway"] == "NCCN_LIMITED"
    assert "B9" in fired(a)


def test_eligibility_stage_iii_not_eligible_b9():
    """§3.1 [S] / B9 [I]: stage III-IV is listed in B9's own condition ('Not eligible (... stage
    III-IV) -> BSH PET-adapted rule not applicable -> NCCN tables'): NCCN-ADVANCED and B9 fires."""
    a = interim2(ds=2, k=3, stage_text="Stage III")
    assert a["pathway"] == "NCCN_ADVANCED"
    assert "NA1" in fired(a)
    assert "B9" in fired(a)


def test_bsh_ipet_after_cycle_2_on_schedule():
    """§6 interim PET [S §4]: BSH guideline-valid k = 2 -> no IPET_OFF_SCHEDULE."""
    a = interim2(ds=2, k=2)
    assert a["latest_response"]["cycles_before"] == 2
    assert "IPET_OFF_SCHEDULE" not in a["flags"]


def test_bsh_ipet_after_cycle_3_off_schedule():
    """§6 interim PET [S §4][I]: BSH k must be 2; an iPET after cycle 3 -> IPET_OFF_SCHEDULE."""
    a = interim2(ds=2, k=3)
    assert a["pathway"] == "BSH_PET_ADAPTED"
    assert "IPET_OFF_SCHEDULE" in a["flags"]


def test_seed_ipi_vs_aaipi_flag():
    """§3.1 [S Fig3 vs §4][I], D2: eligible at 61-80 uses aaIPI 0 (IPI is >= 1) -> SEED_IPI_VS_AAIPI."""
    a = interim2(ds=2, age=65)
    assert a["pathway"] == "BSH_PET_ADAPTED"
    assert a["scores"]["aaipi"] == 0 and a["scores"]["ipi"] == 1
    assert "SEED_IPI_VS_AAIPI" in a["flags"]


def test_seed_ipi_vs_aaipi_flag_when_ipi_not_computable():
    """§3.1 [I], D2: the seed's 'IPI 0' is impossible at > 60 whatever the extranodal count, so an
    eligible patient gets SEED_IPI_VS_AAIPI even when IPI itself is null (extranodal sites unknown)."""
    a = interim2(ds=2, age=70, extranodal=None)
    assert a["pathway"] == "BSH_PET_ADAPTED"
    assert "SEED_IPI_VS_AAIPI" in a["flags"]


def test_no_seed_flag_when_not_eligible():
    """§3.1 / D2: the flag belongs to the BSH eligibility decision; none on the NCCN path (age 50)."""
    a = interim2(ds=2, age=50, k=3)
    assert a["pathway"] == "NCCN_LIMITED"
    assert "SEED_IPI_VS_AAIPI" not in a["flags"]


# ----------------------------------------------------------------------------- Table BSH


def test_b1_b4_ipet2_cmr():
    """B1 [S Fig3] 1A: iPET2 DS 1-3 -> 2 more R-CHOP (total 4); B4 [S §4, §5]: EOT imaging CT only."""
    a = interim2(ds=3)
    assert a["pathway"] == "BSH_PET_ADAPTED"
    assert {"B1", "B4"} <= fired(a)
    assert not fired(a) & {"B2", "B3", "B5"}
    assert rec(a, "B1")["strength"] == "1A"


@pytest.mark.parametrize(("label", "kw", "category"), [
    ("DS4 reduced", dict(ds=4, uptake="reduced"), "PMR"),
    ("DS5 reduced", dict(ds=5, uptake="reduced"), "PMR"),
    ("DS4 uptake not coded", dict(ds=4), "PET_POSITIVE_UNCLASSIFIED"),
])
def test_b2_ipet2_ds45_not_nmr_pmd(label, kw, category):
    """B2 [S Fig3, §5] 1B: iPET2 DS 4-5, not NMR/PMD -> 4 more R-CHOP + ISRT 30 Gy/15; no baseline uptake
    comparison needed (so an uncoded uptake change still takes B2)."""
    a = interim2(**kw)
    assert a["latest_response"]["category"] == category
    assert "B2" in fired(a)
    assert not fired(a) & {"B1", "B3", "B4"}
    assert rec(a, "B2")["strength"] == "1B"
    assert "B5" in fired(a)


@pytest.mark.parametrize(("label", "kw"), [
    ("NMR", dict(ds=4, uptake="unchanged")),
    ("PMD increased", dict(ds=5, uptake="increased")),
    ("PMD new lesion", dict(ds=2, new=True, etiology="lymphoma")),
])
def test_b3_ipet2_no_response_or_pmd_change_treatment(label, kw):
    """B3 [S §4]; biopsy [I]: iPET2 NMR or PMD -> change treatment (not B2's 4 + RT)."""
    a = interim2(**kw)
    assert "B3" in fired(a)
    assert not fired(a) & {"B1", "B2", "B4"}
    assert rec(a, "B3")["action"] == "change_treatment"


def test_b4_eot_ct_only_after_b1_no_b5():
    """B4 [S §4, §5]: after iPET2 CMR the EOT imaging is CT only; B5 (EOT PET-CT) does not apply."""
    a = full_course(ipet2=dict(ds=2), cycles=4, eot_ds=None, dt=30)
    assert {"B1", "B4"} <= fired(a)
    assert "B5" not in fired(a)


def test_b4_completed_4_cycles_does_not_miss_an_eot_pet():
    """B4 [S §4, §5]: after iPET2 CMR and 4 cycles the EOT imaging is CT only, so a missing EOT PET-CT is
    not missing data (`missing` must not ask for eot_pet)."""
    a = full_course(ipet2=dict(ds=2), cycles=4, eot_ds=None, dt=30)
    assert "B4" in fired(a)
    assert "eot_pet" not in a["missing"]


def test_b5_eot_pet_after_b2():
    """B5 [S §4, §5]: EOT PET-CT after B2."""
    a = interim2(ds=4, uptake="reduced")
    assert {"B2", "B5"} <= fired(a)


def test_b5_eot_pet_after_b3():
    """B5 [S §4, §5]: EOT PET-CT after B3."""
    a = interim2(ds=4, uptake="unchanged")
    assert {"B3", "B5"} <= fired(a)


def test_b5_eot_pet_when_no_ipet2_done():
    """B5 [S §4, §5]: no iPET2 done -> EOT PET-CT."""
    a = full_course(ipet2=None, eot_ds=None, dt=30)
    assert a["pathway"] == "BSH_PET_ADAPTED"
    assert "B5" in fired(a)
    assert not fired(a) & {"B1", "B4"}


# ----------------------------------------------------------------------------- B6 timing (D1)


def test_b6_window_21_to_56_days_after_last_anti_cd20():
    """B6 [S][I]: service window 21-56 days after the last anti-CD20 dose."""
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=2, dt=30)
    assert "B6" in fired(a)
    last = d(last_dose())
    text = rec(a, "B6")["text"]
    assert (last + timedelta(days=21)).isoformat() in text
    assert (last + timedelta(days=56)).isoformat() in text
    assert a["labels"]["eot_pet_days_after_last_anti_cd20"] == 30


@pytest.mark.parametrize(("dt", "flagged"), [(30, False), (42, False), (43, True), (56, True)])
def test_b6_bsh_timing_ambiguous_days_43_to_56(dt, flagged):
    """B6 [S][I], D1: BSH_TIMING_AMBIGUOUS for EOT PET on days 43-56 (3-6 weeks vs 8 weeks)."""
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=2, dt=dt)
    assert a["latest_response"]["timepoint"] == "end_of_treatment"
    assert ("BSH_TIMING_AMBIGUOUS" in a["flags"]) is flagged


def test_b6_bsh_timing_ambiguous_ds4_before_day_56():
    """B6 [S][I], D1: a DS 4 EOT scan before day 56 is flagged BSH_TIMING_AMBIGUOUS."""
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=4, dt=30)
    assert "BSH_TIMING_AMBIGUOUS" in a["flags"]


def test_b6_eot_pet_post_rt_early_when_isrt_overlaps():
    """B6 [S][I] + §6 EOT PET [V:IHP07]: ISRT after R-CHOP overlapping the window -> EOT_PET_POST_RT_EARLY
    (PET < 56 days after the last fraction)."""
    last = last_dose()
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=4, dt=53, rt=(plus(last, 21), plus(last, 39)))
    assert "B6" in fired(a)
    assert "EOT_PET_POST_RT_EARLY" in a["flags"]
    assert "BSH_TIMING_AMBIGUOUS" in a["flags"]


def test_b6_no_post_rt_flag_without_isrt():
    """B6 / §6: no radiotherapy -> no EOT_PET_POST_RT_EARLY."""
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=4, dt=53)
    assert "EOT_PET_POST_RT_EARLY" not in a["flags"]


def test_b6_window_counts_from_last_anti_cd20_not_last_chemo():
    """B6 [S][I]: the window starts at the last anti-CD20 dose. Last cycle CHOP without rituximab:
    an EOT PET 20 days after the last chemo is 41 days after the last rituximab."""
    extra = [pet(after_cycle(2), ds=4, uptake="reduced"),
             *administrations([last_dose(6)], drugs={"cyclophosphamide": "3002", "doxorubicin": "3639",
                                                     "vincristine": "11202", "prednisone": "8640"}),
             pet(plus(last_dose(6), 20), ds=2)]
    a = run(bsh_case(cycles=5, planned=6, extra=extra), as_of=plus(last_dose(6), 30))
    assert a["labels"]["eot_pet_days_after_last_anti_cd20"] == 41
    assert "EOT_PET_EARLY" not in a["flags"]
    assert (d(last_dose(5)) + timedelta(days=56)).isoformat() in rec(a, "B6")["text"]


# ----------------------------------------------------------------------------- B7 / B8


def test_b7_b8_eot_residual_focus_biopsy_or_repeat_pet():
    """B7 [S §4]: EOT residual FDG-avid focus -> biopsy wherever feasible; B8 [S §4]: if a biopsy is not
    possible and imaging is inconclusive -> repeat PET after 8-12 weeks (offered while no biopsy result)."""
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=4, dt=50)
    assert {"B7", "B8"} <= fired(a)
    assert rec(a, "B7")["current"] is True
    assert rec(a, "B7")["action"] == "biopsy_residual"
    assert "biopsy_result" in a["missing"]


def test_b7_positive_biopsy_refractory_no_b8():
    """B7 [S §4] / B8 [S §4]: the residual focus was biopsied (positive) -> refractory; B8's condition
    (biopsy not possible) is not met."""
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=4, dt=50, bx=True)
    assert "B7" in fired(a)
    assert "B8" not in fired(a)
    assert a["labels"]["nccn_refractory"] is True


def test_b7_b8_not_after_eot_cmr():
    """B7 [S §4]: the rule needs an EOT residual FDG-avid focus. After B2, an EOT PET at DS 2 has none:
    B7/B8 did not fire and must not be listed (architecture: a rule that did not fire does not appear)."""
    a = full_course(ipet2=dict(ds=4, uptake="reduced"), eot_ds=2, dt=40)
    assert a["latest_response"]["category"] == "CMR"
    assert not fired(a) & {"B7", "B8"}


def test_b7_b8_not_listed_at_interim():
    """B7 [S §4] / architecture 'Timepoints': only the EOT imaging plan rows (B4/B5) may be listed at
    interim; B7/B8 need an EOT residual focus."""
    a = interim2(ds=4, uptake="reduced")
    assert "B2" in fired(a)
    assert not fired(a) & {"B7", "B8"}
