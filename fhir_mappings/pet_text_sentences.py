"""Reading the text of a PET-CT report, for the reader in `pet_text.py`: per-site tables (pipe or
space-aligned), what a position in a sentence refers to (its quote, its clause, its site, whether it
speaks about another scan), score mentions, and the timepoint of the scan from the sections. Sentences
and sections come from `report_sections` (re-exported here); SUVmax and TMTV values are read in
`pet_text_values`.

Pure and IO-free; the regexes used only here are compiled once at import, the shared vocabulary
comes from `pet_text_patterns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from fhir_mappings import pet_text_patterns as P
from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_sections import SKIP_KINDS, Sentence, sentences, split_sentences

__all__ = ["Sentence", "Table", "parse_table", "sentences", "split_sentences"]

# --- patterns: tables, labels -------------------------------------------------------------------------

PRE_SECTIONS = ("history",)
CONCLUSION_SECTIONS = ("impression",)
SKIP_SECTIONS = SKIP_KINDS
PRE_LABEL = rx(r"^\s*(?:patient|question|clinical\s+question|background|hx|dx|diagnosis|referral|request|purpose)\s*:")
TITLE_LINE = rx(r"^[^a-z]{2,80}$", 0)
TABLE_DS = rx(r"^\s*(?:DS|deauville(?:\s+score)?|5-?PS|score)(?:\s*\([^)]*\))?\s*$")
TABLE_SUV = rx(r"SUV\s*-?\s*max|max\s+SUV|^\s*SUV\s*$")
TABLE_TIME = rx(r"""\b(?:baseline|previous|prior|staging|initial|pre[\s-]?\w*|current|now|today|present|latest|
    this\s+(?:scan|study|PET)|interim|EOT|end[\s-]of[\s-]treatment|follow[\s-]?up|restaging|post[\s-]?\w+)\b""")
TABLE_PRIOR_COLUMN = rx(r"""\b(?:baseline|previous|prior|staging|initial|diagnosis|pre\b-?|
    pre-?(?:treatment|therapy|salvage|chemo\w*|Rx))""")
TABLE_INTERIM = rx(r"\binterim\b|\biPET")
TABLE_REF_ROW = rx(r"""\b(?:liver|hepatic\s+(?:background|reference)|blood[\s-]*pool|MBP|reference|background|aort\w*)\b
    |^\s*mediastin\w*\s*(?:\([^)]*\))?\s*$""")
TABLE_SIZE = rx(r"\b(?:size|diameter|dimensions?|axis|cm|mm)\b")
TABLE_SCORE = rx(r"([1-5])(?:\s*(/|-|–)\s*([1-5]))?")
NUMBER_CELL = rx(r"\d{1,3}(?:\.\d+)?")

NO_KEYS: frozenset[str] = frozenset()
GENERIC = frozenset({"*"})  # "nodal sites", "other sites": a site, but not a specific one


@fast_init
@dataclass(frozen=True, slots=True)
class Table:  # per-site tables: "Site | Baseline SUVmax | Current SUVmax | DS"
    scores: tuple[tuple[str, int | str, str], ...] = ()  # (row label, score 1-5 or "X", row)
    suvs: tuple[tuple[float, str], ...] = ()  # (current SUVmax, row)
    pairs: tuple[tuple[str, float, float, str], ...] = ()  # (row label, current, prior, row)
    new_rows: tuple[tuple[str, str], ...] = ()  # (row label, row) of rows marked "(new)" with no score
    prior_label: str = ""  # the header of the earlier scan's column ("Staging SUVmax", "Interim SUVmax")


# --- per-site tables --------------------------------------------------------------------------------

def _columns(header: list[str], caption: str) -> tuple[list[int], int | None, int | None]:
    """(score columns, current SUVmax column, prior SUVmax column) of a table header."""
    suv_context = any(TABLE_SUV.search(c) or TABLE_DS.match(c) for c in header) or bool(TABLE_SUV.search(caption))
    ds = [i for i, c in enumerate(header) if TABLE_DS.match(c)]
    suv = [i for i, c in enumerate(header) if TABLE_SUV.search(c)]  # a time-only column when no SUV column is named
    suv = suv or [i for i, c in enumerate(header) if suv_context and TABLE_TIME.search(c) and not TABLE_SIZE.search(c)]
    prior = [i for i in suv if TABLE_PRIOR_COLUMN.search(header[i])]
    now = [i for i in suv if i not in prior]
    if len(now) > 1:  # "Interim SUVmax | EOT SUVmax": the interim column is the earlier scan
        prior += [i for i in now if TABLE_INTERIM.search(header[i])]
        now = [i for i in now if i not in prior]
    return ds, (now[-1] if now else None), (prior[-1] if prior else None)


def _cell_score(cell: str) -> int | str | None:
    """A score cell: "4", "X", or a range counted as its highest ("2-3", "4/5"; "3/5" is three of five)."""
    if cell in ("X", "x"):
        return "X"
    if not (m := TABLE_SCORE.fullmatch(cell)):
        return None
    v, v2 = int(m.group(1)), int(m.group(3)) if m.group(3) else None
    return v if v2 is None or m.group(2) == "/" and v2 == 5 and v != 4 else max(v, v2)


def parse_table(sents: list[Sentence]) -> Table:
    scores, suvs, pairs, new_rows, header, caption, prior_label = [], [], [], [], None, "", ""
    for s in sents:
        cells = [c.strip() for c in s.text.split("|")]
        if len(cells) > 2 and not cells[0] and not cells[-1]:  # "| Site | DS |": outer pipes
            cells = cells[1:-1]
        numbers = [bool(NUMBER_CELL.fullmatch(c)) for c in cells]
        if len(cells) < 2:
            header, caption = None, s.text
        elif not any(numbers) and any(TABLE_DS.match(c) or TABLE_SUV.search(c) or TABLE_TIME.search(c)
                                      for c in cells[1:]):
            header, (ds, now, prior) = cells, _columns(cells, caption)
            prior_label = cells[prior] if prior is not None else prior_label
        elif header and len(cells) == len(header):
            label = cells[0]
            row_scores = [(label, v, s.text) for i in ds if (v := _cell_score(cells[i])) is not None]
            scores += row_scores
            if not row_scores and P.NEW_TAG.search(label):  # "Right inguinal (new) | - | 3.4 | -"
                new_rows.append((label, s.text))
            if TABLE_REF_ROW.search(label) and not P.SUV_LESION.search(label) and not any(
                    P.SCORE_DIGIT.fullmatch(cells[i]) for i in ds):
                continue  # "Liver (reference) | 2.2 | 2.4 | -": a reference region, not a lesion
            if now is not None and numbers[now]:
                suvs.append((float(cells[now]), s.text))
                if prior is not None and numbers[prior]:
                    pairs.append((label, float(cells[now]), float(cells[prior]), s.text))
    return Table(tuple(scores), tuple(suvs), tuple(pairs), tuple(new_rows), prior_label)


# --- a position in a sentence -------------------------------------------------------------------------

def quote(sentence: str, at: int = 0) -> str:
    start = max(0, min(at - 100, len(sentence) - 300))
    return sentence[start: start + 300].strip()


def before(text: str, pos: int, width: int = 150) -> str:
    """The text just before `pos` (bounded, so long reports stay linear)."""
    return text[max(0, pos - width): pos]


def mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def site_keys(text: str) -> frozenset[str]:
    keys = set()
    for m in P.SITE.finditer(text):
        side = P.SIDE_BEFORE.search(text[max(0, m.start() - 20): m.start()])
        keys.add((side.group(1)[0].lower() if side else "") + m.group(0).lower()[:5])
    return frozenset(keys)


def clause_at(text: str, pos: int) -> str:
    """The clause around `pos` ("... but unchanged in the left axilla")."""
    lefts = [m.end() for m in P.CLAUSE_SPLIT.finditer(text, max(0, pos - 300), pos)]
    right = P.CLAUSE_SPLIT.search(text, pos, pos + 300)
    return text[lefts[-1] if lefts else max(0, pos - 300): right.start() if right else pos + 300]


def keys_at(text: str, pos: int) -> frozenset[str]:
    """Site keys of the clause around `pos` ("... but unchanged in the left axilla"). A clause naming
    several sites (a dictated run-on) gives the site named last before `pos`, else the first after it."""
    clause = clause_at(text, pos)
    keys = site_keys(clause)
    if len(keys) < 2:
        return keys
    offset = text.find(clause, max(0, pos - 300)) if clause else -1
    mentions = [(m.start(), m.end()) for m in P.SITE.finditer(clause)]
    before_pos = [mt for mt in mentions if offset < 0 or offset + mt[1] <= pos]
    start, end = before_pos[-1] if before_pos else mentions[0]
    return site_keys(clause[max(0, start - 20): end])


def noun_keys(text: str) -> frozenset[str]:
    """A lesion named without a site ("the dominant mass", "the smaller nodes"): "~" keys."""
    return frozenset("~" + m.group(1).lower()[:4] for m in P.LESION_NOUN.finditer(text))


def is_prior(text: str, start: int, end: int, timepoint: str | None) -> bool:
    """A value about another scan ("baseline PET (Deauville 5)", "Deauville 5 at staging")."""
    def own(marker: str | None) -> bool:  # "interim PET: DS 4" in an interim report is this scan
        return timepoint is not None and P.MARKER_TIMEPOINT.get((marker or "").lower().replace(" ", "")) == timepoint

    window = text[max(0, start - 80): start]
    if P.PRIOR_PAREN.search(window) or P.PRIOR_RELATIVE.search(window):
        return True  # "Cf the Day +28 scan (PMR, DS 4)", "the interim PET, which showed DS 4"
    if (scan := P.PRIOR_SCAN_SCORE.search(window)) and not (
            scan.group("ev") and timepoint == "relapse_or_follow_up" and scan.group("ev").lower() == "relapse"):
        return True  # "Cf the Day +28 scan (PMR, DS 4)", "the interim PET, which showed DS 4"
    if (paren := P.PRIOR_STUDY_PAREN.search(window)) and not own(paren.group("m")):
        return True  # "the end-of-treatment PET-CT (10/2025, DS 2 - CMR)"
    s = P.PRIOR_SENTENCE.match(text)
    if s and not own(s.group("m") or s.group("m3") or s.group("m2")):
        return True
    window, b = text[max(0, start - 60): start], None
    while b := P.PRIOR_BEFORE.search(window, b.end("m") if b else 0):  # the nearest marker decides
        gap = b.group("gap")
        if P.SPACED_DASH.search(gap) and P.COMPARED_WITH_END.search(window[:b.start("m")]):
            continue  # "reduced compared with baseline - Deauville 3": the comparator, then this scan's value
        if not P.PRIOR_GAP_STOP.search(gap) and ("(" not in gap or P.STUDY_NOUN.search(gap)):
            return not own(b.group("m"))
    a = P.PRIOR_AFTER.match(text[end:])
    return bool(a and not own(a.group("m") or a.group("m2")))


# --- score mentions: their value and site ------------------------------------------------------------

def score_site(text: str, start: int, end: int, after_end: int) -> tuple[str, frozenset[str]]:
    """The site a score is about: "in the left axilla" after it, else the words before it."""
    after = P.SITE_AFTER.match(text[after_end:])
    named = after and (after.group("s") or after.group("p"))
    if named and P.SITE.search(named):  # "Deauville 4 in the left axilla", "Deauville 5 (new hepatic lesion)"
        return named.strip(), site_keys(named)
    if named and P.GENERIC_SITE.search(named):  # "Deauville 3 at nodal sites"
        return "", GENERIC
    seg = mask(P.PARENTHETICAL.sub(" ", text[start:end]), P.SITE_REFERENCE)
    pieces = [p for p in P.PIECE_BREAK.split(seg) if P.SITE.search(p) or P.GENERIC_SITE.search(p)]
    parts = P.SITE_CUT.split(pieces[-1]) if pieces else [""]  # "Residual uptake | in the left axillary node"
    seg = P.SITE_LEAD.sub("", next((p for p in parts if P.SITE.search(p)), parts[0]).strip(" -–"))
    seg = " ".join(seg.strip(" -–").split())
    if P.SITE.search(seg):
        return seg, site_keys(seg)
    return "", GENERIC if pieces and P.GENERIC_SITE.search(seg) else NO_KEYS


def score_value(m: re.Match[str]) -> tuple[int | str | None, int] | None:
    """(value, top) of one mention: a range ("2-3", "4/5", "4 or 5") counts as its highest score
    (architecture.md, second set); "2/5" is two out of five; None in a definition ("Deauville 1-3 = CMR")."""
    raw = m.group("v")
    v: int | str | None = P.WORD_NUM.get(raw.lower()) or ("X" if raw in "Xx" else int(raw))
    top = v if isinstance(v, int) else 0
    if not m.groupdict().get("v2"):
        return v, top
    v2, sep = int(m.group("v2")), m.group("alt").strip()[0]
    if sep == "/" and v2 == 5 and v != 4:
        return v, top  # "2/5": out of five
    if abs(v2 - top) != 1 and sep not in "ov":
        return None
    return None if P.DS_DEFINITION.search(m.string[m.end(): m.end() + 40]) else (max(top, v2), max(top, v2))


# --- the timepoint of this scan, from the sections ----------------------------------------------------

def scan_timepoint(sents: list[Sentence]) -> tuple[str, str] | None:
    """From the title line(s) above the headings (or an upper-case first line), which name this scan and
    outrank history words about earlier ones ("PET-CT: follow-up" over "pre-ASCT" in the history); then
    the text before the findings (indication, history) by priority; else the first strong mention
    elsewhere ("compared with the staging PET", "CMR at end of treatment" do not count)."""
    has_heading = any(s.section for s in sents)
    lead = next((i for i, s in enumerate(sents) if P.FINDING_HINT.search(s.text)), len(sents))
    pre = [s for s in sents if s.section.startswith(PRE_SECTIONS) or has_heading and not s.section]
    pre = pre or sents[:max(1, lead)]  # no headings: the lines before the first finding
    if not has_heading:  # ... and lines labelled as the patient's history or the scan's question
        pre += [s for s in sents[lead:] if PRE_LABEL.match(s.text) and s not in pre]
    # a title above the headings ("PET-CT: follow-up") names this scan; history below it may name others
    title = list(takewhile(lambda s: not s.section, sents)) if has_heading else [
        s for s in sents[:1] if TITLE_LINE.match(s.text)]  # no headings: an upper-case first line
    rest = [s for s in sents if s not in pre and not s.section.startswith(SKIP_SECTIONS)]
    passes = ((title, (P.TIMEPOINT_STRONG, P.TIMEPOINT_WEAK)), (pre, (P.TIMEPOINT_STRONG, P.TIMEPOINT_WEAK)),
              (rest, (P.TIMEPOINT_STRONG, P.TIMEPOINT_WEAK[:2])))
    for group, tables in passes:
        for table in tables:
            found = _earliest(group, table) if group is rest else _by_rank(group, table)
            if found:
                return found
    return None


def _timepoint_at(text: str, pattern) -> int | None:
    """Where `pattern` first names a timepoint in `text` ("compared with the staging PET" does not)."""
    for m in pattern.finditer(text):
        if not P.TIMEPOINT_EXCLUDE_BEFORE.search(text[max(0, m.start() - 40): m.start()]):
            return m.start()
    return None


def _by_rank(group: list[Sentence], table) -> tuple[str, str] | None:
    """The highest-ranked pattern of `table` found anywhere in `group` (its first place)."""
    for name, pattern in table:
        for s in group:
            if (at := _timepoint_at(s.text, pattern)) is not None:
                return name, quote(s.text, at)
    return None


def _earliest(group: list[Sentence], table) -> tuple[str, str] | None:
    """The first mention in `group`: the earliest sentence naming one, in it the earliest place (ties: the
    higher rank)."""
    for s in group:
        places = [(at, rank, name) for rank, (name, pattern) in enumerate(table)
                  if (at := _timepoint_at(s.text, pattern)) is not None]
        if places:
            at, _, name = min(places)
            return name, quote(s.text, at)
    return None
