"""New lesions with scope: each new finding is built from its clause, the clauses that continue it in the
same sentence ("..., measuring 2.6 x 1.9 cm, consistent with relapse"), a following sentence that speaks
about it ("These are likely reactive."), and the report-level statements that qualify it: an impression's,
an addendum's or a closing line's etiology ("Consistent with relapse.") applies to the new lesions the
findings describe when the finding states none (architecture.md, second set). Shared by the PET and CT
readers and by the staging statements.

Also here: sizes ("26 x 18 mm" -> 2.6 cm, "2,6 x 1,7 cm"; sizes of an earlier scan are dropped) and the
organ vocabulary of extranodal sites (spleen and Waldeyer's ring are nodal and never an organ).
Pure and IO-free; compiled once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fhir_mappings import fast_regex
from fhir_mappings import pet_text_patterns as P
from fhir_mappings.fast_init import fast_init
from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_new_list import CAPTION, listed_new
from fhir_mappings.report_scope import ETIOLOGY_RANK, clause_etiology, clauses, etiology
from fhir_mappings.report_sections import SKIP_KINDS, Sentence, is_conclusion

__all__ = [
    "ORGANS",
    "Finding",
    "NewLesions",
    "largest_cm",
    "lesion_etiology",
    "names_an_organ",
    "negated_new",
    "new_cue",
    "new_lesions",
    "organ_of",
    "organs_named",
    "report_etiology",
    "sizes_cm",
    "subject_clause",
]

ORGAN_PATTERNS = (  # extranodal organs (staging vocabulary), first match wins
    ("bone_marrow", r"(?:bone\s+)?marrow|trephine"),
    ("cns", r"brain|cerebr\w*|cerebell\w*|CNS|leptomening\w*|intracranial|dural|spinal\s+cord|periventricular"),
    ("orbit", r"orbit\w*|intraocular|vitreo\w*"),
    ("liver", r"liver|hepatic(?!\s+flexure)|hepat(?:o|ic)\w*|(?:liver\s+)?segment\s+[1-8](?:/[1-8])?\b"),
    ("lung", r"lungs?|pulmonary|(?:upper|middle|lower)\s+lobe|lobar|lingula\w*|perihilar\s+nodule"),
    ("pleura", r"pleura\w*"),
    ("adrenal", r"adrenals?"),
    ("kidney", r"kidneys?|renal|perinephric"),
    ("pancreas", r"pancrea\w*"),
    ("stomach", r"stomach|gastric|antr(?:um|al)|gastro-?oesophageal|gastro-?esophageal"),
    ("bowel", r"bowel|ile(?:um|al|o\w*)|jejun\w*|duoden\w*|colon\w*|caec\w*|cec(?:um|al)|sigmoid|rect(?:um|al)|intestin\w*"),
    ("breast", r"breasts?"),
    ("testis", r"testi\w*|testes|scrot\w*"),
    ("thyroid", r"thyroid"),
    ("skin", r"skin|cutaneous|dermal|dermis"),
    ("bone", r"bones?|osseous|skelet\w*|lytic|sclerotic|vertebra\w*|ribs?|stern(?:um|al)|femur|femoral\s+(?:head|neck|shaft)|"
             r"humer\w*|acetabul\w*|sacr(?:um|al)|scapula\w*|skull|calvari\w*|clavicle|(?-i:[CTL]\d{1,2})\b|spine|spinal"),
    ("soft_tissue", r"soft[\s-]+tissue|muscle|intramuscular|subcutaneous|psoas|gluteal\s+(?:muscle|mass)"),
    ("other", r"parotid|salivary|nasal\s+cavity|paranasal|sinus\w*|uter\w*|ovar\w*|prostat\w*|pericard\w*|heart|cardiac|"
              r"peritone\w*|omentum|omental|bladder|o?esophag\w*|larynx|laryngeal|gallbladder|epidural"),
)
ORGANS = tuple(name for name, _ in ORGAN_PATTERNS)
ORGAN_STEMS = ("marrow", "trephine", "brain", "cerebr", "cns", "mening", "cranial", "dural", "spinal", "cerebel", "orbit", "ocular",
               "vitre", "liver", "hepat", "segment", "lung", "pulmon", "lobe", "lobar", "lingul", "nodule", "pleura",
               "adrenal", "kidney", "renal", "nephr", "pancrea", "stomach", "gastr", "antr", "bowel", "ile", "jejun",
               "duoden", "colon", "caec", "cec", "sigmoid", "rect", "intestin", "breast", "test", "scrot", "thyroid",
               "skin", "cutaneous", "derm", "bone", "osseous", "skelet", "lytic", "sclerotic", "vertebra", "rib",
               "stern", "femur", "femoral", "humer", "acetabul", "sacr", "scapula", "skull", "calvari", "clavicle",
               "spine", "soft", "muscle", "muscul", "subcutaneous", "psoas", "gluteal", "parotid", "saliv", "nasal", "sinus",
               "uter", "ovar", "prostat", "pericard", "heart", "cardiac", "periton", "oment", "bladder", "sophag",
               "laryn", "gallbladder", "epidural")
ORGAN_HINT = fast_regex.any_of(ORGAN_STEMS)  # on lower-case text
EXTENSION = rx(r"\b(?:soft[\s-]tissue|paravertebral|extra-?osseous)\s+(?:component|extension)\b")  # part of a bone lesion
VERTEBRA = rx(r"(?-i:\b[CTL]\d{1,2}\b)", 0)
ORGAN_ANY = rx("|".join(rf"\b(?P<{name}>{pattern})\b" for name, pattern in ORGAN_PATTERNS))  # one pass


def names_an_organ(text: str) -> bool:
    """Might the text name an organ? (a cheap test before ORGAN_ANY: every organ word holds one of ORGAN_STEMS)"""
    return bool(ORGAN_HINT.search(text.lower()) or VERTEBRA.search(text))


def organs_named(text: str) -> dict[str, int]:
    """{organ: position of its first mention} ("iliac bone marrow" and "T8 vertebral marrow" are marrow)."""
    found: dict[str, int] = {}
    if not names_an_organ(text):
        return found
    for m in ORGAN_ANY.finditer(EXTENSION.sub(lambda e: " " * len(e.group(0)), text)):
        found.setdefault(m.lastgroup, m.start())
    if "bone_marrow" in found:
        found.pop("bone", None)
    return found
NODAL_PHRASE = rx(r"""\b[\w-]+\s+(?:lymph\s+)?nod(?:es?|al)\b|\bporta\s+hepatis\b|\b(?:renal|hepatic|splenic)\s+hil\w*|
    \bhepatic\s+flexure\b|\bgastro-?hepatic\b|\b(?:small\s+)?bowel\s+mesentery\b|\bmesentery\s+of\s+the\s+(?:small\s+)?bowel\b""")  # organ words naming a nodal station
NEW_HINT = rx(r"\bnew|\binterval\b|\badditional\b|\bnot\s+(?:\w+\s+)?(?:present|seen|visible|identified|evident)|"
               r"\b(?:previously|formerly)\s+(?:not|un)|\|")
NEW_CELL = rx(r"\(?\s*new(?:\s+lesion)?\s*\)?")
EFFUSION = rx(r"\beffusions?\b")
SOLID = rx(r"\b(?:nodul\w*|mass(?:es)?|deposits?|thickening|lesions?|foc(?:us|i))\b")
NODAL = rx(r"""\b(?:lymph|nod(?:es?|al)|lymphadenopathy|adenopathy|spleen|splenic|tonsil\w*|waldeyer\w*|nasopharyn\w*|
    adenoid\w*|base\s+of\s+(?:the\s+)?tongue|conglomerate|(?:mediastin\w*|mesenter\w*|retroperitone\w*|para-?aortic|
    axill\w*|cervical|hil(?:ar|um))\s+(?:mass|soft\s+tissue|disease))\b""")
NODE_WORD = rx(r"\b(?:lymph|nod(?:es?|al)|lymphadenopathy|adenopathy|conglomerate)\b")
LESION = rx(r"""\b(?:lymph\s+nodes?|nod(?:es?|al)|nodules?|lymphadenopathy|adenopathy|mass(?:es)?|lesions?|foc(?:us|i|al)|
    deposits?|infiltrat\w*|thickening|involvement|opacit\w*|consolidation|uptake|avidity|disease|abnormalit\w*|
    activity|collection|conglomerate|hypermetabol\w*|spots?)\b""")
SIZE = rx(r"""(?<![\w.,])(?P<a>\d{1,3}(?:[.,]\d{1,2})?)(?:\s*(?P<ua>mm|cm))?
    (?:\s*(?:x|×|\*|by)\s*(?P<b>\d{1,3}(?:[.,]\d{1,2})?)(?:\s*(?P<ub>mm|cm))?)?
    (?:\s*(?:x|×|\*|by)\s*(?P<c>\d{1,3}(?:[.,]\d{1,2})?)(?:\s*(?P<uc>mm|cm))?)?(?![\w])""")
PRIOR_SIZE = rx(r"""\b(?:previously|prior|baseline|was|were|from|initially|before|formerly|at\s+(?:staging|diagnosis|
    baseline)|compared\s+(?:with|to)|vs\.?|versus|down\s+from)\b[\s:=(]*(?:[A-Za-z]+\s+){0,2}$""")
NEW_LATE = rx(r"""\b(?:(?:previously|formerly)\s+(?:not|un)\s*(?:seen|present|visible|identified|detected|demonstrated)|
    not\s+(?:previously|formerly)\s+(?:seen|present|visible|identified)|(?:was|were)\s+not\s+(?:seen|present|visible)\s+
    (?:on|at|in)\b|new\s+(?:since|compared|relative|versus|vs\.?)\b|\(\s*new\b|\bnew\s*\)|[-–]\s*new\b)""")
GENERIC_SUBJECT = rx(r"""^\s*(?:(?:and\s+)?(?:these|this|the|both|all|such)?\s*(?:new\s+)?(?:appearances?|findings?|
    lesions?|foci|focus|nodes?|nodules?|abnormalit\w*|changes?|features?)?\s*(?:are|is|were|was|appear|appears|seem)?\s*)""")
ATTRIBUTION = rx(r"""^\s*(?:(?:most|more|less|highly|very)\s+)?(?:lymphoma|relapse|recurren\w*|progression|consistent|
    compatible|in\s+keeping|likely|probabl[ey]|possibl[ey]|suspicious|concerning|suggest\w*|favou?r\w*|represent\w*|
    indeterminate|equivocal|infect\w*|inflamm\w*|reactive|query|\?)""")  # a clause that only qualifies the lesion
LESION_SUBJECT = rx(r"""\s*(?:lymph\s+nodes?|nod(?:es?|al)|nodules?|lymphadenopathy|adenopathy|mass(?:es)?|lesions?|
    foc(?:us|i|al)|deposits?|opacit\w*|consolidation)\b""")  # a statement about one lesion ("Disease progression" is not)
SAME_PROCESS = rx(r"\b(?:same|similar)\s+(?:process|a?etiology|nature|disease)\b|\blikewise\b")
# a statement about the findings as a whole: "Findings are in keeping with recurrent lymphoma, including ..."
GENERIC_START = rx(r"""^\s*(?:overall,?\s+)?(?:the\s+|these\s+|this\s+|all\s+)?(?:appearances?|findings?|features?|picture|
    (?:new\s+)?(?:lesions|abnormalities|changes))\b|^\s*(?:these|this|they)\b""")
STATEMENT = rx(r"""\b(?:consistent|keeping|compatible|represent\w*|suggest\w*|typical|characteristic|likely|probabl[ey]|
    favou?r\w*|due\s+to|indicat\w*|reflect\w*|suspicious|concerning|worr\w*|may|might|could|excluded|ruled|possibl[ey]|
    diagnostic|evidence|unlikely|rather|attributed|related|relapse[sd]?|recurren\w*|progression|progressive|
    progressing|PMD|indeterminate|equivocal|uncertain|differential)\b""")


@fast_init
@dataclass(frozen=True, slots=True)
class Finding:
    site: str  # the words of the clause that names it
    organ: str | None  # extranodal organ (ORGANS), None for a node, the spleen or an unnamed site
    size_cm: float | None  # largest dimension stated for it
    etiology: str | None  # its own (clause, continuation), else the report-level one
    quote: str
    section: str


@fast_init
@dataclass(frozen=True, slots=True)
class NewLesions:
    stated: tuple[bool, str] | None  # (new lesions present?, quote): the negation when nothing new is found
    findings: tuple[Finding, ...]
    report_etiology: tuple[str, str] | None  # (etiology, quote) of the impression / closing statements


def sizes_cm(text: str) -> list[float]:
    """Largest dimension (cm) of each size stated for the current scan ("26 x 18 mm" -> 2.6)."""
    out = []
    for m in SIZE.finditer(text):
        unit = m.group("uc") or m.group("ub") or m.group("ua")
        if not unit or PRIOR_SIZE.search(text[max(0, m.start() - 40): m.start()]):
            continue
        values = [float(m.group(g).replace(",", ".")) for g in ("a", "b", "c") if m.group(g)]
        out.append(round(max(values) / (10 if unit.lower() == "mm" else 1), 2))
    return out


def largest_cm(text: str) -> float | None:
    return max(sizes_cm(text), default=None)


def organ_of(text: str) -> str | None:
    """The extranodal organ a clause names (None when it names a node, or no organ; the spleen is none)."""
    if NODE_WORD.search(text) or EFFUSION.search(text) and not SOLID.search(text):
        return None  # a node; an effusion alone is no organ involvement
    found = organs_named(text)
    return min(found, key=found.get) if found else None  # the organ named first


def subject_clause(text: str, pos: int) -> str:
    """The clause that names what the words at `pos` speak about: their own, or the nearest one before
    that names a lesion or a site ("New hepatic lesion, Deauville 5": the score's subject is the lesion)."""
    parts = [c for start, c in clauses(text) if start <= pos] or [text]
    for clause in reversed(parts):
        if LESION.search(clause) or P.SITE.search(clause):
            return clause
    return parts[-1]


def new_cue(clause: str):
    """The first cue that calls something in the clause new, or None."""
    for pattern in (P.NEW, NEW_LATE, P.NEW_AFTER):
        for m in pattern.finditer(clause):
            if pattern is P.NEW and P.NEW_DENY_MID.search(m.group("mid")):
                continue  # "new baseline", "new treatment"
            return m
    return None


def negated_new(clause: str, m) -> bool:
    if P.NEW_EXCEPT.search(clause):
        return False  # "no new lesions apart from a focus ..."
    return bool(P.NEG_NEW_BEFORE.search(clause[: m.start()]) or P.NEG_NEW_AFTER.match(clause[m.end():]))


def _new_row(text: str) -> str | None:
    """The site cell of a table row whose status cell says new, or None."""
    cells = [c.strip() for c in text.strip().strip("|").split("|")] if "|" in text else []
    return cells[0] if len(cells) > 1 and any(NEW_CELL.fullmatch(c) for c in cells[1:]) else None


def report_etiology(sents: list[Sentence]) -> tuple[str, str] | None:
    """The etiology the conclusion states for the new lesions: clauses of the impression, an addendum
    or the closing lines that state one and speak of new lesions or of no site in particular
    ("Consistent with relapse.", "Appearances consistent with relapsed lymphoma."), and statements about
    the findings as a whole wherever they stand ("Findings are consistent with recurrent lymphoma")."""
    found: list[tuple[bool, str, str]] = []  # (from the conclusion, etiology, quote)
    for s in sents:
        conclusion = is_conclusion(s) or s.section == "addendum"
        for _, clause in clauses(s.text):
            if not (conclusion or GENERIC_START.match(clause)) or not (kind := clause_etiology(clause)):
                continue  # elsewhere only "Findings are consistent with ...", "These represent ..."
            if s.section == "addendum":  # an addendum speaks about the lesion it revises
                found.append((True, kind, s.text))
                continue
            if not STATEMENT.search(clause):
                continue
            cue = new_cue(clause)
            if cue and negated_new(clause, cue):
                continue
            rest = GENERIC_SUBJECT.sub("", clause, count=1)
            if cue or GENERIC_START.match(clause) or not (P.SITE.search(rest) or LESION_SUBJECT.match(rest)):
                found.append((conclusion, kind, s.text))
    final = [f for f in found if f[0]] or found  # the conclusion outranks statements in the findings
    for kind in ("uncertain", "lymphoma", "not_lymphoma"):
        if hit := next((f for f in final if f[1] == kind), None):
            return hit[1], hit[2]
    return None


def new_lesions(sents: list[Sentence]) -> NewLesions:
    """New lesions stated in the current-findings sections, each with its scope."""
    body = [s for s in sents if s.section not in SKIP_KINDS]
    (listed, negative), findings = listed_new(body, LESION, largest_cm), []  # "New lesions:" / "None.": none
    for i, s in enumerate(body):
        if CAPTION.match(s.text):  # a caption names no lesion (report_new_list)
            continue
        if i in listed:  # an item under "New lesions:" (report_new_list)
            findings.append(Finding(s.text.strip(" ."), organ_of(s.text), largest_cm(s.text), etiology(s.text) if
                                    any(clause_etiology(c) for _, c in clauses(s.text)) else None, s.text, s.section))
            continue
        if not NEW_HINT.search(s.text):  # no word that can call anything new (a cheap test first)
            continue
        if bare := P.NEW_BARE_NEG.search(s.text):  # "no new.", "nil new", "New lesions: none"
            negative = negative or (False, s.text)
            if not new_cue(s.text[: bare.start()]) and not new_cue(s.text[bare.end():]):
                continue  # the statement is the whole of it ("New lesions: no" is no new lesion; blind round 7)
        if row := _new_row(s.text):  # "| Left para-aortic node | 1.3 x 0.9 cm | new |"
            findings.append(Finding(row, organ_of(row), largest_cm(s.text), None, s.text, s.section))
            continue
        if exception := P.NEW_EXCEPT.search(s.text):  # "No new lesions apart from a tiny focus at the port site"
            rest = s.text[exception.end(): exception.end() + 300]
            findings.append(Finding(exception.group(0), organ_of(rest), largest_cm(rest), etiology(rest),
                                    s.text, s.section))
            continue
        parts = clauses(s.text)
        for k, (_, clause) in enumerate(parts):
            if not (cue := new_cue(clause)):
                continue
            if negated_new(clause, cue):
                negative = negative or (False, s.text)
                continue
            subject = clause if LESION.search(clause) or P.SITE.search(clause) or k == 0 else parts[k - 1][1] + ", " + clause
            scope = [clause]
            for _, more in parts[k + 1:]:  # ", measuring 2.6 cm, consistent with relapse"
                if new_cue(more) or LESION.search(more) and P.SITE.search(more) and not ATTRIBUTION.match(more):
                    break  # another lesion; not "...: lymphoma versus a primary thyroid lesion"
                scope.append(more)
            text = "; ".join(scope)
            own = etiology(text) if any(clause_etiology(c) for c in scope) else None
            if own is None and SAME_PROCESS.search(text) and findings:  # "also a new liver focus, same process"
                own = findings[-1].etiology
            if own is None and i + 1 < len(body) and P.CONTINUATION.match(body[i + 1].text) \
                    and not new_cue(body[i + 1].text):
                own = etiology(body[i + 1].text)  # "New foci in the spleen. These are likely reactive."
            findings.append(Finding(subject.strip(), organ_of(subject), largest_cm(text), own, s.text, s.section))
    return NewLesions(negative, tuple(findings), report_etiology(sents))


def lesion_etiology(found: NewLesions) -> tuple[str, str] | None:
    """Worst-of over the new lesions (lymphoma > uncertain > not_lymphoma), each taking the report-level
    etiology when it states none of its own."""
    values = []
    for f in found.findings:
        if f.etiology:
            values.append((f.etiology, f.quote))
        elif found.report_etiology:
            values.append(found.report_etiology)
    if found.report_etiology and found.report_etiology[0] == "lymphoma":
        values.append(found.report_etiology)
    return max(values, key=lambda v: ETIOLOGY_RANK[v[0]], default=None)
