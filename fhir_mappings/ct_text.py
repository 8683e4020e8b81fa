"""CT report text -> findings for the Lugano CT rules (clinical-logic.md §1.4; architecture.md, second set).

What a CT-only study needs: new lesions (a new node > 1.5 cm or a new extranodal site > 1.0 cm is
progression), their etiology, the reader's own assessment ("progressive disease", "partial response",
"complete (radiologic) response", "stable disease"), the SPD as stated, and the staging statements.

- `new_node_max_cm` / `new_extranodal_max_cm`: the largest dimension of the largest new node / new
  extranodal lesion, in cm ("26 x 18 mm" -> 2.6; "2,6 x 1,7 cm" -> 2.6), whatever its etiology; sizes of
  an earlier scan ("(baseline 5.1 x 3.9 cm)", "from 8.2 cm") are not the lesion's.
- `reader_assessment`: only the reader's words, negation-aware ("no evidence of progression" is not
  one); the conclusion outranks the findings; several in one place: the worst (progression > stable >
  partial_response > complete_response).
- `spd_cm2`: the current SPD as stated ("SPD 9.0 cm2 (baseline 44.5 cm2)", "decreased from 52.0 to
  19.8 cm2", "7.44 + 12.60 + 6.38 = 26.42 cm2"), never computed from the lesions.
Sections, scope and addenda as in the PET reader (report_sections, report_scope, report_addenda).
Pure and IO-free; compiled once at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from fhir_mappings.ct_spd import spd
from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_addenda import REVISED_FLAG, Revision, merge, split_addendum
from fhir_mappings.report_findings import NODAL, lesion_etiology, new_lesions
from fhir_mappings.report_scope import clauses, hedged, negated
from fhir_mappings.report_html import plain_text
from fhir_mappings.report_sections import SKIP_KINDS, Sentence, TextFact, is_conclusion, sentences
from fhir_mappings.staging_text import StagingText, staging_from

__all__ = ["CtTextFindings", "extract_ct_findings"]

ASSESSMENT_RANK = {"complete_response": 0, "partial_response": 1, "stable": 2, "progression": 3}
ASSESSMENT = rx(r"""(?P<progression>\bprogressive\s+disease\b|\bprogression\b(?![\s-]+free)(?!\s+of\s+(?:the\s+)?
        (?:consolidation|effusion|nodule|atelectasis|collection))|(?-i:\bPD\b))
    |(?P<partial_response>\bpartial\s+(?:radiolog\w*\s+)?(?:response|remission)\b|(?-i:\bPR\b))
    |(?P<complete_response>\bcomplete\s+(?:radiolog\w*\s+|anatomic\w*\s+)?(?:response|remission)\b|(?-i:\bCR\b))
    |(?P<stable>\bstable\s+disease\b|(?-i:\bSD\b))""")
THRESHOLD = rx(r"\b(?:threshold|criteria\s+for|required\s+for|needed\s+for|short\s+of|would\s+be|to\s+meet|definition)\b")

@fast_init
@dataclass(frozen=True, slots=True)
class CtTextFindings:
    new_lesions: TextFact | None  # bool
    new_node_max_cm: TextFact | None  # float, cm
    new_extranodal_max_cm: TextFact | None  # float, cm
    new_lesion_etiology: TextFact | None  # lymphoma / uncertain / not_lymphoma
    reader_assessment: TextFact | None  # progression / partial_response / complete_response / stable
    spd_cm2: TextFact | None  # float
    staging: StagingText
    addendum_revised: bool
    flags: tuple[str, ...]
    revision: Revision | None = None  # the superseded sentence and the addendum's


def _assessment(sents: list[Sentence]) -> TextFact | None:
    found: list[tuple[bool, int, str, str]] = []
    for s in sents:
        if s.section in SKIP_KINDS:
            continue
        for start, clause in clauses(s.text):
            for m in ASSESSMENT.finditer(clause):
                if negated(clause, m.start(), m.end()) or hedged(clause[: m.start()]) or THRESHOLD.search(clause):
                    continue  # "no evidence of progression", "possible progression", "the 50% threshold for PR"
                found.append((is_conclusion(s) or s.section == "addendum", ASSESSMENT_RANK[m.lastgroup],
                              m.lastgroup, s.text))
    if not found:
        return None
    top = max(f[0] for f in found)
    best = max((f for f in found if f[0] == top), key=lambda f: f[1])
    return TextFact(best[2], best[3])


def _read(sents: list[Sentence], addendum: bool = False) -> dict:
    found = new_lesions(sents)
    facts: dict = {"new_lesions": None, "new_node_max_cm": None, "new_extranodal_max_cm": None,
                   "new_lesion_etiology": None}
    if found.findings:
        first = found.findings[0]
        facts["new_lesions"] = TextFact(True, first.quote)
        nodes = [f for f in found.findings if f.size_cm is not None and not f.organ and NODAL.search(f.site)]
        others = [f for f in found.findings if f.size_cm is not None and f.organ]
        if nodes:
            top = max(nodes, key=lambda f: f.size_cm)
            facts["new_node_max_cm"] = TextFact(top.size_cm, top.quote)
        if others:
            top = max(others, key=lambda f: f.size_cm)
            facts["new_extranodal_max_cm"] = TextFact(top.size_cm, top.quote)
        if etiology := lesion_etiology(found):
            facts["new_lesion_etiology"] = TextFact(*etiology)
    elif found.stated:
        facts["new_lesions"] = TextFact(*found.stated)
    if not found.findings and addendum and found.report_etiology:  # the addendum restates the etiology only
        facts["new_lesion_etiology"] = TextFact(*found.report_etiology)
    facts["reader_assessment"] = _assessment(sents)
    facts["spd_cm2"] = spd(sents)
    staging = staging_from(sents, found)
    facts.update(extensive_mesenteric=staging.extensive_mesenteric, extranodal_organs=staging.extranodal_organs,
                 marrow_involved=staging.marrow_involved)
    return facts


@lru_cache(maxsize=4096)  # pure and immutable: the same report text is read once per worker
def extract_ct_findings(text: str) -> CtTextFindings:
    """Findings of one CT report (plain text, or HTML, which is converted first)."""
    text = plain_text(text)
    original, addendum = split_addendum(sentences(text))
    facts, revision = _read(original), None
    if addendum:
        facts, revision = merge(facts, _read(addendum, True), ("reader_assessment",), addendum)
        if not (facts["new_lesions"] and facts["new_lesions"].value):
            facts.update(new_node_max_cm=None, new_extranodal_max_cm=None, new_lesion_etiology=None)
    staging = StagingText(facts.pop("extensive_mesenteric"), facts.pop("extranodal_organs"),
                          facts.pop("marrow_involved"))
    return CtTextFindings(**facts, staging=staging, addendum_revised=revision is not None,
                          flags=(REVISED_FLAG,) if revision else (), revision=revision)
