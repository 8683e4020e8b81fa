"""Second-line advisory rules T1-T11 (clinical-logic.md §5.2) and the binding clarification on
clinician-coded eligibility (architecture.md: uncoded = unknown -> advice still given "if eligible" and
`missing` lists the input; withheld only when coded not eligible). Each test names the rule id and
its source tag.

Default course: stage III, R-CHOP-21 x 6 from 2025-01-06, last dose 2025-04-21."""

import pytest
from rule_helpers import (
    fired,
    RICE,
    administrations,
    after_cycle,
    apheresis,
    biopsy,
    cart_decision,
    cart_infusion,
    case,
    coded,
    ecog,
    last_dose,
    med_request,
    pet,
    pet_tmtv,
    plus,
    rec,
    rules,
    run,
)

EOT_PET = plus(last_dose(), 35)
LATE_RELAPSE = "2026-06-01"  # > add_months(2025-04-21, 12)
SALVAGE = ["2026-06-15", "2026-07-06"]
POST_SALVAGE = "2026-07-27"


def elig(cart=None, transplant=None, timely=None, day="2025-06-10"):
    out = []
    for code, v in (("cart-eligible", cart), ("transplant-eligible", transplant), ("cart-timely-access", timely)):
        if v is not None:
            out.append(coded(code, v, day=day))
    return out


def eot_pr(age=58, extra=(), as_of="2025-07-15", **e):
    """K2 / early failure: EOT PET DS 4 reduced, biopsy positive."""
    res = [pet(after_cycle(3), ds=4, uptake="reduced"), pet(EOT_PET, ds=4, uptake="reduced"),
           *biopsy(plus(EOT_PET, 7), True), *elig(**e), *extra]
    return run(case(age=age, extra=res), as_of=as_of)


def ppd(age=58, extra=(), **e):
    """K1 PPD: iPET3 DS 5 unchanged -> biopsy positive; first line stopped after C3 (V15)."""
    res = [pet(after_cycle(3), ds=5, uptake="unchanged"), *biopsy(plus(after_cycle(3), 4), True), *elig(**e),
           *extra]
    return run(case(age=age, cycles=3, planned=None, extra=res), as_of=plus(after_cycle(3), 30))


def late_relapse(age=58, salvage_pet: dict | None = None, extra=(), as_of=None, **e):
    """EOT CR, biopsy-proven relapse > 12 months; optional R-ICE x 2 then a post-salvage PET."""
    res = [pet(after_cycle(3), ds=2), pet(EOT_PET, ds=2), pet(LATE_RELAPSE, ds=5, new=True, etiology="lymphoma"),
           *biopsy(plus(LATE_RELAPSE, 4), True), *elig(day=LATE_RELAPSE, **e), *extra]
    if salvage_pet is not None:
        res += administrations(SALVAGE, drugs=RICE)
        res.append(pet(POST_SALVAGE, **salvage_pet))
    return run(case(age=age, extra=res), as_of=as_of or (plus(POST_SALVAGE, 10) if salvage_pet else "2026-06-20"))


# ----------------------------------------------------------------------------- T1 / T2


def test_t1_early_failure_cart_eligible():
    """T1 [S §1-2][V:WS22]: early failure and CAR-T eligible -> 2L anti-CD19 CAR-T (axi-cel / liso-cel)."""
    a = eot_pr(cart=True)
    assert a["labels"]["early_treatment_failure"] is True
    assert "T1" in rules(a)
    assert rec(a, "T1")["action"] == "car_t_referral"
    assert "cart_eligibility" not in a["missing"]


def test_t1_cart_eligibility_unknown_still_given():
    """T1 + architecture clarification: CAR-T eligibility not coded -> T1 still given ('if eligible') and
    missing lists cart_eligibility."""
    a = eot_pr()
    assert "T1" in rules(a)
    assert "eligible" in rec(a, "T1")["text"]
    assert "cart_eligibility" in a["missing"]


def test_t1_cart_coded_not_eligible_withheld():
    """T1 + architecture clarification: coded not eligible -> advice withheld."""
    a = eot_pr(cart=False)
    assert "T1" not in rules(a)
    assert "cart_eligibility" not in a["missing"]


def test_t1_ppd():
    """T1 [S §1-2]: primary refractory (PPD) is an early failure -> CAR-T."""
    a = ppd(cart=True)
    assert a["labels"]["bock_group"] == "PPD"
    assert "T1" in rules(a)


def test_t1_not_for_late_relapse():
    """T1 [S §1-2]: relapse > 12 months after EOT CR is not an early failure -> no T1."""
    a = late_relapse(cart=True, transplant=True)
    assert a["labels"]["early_treatment_failure"] is False
    assert "T1" not in rules(a)


@pytest.mark.parametrize(("label", "kw"), [("RxNorm", dict(rxnorm="1986438", text=None)),
                                           ("text Kymriah", dict(rxnorm=None, text="Kymriah"))])
def test_t2_tisa_cel_proposed(label, kw):
    """T2 [V:BEL][I]: T1 with tisagenlecleucel as the proposed product (draft MedicationRequest) -> BELINDA
    did not improve EFS in 2L: not supported."""
    a = eot_pr(cart=True, extra=[med_request("2025-07-01", **kw)])
    assert {"T1", "T2"} <= rules(a)


def test_t2_not_without_tisa_cel():
    """T2 [V:BEL]: no tisa-cel proposed (axi-cel draft) -> no T2."""
    a = eot_pr(cart=True, extra=[med_request("2025-07-01", rxnorm="1987398", text="Yescarta")])
    assert "T1" in rules(a)
    assert "T2" not in rules(a)


def test_t2_cancelled_request_is_not_a_proposal():
    """T2 [V:BEL][I]: a cancelled tisa-cel request is no longer the proposed product."""
    a = eot_pr(cart=True, extra=[med_request("2025-07-01", status="cancelled")])
    assert "T2" not in rules(a)


def test_t2_tisa_cel_named_in_cart_decision():
    """T2 [V:BEL][I]: the product proposed in the coded CAR-T decision (docs/fhir-profile.md §3
    cart-decision valueString) is tisagenlecleucel -> T2."""
    a = eot_pr(cart=True, extra=[cart_decision("2025-07-01", "tisagenlecleucel (Kymriah)")])
    assert {"T1", "T2"} <= rules(a)


def test_t2_not_when_t1_withheld():
    """T2 is a child of T1 [I]: CAR-T coded not eligible -> neither T1 nor T2."""
    a = eot_pr(cart=False, extra=[med_request("2025-07-01")])
    assert not rules(a) & {"T1", "T2"}


# ----------------------------------------------------------------------------- T3 / T9


def test_t3_late_relapse_transplant_eligible():
    """T3 [S §1, §5][V:WS22]: relapse > 12 months after EOT CR and transplant eligible -> platinum-based
    salvage -> HDT/ASCT if CR/PR."""
    a = late_relapse(transplant=True)
    assert a["labels"]["bock_group"] == "LATE_RELAPSE"
    assert "T3" in rules(a)
    assert "T9" not in rules(a)
    assert "transplant_eligibility" not in a["missing"]


def test_t3_transplant_unknown_still_given():
    """T3 + architecture clarification: transplant eligibility not coded -> T3 'if eligible' + missing."""
    a = late_relapse()
    assert "T3" in rules(a)
    assert "transplant_eligibility" in a["missing"]


def test_t9_late_relapse_not_transplant_eligible():
    """T9 [S §2, §5]: relapse > 12 months and not transplant eligible -> non-transplant options; T3 withheld."""
    a = late_relapse(transplant=False)
    assert "T9" in rules(a)
    assert "T3" not in rules(a)


def test_t3_t9_not_for_early_relapse():
    """T3 / T9 [S]: both need relapse > 12 months."""
    res = [pet(after_cycle(3), ds=2), pet(EOT_PET, ds=2), pet("2025-11-01", ds=5, new=True, etiology="lymphoma"),
           *biopsy("2025-11-05", True), *elig(transplant=True)]
    a = run(case(extra=res), as_of="2025-11-20")
    assert a["labels"]["bock_group"] == "EARLY_RELAPSE_6_12M"
    assert not rules(a) & {"T3", "T9"}


# ----------------------------------------------------------------------------- T4-T7 after salvage


@pytest.mark.parametrize(("label", "scan", "resp"), [
    ("SD", dict(ds=4, uptake="unchanged"), "SD"),
    ("PD", dict(ds=5, uptake="increased"), "PD"),
])
def test_t4_salvage_sd_pd_chemorefractory(label, scan, resp):
    """T4 [S §1]: salvage response SD/PD -> chemorefractory, ASCT largely futile; CAR-T if eligible."""
    a = late_relapse(salvage_pet=scan, transplant=True)
    assert a["latest_response"]["timepoint"] == "post_salvage"
    assert a["labels"]["salvage_response"] == resp
    assert "T4" in rules(a)
    assert not rules(a) & {"T5", "T7"}


def test_t5_salvage_pr_transplant_eligible():
    """T5 [S][V:SHAD]: salvage PR and transplant eligible -> ASCT can be discussed (CIBMTR figures)."""
    a = late_relapse(salvage_pet=dict(ds=4, uptake="reduced"), transplant=True)
    assert a["labels"]["salvage_response"] == "PR"
    assert "T5" in rules(a)
    assert "T4" not in rules(a)
    assert "transplant_eligibility" not in a["missing"]


def test_t5_transplant_unknown_still_given():
    """T5 + architecture clarification: transplant eligibility not coded -> T5 + missing."""
    a = late_relapse(salvage_pet=dict(ds=4, uptake="reduced"))
    assert "T5" in rules(a)
    assert "transplant_eligibility" in a["missing"]


def test_t5_withheld_when_not_transplant_eligible():
    """T5 + architecture clarification: coded not transplant eligible -> withheld."""
    a = late_relapse(salvage_pet=dict(ds=4, uptake="reduced"), transplant=False)
    assert "T5" not in rules(a)


def test_t5_not_after_salvage_cr():
    """T5 [S]: needs salvage PR; a CR after salvage does not fire T5 or T4."""
    a = late_relapse(salvage_pet=dict(ds=2), transplant=True)
    assert a["labels"]["salvage_response"] == "CR"
    assert not rules(a) & {"T4", "T5", "T6", "T7"}


def test_t6_tmtv_available_evidence_conflict():
    """T6 [S §5][V:STRATI], D10: T5 with TMTV -> Strati data + EVIDENCE_CONFLICT; no default cutoff."""
    a = late_relapse(salvage_pet=None, transplant=True,
                     extra=[*administrations(SALVAGE, drugs=RICE),
                            pet_tmtv(POST_SALVAGE, 85.0, ds=4, uptake="reduced")],
                     as_of=plus(POST_SALVAGE, 10))
    assert {"T5", "T6"} <= rules(a)
    assert "EVIDENCE_CONFLICT" in a["flags"]
    assert "tmtv" not in a["missing"]
    assert "85" in rec(a, "T6")["text"]


def test_t6_no_tmtv_lists_missing():
    """T6 [S §5]: no TMTV -> no T6, no EVIDENCE_CONFLICT; missing lists tmtv."""
    a = late_relapse(salvage_pet=dict(ds=4, uptake="reduced"), transplant=True)
    assert "T6" not in rules(a)
    assert "EVIDENCE_CONFLICT" not in a["flags"]
    assert "tmtv" in a["missing"]


def test_t7_older_fit_pr_after_salvage():
    """T7 [S §5][V:OLD65]: age > 65, chemosensitive PR after salvage, fit (ECOG 0-1) -> CAR-T viable,
    possibly preferable (V13)."""
    a = late_relapse(age=70, salvage_pet=dict(ds=4, uptake="reduced"), transplant=True, cart=True)
    assert "T7" in rules(a)
    assert "T5" in rules(a)


def test_t7_not_when_ecog_2():
    """T7 + architecture clarification: 'fit' means ECOG 0-1 when known; ECOG 2 at relapse -> no T7."""
    a = late_relapse(age=70, salvage_pet=dict(ds=4, uptake="reduced"), transplant=True,
                     extra=[ecog(2, LATE_RELAPSE)])
    assert "T7" not in rules(a)


def test_t7_not_under_65():
    """T7 [S §5]: age > 65 only."""
    a = late_relapse(age=58, salvage_pet=dict(ds=4, uptake="reduced"), transplant=True)
    assert "T7" not in rules(a)


# ----------------------------------------------------------------------------- T8


def test_t8_under_65_eot_pr_no_timely_access():
    """T8 [S §6] seed authors' opinion: age < 65, EOT PR after 1L (not PPD), no timely CAR-T access ->
    salvage + ASCT."""
    a = eot_pr(age=58, cart=True, timely=False)
    assert a["labels"]["bock_group"] == "EOT_PR"
    assert "T8" in rules(a)
    assert "review authors' opinion" in rec(a, "T8")["text"].lower()  # labelled: not a guideline [S §6]


def test_t8_timely_access_unknown_given_with_missing():
    """T8 + architecture clarification: timely CAR-T access not coded -> T8 still given + missing."""
    a = eot_pr(age=58, cart=True)
    assert "T8" in rules(a)
    assert "cart_timely_access" in a["missing"]


def test_t8_withheld_with_timely_access():
    """T8 [S §6]: timely CAR-T access coded true -> no T8."""
    a = eot_pr(age=58, cart=True, timely=True)
    assert "T8" not in rules(a)
    assert "cart_timely_access" not in a["missing"]


def test_t8_not_for_ppd():
    """T8 [S §6]: 'EOT PR after 1L (not PPD)'."""
    a = ppd(age=58, cart=True, timely=False)
    assert "T8" not in rules(a)


def test_t8_not_over_65():
    """T8 [S §6]: age < 65 only."""
    a = eot_pr(age=70, cart=True, timely=False)
    assert "T8" not in rules(a)


# ----------------------------------------------------------------------------- T10 / T11


def test_t10_brain_to_vein_and_vein_to_vein():
    """T10 [S §5][I]: CAR-T decided -> brain_to_vein_days = infusion - decision; vein_to_vein_days =
    infusion - apheresis."""
    a = eot_pr(cart=True, as_of="2025-09-01",
               extra=[cart_decision("2025-06-20"), apheresis("2025-07-01"), cart_infusion("2025-08-09")])
    assert "T10" in fired(a) and "T10" not in rules(a)  # computed until the infusion, then no longer current
    assert a["labels"]["brain_to_vein_days"] == 50
    assert a["labels"]["vein_to_vein_days"] == 39


def test_t10_decision_only_no_intervals_yet():
    """T10 [S §5][I]: CAR-T decided, not yet infused -> T10 tracks the timeline; no interval invented."""
    a = eot_pr(cart=True, extra=[cart_decision("2025-06-20")])
    assert "T10" in rules(a)
    assert "brain_to_vein_days" not in a["labels"] or a["labels"]["brain_to_vein_days"] is None
    assert "vein_to_vein_days" not in a["labels"] or a["labels"]["vein_to_vein_days"] is None


def test_t10_not_without_cart_decision():
    """T10 [S §5]: no CAR-T decision, apheresis or infusion -> no T10."""
    a = eot_pr(cart=True)
    assert "T10" not in rules(a)


def test_t11_ppd_avoid_chemo_only_asct():
    """T11 [S §1][V:SCH1]: primary refractory (PPD) -> avoid chemotherapy-only strategies aimed at ASCT."""
    a = ppd(cart=True)
    assert "T11" in rules(a)
    assert rec(a, "T11")["action"] == "avoid_chemo_only_asct"


def test_t11_not_for_eot_pr():
    """T11 [S §1]: EOT PR is not PPD by Bock -> no T11."""
    a = eot_pr(cart=True)
    assert "T11" not in rules(a)
