"""Uptake against the baseline and the marrow pattern of a PET-CT report, for the reader in `pet_text.py`
(clinical-logic.md §0, §1.2-1.3).

Pure and IO-free; the vocabulary lives in `pet_text_patterns`.
"""

from __future__ import annotations

import re

from fhir_mappings import fast_regex
from fhir_mappings import pet_text_patterns as P
from fhir_mappings import pet_text_sentences as S
from fhir_mappings import pet_text_values as V
from fhir_mappings.pet_text_sentences import Sentence, Table
from fhir_mappings.report_comparison import counts_against_baseline, reference
from fhir_mappings.report_scope import clause_at, etiology
from fhir_mappings.report_sections import TextFact

__all__ = ["directions", "marrow", "uptake"]

UPTAKE_RANK = {"reduced": 0, "unchanged": 1, "increased": 2}  # worst-of (clinical-logic §1.3)
MARROW_RANK = {"none": 0, "diffuse_reactive": 1, "focal_residual_reduced": 2, "unchanged": 3,
               "new_or_recurrent_focal": 4}
COMPARING = P.rx(r"^\s*(?:(?:when\s+|as\s+)?compared|in\s+comparison|relative|versus|vs\.?|since|cf\.?|against)\b")
# every word the direction and hedge patterns can match starts with or contains one of these (a cheap test)
DIRECTION_STEMS = ("creas", "reduc", "less", "low", "dimin", "improv", "resolv", "regress", "declin", "fall", "fell",
                   "drop", "wan", "subsid", "fad", "down", "chang", "stab", "static", "similar", "compar", "equival",
                   "same", "remain", "more", "high", "great", "intens", "progress", "wors", "ris", "rose", "escalat",
                   "up from", "possib", "perhaps", "maybe", "arguabl", "question", "conceiv", "can", "unable",
                   "difficult", "hard", "alter", "differ", "better", "signific")
DIRECTION_HINT = fast_regex.any_of(DIRECTION_STEMS)  # on lower-case text
SUV_CHANGE = 0.25  # relative SUVmax change that counts as a change in uptake (annotation guideline)


def _change(current: float, prior: float) -> str:
    ratio = (current - prior) / prior if prior else 0.0
    return "reduced" if ratio <= -SUV_CHANGE else "increased" if ratio >= SUV_CHANGE else "unchanged"


# --- uptake vs baseline ---------------------------------------------------------------------------

def _other_site(segment: str) -> bool:
    """A clause about a site that is not lymphoma: diffuse marrow, thyroiditis, "likely reactive"."""
    if P.MARROW_GENERIC.search(segment) and not P.NODE_OR_MASS.search(segment) and (
            P.DIFFUSE_MARROW.search(segment) or not P.FOCAL_LESION.search(P.NEG_SPAN.sub(" ", segment))):
        return True
    return bool(P.OTHER_CAUSE.search(segment)) and etiology(segment) == "not_lymphoma"


def directions(text: str) -> list[tuple[str, int, bool]]:
    """(direction, position, hedged) for each statement of an uptake change in one sentence."""
    if not DIRECTION_HINT.search(text.lower()) or not P.UPTAKE_TERM.search(text):
        return []  # no word of change, or no uptake word (masking only removes words): no statement
    masked = S.mask(S.mask(S.mask(text, V.SUV_PCT), P.UPTAKE_MASK), P.NEW_PHRASE)  # a new lesion has no baseline
    cut = [0, *(i for m in P.UPTAKE_SEGMENT.finditer(masked) for i in (m.start(), m.end())), len(masked)]
    masked = "".join(" " * (b - a) if k % 2 == 0 and _other_site(masked[a:b]) else masked[a:b]
                     for k, (a, b) in enumerate(zip(cut, cut[1:])))
    if not P.UPTAKE_TERM.search(masked):
        return []
    found: list[tuple[int, int, str]] = []
    taken = bytearray(len(masked))  # "no significant reduction" is one "unchanged", not also a "reduced"
    for name, pattern in (("unchanged", P.UNCHANGED), ("reduced", P.REDUCED), ("increased", P.INCREASED)):
        for m in pattern.finditer(masked):
            if not any(taken[m.start(): m.end()]):
                found.append((m.start(), m.end(), name))
                taken[m.start(): m.end()] = b"\x01" * (m.end() - m.start())
    out, last_end, last, compared = [], -1, "", P.COMPARISON_CONTEXT.search(masked)
    for start, end, name in sorted(found):
        before, after, word = S.before(masked, start), masked[end: end + 150], masked[start:end]
        piece = next(text[a:b] for a, b in zip(cut, cut[1:]) if a <= start < b)
        if name == "unchanged" and P.NON_AVID.search(piece):
            continue  # "calcified non-avid nodes are stable": not a statement about uptake
        if name == "unchanged" and P.LIKE_WORD.match(word) and not compared and P.REFERENCE_REGION.search(masked):
            continue  # "above the liver visually but similar quantitatively": not a change over time
        if P.SIZE_AFTER.match(after) or P.SIZE_BEFORE.search(before):
            continue  # "decreased in size", "size has decreased"
        neg = P.NEG_BEFORE.search(P.PIECE_BREAK.split(before)[-1])
        if name != "unchanged" and neg and not P.NEG_GAP_STOP.search(neg.group(0)[2:]):
            if name != "reduced" or not P.SIGNIFICANT.search(neg.group(0) + word):
                continue  # "no increase in uptake" states no direction
            name = "unchanged"  # "no significant reduction"
        if P.COMPARATIVE_ADJ.match(word) and P.ADJECTIVAL.match(after) and not compared:
            continue  # "increased uptake in the left axilla": avid, not a change
        out.append((name, start, last not in ("", name) and bool(P.ALTERNATIVE.match(masked[last_end:start]))))
        last_end, last = end, name
    if P.HEDGED_CHANGE.search(masked) or P.CANNOT_SAY.search(masked):
        out.append(("unchanged", 0, True))  # "similar, possibly marginally lower; I cannot confidently say"
    return out


def _conflicting(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two statements about the same site (named sites; failing those, lesion nouns; or none at all)."""
    sa, sb = {k for k in a if k[0] != "~"}, {k for k in b if k[0] != "~"}
    if sa or sb:
        return bool(sa & sb)
    return not a or not b or bool(a & b)


def _ref(text: str, pos: int, numeric: bool = False) -> str | None:
    """The scan the change at `pos` is against: the words after it in its clause ("stable since the interim
    study", "compared with baseline"; for a value, its own label: "(interim 6.9)", "(baseline 22.4)"), else a
    comparison leading the sentence ("Compared with baseline (...), the uptake ...")."""
    start, clause = clause_at(text, pos)
    after = text[pos: pos + 80].split(";")[0] if numeric else clause[pos - start:]
    if found := reference(after, nearest=not numeric):
        return found
    return reference(text[:start]) if COMPARING.match(text) else None


def _pair_ref(text: str, pos: int, prior: float) -> str | None:
    """The scan an earlier value belongs to: the words around that value ("compared with staging (SUVmax
    17)", "(interim 6.9)", "previously 17.5 at baseline")."""
    number = rf"(?<![\d.]){int(prior)}(?:\.0+)?(?![\d.])" if prior.is_integer() else rf"(?<![\d.]){prior}(?!\d)"
    m = re.compile(number).search(text, pos) or re.compile(number).search(text)
    if not m:
        return _ref(text, pos, True)
    return reference(text[max(pos, m.start() - 50): m.end() + 25])


def uptake(sents: list[Sentence], table: Table, timepoint: str | None, flags: list[str],
           comparator: bool | None = None, values: list | None = None) -> TextFact | None:
    """Uptake of the lymphoma sites against the baseline (worst-of across sites). A change against an
    interim or end-of-treatment scan does not count; one against "the prior study" (or no named study)
    counts unless the comparator is known to be another scan than the baseline (report_comparison)."""
    statements = []  # (direction, site keys, quote, kind, reference)
    prev = None  # the last sentence with values: (section, text, pairable current values, pairs, lone earlier values)
    for s, (current, pairs, priors) in zip(sents, values or V.sentence_values(sents, timepoint)):
        sentence_keys = None
        for name, pos, hedged in directions(s.text):
            if hedged:  # "stable to slightly decreased"
                flags.append("TEXT_UPTAKE_AMBIGUOUS")
                return None
            if not (keys := S.keys_at(s.text, pos)):  # "Deauville 4 in the spleen; uptake unchanged"
                keys = sentence_keys = S.site_keys(s.text) if sentence_keys is None else sentence_keys
            if not keys and P.OTHER_SITES.search(S.clause_at(s.text, pos)):
                keys = frozenset({"~other"})  # "some nodes are less avid while others have increased": two sites
            statements.append((name, keys or S.noun_keys(S.clause_at(s.text, pos)), S.quote(s.text, pos), "word",
                               _ref(s.text, pos)))
        for m in V.SUV_PCT.finditer(s.text):  # "65% reduction in SUVmax", "delta SUVmax -76%"
            pct = float(m.group("p1") or m.group("p2") or m.group("p3"))
            word = (m.group("d1") or m.group("d3") or "").lower()
            up = word.startswith(("increas", "ris", "rose")) or m.group("s2") == "+"
            name = "unchanged" if pct < SUV_CHANGE * 100 else "increased" if up else "reduced"
            statements.append((name, S.keys_at(s.text, m.start()), S.quote(s.text, m.start()), "percent",
                               _ref(s.text, m.start(), True)))
        if bare := V.SUV_BARE_PRIOR.match(s.text):  # "Previously 12.5."
            priors = [float(bare.group("p"))]
        current = [(v, pos) for v, pos in current if V.pairable(s.text, pos)]
        where = [(s.text, pos) for _, _, pos in pairs]
        refs = [None] * len(pairs)
        if prev and prev[0] == s.section and not pairs and not prev[3]:  # the earlier value in its own sentence
            if len(priors) == 1 and not current and len(prev[2]) == 1:  # "SUVmax 4.6. Previously SUVmax 14.8."
                pairs, where, refs = [(prev[2][0][0], priors[0], 0)], [(prev[1], prev[2][0][1])], [reference(s.text)]
            elif len(prev[4]) == 1 and not prev[2] and len(current) == 1 and not priors:
                pairs, where, refs = [(current[0][0], prev[4][0], 0)], [(s.text, current[0][1])], [reference(prev[1])]
        for (c, p, _), (text, pos), ref in zip(pairs, where, refs):
            keys = S.keys_at(text, pos) or S.noun_keys(S.clause_at(text, pos))
            statements.append((_change(c, p), keys, S.quote(text, pos), "numeric", ref or _pair_ref(text, pos, p)))
        if current or pairs or priors:
            prev = (s.section, s.text, current, pairs, priors)
    statements += [(_change(c, p), S.site_keys(label) or frozenset({"~" + label.lower()}), S.quote(q), "numeric",
                     reference(table.prior_label) or "prior") for label, c, p, q in table.pairs]
    readings = {(st[0], st[1], st[4]) for st in statements}  # read two ways against the same (or an unnamed) scan
    statements = [st for st in statements if counts_against_baseline(st[4], comparator)]
    if any(a[0] != b[0] and _conflicting(a[1], b[1]) and (a[2] == b[2] or None in (a[2], b[2]))
           and {a[2], b[2]} & {None, "baseline", "prior"} for a in readings for b in readings):
        flags.append("TEXT_UPTAKE_AMBIGUOUS")  # the same site (or the report as a whole) read two ways
        return None
    if not statements:
        return None
    if all(st[3] == "numeric" for st in statements):
        flags.append("UPTAKE_CHANGE_NOT_CODED")
    worst = max(statements, key=lambda st: (UPTAKE_RANK[st[0]], st[3] == "word"))
    return TextFact(worst[0], worst[2])


def _marrow_clause(clause: str) -> str | None:
    if P.BONE_LESION.search(clause) and not P.MARROW_GENERIC.search(clause):
        return None  # "a lytic lesion of the T11 vertebral body": a bone lesion, not the marrow
    seg = next((c for c in clause.split(",") if P.MARROW.search(c)), clause)
    new = P.MARROW_NEW.search(seg)
    stated = P.NEG_SPAN.sub(" ", clause)  # what the clause affirms: "diffuse uptake ... with no focal lesion"
    if P.MARROW_DIFFUSE.search(stated) and not P.FOCAL.search(stated):  # wins over "no focal uptake" (guideline)
        return "none" if P.MARROW_NORMALISED.search(stated) else "diffuse_reactive"  # "... has normalised"
    if P.MARROW_NONE.search(clause) or P.HOMOGENEOUS.search(stated) and P.NOT_FOCAL_OR_MORE.search(clause):
        return "none"  # "BM: homogeneous, no focal", "homogeneous and not increased"
    listed = not new and P.NEW_LIST.search(clause[: max(0, clause.find(seg))])  # "new lesions: ..., marrow foci"
    if (new and not P.NEG_NEW_BEFORE.search(seg[: new.start()]) or listed) and P.MARROW_FOCAL.search(seg) \
            and etiology(clause) != "not_lymphoma":
        return "new_or_recurrent_focal"
    if P.HOMOGENEOUS.search(stated) and not P.FOCAL.search(stated):  # raised and homogeneous, or just normal
        return "diffuse_reactive" if P.MARROW_RAISED.search(stated) and not P.MARROW_NORMALISED.search(stated) \
            else "none"
    if not P.FOCAL_LESION.search(clause):
        return None
    stated = {d for d, _, _ in directions(clause)}
    if P.MARROW_RESOLVED.search(clause) and not stated - {"reduced"}:
        return "focal_residual_reduced" if P.RESOLVING.search(clause) else "none"
    return "unchanged" if "unchanged" in stated else "focal_residual_reduced" if "reduced" in stated else None


def marrow(sents: list[Sentence]) -> TextFact | None:
    found = []
    for s in (s for s in sents if P.MARROW.search(s.text)):
        subject = ""  # a clause after a marrow clause, naming no other site, is about the marrow too
        for clause in P.MARROW_CLAUSE_BREAK.split(s.text):
            own = bool(P.MARROW.search(clause))
            subject = clause if own else subject if subject and not P.SITE.search(clause) else ""
            # "the L1 focus persists but is less avid": the second clause continues the first one's subject
            lead = subject if P.FOCAL_LESION.search(P.NEG_SPAN.sub(" ", subject)) else "marrow"
            read = clause if own else lead + ", " + clause
            if subject and (value := _marrow_clause(read)):
                found.append(TextFact(value, S.quote(s.text, s.text.find(clause))))
    return max(found, key=lambda f: MARROW_RANK[f.value], default=None)

