"""`order-select` / `order-sign`: draft orders (context.draftOrders) checked against the Assessment.

Warns where the orders contradict the second-line rules (clinical-logic.md §5.2):
- another R-CHOP cycle in primary refractory disease or after early treatment failure (T1, T11), when the
  drafted drugs are R-CHOP's alone (cyclophosphamide with fludarabine is lymphodepletion, rituximab with
  bendamustine Pola-BR) and CAR-T is an option (T1 fired: it is withheld when CAR-T is coded not eligible);
- platinum/gemcitabine salvage, a chemotherapy-only route to ASCT, in primary refractory disease when
  CAR-T is an option (T11);
- tisagenlecleucel as second line (T2; BELINDA);
- ASCT after salvage with SD/PD (T4).
Silent when there is nothing to say. Drugs are identified with `fhir_mappings.therapy.agent_of`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from fhir_mappings import codes
from fhir_mappings.fhir_json import bundle_resources, cc_text, has_code
from fhir_mappings.shape import invalid_element
from fhir_mappings.therapy import agent_of

from cds_service.cards import labels
from cds_service.cards.render import OVERRIDE_SYSTEM
from cds_service.cards.words import fit
from cds_service.errors import InvalidRequest
from cds_service.guidelines.sources import SOURCES
from cds_service.protocol import (
    EXTENSION_KEY,
    RULES_EXTENSION,
    SUMMARY_MAX,
    Action,
    Card,
    Link,
    OverrideReason,
    Source,
    Suggestion,
)

log = logging.getLogger("lbcl_cds.orders")
ORDER_TYPES = ("MedicationRequest", "ServiceRequest", "Procedure")
INACTIVE = {"entered-in-error", "revoked", "cancelled", "not-done", "stopped"}
RCHOP_CORE = frozenset({"rituximab", "cyclophosphamide", "doxorubicin", "vincristine"})
STEROIDS = frozenset({"prednisone", "dexamethasone", "methylprednisolone"})  # R-CHOP's own, or premedication
PLATINUM_GEM = frozenset({"ifosfamide", "carboplatin", "cisplatin", "cytarabine", "gemcitabine", "oxaliplatin"})
_REGIMENS = [(re.compile(r"\b(?:[Pp]ola-?)?R-?CH(?:O)?P\b|\bCHOP\b"), "rchop"),  # regimen names as written
             (re.compile(r"\b(?:R-?)?(?:ICE|DHAP|DHAX|DHAOx|GDP|GemOx|GEMOX|ESHAP)\b"), "salvage"),
             (re.compile(r"\bBEAM\b"), "asct"),
             (re.compile(r"\bautologous\b.*\b(?:stem|transplant|hct|hsct)|\b(?:asct|auto-?hct)\b", re.I), "asct")]
ORDER_OVERRIDES = [("clinical-judgement", "Clinical judgement differs"),
                   ("cart-not-available", "CAR-T not available or declined"),
                   ("data-incorrect", "The data shown is incorrect or incomplete")]
KIND_WORDS = {"asct": "autologous stem cell transplant", "rchop": "R-CHOP", "salvage": "salvage chemotherapy",
              "car_t": "CAR-T cell therapy"}  # an order with no drug and no text is named by what it is
T2_TEXT = ("Tisagenlecleucel as second line: BELINDA did not improve EFS; not supported by second-line "
           "randomised evidence (axi-cel or liso-cel per ZUMA-7 / TRANSFORM).")


@dataclass(frozen=True)
class DraftOrder:
    ref: str
    kinds: frozenset[str]  # rchop | salvage | asct | car_t
    label: str  # the drug or procedure as named in the order (no patient data)
    agent: str | None = None


def check_context(context: dict, hook: str) -> None:
    drafts = context.get("draftOrders")
    if not isinstance(drafts, dict) or drafts.get("resourceType") != "Bundle":
        raise InvalidRequest("context.draftOrders must be a FHIR Bundle")
    if hook == "order-select":
        sel = context.get("selections")
        if not isinstance(sel, list) or not sel or not all(isinstance(s, str) and s for s in sel):
            raise InvalidRequest("context.selections must be a non-empty array of references")


def _medication_cc(res: dict, meds: dict[str, dict]) -> object:
    if "medicationCodeableConcept" in res:
        return res["medicationCodeableConcept"]
    reference = (res.get("medicationReference") or {}).get("reference", "")
    if reference.startswith("#"):
        return next((c.get("code") for c in res.get("contained") or []
                     if isinstance(c, dict) and c.get("id") == reference[1:]), None)
    return (meds.get(reference) or meds.get(reference.rsplit("/", 1)[-1]) or {}).get("code")


def _classify(res: dict, meds: dict[str, dict]) -> DraftOrder | None:
    rt = res.get("resourceType")
    cc = _medication_cc(res, meds) if rt == "MedicationRequest" else res.get("code")
    text = cc_text(cc)
    agent = agent_of(cc)
    kinds: set[str] = set()
    if agent in codes.CART_PRODUCTS:
        kinds.add("car_t")
    elif agent in PLATINUM_GEM:
        kinds.add("salvage")
    elif agent in RCHOP_CORE:
        kinds.add("rchop")
    elif agent in codes.CONDITIONING:
        kinds.add("asct")
    if rt in ("ServiceRequest", "Procedure") and has_code(cc, codes.ASCT_CODES):
        kinds.add("asct")
    if not kinds:
        kinds.update(kind for pattern, kind in _REGIMENS if pattern.search(text))
    if not kinds and agent is None:
        return None
    label = agent or (text[:80] if text else KIND_WORDS.get(next(iter(sorted(kinds)), ""), "an order"))
    return DraftOrder(ref=f"{rt}/{res.get('id')}" if res.get("id") else str(rt), kinds=frozenset(kinds),
                      label=label, agent=agent)


def readable_drafts(draft_orders: dict) -> list[dict]:
    """The orders and Medications of draftOrders whose elements the checks read are valid (read_schema,
    the same strict check as the patient's data); a broken one is left out and counted in the log."""
    resources = [r for r in bundle_resources(draft_orders) if r.get("resourceType") in (*ORDER_TYPES, "Medication")]
    readable = [r for r in resources if invalid_element(r) is None]
    if len(readable) < len(resources):
        log.warning("skipped invalid draft orders", extra={"count": len(resources) - len(readable)})
    return readable


def draft_orders(context: dict) -> tuple[list[DraftOrder], frozenset[str]]:
    """The relevant draft orders (for order-select only the selected ones), and every drug the active drafts
    name, selected or not: the regimen a drafted drug belongs to (in order-select the other drafts are its
    context)."""
    resources = readable_drafts(context["draftOrders"])
    meds = {}
    for r in resources:
        if r.get("resourceType") == "Medication" and r.get("id"):
            meds[f"Medication/{r['id']}"] = meds[r["id"]] = r
    chosen = context.get("selections")
    selections = {s for s in chosen if isinstance(s, str)} if isinstance(chosen, list) else set()
    out, agents = [], set()
    for r in resources:
        if r.get("resourceType") not in ORDER_TYPES or r.get("status") in INACTIVE:
            continue
        order = _classify(r, meds)
        if order is None:
            continue
        agents.add(order.agent)
        if order.kinds and (not selections or f"{r.get('resourceType')}/{r.get('id')}" in selections):
            out.append(order)
    return out, frozenset(agents - {None})


@dataclass
class Finding:
    rules: list[str]
    summary: str
    orders: list[DraftOrder]


def findings(orders: list[DraftOrder], a: dict, agents: frozenset[str]) -> list[Finding]:
    labels = a.get("labels") or {}
    fired = {r["rule"] for r in a.get("recommendations") or []}
    ppd = labels.get("bock_group") == "PPD"
    prior_2l = any(str(e.get("fact", "")).startswith("line_") for e in a.get("evidence") or [])
    by_kind = {k: [o for o in orders if k in o.kinds] for k in ("rchop", "salvage", "car_t", "asct")}
    out: list[Finding] = []
    salvage = by_kind["salvage"]
    # more R-CHOP only when every drafted anticancer drug is an R-CHOP drug: cyclophosphamide beside
    # fludarabine is lymphodepletion for CAR-T, rituximab beside bendamustine is Pola-BR (blind order round)
    other = agents - RCHOP_CORE - STEROIDS
    rchop = [o for o in by_kind["rchop"] if not salvage and not other]
    car_t_option = "T1" in fired  # T1 is withheld when CAR-T is coded not eligible ("when CAR-T is an option")
    if rchop and car_t_option:
        rules = [r for r in ("T1", "T11") if r in fired] or ["T11"]
        where = "primary refractory LBCL" if ppd else "early treatment failure"
        out.append(Finding(rules, f"Drafted {_names(rchop)} (R-CHOP) in {where}: refer for CAR-T instead of more "
                                  "R-CHOP", rchop))
    if salvage and ppd and car_t_option:
        rules = ["T11"] + (["T1"] if "T1" in fired else [])
        out.append(Finding(rules, f"Drafted {_names(salvage)} (salvage chemotherapy) in primary refractory LBCL: "
                                  "avoid a chemotherapy-only route to ASCT", salvage))
    tisa = [o for o in by_kind["car_t"] if o.agent == "tisagenlecleucel"]
    if tisa and "T1" in fired and not prior_2l:
        out.append(Finding(["T2", "T1"], "Drafted tisagenlecleucel as second line: not supported by BELINDA; "
                                         "axi-cel or liso-cel", tisa))
    if by_kind["asct"] and labels.get("salvage_response") in ("SD", "PD"):
        words = {"SD": "stable disease", "PD": "progressive disease"}[labels["salvage_response"]]
        out.append(Finding(["T4"], f"Drafted {_names(by_kind['asct'])} after salvage with {words}: ASCT largely "
                                   "futile; CAR-T if eligible", by_kind["asct"]))
    return out


def _names(orders: list[DraftOrder]) -> str:
    """The drafted drugs or procedures as the order names them (never a resource id)."""
    names = list(dict.fromkeys(o.label.strip() or "an order" for o in orders))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _rule_lines(rules: list[str], a: dict) -> tuple[list[str], dict | None]:
    recs = {r["rule"]: r for r in a.get("recommendations") or []}
    lines, first = [], None
    for rule in rules:
        rec = recs.get(rule)
        if rec is None and rule == "T2":
            rec = {"rule": "T2", "text": T2_TEXT, "source": SOURCES["TRIALS"]["label"],
                   "source_url": SOURCES["TRIALS"]["url"]}
        if rec is None:
            continue
        first = first or rec
        lines.append(f"- {rec['text']} _{rec['source'].split(' (')[0]}, rule {rule}; {labels.strength(rule)}._")
    return lines, first


def _card(f: Finding, a: dict) -> Card:
    lab = a.get("labels") or {}
    orders = "\n".join(f"- {o.label}" for o in f.orders)
    group = labels.BOCK.get(lab.get("bock_group"), ("not yet determined", None))[0]
    facts = [f"Bock 2024: {group}."]
    if lab.get("early_treatment_failure") is True:
        facts.append("Early treatment failure (refractory, or relapse within 12 months).")
    if lab.get("salvage_response"):
        facts.append(f"Response to salvage: {labels.CATEGORY[lab['salvage_response']]}.")
    lines, rec = _rule_lines(f.rules, a)
    detail = (f"**Drafted**\n\n{orders}\n\n**Why it conflicts**\n\n" + "\n".join(lines) + "\n\n**Assessment**\n\n"
              + " ".join(facts) + "\n\nThe order is not changed by this service; review before signing.")
    deletable = [o for o in f.orders if "/" in o.ref]
    suggestions = [Suggestion(label="Remove the draft order" + ("s" if len(deletable) > 1 else ""), isRecommended=False,
                              actions=[Action(type="delete", description=f"Remove the draft: {o.label}",
                                              resourceId=o.ref) for o in deletable])] if deletable else None
    url = (rec or {}).get("source_url") or None
    return Card(summary=fit(f.summary), detail=detail, indicator="warning",
                source=Source(label=fit((rec or {}).get("source", "lbcl-cds"), 200), url=url),
                suggestions=suggestions, selectionBehavior="at-most-one" if suggestions else None,
                overrideReasons=[OverrideReason(code=c, system=OVERRIDE_SYSTEM, display=d) for c, d in ORDER_OVERRIDES],
                links=[Link(label=fit((rec or {}).get("source", "Source"), 120), url=url)] if url else None,
                extension={EXTENSION_KEY: a, RULES_EXTENSION: f.rules})


def _unavailable_card(orders: list[DraftOrder], unavailable: dict[str, str], a: dict) -> Card:
    lines = "\n".join(f"- {labels.PREFETCH_KEY.get(k, 'some records')} could not be fetched: {why}"
                      for k, why in unavailable.items())
    names = _names(orders)
    missing = ", ".join(labels.PREFETCH_KEY.get(k, "some records") for k in unavailable)
    return Card(summary=fit(f"LBCL order check incomplete: {missing} could not be fetched"),
                detail=f"Draft orders checked: {names}.\n\nThe check used incomplete data:\n{lines}",
                indicator="info", source=Source(label="lbcl-cds"), extension={EXTENSION_KEY: a, RULES_EXTENSION: []})


def order_cards(ctx) -> list[Card]:
    """Handler for the order hooks (ctx: hooks.call.HookCall)."""
    context = ctx.request.context
    check_context(context, ctx.request.hook)
    orders, agents = draft_orders(context)
    if not orders:
        return []  # nothing lymphoma-related drafted: no FHIR fetch, no card
    a = ctx.assessment().to_json()
    cards = [_card(f, a) for f in findings(orders, a, agents)]
    unavailable = a.get("unavailable_data") or {}
    if unavailable:
        cards.append(_unavailable_card(orders, unavailable, a))
    return cards
