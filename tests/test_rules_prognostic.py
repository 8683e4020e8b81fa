"""Prognostic indices at diagnosis (clinical-logic.md §6: IPI, aaIPI, smIPI, NCCN-IPI; architecture
clarification on unknown components) and the Lugano 2014 CT criteria (§1.4 formulas, V24 numbers of
§7, D4). Each test names the rule/fact and its source tag."""

from datetime import date

import pytest
from rule_helpers import C1, DX_DAY, case, lab, plus, run

from cds_service.guidelines.lugano_ct import classify_ct, new_splenomegaly, node_pd, spd, spleen_pd, spleen_pr
from fhir_mappings.case_facts import ImagingAssessment, LesionMeasurement


def scores(**kw) -> tuple[dict, list[str]]:
    kw.setdefault("cycles", 1)
    kw.setdefault("planned", 6)
    a = run(case(**kw), as_of=plus(C1, 5))
    return a["scores"], a["missing"]


LOW = dict(stage_text="Stage I", ldh=200, ecog_value=0, extranodal=0)


# ----------------------------------------------------------------------------- IPI / aaIPI / smIPI


@pytest.mark.parametrize(("age", "ipi", "smipi", "nccn"), [(60, 0, 0, 1), (61, 1, 1, 2)])
def test_age_60_vs_61(age, ipi, smipi, nccn):
    """IPI [V:IPI] age > 60; smIPI [V:S0313] age > 60; NCCN-IPI [V:NCCNIPI] 41-60 = 1, 61-75 = 2;
    aaIPI has no age factor [V:PMC10575851]."""
    s, _ = scores(age=age, **LOW)
    assert s["ipi"] == ipi
    assert s["aaipi"] == 0
    assert s["smipi"] == smipi
    assert s["nccn_ipi"] == nccn


@pytest.mark.parametrize(("age", "points"), [(40, 0), (41, 1), (75, 2), (76, 3)])
def test_nccn_ipi_age_bands(age, points):
    """NCCN-IPI [V:NCCNIPI]: age <= 40 = 0, 41-60 = 1, 61-75 = 2, > 75 = 3."""
    s, _ = scores(age=age, **LOW)
    assert s["nccn_ipi"] == points


@pytest.mark.parametrize(("ldh", "high"), [(250, False), (251, True)])
def test_ldh_exactly_uln_is_not_high(ldh, high):
    """LDH_high [V:IPI]: LDH > ULN (Observation.referenceRange.high); exactly ULN is not high."""
    s, _ = scores(age=50, stage_text="Stage I", ldh=ldh, uln=250, ecog_value=0, extranodal=0)
    assert s["aaipi"] == (1 if high else 0)
    assert s["ipi"] == (1 if high else 0)
    assert s["smipi"] == (1 if high else 0)
    assert s["nccn_ipi"] == 1 + (1 if high else 0)  # age 50 = 1; LDH ratio > 1-3 = 1


@pytest.mark.parametrize(("ldh", "points"), [(750, 1), (751, 2)])
def test_nccn_ipi_ldh_ratio_3(ldh, points):
    """NCCN-IPI [V:NCCNIPI]: LDH/ULN > 1-3 = 1, > 3 = 2 (exactly 3x ULN scores 1)."""
    s, _ = scores(age=30, stage_text="Stage I", ldh=ldh, uln=250, ecog_value=0, extranodal=0)
    assert s["nccn_ipi"] == points


@pytest.mark.parametrize(("value", "point"), [(1, 0), (2, 1)])
def test_ecog_2_counts(value, point):
    """IPI / aaIPI / smIPI / NCCN-IPI [V:IPI]: ECOG >= 2 scores 1, ECOG 1 does not."""
    s, _ = scores(age=50, stage_text="Stage I", ldh=200, ecog_value=value, extranodal=0)
    assert s["ipi"] == point
    assert s["aaipi"] == point
    assert s["smipi"] == point
    assert s["nccn_ipi"] == 1 + point


@pytest.mark.parametrize(("n", "point"), [(1, 0), (2, 1)])
def test_extranodal_2_counts_for_ipi_only(n, point):
    """IPI [V:IPI]: extranodal sites > 1 scores 1 (2 counts, 1 does not); not part of aaIPI."""
    s, _ = scores(age=50, stage_text="Stage III", ldh=200, ecog_value=0, extranodal=n)
    assert s["ipi"] == 1 + point
    assert s["aaipi"] == 1


def test_stage_iii_scores_and_smipi_limited_only():
    """IPI/aaIPI [V:IPI]: stage III-IV scores 1; smIPI is for limited stage [V:S0313] -> null."""
    s, _ = scores(age=50, stage_text="Stage III", ldh=200, ecog_value=0, extranodal=0)
    assert s["ipi"] == 1 and s["aaipi"] == 1
    assert s["smipi"] is None


def test_smipi_stage_ii_point():
    """smIPI [V:S0313]: stage II (vs I) scores 1."""
    s, _ = scores(age=50, stage_text="Stage II", ldh=200, ecog_value=0, extranodal=0, mesenteric=False)
    assert s["smipi"] == 1
    assert s["ipi"] == 0


@pytest.mark.parametrize(("kw", "ipi", "group"), [
    (dict(age=61, stage_text="Stage III", ldh=200, ecog_value=0, extranodal=0), 2, "low-intermediate"),
    (dict(age=61, stage_text="Stage III", ldh=300, ecog_value=0, extranodal=0), 3, "high-intermediate"),
    (dict(age=61, stage_text="Stage III", ldh=300, ecog_value=2, extranodal=0), 4, "high"),
    (dict(age=61, stage_text="Stage IV", ldh=300, ecog_value=2, extranodal=2), 5, "high"),
])
def test_ipi_groups(kw, ipi, group):
    """IPI groups [V:IPI][V:NEJM-T3]: 0-1 low, 2 low-intermediate, 3 high-intermediate, 4-5 high."""
    s, _ = scores(**kw)
    assert s["ipi"] == ipi
    assert s["ipi_group"] == group


# ----------------------------------------------------------------------------- unknown components


def test_unknown_ldh_makes_aaipi_null_never_zero():
    """Architecture clarification: an unknown component makes the score null (never counted as 0);
    aaIPI groups are one per score, so LDH unknown always changes it; missing lists ldh."""
    s, missing = scores(age=50, stage_text="Stage I", ldh=None, ecog_value=0, extranodal=0)
    assert s["aaipi"] is None
    assert s["smipi"] is None
    assert "ldh" in missing


def test_unknown_ldh_that_cannot_change_ipi_group():
    """Architecture clarification: an unknown component that cannot change the risk group leaves the group
    reported (IPI 0 or 1 are both 'low'); missing still lists ldh."""
    s, missing = scores(age=50, stage_text="Stage I", ldh=None, ecog_value=0, extranodal=0)
    assert s["ipi_group"] == "low"
    assert "ldh" in missing


def test_unknown_ldh_that_can_change_ipi_group_is_null():
    """Architecture clarification: age 61 + LDH unknown -> IPI 1 or 2 (low vs low-intermediate) -> null."""
    s, missing = scores(age=61, stage_text="Stage I", ldh=None, ecog_value=0, extranodal=0)
    assert s["ipi"] is None
    assert s.get("ipi_group") is None
    assert "ldh" in missing


def test_unknown_ecog_cannot_change_high_ipi():
    """Architecture clarification: 4 known IPI points + ECOG unknown -> 4 or 5, both 'high'."""
    s, missing = scores(age=70, stage_text="Stage IV", ldh=400, ecog_value=None, extranodal=2)
    assert s["ipi_group"] == "high"
    assert s["aaipi"] is None
    assert "ecog" in missing


def test_unknown_extranodal_sites_null_ipi():
    """Architecture clarification: extranodal count unknown with 1 known point -> IPI 1 or 2 -> null."""
    s, missing = scores(age=58, stage_text="Stage III", ldh=200, ecog_value=1, extranodal=None)
    assert s["ipi"] is None
    assert s["aaipi"] == 1
    assert "extranodal_sites" in missing


def test_unknown_birth_date():
    """Architecture clarification: birth date unknown -> age-dependent IPI null when it matters; aaIPI
    (no age factor) still computed; missing lists birth_date."""
    s, missing = scores(age=None, stage_text="Stage III", ldh=300, ecog_value=0, extranodal=0)
    assert s["ipi"] is None
    assert s["aaipi"] == 2
    assert s["nccn_ipi"] is None
    assert "birth_date" in missing


def test_unknown_stage():
    """Architecture clarification: stage unknown -> aaIPI null, missing stage."""
    s, missing = scores(age=50, stage_text=None, ldh=200, ecog_value=0, extranodal=0)
    assert s["aaipi"] is None
    assert "stage" in missing


# ----------------------------------------------------------------------------- values at diagnosis


def test_ldh_more_than_60_days_before_first_dose_is_not_at_diagnosis():
    """Architecture clarification: values at diagnosis = latest before the first 1L dose within 60 days;
    an LDH 61 days before C1 is not used -> ldh missing, aaIPI null."""
    s, missing = scores(age=50, stage_text="Stage I", ldh=None, ecog_value=0, extranodal=0,
                        extra=[lab("2532-0", 200, plus(C1, -61), uln=250)])
    assert s["aaipi"] is None
    assert "ldh" in missing


def test_ldh_after_first_dose_is_not_at_diagnosis():
    """Architecture clarification: an LDH drawn after the first dose is not a diagnosis value."""
    s, missing = scores(age=50, stage_text="Stage I", ldh=None, ecog_value=0, extranodal=0, cycles=2,
                        extra=[lab("2532-0", 400, plus(C1, 10), uln=250)])
    assert s["aaipi"] is None
    assert "ldh" in missing


def test_latest_ldh_before_first_dose_wins():
    """Architecture clarification: the latest value before the first dose (within 60 days) is used."""
    s, missing = scores(age=50, stage_text="Stage I", ldh=None, ecog_value=0, extranodal=0,
                        extra=[lab("2532-0", 400, plus(C1, -50), uln=250), lab("2532-0", 200, DX_DAY, uln=250)])
    assert s["aaipi"] == 0
    assert "ldh" not in missing


# ----------------------------------------------------------------------------- Lugano CT (§1.4)


def L(site, ldi, sdi, **kw):
    return LesionMeasurement(site=site, ldi_cm=ldi, sdi_cm=sdi, **kw)


def test_v24_node_a_is_pd():
    """§1.4 node_PD [V:L14-CT][I], V24: node A nadir 1.8 x 1.2 -> 2.4 x 1.5: PPD 2.16 -> 3.60 (+67%),
    dLDi +0.6 >= 0.5 (nadir LDi <= 2 cm), LDi 2.4 > 1.5 -> PD."""
    assert node_pd(L("A", 2.4, 1.5), L("A", 1.8, 1.2)) is True


def test_v24_node_b_not_pd():
    """§1.4 node_PD, V24: node B 0.8 x 0.6 -> 1.2 x 0.9: PPD +125% but LDi 1.2 <= 1.5 -> not PD."""
    assert node_pd(L("B", 1.2, 0.9), L("B", 0.8, 0.6)) is False


def test_node_pd_increment_exactly_threshold():
    """§1.4: '>=' used for the 0.5 / 1.0 cm increment (boundary flagged in the spec)."""
    assert node_pd(L("A", 2.3, 1.5), L("A", 1.8, 1.2)) is True  # +0.5 exactly, nadir <= 2 cm
    assert node_pd(L("A", 2.29, 1.5), L("A", 1.8, 1.2)) is False  # +0.49 (SDi +0.3)


def test_node_pd_threshold_1cm_above_2cm_nadir():
    """§1.4 thr = 0.5 if nadir LDi <= 2.0 else 1.0."""
    assert node_pd(L("A", 2.5, 1.3), L("A", 2.0, 1.0)) is True  # nadir 2.0 -> thr 0.5
    assert node_pd(L("A", 2.6, 1.3), L("A", 2.1, 1.0)) is False  # nadir 2.1 -> thr 1.0, +0.5
    assert node_pd(L("A", 3.1, 1.3), L("A", 2.1, 1.0)) is True  # +1.0


def test_node_pd_ppd_exactly_150_percent():
    """§1.4 PPD_now >= 1.5 x PPD_nadir (>=)."""
    assert node_pd(L("A", 3.0, 1.0), L("A", 2.0, 1.0)) is True  # 3.0 = 1.5 x 2.0, +1.0 cm
    assert node_pd(L("A", 3.0, 0.99), L("A", 2.0, 1.0)) is False  # 2.97 < 3.0


@pytest.mark.parametrize(("now", "ref", "base", "pd"), [
    (16.5, 15.0, 15.0, True),   # V24: +1.5 > 0.5 x 2 = 1.0
    (15.8, 15.0, 15.0, False),  # V24: +0.8
    (16.0, 15.0, 15.0, False),  # +1.0 is not > 1.0
    (12.8, 11.0, 11.0, False),  # V24 third patient: +1.8 < 2
    (13.0, 11.0, 11.0, True),   # no prior splenomegaly: +2.0 >= 2
])
def test_spleen_pd_v24(now, ref, base, pd):
    """§1.4 spleen_PD [V:LYRIC-T2][I], V24: with splenomegaly (ref 15) up > 50% of the excess; without,
    up >= 2 cm from baseline."""
    assert spleen_pd(now, ref, base) is pd


def test_new_splenomegaly():
    """§1.4 new_splenomegaly [I]: ref <= 13, now > 13 and +>= 2 cm from baseline."""
    assert new_splenomegaly(14.0, 12.0, 12.0) is True
    assert new_splenomegaly(13.5, 12.0, 12.0) is False
    assert new_splenomegaly(12.8, 11.0, 11.0) is False


def test_spleen_pr():
    """§1.4 spleen_PR [V:L14-CT]: excess now < 0.5 x baseline excess."""
    assert spleen_pr(14.9, 17.0) is True  # 1.9 < 2.0
    assert spleen_pr(15.0, 17.0) is False  # 2.0 not < 2.0


def test_spd_up_to_6_largest_targets():
    """§1.4 SPD = sum LDi x SDi over up to 6 targets [V:L14-CT][V:CIBMTR]."""
    lesions = [L(f"n{i}", float(i), 1.0) for i in range(1, 8)]  # PPDs 1..7
    assert spd(lesions) == pytest.approx(2 + 3 + 4 + 5 + 6 + 7)
    assert spd([L("a", 2.4, 1.5)]) == pytest.approx(3.6)


def _scan(day, lesions=(), spd_cm2=None, spleen=None):
    return ImagingAssessment(date=day, modality="CT", lesions=tuple(lesions), spd_cm2=spd_cm2, spleen_cm=spleen)


def test_classify_ct_pr_at_exactly_minus_50_percent():
    """§1.4 PR_size := pct_SPD <= -0.50 [V:L14-CT], D4 (Lugano '>= 50%', seed '> 50%')."""
    base = _scan(date(2025, 1, 1), [L("mass", 8.0, 5.0)])
    now = _scan(date(2025, 3, 1), [L("mass", 5.0, 4.0)])
    read = classify_ct(now, base, [base])
    assert read.pct_change == pytest.approx(-0.5)
    assert read.category == "PR"


def test_classify_ct_just_under_50_percent_is_sd():
    """§1.4 SD: SPD decrease < 50% [V:L14-CT]."""
    base = _scan(date(2025, 1, 1), [L("mass", 8.0, 5.0)])
    now = _scan(date(2025, 3, 1), [L("mass", 5.0, 4.02)])
    assert classify_ct(now, base, [base]).category == "SD"


def test_classify_ct_reported_spd_v16():
    """§1.4 / V16: SPD 48.0 -> 15.0 cm2 (-69%) -> PR."""
    base = _scan(date(2025, 1, 1), spd_cm2=48.0)
    now = _scan(date(2025, 3, 1), spd_cm2=15.0)
    read = classify_ct(now, base, [base])
    assert read.category == "PR"
    assert read.pct_change == pytest.approx(-0.6875)


def test_classify_ct_v24_overall_pd():
    """§1.4 / V24: node A PD -> overall PD even with node B not PD."""
    base = _scan(date(2025, 1, 1), [L("A", 3.0, 2.0), L("B", 1.5, 1.0)])
    nadir = _scan(date(2025, 3, 1), [L("A", 1.8, 1.2), L("B", 0.8, 0.6)])
    now = _scan(date(2025, 6, 1), [L("A", 2.4, 1.5), L("B", 1.2, 0.9)])
    assert classify_ct(now, base, [base, nadir]).category == "PD"


def test_classify_ct_v24_spleen_pd():
    """§1.4 / V24: spleen reference 15 -> 16.5 cm -> PD; 15 -> 15.8 -> not PD."""
    base = _scan(date(2025, 1, 1), [L("A", 3.0, 2.0)], spleen=17.0)
    nadir = _scan(date(2025, 3, 1), [L("A", 1.0, 1.0)], spleen=15.0)
    assert classify_ct(_scan(date(2025, 6, 1), [L("A", 1.0, 1.0)], spleen=16.5), base, [base, nadir]).category == "PD"
    assert classify_ct(_scan(date(2025, 6, 1), [L("A", 1.0, 1.0)], spleen=15.8), base, [base, nadir]).category != "PD"


def test_classify_ct_new_node_over_1_5_cm_is_pd():
    """§1.4 PD (e) [V:L14-CT]: new node > 1.5 cm in any axis -> PD (V07 1.8 x 1.2 cm)."""
    base = _scan(date(2025, 1, 1), [L("A", 3.0, 2.0)])
    now = _scan(date(2025, 6, 1), [L("A", 1.0, 1.0), L("axilla", 1.8, 1.2, is_new=True)])
    assert classify_ct(now, base, [base]).category == "PD"
    small = _scan(date(2025, 6, 1), [L("A", 3.0, 2.0), L("axilla", 1.4, 1.0, is_new=True)])
    assert classify_ct(small, base, [base]).category != "PD"
