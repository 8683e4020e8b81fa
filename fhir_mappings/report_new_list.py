"""Lesions listed under a "New lesions:" caption (report_findings.new_lesions): the items name no "new"
of their own ("New lesions:" / "NL1 right inguinal node, 2.6 x 1.9 cm" / "NL2 left external iliac node,
1.3 x 0.9 cm"), the caption makes them new (blind CT round of 2026-12-05). An item is a sentence right
after the caption that names a lesion or a site with a size; the list ends at the first sentence that
does not ("Mesentery: no adenopathy.", "Overall: PD").
"""

from __future__ import annotations

from fhir_mappings import pet_text_patterns as P
from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_sections import Sentence

CAPTION = rx(r"^\s*(?:new|interval)\s+(?:lesions?|findings?|sites?(?:\s+of\s+disease)?|disease|nodes?)\s*:?\s*$")
NOT_ITEM = rx(r"^\s*(?:no|nil|none|not|without|overall|impression|conclusion|comment)\b")
NONE_ITEM = rx(r"^\s*(?:none|no|nil|not\s+seen|not\s+identified|absent|negative)\s*[.;]?\s*$")
MAX_ITEMS = 12


MAX_ITEMS = 12


def caption_answer(sents: list[Sentence], i: int) -> tuple[bool, str] | None:
    """For a bare caption at `i`: (False, quote) when the next sentence says none ("New lesions:" /
    "None."), None otherwise (the caption itself never names a lesion)."""
    nxt = sents[i + 1].text if i + 1 < len(sents) else ""
    return (False, f"{sents[i].text} {nxt}") if NONE_ITEM.match(nxt) else None


def listed_new(sents: list[Sentence], lesion, largest_cm) -> tuple[set[int], tuple[bool, str] | None]:
    """The positions of the sentences listed under a bare new-lesion caption, and (False, quote) when a
    caption is answered "None." (the caption itself names no lesion). `lesion` is report_findings.LESION and `largest_cm` its
    size reader (passed in: report_findings imports this module)."""
    out: set[int] = set()
    none_stated = None
    for i, s in enumerate(sents):
        if not CAPTION.match(s.text):
            continue
        if i + 1 < len(sents) and NONE_ITEM.match(sents[i + 1].text):
            none_stated = none_stated or (False, f"{s.text} {sents[i + 1].text}")
            continue
        for k, item in enumerate(sents[i + 1: i + 1 + MAX_ITEMS], i + 1):
            if item.section != s.section or NOT_ITEM.match(item.text) or CAPTION.match(item.text) \
                    or not (lesion.search(item.text) or P.SITE.search(item.text)) or largest_cm(item.text) is None:
                break
            out.add(k)
    return out, none_stated
