"""Pathology / cytology report text -> the biopsy result for lymphoma (architecture.md, second set).

`result` is read from the diagnosis / conclusion / interpretation (the final addendum wins; the
comment only when the diagnosis says nothing; with no heading, from the whole note):
- positive: lymphoma named without hedge ("Recurrent DLBCL", "Consistent with large B-cell lymphoma"),
  also when a negation governs another clause ("Recurrent DLBCL; no other malignancy identified",
  "DLBCL (no high-grade transformation)", "Negative for carcinoma", "FISH for MYC pending");
- negative: lymphoma denied ("No evidence of lymphoma", "reactive ..., negative for lymphoma", "no
  malignant cells identified", "no viable lymphoma identified");
- unknown (flag BIOPSY_RESULT_UNCLEAR), never positive: hedged or non-diagnostic ("lymphoma cannot be
  excluded", "suspicious for lymphoma", "insufficient material", "non-diagnostic", "atypical lymphoid
  infiltrate, further work-up", "deferred to permanent sections"); also when nothing is stated.
Negation and hedging apply to the clause that names lymphoma (report_scope). The clinical history
("history of DLBCL") is never a result. `site` is the specimen's site (free text) and `lymphoma_type`
the words naming the lymphoma of a positive result. Pure and IO-free; compiled once at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_addenda import split_addendum
from fhir_mappings.report_scope import clauses, hedged, negated
from fhir_mappings.report_html import plain_text
from fhir_mappings.report_sections import SKIP_KINDS, Sentence, TextFact, sentences

__all__ = ["PathologyFindings", "extract_pathology_findings"]

UNCLEAR_FLAG = "BIOPSY_RESULT_UNCLEAR"
LYMPHOMA = rx(r"""\b(?:(?:primary\s+(?:mediastinal|cutaneous|CNS)\s+)?(?:(?:diffuse\s+)?large|high[\s-]grade)\s+B[\s-]?cell\s+
    lymphoma\w*|DLBCL|LBCL|HGBL|PMBCL|PMBL|(?:B[\s-]?cell\s+|non-?Hodgkin\s+|malignant\s+)?lymphoma\w*|lymphomatous|
    relapse[ds]?|recurren(?:ce|t)(?:\s+(?:DLBCL|lymphoma|disease))?)\b""")
MALIGNANT = rx(r"\b(?:malignan\w*|neoplas\w*|tumou?r)\b")  # a denial of malignancy denies lymphoma too
CONTEXT = rx(r"""\b(?:history\s+of|known|previous(?:ly)?|prior|(?<!-)treated|original|in\s+a\s+patient\s+with|
    (?:patient|pt)\s+with|exclude|rule\s+out|r/o|suspected|suspicion\s+of|\?)\s+(?:\w+\s+){0,3}$""")
SERVICE = rx(r"^\s*(?:MDT|multidisciplinary|meeting|clinic|service|team|board|unit|nurse|database|protocol)\b")
QUESTION_AFTER = rx(r"^\s*(?:is\s+)?suspected\b")  # "relapse suspected on PET": the clinical question
RELAPSE = rx(r"\b(?:relapse[ds]?|recurren(?:ce|t))\b")
NOT_DIAGNOSTIC = rx(r"""\b(?:insufficient|inadequate|non-?diagnostic|not\s+diagnostic|defer(?:red)?|limited\s+sample|
    scant(?:y)?\s+(?:cellularity|material)|further\s+work-?up|atypical\s+(?:B[\s-]?cell\s+|lymphoid\s+)?(?:lymphoid\s+)?
    (?:infiltrate|proliferation|features|population)|(?:definitive|final)\s+(?:diagnosis|classification)\s+
    (?:requires|deferred|to\s+follow|pending))\b""")
ANCILLARY = rx(r"\b(?:FISH|molecular|flow\s+cytometry|immunohistochem\w*|IHC|stains?|cytogenetic\w*|NGS|sequencing|EBER|PCR)\b")
NEGATIVE = rx(r"""\b(?:reactive\s+(?:\w+\s+)?(?:hyperplasia|lymph\s+node|changes?|lymphadenitis)|no\s+malignan\w*|
    benign|granulom\w*\s+lymphadenitis|negative\s+for\s+malignan\w*|no\s+(?:viable\s+)?(?:tumou?r|lymphoma))\b""")
DIAGNOSIS_HEADING = rx(r"diagnos|conclusion|interpretation|impression|opinion|summary|result")
SPECIMEN_HEADING = rx(r"specimen|material")
PROCEDURE = rx(r"""\b(?:excision(?:al)?|incisional|core|needle|biops(?:y|ies)|FNA|fine\s+needle\s+aspirat\w*|aspirate|
    aspiration|trephine|frozen\s+section|touch\s+imprint|cytology|punch|ultrasound[\s-]guided|CT[\s-]guided|
    EBUS-?TBNA|endoscopic|laparoscopic|mediastinoscop\w*|\d+\s*(?:cores?|passes|fragments?|mm|mL|G)|guided|
    intraoperative\s+consultation|surgical\s+pathology\s+report|histopathology\s+report|of\s+the|of)\b""")
SITE_END = rx(r"\s(?:shows?|showing|demonstrat\w*|reveals?|with|contains?|consists?\s+of|is|are)\s|\s[-–]\s")
EXPANDED = {"CSF": "cerebrospinal fluid", "BM": "bone marrow", "LN": "lymph node", "BMT": "bone marrow trephine"}
ABBREVIATED = rx(r"\b(?:CSF|BMT?|LN)\b", 0)
SITE_WORDS = rx(r"""\b(?:lymph\s+node|node|marrow|fluid|CSF|cerebrospinal|mass|skin|liver|lung|stomach|gastric|bowel|
    parotid|tonsil|breast|testis|thyroid|bone|spleen|kidney|adrenal|pleural|station\s+\d+)\b""")


@fast_init
@dataclass(frozen=True, slots=True)
class PathologyFindings:
    result: str  # positive / negative / unknown
    site: str | None
    lymphoma_type: str | None
    flags: tuple[str, ...]
    quote: str = ""  # the sentence that gives the result (the card quotes it)
    result_fact: TextFact | None = None  # the result with its quote (None when nothing is stated)


def _clause_result(clause: str) -> str | None:
    """positive / negative / unknown / None from one clause."""
    for m in LYMPHOMA.finditer(clause):
        if CONTEXT.search(clause[: m.start()]) and not RELAPSE.search(clause[: m.start()]) \
                or SERVICE.match(clause[m.end():]) or QUESTION_AFTER.match(clause[m.end():]):
            continue  # "in a patient with known DLBCL", "history of DLBCL", "Lymphoma MDT", "relapse suspected"
        if negated(clause, m.start(), m.end()):
            return "unknown" if hedged(clause) else "negative"
        return "unknown" if hedged(clause) or NOT_DIAGNOSTIC.search(clause) else "positive"
    if (m := MALIGNANT.search(clause)) and negated(clause, m.start(), m.end()) and not clause.lower().lstrip(
            ).startswith(("no other", "no evidence of a", "negative for carcinoma")) and "other" not in clause.lower():
        return "negative"  # "no malignant cells identified"
    if NOT_DIAGNOSTIC.search(clause) and not ANCILLARY.search(clause):
        return "unknown"
    return "negative" if NEGATIVE.search(clause) else None


def _result(sents: list[Sentence]) -> tuple[str, str, str] | None:
    """(result, quote, lymphoma words) of the sentences, or None when none states one."""
    readings = []
    for s in sents:
        for _, clause in clauses(s.text):
            if value := _clause_result(clause):
                words = LYMPHOMA.search(clause)
                readings.append((value, s.text, clause[words.start():].strip(" .") if words else ""))
    for value in ("positive", "unknown", "negative"):
        if hit := next((r for r in readings if r[0] == value), None):
            if value == "positive" and any(r[0] == "unknown" and r[2] for r in readings):
                return next(r for r in readings if r[0] == "unknown" and r[2])  # "lymphoma favoured ...; deferred"
            if value == "positive" and any(r[0] == "unknown" and not ANCILLARY.search(r[1]) for r in readings):
                return next(r for r in readings if r[0] == "unknown")
            return hit
    return None


def _read(sents: list[Sentence]) -> tuple[str, str, str] | None:
    body = [s for s in sents if s.section not in SKIP_KINDS]
    diagnosis = [s for s in body if s.section in ("impression", "addendum") and DIAGNOSIS_HEADING.search(s.heading)]
    comment = [s for s in body if s.section in ("impression", "addendum") and s not in diagnosis]
    for group in (diagnosis, comment, [s for s in body if s.closing], body):
        if group and (found := _result(group)):
            if found[0] == "negative" and group is diagnosis and (hedge := _result(comment)) \
                    and hedge[0] == "unknown" and hedge[2]:
                return hedge  # "No lymphoma identified." + comment "lymphoma cannot be excluded": unclear
            return found
    return None


def _site(sents: list[Sentence]) -> str | None:
    spec = next((s.text for s in sents if SPECIMEN_HEADING.search(s.heading)), None)
    first = spec or next((s.text for s in sents if SITE_WORDS.search(s.text)), None)
    if not first:
        return None
    head = first.split(":")[0] if ":" in first and not spec else first
    parts = SITE_END.split(head, maxsplit=1)  # "Bone marrow trephine shows ...", "The specimen consists of a ..."
    head = next((p for p in parts if SITE_WORDS.search(p)), parts[0])
    words = " ".join(PROCEDURE.sub(" ", head.replace("(", " ").replace(")", " ")).replace(",", " ").split())
    words = ABBREVIATED.sub(lambda m: EXPANDED[m.group(0).upper()], words)
    return words.strip(" .-").lower() or None


@lru_cache(maxsize=4096)
def extract_pathology_findings(text: str) -> PathologyFindings:
    """The lymphoma result of one pathology or cytology report (plain text or HTML)."""
    text = plain_text(text)
    sents = sentences(text, pathology=True)
    original, addendum = split_addendum(sents)
    found = (_read(addendum) if addendum else None) or _read(original)
    result, quote, words = found or ("unknown", "", "")
    flags = (UNCLEAR_FLAG,) if result == "unknown" else ()
    return PathologyFindings(result, _site(sents), words if result == "positive" else None, flags, quote,
                             TextFact(result, quote) if found else None)
