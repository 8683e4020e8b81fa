"""MedicationAdministrations -> dated cycles -> regimens -> lines of therapy (clinical-logic.md §6).

Rules here are design decisions [I] of clinical-logic.md §6 (`cycle`, `n_rchop_cycles`,
`line_of_therapy`, `last_1L_dose_date`); the thresholds are named constants.
"""

from __future__ import annotations

import re
from datetime import date

from . import codes
from .case_facts import Cycle, DrugAdministration, TherapyLine
from .fhir_json import cc_text, effective_date, ref

CYCLE_WINDOW_DAYS = 7  # administrations within 7 days of the cycle's first dose [I] §6 `cycle`
LYMPHODEPLETION_DAYS = 14  # lymphodepletion within 14 days before the CAR-T infusion (clarifications) [I]
LYMPHODEPLETING = frozenset({"fludarabine", "bendamustine"})  # with or without cyclophosphamide
RETREATMENT_GAP_DAYS = 90  # a first-line-like cycle after this gap starts a new line [I]
ADMIN_OK_STATUS = {"completed", "in-progress"}  # fhir-input.md status rules
FIRST_LINE_REGIMENS = {"R-CHOP", "CHOP", "R-CEOP", "Pola-R-CHP", "R-CHOP-like", "rituximab"}
_SUFFIX = re.compile(r"-[a-z]{4}\b")  # FDA biologic suffix (rituximab-abbs) [terminology.md §2.6]
_WORD = re.compile(r"[a-z][a-z\-]+")


def agent_of(medication_cc: object) -> str | None:
    """The agent a medication CodeableConcept names: an RxNorm code of codes.RXNORM_AGENTS, else a drug name
    in its text. Hot (every administration, twice): the codings are walked, not listed."""
    coding = medication_cc.get("coding") if isinstance(medication_cc, dict) else None
    for c in coding if isinstance(coding, list) else ():
        if isinstance(c, dict) and c.get("system") == codes.RXNORM:
            code = c.get("code")
            if isinstance(code, str) and code in codes.RXNORM_AGENTS:
                return codes.RXNORM_AGENTS[code]
    text = _SUFFIX.sub("", cc_text(medication_cc).lower())
    for word in _WORD.findall(text):
        if word in codes.AGENT_NAMES:
            return codes.AGENT_NAMES[word]
    return None


def _medication_cc(res: dict, medications: dict[str, dict]) -> object:
    if "medicationCodeableConcept" in res:
        return res["medicationCodeableConcept"]
    reference = (res.get("medicationReference") or {}).get("reference", "")
    if reference.startswith("#"):
        for contained in res.get("contained") or []:
            if isinstance(contained, dict) and contained.get("id") == reference[1:]:
                return contained.get("code")
    med = medications.get(reference) or medications.get(reference.rsplit("/", 1)[-1])
    return (med or {}).get("code")


def administrations(resources: list[dict]) -> tuple[DrugAdministration, ...]:
    medications = {}
    for r in resources:
        if r.get("resourceType") == "Medication" and r.get("id"):
            medications[f"Medication/{r['id']}"] = r
            medications[r["id"]] = r
    out = []
    for r in resources:
        if r.get("resourceType") != "MedicationAdministration" or r.get("status") not in ADMIN_OK_STATUS:
            continue
        day = effective_date(r)
        agent = agent_of(_medication_cc(r, medications))
        if day and agent:
            out.append(DrugAdministration(date=day, agent=agent, resource=ref(r)))
    return tuple(sorted(out, key=lambda a: (a.date, a.agent)))


def regimen_name(agents: frozenset[str]) -> str:
    """Name a cycle's regimen from its agents (seed / NCCN regimen names) [I]."""
    a = agents
    if a & codes.CONDITIONING:
        return "conditioning"
    if a & codes.BISPECIFICS:
        return "bispecific"
    if {"ifosfamide", "carboplatin"} <= a:
        return "R-ICE"
    if "cytarabine" in a and a & {"cisplatin", "oxaliplatin", "carboplatin"}:
        return "R-DHAP"
    if "gemcitabine" in a and "oxaliplatin" in a:
        return "R-GemOx"
    if "gemcitabine" in a:
        return "R-GDP"
    if "bendamustine" in a:
        return "Pola-BR" if "polatuzumab" in a else "BR"
    if "tafasitamab" in a or "loncastuximab" in a:
        return "other"
    if a & codes.SALVAGE_MARKERS:
        return "salvage-other"
    if codes.CHOP_CORE <= a:
        return "R-CHOP" if "rituximab" in a else "CHOP"
    if "polatuzumab" in a and {"cyclophosphamide", "doxorubicin"} <= a:
        return "Pola-R-CHP"
    if {"cyclophosphamide", "etoposide", "vincristine"} <= a:
        return "R-CEOP"  # R-CHOP-like substitution for cardiotoxicity [S]
    if a & {"cyclophosphamide", "doxorubicin", "vincristine"}:
        return "R-CHOP-like"
    if a == {"rituximab"}:
        return "rituximab"
    return "other"


def _cycles(admins: tuple[DrugAdministration, ...]) -> list[Cycle]:
    """§6 `cycle` with the second clarification set: a cycle is anchored on its first IV anti-CD20 or
    chemotherapy dose (never an oral steroid) and takes every dose up to and including day 7 after that
    anchor; a steroid dose belongs to the cycle whose anchor is within 7 days of it (prednisone started a
    day or two before the infusion); steroids with no cycle near them (prephase before cycle 1, steroid
    bridging) are not a cycle [I]."""
    drugs = [a for a in admins if a.agent not in codes.CART_PRODUCTS]  # CAR-T infusion is its own event
    groups: list[list[DrugAdministration]] = []
    for adm in drugs:
        if adm.agent in codes.STEROIDS_ONLY:
            continue
        if groups and (adm.date - groups[-1][0].date).days <= CYCLE_WINDOW_DAYS:
            groups[-1].append(adm)
        else:
            groups.append([adm])
    for adm in drugs:
        if adm.agent not in codes.STEROIDS_ONLY:
            continue
        near = [g for g in groups if abs((adm.date - g[0].date).days) <= CYCLE_WINDOW_DAYS]
        if near:  # the nearest anchor; on a tie the cycle the steroid precedes (prednisone day -1)
            min(near, key=lambda g: (abs((adm.date - g[0].date).days), g[0].date < adm.date)).append(adm)
    cycles = []
    for g in groups:
        agents = frozenset(a.agent for a in g)
        iv = [a.date for a in g if a.agent not in codes.STEROIDS_ONLY]
        cycles.append(Cycle(number=0, start=g[0].date, last_dose=max(iv), agents=agents,
                            regimen=regimen_name(agents), resources=tuple(a.resource for a in
                                                                          sorted(g, key=lambda a: (a.date, a.agent)))))
    return cycles


def is_lymphodepletion(cycle: Cycle, cart_infusion: date | None) -> bool:
    """Fludarabine or bendamustine, with or without cyclophosphamide, within 14 days before a CAR-T
    infusion: lymphodepletion, part of the CAR-T line even with no apheresis coded (clarifications,
    second set) [I]."""
    if cart_infusion is None or not 0 <= (cart_infusion - cycle.start).days <= LYMPHODEPLETION_DAYS:
        return False
    core = cycle.agents - codes.STEROIDS_ONLY
    return bool(core & LYMPHODEPLETING) and core <= LYMPHODEPLETING | {"cyclophosphamide"}


def _kind(regimen: str) -> str:
    if regimen in FIRST_LINE_REGIMENS:
        return "first_line"
    if regimen == "bispecific":
        return "bispecific"
    return "salvage"


def _renumber(cycles: list[Cycle]) -> tuple[Cycle, ...]:
    return tuple(Cycle(number=i, start=c.start, last_dose=c.last_dose, agents=c.agents, regimen=c.regimen,
                       resources=c.resources) for i, c in enumerate(cycles, 1))


def build_lines(admins: tuple[DrugAdministration, ...], cart_infusion: date | None,
                apheresis: date | None, cart_decision: date | None = None) -> tuple[TherapyLine, ...]:
    """Group cycles into lines (§6 `line_of_therapy`): 1L = first systemic regimen plus R-CHOP-like
    swaps; a new line starts when the regimen class changes or after a long gap; lymphodepletion and the
    bridging between apheresis (or the CAR-T decision) and the infusion belong to the CAR-T line;
    conditioning belongs to its salvage line."""
    cycles = _cycles(admins)
    bridge_from = apheresis or cart_decision
    raw: list[tuple[str, list[Cycle]]] = []
    for c in cycles:
        kind = _kind(c.regimen)
        if c.regimen == "conditioning" and raw:
            raw[-1][1].append(c)
            continue
        if is_lymphodepletion(c, cart_infusion):
            kind = "lymphodepletion"
        elif cart_infusion and bridge_from and bridge_from <= c.start < cart_infusion and raw:
            kind = "bridging"
        if raw and kind not in ("lymphodepletion", "bridging"):
            prev_kind, prev = raw[-1]
            gap = (c.start - prev[-1].start).days
            same = kind == prev_kind and gap <= RETREATMENT_GAP_DAYS
            if same or (prev_kind == "salvage" and kind == "salvage" and gap <= RETREATMENT_GAP_DAYS):
                prev.append(c)
                continue
        raw.append((kind, [c]))
    lines: list[TherapyLine] = []
    for kind, cs in raw:
        if kind in ("bridging", "lymphodepletion"):
            continue
        lines.append(TherapyLine(number=0, kind=kind, cycles=_renumber(cs), start=cs[0].start,
                                 last_dose=max(c.last_dose for c in cs),
                                 regimens=tuple(dict.fromkeys(c.regimen for c in cs))))
    if cart_infusion:
        bridge = _renumber([c for k, cs in raw if k == "bridging" for c in cs])
        depletion = _renumber([c for k, cs in raw if k == "lymphodepletion" for c in cs])
        starts = ([apheresis] if apheresis else []) + [c.start for c in bridge + depletion]
        start = min(starts) if starts else cart_infusion
        lines.append(TherapyLine(number=0, kind="car_t", cycles=(), start=start, last_dose=cart_infusion,
                                 regimens=("CAR-T",), bridging=bridge, lymphodepletion=depletion))
    lines.sort(key=lambda ln: ln.start)
    # The first systemic regimen after diagnosis is 1L whatever it is (§6).
    return tuple(TherapyLine(number=i, kind=("first_line" if i == 1 else ln.kind), cycles=ln.cycles,
                             start=ln.start, last_dose=ln.last_dose, regimens=ln.regimens,
                             bridging=ln.bridging, lymphodepletion=ln.lymphodepletion)
                 for i, ln in enumerate(lines, 1))
