"""Bock 2024 refractory groups K1-K7 (clinical-logic.md §4), early treatment failure (§5.2), the NCCN
refractory label and the ZUMA-7 / TRANSFORM / BELINDA classes (§5.1, D7, D8), and the EOT PET timing
flags (§6 `EOT PET`). Each test names the rule id and its source tag.

Default course: stage III, R-CHOP-21 x 6 from 2025-01-06; last dose (EOT_date) 2025-04-21."""

from datetime import timedelta

import pytest
from rule_helpers import (
    administrations,
    after_cycle,
    biopsy,
    case,
    d,
    last_dose,
    pet,
    plus,
    rules,
    run,
)

from cds_service.guidelines.dates import add_months

EOT = d(last_dose())  # 2025-04-21
EOT_PET = plus(last_dose(), 35)
CHOP = {"cyclophosphamide": "3002", "doxorubicin": "3639", "vincristine": "11202", "prednisone": "8640"}


def relapse_case(relapse_day: str, bx: bool | None = True, last_cycle_chop: bool = False) -> dict:
    """EOT PET CMR 35 d after the last dose, then a relapse PET (new lesion, lymphoma) on relapse_day,
    with a biopsy 5 days later (bx None: no biopsy)."""
    extra = [pet(after_cycle(3), ds=2), pet(EOT_PET, ds=2),
             pet(relapse_day, ds=5, new=True, etiology="lymphoma")]
    if bx is not None:
        extra += biopsy(plus(relapse_day, 5), bx)
    if last_cycle_chop:
        extra += administrations([last_dose(6)], drugs=CHOP)
        res = case(cycles=5, planned=6, extra=extra)
    else:
        res = case(extra=extra)
    return run(res, as_of=plus(relapse_day, 30))


def months(n: int) -> str:
    return add_months(EOT, n).isoformat()


def eot_case(eot_kw: dict, interim_kw: dict | None = None, bx: bool | None = None, interim_bx: bool | None = None,
             dt: int = 35) -> dict:
    extra = []
    if interim_kw is not None:
        extra.append(pet(after_cycle(3), **interim_kw))
        if interim_bx is not None:
            extra += biopsy(plus(after_cycle(3), 4), interim_bx)
    eot_day = plus(last_dose(), dt)
    extra.append(pet(eot_day, **eot_kw))
    if bx is not None:
        extra += biopsy(plus(eot_day, 7), bx)
    return run(case(extra=extra), as_of=plus(eot_day, 25))


# ----------------------------------------------------------------------------- K1 PPD


def test_k1_interim_nmr_is_ppd():
    """K1 [S §3][V:BOCK]: SD/NMR during 1L -> PPD (primary refractory by Bock)."""
    a = run(case(cycles=3, extra=[pet(after_cycle(3), ds=4, uptake="unchanged")]), as_of=after_cycle(3, 12))
    assert a["labels"]["bock_group"] == "PPD"
    assert a["labels"]["bock_rule"] == "K1"
    assert a["labels"]["early_treatment_failure"] is True
    assert a["labels"]["trial_classes"] == {"zuma7": "refractory", "transform": "refractory",
                                            "belinda": "refractory"}


def test_k1_eot_pmd_after_interim_cmr_transient_response():
    """K1 [S §3] + §6 best-response rule: EOT PMD after an interim CMR is still PPD (transient interim CR);
    best_response_1l CR is display only; never 'relapse after CR' (V10)."""
    a = eot_case(dict(ds=5, new=True, etiology="lymphoma"), interim_kw=dict(ds=2), bx=True, dt=28)
    lb = a["labels"]
    assert lb["bock_group"] == "PPD"
    assert lb["best_response_1l"] == "CR"
    assert lb["progression_during_1l"] is True
    assert "relapse_date" not in lb
    assert lb["trial_classes"]["transform"] == "refractory"
    assert lb["trial_classes"]["zuma7"] == "refractory"
    assert lb["nccn_refractory"] is True
    assert "T11" in rules(a)


def test_k1_eot_nmr_is_ppd():
    """K1 [S §3][V:BOCK]: SD/NMR at the EOT assessment -> PPD (no biopsy needed for the Bock label)."""
    a = eot_case(dict(ds=4, uptake="unchanged"), interim_kw=dict(ds=4, uptake="reduced"))
    assert a["labels"]["bock_group"] == "PPD"
    assert a["labels"]["eot_response_1l"] == "SD"
    assert a["labels"]["early_treatment_failure"] is True


def test_k1_negative_biopsy_of_the_only_failing_finding_overrides():
    """K1 + architecture clarification: a negative biopsy of the only failing finding overrides PPD."""
    a = run(case(cycles=3, extra=[pet(after_cycle(3), ds=4, uptake="unchanged"),
                                  *biopsy(plus(after_cycle(3), 4), False)]), as_of=after_cycle(3, 12))
    assert a["labels"]["bock_group"] != "PPD"
    assert a["labels"]["nccn_refractory"] is False


def test_k1_wins_over_k2_when_interim_failure_preceded_eot_pr():
    """K1 vs K2 [S §3]: K2 needs 'no PD by EOT'; interim NMR then EOT PR is PPD."""
    a = eot_case(dict(ds=4, uptake="reduced"), interim_kw=dict(ds=4, uptake="unchanged"), bx=True)
    assert a["labels"]["bock_group"] == "PPD"


# ----------------------------------------------------------------------------- K2 EOT PR


def test_k2_eot_pr_biopsy_confirmed():
    """K2 [V:BOCK]: EOT response PR (biopsy-confirmed residual lymphoma), no PD by EOT -> EOT_PR; the NCCN
    label is refractory at the same time (show both, §4)."""
    a = eot_case(dict(ds=4, uptake="reduced"), interim_kw=dict(ds=4, uptake="reduced"), bx=True)
    lb = a["labels"]
    assert lb["bock_group"] == "EOT_PR"
    assert lb["bock_rule"] == "K2"
    assert lb["eot_response_1l"] == "PR"
    assert lb["nccn_refractory"] is True
    assert lb["early_treatment_failure"] is True
    assert lb["trial_classes"]["zuma7"] == "refractory"  # PR with positive biopsy [V:ASHSAP]
    assert lb["trial_classes"]["transform"] == "refractory"  # PD/SD/PR as best response [V:ASHSAP]
    assert "T11" not in rules(a)


# ----------------------------------------------------------------------------- K3-K7 after EOT CR


def test_k3_relapse_under_3_months():
    """K3 [S][V:BOCK], D6: EOT CR, relapse < add_months(EOT, 3) (81 days) -> EARLY_RELAPSE_LT3M +
    BOCK_LT3M_AMBIGUOUS (V25)."""
    a = relapse_case(plus(last_dose(), 81))
    assert a["labels"]["bock_group"] == "EARLY_RELAPSE_LT3M"
    assert a["labels"]["bock_rule"] == "K3"
    assert "BOCK_LT3M_AMBIGUOUS" in a["flags"]
    assert a["labels"]["early_treatment_failure"] is True


def test_k3_day_before_3_months():
    """K3 [S]: relapse the day before add_months(EOT, 3) is still < 3 months."""
    a = relapse_case((add_months(EOT, 3) - timedelta(days=1)).isoformat())
    assert a["labels"]["bock_group"] == "EARLY_RELAPSE_LT3M"


def test_k4_relapse_exactly_3_months():
    """K4 [S]: add_months(EOT, 3) <= relapse < add_months(EOT, 6): exactly 3 calendar months -> K4."""
    a = relapse_case(months(3))
    assert a["labels"]["bock_group"] == "EARLY_RELAPSE_3_6M"
    assert a["labels"]["bock_rule"] == "K4"
    assert "BOCK_LT3M_AMBIGUOUS" not in a["flags"]
    assert a["labels"]["time_to_relapse_months"] == 3


def test_k5_relapse_exactly_6_months():
    """K5 [S]: add_months(EOT, 6) <= relapse <= add_months(EOT, 12): exactly 6 months -> K5."""
    a = relapse_case(months(6))
    assert a["labels"]["bock_group"] == "EARLY_RELAPSE_6_12M"
    assert a["labels"]["bock_rule"] == "K5"


def test_k5_relapse_exactly_12_months_boundary():
    """K5 [S] + §6 time_to_relapse [I]: exactly add_months(EOT, 12) is still early (<= 12 months):
    K5, BOUNDARY_12M, early_treatment_failure true; ZUMA-7 'no more than 12 months' -> relapsed."""
    a = relapse_case(months(12))
    lb = a["labels"]
    assert lb["bock_group"] == "EARLY_RELAPSE_6_12M"
    assert "BOUNDARY_12M" in a["flags"]
    assert lb["early_relapse"] is True
    assert lb["early_treatment_failure"] is True
    assert lb["time_to_relapse_days"] == 365
    assert lb["time_to_relapse_months"] == 12
    assert lb["trial_classes"]["zuma7"] == "relapsed"
    assert lb["trial_classes"]["transform"] == "relapsed"
    assert "T1" in rules(a)


def test_k6_one_day_after_12_months():
    """K6 [V:BOCK]: relapse > add_months(EOT, 12) -> LATE_RELAPSE; still BOUNDARY_12M (|d| <= 14);
    not an early failure; outside the ZUMA-7 / TRANSFORM windows."""
    a = relapse_case((add_months(EOT, 12) + timedelta(days=1)).isoformat())
    lb = a["labels"]
    assert lb["bock_group"] == "LATE_RELAPSE"
    assert lb["bock_rule"] == "K6"
    assert "BOUNDARY_12M" in a["flags"]
    assert lb["early_relapse"] is False
    assert lb["early_treatment_failure"] is False
    assert lb["trial_classes"]["zuma7"] == "relapse_outside_window"
    assert lb["trial_classes"]["transform"] == "relapse_outside_window"
    assert "T1" not in rules(a)


def test_boundary_12m_not_set_far_from_12_months():
    """§6 BOUNDARY_12M [I]: only within 14 days of add_months(EOT, 12)."""
    a = relapse_case(months(6))
    assert "BOUNDARY_12M" not in a["flags"]
    b = relapse_case((add_months(EOT, 12) + timedelta(days=15)).isoformat())
    assert "BOUNDARY_12M" not in b["flags"]
    c = relapse_case((add_months(EOT, 12) - timedelta(days=14)).isoformat())
    assert "BOUNDARY_12M" in c["flags"]


def test_k7_eot_cr_no_relapse():
    """K7 [V:BOCK]: EOT CR, no relapse -> NOT_APPLICABLE; no failure; trials not applicable."""
    a = eot_case(dict(ds=2), interim_kw=dict(ds=4, uptake="reduced"))
    lb = a["labels"]
    assert lb["bock_group"] == "NOT_APPLICABLE"
    assert lb["bock_rule"] == "K7"
    assert lb["early_treatment_failure"] is False
    assert lb["nccn_refractory"] is False
    assert set(lb["trial_classes"].values()) == {"not_applicable"}


def test_first_line_running_is_undetermined():
    """§4 + architecture clarification: UNDETERMINED while first line is still running without failure."""
    a = run(case(cycles=3, extra=[pet(after_cycle(3), ds=4, uptake="reduced")]), as_of=after_cycle(3, 12))
    lb = a["labels"]
    assert lb["bock_group"] == "UNDETERMINED"
    assert lb["early_treatment_failure"] is None
    assert lb["nccn_refractory"] is None
    assert set(lb["trial_classes"].values()) == {"undetermined"}


# ----------------------------------------------------------------------------- early failure / NCCN


def test_early_relapse_not_biopsy_proven_is_not_false():
    """§5.2 early_failure [S §1-2][V:WS22]: needs a biopsy-proven relapse <= 12 months; without a biopsy
    the label is unknown (null), never false."""
    a = relapse_case(months(5), bx=None)
    assert a["labels"]["early_treatment_failure"] is None
    assert "biopsy_result" in a["missing"]


def test_early_relapse_negative_biopsy_is_not_true():
    """§5.2 early_failure: a relapse image with a negative biopsy is not a biopsy-proven relapse."""
    a = relapse_case(months(5), bx=False)
    assert a["labels"]["early_treatment_failure"] is not True


def test_nccn_refractory_interim_failure_without_biopsy_is_undetermined():
    """§6 NCCN_refractory: NR/PD needs a positive biopsy; without one the label is null (not true)."""
    a = run(case(cycles=3, extra=[pet(after_cycle(3), ds=4, uptake="unchanged")]), as_of=after_cycle(3, 12))
    assert a["labels"]["nccn_refractory"] is None


# ----------------------------------------------------------------------------- trials (§5.1)


def test_transform_refractory_for_cr_with_progression_under_3_months():
    """§5.1 [V:ASHSAP], D7: TRANSFORM counts CR with progression < 3 months as refractory; ZUMA-7 and
    BELINDA call it relapsed (V25)."""
    a = relapse_case(plus(last_dose(), 81))
    assert a["labels"]["trial_classes"] == {"zuma7": "relapsed", "transform": "refractory", "belinda": "relapsed"}


def test_transform_relapsed_at_exactly_3_months():
    """§5.1 [V:ASHSAP]: TRANSFORM relapsed = positive biopsy 3-12 months from end of 1L."""
    a = relapse_case(months(3))
    assert a["labels"]["trial_classes"]["transform"] == "relapsed"


def test_belinda_365_days_from_last_anti_cd20_is_relapsed():
    """§5.1 [V:BEL], D8: BELINDA registry 'within 365 days from last dose of anti-CD20'. Last cycle CHOP
    without rituximab: last anti-CD20 = C5 (2025-03-31); relapse 365 days later -> relapsed."""
    a = relapse_case((d(last_dose(5)) + timedelta(days=365)).isoformat(), last_cycle_chop=True)
    tc = a["labels"]["trial_classes"]
    assert tc["belinda"] == "relapsed"
    assert tc["zuma7"] == "relapsed"


def test_belinda_366_days_from_last_anti_cd20_is_outside_window():
    """§5.1 [V:BEL], D8: 366 days after the last anti-CD20 dose -> relapse_outside_window for BELINDA while
    still within 12 months of the EOT date (last 1L dose) for ZUMA-7."""
    a = relapse_case((d(last_dose(5)) + timedelta(days=366)).isoformat(), last_cycle_chop=True)
    tc = a["labels"]["trial_classes"]
    assert tc["belinda"] == "relapse_outside_window"
    assert tc["zuma7"] == "relapsed"
    assert a["labels"]["bock_group"] == "EARLY_RELAPSE_6_12M"


def test_belinda_anchor_is_eot_when_last_dose_has_rituximab():
    """§5.1 [V:BEL]: with rituximab in the last cycle, 366 days after EOT is outside the BELINDA window."""
    a = relapse_case((EOT + timedelta(days=366)).isoformat())
    assert a["labels"]["trial_classes"]["belinda"] == "relapse_outside_window"
    b = relapse_case((EOT + timedelta(days=365)).isoformat())
    assert b["labels"]["trial_classes"]["belinda"] == "relapsed"


def test_trial_vocabulary():
    """§5.1 / architecture: trial_classes values are refractory | relapsed | relapse_outside_window |
    not_applicable | undetermined."""
    vocab = {"refractory", "relapsed", "relapse_outside_window", "not_applicable", "undetermined"}
    for a in (relapse_case(months(2)), relapse_case(months(13)),
              eot_case(dict(ds=2)), eot_case(dict(ds=4, uptake="reduced"), bx=True)):
        tc = a["labels"]["trial_classes"]
        assert set(tc) == {"zuma7", "transform", "belinda"}
        assert set(tc.values()) <= vocab


# ----------------------------------------------------------------------------- EOT PET timing (§6)


@pytest.mark.parametrize(("dt", "early", "late"), [(20, True, False), (21, False, False), (56, False, False),
                                                   (57, False, True)])
def test_eot_pet_timing_flags(dt, early, late):
    """§6 EOT PET [S][V:IHP07]: dt = PET - last anti-CD20 dose; dt < 21 -> EOT_PET_EARLY; > 56 ->
    EOT_PET_LATE (architecture flag); 21 and 56 are inside the window."""
    a = eot_case(dict(ds=2), dt=dt)
    assert a["latest_response"]["timepoint"] == "end_of_treatment"
    assert a["labels"]["eot_pet_days_after_last_anti_cd20"] == dt
    assert ("EOT_PET_EARLY" in a["flags"]) is early
    assert ("EOT_PET_LATE" in a["flags"]) is late


def test_early_eot_pet_does_not_invalidate_cmr():
    """§6 / V09 [I]: early timing does not invalidate a CMR: EOT response CR despite EOT_PET_EARLY."""
    a = eot_case(dict(ds=2), dt=18)
    assert "EOT_PET_EARLY" in a["flags"]
    assert a["labels"]["eot_response_1l"] == "CR"
    assert a["labels"]["bock_group"] == "NOT_APPLICABLE"
