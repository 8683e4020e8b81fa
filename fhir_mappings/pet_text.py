"""PET-CT report text -> findings (fhir-input.md Tier 3; clinical-logic.md §1.1-1.3).

Pure and IO-free; every regex lives in `pet_text_patterns`, compiled once at import. Each value keeps
the sentence it came from, so a card can quote it. Absent is "not stated" (None), never "no". The
extractor never guesses: two readings of a score or of the uptake change give None plus a flag, and it
never derives a Deauville score from SUV values (clinical-logic.md §0).

Flags: TEXT_DEAUVILLE_AMBIGUOUS, TEXT_UPTAKE_AMBIGUOUS, TEXT_CATEGORY_AMBIGUOUS, and
UPTAKE_CHANGE_NOT_CODED when `uptake` comes only from SUVmax pairs (relative change >= 25%) and not
from the reader's words; the clinical layer decides whether to use such a value (clinical-logic §0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from fhir_mappings import pet_text_patterns as P

UPTAKE_RANK = {"reduced": 0, "unchanged": 1, "increased": 2}  # worst-of (clinical-logic §1.3)
ETIOLOGY_RANK = {"not_lymphoma": 0, "uncertain": 1, "lymphoma": 2}
MARROW_RANK = {"none": 0, "diffuse_reactive": 1, "focal_residual_reduced": 2, "unchanged": 3,
               "new_or_recurrent_focal": 4}
SUV_CHANGE = 0.25  # relative SUVmax change that counts as a change in uptake (annotation guideline)
NO_KEYS: frozenset[str] = frozenset()
GENERIC = frozenset({"*"})  # "nodal sites", "other sites": a site, but not a specific one


@dataclass(frozen=True, slots=True)
class TextFact:
    value: object
    quote: str  # the sentence (trimmed, <= 300 chars) the value came from


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


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    section: str  # lower-case heading it sits under; "" before any heading, "body" after a one-line one


@dataclass(frozen=True, slots=True)
class _Score:
    value: int | str | None  # 1-5 or "X"; None = two readings ("3-4", "4 or 5")
    top: int  # the highest value the mention allows
    site: str
    keys: frozenset[str]  # site identity ("laxil"), GENERIC, or empty (no site: a global statement)
    quote: str


@dataclass(frozen=True, slots=True)
class _Table:  # a per-site table: "Site | Baseline SUVmax | Current SUVmax | DS"
    scores: tuple[tuple[str, int, str], ...] = ()
    suvs: tuple[tuple[float, str], ...] = ()
    pairs: tuple[tuple[float, float, str], ...] = ()


# --- text, sentences, sections --------------------------------------------------------------------

def html_to_text(html: str) -> str:
    """Strip tags and entities from a text/html presentedForm, keeping block breaks as newlines."""
    text = P.HTML_CELL.sub(" | ", P.HTML_ITEM.sub("\n- ", P.HTML_DROP.sub(" ", html)))
    text = unescape(P.HTML_TAG.sub("", P.HTML_BREAK.sub("\n", text))).replace("\xa0", " ")
    return P.BLANK_LINES.sub("\n\n", "\n".join(P.SPACES.sub(" ", line).strip() for line in text.split("\n"))).strip()


def _split(text: str) -> list[tuple[str, bool]]:
    """(sentence, starts a new line) pairs; see `split_sentences`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\t", " ")
    for m in reversed(list(P.HEADING.finditer(text))):  # an inline "Findings:" starts a new block
        if m.start("h") > 0 and text[m.start("h")].isupper() and ":" in m.group(0):
            text = text[: m.start("h")] + "\n\n" + text[m.start("h"):]
    lines = text.split("\n")
    text = lines[0]
    for prev, line in zip(lines, lines[1:]):  # a line break ends a sentence unless it is mid-sentence
        ends = prev.rstrip().endswith((".", "!", "?", ":", ";")) and line.strip()[:1].isupper()
        text += ("\n\n" if ends or P.HEADING_LINE.search(prev.strip()) or P.HEADING_LINE.search(line.strip()) else "\n")
        text += line
    out, start, new_line = [], 0, True
    for m in P.SENTENCE_END.finditer(text):
        head, nxt = text[start: m.start()], text[m.end(): m.end() + 1]
        if "\n" not in m.group(0):
            word = P.LAST_TOKEN.search(head)
            token = word.group(1).rstrip(".").lower() if word else ""
            numbered = token.isdigit() and P.LIST_MARK.fullmatch(head.strip() + " ")
            if token in P.ABBREVIATIONS or nxt.islower() or numbered:
                continue
        out.append((" ".join(head.split()), new_line))
        start, new_line = m.end(), "\n" in m.group(0)
    out.append((" ".join(text[start:].split()), new_line))
    return [(s, n) for s, n in out if s and not P.LIST_MARK.fullmatch(s + " ")]


def split_sentences(text: str) -> list[str]:
    """Sentences, not split on decimals ("2.3"), abbreviations ("e.g.") or list numbers ("1.")."""
    return [s for s, _ in _split(text)]


def _sentences(text: str) -> list[_Sentence]:
    """Sentences with their section. A history/comparison/technique heading covers its own line (or
    the line after a bare heading); findings and impression run to the next heading."""
    result, section, lines = [], "", 0
    for raw, new_line in _split(text):
        m = P.HEADING.match(raw)
        if m:
            section, raw, lines = m.group("h").lower(), raw[m.end():].strip(), 0
        if new_line and raw:
            lines += 1
            section = "body" if lines > 1 and section.startswith(P.SKIP_SECTIONS) else section
        if raw := P.LIST_MARK.sub("", raw):
            result.append(_Sentence(raw, section))
    return result


def _quote(sentence: str, at: int = 0) -> str:
    start = max(0, min(at - 100, len(sentence) - 300))
    return sentence[start: start + 300].strip()


def _before(text: str, pos: int, width: int = 150) -> str:
    """The text just before `pos` (bounded, so long reports stay linear)."""
    return text[max(0, pos - width): pos]


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _site_keys(text: str) -> frozenset[str]:
    keys = set()
    for m in P.SITE.finditer(text):
        side = P.SIDE_BEFORE.search(text[max(0, m.start() - 20): m.start()])
        keys.add((side.group(1)[0].lower() if side else "") + m.group(0).lower()[:5])
    return frozenset(keys)


def _keys_at(text: str, pos: int) -> frozenset[str]:
    """Site keys of the clause around `pos` ("... but unchanged in the left axilla")."""
    lefts = [m.end() for m in P.CLAUSE_SPLIT.finditer(text, max(0, pos - 300), pos)]
    right = P.CLAUSE_SPLIT.search(text, pos, pos + 300)
    return _site_keys(text[lefts[-1] if lefts else max(0, pos - 300): right.start() if right else pos + 300])


def _is_prior(text: str, start: int, end: int, timepoint: str | None) -> bool:
    """A value about another scan ("baseline PET (Deauville 5)", "Deauville 5 at staging")."""
    def own(marker: str | None) -> bool:  # "interim PET: DS 4" in an interim report is this scan
        return timepoint is not None and P.MARKER_TIMEPOINT.get((marker or "").lower().replace(" ", "")) == timepoint

    s = P.PRIOR_SENTENCE.match(text)
    if s and not own(s.group("m") or s.group("m3") or s.group("m2")):
        return True
    b = P.PRIOR_BEFORE.search(text[max(0, start - 60): start])
    gap = b.group("gap") if b else ""
    if b and not P.PRIOR_GAP_STOP.search(gap) and ("(" not in gap or P.STUDY_NOUN.search(gap)):
        return not own(b.group("m"))
    a = P.PRIOR_AFTER.match(text[end:])
    return bool(a and not own(a.group("m") or a.group("m2")))


def _etiology(text: str) -> str | None:
    """lymphoma / not_lymphoma / uncertain from the reader's words; uncertainty wins."""
    negated = bool(P.NEG_LYMPH.search(text))
    text = P.RATHER_THAN.sub(" ", P.NEG_LYMPH.sub(" ", P.NEG_NOT_LYMPH.sub(" ", text)))
    if P.UNCERTAIN.search(text):
        return "uncertain"
    if P.LYMPH.search(text):
        return "lymphoma"
    return "not_lymphoma" if negated or P.NOT_LYMPH.search(text) else None


def _change(current: float, prior: float) -> str:
    ratio = (current - prior) / prior if prior else 0.0
    return "reduced" if ratio <= -SUV_CHANGE else "increased" if ratio >= SUV_CHANGE else "unchanged"


# --- Deauville ------------------------------------------------------------------------------------

def _site_text(text: str, start: int, end: int, after_end: int) -> tuple[str, frozenset[str]]:
    """The site a score is about: "in the left axilla" after it, else the words before it."""
    after = P.SITE_AFTER.match(text[after_end:])
    named = after and (after.group("s") or after.group("p"))
    if named and P.SITE.search(named):  # "Deauville 4 in the left axilla", "Deauville 5 (new hepatic lesion)"
        return named.strip(), _site_keys(named)
    if named and P.GENERIC_SITE.search(named):  # "Deauville 3 at nodal sites"
        return "", GENERIC
    seg = _mask(P.PARENTHETICAL.sub(" ", text[start:end]), P.SITE_REFERENCE)
    pieces = [p for p in P.PIECE_BREAK.split(seg) if P.SITE.search(p) or P.GENERIC_SITE.search(p)]
    parts = P.SITE_CUT.split(pieces[-1]) if pieces else [""]  # "Residual uptake | in the left axillary node"
    seg = P.SITE_LEAD.sub("", next((p for p in parts if P.SITE.search(p)), parts[0]).strip(" -–"))
    seg = " ".join(seg.strip(" -–").split())
    if P.SITE.search(seg):
        return seg, _site_keys(seg)
    return "", GENERIC if pieces and P.GENERIC_SITE.search(seg) else NO_KEYS


def _mention_value(m: re.Match[str]) -> tuple[int | str | None, int] | None:
    """(value, top) of one mention; None when it is a range in a definition ("Deauville 1-3")."""
    raw = m.group("v")
    v: int | str | None = P.WORD_NUM.get(raw.lower()) or ("X" if raw in "Xx" else int(raw))
    top = v if isinstance(v, int) else 0
    if not m.groupdict().get("v2"):
        return v, top
    v2, sep = int(m.group("v2")), m.group("alt").strip()[0]
    if sep == "/" and v2 == 5 and v != 4:
        return v, top  # "2/5": out of five ("4/5" stays ambiguous)
    if abs(v2 - top) != 1 and sep not in "ov":
        return None
    return None if P.DS_DEFINITION.search(m.string[m.end(): m.end() + 40]) else (None, max(top, v2))


def _scores(text: str, timepoint: str | None, has_context: bool) -> list[_Score]:
    out: list[_Score] = []
    for m in P.DS_LIST.finditer(text):  # "Deauville scores: left axilla 2, mediastinum 3"
        for item in P.COMMA_BREAK.split(m.group("list")):
            if (it := P.DS_LIST_ITEM.match(item)) and P.SITE.search(it.group("site")):
                v = int(it.group("v")) if it.group("v").isdigit() else "X"
                out.append(_Score(v, v if v != "X" else 0, it.group("site").strip(), _site_keys(it.group("site")),
                                  _quote(text, m.start())))
    if out:
        return out
    prev, seen = 0, set()
    for m in sorted([*P.DS_MENTION.finditer(text), *P.DS_INVERTED.finditer(text)], key=lambda m: m.start()):
        start, seg_start, prev = m.start(), prev, m.end()
        if m.start("v") in seen or m.groupdict().get("generic") and P.OTHER_SCORES.search(_before(text, start)):
            continue
        seen.add(m.start("v"))
        value = _mention_value(m)
        if value is None or _is_prior(text, start, m.end("v"), timepoint):
            continue
        local = text[max(text.rfind(",", 0, start), text.rfind(";", 0, start)) + 1: m.end()]
        if _before(text, start).rstrip().endswith("("):  # "likely infective (Deauville 4)": the clause before counts
            local = P.COMMA_BREAK.split(text[: text.rfind("(", 0, start)])[-1] + local
        if value[0] != "X" and P.NOT_LYMPH.search(local) and not P.LYMPH.search(local):
            continue  # a score given to a site the reader calls non-lymphoma
        site, keys = _site_text(text, min(seg_start, start), start, m.end())
        out.append(_Score(value[0], value[1], site, keys, _quote(text, start)))
        more = P.SCORE_DIGIT.findall(m.group("more") or "")  # "Deauville scores 4 and 3"
        out += [_Score(int(v), int(v), "", GENERIC, _quote(text, start)) for v in more]
    if has_context:  # "new left upper lobe consolidation (X)"
        out += [_Score("X", 0, "", NO_KEYS, _quote(text, m.start())) for m in P.DS_X_PAREN.finditer(text)]
    return out


def _deauville(sents: list[_Sentence], table: _Table, timepoint: str | None, flags: list[str]):
    has_context = any(P.DS_CONTEXT.search(s.text) for s in sents)
    scores = [sc for s in sents for sc in _scores(s.text, timepoint, has_context)]
    scores += [_Score(v, v, site, _site_keys(site) or GENERIC, _quote(q)) for site, v, q in table.scores]
    x = next((TextFact(True, sc.quote) for sc in scores if sc.value == "X"), None)
    numeric = [sc for sc in scores if isinstance(sc.value, int)]
    sites = tuple({(sc.site.lower(), sc.value): (sc.site, sc.value) for sc in numeric if sc.site}.values())
    best = max(numeric, key=lambda sc: sc.value, default=None)
    unsure = [sc.top for sc in scores if sc.value is None]
    # Conflicts: two global statements disagree, a global one is lower than a site's, or one site
    # gets two scores ("findings and impression disagree", "two readers disagree").
    glob = {sc.value for sc in numeric if not sc.keys}
    specific = [sc for sc in numeric if sc.keys - GENERIC]
    conflict = len(glob) > 1 or bool(glob and specific and min(glob) < max(sc.value for sc in specific)) or any(
        a.keys & b.keys - GENERIC and a.value != b.value for a in specific for b in specific)
    if conflict or unsure and (best is None or max(unsure) >= best.value):
        flags.append("TEXT_DEAUVILLE_AMBIGUOUS")
        return None, x, sites
    return (TextFact(best.value, best.quote) if best else None), x, sites


# --- uptake vs baseline ---------------------------------------------------------------------------

def _directions(text: str) -> list[tuple[str, int, bool]]:
    """(direction, position, hedged) for each statement of an uptake change in one sentence."""
    masked = _mask(_mask(_mask(text, P.SUV_PCT), P.UPTAKE_MASK), P.NEW_PHRASE)  # a new lesion has no baseline
    masked = ";".join(" " * len(c) if P.DIFFUSE_MARROW.search(c) else c for c in masked.split(";"))
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
        before, after, word = _before(masked, start), masked[end: end + 150], masked[start:end]
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
    return out


def _suv_values(text: str, timepoint: str | None) -> tuple[list[tuple[float, int]], list[tuple[float, float, int]]]:
    """Current SUVmax values (value, position) and (current, prior) pairs in one sentence."""
    current: list[tuple[float, int]] = []
    pairs, priors = [], []
    for m in P.SUV.finditer(text):
        v, fill, after = float(m.group("v")), m.group("fill"), text[m.end():]
        before = P.COMMA_BREAK.split(text[max(0, m.start() - 40): m.start()])[-1]
        ref = P.SUV_REF.search(before)  # "liver SUVmax 2.6"; "above liver (SUVmax 2.7)" after a lesion's value
        paren_ref = ref and ref.group(0).rstrip().endswith("(")
        if ref and not P.SUV_LESION.search(before[ref.start():]) and (current or not paren_ref):
            continue
        if P.SUV_REF_FILL.search(fill) or P.SUV_BAD_FILL.search(fill):
            continue
        tail, arrow, fill_prior = P.SUV_PAIR_TAIL.match(after), P.SUV_ARROW.match(after), P.SUV_PRIOR_FILL.search(fill)
        from_to = fill_prior and fill_prior.group(0).lower() == "from"
        ft = P.SUV_FROM_TO.search(text, m.start(), m.end() + 40) if from_to else None
        if ft and P.SUV_RANGE.search(fill):  # "SUVmax ranging from 4.8 to 19.6"
            current += [(v, m.start()), (float(ft.group("c")), m.start())]
            continue
        if ft or arrow:  # "SUVmax fell from 15.0 to 8.2", "SUVmax 18.7 -> 1.4"
            current.append((float((ft or arrow).group("c")), m.start()))
            pairs.append((current[-1][0], float(ft.group("p")) if ft else v, m.start()))
            continue
        clause = P.COMMA_BREAK.split(_before(text, m.start()))[-1]
        if (paren := text.rfind("(", 0, m.start())) > text.rfind(")", 0, m.start()):
            clause += " " + text[paren: m.start()]
        if marker := P.SUV_PAREN_MARKER.search(_before(text, m.start())):  # "less avid than at baseline (SUVmax 7.5)"
            prior = bool(marker.group("cmp") or current)
        else:
            prior = bool(fill_prior or P.SUV_PRIOR_BEFORE.search(before) or P.SUV_PRIOR_AFTER.match(after)
                         or P.SUV_CLAUSE_PRIOR.search(clause + fill) or _is_prior(text, m.start(), m.end(), timepoint))
        if prior and not tail:
            priors.append(v)
            continue
        current.append((v, m.start()))
        if tail:  # "SUVmax 12.1, previously 18.4"
            pairs.append((v, float(tail.group("p") or tail.group("pa")), m.start()))
    if not pairs and len(priors) == 1 and len(current) == 1:
        pairs.append((current[0][0], priors[0], current[0][1]))
    return [(v, pos) for v, pos in current if 0 < v < 100], pairs


def _table(sents: list[_Sentence]) -> _Table:
    scores, suvs, pairs, header = [], [], [], None
    for s in sents:
        cells = [c.strip() for c in s.text.split("|")]
        if len(cells) < 2:
            header = None
        elif any(P.TABLE_DS.match(c) or P.TABLE_SUV.search(c) for c in cells):
            header = None if any(map(P.NUMBER_CELL.fullmatch, cells)) else cells
        elif header and len(cells) == len(header):
            now = [c for n, c in zip(header, cells) if P.TABLE_SUV.search(n) and not P.TABLE_PRIOR_COLUMN.search(n)]
            for name, cell in zip(header, cells):
                number = P.TABLE_SUV.search(name) and P.NUMBER_CELL.fullmatch(cell)
                if P.TABLE_DS.match(name) and P.SCORE_DIGIT.fullmatch(cell):
                    scores.append((cells[0], int(cell), s.text))
                elif number and not P.TABLE_PRIOR_COLUMN.search(name):
                    suvs.append((float(cell), s.text))
                elif number and now and P.NUMBER_CELL.fullmatch(now[0]):  # a baseline column beside a current one
                    pairs.append((float(now[0]), float(cell), s.text))
    return _Table(tuple(scores), tuple(suvs), tuple(pairs))


def _uptake(sents: list[_Sentence], table: _Table, timepoint: str | None, flags: list[str]) -> TextFact | None:
    statements = []  # (direction, site keys, quote, kind)
    for s in sents:
        sentence_keys = None
        for name, pos, hedged in _directions(s.text):
            if hedged:  # "stable to slightly decreased"
                flags.append("TEXT_UPTAKE_AMBIGUOUS")
                return None
            if not (keys := _keys_at(s.text, pos)):  # "Deauville 4 in the spleen; uptake unchanged"
                keys = sentence_keys = _site_keys(s.text) if sentence_keys is None else sentence_keys
            statements.append((name, keys, _quote(s.text, pos), "word"))
        for m in P.SUV_PCT.finditer(s.text):  # "65% reduction in SUVmax", "delta SUVmax -76%"
            pct = float(m.group("p1") or m.group("p2") or m.group("p3"))
            word = (m.group("d1") or m.group("d3") or "").lower()
            up = word.startswith(("increas", "ris", "rose")) or m.group("s2") == "+"
            name = "unchanged" if pct < SUV_CHANGE * 100 else "increased" if up else "reduced"
            statements.append((name, _keys_at(s.text, m.start()), _quote(s.text, m.start()), "percent"))
        for c, p, pos in _suv_values(s.text, timepoint)[1]:
            statements.append((_change(c, p), _keys_at(s.text, pos), _quote(s.text, pos), "numeric"))
    statements += [(_change(c, p), NO_KEYS, _quote(q), "numeric") for c, p, q in table.pairs]
    readings = {(st[0], st[1]) for st in statements}
    if any(a[0] != b[0] and (not a[1] and not b[1] or a[1] & b[1]) for a in readings for b in readings):
        flags.append("TEXT_UPTAKE_AMBIGUOUS")  # the same site (or the report as a whole) read two ways
        return None
    if not statements:
        return None
    if all(st[3] == "numeric" for st in statements):
        flags.append("UPTAKE_CHANGE_NOT_CODED")
    worst = max(statements, key=lambda st: (UPTAKE_RANK[st[0]], st[3] == "word"))
    return TextFact(worst[0], worst[2])


# --- new lesions, marrow ----------------------------------------------------------------------------

def _new_lesions(sents: list[_Sentence]) -> tuple[TextFact | None, TextFact | None]:
    positive, negative, etiologies = None, None, []
    for i, s in enumerate(sents):
        text = s.text
        if bare := P.NEW_BARE_NEG.search(text):  # "no new.", "nil new"
            negative = negative or TextFact(False, _quote(text, bare.start()))
        late = P.NEW_AFTER.search(text) or P.NEW_EXCEPT.search(text)
        if late and not P.NEG_NEW_BEFORE.search(P.CLAUSE_BREAK.split(_before(text, late.start()))[-1]):
            positive = positive or TextFact(True, _quote(text, late.start()))  # "a focus, new since the prior study"
            if kind := _etiology(text[max(0, late.start() - 300): late.end() + 300]):
                etiologies.append(TextFact(kind, _quote(text, late.start())))
        for m in P.NEW.finditer(text):
            if P.NEW_DENY_MID.search(m.group("mid")):
                continue  # "new baseline", "new treatment"
            clause = P.CLAUSE_BREAK.split(_before(text, m.start()))[-1]
            if P.NEG_NEW_BEFORE.search(clause) or P.NEG_NEW_AFTER.match(text[m.end():]):
                negative = negative or TextFact(False, _quote(text, m.start()))
                continue
            positive = positive or TextFact(True, _quote(text, m.start()))
            follow = sents[i + 1].text if i + 1 < len(sents) and P.CONTINUATION.match(sents[i + 1].text) else ""
            if kind := _etiology(text[m.start() - len(clause): m.end() + 300]):
                etiologies.append(TextFact(kind, _quote(text, m.start())))
            elif follow and (kind := _etiology(follow)):  # "New foci in the spleen. These are likely ..."
                etiologies.append(TextFact(kind, _quote(follow)))
    if positive is None:
        return negative, None
    if not etiologies:  # "Conclusion: appearances in keeping with relapsed lymphoma"
        etiologies = [TextFact("lymphoma", _quote(s.text)) for s in sents
                      if s.section.startswith(P.CONCLUSION_SECTIONS) and _etiology(s.text) == "lymphoma"][:1]
    return positive, max(etiologies, key=lambda f: ETIOLOGY_RANK[f.value], default=None)


def _marrow_clause(clause: str) -> str | None:
    seg = next((c for c in clause.split(",") if P.MARROW.search(c)), clause)
    new = P.MARROW_NEW.search(seg)
    if P.MARROW_NONE.search(clause):
        return "none"
    if new and P.MARROW_FOCAL.search(seg) and not P.NEG_NEW_BEFORE.search(seg[: new.start()]) \
            and _etiology(clause) != "not_lymphoma":
        return "new_or_recurrent_focal"
    if P.MARROW_DIFFUSE.search(clause) and not P.FOCAL.search(clause):
        return "diffuse_reactive"
    if not P.FOCAL_LESION.search(clause):
        return None
    directions = {d for d, _, _ in _directions(clause)}
    if P.MARROW_RESOLVED.search(clause) and not directions - {"reduced"}:
        return "focal_residual_reduced" if P.RESOLVING.search(clause) else "none"
    return "unchanged" if "unchanged" in directions else "focal_residual_reduced" if "reduced" in directions else None


def _marrow(sents: list[_Sentence]) -> TextFact | None:
    found = [TextFact(value, _quote(s.text, s.text.find(clause))) for s in sents
             for clause in P.MARROW_CLAUSE_BREAK.split(s.text)
             if P.MARROW.search(clause) and (value := _marrow_clause(clause))]
    return max(found, key=lambda f: MARROW_RANK[f.value], default=None)


# --- SUVmax, TMTV, category, timepoint -------------------------------------------------------------

def _suv_max(sents: list[_Sentence], table: _Table, timepoint: str | None) -> TextFact | None:
    values = [(v, s.text, pos) for s in sents for v, pos in _suv_values(s.text, timepoint)[0]]
    best = max(values + [(v, q, 0) for v, q in table.suvs], default=None)
    return TextFact(best[0], _quote(best[1], best[2])) if best else None


def _tmtv(sents: list[_Sentence], timepoint: str | None) -> TextFact | None:
    for s in sents:
        for m in [*P.TMTV_UNIT.finditer(s.text), *P.TMTV.finditer(s.text)]:  # a value with a unit first
            value = m
            if P.FROM.search(m.group("fill")) and (to := P.TMTV_TO.match(s.text[m.end("v"):])):
                value = to  # "TMTV has fallen from 512 mL to 38 mL"
            elif P.SUV_PRIOR_FILL.search(m.group("fill")) or _is_prior(s.text, m.start(), m.end(), timepoint):
                continue
            litres = (value.group("u") or "").lower().startswith("l")
            return TextFact(float(value.group("v")) * (1000 if litres else 1), _quote(s.text, m.start()))
    return None


def _category(sents: list[_Sentence], timepoint: str | None, flags: list[str]) -> TextFact | None:
    found: dict[str, TextFact] = {}
    for s in sents:
        for m in P.CATEGORY.finditer(s.text):
            neg = P.NEG_CATEGORY.search(P.PIECE_BREAK.split(_before(s.text, m.start()))[-1])
            after = s.text[m.end():]
            if neg and not P.NEG_CATEGORY_OK.search(neg.group(0)) or P.CATEGORY_AFTER_NEG.match(after) \
                    or P.CATEGORY_DEF.match(after) or _is_prior(s.text, m.start(), m.end(), timepoint):
                continue  # "no evidence of PMD", "CMR = DS 1-3", "interim PET showed CMR"
            found.setdefault(m.lastgroup, TextFact(m.lastgroup, _quote(s.text, m.start())))
    if len(found) > 1:  # "?CMR vs PMR"
        flags.append("TEXT_CATEGORY_AMBIGUOUS")
        return None
    return next(iter(found.values()), None)


def _timepoint(sents: list[_Sentence]) -> TextFact | None:
    """From the text before the findings (title, indication, history) by priority; else the first
    strong mention elsewhere ("compared with the staging PET" does not count)."""
    has_heading = any(s.section for s in sents)
    pre = [s for s in sents if s.section.startswith(P.PRE_SECTIONS) or has_heading and not s.section] or sents[:1]
    rest = [s for s in sents if s not in pre and not s.section.startswith(P.SKIP_SECTIONS)]
    passes = ((pre, (P.TIMEPOINT_STRONG, P.TIMEPOINT_WEAK)), (rest, (P.TIMEPOINT_STRONG, P.TIMEPOINT_WEAK[:2])))
    for group, tables in passes:
        for table in tables:
            hits: dict[int, tuple[tuple[int, int], TextFact]] = {}
            for i, s in enumerate(group):
                for rank, (name, pattern) in enumerate(table):
                    for m in pattern.finditer(s.text):
                        if not P.TIMEPOINT_EXCLUDE_BEFORE.search(s.text[max(0, m.start() - 40): m.start()]):
                            hits.setdefault(rank, ((i, m.start()), TextFact(name, _quote(s.text, m.start()))))
            if hits:
                return hits[min(hits)][1] if group is pre else min(hits.values(), key=lambda h: h[0])[1]
    return None


# --- entry point ----------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # pure and immutable: the same report text is read once per worker (issue 7)
def extract_pet_findings(text: str) -> PetTextFindings:
    """Findings of one PET-CT report (plain text, or HTML, which is converted first)."""
    text = html_to_text(text) if P.HTML_HINT.search(text or "") else text or ""
    sents = _sentences(text)
    flags: list[str] = []
    timepoint = _timepoint(sents)
    tp = timepoint.value if timepoint else None
    body = [s for s in sents if not s.section.startswith(P.SKIP_SECTIONS)]  # not history, comparison, technique
    table = _table(body)
    deauville, x, sites = _deauville(body, table, tp, flags)
    new, etiology = _new_lesions(body)
    category = _category(body, tp, flags)
    if new and new.value and etiology is None:  # the reader's PMD, or an X score, explains the new lesion
        if category and category.value == "PMD":
            etiology = TextFact("lymphoma", category.quote)
        elif x:
            etiology = TextFact("not_lymphoma", x.quote)
    uptake = _uptake(body, table, tp, flags)
    return PetTextFindings(
        deauville=deauville, deauville_x=x, sites=sites, uptake=uptake, new_lesions=new, new_lesion_etiology=etiology,
        marrow=_marrow(body), suv_max=_suv_max(body, table, tp), tmtv_ml=_tmtv(body, tp), category=category,
        timepoint=timepoint, flags=tuple(dict.fromkeys(flags)))
