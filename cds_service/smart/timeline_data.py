"""CaseFacts + Assessment -> the timeline of one patient's course, as plain JSON (no Flask, no IO).

One event per thing that happened, each in a lane, with its date (or start and end), a short label, a
status that decides its colour (response category, biopsy result), and a tooltip: the date, the values
and the report sentence it came from. The relapse windows after the end of first line (3, 6 and 12
months, calendar months as the Bock rules count them) and the relapse itself are separate keys. The
per-scan response category is the Assessment's own (its `evidence` entries), never recomputed here.
"""

from __future__ import annotations

from datetime import date, timedelta

from .engine import CaseFacts, add_months, meaning
from .words import TIMEPOINT_SHORT, TIMEPOINT_WORDS, biopsy_words, category_words, relapse_words

SCHEMA = "lbcl-cds.timeline/1"
LANES = ("1st line", "Radiotherapy", "PET-CT", "CT", "Biopsy", "2nd line", "CAR-T / ASCT")
CYCLE_DAYS = 21  # a cycle is drawn as its 21-day period (or up to the next cycle), from its first dose
LYMPHODEPLETION_AGENTS = frozenset({"fludarabine", "bendamustine", "cyclophosphamide"})
LYMPHODEPLETION_DAYS = 14  # clinical-logic §6: within 14 days before the CAR-T infusion
WINDOW_MONTHS = ((0, 3, "< 3 months"), (3, 6, "3-6 months"), (6, 12, "6-12 months"))
MARGIN_DAYS = 14


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _event(lane: str, kind: str, start: date, label: str, status: str, tooltip: dict, end: date | None = None,
           **extra: object) -> dict:
    ev = {"lane": lane, "kind": kind, "start": start.isoformat(), "end": _iso(end), "label": label,
          "status": status, "tooltip": {k: v for k, v in tooltip.items() if v not in (None, "")}}
    ev.update({k: v for k, v in extra.items() if v is not None})
    return ev


def _span(start: date, end: date | None) -> str:
    return start.isoformat() if not end or end == start else f"{start.isoformat()} to {end.isoformat()}"


def _cycle_events(cycles, lane: str, kind: str, prefix: str) -> list[dict]:
    out = []
    for i, c in enumerate(cycles):
        limit = c.start + timedelta(days=CYCLE_DAYS)
        if i + 1 < len(cycles):
            limit = min(limit, cycles[i + 1].start)
        end = max(limit - timedelta(days=1), c.last_dose)
        what = f"{prefix}cycle {c.number} of {c.regimen}"
        run_start = i == 0 or cycles[i - 1].regimen != c.regimen
        run = 1
        while i + run < len(cycles) and cycles[i + run].regimen == c.regimen:
            run += 1
        # 1st line: C1, C2 ...; later lines: the regimen once per run ("R-ICE x2"), the cycles unlabelled
        short = f"C{c.number}" if not prefix else (f"{c.regimen} \u00d7{run}" if run_start and run > 1 else
                                                   c.regimen if run_start else "")
        out.append(_event(lane, kind, c.start, short,
                          kind, {"date": _span(c.start, c.last_dose), "event": what[0].upper() + what[1:],
                                 "values": ", ".join(sorted(c.agents))}, end=end, regimen=c.regimen))
    return out


def _scan_index(assessment: dict) -> dict[tuple[str, tuple[str, ...]], dict]:
    return {(e.get("date"), tuple(e.get("resources", ()))): e for e in assessment.get("evidence", [])
            if e.get("category") is not None and e.get("date")}


def _scan_events(facts: CaseFacts, assessment: dict) -> list[dict]:
    index = _scan_index(assessment)
    out = []
    for s in facts.imaging:
        ev = index.get((s.date.isoformat(), tuple(s.evidence.resources)), {})
        tp = s.timepoint
        category = None if tp == "baseline" else ev.get("category") or ("INDETERMINATE" if s.modality == "CT" else None)
        short = TIMEPOINT_SHORT.get(tp, "")
        if tp == "interim" and s.cycles_before:
            short = f"iPET{s.cycles_before}" if s.modality == "PET" else f"iCT{s.cycles_before}"
        ds = s.max_ds
        label = " ".join(x for x in (f"DS{ds}" if ds else "", category_words(category, short=True)) if x)
        if tp == "baseline":
            label = "Staging"
        values = []
        if ds:
            values.append(f"Deauville {ds}")
        if s.suv_max is not None:
            values.append(f"SUVmax {s.suv_max:g}")
        if s.tmtv_ml is not None:
            values.append(f"TMTV {s.tmtv_ml:g} mL")
        if category:
            values.append(f"{category_words(category)}: {meaning(category, tp)}")
        where = TIMEPOINT_WORDS.get(tp, tp)
        if tp in ("interim", "end_of_treatment") and s.cycles_before:
            where += f", after cycle {s.cycles_before}"
        quotes = list(ev.get("quotes") or s.evidence.quotes)
        status = "baseline" if tp == "baseline" else category or "UNKNOWN"
        out.append(_event("PET-CT" if s.modality == "PET" else "CT", "scan", s.date, label, status,
                          {"date": s.date.isoformat(), "event": f"{'PET-CT' if s.modality == 'PET' else 'CT'}: {where}",
                           "values": "; ".join(values), "report": " ".join(f"\u201c{q}\u201d" for q in quotes[:2])},
                          timepoint=tp, timepoint_label=short, deauville=ds, category=category))
    return out


def _biopsy_status(result: str | None, has_report: bool) -> str:
    if result in ("positive", "negative"):
        return result
    return "unclear" if result == "unknown" or has_report else "pending"


def _biopsy_events(facts: CaseFacts) -> list[dict]:
    out = []
    for b in facts.biopsies:
        has_report = any(r.startswith("DiagnosticReport/") for r in b.evidence.resources) or bool(b.evidence.quotes)
        status = _biopsy_status(b.result, has_report)
        out.append(_event("Biopsy", "biopsy", b.date, biopsy_words(status, short=True), status,
                          {"date": b.date.isoformat(), "event": "Biopsy", "values": biopsy_words(status),
                           "report": " ".join(f"\u201c{q}\u201d" for q in b.evidence.quotes[:2])}))
    return out


def _lymphodepletion(facts: CaseFacts) -> tuple[list[dict], set[date]]:
    infusion = facts.car_t.infusion_date
    if not infusion:
        return [], set()
    days = sorted({a.date for a in facts.administrations if a.agent in LYMPHODEPLETION_AGENTS - {"cyclophosphamide"}
                   and 0 < (infusion - a.date).days <= LYMPHODEPLETION_DAYS})
    if not days:
        return [], set()
    agents = sorted({a.agent for a in facts.administrations if a.agent in LYMPHODEPLETION_AGENTS
                     and days[0] <= a.date <= days[-1]})
    return [_event("2nd line", "lymphodepletion", days[0], "Lymphodepletion", "lymphodepletion",
                   {"date": _span(days[0], days[-1]), "event": "Lymphodepletion before CAR-T",
                    "values": ", ".join(agents)}, end=days[-1])], set(days)


def _second_line_events(facts: CaseFacts) -> list[dict]:
    ld_events, ld_days = _lymphodepletion(facts)
    out = list(ld_events)
    for ln in facts.lines[1:]:
        cycles = [c for c in ln.cycles if not (c.agents <= LYMPHODEPLETION_AGENTS and c.start in ld_days)]
        prefix = "salvage " if ln.kind == "salvage" else f"line {ln.number}: "
        out += _cycle_events(cycles, "2nd line", "salvage" if ln.kind == "salvage" else "later_line", prefix)
        for e in _cycle_events(ln.bridging, "2nd line", "bridging", "bridging "):
            if e["label"]:
                e["label"] = f"Bridging {e['label']}"
            e["tooltip"]["event"] = f"Bridging before CAR-T: {e['regimen']}"
            out.append(e)
    ct = facts.car_t
    if ct.apheresis_date:
        out.append(_event("CAR-T / ASCT", "apheresis", ct.apheresis_date, "Apheresis", "apheresis",
                          {"date": ct.apheresis_date.isoformat(), "event": "Leukapheresis for CAR-T",
                           "values": ct.product}))
    if ct.infusion_date:
        out.append(_event("CAR-T / ASCT", "car_t_infusion", ct.infusion_date, "CAR-T infusion", "car_t",
                          {"date": ct.infusion_date.isoformat(), "event": "CAR-T infusion", "values": ct.product}))
    for d in facts.asct_dates:
        out.append(_event("CAR-T / ASCT", "asct", d, "ASCT", "asct",
                          {"date": d.isoformat(), "event": "Autologous stem cell transplant (ASCT)"}))
    return out


def _windows(assessment: dict) -> list[dict]:
    labels = assessment.get("labels") or {}
    eot = labels.get("eot_date")
    if not eot or labels.get("bock_group") in ("PPD", "EOT_PR"):
        return []  # relapse windows follow a response at the end of first line, not refractory disease
    start = date.fromisoformat(eot)
    return [{"label": text, "start": add_months(start, a).isoformat(), "end": add_months(start, b).isoformat(),
             "months": b} for a, b, text in WINDOW_MONTHS]


def _relapse(assessment: dict) -> dict | None:
    labels = assessment.get("labels") or {}
    if not labels.get("relapse_date"):
        return None
    return {"date": labels["relapse_date"], "days": labels.get("time_to_relapse_days"),
            "months": labels.get("time_to_relapse_months"), "biopsy_proven": labels.get("relapse_biopsy_proven"),
            "label": relapse_words(labels)}


def build_timeline(facts: CaseFacts, assessment: dict) -> dict:
    """The timeline JSON (schema lbcl-cds.timeline/1) of one patient."""
    events: list[dict] = []
    if facts.first_line:
        events += _cycle_events(facts.first_line.cycles, "1st line", "first_line", "")
    for rt in facts.radiotherapy:
        dose = f"{rt.dose_gy:g} Gy" if rt.dose_gy is not None else ""
        dose += f" in {rt.fractions} fractions" if rt.fractions else ""
        events.append(_event("Radiotherapy", "radiotherapy", rt.start, f"RT {dose}".strip(), "radiotherapy",
                             {"date": _span(rt.start, rt.end), "event": "Radiotherapy (ISRT)", "values": dose},
                             end=rt.end))
    events += _scan_events(facts, assessment) + _biopsy_events(facts) + _second_line_events(facts)
    events.sort(key=lambda e: (LANES.index(e["lane"]), e["start"]))
    windows, relapse = _windows(assessment), _relapse(assessment)
    as_of = assessment.get("as_of")
    days = [e["start"] for e in events] + [e["end"] for e in events if e["end"]]
    days += [w["end"] for w in windows] + ([relapse["date"]] if relapse else [])
    domain = None
    if days:
        lo, hi = date.fromisoformat(min(days)), date.fromisoformat(max(days))
        if as_of and date.fromisoformat(as_of) > hi and (date.fromisoformat(as_of) - hi).days <= 120:
            hi = date.fromisoformat(as_of)  # show "today" when it is near the last event
        domain = [(lo - timedelta(days=MARGIN_DAYS)).isoformat(), (hi + timedelta(days=MARGIN_DAYS)).isoformat()]
    return {"schema": SCHEMA, "patient_id": assessment.get("patient_id"), "as_of": as_of,
            "lanes": [lane for lane in LANES if any(e["lane"] == lane for e in events)],
            "events": events, "eot_date": (assessment.get("labels") or {}).get("eot_date"),
            "windows": windows, "relapse": relapse, "domain": domain,
            "applicable": bool(assessment.get("applicable", True))}
