"""Report text -> sentences, each with the section it sits in (shared by the PET, CT and pathology readers).

Sections are read from headings in any common spelling (US/UK/AU, all caps, numbered, inline
"Findings:", translated "Assessment:"/"Evaluation:") and normalised to one of SECTION_KINDS:
- `history`    clinical history / indication / reason / background: never a current finding;
- `technique`  technique / procedure / protocol / specimen / macroscopy: never a current finding;
- `comparison` the comparator ("Comparison: PET-CT 12/03/2025."): names the earlier scan only;
- `findings`   findings / report / microscopy: current findings;
- `impression` impression / conclusion / summary / opinion / assessment / comment (pathology: diagnosis);
- `addendum`   addendum / amended report: may revise the earlier text;
- `signoff`    "Reported by", "Electronically signed": nothing;
- ""           text before any heading (the title lines, or the whole of a report with no heading).

Scope of a history, technique or comparison heading: an inline heading ("Comparison: PET-CT 12/03/2025.
There is ...") covers its own sentence(s) only as far as they read like its kind; the findings after it are
findings. With no heading at all, the closing sentence(s) act as the impression (`Sentence.closing`).
Pure and IO-free; compiled once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_patterns import rx

__all__ = ["SECTION_KINDS", "Sentence", "TextFact", "is_conclusion", "sentences", "split_sentences"]

SECTION_KINDS = ("", "history", "technique", "comparison", "findings", "impression", "addendum", "signoff")
SKIP_KINDS = ("history", "technique", "comparison", "signoff")  # never current findings

# --- patterns: headings, sentences -----------------------------------------------------------------

SHORT_LINE = 60  # a line this short, followed by a capital, is a list item, not a wrapped sentence
ITEM_ENDS = tuple("0123456789)Xx:")  # a short line ending so, followed by a short line: two list items
PARAGRAPH_BREAK = rx(r"\n[ \t]*\n\s*")

_KIND_WORDS = {
    "history": r"""(?:(?:clinical|patient|relevant|past|medical|imaging|treatment|oncolog\w*|previous)\s+)*(?:history|hx)
        (?:\s+and\s+indications?)?|case(?:\s+summary)?|
        clinical(?:\s+(?:indications?|information|info|details|question|notes?|summary|data|background|
        request|context|diagnosis))?|indications?(?:\s+for\s+(?:exam\w*|study|scan))?|
        reason\s+for\s+(?:exam\w*|study|referral|request|scan)|background|referral(?:\s+(?:reason|details))?|
        request(?:\s+details)?|clinical\s+question""",
    "technique": r"""technique|procedure|protocol|methods?|acquisition|radiopharmaceutical|examination\s+technique|
        specimens?(?:\s+(?:type|received|description|site))?|material|tissue\s+submitted|macroscop\w*(?:\s+description)?|gross(?:\s+description)?""",
    "comparison": r"""comparisons?(?:\s+(?:studies|study|exam\w*))?|comparators?|
        (?:prior|previous)(?:\s+(?:studies|study|imaging|exam\w*|scans?|PET(?:[-/\s]?CT)?))?""",  # "Prior: interim PET"
    "findings": r"""(?:(?:PET|CT|PET[-/\s]?CT|imaging|FDG|detailed)\s+)?(?:findings|report|results?|description|
        observations?)|microscop\w*(?:\s+description)?|immunohistochemistry|immunophenotyp\w*|flow\s+cytometry|
        molecular(?:\s+studies)?|befund""",
    "impression": r"""(?:(?:final|overall|clinical|radiolog\w*|response|MDT)\s+)?(?:impressions?|outcome|conclusions?|summary|
        opinion|interpretation|assessment|evaluation|appraisal|comments?|beurteilung|imp|concl)(?:\s+and\s+recommendations?)?|
        summary\s+of\s+findings|recommendations?|radiologist|reader""",
    "addendum": r"""addend(?:um|a)(?:\s+\d)?|amended\s+report|amendment|corrected\s+report|correction|revised\s+report|
        supplementary\s+report""",
    "signoff": r"""reported\s+by|dictated\s+by|verified\s+by|electronically\s+signed(?:\s+by)?|signed\s+by|
        authori[sz]ed\s+by|reporting\s+(?:radiologist|pathologist)""",
}
_DIAGNOSIS = r"(?:final\s+|histolog\w*\s+|pathological\s+)?diagnos[ie]s"
_ALL = "|".join(f"(?P<{k}>{v})" for k, v in _KIND_WORDS.items())
# A heading at the start of a sentence: optional list mark or "#", the words, then ":" / " -" / end; a
# consultant's "Our opinion:", "Our diagnosis:" too (a reference laboratory's letter; blind round 8).
HEADING = rx(r"""^\s*(?:[-•#*]+\s*|\d{1,2}[.)]\s+)?(?:(?:our|my)\s+)?(?:(?P<dx>""" + _DIAGNOSIS + r")|" + _ALL + r""")\s*\**
    (?:\s*\((?:[^()]{0,40})\)|\s+(?:of\s+|dated\s+)?\d[\d/.-]{3,9})?\s*(?::|-\s|–\s|—\s|\n|$)""")
# A heading inside a line ("... no new lesions. Impression: CMR"): the end of the sentence before it (group 1,
# kept by _inline_break), then a capital letter starting the heading's words and ":".
INLINE_HEADING = rx(r"([.;!?)]\s\s?)(?=(?-i:[A-Z]))(?=(?:" + _DIAGNOSIS + "|" + _ALL.replace("?P<", "?P<i_")
                    + r")\s*:)")
# spoken punctuation of voice dictation ("... no new lesions period impression ...")
SPOKEN_STOP = rx(r"\s+(?:period|full\s+stop)\.?(?:\s+(\w)|\s*$)")
SPOKEN_COMMA = rx(r"\s+comma(?=\s)")
SPOKEN_PARAGRAPH = rx(r"\s*\bnew\s+paragraph\b[.,]?\s*")
DECIMAL_COMMA = rx(r"(?<![\d,.])(\d{1,2}),(\d{1,2})(?![\d,])")
MISSPELLED = rx(r"""\b(?:(?P<deauville>d(?:eu|au|ea|eau|eua)vil{1,2}e?s?)|(?P<impression>imp(?:r|er)e?s{1,2}i?on)|
    (?P<mesenteric>mesen?t[ae]ric)|(?P<response>respones|respnse|resposne|repsonse|respone))\b""")


def _inline_break(m: re.Match[str]) -> str:  # a function: `re` would look a template up by the whole pattern
    return m.group(1) + "\n\n"  # the sentence end before an inline heading, then a blank line


def _spelled(m: re.Match[str]) -> str:
    word, said = m.lastgroup, m.group(0)
    return word.upper() if said.isupper() else word.capitalize() if said[0].isupper() else word
ABBREVIATIONS = frozenset(
    "e.g i.e vs approx dr mr mrs ms fig cf etc no nos st al ca incl resp prev max min est inj "
    "sig wk wks mo mos yr yrs ref".split())
SENTENCE_END = rx(r"(?<=[.!?])[\"')\]]*\s+|\n\s*\n+|\n(?=\s*(?:[-•*·]\s|\d{1,2}[.)]\s|[A-Z][A-Za-z ]{0,30}:))")
HEADING_LINE = rx(r"^[^a-z]{2,60}$|\|", 0)
LIST_MARK = rx(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+")
ALIGNED_GAP = rx(r"(?<=\S)(?:[ ]{2,}|\t+)(?=\S)")  # a column gap in a space-aligned table
NUMBER_CELL = rx(r"\d{1,3}(?:\.\d+)?")
TABLE_HINT = rx(r"SUV\s*-?\s*max|max\s+SUV|^\s*SUV\s*$|^\s*(?:DS|deauville(?:\s+score)?|5-?PS|score)\s*$")
# a later sentence of an inline comparison section still names studies, not findings
COMPARATOR_LIKE = rx(r"""\b(?:PET|CT|MRI|scan|study|studies|imaging|exam\w*|none|not\s+available|dated|of\s+\d)\b""")
CURRENT_FINDING = rx(r"""\b(?:there\s+(?:is|are|has|have)|no\s+(?:new|residual|abnormal|evidence|FDG|focal)|
    (?:is|are)\s+(?:seen|noted|present|identified)|shows?|demonstrates?|measur\w*|deauville|DS\s*[1-5X]|
    uptake|avid\w*|SUV\w*|node|nodes|mass|lesions?|foc(?:us|i))\b""")
CURRENT_START = rx(r"""^(?:there\s+(?:is|are|has\s+been|have\s+been)|no\s+(?:new|residual|abnormal|evidence|FDG|focal|
    significant)|(?:interval|new|persistent|residual|multiple|several)\s)""")
LABEL = rx(r"^[A-Za-z][\w /&()'.,+-]{0,40}:\s", 0)  # "Thorax: ...", "Reference: ..."
PRE_LABEL = rx(r"""^\s*(?:patient|question|clinical\s+question|hx|dx|diagnosis|referr\w*|request\w*|purpose|
    age|sex|stage|treatment|therapy|regimen|prior\s+(?:therapy|treatment)|date|previous\s+(?:therapy|treatment))\b""")
SIGNOFF_LINE = rx(r"""^\s*(?:dr\.?\s|consultant\b|(?:electronically\s+)?signed\b|dictated\b|transcribed\b|
    verified\b|reported\s+by\b|report\s+(?:date|status)\b|page\s+\d|end\s+of\s+report\b|[\d/.-]{6,10}\s*$)""")
SITE_OR_SIZE = rx(r"""\b(?:cm|mm|SUV\w*|deauville|DS|axill\w*|cervical|neck|mediastin\w*|hil\w*|
    (?:supra|infra)clavicular|para-?aortic|retroperitone\w*|mesenter\w*|iliac|inguinal|spleen|splenic|liver|
    hepatic|lung|pulmonary|bone|marrow|vertebra\w*)\b""")


@fast_init
@dataclass(frozen=True, slots=True)
class TextFact:
    value: object
    quote: str  # the sentence (trimmed, <= 300 chars) the value came from


@fast_init
@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    section: str  # one of SECTION_KINDS
    closing: bool = False  # a closing sentence with no heading, read as the impression
    heading: str = ""  # the heading's own words, lower case ("clinical history")


def is_conclusion(s: Sentence) -> bool:
    return s.section == "impression" or s.closing


# --- text and sentences -------------------------------------------------------------------------------

def _aligned_row(line: str) -> str:
    """A space-aligned table row ("Left neck     14.2     3.1     3") as a pipe row; prose is kept."""
    if "  " not in line and "\t" not in line:
        return line  # no column gap (ALIGNED_GAP): one cell, prose
    cells = ALIGNED_GAP.split(line.strip())
    if len(cells) < 3 or any(len(c) > 40 or c.endswith(".") and not NUMBER_CELL.fullmatch(c[:-1]) for c in cells):
        return line
    hint = any(NUMBER_CELL.fullmatch(c) or TABLE_HINT.search(c) for c in cells)
    return " | ".join(cells) if hint else line


def _split_paragraph(text: str) -> list[tuple[str, bool]]:
    """(sentence, starts a new line) pairs of one paragraph."""
    lines = text.split("\n")
    text = lines[0]
    for prev, line in zip(lines, lines[1:]):  # a line break ends a sentence unless it is mid-sentence
        short = len(prev.strip()) <= SHORT_LINE  # a short line ("Mediastinum: 3", "right hilum 3") is an item
        ends = (prev.rstrip().endswith((".", "!", "?", ":", ";")) or short) and line.strip()[:1].isupper() \
            or short and len(line.strip()) <= SHORT_LINE and prev.rstrip()[-1:] in ITEM_ENDS
        text += ("\n\n" if ends or HEADING_LINE.search(prev.strip()) or HEADING_LINE.search(line.strip()) else "\n")
        text += line
    out, start, new_line = [], 0, True
    for m in SENTENCE_END.finditer(text):
        head, nxt = text[start: m.start()], text[m.end(): m.end() + 1]
        if "\n" not in m.group(0):
            token = _last_token(head[-40:])  # the tail only: a long run-on is not read twice
            numbered = token.isdigit() and LIST_MARK.fullmatch(head.strip() + " ")
            query = head.rstrip().endswith("?") and head.rstrip()[-2:-1] in ("", " ", ":", "(")  # "? CMR": a query mark
            if token in ABBREVIATIONS or nxt.islower() or numbered or query:
                continue
        out.append((" ".join(head.split()), new_line))
        start, new_line = m.end(), "\n" in m.group(0)
    out.append((" ".join(text[start:].split()), new_line))
    return [(s, n) for s, n in out if s and not _only_mark(s)]


def _only_mark(sentence: str) -> bool:
    """A sentence (no outer whitespace) that is a bare list mark ("-", "2.", "12)"): at most 3 characters."""
    return len(sentence) <= 3 and LIST_MARK.fullmatch(sentence + " ") is not None


def _last_token(tail: str) -> str:
    r"""The last word of a sentence's tail, lower case, without trailing dots ("e.g" of "... e.g."): what
    the regex `([\w.]+)\W*$` finds, its group less trailing dots, read backwards in one pass (the regex
    tries every start). A word character is what `\w` matches: str.isalnum() or "_"."""
    end = len(tail)
    while end and not (tail[end - 1].isalnum() or tail[end - 1] == "_"):
        end -= 1
    start = end
    while start and (tail[start - 1].isalnum() or tail[start - 1] in "._"):
        start -= 1
    return tail[start:end].lower()


def _strip_mark(text: str) -> str:
    """The text less a leading list mark (LIST_MARK is anchored: it can only match at the start)."""
    m = LIST_MARK.match(text)
    return text[m.end():] if m else text


def _split(text: str) -> list[tuple[str, bool, bool]]:
    """(sentence, starts a new line, starts a new paragraph) triples."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    low = text.lower()
    if "comma" in low or "paragraph" in low:  # dictation: spoken punctuation
        text = SPOKEN_PARAGRAPH.sub("\n\n", SPOKEN_COMMA.sub(", ", text))
    if "period" in low or "full stop" in low:
        text = SPOKEN_STOP.sub(lambda m: ". " + m.group(1).upper() if m.group(1) else ".", text)
    if "," in text:
        text = DECIMAL_COMMA.sub(r"\1.\2", text)  # "SUVmax 5,8", "2,6 x 1,7 cm" (continental decimal commas)
    text = MISSPELLED.sub(_spelled, text)  # dictation typos of the words a reader keys on ("deuville", "imprssion")
    text = "\n".join(map(_aligned_row, text.split("\n"))).replace("\t", " ")
    text = INLINE_HEADING.sub(_inline_break, text)  # an inline "Findings:" starts a new block
    out = []
    for para in PARAGRAPH_BREAK.split(text):
        out += [(s, n, i == 0) for i, (s, n) in enumerate(_split_paragraph(para))]
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences, not split on decimals ("2.3"), abbreviations ("e.g.") or list numbers ("1.")."""
    return [s for s, _, _ in _split(text)]


def heading_kind(m: re.Match[str], pathology: bool) -> str:
    if m.group("dx"):
        return "impression" if pathology else "history"
    return next(k for k in _KIND_WORDS if m.group(k))


def sentences(text: str, pathology: bool = False) -> list[Sentence]:
    """Sentences with their section kind. `pathology`: "Diagnosis:" is the result, not the history.
    A report is split once however many readers ask (the PET and the staging reader read the staging
    scan's report): the split is remembered for the last 256 texts, each caller gets its own list."""
    return list(_sentences(text, pathology))


@lru_cache(maxsize=256)
def _sentences(text: str, pathology: bool) -> tuple[Sentence, ...]:
    parsed = []
    for raw, new_line, new_para in _split(text):
        m = HEADING.match(raw)
        kind = heading_kind(m, pathology) if m else "signoff" if new_line and SIGNOFF_LINE.match(raw) else None
        rest = _strip_mark(raw[m.end():].strip() if m and kind != "signoff" else raw)
        if m and kind != "signoff" and (inner := HEADING.match(rest)):  # "FINDINGS: Comparison: PET-CT ..."
            kind, rest, m = heading_kind(inner, pathology), rest[inner.end():].strip(), inner
        item = new_line and bool(LIST_MARK.match(raw) or LABEL.match(rest) and not PRE_LABEL.match(rest))
        parsed.append((kind, rest, new_line or item, new_para, m.group(0).strip(" :-–—#*\n").lower() if m else "", item))
    content_after = [False] * (len(parsed) + 1)  # a findings/impression/addendum heading follows
    for i in range(len(parsed) - 1, -1, -1):
        content_after[i] = content_after[i + 1] or parsed[i][0] in ("findings", "impression", "addendum")
    result, section, heading, bare, count = [], "", "", False, 0
    for i, (kind, raw, new_line, new_para, words, item) in enumerate(parsed):
        if kind == "signoff":  # "Reported by: Dr X": a line of its own, the section goes on after it
            result.append(Sentence(raw, "signoff"))
            continue
        if kind is not None:
            section, heading, bare, count = kind, words, not raw, 0
        elif section in SKIP_KINDS and (count or new_para and not bare):
            section = _skip_scope(section, raw, new_line, new_para, bare, count, content_after[i], item)
            heading = heading if section in SKIP_KINDS else ""
        if not raw:
            continue
        count += 1
        result.append(Sentence(raw, section, heading=heading))
    return tuple(_closing(result))


def _skip_scope(section: str, raw: str, new_line: bool, new_para: bool, bare: bool, count: int,
                heading_follows: bool, item: bool) -> str:
    """Does a history/technique/comparison section go on to this sentence, or do findings start here?"""
    if new_para and not (bare and count == 0):
        return "findings"  # a paragraph break ends it (a bare heading's own paragraph comes next)
    if section == "comparison":  # "Comparison: PET-CT 12/03/2025. There is a new node ...": findings
        return section if COMPARATOR_LIKE.search(raw) and not CURRENT_FINDING.search(raw) else "findings"
    if not heading_follows:  # no later heading: the label covers its own line (a bare one, the line after it)
        return "findings" if new_line and (count > 1 or not bare) else section
    if new_line and (CURRENT_START.match(raw) or "|" in raw or item and not bare):
        return "findings"  # "Thorax: ...", a new bullet, "There is ...", a table row: the findings have started
    return section


def _closing(result: list[Sentence]) -> list[Sentence]:
    """With no impression heading, the last sentence (and the short statements before it that name no
    site or size: "Consistent with relapse. Biopsy advised.") act as the impression."""
    if any(s.section in ("impression",) for s in result):
        return result
    body = [i for i, s in enumerate(result) if s.section in ("", "findings") and not SIGNOFF_LINE.match(s.text)]
    if len(body) < 2:
        return result
    marked = {body[-1]}
    for i in reversed(body[:-1]):
        if len(marked) >= 3 or i != min(marked) - 1 or SITE_OR_SIZE.search(result[i].text):
            break
        marked.add(i)
    return [Sentence(s.text, s.section, True, s.heading) if i in marked else s for i, s in enumerate(result)]
