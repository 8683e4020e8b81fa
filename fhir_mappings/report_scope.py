"""Clauses, and what governs them: negation, hedging and the reader's etiology (shared by the readers).

A clause is a piece of a sentence split at ";", brackets, "but / however / although / whereas / while",
a comma that starts a new statement (", consistent with ...", ", new ...", ", likely ...") and a
coordination that starts one ("... and no ...", "... and a new ..."). A comma inside a list ("no
cervical, axillary or inguinal nodes") does not split, so a negation covers the whole list. Negation
and hedging apply to the clause they stand in, never to a character window.

Etiology of a statement (architecture.md, second set): a stated lymphoma / relapse / recurrence /
progression is `lymphoma` (advice to biopsy does not weaken it); hedged words ("cannot be excluded",
"possible", "suspicious for", "indeterminate", "equivocal", "? ... vs ...") make it `uncertain`; a
stated other cause ("inflammatory", "infection", "reactive", "post-vaccination") is `not_lymphoma`.
Pure and IO-free; compiled once at import.
"""

from __future__ import annotations

from functools import lru_cache

from fhir_mappings.pet_text_patterns import NOT_LYMPH, rx

__all__ = ["ETIOLOGY_RANK", "clause_etiology", "clauses", "etiology", "hedged", "negated", "worst"]

ETIOLOGY_RANK = {"not_lymphoma": 0, "uncertain": 1, "lymphoma": 2}

_OPENER = r"""(?:no|not|nil|without|there|the|a|an|this|these|it|they|which|with|new|newly|likely|probably|
    possibly|possible|most|more|less|favou?r\w*|consistent|compatible|in\s+keeping|keeping|suspicious|concerning|
    suggest\w*|representing|appearances?|findings?|query|\?|although|however|but|likely|unlikely|negative|positive|
    lymphoma|relapse|recurren\w*|progress\w*|DS|deauville|5-?PS|SUV\w*|measuring|measures|now|previously|
    indeterminate|equivocal|uncertain|cannot|biopsy|tissue|which|reduced|increased|unchanged|stable|resolved|
    \d)\b"""
CLAUSE_BREAK = rx(r"""\s*(?:;|\(|\)|\s-\s|\s–\s|:\s(?=\s*""" + _OPENER + r""")|,(?=\s*""" + _OPENER + r""")
    |\b(?:but|however|although|though|whereas|while|whilst|yet|except|apart\s+from)\b
    |\band\b(?=\s+(?:no|not|nil|there|a|an|new|it|this|these|they|which)\b)
    |\s(?=(?:there\s+(?:is|are|has|have|was|were)|(?:this|these|which|it)\s+(?:is|are|was|were)|impression|conclusion|
        findings|comparison|history|no\s+(?:other\s+|further\s+)?(?:new|evidence|residual|abnormal)\b)\b))\s*""")
# (the last line: unpunctuated dictation, "... relapse suspected findings there are new nodes ...")

NEG_CUE = rx(r"""\b(?:no|not|without|nil|nor|neither|never|none|absence\s+of|absent|free\s+of|negative\s+for|
    rather\s+than|instead\s+of|unlikely|no\s+evidence\s+of|exclud\w+|ruled\s+out|(?:un|not\s+)related\s+to|not\s+due\s+to)\b""")
NEG_AFTER = rx(r"""^[^;]{0,60}?\b(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:not\s+(?:\w+\s+)?(?:seen|identified|
    demonstrated|present|visible|detected|evident|noted|found|favou?red|suspected|shown)|absent|negative|unlikely|
    (?<!be\s)(?<!not\s)(?<!nor\s)excluded|(?<!nor\s)ruled\s+out|revised(?!\s+(?:to|as|in))|withdrawn|retracted|superseded)\b""")
# "The frozen section interpretation of lymphoma is revised": a retracted reading denies it (blind round 8)
HEDGE = rx(r"""\b(?:cannot|can\s*not|can't|could\s+not|unable\s+to)\s+(?:be\s+)?(?:\w+\s+)?(?:exclude[ds]?|ruled?\s+out|
    distinguish\w*|differentiat\w*|characteri[sz]ed?|confirm(?:ed)?)|\bnot\s+(?:be\s+)?(?:excluded|ruled\s+out)|\bpossibl[ey]\b|
    (?:\b(?:can|could|may)\s+)?\bneither\s+(?:be\s+)?(?:confirmed|excluded|ruled\s+out|proven)\s+nor\b|
    \bsuspicious\b|\bsuspect\w*|\bconcerning\b|\bworr(?:ying|isome)\b|\bindeterminate\b|\bequivocal\b|\buncertain\b|
    \bunclear\b|\bundetermined\b|\bquery\b|\?|\bquestionabl[ey]\b|\bmay\s+(?:represent|be|reflect)\b|
    \bmight\s+(?:represent|be)\b|\bcould\s+(?:represent|be|reflect)\b|\bdifferential\b|\bvs\.?|\bversus\b|
    \bto\s+exclude\b|\brule\s+out\b|\bnon-?specific\b|\bno\s+definite\b|\bnot\s+(?:definitely|certainly)\b|
    \b(?:not|non-?)\s*diagnostic\b|
    \bconsideration\b""")
NEGATED_HEDGE = rx(r"""\b(?:cannot|can\s*not|can't|could\s+not|unable\s+to|not)\s+(?:be\s+)?(?:\w+\s+)?(?:exclude[ds]?|
    ruled?\s+out)\b|\bno\s+definite\b|\bnot\s+diagnostic\b""")
# hedges that qualify the finding itself (no cause named): "new nodule, indeterminate"
SELF_HEDGE = rx(r"""\b(?:indeterminate|equivocal|uncertain\s+(?:significance|aetiology|etiology|nature)|undetermined|
    non-?specific|suspicious|cannot\s+be\s+characteri[sz]ed|of\s+unclear\s+(?:significance|aetiology|etiology))\b""")
LYMPH_TERM = rx(r"""\b(?:lymphoma\w*|lymphomatous|DLBCL|LBCL|relapse[sd]?|relapsing|recurren(?:ce|t)(?!\s+laryngeal)|
    (?:disease\s+)?progression|progressive\s+(?:metabolic\s+)?disease|progressing|(?-i:PMD)|malignan\w*|neoplas\w*|
    (?:active|residual|viable|recurrent|new)\s+(?:sites?\s+of\s+)?(?:disease|lymphoma)|disease\s+(?:recurrence|relapse|
    involvement)|sites?\s+of\s+disease|(?:nodal|extranodal|lymphomatous)\s+(?:involvement|infiltration|disease)|
    involvement\s+by\s+(?:\w+\s+)?(?:lymphoma|DLBCL|disease))\b""")
ATTRIBUTED_DISEASE = rx(r"""\b(?:consistent\s+with|in\s+keeping\s+with|compatible\s+with|represent\w*|suggestive\s+of|
    typical\s+of|likely|probabl[ey]|favou?r\w*|due\s+to|indicat\w*|reflect\w*|suspicious\s+(?:for|of)|concerning\s+for)
    \s+(?:\w+\s+){0,3}?disease\b""")
ADVISED_SAMPLING = rx(r"""\b(?:biops\w+|tissue\s+(?:sampling|diagnosis|confirmation)|histolog\w+\s+(?:confirmation|
    correlation)|sampling|bronchoscopy)\b[^.;]{0,40}?\b(?:recommended|advised|suggested|required|should\s+be|
    is\s+needed|would\s+be)|\b(?:recommend|advise|suggest|consider)\w*\s+(?:\w+\s+){0,3}?(?:biops\w+|sampling|
    tissue|bronchoscopy)""")


@lru_cache(maxsize=8192)  # pure: a sentence is split once however many readers ask
def clauses(text: str) -> tuple[tuple[int, str], ...]:
    """(start, clause) pairs of a sentence."""
    out, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        if m.start() > start:
            out.append((start, text[start: m.start()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return tuple((s, c) for s, c in out if c.strip())


def clause_at(text: str, pos: int) -> tuple[int, str]:
    """The clause of `text` holding position `pos`."""
    found = (0, text)
    for start, clause in clauses(text):
        if start > pos:
            break
        found = (start, clause)
    return found


def negated(clause: str, start: int, end: int) -> bool:
    """Is the span [start, end) of the clause negated: a cue before it ("no evidence of lymphoma"),
    or a negated predicate after it ("lymphoma is not identified")? Hedges ("cannot be excluded") are not."""
    if NEG_CUE.search(NEGATED_HEDGE.sub(" ", clause[:start])):  # "cannot exclude lymphoma" is a hedge
        return True
    return bool(NEG_AFTER.match(clause[end:])) and not HEDGE.match(clause[end:].lstrip())


def hedged(clause: str) -> bool:
    return bool(HEDGE.search(clause))


@lru_cache(maxsize=8192)
def clause_etiology(clause: str) -> str | None:
    """lymphoma / uncertain / not_lymphoma / None from one clause."""
    lymph = [m for m in (*LYMPH_TERM.finditer(clause), *ATTRIBUTED_DISEASE.finditer(clause))]
    stated = [m for m in lymph if not negated(clause, m.start(), m.end())]
    other = [m for m in NOT_LYMPH.finditer(clause) if not negated(clause, m.start(), m.end())
             and not m.group(0).lower().startswith(("not ", "unrelated", "non"))]
    denial = [m for m in NOT_LYMPH.finditer(clause) if m.group(0).lower().startswith(("not ", "unrelated", "non"))]
    if stated:
        return "uncertain" if hedged(clause) or other else "lymphoma"
    if lymph or denial:  # "no evidence of lymphoma", "unlikely to represent lymphoma", "non-malignant"
        return "uncertain" if hedged(clause) and not other else "not_lymphoma"
    if other:  # "likely infective" is stated; "possibly infective", "infection cannot be excluded" are not
        return "uncertain" if hedged(clause) else "not_lymphoma"
    return "uncertain" if SELF_HEDGE.search(clause) else None


@lru_cache(maxsize=4096)
def etiology(text: str) -> str | None:
    """The etiology a statement (one or more sentences) gives: uncertain if any clause is uncertain,
    else lymphoma if any clause states it, else not_lymphoma; advice to biopsy alone is uncertain."""
    found = {clause_etiology(c) for _, c in clauses(text)} - {None}
    for kind in ("uncertain", "lymphoma", "not_lymphoma"):
        if kind in found:
            return kind
    return "uncertain" if ADVISED_SAMPLING.search(text) else None


def worst(values: list[str]) -> str | None:
    """Worst-of across lesions: lymphoma > uncertain > not_lymphoma."""
    return max(values, key=ETIOLOGY_RANK.__getitem__, default=None)
