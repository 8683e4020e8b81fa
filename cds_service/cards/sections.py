"""The detail of the status card, section by section (cards.md "The shape"): Now, Next, Cautions,
Course, Prognosis, Evidence. Each takes the typed Assessment and returns Markdown lines (or none)."""

from __future__ import annotations

from datetime import date

from cds_service.cards import labels as L
from cds_service.cards.words import ago, sentence, weeks_after
from cds_service.guidelines.assessment_model import Assessment, EvidenceItem, Recommendation
from cds_service.guidelines.sources import SOURCES

_SOURCE_BY_LABEL = {v["label"]: k for k, v in SOURCES.items()}
MAX_QUOTES = 2


def fields(e: EvidenceItem) -> dict:
    """An evidence item's keys and values as its JSON has them (read only: the lists are the item's own;
    model_dump would copy every value)."""
    return {"fact": e.fact, "resources": e.resources, **(e.model_extra or {})}


def _evidence(a: Assessment, fact: str) -> list[dict]:
    return [fields(e) for e in a.evidence if e.fact == fact]


def first_line(a: Assessment) -> dict | None:
    found = _evidence(a, "first_line_cycles")
    return found[0] if found else None


def where(a: Assessment) -> str:
    """The latest imaging's timepoint in words: 'end of treatment, 5 weeks after cycle 6 of R-CHOP'."""
    lr = a.latest_response
    tp = L.TIMEPOINT.get(lr.timepoint, lr.timepoint)
    fl = first_line(a)
    regimen = (fl or {}).get("regimens", ["R-CHOP"])[0] if fl else "first line"
    if lr.timepoint == "interim" and lr.cycles_before:
        return f"interim, after cycle {lr.cycles_before} of {regimen}"
    if lr.timepoint in ("end_of_treatment", "pre_radiotherapy") and fl and fl.get("last_dose"):
        last = date.fromisoformat(fl["last_dose"])
        return f"{tp}, {weeks_after(date.fromisoformat(lr.date), last)} after cycle {fl.get('cycles')} of {regimen}"
    if lr.timepoint == "relapse_or_follow_up" and a.labels.eot_date:
        return f"follow-up, {weeks_after(date.fromisoformat(lr.date), date.fromisoformat(a.labels.eot_date))} " \
               "after the end of first line"
    return tp


PET_SOURCES = ("observations", "diagnosticReports")  # where PET-CT results come from (acquisition/prefetch.py)


def pet_unread(a: Assessment) -> list[str]:
    """The PET sources that could not be read for this call (a fetch failed): without them "no PET result"
    may only mean "not read"."""
    return [k for k in PET_SOURCES if k in (a.unavailable_data or {})]


def now(a: Assessment, today: date) -> list[str]:
    lr = a.latest_response
    if lr is None and (unread := pet_unread(a)):
        return [f"No PET-CT or CT result could be read: the {' and '.join(L.PREFETCH_KEY[k] for k in unread)} "
                "could not be fetched from the record system."]
    if lr is None:
        return ["No PET-CT or CT result is recorded."]
    modality = "PET-CT" if lr.modality == "PET" else "CT"
    bits = []
    if lr.deauville:
        bits.append(f"Deauville {lr.deauville}")
    if lr.uptake_vs_baseline:
        bits.append(f"uptake {lr.uptake_vs_baseline} vs baseline")
    if lr.new_lesions:
        bits.append("new lesion(s)")
    read = L.CATEGORY.get(lr.category, lr.category)
    line = f"{modality} {lr.date} ({ago(date.fromisoformat(lr.date), today)}), {where(a)}: " + \
        (", ".join(bits) + ": " if bits else "") + read + (" (Lugano 2014)" if lr.timepoint != "baseline" else "")
    if lr.ct_category and lr.category == "PET_POSITIVE_UNCLASSIFIED":
        line += f"; by CT measurements {L.CATEGORY[lr.ct_category]}"
    out = [sentence(line)]
    if a.pathway:
        b9 = any(r.rule == "B9" for r in a.recommendations)
        out.append(sentence("Pathway: " + L.PATHWAY[a.pathway] + (" (BSH PET-adapted approach not applicable)"
                                                                    if b9 else "")))
    if lr.meaning and lr.timepoint in ("interim", "end_of_treatment"):
        out.append(sentence("At this timepoint: " + lr.meaning))
    eot = a.labels.eot_response_1l
    if eot and lr.timepoint != "interim" and not a.labels.relapse_date:
        out.append(sentence("End-of-treatment response (first line): " + L.RESPONSE_1L[eot]))
    return out


def _cite(rec: Recommendation) -> str:
    src = rec.source.split(" (")[0] if rec.source else "source"
    return f"{src}, rule {rec.rule}; {L.strength(rec.rule)}"


def next_steps(a: Assessment, stale: bool) -> list[str]:
    out = []
    for r in a.current_recommendations():
        if r.rule == "B9":
            continue  # the pathway choice, shown under Now
        out.append(f"- **{L.ACTION.get(r.action, r.action)}.** {sentence(r.text)} _{_cite(r)}._")
    if a.labels.next_assessment:
        out.append(f"- **Next assessment:** {sentence(a.labels.next_assessment)}")
    return out


def cautions(a: Assessment, extra: list[str]) -> list[str]:
    out = [f"- {line}" for line in extra]
    out += [f"- {L.FLAG[f]}" for f in a.flags if L.FLAG.get(f)]
    return out


def course(a: Assessment) -> list[str]:
    dated: list[tuple[str, str]] = []
    for e in a.evidence:
        d = fields(e)
        if e.fact.startswith(("ipet", "eot_pet", "pre_radiotherapy", "post_salvage", "relapse_or_follow_up")) \
                and d.get("category"):
            label = {"eot_pet": "end of treatment"}.get(e.fact, L.TIMEPOINT.get(e.fact.rsplit("_", 1)[0], ""))
            if e.fact.startswith("ipet"):
                label = f"interim after cycle {e.fact[4:]}"
            dated.append((d.get("date", ""), f"scan ({label}): {L.CATEGORY.get(d['category'], d['category'])}"))
        elif e.fact == "biopsy":
            dated.append((d.get("date", ""), f"biopsy {L.BIOPSY_RESULT.get(d.get('result'), 'result pending')}"))
        elif e.fact.startswith("line_"):
            kind = L.LINE_KIND.get(d.get("kind"), "therapy")
            dated.append((d.get("start", ""), f"second-line {kind} ({', '.join(d.get('regimens', []))})"))
    lab = a.labels
    if lab.relapse_date:
        proven = "biopsy-proven" if lab.relapse_biopsy_proven else "imaging only, not biopsy-proven"
        dated.append((lab.relapse_date, f"relapse, {lab.time_to_relapse_days} days "
                                        f"({lab.time_to_relapse_months} months) after the end of first line ({proven})"))
    if lab.car_t_infusion_date:
        dated.append((lab.car_t_infusion_date, "CAR-T infusion"))
    out = []
    fl = first_line(a)
    if fl:
        out.append(f"- First line: {', '.join(fl.get('regimens', []))} x {fl.get('cycles')} cycles, "
                   f"{fl.get('start', '?')} to {fl.get('last_dose')}")
    out += [f"- {day}: {text}" for day, text in sorted(dated)]
    answered = [r for r in a.recommendations if not r.current and r.rule != "B9"]
    if answered:
        out.append("- Earlier advice, now answered or superseded: " + "; ".join(
            f"{L.ACTION.get(r.action, r.action)} (rule {r.rule})" for r in answered[:6]))
    return out


def prognosis(a: Assessment) -> list[str]:
    out = []
    lab = a.labels
    group, os2 = L.BOCK.get(lab.bock_group, (None, None))
    if lab.bock_group not in ("UNDETERMINED",) and group:
        out.append(f"- Bock 2024: {group}" + (f"; {os2}." if os2 else "."))
    if lab.nccn_refractory is True:
        out.append("- NCCN: refractory disease confirmed by biopsy.")
    if lab.early_treatment_failure is True:
        out.append("- Early treatment failure (refractory, or relapse within 12 months of the end of first line).")
    elif lab.early_treatment_failure is None and lab.relapse_date:
        out.append("- Early treatment failure: pending a biopsy of the relapse.")
    tc = lab.trial_classes
    if any(v not in ("not_applicable", "undetermined") for v in (tc.zuma7, tc.transform, tc.belinda)):
        out.append(f"- Second-line trial definitions: ZUMA-7 {L.TRIAL_CLASS[tc.zuma7]}; TRANSFORM "
                   f"{L.TRIAL_CLASS[tc.transform]}; BELINDA {L.TRIAL_CLASS[tc.belinda]}.")
    sc = a.scores
    parts = []
    for name in ("ipi", "aaipi", "nccn_ipi"):
        value, group_, span = getattr(sc, name), getattr(sc, f"{name}_group"), getattr(sc, f"{name}_range")
        if value is not None:
            parts.append(f"{L.SCORE_NAME[name]} {value}" + (f" ({group_})" if group_ else ""))
        elif span:
            parts.append(f"{L.SCORE_NAME[name]} {span[0]}-{span[1]}" + (f" ({group_})" if group_ else
                                                                          " (an input is unknown)"))
    if parts:
        out.append("- At diagnosis: " + "; ".join(parts) + ".")
    return out


def evidence_quotes(a: Assessment) -> list[str]:
    quotes: list[str] = []
    if a.latest_response and a.latest_response.quotes:
        quotes.append(a.latest_response.quotes[0])
    biopsies = [d for d in _evidence(a, "biopsy") if d.get("quotes")]
    if biopsies:
        quotes.append(biopsies[-1]["quotes"][0])
    return [f"> \"{q.strip()}\"" for q in list(dict.fromkeys(quotes))[:MAX_QUOTES]]


def source_keys(a: Assessment) -> list[str]:
    """The distinct sources behind what the card shows (latest response, current advice, prognosis)."""
    keys = []
    if a.latest_response:
        keys.append("LUGANO2014")
    keys += [_SOURCE_BY_LABEL[r.source] for r in a.current_recommendations() if r.source in _SOURCE_BY_LABEL]
    if a.labels.bock_group not in ("UNDETERMINED", "NOT_APPLICABLE"):
        keys.append("BOCK2024")
    if a.scores.ipi is not None or a.scores.ipi_range:
        keys.append("IPI")
    return list(dict.fromkeys(keys))
