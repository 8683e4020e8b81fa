"""Rule-level tests for the second set of contract clarifications (architecture.md, issue 17): disease
events from imaging + biopsy, T0, answered questions retiring, second-line rules as written, derived facts.
Each test names the clarification item or rule it traces to, and boundaries are tested on both sides."""

from __future__ import annotations

import fhir_builders as fb
import pytest
from rule_helpers import (
    CYCLE_DAYS,
    after_cycle,
    apheresis,
    biopsy,
    case,
    cart_infusion,
    coded,
    fired,
    last_dose,
    limited_case,
    pet,
    plus,
    rules,
    run,
)

from cds_service.guidelines.dates import add_months

EOT = plus(last_dose(), 35)  # end-of-treatment PET, CMR


def _after_cr(extra: list[dict], as_of: str) -> dict:
    return run(case(extra=[pet(after_cycle(3), ds=2), pet(EOT, ds=2), *extra]), as_of=as_of)


def _months_after_eot(m: int, days: int = 0) -> str:
    return plus(add_months(fb_date(last_dose()), m).isoformat(), days)


def fb_date(s: str):
    from datetime import date
    return date.fromisoformat(s)


# ------------------------------------------------------------------ relapse: proven, imaging-only, refuted

@pytest.mark.parametrize(("months", "group", "failure"), [(2, "EARLY_RELAPSE_LT3M", True), (4, "EARLY_RELAPSE_3_6M", True),
                                                          (8, "EARLY_RELAPSE_6_12M", True), (14, "LATE_RELAPSE", False)])
def test_proven_relapse_at_each_bock_interval(months, group, failure):
    """K3-K6 with a positive biopsy within the window: proven, early failure by the 12-month rule."""
    day = _months_after_eot(months)
    a = _after_cr([pet(day, ds=5, new=True, etiology="lymphoma"), *biopsy(plus(day, 7), True)], plus(day, 8))
    assert a["labels"]["bock_group"] == group and a["labels"]["relapse_biopsy_proven"] is True
    assert a["labels"]["early_treatment_failure"] is failure
    assert "T0" not in fired(a) and "RELAPSE_NOT_BIOPSY_PROVEN" not in a["flags"]


@pytest.mark.parametrize(("months", "failure", "zuma7"), [(8, None, "undetermined"), (14, False, "relapse_outside_window")])
def test_imaging_only_relapse_gives_t0_and_pending_failure(months, failure, zuma7):
    """T0 + RELAPSE_NOT_BIOPSY_PROVEN; early failure null within 12 months, false beyond; trials
    'relapsed' only when biopsy-proven (clarifications, second set)."""
    day = _months_after_eot(months)
    a = _after_cr([pet(day, ds=5, new=True, etiology="lymphoma")], plus(day, 3))
    assert "T0" in rules(a) and "RELAPSE_NOT_BIOPSY_PROVEN" in a["flags"]
    assert a["labels"]["early_treatment_failure"] is failure
    assert a["labels"]["trial_classes"]["zuma7"] == zuma7
    assert "T1" not in fired(a)


def test_biopsy_outside_the_window_does_not_prove_the_relapse():
    """LBCL_CDS_RELAPSE_BIOPSY_DAYS (60): day 60 proves, day 61 does not."""
    day = _months_after_eot(5)
    inside = _after_cr([pet(day, ds=5, new=True, etiology="lymphoma"), *biopsy(plus(day, 60), True)], plus(day, 61))
    outside = _after_cr([pet(day, ds=5, new=True, etiology="lymphoma"), *biopsy(plus(day, 61), True)], plus(day, 62))
    assert inside["labels"]["relapse_biopsy_proven"] is True
    assert outside["labels"]["relapse_biopsy_proven"] is False


@pytest.mark.parametrize("positive", [True, False])
def test_uncertain_new_lesion_after_cr_is_resolved_by_biopsy(positive):
    """P4 after an EOT CR: a positive biopsy confirms a relapse dated at the scan; a negative one refutes it."""
    day = _months_after_eot(6)
    a = _after_cr([pet(day, ds=2, new=True, etiology="uncertain"), *biopsy(plus(day, 7), positive)], plus(day, 8))
    if positive:
        assert a["labels"]["relapse_date"] == day and a["labels"]["bock_group"] == "EARLY_RELAPSE_6_12M"
        assert "T1" in rules(a)
    else:
        assert a["labels"]["bock_group"] == "NOT_APPLICABLE" and "relapse_date" not in a["labels"]
        assert "T0" not in fired(a)


def test_unresolved_uncertain_lesion_after_cr_sets_no_relapse_but_asks_t0():
    day = _months_after_eot(6)
    a = _after_cr([pet(day, ds=2, new=True, etiology="uncertain")], plus(day, 3))
    assert "relapse_date" not in a["labels"] and a["labels"]["bock_group"] == "NOT_APPLICABLE"
    assert "T0" in rules(a) and "RELAPSE_NOT_BIOPSY_PROVEN" in a["flags"]


def test_p8_without_baseline_after_cr_plus_positive_biopsy_is_a_relapse():
    day = _months_after_eot(4)
    res = case(baseline_pet=False, extra=[pet(after_cycle(3), ds=2), pet(EOT, ds=2), pet(day, ds=5),
                                          *biopsy(plus(day, 5), True)])
    a = run(res, as_of=plus(day, 6))
    assert a["latest_response"]["category"] == "PET_POSITIVE_UNCLASSIFIED"  # imaging category kept
    assert a["labels"]["relapse_date"] == day and a["labels"]["relapse_biopsy_proven"] is True


# ------------------------------------------------------------------ end of treatment: uncertain new lesion

@pytest.mark.parametrize(("bx", "eot_response", "group"), [(None, "PENDING", "UNDETERMINED"), (True, "PD", "PPD"),
                                                           (False, "CR", "NOT_APPLICABLE")])
def test_uncertain_new_lesion_at_eot(bx, eot_response, group):
    """An uncertain new lesion at EOT does not make the response CR (clarifications, second set)."""
    extra = [pet(after_cycle(3), ds=2), pet(EOT, ds=2, new=True, etiology="uncertain")]
    if bx is not None:
        extra += biopsy(plus(EOT, 7), bx)
    a = run(case(extra=extra), as_of=plus(EOT, 9))
    assert a["labels"]["eot_response_1l"] == eot_response and a["labels"]["bock_group"] == group
    if bx is None:
        assert "P4" in rules(a)
        assert "NA3" not in rules(a)
    if bx is False:
        assert "NA3" in rules(a) and "P4" in fired(a) and "P4" not in rules(a)


# ------------------------------------------------------------------ answered questions retire

def test_repeat_biopsy_retires_after_the_result_and_stays_listed():
    extra = [pet(after_cycle(3), ds=4, uptake="reduced"), pet(EOT, ds=4, uptake="reduced")]
    before = run(case(extra=extra), as_of=plus(EOT, 2))
    after = run(case(extra=[*extra, *biopsy(plus(EOT, 7), True)]), as_of=plus(EOT, 8))
    assert "NA4" in rules(before)
    assert "NA4" in fired(after) and "NA4" not in rules(after) and "NA4b" in rules(after)
    assert all("current" in r for r in after["recommendations"])


def test_t10_stops_at_infusion():
    bx = [pet(after_cycle(3), ds=4, uptake="reduced"), pet(EOT, ds=4, uptake="reduced"), *biopsy(plus(EOT, 7), True)]
    a = run(case(extra=[*bx, apheresis(plus(EOT, 20))]), as_of=plus(EOT, 25))
    b = run(case(extra=[*bx, apheresis(plus(EOT, 20)), cart_infusion(plus(EOT, 50))]), as_of=plus(EOT, 51))
    assert "T10" in rules(a)
    assert "T10" in fired(b) and "T10" not in rules(b) and "response_after_car_t" in b["missing"]


# ------------------------------------------------------------------ second-line rules as written

def _early_relapse(extra_codes: list[dict], as_of_days: int = 8) -> dict:
    day = _months_after_eot(6)
    return _after_cr([pet(day, ds=5, new=True, etiology="lymphoma"), *biopsy(plus(day, 5), True), *extra_codes],
                     plus(day, as_of_days))


def test_t1_withheld_when_cart_coded_not_eligible():
    assert "T1" in rules(_early_relapse([]))
    assert "T1" not in fired(_early_relapse([coded("cart-eligible", False)]))


def test_t8_only_for_eot_pr():
    timely_no = coded("cart-timely-access", False)
    eot_pr = run(case(age=50, extra=[pet(after_cycle(3), ds=4, uptake="reduced"), pet(EOT, ds=4, uptake="reduced"),
                                     *biopsy(plus(EOT, 7), True), timely_no]), as_of=plus(EOT, 8))
    assert "T8" in rules(eot_pr)
    assert "T8" not in fired(_early_relapse([timely_no]))


def test_na2a_fires_when_no_biopsy_follows_within_the_window():
    """NA2a: 'if positive or no biopsy' [V:NCCN-PT]; the window is LBCL_CDS_RELAPSE_BIOPSY_DAYS."""
    scan = after_cycle(3)
    res = case(cycles=3, extra=[pet(scan, ds=4, uptake="unchanged")])
    assert "NA2a" not in fired(run(res, as_of=plus(scan, 60)))
    assert "NA2a" in fired(run(res, as_of=plus(scan, 61)))


def test_nl2c_when_the_biopsy_is_not_feasible():
    scan = after_cycle(3)
    not_done = {"resourceType": "Procedure", "id": "bx-nd", "status": "not-done", "subject": {"reference": "Patient/p1"},
                "code": {"coding": [{"system": fb.SCT, "code": "86273004"}]}, "performedDateTime": plus(scan, 5)}
    a = run(limited_case(cycles=3, extra=[pet(scan, ds=4, uptake="reduced"), not_done]), as_of=plus(scan, 6))
    assert {"NL2", "NL2c"} <= fired(a)
    b = run(limited_case(cycles=3, extra=[pet(scan, ds=4, uptake="reduced")]), as_of=plus(scan, 6))
    assert "NL2c" not in fired(b)


# ------------------------------------------------------------------ derived facts

def test_day_7_is_in_the_cycle_and_oral_prednisone_does_not_anchor():
    """Cycles anchored on the first IV dose; the 7-day window includes day 7; prephase steroids are no cycle."""
    pred = {"prednisone": "8640"}
    extra = fb.administrations([plus(CYCLE_DAYS[0], -10)], drugs=pred)  # prephase
    extra += fb.administrations([plus(day, -1) for day in CYCLE_DAYS[:3]], drugs=pred)  # prednisone the day before
    extra += fb.administrations([plus(CYCLE_DAYS[0], 7)], drugs={"vincristine": "11202"})  # day 7 of cycle 1
    a = run(case(cycles=3, extra=[*extra, pet(after_cycle(3), ds=2)]), as_of=plus(after_cycle(3), 1))
    assert a["latest_response"]["cycles_before"] == 3
    ev = next(e for e in a["evidence"] if e["fact"] == "first_line_cycles")
    assert ev["cycles"] == 3 and ev["start"] == CYCLE_DAYS[0]


def test_lymphodepletion_belongs_to_the_cart_line_without_apheresis():
    flu = fb.administrations([plus(EOT, 100), plus(EOT, 101)], drugs={"fludarabine": "24698", "cyclophosphamide": "3002"})
    day = plus(EOT, 60)
    a = _after_cr([pet(day, ds=5, new=True, etiology="lymphoma"), *biopsy(plus(day, 5), True), *flu,
                   cart_infusion(plus(EOT, 105))], plus(EOT, 106))
    ev = next(e for e in a["evidence"] if e["fact"] == "first_line_cycles")
    assert ev["last_dose"] == last_dose() and ev["cycles"] == 6
    assert not any(e.get("kind") == "salvage" for e in a["evidence"])


def test_pet_before_the_last_rt_fraction_is_pre_radiotherapy():
    from rule_helpers import isrt
    early = plus(last_dose(), 20)
    rt = isrt(plus(last_dose(), 25), plus(last_dose(), 45))
    a = run(case(extra=[pet(after_cycle(3), ds=2), pet(early, ds=2), rt]), as_of=plus(last_dose(), 46))
    assert a["latest_response"]["timepoint"] == "pre_radiotherapy"
    b = run(case(extra=[pet(after_cycle(3), ds=2), pet(early, ds=2), rt, pet(plus(last_dose(), 110), ds=2)]),
            as_of=plus(last_dose(), 111))
    assert b["latest_response"]["timepoint"] == "end_of_treatment"


def test_ipi_extranodal_factor_is_zero_for_stage_ii_and_unknown_for_stage_iv():
    st2 = run(case(stage_text="Stage II", extranodal=None, mesenteric=False, cycles=3,
                   extra=[pet(after_cycle(3), ds=2)]), as_of=plus(after_cycle(3), 1))
    st4 = run(case(stage_text="Stage IV", extranodal=None, cycles=3, extra=[pet(after_cycle(3), ds=2)]),
              as_of=plus(after_cycle(3), 1))
    assert isinstance(st2["scores"]["ipi"], int)
    assert st4["scores"]["ipi"] is None and st4["scores"]["ipi_range"][1] == st4["scores"]["ipi_range"][0] + 1


def test_ecog_as_text_and_ldh_with_only_an_interpretation():
    ecog_text = {"resourceType": "Observation", "id": "ecog-t", "status": "final", "subject": {"reference": "Patient/p1"},
                 "code": {"coding": [{"system": fb.LOINC, "code": "89247-1"}]}, "effectiveDateTime": "2024-12-28",
                 "valueString": "ECOG 2"}
    ldh_h = {"resourceType": "Observation", "id": "ldh-h", "status": "final", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": fb.LOINC, "code": "2532-0"}]}, "effectiveDateTime": "2024-12-28",
             "interpretation": [{"coding": [{"code": "H"}]}]}
    a = run(case(age=50, ecog_value=None, ldh=None, extranodal=0, cycles=3,
                 extra=[ecog_text, ldh_h, pet(after_cycle(3), ds=2)]), as_of=plus(after_cycle(3), 1))
    assert a["scores"]["aaipi"] == 3  # stage III + LDH high + ECOG 2


def test_ages_at_diagnosis_for_scores_and_today_for_second_line():
    from rule_helpers import birth_for_age

    from cds_service.guidelines.dates import age_on
    a = run(case(age=60, cycles=3, extra=[pet(after_cycle(3), ds=2)]), as_of="2027-06-01")
    assert a["age_at_diagnosis"] == 60
    assert a["age"] == age_on(fb_date(birth_for_age(60)), fb_date("2027-06-01")) > 60


def test_b6_timing_row_not_after_ipet2_cmr():
    """B6 applies after B2/B3 (or without iPET2); after an iPET2 CMR the EOT imaging is CT only (B4)."""
    from rule_helpers import bsh_case
    a = run(bsh_case(cycles=2, extra=[pet(after_cycle(2), ds=2)]), as_of=plus(after_cycle(2), 1))
    assert "B1" in fired(a) and "B6" not in fired(a)
