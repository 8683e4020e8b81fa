"""Pathology report text -> positive | negative | unknown | None (architecture.md, clarifications second
set, pathology items).

Negation and hedging apply to the clause that names lymphoma, never to a character window:
"Recurrent DLBCL; no other malignancy identified" and "DLBCL (no high-grade transformation)" are
positive; "no evidence of lymphoma" is negative; hedged or non-diagnostic text ("lymphoma cannot be
excluded", "insufficient material", "non-diagnostic", "atypical lymphoid infiltrate, further work-up")
is unknown, never positive. Clinical history ("history of DLBCL") is not a result.
"""

from __future__ import annotations

import re

_SECTION_SKIP = re.compile(r"^\s*(clinical (history|details|information)|history|indication|reason for (biopsy|"
                           r"referral)|specimen)\s*:", re.I | re.M)
_CLAUSE = re.compile(r"[.;\n()]+|,\s*(?:but|however|although|whereas)\b|\bhowever\b", re.I)
_LYMPHOMA = re.compile(r"\b(lymphoma|dlbcl|lbcl|large\s+b[\s-]*cell|high[\s-]grade\s+b[\s-]*cell|hgbl)\b", re.I)
_NEGATED = re.compile(r"\b(no|not|negative\s+for|without|absence\s+of|free\s+of|no\s+evidence\s+of|"
                      r"no\s+residual|no\s+features\s+of|does\s+not\s+show)\b[^.;]*?$", re.I)
_HEDGE = re.compile(r"\b(cannot\s+be\s+(excluded|ruled\s+out)|can\s*not\s+exclude|cannot\s+exclude|suspicious|"
                    r"possible|possibly|probable|equivocal|indeterminate|further\s+work[\s-]*up|"
                    r"pending|inconclusive|non[\s-]?diagnostic|insufficient|inadequate|limited\s+sample|"
                    r"not\s+(possible|able)\s+to\s+(classify|confirm|exclude))\b", re.I)
_NONDIAGNOSTIC = re.compile(r"\b(non[\s-]?diagnostic|insufficient|inadequate|inconclusive|no\s+lesional\s+tissue|"
                            r"atypical\s+lymphoid|further\s+work[\s-]*up|suspicious|pending)\b", re.I)


def _strip_history(text: str) -> str:
    """Drop clinical-history/specimen lines (they name the disease, they are not the result)."""
    keep = []
    for line in text.splitlines():
        if _SECTION_SKIP.match(line):
            continue
        keep.append(line)
    return "\n".join(keep)


def text_result(text: str) -> str | None:
    """positive | negative | unknown, or None when the text says nothing about lymphoma."""
    body = _strip_history(text or "")
    verdicts = set()
    for clause in _CLAUSE.split(body):
        m = _LYMPHOMA.search(clause)
        if not m:
            continue
        before = clause[:m.start()]
        if _HEDGE.search(clause):
            verdicts.add("unknown")
        elif _NEGATED.search(before):
            verdicts.add("negative")
        else:
            verdicts.add("positive")
    if "unknown" in verdicts or {"positive", "negative"} <= verdicts:
        return "unknown"
    if verdicts:
        return verdicts.pop()
    return "unknown" if _NONDIAGNOSTIC.search(body) else None
