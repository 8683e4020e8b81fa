"""PET-CT report text -> findings (fhir-input.md Tier 3; clinical-logic.md §1.1-1.3; architecture.md,
"Contract clarifications, second set": report text). docs/report-text.md describes the whole reader.

The report is split into sections (`report_sections`: history, technique and comparison never give
current findings), read before its addendum and then the addendum alone, and merged (`report_addenda`:
the addendum's statements win; REPORT_ADDENDUM_REVISED with both sentences quoted). From the sections:
Deauville scores (`pet_text_scores`: a range counts as its highest score; a site a list marks new is a
new site), uptake against the baseline and the marrow (`pet_text_uptake`, `report_comparison`), new
lesions with their scope and etiology (`report_findings`, `report_scope`), SUVmax/TMTV
(`pet_text_values`), the staging statements (`staging_text`), the reader's category and the timepoint.
Each value keeps the sentence it came from, so a card can quote it. Absent is "not stated" (None), never
"no". The reader never guesses: two readers' scores, or two readings of the uptake change against the
same scan, give None plus a flag, and it never derives a Deauville score from SUV values.

Flags: TEXT_DEAUVILLE_AMBIGUOUS, TEXT_UPTAKE_AMBIGUOUS, TEXT_CATEGORY_AMBIGUOUS, REPORT_ADDENDUM_REVISED, and
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
from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_scores import Score
from fhir_mappings.pet_text_scores import deauville as deauville_scores
from fhir_mappings.pet_text_sentences import Sentence, Table
from fhir_mappings.pet_text_uptake import marrow, uptake
from fhir_mappings.report_addenda import REVISED_FLAG, Revision, merge, split_addendum
from fhir_mappings.report_comparison import comparator_is_baseline
from fhir_mappings.report_findings import Finding, NewLesions, lesion_etiology, new_lesions, organ_of
from fhir_mappings.report_html import plain_text
from fhir_mappings.report_sections import SKIP_KINDS, TextFact, split_sentences
from fhir_mappings.staging_text import NO_STAGING, StagingText, staging_from

__all__ = ["PetTextFindings", "TextFact", "extract_pet_findings", "split_sentences"]



@fast_init
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
    addendum_revised: bool = False  # an addendum revised a score, category, etiology or the impression
    staging: StagingText = NO_STAGING  # extensive mesenteric disease, extranodal organs, marrow involvement
    comparator_is_baseline: TextFact | None = None  # bool: the comparison study is the baseline/staging scan
    new_sites: tuple[tuple[str, int | str | None], ...] = ()  # sites scored as new ("left axilla 4 (new)")
    revision: Revision | None = None  # the superseded sentence and the addendum's


CATEGORY_STEMS = ("metabol", "cmr", "pmr", "nmr", "pmd")  # every category phrase holds one (a cheap test)


# --- new lesions ------------------------------------------------------------------------------------

def _new_lesions(sents: list[Sentence], new_sites: list[Score], category: TextFact | None,
                 x: TextFact | None, addendum: bool = False) -> tuple[TextFact | None, TextFact | None, NewLesions]:
    """New lesions with their scope (report_findings), the sites a score list marks new, and the reader's
    PMD (lymphoma) or an X score (not lymphoma) when nothing else gives the etiology."""
    found = new_lesions(sents)
    listed = [sc for sc in new_sites if not any(sc.quote == f.quote for f in found.findings)]
    if listed:  # "left axilla 4 (new)": a new site, its etiology from the report-level statements
        extra = tuple(Finding(sc.site, organ_of(sc.site), None, None, sc.quote, sc.section) for sc in listed)
        found = NewLesions(found.stated, found.findings + extra, found.report_etiology)
    if not found.findings:  # an addendum may only restate the etiology: it applies to the report's new lesions
        etiology = TextFact(*found.report_etiology) if addendum and found.report_etiology else None
        return (TextFact(*found.stated) if found.stated else None), etiology, found
    etiology = TextFact(*hit) if (hit := lesion_etiology(found)) else None
    if etiology is None and category and category.value == "PMD":
        etiology = TextFact("lymphoma", category.quote)
    elif etiology is None and x:
        etiology = TextFact("not_lymphoma", x.quote)
    return TextFact(True, found.findings[0].quote), etiology, found


# --- SUVmax, TMTV, category, timepoint -------------------------------------------------------------

def _suv_max(sents: list[Sentence], table: Table, per_sentence: list) -> TextFact | None:
    values = [(v, s.text, pos) for s, found in zip(sents, per_sentence) for v, pos in found[0]]
    best = max(values + [(v, q, 0) for v, q in table.suvs], default=None)
    return TextFact(best[0], S.quote(best[1], best[2])) if best else None


def _category(sents: list[Sentence], timepoint: str | None, flags: list[str]) -> TextFact | None:
    found: dict[str, TextFact] = {}
    revised = None
    for s in (s for s in sents if any(w in s.text.lower() for w in CATEGORY_STEMS)):
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


def _revised_sites(sites: tuple[tuple[str, int], ...], addendum: dict) -> tuple[tuple[str, int], ...]:
    """Site scores after an addendum that states a score: the addendum's own, then the report's sites it does
    not name and whose score does not exceed its score ("Revised Deauville score 3" supersedes "left
    supraclavicular uptake, Deauville 4"; blind chart round 6)."""
    score = addendum["deauville"]
    if score is None or not isinstance(score.value, int):
        return sites
    named = {site for site, _ in addendum["sites"]}
    return tuple(addendum["sites"]) + tuple((site, ds) for site, ds in sites
                                            if site not in named and (not isinstance(ds, int) or ds <= score.value))


# --- entry point ----------------------------------------------------------------------------------

def _read(sents: list[Sentence], tp: str | None, flags: list[str], addendum: bool = False,
          with_staging: bool = True) -> dict:
    """The facts of a run of sentences (the report before its addendum, or the addendum)."""
    body = [s for s in sents if s.section not in SKIP_KINDS]  # not history, comparison, technique
    table = S.parse_table(body)
    deauville, x, sites, new_sites = deauville_scores(body, table, tp, flags)
    category = _category(body, tp, flags)
    new, etiology, found = _new_lesions(body, new_sites, category, x, addendum)
    staging = staging_from(sents, found) if with_staging else NO_STAGING
    tmtv = TextFact(*hit) if (hit := V.tmtv(body, tp)) else None
    comparator = comparator_is_baseline(sents, table.prior_label)
    values = V.sentence_values(body, tp)  # SUVmax values of each sentence, read once
    change = uptake(body, table, tp, flags, comparator.value if comparator else None, values)
    return dict(deauville=deauville, deauville_x=x, sites=sites, uptake=change, comparator_is_baseline=comparator,
                new_lesions=new, new_lesion_etiology=etiology, marrow=marrow(body), suv_max=_suv_max(body, table, values),
                tmtv_ml=tmtv, category=category, new_sites=tuple((sc.site, sc.value) for sc in new_sites),
                extensive_mesenteric=staging.extensive_mesenteric,
                extranodal_organs=staging.extranodal_organs, marrow_involved=staging.marrow_involved)


@lru_cache(maxsize=4096)  # pure and immutable: the same report text is read once per worker (issue 7)
def extract_pet_findings(text: str, with_staging: bool = True) -> PetTextFindings:
    """Findings of one PET-CT report (plain text, or HTML, which is converted first). `with_staging=False`:
    without the staging statements (the mapping reads those from the staging scan's report with
    staging_text.extract_staging, so the PET reader need not)."""
    text = plain_text(text)
    sents = S.sentences(text)
    timepoint = TextFact(*found) if (found := S.scan_timepoint(sents)) else None
    tp = timepoint.value if timepoint else None
    original, addendum = split_addendum(sents)
    flags: list[str] = []
    facts, revision = _read(original, tp, flags, with_staging=with_staging), None
    if addendum:
        later: list[str] = []
        own = _read(addendum, tp, later, True, with_staging)
        facts, revision = merge(facts, own, ("category",), addendum, fill_only=("suv_max", "tmtv_ml"))
        facts["sites"] = _revised_sites(facts["sites"], own)
        if not (facts["new_lesions"] and facts["new_lesions"].value):
            facts["new_lesion_etiology"] = None
        replaced = {"deauville": "TEXT_DEAUVILLE_AMBIGUOUS", "uptake": "TEXT_UPTAKE_AMBIGUOUS"}
        flags = [f for f in flags if f not in replaced.values() or facts[next(k for k, v in replaced.items() if v == f)]
                 is None] + later
        flags += [REVISED_FLAG] if revision else []
    sites = facts.pop("sites")
    staging = StagingText(facts.pop("extensive_mesenteric"), facts.pop("extranodal_organs"),
                          facts.pop("marrow_involved"))
    return PetTextFindings(**facts, sites=sites, timepoint=timepoint, flags=tuple(dict.fromkeys(flags)),
                           addendum_revised=revision is not None, staging=staging, revision=revision)
