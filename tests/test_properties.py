"""Property-based tests (hypothesis) for the date arithmetic of clinical-logic.md §0 / §4 and for the
principle "absent is unknown, never false" (§0 'the service never invents ...'; architecture.md
clarifications on `missing`, prognostic scores and clinician-coded eligibility)."""

import calendar
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_helpers import after_cycle, biopsy, bsh_case, case, coded, last_dose, pet, plus, rules, run

from cds_service.guidelines.dates import add_months, whole_months_between

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATES = st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 31))
MONTHS = st.integers(min_value=-240, max_value=240)


# ----------------------------------------------------------------------------- add_months (§0)


@FAST
@given(DATES, MONTHS)
def test_add_months_calendar_month_clamped_to_month_end(d, n):
    """§0 [I]: 'N months after D' = calendar-month addition clamped to month end (Jan 31 + 1 = Feb 28/29)."""
    r = add_months(d, n)
    total = d.year * 12 + d.month - 1 + n
    assert (r.year, r.month) == (total // 12, total % 12 + 1)
    assert r.day == min(d.day, calendar.monthrange(r.year, r.month)[1])


@FAST
@given(DATES, DATES, MONTHS)
def test_add_months_monotonic_in_date(d1, d2, n):
    """§0: add_months is monotonic (non-decreasing) in the start date."""
    lo, hi = min(d1, d2), max(d1, d2)
    assert add_months(lo, n) <= add_months(hi, n)


@FAST
@given(DATES, MONTHS, MONTHS)
def test_add_months_strictly_increasing_in_months(d, n1, n2):
    """§0: more months is strictly later (the calendar month advances)."""
    if n1 < n2:
        assert add_months(d, n1) < add_months(d, n2)
    assert add_months(d, 0) == d


@FAST
@given(DATES)
def test_add_12_months_is_365_or_366_days(d):
    """§0 / §6 time_to_relapse (V11: 12 calendar months = 366 d across 29 Feb): 365 or 366 days, 366 exactly
    when a 29 February lies in (d, d + 12 months]."""
    r = add_months(d, 12)
    days = (r - d).days
    assert days in (365, 366)
    leap_day_inside = any(calendar.isleap(y) and d < date(y, 2, 29) <= r for y in (d.year, d.year + 1))
    assert (days == 366) is leap_day_inside


@FAST
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 28)).filter(lambda x: x.day <= 28), MONTHS)
def test_add_months_round_trip_without_clamping(d, n):
    """§0: with no clamping (day <= 28) adding then subtracting N months returns the date."""
    assert add_months(add_months(d, n), -n) == d


# ----------------------------------------------------------------------------- whole_months_between


@FAST
@given(DATES, st.integers(min_value=0, max_value=20000))
def test_whole_months_between_brackets(start, gap):
    """§6 time_to_relapse (calendar months): m = completed months, add_months(s, m) <= e < add_months(s, m+1)."""
    end = start + timedelta(days=gap)
    if end > date(2199, 12, 31):
        return
    m = whole_months_between(start, end)
    assert m >= 0
    assert add_months(start, m) <= end < add_months(start, m + 1)


@FAST
@given(DATES, st.integers(min_value=0, max_value=240))
def test_whole_months_between_inverts_add_months(d, n):
    """§0/§6: whole_months_between(d, add_months(d, n)) == n, also for clamped month ends."""
    assert whole_months_between(d, add_months(d, n)) == n


@FAST
@given(DATES, st.integers(min_value=0, max_value=800), st.integers(min_value=0, max_value=800))
def test_whole_months_between_monotonic_and_consistent_with_bock_cuts(d, g1, g2):
    """§4 K3-K6 cuts use add_months; whole months agree: m < 3 iff e < add_months(s, 3), m <= 12 iff
    e < add_months(s, 13); monotonic in the end date."""
    e1, e2 = d + timedelta(days=min(g1, g2)), d + timedelta(days=max(g1, g2))
    assert whole_months_between(d, e1) <= whole_months_between(d, e2)
    for cut in (3, 6, 12):
        assert (whole_months_between(d, e1) < cut) is (e1 < add_months(d, cut))


# ----------------------------------------------------------------------------- absent is unknown


REMOVABLE = ("ldh", "ecog", "stage", "birth_date", "uptake")


@FAST
@given(age=st.integers(min_value=61, max_value=80), stage_text=st.sampled_from(["Stage I", "Stage II"]),
       ds=st.sampled_from([4, 5]), removed=st.sets(st.sampled_from(REMOVABLE)))
def test_removed_inputs_never_become_negatives_bsh_interim(age, stage_text, ds, removed):
    """§0 + architecture clarifications: a BSH-eligible iPET2 case (aaIPI 0, DS 4-5 reduced) with random
    inputs removed. Removing a risk input never yields a score that counts it as normal, never a
    definite eligibility decision (BSH pathway or B9 'not eligible'), and always lists the input in
    `missing`. Removing the uptake coding gives PET_POSITIVE_UNCLASSIFIED (P8), never PMR/NMR/PMD."""
    kw = dict(age=age, stage_text=stage_text, mesenteric=False)
    if "ldh" in removed:
        kw["ldh"] = None
    if "ecog" in removed:
        kw["ecog_value"] = None
    if "stage" in removed:
        kw["stage_text"] = None
    if "birth_date" in removed:
        kw["age"] = None
    scan = pet(after_cycle(2), ds=ds, uptake=None if "uptake" in removed else "reduced")
    a = run(bsh_case(cycles=2, extra=[scan], **kw), as_of=after_cycle(2, 10))
    s, missing, flags = a["scores"], a["missing"], a["flags"]

    if "uptake" in removed:
        assert a["latest_response"]["category"] == "PET_POSITIVE_UNCLASSIFIED"
        assert "uptake_vs_baseline" in missing
    else:
        assert a["latest_response"]["category"] == "PMR"
    for name in ("ldh", "ecog", "stage", "birth_date"):
        if name in removed:
            assert name in missing
    if removed & {"ldh", "ecog", "stage"}:
        assert s["aaipi"] is None  # one aaIPI group per score: any unknown component changes it
    if removed & {"ldh", "ecog"}:
        assert s["ipi"] is None  # age > 60 scores 1 -> 1 or 2 = low vs low-intermediate
        assert s["smipi"] is None
    eligibility_unknown = bool(removed & {"ldh", "ecog", "stage", "birth_date"})
    if eligibility_unknown:
        assert a["pathway"] != "BSH_PET_ADAPTED"
        assert "B9" not in rules(a)  # unknown eligibility is not 'not eligible'
        assert "SEED_IPI_VS_AAIPI" not in flags
    else:
        assert a["pathway"] == "BSH_PET_ADAPTED"
        assert "B2" in rules(a)
    if "stage" in removed:
        assert a["pathway"] is None


SCORE_INPUTS = ("ldh", "ecog", "stage", "birth_date", "extranodal")
MISSING_NAME = {"ldh": "ldh", "ecog": "ecog", "stage": "stage", "birth_date": "birth_date",
                "extranodal": "extranodal_sites"}


def _groups(s: dict) -> dict:
    return {k: s.get(f"{k}_group") for k in ("ipi", "aaipi", "smipi", "nccn_ipi")}


@FAST
@given(age=st.integers(min_value=30, max_value=85), stage_n=st.integers(min_value=1, max_value=4),
       ldh=st.integers(min_value=150, max_value=900), ecog_value=st.integers(min_value=0, max_value=3),
       extranodal=st.integers(min_value=0, max_value=3), removed=st.sets(st.sampled_from(SCORE_INPUTS), min_size=1))
def test_scores_with_unknown_components_never_claim_a_wrong_group(age, stage_n, ldh, ecog_value, extranodal,
                                                                  removed):
    """Architecture clarification (prognostic scores): an unknown component makes a score null unless it
    cannot change the risk group. So a score still reported after removing inputs must have the risk
    group of the complete data, and `missing` names every removed input."""
    if stage_n <= 2:
        extranodal = min(extranodal, 1)  # Lugano I-II: at most one extranodal site (IE/IIE)
    full = dict(age=age, stage_text=f"Stage {'I' * stage_n if stage_n < 4 else 'IV'}", ldh=ldh,
                ecog_value=ecog_value, extranodal=extranodal, mesenteric=False, cycles=1, planned=6)
    part = dict(full)
    for name in removed:
        part["age" if name == "birth_date" else "stage_text" if name == "stage" else
             "ecog_value" if name == "ecog" else name] = None
    a_full = run(case(**full), as_of=plus(after_cycle(1), 0))
    a_part = run(case(**part), as_of=plus(after_cycle(1), 0))
    for name in removed:
        if name == "extranodal" and stage_n <= 2 and "stage" not in removed:
            continue  # stage I-II: at most one extranodal site, the IPI factor is derived (clarifications 2nd set)
        assert MISSING_NAME[name] in a_part["missing"]
    g_full, g_part = _groups(a_full["scores"]), _groups(a_part["scores"])
    for score, group in g_part.items():
        if group is not None:
            assert group == g_full[score], (score, removed)
    if removed & {"ldh", "ecog", "stage"}:
        assert a_part["scores"]["aaipi"] is None


@FAST
@given(cart=st.sampled_from([True, False, None]), timely=st.sampled_from([True, False, None]))
def test_uncoded_cart_eligibility_is_unknown_not_no(cart, timely):
    """Architecture clarification: eligibility not coded is unknown - advice (T1, T8) is still given and
    `missing` lists the input; advice is withheld only when coded not eligible (EOT PR, age 58)."""
    extra = [pet(after_cycle(3), ds=4, uptake="reduced"), pet(plus(last_dose(), 35), ds=4, uptake="reduced"),
             *biopsy(plus(last_dose(), 42), True)]
    if cart is not None:
        extra.append(coded("cart-eligible", cart, day="2025-06-10"))
    if timely is not None:
        extra.append(coded("cart-timely-access", timely, day="2025-06-10"))
    a = run(case(age=58, extra=extra), as_of="2025-07-15")
    assert ("T1" in rules(a)) is (cart is not False)
    assert ("cart_eligibility" in a["missing"]) is (cart is None)
    assert ("T8" in rules(a)) is (timely is not True)
    assert ("cart_timely_access" in a["missing"]) is (timely is None)


@FAST
@given(tx=st.sampled_from([True, False, None]), salvage_pr=st.booleans())
def test_uncoded_transplant_eligibility_is_unknown_not_no(tx, salvage_pr):
    """Architecture clarification: transplant eligibility not coded -> T3 (and T5 after a salvage PR) still
    given with `missing` transplant_eligibility; coded false -> withheld (T9 instead of T3)."""
    from rule_helpers import RICE, administrations

    extra = [pet(after_cycle(3), ds=2), pet(plus(last_dose(), 35), ds=2),
             pet("2026-06-01", ds=5, new=True, etiology="lymphoma"), *biopsy("2026-06-05", True)]
    if tx is not None:
        extra.append(coded("transplant-eligible", tx, day="2026-06-01"))
    if salvage_pr:
        extra += administrations(["2026-06-15", "2026-07-06"], drugs=RICE)
        extra.append(pet("2026-07-27", ds=4, uptake="reduced"))
    a = run(case(age=58, extra=extra), as_of="2026-08-10")
    assert ("T3" in rules(a)) is (tx is not False)
    assert ("T9" in rules(a)) is (tx is False)
    if salvage_pr:
        assert ("T5" in rules(a)) is (tx is not False)
    assert ("transplant_eligibility" in a["missing"]) is (tx is None)


@FAST
@given(ds=st.sampled_from([4, 5]), uptake=st.sampled_from(["reduced", "unchanged", "increased", None]),
       interim_ds=st.sampled_from([2, 3]))
def test_uncoded_uptake_at_eot_never_classified(ds, uptake, interim_ds):
    """§0 / P8 / §1.5: a DS 4-5 EOT scan without a coded uptake change is PET_POSITIVE_UNCLASSIFIED (never
    PMR/NMR/PMD), the EOT response is not CR and no label turns into a definite negative."""
    extra = [pet(after_cycle(3), ds=interim_ds), pet(plus(last_dose(), 35), ds=ds, uptake=uptake)]
    a = run(case(extra=extra), as_of=plus(last_dose(), 50))
    cat = a["latest_response"]["category"]
    expected = {"reduced": "PMR", "unchanged": "NMR", "increased": "PMD", None: "PET_POSITIVE_UNCLASSIFIED"}
    assert cat == expected[uptake]
    assert a["labels"]["eot_response_1l"] != "CR"
    assert a["labels"]["bock_group"] != "NOT_APPLICABLE"
    assert a["labels"]["early_treatment_failure"] is not False
    assert a["labels"]["nccn_refractory"] is not False
    if uptake is None:
        assert "uptake_vs_baseline" in a["missing"]
        assert "NA4" in rules(a)  # DS 4-5 triggers the same actions (§1.5)
