"""The status card's summary: where the patient is, then the decision (cards.md: "the decision, not the
rule"), e.g. "Biopsy-proven residual disease after R-CHOP: refer for 2nd-line CAR-T"."""

from __future__ import annotations

from datetime import date

from cds_service.cards import labels as L
from cds_service.cards.sections import first_line, pet_unread
from cds_service.guidelines.assessment_model import Assessment, Recommendation

_RANK = {"info": 0, "warning": 1, "critical": 2}
NEGATIVE_BIOPSY_RULES = {"NA2b", "NL2a", "NA4c", "NL5b"}
# Which current advice leads the summary when several are open (second-line choice first).
LEAD_ORDER = ("T1", "T4", "NA2a", "NA4b", "NL5a", "B3", "T0", "P4", "NA4", "NL5", "B7", "NA2", "NL2", "NL3",
              "NL2b", "NL2c", "T5", "T7", "T3", "T8", "T9", "T2", "T11", "T10", "NA4a", "B8", "NA1", "NL1", "NL2a",
              "NA2b", "B1", "B2", "B4", "B5", "NA3", "NL4", "NA4c", "NL5b", "B6", "T6", "B9")


def lead(a: Assessment) -> Recommendation | None:
    current = [r for r in a.current_recommendations() if r.rule != "B9"]  # B9 names the pathway, not an action
    if not current:
        return None
    order = {r: i for i, r in enumerate(LEAD_ORDER)}
    return min(current, key=lambda r: (-_RANK[r.urgency], order.get(r.rule, 99)))


def context(a: Assessment) -> str:
    lab, lr = a.labels, a.latest_response
    regimen = ((first_line(a) or {}).get("regimens") or ["first line"])[0]
    if lab.car_t_infusion_date:
        resp = f": {L.CATEGORY[lab.car_t_response].lower()}" if lab.car_t_response else ""
        return f"CAR-T infused {lab.car_t_infusion_date}{resp}"
    if lab.salvage_response:
        return f"{L.CATEGORY[lab.salvage_response].capitalize()} after salvage"
    if lab.relapse_date:
        months = lab.time_to_relapse_months
        when = "Early" if lab.early_relapse else "Late"
        core = f"{when} relapse {months} months after first line ({lab.time_to_relapse_days} days)"
        if "BOUNDARY_12M" in a.flags:
            core = f"Relapse at the 12-month boundary ({lab.time_to_relapse_days} days after first line)"
        return core if lab.relapse_biopsy_proven else f"{core}, imaging only"
    if lab.bock_group == "PPD":
        proven = lab.nccn_refractory is True
        return "Primary refractory LBCL" + ("" if proven else " on imaging")
    if lab.bock_group == "EOT_PR":
        return f"Biopsy-proven residual disease after {regimen}"
    if lr is None and pet_unread(a):
        return "LBCL: PET-CT results could not be read"
    if lr is None:
        return "LBCL: no PET-CT result recorded"
    scan = "PET" if lr.modality == "PET" else "CT"
    tp = {"interim": f"Interim {scan}" + (f" after cycle {lr.cycles_before}" if lr.cycles_before else ""),
          "end_of_treatment": f"End-of-treatment {scan}", "baseline": f"Staging {scan}",
          "pre_radiotherapy": f"{scan} before radiotherapy", "post_salvage": f"{scan} after salvage"}.get(
        lr.timepoint, f"Follow-up {scan}")
    if lr.timepoint == "baseline":
        return f"{tp} {lr.date}"
    read = f"Deauville {lr.deauville}" if (lr.deauville or 0) >= 4 and lr.category in (
        "PMR", "PET_POSITIVE_UNCLASSIFIED") and lr.timepoint == "end_of_treatment" else L.CATEGORY[lr.category]
    if "IND_NEW_LESION" in a.flags and a.labels.eot_response_1l == "PENDING":
        read = "new lesion of uncertain cause"
    top = lead(a)
    if top and top.rule in NEGATIVE_BIOPSY_RULES:
        read += ", biopsy negative"
    return f"{tp}: {read}"


def headline(a: Assessment, stale: bool) -> str:
    ctx = context(a)
    if stale and a.latest_response:
        age = (date.fromisoformat(a.as_of) - date.fromisoformat(a.latest_response.date)).days
        return f"{ctx} ({round(age / 30.44)} months ago, no later imaging): review the current status"
    top = lead(a)
    if top is None:
        return f"{ctx}: {idle_decision(a)}"
    return f"{ctx}: {L.HEADLINE.get(top.action, L.ACTION.get(top.action, top.action).lower())}"


def no_second_line_rule(a: Assessment) -> bool:
    """Treatment failed (early failure) but no second-line rule could advise: CAR-T coded not eligible."""
    return a.labels.early_treatment_failure is True and not a.labels.car_t_infusion_date and not any(
        r.rule.startswith("T") and r.rule != "T10" for r in a.current_recommendations())


def idle_decision(a: Assessment) -> str:
    """The decision when no advice is open."""
    lr = a.latest_response
    if a.labels.next_assessment:
        text = a.labels.next_assessment
        return text[0].lower() + text[1:] if text[1:2].islower() else text
    if no_second_line_rule(a):
        return "CAR-T coded not eligible: clinician review of other second-line options"
    if a.labels.car_t_infusion_date:
        return "follow-up after CAR-T"
    if lr and lr.timepoint == "baseline" and a.pathway:
        return f"{L.PATHWAY[a.pathway]} applies"
    if lr and lr.category in ("CMR", "CR"):
        return "surveillance"
    if lr is None and pet_unread(a):
        return "review when the records can be read"  # not "no action due": the results were not read
    return "no action due"
