"""Assessment -> CDS Hooks cards (architecture.md "Cards"). Rendered from the Assessment alone.

At most three cards: the response and what to do now, refractory status and second line, and the
data that is missing. Indicator by urgency; detail in Markdown with the facts, rule ids and citations;
ServiceRequest drafts as suggestions (never auto-applied), with overrideReasons.
"""

from __future__ import annotations

from datetime import date, timedelta

from .guidelines.sources import SOURCES
from .protocol import SUMMARY_MAX, Action, Card, Coding, Link, OverrideReason, Source, Suggestion
from .smart.card_link import timeline_link

EXTENSION_KEY = "lbcl-cds.assessment"
OVERRIDE_SYSTEM = "http://lbcl-cds.org/fhir/CodeSystem/override-reason"
OVERRIDES = [("already-done", "Already ordered or done"), ("not-feasible", "Not feasible for this patient"),
             ("clinical-judgement", "Clinical judgement differs"), ("patient-declined", "Patient declined"),
             ("data-incorrect", "The data shown is incorrect or incomplete")]
_RANK = {"info": 0, "warning": 1, "critical": 2}
# Orders a recommendation can draft (SNOMED: terminology.md §2.7)
ORDERS = {
    "biopsy": ("Draft order: biopsy of the residual FDG-avid lesion", "86273004", "Biopsy", 0, 14),
    "pet_ct": ("Draft order: end-of-treatment PET-CT", "443271005", "PET-CT FDG whole body", 21, 56),
    "interval_pet": ("Draft order: interval PET-CT in 8-12 weeks", "443271005", "PET-CT FDG whole body", 56, 84),
    "ct": ("Draft order: end-of-treatment CT", "77477000", "Computed tomography", 21, 56),
}
SNOMED = "http://snomed.info/sct"
_SOURCE_BY_LABEL = {v["label"]: v for v in SOURCES.values()}


def _short(text: str) -> str:
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 3].rstrip() + "..."


def _indicator(recs: list[dict], default: str = "info") -> str:
    return max([r.get("urgency", "info") for r in recs] + [default], key=_RANK.get)


def _source(recs: list[dict]) -> Source:
    label = recs[0]["source"] if recs else SOURCES["LUGANO2014"]["label"]
    url = recs[0].get("source_url") if recs else SOURCES["LUGANO2014"]["url"]
    return Source(label=label[:200], url=url or None)


def _suggestion(order: str, rule: str, patient_id: str, as_of: date) -> Suggestion:
    label, code, display, lo, hi = ORDERS[order]
    resource = {
        "resourceType": "ServiceRequest", "status": "draft", "intent": "proposal",
        "code": {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": display},
        "subject": {"reference": f"Patient/{patient_id}"},
        "occurrencePeriod": {"start": (as_of + timedelta(days=lo)).isoformat(),
                             "end": (as_of + timedelta(days=hi)).isoformat()},
        "reasonCode": [{"text": f"lbcl-cds rule {rule}"}],
        "note": [{"text": "Drafted by lbcl-cds; review before signing."}],
    }
    return Suggestion(label=label, isRecommended=False,
                      actions=[Action(type="create", description=f"{label} (rule {rule})", resource=resource)])


def _rec_lines(recs: list[dict]) -> str:
    lines = []
    for r in recs:
        url = f" <{r['source_url']}>" if r.get("source_url") else ""
        lines.append(f"- **{r['rule']}**: {r['text']} _Source: {r['source']}{url}; strength: {r['strength']}._")
    return "\n".join(lines)


def _response_card(a: dict) -> tuple[Card | None, list[dict]]:
    lr = a.get("latest_response")
    recs = [r for r in a["recommendations"] if r.get("current") and r["rule"][0] in "NB" and r["rule"] != "B9"]
    b9 = any(r["rule"] == "B9" for r in a["recommendations"])
    if lr is None and not recs:
        return None, []
    parts = []
    if lr:
        where = lr["timepoint"].replace("_", " ")
        if lr.get("cycles_before") and lr["timepoint"] in ("interim", "end_of_treatment"):
            where += f" after cycle {lr['cycles_before']}"
        summary = f"{lr['modality']} {lr['date']}: {lr['category']} at {where} - {lr['meaning']}"
        ds = f", Deauville {lr['deauville']}" if lr.get("deauville") else ""
        up = f", uptake vs baseline {lr['uptake_vs_baseline']}" if lr.get("uptake_vs_baseline") else ""
        parts.append(f"**Latest response ({lr['date']}, {where})**: Lugano 2014 {lr['category']}"
                     f" (rule {lr.get('rule') or 'reader category'}{ds}{up}). Meaning: {lr['meaning']}.")
        if lr.get("ct_category"):
            parts.append(f"CT-based category (Lugano 2014 CT criteria): {lr['ct_category']}.")
        for q in lr.get("quotes", []):
            parts.append(f"> From the report: \"{q}\"")
    else:
        summary = "LBCL restaging: no PET-CT result found"
    if a.get("pathway"):
        parts.append(f"**Pathway**: {a['pathway'].replace('_', ' ')}"
                     + (" (BSH PET-adapted approach not applicable: rule B9)." if b9 else "."))
    if recs:
        parts.append("**Recommended now**\n" + _rec_lines(recs))
    history = [r for r in a.get("course_history", []) if r["rule"][0] in "NB"]
    if history:
        parts.append("Earlier in the course: " + ", ".join(
            r["rule"] + (f" ({r['timepoint'].replace('_', ' ')})" if r.get("timepoint") else "") for r in history))
    parts.append(f"Source: {SOURCES['LUGANO2014']['label']}.")
    return Card(summary=_short(summary), detail="\n\n".join(parts),
                indicator=_indicator(recs, "warning" if lr and "failure" in lr["meaning"] else "info"),
                source=_source(recs) if recs else Source(label=SOURCES["LUGANO2014"]["label"],
                                                         url=SOURCES["LUGANO2014"]["url"])), recs


def _second_line_card(a: dict) -> tuple[Card | None, list[dict]]:
    labels = a["labels"]
    recs = [r for r in a["recommendations"] if r["rule"][0] == "T"]
    group = labels.get("bock_group")
    if not recs and group in (None, "UNDETERMINED", "NOT_APPLICABLE"):
        return None, []
    tc = labels.get("trial_classes", {})
    facts = [f"Bock 2024 group: **{group}**" + (f" (rule {labels['bock_rule']}; {labels['bock_prognosis']})"
                                                 if labels.get("bock_prognosis") else ""),
             f"NCCN refractory: {labels.get('nccn_refractory')}; early treatment failure: "
             f"{labels.get('early_treatment_failure')}; end-of-treatment response (1L): {labels.get('eot_response_1l')}",
             f"Trial classes: ZUMA-7 {tc.get('zuma7')}, TRANSFORM {tc.get('transform')}, BELINDA {tc.get('belinda')}"]
    if labels.get("relapse_date"):
        facts.append(f"Relapse {labels['relapse_date']}: {labels.get('time_to_relapse_days')} days "
                     f"({labels.get('time_to_relapse_months')} months) after end of treatment {labels.get('eot_date')}")
    summary = {"PPD": "Primary refractory LBCL (Bock PPD)", "EOT_PR": "End-of-treatment PR (Bock): treatment failure"}.get(
        group, f"Refractory/relapse status: {group}")
    top = next((r for r in recs if r["rule"] == "T1"), recs[0] if recs else None)
    if top:
        summary += f"; {top['rule']}: " + top["text"].split(":")[0].split(";")[0]
    detail = "\n".join(f"- {f}" for f in facts)
    if recs:
        detail += "\n\n**Second-line advice**\n" + _rec_lines(recs)
    return Card(summary=_short(summary), detail=detail, indicator=_indicator(recs, "warning"),
                source=_source(recs) if recs else Source(label=SOURCES["BOCK2024"]["label"],
                                                         url=SOURCES["BOCK2024"]["url"])), recs


def _missing_card(a: dict, unavailable: dict[str, str]) -> Card | None:
    if not a["missing"] and not unavailable:
        return None
    lines = [f"- `{m}`" for m in a["missing"]]
    lines += [f"- data `{k}` unavailable: {why}" for k, why in unavailable.items()]
    return Card(summary=_short("Data needed to complete the LBCL assessment: " + ", ".join(a["missing"] + list(unavailable))),
                detail="The service does not guess missing inputs. Please code or provide:\n" + "\n".join(lines),
                indicator="info", source=Source(label="lbcl-cds", url=None))


def render_cards(a: dict, unavailable: dict[str, str] | None = None) -> list[Card]:
    """Cards for an LBCL patient; none at all for a chart with no lymphoma diagnosis, PET-CT or
    lymphoma therapy (patient-view fires on every chart: stay silent where there is nothing to say)."""
    if not a.get("applicable", True):
        return []
    as_of = date.fromisoformat(a["as_of"])
    cards: list[Card] = []
    for build in (_response_card, _second_line_card):
        card, recs = build(a)
        if card is None:
            continue
        orders = list(dict.fromkeys((r["order"], r["rule"]) for r in recs if r.get("order")))
        seen: set[str] = set()
        suggestions = []
        for order, rule in orders:
            if order not in seen:
                seen.add(order)
                suggestions.append(_suggestion(order, rule, a["patient_id"], as_of))
        card = card.model_copy(update={
            "suggestions": suggestions or None, "selectionBehavior": "any" if suggestions else None,
            "overrideReasons": [OverrideReason(code=c, system=OVERRIDE_SYSTEM, display=d) for c, d in OVERRIDES],
            "links": [Link(label="Guideline source", url=u) for u in dict.fromkeys(
                r["source_url"] for r in recs if r.get("source_url"))] or None,
            "extension": {EXTENSION_KEY: a}})
        cards.append(card)
    link = timeline_link()  # the SMART timeline app, on the status card (issue 15)
    if cards and link:
        cards[0] = cards[0].model_copy(update={"links": (cards[0].links or []) + [link]})
    missing = _missing_card(a, unavailable or {})
    if missing:
        cards.append(missing.model_copy(update={"extension": {EXTENSION_KEY: a}}))
    return cards


__all__ = ["render_cards", "EXTENSION_KEY", "Coding"]
