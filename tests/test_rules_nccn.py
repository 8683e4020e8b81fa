"""NCCN 2025 restaging tables, rule by rule (clinical-logic.md §2): stage grouping §2.1, Table N-L
(NL1-NL5b, §2.2), Table N-A (NA1-NA4c, §2.3) and the interim-scan cycle windows (§6 `interim PET`).

Limited-stage patients are 50 years old so the BSH PET-adapted rule (age 61-80, §3.1) does not apply
and the NCCN tables do (B9). Each test names the rule id and its source tag."""

import pytest
from rule_helpers import (
    after_cycle,
    biopsy,
    case,
    last_dose,
    limited_case,
    pet,
    plus,
    fired,
    rec,
    rules,
    run,
)

# ----------------------------------------------------------------------------- helpers


def advanced_interim(ds=None, uptake=None, k=3, new=None, etiology=None, bx=None, **kw):
    scan_day = after_cycle(k)
    extra = [pet(scan_day, ds=ds, uptake=uptake, new=new, etiology=etiology)]
    if bx is not None:
        extra += biopsy(plus(scan_day, 5), bx)
    return run(case(cycles=k, extra=extra, **kw), as_of=plus(scan_day, 12))


def limited_interim(ds=None, uptake=None, k=3, new=None, etiology=None, bx=None, **kw):
    scan_day = after_cycle(k)
    extra = [pet(scan_day, ds=ds, uptake=uptake, new=new, etiology=etiology)]
    if bx is not None:
        extra += biopsy(plus(scan_day, 5), bx)
    return run(limited_case(cycles=k, extra=extra, **kw), as_of=plus(scan_day, 12))


def eot(builder, ds, uptake=None, bx=None, interim=None, interim_bx=None, dt=35):
    """Six cycles of R-CHOP; optional interim scan after C3; EOT PET `dt` days after the last dose."""
    extra = []
    if interim is not None:
        extra.append(pet(after_cycle(3), **interim))
        if interim_bx is not None:
            extra += biopsy(plus(after_cycle(3), 4), interim_bx)
    eot_day = plus(last_dose(), dt)
    extra.append(pet(eot_day, ds=ds, uptake=uptake))
    if bx is not None:
        extra += biopsy(plus(eot_day, 7), bx)
    return run(builder(extra=extra), as_of=plus(eot_day, 20))


# ----------------------------------------------------------------------------- §2.1 stage grouping


def test_stage_ii_with_extensive_mesenteric_coded_is_advanced():
    """§2.1 [S §4]: stage II with extensive mesenteric disease is NCCN-ADVANCED."""
    a = run(limited_case(cycles=3, mesenteric=True, extra=[pet(after_cycle(3), ds=2)]), as_of=after_cycle(3, 15))
    assert a["pathway"] == "NCCN_ADVANCED"
    assert "MESENTERIC_STATUS_UNKNOWN" not in a["flags"]
    assert "extensive_mesenteric_disease" not in a["missing"]
    assert "NA1" in fired(a) and "NL1" not in fired(a)


def test_stage_ii_with_extensive_mesenteric_in_words_is_advanced():
    """§2.1 [S §4] + architecture clarification: mesenteric disease stated in words in the staging
    Observation counts as stated."""
    a = run(limited_case(cycles=3, mesenteric=None, stage_text="Stage II with extensive mesenteric disease",
                         extra=[pet(after_cycle(3), ds=2)]), as_of=after_cycle(3, 15))
    assert a["pathway"] == "NCCN_ADVANCED"


def test_stage_ii_mesenteric_unknown_is_limited_with_flag():
    """§2.1 [S §4][I]: no numeric definition; when unknown -> NCCN-LIMITED + MESENTERIC_STATUS_UNKNOWN and
    missing extensive_mesenteric_disease (architecture clarification)."""
    a = run(limited_case(cycles=3, mesenteric=None, extra=[pet(after_cycle(3), ds=2)]), as_of=after_cycle(3, 15))
    assert a["pathway"] == "NCCN_LIMITED"
    assert "MESENTERIC_STATUS_UNKNOWN" in a["flags"]
    assert "extensive_mesenteric_disease" in a["missing"]


def test_stage_ii_mesenteric_coded_false_is_limited_without_flag():
    """§2.1 [S §4]: stage II, extensive mesenteric disease coded absent -> NCCN-LIMITED, nothing missing."""
    a = run(limited_case(cycles=3, mesenteric=False, extra=[pet(after_cycle(3), ds=2)]), as_of=after_cycle(3, 15))
    assert a["pathway"] == "NCCN_LIMITED"
    assert "MESENTERIC_STATUS_UNKNOWN" not in a["flags"]
    assert "extensive_mesenteric_disease" not in a["missing"]


def test_stage_ii_mesenteric_negated_in_words_is_not_unknown():
    """§2.1 + architecture clarification: 'when nothing says either way' -> flag. Words saying there is
    no extensive mesenteric disease do say which way: limited stage, status known."""
    a = run(limited_case(cycles=3, mesenteric=None, stage_text="Stage II, no extensive mesenteric disease",
                         extra=[pet(after_cycle(3), ds=2)]), as_of=after_cycle(3, 15))
    assert a["pathway"] == "NCCN_LIMITED"
    assert "MESENTERIC_STATUS_UNKNOWN" not in a["flags"]
    assert "extensive_mesenteric_disease" not in a["missing"]


def test_stage_i_needs_no_mesenteric_status():
    """§2.1 [S §4]: the mesenteric exclusion concerns stage II only."""
    a = run(limited_case(cycles=3, stage_text="Stage I", mesenteric=None, extra=[pet(after_cycle(3), ds=2)]),
            as_of=after_cycle(3, 15))
    assert a["pathway"] == "NCCN_LIMITED"
    assert "MESENTERIC_STATUS_UNKNOWN" not in a["flags"]


@pytest.mark.parametrize("stage_text", ["Stage III", "Stage IV"])
def test_stage_iii_iv_is_advanced(stage_text):
    """§2.1 [S §4]: stage III and IV are NCCN-ADVANCED."""
    a = advanced_interim(ds=2, stage_text=stage_text)
    assert a["pathway"] == "NCCN_ADVANCED"


def test_no_stage_gives_null_pathway_and_missing_stage():
    """§2.1 + architecture clarification: with no stage at all, pathway is null and missing lists stage."""
    a = advanced_interim(ds=2, stage_text=None)
    assert a["pathway"] is None
    assert "stage" in a["missing"]
    assert not {r for r in fired(a) if r.startswith(("NL", "NA", "B"))}


# ----------------------------------------------------------------------------- Table N-L (§2.2)


def test_nl1_limited_ipet3_cmr():
    """NL1 [S Fig1]: limited stage, iPET after cycle 3, CMR (DS 1-3) -> CR pathway."""
    a = limited_interim(ds=3)
    assert a["pathway"] == "NCCN_LIMITED"
    assert "NL1" in fired(a)
    assert not fired(a) & {"NL2", "NL3"}
    assert rec(a, "NL1")["current"] is True


def test_nl2_limited_ipet_ds4_reduced_repeat_biopsy():
    """NL2 [S §4, T1, §5]: iPET DS 4 (PR) -> repeat biopsy."""
    a = limited_interim(ds=4, uptake="reduced")
    assert "NL2" in fired(a)
    assert not fired(a) & {"NL1", "NL3", "NL2a", "NL2b"}
    assert rec(a, "NL2")["action"] == "repeat_biopsy"


def test_nl2a_biopsy_negative_follows_cr_pathway():
    """NL2a [S §4]: NL2 + biopsy negative -> CR pathway (child listed with its parent NL2)."""
    a = limited_interim(ds=4, uptake="reduced", bx=False)
    assert {"NL2", "NL2a"} <= fired(a)
    assert "NL2b" not in fired(a)


def test_nl2b_biopsy_positive_is_guideline_gap_not_refractory():
    """NL2b [S §4, Fig1][I]: NL2 + biopsy positive -> no NCCN recommendation (guideline gap, clinician
    review); not labelled refractory at interim (trial definitions use EOT)."""
    a = limited_interim(ds=4, uptake="reduced", bx=True)
    assert {"NL2", "NL2b"} <= fired(a)
    assert "NL2a" not in fired(a)
    assert a["labels"]["nccn_refractory"] is not True
    assert a["labels"]["bock_group"] != "PPD"


def test_nl3_limited_ipet_ds5_reduced():
    """NL3 [S Fig1][I]: iPET DS 5 (even with reduced uptake) maps to the NR/PD branch -> repeat biopsy."""
    a = limited_interim(ds=5, uptake="reduced")
    assert "NL3" in fired(a)
    assert not fired(a) & {"NL1", "NL2"}


@pytest.mark.parametrize(("label", "kw"), [
    ("NMR unchanged", dict(ds=4, uptake="unchanged")),
    ("PMD increased", dict(ds=4, uptake="increased")),
    ("PMD new lesion", dict(ds=2, new=True, etiology="lymphoma")),
])
def test_nl3_limited_ipet_nmr_or_pmd(label, kw):
    """NL3 [S Fig1 'partial or no response ... repeat biopsy']: NMR/PMD at interim -> repeat biopsy."""
    a = limited_interim(**kw)
    assert "NL3" in fired(a)
    assert not fired(a) & {"NL1", "NL2"}
    assert rec(a, "NL3")["action"] == "repeat_biopsy"


def test_nl2_ipet_ds4_uptake_not_coded():
    """NL2 [S §4, T1, §5] + §1.5 [I]: the limited-stage table keys on the Deauville score ('DS 4 (PR)');
    with the uptake change not coded (P8, PET_POSITIVE_UNCLASSIFIED) 'DS 4-5 triggers the same actions'
    -> repeat biopsy (NL2)."""
    a = limited_interim(ds=4)
    assert a["latest_response"]["category"] == "PET_POSITIVE_UNCLASSIFIED"
    assert "NL2" in fired(a)


def test_nl3_ipet_ds5_uptake_not_coded():
    """NL3 [S Fig1][I] + §1.5: iPET DS 5 maps to NL3 whatever the uptake change; uncoded uptake (P8) must
    still give NL3 (repeat biopsy)."""
    a = limited_interim(ds=5)
    assert a["latest_response"]["category"] == "PET_POSITIVE_UNCLASSIFIED"
    assert "NL3" in fired(a)


def test_advanced_ipet_ds45_uptake_not_coded_gets_a_table_action():
    """§1.5 [I]: 'For pathway purposes, DS 4-5 triggers the same actions (biopsy or continuation per the
    tables below)': an advanced-stage iPET DS 4 with uptake not coded and no CT must not leave the
    restaging table silent (NA1 or NA2 expected)."""
    a = advanced_interim(ds=4)
    assert a["latest_response"]["category"] == "PET_POSITIVE_UNCLASSIFIED"
    assert fired(a) & {"NA1", "NA2"}


def test_nl3_biopsy_positive_is_refractory():
    """NL3 [S Fig1]: NR/PD + positive biopsy -> refractory pathway (§6 NCCN_refractory)."""
    a = limited_interim(ds=4, uptake="unchanged", bx=True)
    assert "NL3" in fired(a)
    assert a["labels"]["nccn_refractory"] is True


def test_nl4_eot_cmr_after_cr_branch():
    """NL4 [S §5, Fig1]: EOT PET DS 1-3 -> end of treatment, surveillance."""
    a = eot(limited_case, ds=2, interim=dict(ds=2))
    assert "NL4" in fired(a)
    assert "NL5" not in fired(a)
    assert rec(a, "NL4")["current"] is True
    assert a["labels"]["eot_response_1l"] == "CR"


def test_nl4_eot_cmr_after_pr_branch():
    """NL4 [S §5, Fig1]: EOT DS 1-3 after the PR branch (iPET DS 4, biopsy negative) -> surveillance."""
    a = eot(limited_case, ds=1, interim=dict(ds=4, uptake="reduced"), interim_bx=False)
    assert {"NL2", "NL2a"} <= fired(a)
    assert "NL4" in fired(a)
    assert "NL5" not in fired(a)


@pytest.mark.parametrize("ds", [4, 5])
def test_nl5_eot_ds45_repeat_biopsy(ds):
    """NL5 [S §5]: EOT PET DS 4-5 -> repeat biopsy."""
    a = eot(limited_case, ds=ds, uptake="reduced")
    assert "NL5" in fired(a)
    assert "NL4" not in fired(a)
    assert rec(a, "NL5")["action"] == "repeat_biopsy"
    assert not fired(a) & {"NL5a", "NL5b"}


def test_nl5a_eot_biopsy_positive_refractory():
    """NL5a [S §4 by analogy][I]: NL5 + biopsy positive -> refractory disease -> 2L."""
    a = eot(limited_case, ds=4, uptake="reduced", bx=True)
    assert {"NL5", "NL5a"} <= fired(a)
    assert "NL5b" not in fired(a)
    assert a["labels"]["nccn_refractory"] is True


def test_nl5b_eot_biopsy_negative_cr():
    """NL5b [I]: NL5 + biopsy negative -> treat as CR; surveillance."""
    a = eot(limited_case, ds=4, uptake="reduced", bx=False)
    assert {"NL5", "NL5b"} <= fired(a)
    assert "NL5a" not in fired(a)
    assert a["labels"]["eot_response_1l"] == "CR"
    assert a["labels"]["nccn_refractory"] is False


# ----------------------------------------------------------------------------- Table N-A (§2.3)


@pytest.mark.parametrize(("label", "kw", "category"), [
    ("CMR", dict(ds=2), "CMR"),
    ("PMR DS4 reduced", dict(ds=4, uptake="reduced"), "PMR"),
    ("PMR DS5 reduced", dict(ds=5, uptake="reduced"), "PMR"),
])
def test_na1_interim_cmr_or_pmr_continue_to_6(label, kw, category):
    """NA1 [S §4, Fig2][V:NCCN-PT]: advanced, iPET CMR or PMR -> continue to complete 6 cycles."""
    a = advanced_interim(**kw)
    assert a["pathway"] == "NCCN_ADVANCED"
    assert a["latest_response"]["category"] == category
    assert "NA1" in fired(a)
    assert rec(a, "NA1")["action"] == "continue_rchop"
    assert not fired(a) & {"NA2", "NA2a", "NA2b"}


@pytest.mark.parametrize(("label", "kw"), [
    ("NMR", dict(ds=4, uptake="unchanged")),
    ("PMD increased", dict(ds=5, uptake="increased")),
    ("PMD new lesion", dict(ds=3, new=True, etiology="lymphoma")),
])
def test_na2_interim_nmr_or_pmd_repeat_biopsy(label, kw):
    """NA2 [S Fig2][V:NCCN-PT]: iPET NMR or PMD -> repeat biopsy."""
    a = advanced_interim(**kw)
    assert "NA2" in fired(a)
    assert "NA1" not in fired(a)
    assert rec(a, "NA2")["action"] == "repeat_biopsy"
    assert not fired(a) & {"NA2a", "NA2b"}


def test_na2a_biopsy_positive_refractory_pathway():
    """NA2a [V:NCCN-PT][S]: NA2 + biopsy positive -> refractory pathway (§5)."""
    a = advanced_interim(ds=4, uptake="unchanged", bx=True)
    assert {"NA2", "NA2a"} <= fired(a)
    assert "NA2b" not in fired(a)
    assert a["labels"]["nccn_refractory"] is True


def test_na2b_biopsy_negative_complete_6():
    """NA2b [V:NCCN-PT]: NA2 + biopsy negative -> complete 6 cycles."""
    a = advanced_interim(ds=4, uptake="unchanged", bx=False)
    assert {"NA2", "NA2b"} <= fired(a)
    assert "NA2a" not in fired(a)
    assert a["labels"]["nccn_refractory"] is not True


def test_na3_eot_cmr_surveillance():
    """NA3 [S Fig2]: EOT PET after 6 cycles DS 1-3 -> surveillance."""
    a = eot(case, ds=3, interim=dict(ds=4, uptake="reduced"))
    assert "NA3" in fired(a)
    assert "NA4" not in fired(a)
    assert rec(a, "NA3")["current"] is True
    assert a["labels"]["eot_response_1l"] == "CR"


@pytest.mark.parametrize(("ds", "uptake"), [(4, "reduced"), (5, "reduced"), (4, "unchanged"), (5, None)])
def test_na4_eot_ds45_repeat_biopsy(ds, uptake):
    """NA4 [S §4, §5, T1]: EOT PET DS 4-5 (whatever the uptake change) -> repeat biopsy."""
    a = eot(case, ds=ds, uptake=uptake)
    assert "NA4" in fired(a)
    assert "NA3" not in fired(a)
    assert rec(a, "NA4")["action"] == "repeat_biopsy"


def test_na4a_ds4_interval_restaging():
    """NA4a [S §4, §5]: NA4 + DS 4 -> also consider brief interval restaging."""
    a = eot(case, ds=4, uptake="reduced")
    assert {"NA4", "NA4a"} <= fired(a)


def test_na4a_not_for_ds5():
    """NA4a [S §4, §5]: DS 4 only - interval restaging is not suggested for DS 5 (V23)."""
    a = eot(case, ds=5, uptake="reduced")
    assert "NA4" in fired(a)
    assert "NA4a" not in fired(a)


def test_na4b_biopsy_positive_refractory_confirmed():
    """NA4b [S §4]: NA4 + biopsy positive -> refractory disease confirmed -> 2L."""
    a = eot(case, ds=4, uptake="reduced", bx=True)
    assert {"NA4", "NA4b"} <= fired(a)
    assert "NA4c" not in fired(a)
    assert a["labels"]["nccn_refractory"] is True
    assert a["labels"]["eot_response_1l"] in ("PR", "SD", "PD")


def test_na4c_biopsy_negative_cr():
    """NA4c [I]: NA4 + biopsy negative -> treat as CR; surveillance."""
    a = eot(case, ds=4, uptake="reduced", bx=False)
    assert {"NA4", "NA4c"} <= fired(a)
    assert "NA4b" not in fired(a)
    assert a["labels"]["eot_response_1l"] == "CR"
    assert a["labels"]["nccn_refractory"] is False


# ----------------------------------------------------------------------------- interim windows (§6)


@pytest.mark.parametrize("k", [2, 3, 4])
def test_advanced_ipet_after_cycles_2_to_4_on_schedule(k):
    """§6 interim PET / NA1 [S §4]: NCCN-ADVANCED guideline-valid k in {2, 3, 4}."""
    a = advanced_interim(ds=2, k=k)
    assert a["latest_response"]["timepoint"] == "interim"
    assert a["latest_response"]["cycles_before"] == k
    assert "IPET_OFF_SCHEDULE" not in a["flags"]
    assert "NA1" in fired(a)


def test_advanced_ipet_after_cycle_5_off_schedule():
    """§6 interim PET [S §4][I]: advanced iPET after cycle 5 -> IPET_OFF_SCHEDULE."""
    a = advanced_interim(ds=2, k=5)
    assert a["latest_response"]["cycles_before"] == 5
    assert "IPET_OFF_SCHEDULE" in a["flags"]


def test_limited_ipet_after_cycle_2_off_schedule():
    """§6 interim PET [S §4][I]: NCCN-LIMITED k in {3, 4}; after cycle 2 -> IPET_OFF_SCHEDULE."""
    a = limited_interim(ds=2, k=2)
    assert a["pathway"] == "NCCN_LIMITED"
    assert a["latest_response"]["cycles_before"] == 2
    assert "IPET_OFF_SCHEDULE" in a["flags"]


@pytest.mark.parametrize("k", [3, 4])
def test_limited_ipet_after_cycles_3_4_on_schedule(k):
    """§6 interim PET / NL1 [S §4]: NCCN-LIMITED iPET after cycle 3 or 4 is on schedule."""
    a = limited_interim(ds=2, k=k)
    assert a["latest_response"]["cycles_before"] == k
    assert "IPET_OFF_SCHEDULE" not in a["flags"]
    assert "NL1" in fired(a)
