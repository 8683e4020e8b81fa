"""The current Assessment in words, for the panel beside the timeline: the same sections, words and
indicator as the status card (cds_service/cards: Now, Next, Cautions, Course, Prognosis, and the data
needed). Pure: the Assessment in, plain strings out (Markdown emphasis stripped)."""

from __future__ import annotations

import re
from datetime import date

from .engine import Assessment, card_indicator, card_sections, needed_inputs, stale_note

_MARKUP = re.compile(r"\*\*|(?<!\w)_|_(?!\w)|^- |^> ")


def _plain(line: str) -> str:
    return _MARKUP.sub("", line.strip()).strip()


def summarise(a: dict | Assessment) -> dict:
    """{"applicable", "indicator", "sections": [{"title", "items": [str]}]} for the Assessment `a`."""
    a = a if isinstance(a, Assessment) else Assessment.model_validate(a)
    if not a.applicable:
        return {"applicable": False, "indicator": "info", "sections": [{"title": "No lymphoma data", "items": [
            "No large B-cell lymphoma diagnosis, lymphoma therapy or PET-CT was found for this patient, "
            "so there is no course to draw."]}]}
    note = stale_note(a)
    S = card_sections
    sections = [("Now", S.now(a, date.fromisoformat(a.as_of))),
                ("Next", S.next_steps(a, bool(note)) or ["Nothing is due according to the guideline rules."]),
                ("Cautions", S.cautions(a, [note] if note else [])), ("Course", S.course(a)),
                ("Prognosis", S.prognosis(a)), ("Data needed", needed_inputs(a, a.unavailable_data or {}))]
    return {"applicable": True, "indicator": card_indicator(a, bool(note)),
            "sections": [{"title": t, "items": [_plain(x) for x in items]} for t, items in sections if items]}
