"""Deauville scores of a PET-CT report, for the reader in `pet_text.py` (clinical-logic.md §1.1).

A score is this scan's when it is not quoted from an earlier scan ("Cf the Day +28 scan (PMR, DS 4)",
"the interim PET, which showed DS 4"); a range ("2-3", "1–2", "4/5", "4 or 5", "between 4 and 5")
counts as its highest score (architecture.md, second set); per-site lists and tables give each site's
score, and a list item marked new ("left axilla 4 (new)") is a new site with that score, never a prior
site. Two readers giving different scores with no consensus, or an impression scoring lower than the
findings, make the score ambiguous (TEXT_DEAUVILLE_AMBIGUOUS). Pure and IO-free.
"""

from __future__ import annotations

from dataclasses import dataclass

from fhir_mappings import pet_text_patterns as P
from fhir_mappings import pet_text_sentences as S
from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_sentences import GENERIC, NO_KEYS, Sentence, Table
from fhir_mappings.report_findings import negated_new, new_cue, subject_clause
from fhir_mappings.report_sections import TextFact

__all__ = ["Score", "deauville"]


@fast_init
@dataclass(frozen=True, slots=True)
class Score:
    value: int | str | None  # 1-5 or "X"; None = two readings ("3-4", "4 or 5")
    top: int  # the highest value the mention allows
    site: str
    keys: frozenset[str]  # site identity ("laxil"), GENERIC, or empty (no site: a global statement)
    quote: str
    section: str = ""
    new: bool = False  # given to a new lesion
    revised: bool = False  # "the score is revised to Deauville 4"


# --- Deauville ------------------------------------------------------------------------------------

def _item_value(it) -> int | str:
    """A list item's score: "X", a number, or the highest of a range ("2-3", "4/5"; "3/5" is three of five)."""
    v = it.group("v")
    if not v.isdigit():
        return "X"
    if it.group("v2") and not (it.group("alt") == "/" and it.group("v2") == "5" and v != "4"):
        return max(int(v), int(it.group("v2")))
    return int(v)


def _scores(s: Sentence, timepoint: str | None, has_context: bool, in_list: bool = False) -> list[Score]:
    text, out = s.text, []
    if not in_list and not P.SCORE_HINT.search(text):  # no score word: no score (a cheap test first)
        return out
    lists = [m.group("list") for m in P.DS_LIST.finditer(text)] or ([text] if in_list else [])
    for part in lists:  # "Deauville scores: left axilla 2, mediastinum 3", a line "left axilla 4 (new)" of a list
        for item in P.COMMA_BREAK.split(part) if not in_list else [part]:
            if (it := P.DS_LIST_ITEM.match(item)) and (P.SITE.search(it.group("site")) or in_list):
                v = _item_value(it)
                new = bool(P.NEW_TAG.search(item))
                out.append(Score(v, v if v != "X" else 0, it.group("site").strip(), S.site_keys(it.group("site")),
                                 S.quote(text), s.section, new))
    if out:
        return out
    prev, seen = 0, set()
    for m in sorted([*P.DS_MENTION.finditer(text), *P.DS_INVERTED.finditer(text)], key=lambda m: m.start()):
        start, seg_start, prev = m.start(), prev, m.end()
        if m.start("v") in seen or m.groupdict().get("generic") and P.OTHER_SCORES.search(S.before(text, start)):
            continue
        seen.add(m.start("v"))
        value = S.score_value(m)
        if value is None or S.is_prior(text, start, m.end("v"), timepoint):
            continue
        if m.group("more") and P.BETWEEN.search(S.before(text, start, 40)):  # "equivocal between Deauville 4 and 5"
            top = max(int(d) for d in [m.group("v"), *P.SCORE_DIGIT.findall(m.group("more"))] if d.isdigit())
            value = (top, top)  # a range counts as its highest score
        local = text[max(text.rfind(",", 0, start), text.rfind(";", 0, start), start - 100) + 1: m.end()]
        if cut := list(P.CONCLUSION_WORD.finditer(local)):  # "... reactive impression deauville 4"
            local = local[cut[-1].end():]
        if S.before(text, start).rstrip().endswith("("):  # "likely infective (Deauville 4)": the clause before counts
            local = P.COMMA_BREAK.split(text[: text.rfind("(", 0, start)])[-1] + local
        cause = [c.end() for c in P.NOT_LYMPH.finditer(local)]
        if value[0] != "X" and cause and not P.LYMPH.search(local) and not P.SITE.search(local, cause[-1]) \
                and not P.NODE_OR_MASS.search(local, cause[-1]):
            continue  # a score given to a site the reader calls non-lymphoma (not: "... change; the nodes score 4")
        site, keys = S.score_site(text, min(seg_start, start), start, m.end())
        own = subject_clause(text, start)  # "Deauville 5 (new hepatic lesion)", "New hepatic lesion, Deauville 5"
        new = bool((cue := new_cue(own)) and not negated_new(own, cue))
        revised = bool(P.REVISED_BEFORE.search(S.before(text, start, 80)))
        out.append(Score(value[0], value[1], site, keys, S.quote(text, start), s.section, new, revised))
        more = P.SCORE_DIGIT.findall(m.group("more") or "") if value[0] is not None else []  # "scores 4 and 3"
        out += [Score(int(v), int(v), "", GENERIC, S.quote(text, start), s.section) for v in more]
    if has_context:  # "new left upper lobe consolidation (X)"
        out += [Score("X", 0, "", NO_KEYS, S.quote(text, m.start())) for m in P.DS_X_PAREN.finditer(text)]
    return out


def _conflict(numeric: list[Score]) -> bool:
    """Two global statements disagree, a global one is lower than a site's, one site gets two scores,
    or the impression's overall score is lower than a findings score ("findings and impression disagree")."""
    glob = {sc.value for sc in numeric if not sc.keys}
    specific = [sc for sc in numeric if sc.keys - GENERIC]
    if len(glob) > 1 or glob and specific and min(glob) < max(sc.value for sc in specific) or any(
            a.keys & b.keys - GENERIC and a.value != b.value for a in specific for b in specific):
        return True
    concl = [sc for sc in numeric if sc.section.startswith(S.CONCLUSION_SECTIONS)]
    found = [sc for sc in numeric if not sc.section.startswith(S.CONCLUSION_SECTIONS + ("addendum",)) and not sc.new]
    top = max((sc.value for sc in concl), default=9)
    summary = all(not sc.keys - GENERIC for sc in concl if sc.value == top)  # "Impression: DS 3 at residual sites"
    return any(sc.value > top and (summary or not sc.keys) for sc in found)


def _readers_disagree(sents: list[Sentence]) -> bool:
    """Two readers give different scores ("Reader 1: DS 3 ... Reader 2: DS 4") and no consensus is stated."""
    readers = [s for s in sents if any(w in s.text.lower() for w in ("reader", "observer", "radiologist"))]
    values = {m.group("v") or m.group("w") for s in readers for m in P.READER_SCORE.finditer(s.text)}
    return len(values) > 1 and not any(P.CONSENSUS.search(s.text) and P.DS_CONTEXT.search(s.text) for s in sents)


def _listed(sents: list[Sentence]) -> list[bool]:
    """Which sentences are lines of a per-site score list (the lines under a caption that read "site score")."""
    out, on = [], False
    for s in sents:
        on = on and bool(P.DS_LIST_ITEM.match(s.text))  # an item only counts under a caption
        out.append(on)
        on = on or bool(P.DS_CAPTION.search(s.text))
    return out


def deauville(sents: list[Sentence], table: Table, timepoint: str | None, flags: list[str]):
    """(score, X, prior sites' scores, new sites' Scores): the highest score stated for this scan."""
    has_context = any(P.DS_CONTEXT.search(s.text) for s in sents)
    scores = [sc for s, listed in zip(sents, _listed(sents)) for sc in _scores(s, timepoint, has_context, listed)]
    scores += [Score(v, v if v != "X" else 0, site, S.site_keys(site) or GENERIC, S.quote(q), "findings",
                     bool(P.NEW_TAG.search(site))) for site, v, q in table.scores]
    scores += [Score(None, 0, site, S.site_keys(site) or GENERIC, S.quote(q), "findings", True)
               for site, q in table.new_rows]  # "Right inguinal (new) | - | 3.4 | -": new, not scored
    new_sites = [sc for sc in scores if sc.new and sc.site]
    scores = [sc for sc in scores if sc.value is not None or not sc.new]
    x = next((TextFact(True, sc.quote) for sc in scores if sc.value == "X"), None)
    numeric = [sc for sc in scores if isinstance(sc.value, int)]
    if revised := [sc for sc in numeric if sc.revised]:  # an addendum revises the score: it replaces the others
        sites = tuple((sc.site, sc.value) for sc in revised if sc.site and not sc.new)
        return TextFact(revised[-1].value, revised[-1].quote), x, sites, new_sites
    sites = tuple({(sc.site.lower(), sc.value): (sc.site, sc.value) for sc in numeric if sc.site and not sc.new}.values())
    best = max(numeric, key=lambda sc: sc.value, default=None)
    if _conflict([sc for sc in numeric if not sc.new]) or _readers_disagree(sents):
        flags.append("TEXT_DEAUVILLE_AMBIGUOUS")
        return None, x, sites, new_sites
    return (TextFact(best.value, best.quote) if best else None), x, sites, new_sites

