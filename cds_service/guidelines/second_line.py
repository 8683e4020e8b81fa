"""Second-line advisory rules T0-T11 (clinical-logic.md §5.2; architecture.md, clarifications second set).

Eligibility that is not coded is unknown, not "no": advice that depends on it is still given, worded
"if eligible", and `missing` names the input; advice is withheld only when coded not eligible.
Every rule that fired stays listed; a row whose action is done (CAR-T infused, ASCT done, salvage
response known) is no longer current, and the next question is asked (clarifications, second set).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fhir_mappings.case_facts import CaseFacts

from .course import FirstLine, ScanRead
from .events import Resolution
from .recommendation import Rec
from .response_after import after_car_t, salvage_response
from .settings import GuidelineSettings

OLDER_AGE = 65  # T7 "age > 65", T8 "age < 65" [S §5]
DECISION_DONE_BY_CART = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9")  # the 2L choice is made [I]
DECISION_DONE_BY_ASCT = ("T3", "T5", "T6", "T7", "T8")


@dataclass
class SecondLine:
    recs: list[Rec] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    labels: dict[str, object] = field(default_factory=dict)


def _if(value: bool | None, text: str) -> str:
    return "" if value is True else f" ({text})"


def _t0(out: SecondLine, res: Resolution, kind: str, moved_on: bool) -> None:
    """T0: relapse or progression seen on imaging, no biopsy result yet (clarifications, second set)."""
    what = {"relapse": "relapse", "progression": "progression", "uncertain": "a possible relapse"}[kind]
    out.recs.append(Rec("T0", "biopsy", f"Imaging {res.date.isoformat()} shows {what} without a biopsy result: "
                        "biopsy to confirm relapse/progression before second-line therapy.",
                        "[S §2] relapse is biopsy-proven; NCCN biopsy at relapse [U]", "NCCN2025", "warning",
                        current=not moved_on, order=None if moved_on else "biopsy"))
    out.flags.append("RELAPSE_NOT_BIOPSY_PROVEN")
    if not moved_on:
        out.missing.append("biopsy_result")


def recommendations(facts: CaseFacts, fl: FirstLine, reads: list[ScanRead], bock: str, early_failure: bool | None,
                    age_now: int | None, as_of: date, cfg: GuidelineSettings) -> SecondLine:
    out = SecondLine()
    recs, missing = out.recs, out.missing
    el = facts.eligibility
    cart, tx, timely = el.cart_eligible, el.transplant_eligible, el.cart_timely_access
    second = fl.second_line_start
    for res in fl.open_progression:
        _t0(out, res, "progression", second is not None and second > res.date)
    if fl.relapse_event and fl.relapse_event.status == "imaging":
        _t0(out, fl.relapse_event, "relapse", second is not None and second > fl.relapse_event.date)
    for res in fl.unresolved:
        _t0(out, res, "uncertain", second is not None and second > res.date)
    salvage, salvage_read = salvage_response(reads)
    prior_2l = len(facts.lines) > 1
    infusion = facts.car_t.infusion_date
    cart_given = infusion is not None and infusion <= as_of
    asct_given = any(d <= as_of for d in facts.asct_dates)
    if salvage:
        out.labels["salvage_response"] = salvage
    if early_failure and cart is not False:  # T1 [S §1-2][V:WS22]; ZUMA-7, TRANSFORM
        recs.append(Rec("T1", "car_t_referral", "Early treatment failure (refractory or relapse within 12 months): "
                        "refer for second-line anti-CD19 CAR-T (axi-cel or liso-cel)" + _if(cart, "if CAR-T eligible")
                        + "; bridging as needed." + (" Prior second-line therapy given: the randomised trials "
                        "excluded such patients." if prior_2l else ""), "randomised (ZUMA-7, TRANSFORM); NCCN category [U]",
                        "WS22", "critical"))
        if cart is None:
            missing.append("cart_eligibility")
        if facts.proposed_cart_product == "tisagenlecleucel":
            recs.append(Rec("T2", "avoid_tisa_cel_2l", "Tisagenlecleucel as second line: BELINDA did not improve EFS; "
                            "not supported by second-line randomised evidence.", "[V:BEL][I]", "TRIALS", "warning"))
    late = fl.relapse is not None and fl.early_relapse is False
    if late and tx is not False:
        recs.append(Rec("T3", "salvage_then_asct", "Relapse more than 12 months after end-of-treatment CR: "
                        "chemosensitive disease: platinum-based salvage chemoimmunotherapy, then HDT/ASCT if CR or PR"
                        + _if(tx, "if transplant eligible") + ".", "[S][V:WS22]", "WS22", "warning",
                        current=salvage not in ("SD", "PD")))
        if tx is None:
            missing.append("transplant_eligibility")
    if late and tx is False:
        recs.append(Rec("T9", "non_transplant_options", "Relapse more than 12 months after end-of-treatment CR, not "
                        "transplant eligible: non-transplant options" + ("" if cart is False else
                        "; CAR-T for fit patients; liso-cel in transplant-ineligible second line (PILOT, per the review)") + ".",
                        "[S]; product-level [U]", "SEED", "warning"))
    if salvage in ("SD", "PD"):
        recs.append(Rec("T4", "car_t_not_asct", "Chemorefractory to salvage: ASCT largely futile" + (
                        "; non-CAR-T options (not CAR-T eligible)." if cart is False else
                        "; CAR-T" + _if(cart, "if eligible") + "."), "[S §1]", "SEED", "critical"))
    if salvage == "PR" and tx is not False:
        _t5_t6(out, facts, reads, salvage_read, tx, cfg)
    fit = True if not facts.ecog else facts.ecog[-1].value <= 1  # "fit" = ECOG 0-1 when known (binding)
    if age_now is not None and age_now > OLDER_AGE and salvage == "PR" and fit:
        recs.append(Rec("T7", "car_t_older", "Age over 65 with chemosensitive PR after salvage" + ("" if facts.ecog else
                        " (if fit)") + ": CAR-T vs ASCT give similar 1-year PFS/OS with lower non-relapse mortality "
                        "with CAR-T: CAR-T viable, possibly preferable; ASCT also acceptable.", "[S §5]", "OLD65",
                        "warning"))
    if age_now is not None and age_now < OLDER_AGE and bock == "EOT_PR" and timely is not True:  # T8: EOT PR only
        recs.append(Rec("T8", "salvage_asct_if_no_timely_cart", "Review authors' opinion, not guideline: salvage + ASCT "
                        "recommended when timely CAR-T access is a problem" + _if(timely is False,
                        "if timely CAR-T access is not available") + ".", "review authors' opinion", "SEED"))
        if timely is None:
            missing.append("cart_timely_access")
    _t10(out, facts, reads, as_of)
    if bock == "PPD":
        recs.append(Rec("T11", "avoid_chemo_only_asct", "Primary refractory (PPD): response to further chemotherapy is "
                        "poor (SCHOLAR-1: 17% PR / 3% CR as cited by the review; published ORR 26%, CR 7%). Avoid chemotherapy-only "
                        "strategies aimed at ASCT.", "[S §1][V:SCH1]", "SCH1", "critical", current=not cart_given))
    done = (DECISION_DONE_BY_CART if cart_given else ()) + (DECISION_DONE_BY_ASCT if asct_given else ())
    out.recs[:] = [r.retired() if r.rule in done and r.current else r for r in out.recs]
    if cart_given or asct_given:
        out.missing[:] = [m for m in out.missing if m not in ("cart_eligibility", "transplant_eligibility",
                                                              "cart_timely_access", "tmtv")]
    if any(ln.kind == "salvage" for ln in facts.lines[1:]) and salvage is None and not (cart_given or asct_given):
        missing.append("salvage_response")
        out.labels.setdefault("next_assessment", "PET-CT to assess the response to salvage therapy")
    return out


def _t5_t6(out: SecondLine, facts: CaseFacts, reads: list[ScanRead], salvage_read: ScanRead | None,
           tx: bool | None, cfg: GuidelineSettings) -> None:
    out.recs.append(Rec("T5", "discuss_asct", "Partial response after salvage: ASCT consolidation can be discussed "
                        "(cures about 45% despite PR, per the review)" + _if(tx, "if transplant eligible") + ". CIBMTR (ASCT vs "
                        "axi-cel in PR): relapse 40% vs 53%; 2-year OS 69% vs 47%; 2-year PFS 52% vs 42% (n.s.); "
                        "retrospective, cohorts imbalanced.", "retrospective [S][V:SHAD]", "SHAD", "warning"))
    if tx is None:
        out.missing.append("transplant_eligibility")
    # T6 reads the TMTV of the scan before the decision it informs (the salvage response scan or the last
    # scan before it), never the staging scan (clarifications, second set).
    before = [r for r in reads if salvage_read and r.scan.date <= salvage_read.scan.date
              and r.scan.timepoint != "baseline" and r.scan.tmtv_ml is not None]
    tmtv = before[-1].scan.tmtv_ml if before else None
    if tmtv is None:
        out.missing.append("tmtv")
        return
    cutoff = facts.eligibility.tmtv_cutoff_ml if facts.eligibility.tmtv_cutoff_ml is not None else cfg.tmtv_cutoff_ml
    where = (("below" if tmtv < cutoff else "at or above") + f" the cutoff {cutoff:g} mL") if cutoff else \
        "no cutoff configured"
    out.labels["tmtv_ml"] = tmtv
    out.recs.append(Rec("T6", "tmtv_evidence", f"TMTV {tmtv:g} mL ({where}). Strati (111 patients in PR): "
                        "relapse/progression CAR-T 40% vs ASCT 58%; low TMTV 43% vs 61%; high TMTV similar. "
                        "The data favour CAR-T at low TMTV, yet the review cites them for ASCT: shared decision.",
                        "single-centre retrospective [S]; cutoff [U]", "STRATI", "warning"))
    out.flags.append("EVIDENCE_CONFLICT")


def _t10(out: SecondLine, facts: CaseFacts, reads: list[ScanRead], as_of: date) -> None:
    """T10: brain-to-vein and vein-to-vein days, tracked until the infusion; then the response after CAR-T
    (about day 30 and day 90) is the open question."""
    ct = facts.car_t
    if not (ct.decision_date or ct.apheresis_date or ct.infusion_date):
        return
    infused = ct.infusion_date is not None and ct.infusion_date <= as_of
    b2v = (ct.infusion_date - ct.decision_date).days if infused and ct.decision_date else None
    v2v = (ct.infusion_date - ct.apheresis_date).days if infused and ct.apheresis_date else None
    out.labels.update({k: v for k, v in (("brain_to_vein_days", b2v), ("vein_to_vein_days", v2v)) if v is not None})
    cart_line = next((ln for ln in facts.lines if ln.kind == "car_t"), None)
    regimens = sorted({c.regimen for c in cart_line.bridging}) if cart_line else []
    if regimens:
        out.labels["bridging"] = regimens
    if not infused:
        waited = (as_of - ct.decision_date).days if ct.decision_date else None
        text = "CAR-T decided" + (f" {waited} days ago" if waited is not None else "") + ": track the time to " \
            "infusion (brain-to-vein)" + (f"; bridging {', '.join(regimens)}" if regimens else "") + "."
        out.recs.append(Rec("T10", "track_cart_timeline", text, "[S §5][I]", "SEED"))
        return
    out.labels["car_t_infusion_date"] = ct.infusion_date.isoformat()
    out.recs.append(Rec("T10", "track_cart_timeline", "CAR-T infused " + ct.infusion_date.isoformat() + ": brain-to-vein "
                        + (f"{b2v} days" if b2v is not None else "not computable (no decision date)") + ", vein-to-vein "
                        + (f"{v2v} days" if v2v is not None else "not computable (no apheresis date)") + ".",
                        "[S §5][I]", "SEED", current=False))
    resp, due = after_car_t(reads, ct.infusion_date)
    if resp:
        out.labels["car_t_response"] = resp
    if due:  # the next question (clarifications, second set); T10 itself stops at the infusion
        out.labels["next_assessment"] = f"PET-CT about day {due[0]} after the CAR-T infusion ({due[1].isoformat()})"
        out.missing.append("response_after_car_t")
