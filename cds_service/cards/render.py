"""Assessment -> CDS Hooks cards (architecture.md "Cards"; cards.md). Rendered from the Assessment alone.

One status card per patient-view whose summary is the decision, indicator by action, detail in the
order Now / Next / Cautions / Course / Prognosis / Evidence; plus, only when an input would change what
is shown, one data-needed card. Drafts (ServiceRequest proposals) only for current, time-bound advice on
fresh data; advice on stale imaging is marked as such, `info`, with no drafts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from cds_service.cards import labels as L
from cds_service.cards import sections as S
from cds_service.cards.drafts import suggestion
from cds_service.cards.summary import headline, no_second_line_rule
from cds_service.cards.words import fit
from cds_service.guidelines.assessment_model import Assessment
from cds_service.guidelines.sources import REVIEW_URL, SOURCES
from cds_service.protocol import EXTENSION_KEY, Card, Coding, Link, OverrideReason, Source

OVERRIDE_SYSTEM = "http://lbcl-cds.org/fhir/CodeSystem/override-reason"
OVERRIDES = [("already-done", "Already ordered or done"), ("not-feasible", "Not feasible for this patient"),
             ("clinical-judgement", "Clinical judgement differs"), ("patient-declined", "Patient declined"),
             ("data-incorrect", "The data shown is incorrect or incomplete")]
# Made once: the same reasons on every card (cards are dumped, never changed, so they can share them).
_OVERRIDE_REASONS = tuple(OverrideReason(code=c, system=OVERRIDE_SYSTEM, display=d) for c, d in OVERRIDES)
_RANK = {"info": 0, "warning": 1, "critical": 2}
TIME_BOUND = {"continue_rchop", "continue_rchop_isrt", "repeat_biopsy", "biopsy_residual", "interval_restaging",
              "biopsy_or_interval_pet", "eot_pet", "eot_ct", "eot_pet_timing", "biopsy", "change_treatment",
              "repeat_pet_8_12w", "second_line", "car_t_referral"}
WARN_FLAGS = {"BOUNDARY_12M", "RELAPSE_NOT_BIOPSY_PROVEN"}  # a decision at a boundary, or a proof, is due
SCORE_INPUTS = {"ldh", "ecog", "extranodal_sites", "extranodal_organs", "birth_date"}


@dataclass(frozen=True)
class CardSettings:
    """How old imaging may be before time-bound advice on it is called stale [I] (cards.md "Stale data")."""

    stale_interim_days: int = 90  # an interim scan's advice (next cycles, EOT PET) is due within ~3 months
    stale_days: int = 120  # end-of-treatment and later scans

    @classmethod
    def from_env(cls) -> CardSettings:
        def num(name: str, default: int) -> int:
            raw = os.environ.get(name, "")
            return int(raw) if raw.strip().isdigit() else default
        return cls(num("LBCL_CDS_STALE_INTERIM_DAYS", 90), num("LBCL_CDS_STALE_DAYS", 120))


CARD_SETTINGS = CardSettings.from_env()


def stale_note(a: Assessment, cfg: CardSettings = CARD_SETTINGS) -> str | None:
    """'This PET is 21 months old; no later imaging is recorded.' when time-bound advice rests on old data."""
    lr = a.latest_response
    if lr is None or not any(r.action in TIME_BOUND for r in a.current_recommendations()):
        return None
    age = (date.fromisoformat(a.as_of) - date.fromisoformat(lr.date)).days
    horizon = cfg.stale_interim_days if lr.timepoint == "interim" else cfg.stale_days
    if age <= horizon:
        return None
    months = round(age / 30.44)
    what = "PET" if lr.modality == "PET" else "CT"
    return (f"This {what} is {months} months old and no later imaging is recorded: the advice was due then; "
            "check the current status before acting (no order drafts on old data).")


def indicator(a: Assessment, stale: bool) -> str:
    if stale:
        return "info"
    level = max([r.urgency for r in a.current_recommendations()] + ["info"], key=_RANK.get)
    if level == "info" and (WARN_FLAGS & set(a.flags) or no_second_line_rule(a)):
        level = "warning"
    return level


def _links(keys: list[str]) -> list[Link] | None:
    return list(found) if (found := _source_links(tuple(keys))) else None


@lru_cache(maxsize=128)  # a few dozen combinations of sources; the Links are never changed once made
def _source_links(keys: tuple[str, ...]) -> tuple[Link, ...]:
    seen: set[str] = set()
    out = []
    for k in keys:
        url = SOURCES[k]["url"]
        if url and url not in seen:
            seen.add(url)
            label = SOURCES["SEED"]["label"] if url == REVIEW_URL else SOURCES[k]["label"]  # the review itself
            out.append(Link(label=fit(label, 120), url=url, type="absolute"))
    return tuple(out)


def _status_card(a: Assessment, payload: dict) -> Card:
    today = date.fromisoformat(a.as_of)
    note = stale_note(a)
    parts = [("Now", S.now(a, today)), ("Next", S.next_steps(a, bool(note))),
             ("Cautions", S.cautions(a, [note] if note else [])), ("Course", S.course(a)),
             ("Prognosis", S.prognosis(a)), ("Evidence", S.evidence_quotes(a))]
    detail = "\n\n".join(f"**{title}**\n\n" + ("\n\n" if title in ("Now", "Evidence") else "\n").join(lines)
                         for title, lines in parts if lines)
    lead = next(iter(sorted(a.current_recommendations(), key=lambda r: -_RANK[r.urgency])), None)
    src = next((k for k, v in SOURCES.items() if lead and v["label"] == lead.source), "LUGANO2014")
    drafts = [] if note else list(dict.fromkeys((r.order, r.rule) for r in a.current_recommendations() if r.order))
    seen: set[str] = set()
    suggestions = []
    for order, rule in drafts:
        if order not in seen:
            seen.add(order)
            suggestions.append(suggestion(order, rule, a.patient_id, today))
    return Card(summary=fit(headline(a, bool(note))), detail=detail, indicator=indicator(a, bool(note)),
                source=Source(label=fit(SOURCES[src]["label"], 200), url=SOURCES[src]["url"] or None),
                suggestions=suggestions or None, selectionBehavior="any" if suggestions else None,
                overrideReasons=list(_OVERRIDE_REASONS),
                links=_links(S.source_keys(a)), extension={EXTENSION_KEY: payload})


def needed(a: Assessment, unavailable: dict[str, str]) -> list[str]:
    """Missing inputs that would change what the cards say (score inputs only while a score's risk group
    is undetermined), in words, each with why and who can provide it."""
    sc = a.scores
    open_score = any(getattr(sc, n) is None and getattr(sc, f"{n}_group") is None and getattr(sc, f"{n}_range")
                     for n in ("ipi", "aaipi", "nccn_ipi"))
    lines = []
    for m in a.missing:
        if m in SCORE_INPUTS and not open_score:
            continue
        label, why, who = L.MISSING.get(m, (m.replace("_", " ").capitalize(), "needed by the guidance", "clinician"))
        lines.append((label, f"- **{label}** ({who}): {why}."))
    lines += [(k, f"- **{L.PREFETCH_KEY.get(k, 'some records')} (not fetched)** (record system): {why}; the "
                  "advice may change once they can be read.") for k, why in unavailable.items()]
    return [line for _, line in lines]


def _needed_card(a: Assessment, unavailable: dict[str, str], payload: dict) -> Card | None:
    lines = needed(a, unavailable)
    if not lines:
        return None
    names = [line.split("**")[1] for line in lines]
    return Card(summary=fit("Data needed: " + ", ".join(names)), indicator="info",
                detail="The service does not guess missing inputs. Providing these would change the advice:\n\n"
                       + "\n".join(lines), source=Source(label="lbcl-cds", url=None),
                extension={EXTENSION_KEY: payload})


def render_cards(a: Assessment | dict, unavailable: dict[str, str] | None = None,
                 links: list[Link] | None = None) -> list[Card]:
    """Cards for an LBCL patient; none for a chart with no lymphoma diagnosis, imaging or lymphoma therapy
    (patient-view fires on every chart: stay silent where there is nothing to say)."""
    a = a if isinstance(a, Assessment) else Assessment.model_validate(a)
    if not a.applicable:
        return []
    payload = a.to_json()  # the Assessment every card carries, serialised once
    cards = [_status_card(a, payload)]
    if links:  # e.g. the SMART timeline app (type "smart"), added by the caller that knows the deployment
        cards[0] = cards[0].model_copy(update={"links": (cards[0].links or []) + list(links)})
    extra = _needed_card(a, unavailable if unavailable is not None else (a.unavailable_data or {}), payload)
    if extra:
        cards.append(extra)
    return cards


__all__ = ["render_cards", "Coding", "OVERRIDE_SYSTEM", "CardSettings"]
