"""Addenda: the later statement supersedes the earlier one (architecture.md, second set, "Report text").

A report is read twice: the text before the first ADDENDUM heading, and the addendum (everything from
that heading on, "REVISED DIAGNOSIS:" and "FINAL DIAGNOSIS:" included). A fact the addendum states
replaces the original's; an addendum that revises the impression ("Revised impression: ...",
"impression revised to ...") also replaces the impression facts it no longer states (a category
dropped by the revision becomes None). The addendum revises the report when a fact it states differs
from the original's (an addendum that records a phone call, adds a TMTV or confirms the score does
not): flag REPORT_ADDENDUM_REVISED, with both sentences quoted (`Revision`). Pure, no IO.
"""

from __future__ import annotations

from dataclasses import dataclass

from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_sections import Sentence

__all__ = ["REVISED_FLAG", "Revision", "merge", "split_addendum"]

REVISED_FLAG = "REPORT_ADDENDUM_REVISED"
REVISION_WORDS = rx(r"""\b(?:revis\w*|correct(?:ed|ion)|amend\w*|re-?scored|re-?classified|supersed\w*|in\s+error|
    incorrect\w*|should\s+read)\b""")
IMPRESSION_REVISED = rx(r"""\b(?:revised|amended|corrected|changed)\s+(?:\w+\s+)?(?:impression|conclusion|diagnosis|report)\b|
    \b(?:impression|conclusion|diagnosis)\s+(?:is\s+|has\s+been\s+)?(?:revised|amended|corrected|changed)\b|
    \b(?:diagnosis|impression)\s+above\s+is\s+amended\b""")


@fast_init
@dataclass(frozen=True, slots=True)
class Revision:
    original: str  # the superseded sentence
    revised: str  # the addendum's sentence


def split_addendum(sents: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(the report before its first addendum, the addendum)."""
    start = next((i for i, s in enumerate(sents) if s.section == "addendum"), len(sents))
    rest = [s for s in sents[start:] if s.section != "signoff"]
    return sents[:start], [Sentence(s.text, "addendum", s.closing, s.heading) for s in rest]


def merge(original: dict, addendum: dict, impression_facts: tuple[str, ...] = (),
          addendum_sents: list[Sentence] = (), fill_only: tuple[str, ...] = ()) -> tuple[dict, Revision | None]:
    """Facts (name -> TextFact | None) of the report with its addendum, and the revision if any.
    `fill_only`: measurements an addendum may add but not replace (SUVmax, TMTV: an addendum quoting a
    threshold or a reference value does not revise the lesion's)."""
    merged, revision = dict(original), None
    revises_impression = any(IMPRESSION_REVISED.search(s.text) for s in addendum_sents)
    revising = revises_impression or any(REVISION_WORDS.search(s.text) for s in addendum_sents)
    for name, fact in addendum.items():
        before = original.get(name)
        if name in fill_only:
            merged[name] = before or fact
            continue
        if not hasattr(fact, "quote") and not hasattr(before, "quote"):  # a plain value (PET sites): kept if stated
            merged[name] = fact or before
            continue
        if fact is None and not (revises_impression and name in impression_facts and before is not None):
            continue
        merged[name] = fact
        if before is not None and (fact is None or _value(fact) != _value(before)):
            revision = revision or Revision(before.quote, fact.quote if fact else addendum_sents[0].text)
        elif before is None and fact is not None and revising:  # "... is not a new lesion. Revised impression: ..."
            revision = revision or Revision("", fact.quote)
    return merged, revision


def _value(fact: object) -> object:
    return getattr(fact, "value", fact)
