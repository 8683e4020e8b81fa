"""Staging statements of a report (PET, CT or staging text): extensive mesenteric disease, the extranodal
organs involved, marrow involvement (architecture.md, second set: "Derived facts" and "Stage II with
extensive mesenteric disease stated anywhere").

- `extensive_mesenteric`: true when the report states extensive mesenteric disease; false when it denies
  it ("No evidence of extensive mesenteric disease", "no mesenteric lymphadenopathy", "the mesentery is
  clear"); a statement about an earlier scan ("the previously extensive mesenteric disease") does not count.
- `extranodal_organs`: the organs stated as currently involved by lymphoma (vocabulary `ORGANS` of
  report_findings; the spleen and Waldeyer's ring are nodal and never listed): a clause naming an organ
  with an involvement word ("osseous involvement", "residual gastric lymphoma", "Liver: involved"), or a
  new lesion in that organ whose etiology is lymphoma. "No extranodal disease" / "no other extranodal
  disease" closes the list (an empty tuple when nothing is named). Resolved organs, organs of the
  history and uncertain or non-lymphoma lesions do not count.
- `marrow_involved`: true with marrow involvement, false when the report denies it.
Negation-aware (clause scope); history, technique and comparison sections are excluded. Pure, no IO.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import takewhile

from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_patterns import SITE_REFERENCE, rx
from fhir_mappings.report_findings import (
    NODAL_PHRASE,
    ORGANS,
    NewLesions,
    names_an_organ,
    new_cue,
    new_lesions,
    organs_named,
)
from fhir_mappings.report_scope import clauses, etiology, negated
from fhir_mappings.report_html import plain_text
from fhir_mappings.report_sections import SKIP_KINDS, Sentence, TextFact, sentences

__all__ = ["NO_STAGING", "ORGANS", "StagingText", "extract_staging", "staging_from"]

MESENTERIC = rx(r"\bmesen?t[ae]r\w*|\bmesentery\b")
EXTENSIVE = rx(r"\bextensive(?:ly)?\b")
MESENTERY_CLEAR = rx(r"""\bmesentery\s+(?:is\s+)?(?:\w+ly\s+|otherwise\s+)?(?:clear|normal|unremarkable|uninvolved|not\s+involved)|
    \bmesenteric\s+(?:nodes?\s+)?(?:are\s+|is\s+)?(?:clear|normal|unremarkable|not\s+involved|uninvolved)\b""")
MESENTERIC_DISEASE = rx(r"\b(?:disease|lymphadenopathy|adenopathy|nodes?|nodal|mass(?:es)?|involvement|uptake|lymphoma)\b")
PRIOR = rx(r"""\b(?:previously|formerly|initially|at\s+(?:diagnosis|staging|baseline|presentation)|baseline|pre-?treatment|
    prior|original(?:ly)?|was|were|had\s+been)\b""")
GONE = rx(r"""\b(?:resolved|resolution|no\s+longer|normali[sz]\w*|disappeared|regressed\s+completely|
    completely\s+regressed|no\s+residual|returned\s+to\s+normal)\b""")
INVOLVED = rx(r"""\b(?:involv\w*|infiltrat\w*|lymphoma\w*|lymphomatous|deposits?|disease|positive)\b""")
NOT_INVOLVED_WORDS = rx(r"\b(?:normal|unremarkable|physiolog\w*|reference|background|clear|uninvolved|spared)\b")
EXTRANODAL_CLOSED = rx(r"""\b(?:no|nil|without|absence\s+of)\s+(?:other\s+|further\s+|residual\s+|evidence\s+of\s+(?:other\s+)?|
    additional\s+)?(?:(?:\w+\s+){0,2}or\s+(?:other\s+)?)?extra-?nodal\s+(?:disease|involvement|sites?|lesions?|abnormalit\w*|
    lymphoma|uptake)|\bextra-?nodal\s+(?:sites?|disease|involvement)\s*:\s*(?:none|nil|no\b|negative)|
    \bother\s+extra-?nodal\s+sites?\s*:\s*(?:none|nil|no\b)""")
NEGATION_START = rx(r"\b(?:no|not|nil|without|negative)\b")
MARROW = rx(r"\b(?:bone\s+)?marrow\b|\bBM\b|\btrephine\b")
MARROW_INVOLVED = rx(r"\b(?:involv\w*|infiltrat\w*|lymphoma\w*|deposits?|positive|disease)\b")
MARROW_CLEAR = rx(r"""\b(?:no|nil|without|negative\s+for)\s+(?:\w+\s+){0,3}?(?:marrow\s+)?(?:involvement|infiltration|disease|
    lymphoma)\b|\bmarrow\b[^;.]{0,30}?\b(?:not\s+involved|uninvolved|negative|clear|normal|unremarkable)\b""")


@fast_init
@dataclass(frozen=True, slots=True)
class StagingText:
    extensive_mesenteric: TextFact | None = None  # bool
    extranodal_organs: TextFact | None = None  # tuple[str, ...] (sorted)
    marrow_involved: TextFact | None = None  # bool


NO_STAGING = StagingText()  # nothing stated


def _mesenteric(body: list[Sentence]) -> TextFact | None:
    found: TextFact | None = None
    for s in (s for s in body if MESENTERIC.search(s.text)):
        for _, clause in clauses(s.text):
            if not (m := MESENTERIC.search(clause)) or PRIOR.search(clause):
                continue
            ext = EXTENSIVE.search(clause)
            if ext and not negated(clause, ext.start(), ext.end()):
                return TextFact(True, s.text)
            if ext or MESENTERY_CLEAR.search(clause) or (
                    MESENTERIC_DISEASE.search(clause) and negated(clause, m.start(), m.end())):
                found = found or TextFact(False, s.text)  # "no evidence of extensive mesenteric disease"
    return found


def _organs_in(clause: str) -> set[str]:
    if not names_an_organ(clause):
        return set()
    return set(organs_named(NODAL_PHRASE.sub(" ", SITE_REFERENCE.sub(" ", clause))))  # "below liver", "porta hepatis"


def _stated_organs(body: list[Sentence]) -> tuple[set[str], str]:
    """Organs a statement calls involved: the clause naming the organ, the clauses that continue it ("left
    breast mass (4.1 cm) with axillary nodes, consistent with the known lymphoma") and, for an organ named
    in brackets, the clause it explains ("Stage IIE disease (left kidney with regional nodes)")."""
    organs, quote = set(), ""
    for s in (s for s in body if names_an_organ(s.text)):
        parts = clauses(s.text)
        for k, (start, clause) in enumerate(parts):
            if not (named := _organs_in(clause)) or PRIOR.search(clause) or GONE.search(clause) \
                    or new_cue(clause):
                continue  # a new lesion counts through its etiology (staging_from)
            scope = [clause] + list(takewhile(lambda c: not _organs_in(c), (c for _, c in parts[k + 1:])))
            if k and s.text[:start].rstrip().endswith("("):
                scope.insert(0, parts[k - 1][1])
            statement = "; ".join(scope)
            cues = [(c, m) for c in scope for m in INVOLVED.finditer(c)]
            if not cues or any(negated(c, m.start(), m.end()) for c, m in cues) \
                    or NOT_INVOLVED_WORDS.search(clause) or etiology(statement) in ("not_lymphoma", "uncertain"):
                continue
            organs |= named
            quote = quote or s.text
    return organs, quote


def _marrow(body: list[Sentence], organs: set[str]) -> TextFact | None:
    for s in (s for s in body if MARROW.search(s.text)):
        for _, clause in clauses(s.text):
            if MARROW.search(clause) and MARROW_CLEAR.search(clause):
                return TextFact(False, s.text)
    if "bone_marrow" in organs:
        return TextFact(True, next((s.text for s in body if MARROW.search(s.text)), ""))
    return None


def staging_from(sents: list[Sentence], found: NewLesions | None = None) -> StagingText:
    """Staging statements of sentences already read (`found`: their new lesions, when already read)."""
    body = [s for s in sents if s.section not in SKIP_KINDS]
    found = found or new_lesions(sents)
    organs, quote = _stated_organs(body)
    report = found.report_etiology[0] if found.report_etiology else None
    for f in found.findings:  # a new lesion in an organ counts when it is lymphoma (the conclusion settles a hedge)
        kind = f.etiology if f.etiology in ("lymphoma", "not_lymphoma") else report or f.etiology
        if f.organ and kind == "lymphoma":  # "new lesions in the liver and lungs": every organ named, up to a negation
            organs |= _organs_in(NEGATION_START.split(f.site, maxsplit=1)[0]) or {f.organ}
            quote = quote or f.quote
    closed = next((s.text for s in body if "extra" in s.text.lower() and EXTRANODAL_CLOSED.search(s.text)), None)
    extranodal = TextFact(tuple(sorted(organs)), quote) if organs else TextFact((), closed) if closed else None
    return StagingText(_mesenteric(body), extranodal, _marrow(body, organs))


def extract_staging(text: str) -> StagingText:
    """Staging statements of one report (plain text or HTML)."""
    text = plain_text(text)
    return staging_from(sentences(text))
