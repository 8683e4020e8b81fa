"""The comparator of a report, and the scan a statement of change refers to (architecture.md, second set:
"Uptake 'compared with baseline/staging' is uptake vs baseline; 'unchanged since the prior study' is
uptake vs baseline only when the prior study is the baseline").

- `comparator_is_baseline(sents)`: whether the study named in the COMPARISON section (or an inline
  "Comparison: PET-CT 12/03/2025." sentence, or the study the report says it compares with) is the
  baseline / staging / pre-treatment scan: True; an interim, end-of-treatment, follow-up or earlier
  restaging scan: False; "none" or a date the report never identifies: None. A date-only comparison is
  identified by the history when it names that date as the staging/baseline scan (or as another one).
- `reference(text)`: the scan a statement of change names: "baseline" ("compared with staging",
  "previously 17.5 at baseline"), "other" (interim, end of treatment), "prior" (the prior / previous
  study, "previously"), or None.
- `counts_against_baseline(ref, comparator)`: a change counts as uptake vs baseline when it names the
  baseline, or names the prior study (or no study) and the comparator is not known to be another scan.
Pure and IO-free; compiled once at import.
"""

from __future__ import annotations

from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_sections import Sentence, TextFact

__all__ = ["comparator_is_baseline", "counts_against_baseline", "reference"]

BASELINE_REF = rx(r"""\b(?:baseline|staging|pre[\s-]?(?:treatment|therapy|chemo\w*|CAR-?T|R-?CHOP|salvage|ASCT|transplant)|
    initial\s+(?:PET|scan|study|staging|imaging)|at\s+(?:diagnosis|presentation)|diagnostic\s+(?:PET|scan|study)|
    relapse\s+(?:PET|scan|study)|
    (?:PET|scan|study)\s+at\s+diagnosis)\b""")
OTHER_REF = rx(r"""\b(?:interim|end[\s-]of[\s-](?:first[\s-]line\s+)?(?:treatment|therapy|chemo\w*)|(?-i:EOT)|mid[\s-]?treatment|
    re-?staging|follow[\s-]?up|surveillance|EOT|post[\s-]?(?:cycle|treatment|therapy|chemo\w*|salvage|ASCT|CAR-?T|transplant)|
    after\s+(?:\w+\s+){0,2}?(?:cycles?|courses?)|(?-i:C[1-8])|iPET\d?|(?-i:PET[\s-]?[2-4])|day\s*\+?\s*\d+|most\s+recent|
    (?:last|previous|prior)\s+(?:follow[\s-]?up|surveillance))\b""")
PRIOR_REF = rx(r"""\b(?:prior|previous(?:ly)?|earlier|last|comparison\s+(?:study|scan|examination)|before|then|
    (?:the\s+)?(?:PET|scan|study)\s+of\s+\d)\b""")
REFS = (("baseline", BASELINE_REF), ("other", OTHER_REF), ("prior", PRIOR_REF))
NO_COMPARATOR = rx(r"^\s*(?:none|nil|no\s+(?:prior|previous|comparison)|not\s+available|n/?a\b|none\s+available)")
COMPARES = rx(r"""\b(?:compar\w*\s*:?\s*(?:is\s+(?:made\s+)?)?(?:with|to)?|relative\s+to|versus|vs\.?|cf\.?|
    (?:reviewed\s+)?against|than\s+(?:at|on|in)|since|not\s+(?:present|seen|visible)\s+(?:on|at|in))\s+(?:the\s+)?[^.;,]{0,60}
    |(?:\w+\s+){0,3}\b(?:PET|scan|study|CT)\b[^.;]{0,40}?\b(?:has\s+(?:now\s+)?been\s+|was\s+)reviewed\b""")
DATE = rx(r"""\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{4}\b|
    \b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b""")


def reference(text: str, nearest: bool = False) -> str | None:
    """The scan a statement of change is against: "baseline", "other", "prior" or None. `nearest`: the
    first scan named in `text` (the words right after a statement: "unchanged since the prior study and
    reduced compared with staging" -> prior for "unchanged"); a phrase naming two ("the previous baseline
    scan") is read by its most specific word. Otherwise any baseline word wins, then another scan."""
    found = sorted((m.start(), rank, kind) for rank, (kind, pattern) in enumerate(REFS) for m in pattern.finditer(text))
    if nearest and found:
        found = [f for f in found if f[0] - found[0][0] <= 20]
    return min(found, key=lambda f: f[1])[2] if found else None


def _classify(text: str) -> bool | None:
    """True when the baseline is among the studies named, False when only others are, else None."""
    if BASELINE_REF.search(text):
        return True
    return False if OTHER_REF.search(text) else None


def _by_date(text: str, sents: list[Sentence], own: Sentence | None = None) -> bool | None:
    """A date-only comparison identified by the history ("staging PET-CT 12/03/2025")."""
    for date in DATE.findall(text):
        for s in sents:
            if s.section in ("history", "") and date in s.text and s is not own:
                around = s.text[max(0, s.text.find(date) - 60): s.text.find(date) + len(date) + 20]
                if (found := _classify(around)) is not None:
                    return found
    return None


def comparator_is_baseline(sents: list[Sentence], table_prior: str = "") -> TextFact | None:
    """Is the comparison study the baseline/staging scan? (None: no comparison, or never identified).
    `table_prior`: the header of a table's earlier-scan column ("Interim SUVmax"), used when no text names one."""
    section = [s for s in sents if s.section == "comparison"]
    if section:
        text = " ".join(s.text for s in section)
        if NO_COMPARATOR.match(text):
            return None
        found = _classify(text)
        found = _by_date(text, sents) if found is None else found
        return None if found is None else TextFact(found, section[0].text)
    for s in sents:
        if s.section in ("history", "technique", "signoff"):
            continue
        for m in COMPARES.finditer(s.text):  # "compared with the staging study", "more intense than at staging"
            found = _classify(m.group(0))
            found = _by_date(m.group(0), sents, s) if found is None else found
            if found is not None:
                return TextFact(found, s.text)
    found = _classify(table_prior) if table_prior else None
    return None if found is None else TextFact(found, table_prior)


def counts_against_baseline(ref: str | None, comparator: bool | None) -> bool:
    """Does a change against `ref` count as uptake vs baseline, given the report's comparator?"""
    if ref == "baseline":
        return True
    if ref == "other":
        return False
    return comparator is not False
