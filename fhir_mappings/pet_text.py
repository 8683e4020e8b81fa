"""PET-CT report text -> findings (fhir-input.md Tier 3; clinical-logic.md §1.1-1.3).

Pure and IO-free; the vocabulary lives in `pet_text_patterns`, the reading of the text (HTML,
sentences, sections, tables, score mentions, the scan's timepoint) in `pet_text_sentences` and the
SUVmax/TMTV values in `pet_text_values`; this module makes the reader's judgements from them. Each
value keeps the sentence it came from, so a card can quote it. Absent is "not stated" (None), never "no". The
extractor never guesses: two readings of a score or of the uptake change give None plus a flag, and it
never derives a Deauville score from SUV values (clinical-logic.md §0).

Scores, categories and SUVmax values of an earlier scan quoted in a comparison ("Cf the Day +28 scan
(PMR, DS 4)", "the interim PET, which showed DS 4") are not this scan's. Two readers giving different
scores make the score ambiguous; an addendum that revises it ("revised to Deauville 4") replaces the
earlier score and category. Sites moving in different directions are not ambiguous (worst-of).

Flags: TEXT_DEAUVILLE_AMBIGUOUS, TEXT_UPTAKE_AMBIGUOUS, TEXT_CATEGORY_AMBIGUOUS, and
UPTAKE_CHANGE_NOT_CODED when `uptake` comes only from SUVmax pairs (relative change >= 25%) and not
from the reader's words; the clinical layer decides whether to use such a value (clinical-logic §0).
Only lymphoma sites count for the uptake change: diffuse marrow, thyroiditis and other causes the
reader names as not lymphoma do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from fhir_mappings import pet_text_patterns as P
from fhir_mappings import pet_text_sentences as S
from fhir_mappings import pet_text_values as V
from fhir_mappings.pet_text_sentences import GENERIC, NO_KEYS, Sentence, Table
from fhir_mappings.staging_text import StagingText, staging_from
from fhir_mappings.report_sections import HTML_HINT, TextFact, html_to_text, split_sentences

__all__ = ["PetTextFindings", "TextFact", "extract_pet_findings", "html_to_text", "split_sentences"]

UPTAKE_RANK = {"reduced": 0, "unchanged": 1, "increased": 2}  # worst-of (clinical-logic §1.3)
ETIOLOGY_RANK = {"not_lymphoma": 0, "uncertain": 1, "lymphoma": 2}
MARROW_RANK = {"none": 0, "diffuse_reactive": 1, "focal_residual_reduced": 2, "unchanged": 3,
               "new_or_recurrent_focal": 4}
SUV_CHANGE = 0.25  # relative SUVmax change that counts as a change in uptake (annotation guideline)


@dataclass(frozen=True, slots=True)
class PetTextFindings:
    deauville: TextFact | None
    deauville_x: TextFact | None
    sites: tuple[tuple[str, int], ...]
    uptake: TextFact | None
    new_lesions: TextFact | None
    new_lesion_etiology: TextFact | None
    marrow: TextFact | None
    suv_max: TextFact | None
    tmtv_ml: TextFact | None
    category: TextFact | None
    timepoint: TextFact | None
    flags: tuple[str, ...]
    addendum_revised: bool = False
    staging: StagingText = StagingText()
    comparator_is_baseline: TextFact | None = None


@dataclass(frozen=True, slots=True)
class _Score:
    value: int | str | None  # 1-5 or "X"; None = two readings ("3-4", "4 or 5")
    top: int  # the highest value the mention allows
    site: str
    keys: frozenset[str]  # site identity ("laxil"), GENERIC, or empty (no site: a global statement)
    quote: str
    section: str = ""
    new: bool = False  # given to a new lesion
    revised: bool = False  # "the score is revised to Deauville 4"


def _change(current: float, prior: float) -> str:
    ratio = (current - prior) / prior if prior else 0.0
    return "reduced" if ratio <= -SUV_CHANGE else "increased" if ratio >= SUV_CHANGE else "unchanged"


# --- Deauville ------------------------------------------------------------------------------------

def _scores(s: Sentence, timepoint: str | None, has_context: bool) -> list[_Score]:
    text, out = s.text, []
    for m in P.DS_LIST.finditer(text):  # "Deauville scores: left axilla 2, mediastinum 3"
        for item in P.COMMA_BREAK.split(m.group("list")):
            if (it := P.DS_LIST_ITEM.match(item)) and P.SITE.search(it.group("site")):
                v = int(it.group("v")) if it.group("v").isdigit() else "X"
                out.append(_Score(v, v if v != "X" else 0, it.group("site").strip(), S.site_keys(it.group("site")),
                                  S.quote(text, m.start()), s.section))
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
            value = (None, max(int(d) for d in [m.group("v"), *P.SCORE_DIGIT.findall(m.group("more"))] if d.isdigit()))
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
        new = bool(P.NEW_WORD.search(S.clause_at(text, start)))
        revised = bool(P.REVISED_BEFORE.search(S.before(text, start, 80)))
        out.append(_Score(value[0], value[1], site, keys, S.quote(text, start), s.section, new, revised))
        more = P.SCORE_DIGIT.findall(m.group("more") or "") if value[0] is not None else []  # "scores 4 and 3"
        out += [_Score(int(v), int(v), "", GENERIC, S.quote(text, start), s.section) for v in more]
    if has_context:  # "new left upper lobe consolidation (X)"
        out += [_Score("X", 0, "", NO_KEYS, S.quote(text, m.start())) for m in P.DS_X_PAREN.finditer(text)]
    return out


def _conflict(numeric: list[_Score]) -> bool:
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
    values = {m.group("v") or m.group("w") for s in sents for m in P.READER_SCORE.finditer(s.text)}
    return len(values) > 1 and not any(P.CONSENSUS.search(s.text) and P.DS_CONTEXT.search(s.text) for s in sents)


def _deauville(sents: list[Sentence], table: Table, timepoint: str | None, flags: list[str]):
    has_context = any(P.DS_CONTEXT.search(s.text) for s in sents)
    scores = [sc for s in sents for sc in _scores(s, timepoint, has_context)]
    scores += [_Score(v, v if v != "X" else 0, site, S.site_keys(site) or GENERIC, S.quote(q))
               for site, v, q in table.scores]
    x = next((TextFact(True, sc.quote) for sc in scores if sc.value == "X"), None)
    numeric = [sc for sc in scores if isinstance(sc.value, int)]
    if revised := [sc for sc in numeric if sc.revised]:  # an addendum revises the score: it replaces the others
        sites = tuple((sc.site, sc.value) for sc in revised if sc.site)
        return TextFact(revised[-1].value, revised[-1].quote), x, sites
    sites = tuple({(sc.site.lower(), sc.value): (sc.site, sc.value) for sc in numeric if sc.site}.values())
    best = max(numeric, key=lambda sc: sc.value, default=None)
    unsure = [sc.top for sc in scores if sc.value is None]
    if _conflict(numeric) or unsure and (best is None or max(unsure) >= best.value) or _readers_disagree(sents):
        flags.append("TEXT_DEAUVILLE_AMBIGUOUS")
        return None, x, sites
    return (TextFact(best.value, best.quote) if best else None), x, sites


# --- uptake vs baseline ---------------------------------------------------------------------------

def _other_site(segment: str) -> bool:
    """A clause about a site that is not lymphoma: diffuse marrow, thyroiditis, "likely reactive"."""
    if P.MARROW_GENERIC.search(segment) and not P.NODE_OR_MASS.search(segment) and (
            P.DIFFUSE_MARROW.search(segment) or not P.FOCAL_LESION.search(P.NEG_SPAN.sub(" ", segment))):
        return True
    return bool(P.OTHER_CAUSE.search(segment)) and S.etiology(segment) == "not_lymphoma"


def _directions(text: str) -> list[tuple[str, int, bool]]:
    """(direction, position, hedged) for each statement of an uptake change in one sentence."""
    masked = S.mask(S.mask(S.mask(text, V.SUV_PCT), P.UPTAKE_MASK), P.NEW_PHRASE)  # a new lesion has no baseline
    cut = [0, *(i for m in P.UPTAKE_SEGMENT.finditer(masked) for i in (m.start(), m.end())), len(masked)]
    masked = "".join(" " * (b - a) if k % 2 == 0 and _other_site(masked[a:b]) else masked[a:b]
                     for k, (a, b) in enumerate(zip(cut, cut[1:])))
    if not P.UPTAKE_TERM.search(masked):
        return []
    found: list[tuple[int, int, str]] = []
    taken = bytearray(len(masked))  # "no significant reduction" is one "unchanged", not also a "reduced"
    for name, pattern in (("unchanged", P.UNCHANGED), ("reduced", P.REDUCED), ("increased", P.INCREASED)):
        for m in pattern.finditer(masked):
            if not any(taken[m.start(): m.end()]):
                found.append((m.start(), m.end(), name))
                taken[m.start(): m.end()] = b"\x01" * (m.end() - m.start())
    out, last_end, last, compared = [], -1, "", P.COMPARISON_CONTEXT.search(masked)
    for start, end, name in sorted(found):
        before, after, word = S.before(masked, start), masked[end: end + 150], masked[start:end]
        piece = next(text[a:b] for a, b in zip(cut, cut[1:]) if a <= start < b)
        if name == "unchanged" and P.NON_AVID.search(piece):
            continue  # "calcified non-avid nodes are stable": not a statement about uptake
        if name == "unchanged" and P.LIKE_WORD.match(word) and not compared and P.REFERENCE_REGION.search(masked):
            continue  # "above the liver visually but similar quantitatively": not a change over time
        if P.SIZE_AFTER.match(after) or P.SIZE_BEFORE.search(before):
            continue  # "decreased in size", "size has decreased"
        neg = P.NEG_BEFORE.search(P.PIECE_BREAK.split(before)[-1])
        if name != "unchanged" and neg and not P.NEG_GAP_STOP.search(neg.group(0)[2:]):
            if name != "reduced" or not P.SIGNIFICANT.search(neg.group(0) + word):
                continue  # "no increase in uptake" states no direction
            name = "unchanged"  # "no significant reduction"
        if P.COMPARATIVE_ADJ.match(word) and P.ADJECTIVAL.match(after) and not compared:
            continue  # "increased uptake in the left axilla": avid, not a change
        out.append((name, start, last not in ("", name) and bool(P.ALTERNATIVE.match(masked[last_end:start]))))
        last_end, last = end, name
    if P.HEDGED_CHANGE.search(masked) or P.CANNOT_SAY.search(masked):
        out.append(("unchanged", 0, True))  # "similar, possibly marginally lower; I cannot confidently say"
    return out


def _conflicting(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two statements about the same site (named sites; failing those, lesion nouns; or none at all)."""
    sa, sb = {k for k in a if k[0] != "~"}, {k for k in b if k[0] != "~"}
    if sa or sb:
        return bool(sa & sb)
    return not a or not b or bool(a & b)


def _uptake(sents: list[Sentence], table: Table, timepoint: str | None, flags: list[str]) -> TextFact | None:
    statements = []  # (direction, site keys, quote, kind)
    prev = None  # the last sentence with values: (section, text, pairable current values, pairs, lone earlier values)
    for s, (current, pairs, priors) in zip(sents, V.sentence_values(sents, timepoint)):
        sentence_keys = None
        for name, pos, hedged in _directions(s.text):
            if hedged:  # "stable to slightly decreased"
                flags.append("TEXT_UPTAKE_AMBIGUOUS")
                return None
            if not (keys := S.keys_at(s.text, pos)):  # "Deauville 4 in the spleen; uptake unchanged"
                keys = sentence_keys = S.site_keys(s.text) if sentence_keys is None else sentence_keys
            if not keys and P.OTHER_SITES.search(S.clause_at(s.text, pos)):
                keys = frozenset({"~other"})  # "some nodes are less avid while others have increased": two sites
            statements.append((name, keys or S.noun_keys(S.clause_at(s.text, pos)), S.quote(s.text, pos), "word"))
        for m in V.SUV_PCT.finditer(s.text):  # "65% reduction in SUVmax", "delta SUVmax -76%"
            pct = float(m.group("p1") or m.group("p2") or m.group("p3"))
            word = (m.group("d1") or m.group("d3") or "").lower()
            up = word.startswith(("increas", "ris", "rose")) or m.group("s2") == "+"
            name = "unchanged" if pct < SUV_CHANGE * 100 else "increased" if up else "reduced"
            statements.append((name, S.keys_at(s.text, m.start()), S.quote(s.text, m.start()), "percent"))
        if bare := V.SUV_BARE_PRIOR.match(s.text):  # "Previously 12.5."
            priors = [float(bare.group("p"))]
        current = [(v, pos) for v, pos in current if V.pairable(s.text, pos)]
        where = [(s.text, pos) for _, _, pos in pairs]
        if prev and prev[0] == s.section and not pairs and not prev[3]:  # the earlier value in its own sentence
            if len(priors) == 1 and not current and len(prev[2]) == 1:  # "SUVmax 4.6. Previously SUVmax 14.8."
                pairs, where = [(prev[2][0][0], priors[0], 0)], [(prev[1], prev[2][0][1])]
            elif len(prev[4]) == 1 and not prev[2] and len(current) == 1 and not priors:
                pairs, where = [(current[0][0], prev[4][0], 0)], [(s.text, current[0][1])]
        for (c, p, _), (text, pos) in zip(pairs, where):
            keys = S.keys_at(text, pos) or S.noun_keys(S.clause_at(text, pos))
            statements.append((_change(c, p), keys, S.quote(text, pos), "numeric"))
        if current or pairs or priors:
            prev = (s.section, s.text, current, pairs, priors)
    statements += [(_change(c, p), S.site_keys(label) or frozenset({"~" + label.lower()}), S.quote(q), "numeric")
                   for label, c, p, q in table.pairs]
    readings = {(st[0], st[1]) for st in statements}
    if any(a[0] != b[0] and _conflicting(a[1], b[1]) for a in readings for b in readings):
        flags.append("TEXT_UPTAKE_AMBIGUOUS")  # the same site (or the report as a whole) read two ways
        return None
    if not statements:
        return None
    if all(st[3] == "numeric" for st in statements):
        flags.append("UPTAKE_CHANGE_NOT_CODED")
    worst = max(statements, key=lambda st: (UPTAKE_RANK[st[0]], st[3] == "word"))
    return TextFact(worst[0], worst[2])


# --- new lesions, marrow ----------------------------------------------------------------------------

def _new_lesions(sents: list[Sentence]) -> tuple[TextFact | None, TextFact | None]:
    positive, negative, etiologies = None, None, []
    for i, s in enumerate(sents):
        text = s.text
        if bare := P.NEW_BARE_NEG.search(text):  # "no new.", "nil new"
            negative = negative or TextFact(False, S.quote(text, bare.start()))
        late = P.NEW_AFTER.search(text) or P.NEW_EXCEPT.search(text)
        if late and not P.NEG_NEW_BEFORE.search(P.CLAUSE_BREAK.split(S.before(text, late.start()))[-1]):
            positive = positive or TextFact(True, S.quote(text, late.start()))  # "a focus, new since the prior study"
            if kind := S.etiology(text[max(0, late.start() - 300): late.end() + 300]):
                etiologies.append(TextFact(kind, S.quote(text, late.start())))
        for m in P.NEW.finditer(text):
            if P.NEW_DENY_MID.search(m.group("mid")):
                continue  # "new baseline", "new treatment"
            clause = P.CLAUSE_BREAK.split(S.before(text, m.start()))[-1]
            if P.NEG_NEW_BEFORE.search(clause) or P.NEG_NEW_AFTER.match(text[m.end():]):
                negative = negative or TextFact(False, S.quote(text, m.start()))
                continue
            positive = positive or TextFact(True, S.quote(text, m.start()))
            follow = sents[i + 1].text if i + 1 < len(sents) and P.CONTINUATION.match(sents[i + 1].text) else ""
            if kind := S.etiology(text[m.start() - len(clause): m.end() + 300]):
                etiologies.append(TextFact(kind, S.quote(text, m.start())))
            elif follow and (kind := S.etiology(follow)):  # "New foci in the spleen. These are likely ..."
                etiologies.append(TextFact(kind, S.quote(follow)))
    if positive is None:
        return negative, None
    if not etiologies:  # "Conclusion: appearances in keeping with relapsed lymphoma"
        etiologies = [TextFact("lymphoma", S.quote(s.text)) for s in sents
                      if s.section.startswith(S.CONCLUSION_SECTIONS) and S.etiology(s.text) == "lymphoma"][:1]
    return positive, max(etiologies, key=lambda f: ETIOLOGY_RANK[f.value], default=None)


def _marrow_clause(clause: str) -> str | None:
    seg = next((c for c in clause.split(",") if P.MARROW.search(c)), clause)
    new = P.MARROW_NEW.search(seg)
    stated = P.NEG_SPAN.sub(" ", clause)  # what the clause affirms: "diffuse uptake ... with no focal lesion"
    if P.MARROW_DIFFUSE.search(stated) and not P.FOCAL.search(stated):  # wins over "no focal uptake" (guideline)
        return "none" if P.MARROW_NORMALISED.search(stated) else "diffuse_reactive"  # "... has normalised"
    if P.MARROW_NONE.search(clause) or P.HOMOGENEOUS.search(stated) and P.NOT_FOCAL_OR_MORE.search(clause):
        return "none"  # "BM: homogeneous, no focal", "homogeneous and not increased"
    listed = not new and P.NEW_LIST.search(clause[: max(0, clause.find(seg))])  # "new lesions: ..., marrow foci"
    if (new and not P.NEG_NEW_BEFORE.search(seg[: new.start()]) or listed) and P.MARROW_FOCAL.search(seg) \
            and S.etiology(clause) != "not_lymphoma":
        return "new_or_recurrent_focal"
    if P.HOMOGENEOUS.search(stated) and not P.FOCAL.search(stated):  # raised and homogeneous, or just normal
        return "diffuse_reactive" if P.MARROW_RAISED.search(stated) and not P.MARROW_NORMALISED.search(stated) \
            else "none"
    if not P.FOCAL_LESION.search(clause):
        return None
    directions = {d for d, _, _ in _directions(clause)}
    if P.MARROW_RESOLVED.search(clause) and not directions - {"reduced"}:
        return "focal_residual_reduced" if P.RESOLVING.search(clause) else "none"
    return "unchanged" if "unchanged" in directions else "focal_residual_reduced" if "reduced" in directions else None


def _marrow(sents: list[Sentence]) -> TextFact | None:
    found = []
    for s in sents:
        subject = ""  # a clause after a marrow clause, naming no other site, is about the marrow too
        for clause in P.MARROW_CLAUSE_BREAK.split(s.text):
            own = bool(P.MARROW.search(clause))
            subject = clause if own else subject if subject and not P.SITE.search(clause) else ""
            # "the L1 focus persists but is less avid": the second clause continues the first one's subject
            lead = subject if P.FOCAL_LESION.search(P.NEG_SPAN.sub(" ", subject)) else "marrow"
            read = clause if own else lead + ", " + clause
            if subject and (value := _marrow_clause(read)):
                found.append(TextFact(value, S.quote(s.text, s.text.find(clause))))
    return max(found, key=lambda f: MARROW_RANK[f.value], default=None)


# --- SUVmax, TMTV, category, timepoint -------------------------------------------------------------

def _suv_max(sents: list[Sentence], table: Table, timepoint: str | None) -> TextFact | None:
    values = [(v, s.text, pos) for s, found in zip(sents, V.sentence_values(sents, timepoint)) for v, pos in found[0]]
    best = max(values + [(v, q, 0) for v, q in table.suvs], default=None)
    return TextFact(best[0], S.quote(best[1], best[2])) if best else None


def _category(sents: list[Sentence], timepoint: str | None, flags: list[str]) -> TextFact | None:
    found: dict[str, TextFact] = {}
    revised = None
    for s in sents:
        for m in P.CATEGORY.finditer(s.text):
            neg = P.NEG_CATEGORY.search(P.PIECE_BREAK.split(S.before(s.text, m.start()))[-1])
            negated = neg and (not P.NEG_CATEGORY_OK.search(neg.group(0)) or P.NEG_CATEGORY_DIRECT.match(neg.group(0)))
            after, lead = s.text[m.end():], S.before(s.text, m.start(), 80)
            if negated or P.CATEGORY_AFTER_NEG.match(after) or P.CATEGORY_DEF.match(after) \
                    or S.is_prior(s.text, m.start(), m.end(), timepoint) \
                    or P.CATEGORY_PAST_AFTER.match(after) or P.CATEGORY_PAST_BEFORE.search(lead):
                continue  # "no evidence of PMD", "does not represent a CMR", "CMR = DS 1-3", "interim PET showed CMR"
            if P.CATEGORY_QUESTIONED.search(lead) or P.CATEGORY_VERSUS_AFTER.match(after) \
                    or P.CATEGORY_VERSUS_BEFORE.search(lead) or P.CATEGORY_UNDECIDED_AFTER.match(after):
                flags.append("TEXT_CATEGORY_AMBIGUOUS")  # "?PMR vs stable disease"
                continue
            fact = TextFact(m.lastgroup, S.quote(s.text, m.start()))
            if P.REVISION.search(s.text):  # "revised to Deauville 4: partial metabolic response"
                revised = fact
            found.setdefault(m.lastgroup, fact)
    if revised:
        return revised
    if len(found) > 1:  # "?CMR vs PMR"
        flags.append("TEXT_CATEGORY_AMBIGUOUS")
        return None
    return next(iter(found.values()), None)


# --- entry point ----------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # pure and immutable: the same report text is read once per worker (issue 7)
def extract_pet_findings(text: str) -> PetTextFindings:
    """Findings of one PET-CT report (plain text, or HTML, which is converted first)."""
    text = html_to_text(text) if HTML_HINT.search(text or "") else text or ""
    sents = S.sentences(text)
    flags: list[str] = []
    timepoint = TextFact(*found) if (found := S.scan_timepoint(sents)) else None
    tp = timepoint.value if timepoint else None
    body = [s for s in sents if not s.section.startswith(S.SKIP_SECTIONS)]  # not history, comparison, technique
    table = S.parse_table(body)
    deauville, x, sites = _deauville(body, table, tp, flags)
    new, etiology = _new_lesions(body)
    category = _category(body, tp, flags)
    if new and new.value and etiology is None:  # the reader's PMD, or an X score, explains the new lesion
        if category and category.value == "PMD":
            etiology = TextFact("lymphoma", category.quote)
        elif x:
            etiology = TextFact("not_lymphoma", x.quote)
    uptake = _uptake(body, table, tp, flags)
    tmtv = TextFact(*found) if (found := V.tmtv(body, tp)) else None
    return PetTextFindings(
        deauville=deauville, deauville_x=x, sites=sites, uptake=uptake, new_lesions=new, new_lesion_etiology=etiology,
        marrow=_marrow(body), suv_max=_suv_max(body, table, tp), tmtv_ml=tmtv, category=category,
        timepoint=timepoint, flags=tuple(dict.fromkeys(flags)), staging=staging_from(sents))
