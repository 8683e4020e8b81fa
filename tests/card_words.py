"""Checks of what a clinician reads on a card (issue 13): no raw enum value, Python literal, evidence
tag or snake_case identifier; summaries under 140 characters and never cut mid-word; one link per
distinct source, to a paper, never to a search page."""

from __future__ import annotations

import re

RAW_ENUM = re.compile(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")  # EARLY_RELAPSE_6_12M, PET_POSITIVE_UNCLASSIFIED
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # relapse_outside_window, extranodal_organs
LITERAL = re.compile(r"\b(True|False|None|null|undefined)\b")
TAG = re.compile(r"\[(?:S|I|U|V)(?:[\s:§\]]|$)|\[V:[A-Z0-9-]+\]")  # [S §1], [V:SCH1], [I], [U]
SEARCH_URL = re.compile(r"[?&](?:term|q|query)=|/search\b", re.I)


def problems(card: dict) -> list[str]:
    text = "\n".join([card.get("summary", ""), card.get("detail", "")]
                     + [s.get("label", "") for s in card.get("suggestions") or []]
                     + [lnk.get("label", "") for lnk in card.get("links") or []])
    text_no_urls = re.sub(r"https?://\S+", "", text)
    out = []
    for name, rx in (("raw enum", RAW_ENUM), ("snake_case", SNAKE), ("literal", LITERAL), ("evidence tag", TAG)):
        out += [f"{name}: {m.group(0)!r}" for m in rx.finditer(text_no_urls)]
    summary = card.get("summary", "")
    if len(summary) >= 140:
        out.append(f"summary over 139 characters ({len(summary)})")
    if summary.endswith("...") or summary.endswith(("-…", " …")):
        out.append("summary cut badly")
    links = card.get("links") or []
    urls = [lnk["url"] for lnk in links]
    labels = [lnk["label"] for lnk in links]
    if len(set(urls)) != len(urls) or len(set(labels)) != len(labels):
        out.append("duplicate links")
    out += [f"search link {u}" for u in urls if SEARCH_URL.search(u)]
    return out
