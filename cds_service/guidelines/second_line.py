"""Second-line advisory rules T1-T11 (clinical-logic.md §5.2).

Eligibility that is not coded is unknown, not "no": advice that depends on it is still given, worded
"if eligible", and `missing` names the input; advice is withheld only when coded not eligible
(architecture.md clarification).
"""

from __future__ import annotations

from datetime import date

from fhir_mappings.case_facts import CaseFacts

from .course import FirstLine, ScanRead
from .recommendation import Rec

OLDER_AGE = 65  # T7 "age > 65", T8 "age < 65" [S §5]


def _if(value: bool | None, text: str) -> str:
    return "" if value is True else f" ({text})"


def salvage_response(facts: CaseFacts, reads: list[ScanRead]) -> tuple[str | None, ScanRead | None]:
    post = [r for r in reads if r.scan.timepoint == "post_salvage"]
    if not post:
        return None, None
    return post[-1].response, post[-1]


def recommendations(facts: CaseFacts, fl: FirstLine, reads: list[ScanRead], bock: str, early_failure: bool | None,
                    age: int | None, as_of: date) -> tuple[list[Rec], list[str], list[str], dict]:
    recs: list[Rec] = []
    flags: list[str] = []
    missing: list[str] = []
    extra: dict[str, object] = {}
    el = facts.eligibility
    cart, tx, timely = el.cart_eligible, el.transplant_eligible, el.cart_timely_access
    salvage, salvage_read = salvage_response(facts, reads)
    prior_2l = len(facts.lines) > 1
    # Once CAR-T has been infused the second-line choice is made: only its timeline (T10) remains [I].
    cart_given = facts.car_t.infusion_date is not None and facts.car_t.infusion_date <= as_of
    asct_given = any(d <= as_of for d in facts.asct_dates)
    if cart_given:
        early_failure, bock = None, "CAR_T_GIVEN"
    if salvage:
        extra["salvage_response"] = salvage
    if early_failure and cart is not False:  # T1 [S §1-2][V:WS22]; ZUMA-7, TRANSFORM
        recs.append(Rec("T1", "car_t_referral", "Early treatment failure (refractory or relapse within 12 months): "
                        "second-line anti-CD19 CAR-T (axi-cel or liso-cel)" + _if(cart, "if CAR-T eligible")
                        + "; bridging as needed." + (" Prior second-line therapy given: the randomised trials "
                        "excluded such patients." if prior_2l else ""), "randomised (ZUMA-7, TRANSFORM); NCCN category [U]",
                        "WS22", "critical"))
        if cart is None:
            missing.append("cart_eligibility")
        if facts.proposed_cart_product == "tisagenlecleucel":
            recs.append(Rec("T2", "avoid_tisa_cel_2l", "Tisagenlecleucel as second line: BELINDA did not improve EFS; "
                            "not supported by second-line randomised evidence.", "[V:BEL][I]", "TRIALS", "warning"))
    late = fl.relapse is not None and fl.early_relapse is False and not cart_given and not asct_given
    if cart_given or asct_given:
        salvage = None  # consolidation done: no transplant discussion (T4-T8) [I]
    if late and tx is not False:
        recs.append(Rec("T3", "salvage_then_asct", "Relapse more than 12 months after end-of-treatment CR: "
                        "chemosensitive disease -> platinum-based salvage chemoimmunotherapy -> HDT/ASCT if CR or PR"
                        + _if(tx, "if transplant eligible") + ".", "[S][V:WS22]", "WS22", "warning"))
        if tx is None:
            missing.append("transplant_eligibility")
    if late and tx is False:
        recs.append(Rec("T9", "non_transplant_options", "Relapse > 12 months, not transplant eligible: "
                        "non-transplant options; CAR-T for fit patients; liso-cel in transplant-ineligible 2L "
                        "(PILOT) per the seed.", "[S]; product-level [U]", "SEED"))
    if salvage in ("SD", "PD"):
        recs.append(Rec("T4", "car_t_not_asct", "Chemorefractory to salvage: ASCT largely futile; CAR-T"
                        + _if(cart, "if eligible") + ".", "[S §1]", "SEED", "critical"))
    if salvage == "PR" and tx is not False:
        recs.append(Rec("T5", "discuss_asct", "Partial response after salvage: ASCT consolidation can be discussed "
                        "(cures about 45% despite PR, seed)" + _if(tx, "if transplant eligible") + ". CIBMTR (ASCT vs "
                        "axi-cel in PR): relapse 40% vs 53%; 2-year OS 69% vs 47%; 2-year PFS 52% vs 42% (n.s.); "
                        "retrospective, cohorts imbalanced.", "retrospective [S][V:SHAD]", "SHAD", "warning"))
        if tx is None:
            missing.append("transplant_eligibility")
        tmtv = next((r.scan.tmtv_ml for r in reversed(reads) if r.scan.tmtv_ml is not None), None)
        if tmtv is not None:
            cutoff = el.tmtv_cutoff_ml
            where = ("below" if tmtv < cutoff else "at or above") + f" the cutoff {cutoff:g} mL" if cutoff else "no cutoff configured"
            recs.append(Rec("T6", "tmtv_evidence", f"TMTV {tmtv:g} mL ({where}). Strati (111 patients in PR): "
                            "relapse/progression CAR-T 40% vs ASCT 58%; low TMTV 43% vs 61%; high TMTV similar. "
                            "The data favour CAR-T at low TMTV, yet the seed cites them for ASCT: shared decision.",
                            "single-centre retrospective [S]; cutoff [U]", "STRATI", "warning"))
            flags.append("EVIDENCE_CONFLICT")
        else:
            missing.append("tmtv")
    fit = True if not facts.ecog else facts.ecog[-1].value <= 1  # "fit" = ECOG 0-1 when known (binding)
    if age is not None and age > OLDER_AGE and salvage == "PR" and fit:
        recs.append(Rec("T7", "car_t_older", "Age over 65 with chemosensitive PR after salvage" + ("" if facts.ecog else
                        " (if fit)") + ": CAR-T vs ASCT give similar 1-year PFS/OS with lower non-relapse mortality "
                        "with CAR-T: CAR-T viable, possibly preferable; ASCT also acceptable.", "[S §5]", "OLD65",
                        "warning"))
    if (age is not None and age < OLDER_AGE and bock in ("EOT_PR", "EARLY_RELAPSE_LT3M", "EARLY_RELAPSE_3_6M",
                                                          "EARLY_RELAPSE_6_12M") and timely is not True):
        recs.append(Rec("T8", "salvage_asct_if_no_timely_cart", "Seed authors' opinion, not guideline: salvage + ASCT "
                        "recommended when timely CAR-T access is a problem" + _if(timely is False,
                        "if timely CAR-T access is not available") + ".", "seed authors' opinion", "SEED"))
        if timely is None:
            missing.append("cart_timely_access")
    ct = facts.car_t
    if ct.decision_date or ct.apheresis_date or ct.infusion_date:
        b2v = (ct.infusion_date - ct.decision_date).days if ct.infusion_date and ct.decision_date else None
        v2v = (ct.infusion_date - ct.apheresis_date).days if ct.infusion_date and ct.apheresis_date else None
        extra.update({k: v for k, v in (("brain_to_vein_days", b2v), ("vein_to_vein_days", v2v)) if v is not None})
        bridging = [ln.bridging for ln in facts.lines if ln.kind == "car_t"]
        regimens = sorted({c.regimen for b in bridging for c in b})
        if regimens:
            extra["bridging"] = regimens
        text = "CAR-T decided: brain-to-vein " + (f"{b2v} days" if b2v is not None else "not yet computable") + \
            ", vein-to-vein " + (f"{v2v} days" if v2v is not None else "not yet computable") + \
            (f"; bridging {', '.join(regimens)}" if regimens else "") + ". Track the time to infusion."
        recs.append(Rec("T10", "track_cart_timeline", text, "[S §5][I]", "SEED"))
    if bock == "PPD":
        recs.append(Rec("T11", "avoid_chemo_only_asct", "Primary refractory (PPD): response to further chemotherapy is "
                        "poor (SCHOLAR-1: seed 17% PR / 3% CR; published ORR 26%, CR 7%). Avoid chemotherapy-only "
                        "strategies aimed at ASCT.", "[S §1][V:SCH1]", "SCH1", "critical"))
    return recs, flags, missing, extra
