"""SUVmax and TMTV values of a PET-CT report sentence, for the extractor in `pet_text.py`: which
values are this scan's, which are an earlier scan's, and the (current, earlier) pairs the reader gives
("SUVmax 4.6, previously 14.8", "from 15.0 to 8.2", "Previously SUVmax 12.9, now 2.2",
"15.6/4.9 (baseline/current)").

Pure and IO-free; compiled once at import.
"""

from __future__ import annotations

from fhir_mappings import pet_text_patterns as P
from fhir_mappings import pet_text_sentences as S
from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.pet_text_sentences import Sentence

# --- patterns -----------------------------------------------------------------------------------------

# SUVmax: values, roles, pairs.
SUV = rx(r"""(?P<t>\bSUV\s*[-_]?\s*max(?:imum)?(?:\s*\(?\s*bw\s*\)?)?|\bSUV\s*bw(?:\s*[-_]?\s*max)?|
    \bmax(?:imum|\.)?\s+SUV(?:bw)?\b|\bmaximum\s+standardi[sz]ed\s+uptake\s+values?(?:\s*\(\s*SUV\s*max\s*\))?|
    \bSUVs?(?![A-Za-z])(?![\s-]*(?:mean|peak|avg|av\b|min|lbm|glu)))
    (?P<fill>[^\d;()|]{0,45}?|\s*\(\s*|[^\d;()|]{0,45}?\(\s*)(?<![A-Za-z])(?P<v>\d{1,3}(?:\.\d+)?)(?![\d])
    (?!\s*(?:%|(?:x|×|cm|mm|MBq|mCi|mmol|min|hours?|h|kg|mg|ml|mL|cc|percent|per\s*cent)\b))""")
SUV_PRIOR_BEFORE = rx(r"""\b(?:previous(?:ly)?|prior|baseline|initial|pre-?treatment|pre-?salvage|staging|interim|was|then|
    compared\s+(?:with|to)|vs\.?|versus|against)[\s:=]*$""")
SUV_LABEL_PAREN = rx(r"""\(\s*(?:(?:on|at|in|cf\.?)\s+)?(?:the\s+)?(?:day\s*\+?\s*\d+|i?PET\s*-?\s*\d|interim|baseline|staging|prior|
    previous|pre-?\w+|relapse|diagnos\w*|\d{1,2}/\d{2,4})(?:\s+(?:PET|scan|study))?(?:[-/]?CT)?\s*[:,=]?\s*$""")
SUV_PRIOR_LESION = rx(r"""\b(?:previous|prior|baseline|initial|pre-?treatment|pre-?salvage|staging)\s+(?:\w+\s+)?
    (?:lesion|node|mass|focus|disease|site|tumou?r)s?\s*$""")
SUV_REF = rx(r"""\b(?:liver|hepatic\s+(?:background|reference|parenchyma|mean)|blood[\s-]*pool|mediastinal\s+
    (?:blood|background|reference)|background|reference|normal\s+(?:liver|marrow|tissue)|aortic\s+(?:arch|blood|lumen)|
    brain|cerebral|physiolog\w*|MBP)\b(?:\s+(?:background|reference|parenchyma|mean|normal|uptake|activity|region|
    blood[\s-]*pool|measured|is|was|at))*\s*[:(]?\s*$""")
SUV_REF_FILL = rx(r"\b(?:liver|blood[\s-]*pool|background|reference|physiolog\w*)\b")
SUV_PRIOR_FILL = rx(r"\b(?:previous(?:ly)?|prior|baseline|initial(?:ly)?|pre-?treatment|staging|before|from|at\s+diagnosis|then)\b")
SUV_PRIOR_AFTER = rx(r"^\s*\)?\s*,?\s*(?:(?:at|on|in)\s+(?:the\s+)?(?:baseline|staging|prior|previous|initial|pre-?treatment|interim)|previously|initially|before\s+treatment|at\s+diagnosis|pre-?salvage|pre-?treatment|pre-?therapy)\b(?!\s*\(?\s*(?:SUV\w*\s*|DS\s*|Deauville\s*|score\s*)?(?:of\s*|:\s*|was\s*|=\s*)?\d)")
SUV_PAIR_TAIL = rx(r"""^\s*(?:\((?:liver|MBP|blood|ref)[^)]*\)\s*)?(?:(?:in|at|of|within)\s+(?:the\s+)?[A-Za-z][\w -]{0,30}?(?=\s*\())?
    (?:\(\s*[A-Za-z][\w -]{0,30}?[;,]\s*(?=\d))?
    (?:\)|,|;)?\s*\(?\s*(?:(?P<pa>\d{1,3}(?:\.\d+)?)\s*(?:at|on|in)\s+(?:the\s+)?
    (?:baseline|staging|prior|previous|initial|pre-?treatment|pre-?salvage|interim)\b|(?P<m>previously|prev\.?|prior(?:\s+SUV\w*)?|was|were|baseline(?:\s+SUV\w*)?|against|
    at\s+baseline|(?:on|at|in)\s+(?:the\s+)?(?:prior|previous|baseline|staging|pre-?treatment|initial)(?:\s+(?:study|scan|PET|PET-?CT|exam))?|
    before|initially|pre-?(?:treatment|therapy|salvage)|at\s+staging|compared\s+(?:with|to)|vs\.?|versus|down\s+from|
    up\s+from|from)\s*(?:SUV\w*)?\s*(?:of|:|=|was)?\s*(?P<p>\d{1,3}(?:\.\d+)?)(?!\d|\.\d|\s*(?:cm|mm|x|×|%))
    |(?:previously|initially|at\s+(?:baseline|staging|diagnosis)|before\s+treatment|
       pre-?(?:treatment|therapy|salvage))\b
    [^;()|]{0,40}?\bSUV\w*\s*(?:of|:|=|was)?\s*(?P<p2>\d{1,3}(?:\.\d+)?)(?!\d|\.\d))""")
SUV_BARE_PRIOR = rx(r"""^\s*(?:previously|initially|prior|baseline|pre-?(?:treatment|therapy|salvage)|at\s+baseline|
    (?:it\s+)?was)\s*[:=]?\s*(?P<p>\d{1,3}(?:\.\d+)?)\s*(?:at\s+baseline)?\s*\.?\s*$""")  # "Previously 12.5."
SUV_REF_COMPARED = rx(r"""\b(?:to|than|above|below|exceed\w*|over|under|with)\s+(?:that\s+of\s+)?(?:the\s+)?
    (?:(?:normal|background)\s+)?$""")
SUV_FROM_TO = rx(r"""\bfrom\s+(?:an?\s+)?(?:SUV\w*\s+(?:of\s+)?)?(?P<p>\d{1,3}(?:\.\d+)?)\s*(?:\([^)]{0,30}\)\s*)?(?:to|->|→|down\s+to|up\s+to)\s+
    (?:an?\s+)?(?:SUV\w*\s+(?:of\s+)?)?(?P<c>\d{1,3}(?:\.\d+)?)(?!\d|\.\d|\s*(?:cm|mm|x|×))""")
SUV_ARROW = rx(r"^\s*(?:->|→|=>)\s*(?P<c>\d{1,3}(?:\.\d+)?)(?!\d|\.\d)")
SUV_CLAUSE_PRIOR = rx(r"\b(?:previously|initially|formerly|originally|at\s+baseline|at\s+staging|at\s+diagnosis|pre-?treatment|pre-?salvage)\b" + P._NOT_PRIOR + r"(?![^,;]*\b(?:now|currently)\b)")
SUV_PAREN_MARKER = rx(r"""\b(?P<cmp>compared\s+(?:with|to)\s+|relative\s+to\s+|vs\.?\s+|versus\s+)?(?:(?:at|on|from|than|to|with)\s+)?
    (?:the\s+)?(?:baseline|staging|prior|previous|pre-?treatment|pre-?salvage|interim|initial)(?:\s+(?:PET|scan|study|PET-?CT|PET/CT))?\s*\(\s*$""")
# "previously SUVmax 13.4, now 2.6": the current value after an earlier one, without its own label
SUV_NOW_TAIL = rx(r"""^\s*[,;]?\s*(?:and\s+|but\s+)?(?:now|currently|today|at\s+present)\s*(?:SUV\w*\s*)?
    (?:of|:|=|is|measures?|measuring)?\s*(?P<c>\d{1,3}(?:\.\d+)?)(?!\d|\.\d|\s*(?:cm|mm|%))""")
# "MAX SUV 12.2/3.0 (BASELINE/CURRENT)": two values and the scans they belong to
SUV_SLASH_PAIR = rx(r"""^\s*/\s*(?P<b>\d{1,3}(?:\.\d+)?)\s*\(\s*(?P<l1>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*/\s*
    (?P<l2>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*\)""")
SUV_RANGE = rx(r"\b(?:rang\w*|between|up\s+to)\b")
SUV_BAD_FILL = rx(r"deauville|\bDS\b|\bscore|5-?PS|\bcm\b|\bmm\b")
SUV_PCT = rx(r"""(?:(?P<p1>\d{1,3}(?:\.\d+)?)\s*%\s*(?P<d1>reduction|decrease|decline|fall|drop|improvement|increase|
    rise)\s+(?:in\s+(?:the\s+)?|of\s+(?:the\s+)?)?(?:\w+\s+){0,2}?(?:SUV\w*|uptake|FDG|avidity|metabolic\s+activity)
    |(?:Δ|delta|change\s+in)\s*SUV\s*\w*\s*(?:of|:|=)?\s*(?P<s2>[-−+]|minus|plus)?\s*(?P<p2>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s*cent\b)
    |(?:SUV\w*|uptake|avidity)\s+(?:\w+\s+){0,3}?(?P<d3>decreas\w*|reduc\w*|fell|fallen|dropped|declined|increas\w*|rose|risen)
    \s+by\s+(?P<p3>\d{1,3}(?:\.\d+)?)\s*%)""")

# TMTV
TMTV_UNIT = rx(r"""(?:\b(?:total\s+)?metabolic\s+tumou?r\s+volume\b|\bT?MTV\b)(?P<fill>[^;]{0,60}?)(?<![\w.,])
    (?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,5}(?:\.\d+)?)\s*
    (?P<u>m[lL]|cm3|cm³|cm\^3|cc|cm\s*3|millilit(?:re|er)s?|L|litres?|liters?)(?![\w])""")
FROM = rx(r"\bfrom\b")
TMTV_TO = rx(r"""^\s*(?:m[lL]|cm3|cc)?\s*(?:to|->|→)\s*(?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,5}(?:\.\d+)?)\s*
    (?P<u>m[lL]|cm3|cm³|cc|L)?\b""")
TMTV = rx(r"""(?:\b(?:total\s+)?metabolic\s+tumou?r\s+volume\b(?:\s*\(\s*T?MTV\s*\))?|\bT?MTV\b|\btotal\s+MTV\b)
    (?P<fill>[^\d;.]{0,30}?)(?<![A-Za-z])(?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,5}(?:\.\d+)?)\s*
    (?P<u>m[lL]|cm3|cm³|cm\^3|cc|cm\s*3|
    millilit(?:re|er)s?|L|l|litres?|liters?)?(?![\w])""")


# --- SUVmax and TMTV values: this scan's or an earlier one's --------------------------------------------

def suv_values(text: str, timepoint: str | None, follows_value: bool = False) -> tuple[
        list[tuple[float, int]], list[tuple[float, float, int]], list[float]]:
    """Current SUVmax values (value, position), (current, prior, position) pairs, and the earlier
    values left without a pair, in one sentence. `follows_value`: the sentence before gave a current
    value, so a sentence naming no lesion of its own continues about that lesion."""
    current: list[tuple[float, int]] = []
    pairs, priors = [], []
    for m in SUV.finditer(text):
        v, fill, after = float(m.group("v")), m.group("fill"), text[m.end():]
        lead = P.COMMA_BREAK.split(text[max(0, m.start() - 40): m.start()])[-1]
        ref = SUV_REF.search(lead)  # "liver SUVmax 2.6"; "above liver (SUVmax 2.7)" after a lesion's value
        tail, arrow, fill_prior = SUV_PAIR_TAIL.match(after), SUV_ARROW.match(after), SUV_PRIOR_FILL.search(fill)
        paren_ref = ref and ref.group(0).rstrip().endswith("(")
        # "similar to the liver SUVmax 2.6 from 10.8 at baseline": a value followed over time is the lesion's
        compared = ref and tail and SUV_REF_COMPARED.search(lead[: ref.start()])
        if ref and not P.SUV_LESION.search(lead[ref.start():]) and (current or not (paren_ref or compared)):
            continue
        if SUV_REF_FILL.search(fill) or SUV_BAD_FILL.search(fill):
            continue
        slash = SUV_SLASH_PAIR.match(after)
        labels = [bool(S.TABLE_PRIOR_COLUMN.search(slash.group(k))) for k in ("l1", "l2")] if slash else []
        if slash and labels[0] != labels[1]:  # "12.2/3.0 (baseline/current)"
            c, p = (float(slash.group("b")), v) if labels[0] else (v, float(slash.group("b")))
            current.append((c, m.start()))
            pairs.append((c, p, m.start()))
            continue
        from_to = fill_prior and fill_prior.group(0).lower() == "from"
        ft = SUV_FROM_TO.search(text, m.start(), m.end() + 40) if from_to else None
        if ft and SUV_RANGE.search(fill):  # "SUVmax ranging from 4.8 to 19.6"
            current += [(v, m.start()), (float(ft.group("c")), m.start())]
            continue
        if ft or arrow:  # "SUVmax fell from 15.0 to 8.2", "SUVmax 18.7 -> 1.4"
            current.append((float((ft or arrow).group("c")), m.start()))
            pairs.append((current[-1][0], float(ft.group("p")) if ft else v, m.start()))
            continue
        clause = P.COMMA_BREAK.split(S.before(text, m.start()))[-1]
        if (paren := text.rfind("(", 0, m.start())) > text.rfind(")", 0, m.start()):
            clause += " " + text[paren: m.start()]
        if marker := SUV_PAREN_MARKER.search(S.before(text, m.start())):  # "less avid than at baseline (SUVmax 7.5)"
            # "SUVmax 3.1. Uptake has decreased from baseline (SUVmax 21.6).": the lesion's value was given before
            own_subject = P.SITE.search(text, 0, m.start()) or P.LESION_NOUN.search(text, 0, m.start())
            prior = bool(marker.group("cmp") or current or follows_value and not own_subject)
        else:
            prior = bool(fill_prior or SUV_PRIOR_BEFORE.search(lead) or SUV_PRIOR_AFTER.match(after)
                         or (current or follows_value) and SUV_LABEL_PAREN.search(S.before(text, m.start(), 40))
                         or SUV_PRIOR_LESION.search(lead)
                         or SUV_CLAUSE_PRIOR.search(clause + fill) or S.is_prior(text, m.start(), m.end(), timepoint))
        if prior and not tail:
            if now := SUV_NOW_TAIL.match(after):
                current.append((float(now.group("c")), m.start()))
                pairs.append((current[-1][0], v, m.start()))
                continue
            priors.append(v)
            continue
        current.append((v, m.start()))
        if tail:  # "SUVmax 12.1, previously 18.4", "SUVmax 4.6, previously measuring SUVmax 14.8"
            pairs.append((v, float(tail.group("p") or tail.group("pa") or tail.group("p2")), m.start()))
    if not pairs and len(priors) == 1 and len(current) == 1 and pairable(text, current[0][1]):
        pairs.append((current[0][0], priors.pop(), current[0][1]))
    return [(v, pos) for v, pos in current if 0 < v < 100], pairs, priors


def sentence_values(sents: list[Sentence], timepoint: str | None) -> list[tuple[list, list, list]]:
    """`suv_values` of each sentence, each knowing whether the sentence before it (same section) gave a value."""
    out, last = [], None
    for s in sents:
        values = suv_values(s.text, timepoint, bool(last and last[0] == s.section and last[1]))
        out.append(values)
        if values[0] or values[1] or values[2]:
            last = (s.section, values[0])
    return out


def pairable(text: str, pos: int) -> bool:
    """A current value that can take an earlier value stated apart from it: not a new lesion's."""
    return not P.NEW_WORD.search(S.clause_at(text, pos))


def _earlier_scan_clause(before: str, timepoint: str | None) -> bool:
    """The clause before a value names an earlier scan ("relapse PET DS 5, TMTV 188 mL"), not this one."""
    if not (m := P.EARLIER_SCAN_CLAUSE.search(before)):
        return False
    ev = m.group("ev").lower().replace("-", "")
    own = "relapse_or_follow_up" if ev == "relapse" else P.MARKER_TIMEPOINT.get(ev)
    return own is None or own != timepoint


def tmtv(sents: list[Sentence], timepoint: str | None) -> tuple[float, str] | None:
    """(this scan's total metabolic tumour volume in mL, quote)."""
    for s in sents:
        for m in [*TMTV_UNIT.finditer(s.text), *TMTV.finditer(s.text)]:  # a value with a unit first
            value = m
            if FROM.search(m.group("fill")) and (to := TMTV_TO.match(s.text[m.end("v"):])):
                value = to  # "TMTV has fallen from 512 mL to 38 mL"
            elif SUV_PRIOR_FILL.search(m.group("fill")) or S.is_prior(s.text, m.start(), m.end(), timepoint) \
                    or _earlier_scan_clause(s.text[: m.start()], timepoint):
                continue
            litres = (value.group("u") or "").lower().startswith("l")
            number = float(value.group("v").replace(",", ""))  # "1,240 mL"
            return number * (1000 if litres else 1), S.quote(s.text, m.start())
    return None
