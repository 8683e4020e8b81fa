"""The current SPD a CT report states (clinical-logic.md §1.4: Lugano CT criteria), for ct_text.

Read as stated, never computed from the lesions: "SPD 9.0 cm2 (baseline 44.5 cm2)", "decreased from 52.0
to 19.8 cm2", "7.44 + 12.60 + 6.38 = 26.42 cm2", "Target lesion SPD (cm2): 11.3", "SPD: 2,450 mm2"
(a comma before three digits groups thousands; an SPD in mm2 is given in cm2). In a table the SPD row
holds a value per column: the value is the one under the column the header calls current ("Current",
"Today", "Now", "This study"), counted among the columns the header names by study ("Baseline | Nadir |
Today"); with several values and no such header the SPD is not stated (None), never guessed (the
blind text round of 2026-12-05 found the baseline column read as the current one).
"""

from __future__ import annotations

from fhir_mappings.pet_text_patterns import rx
from fhir_mappings.report_sections import SKIP_KINDS, Sentence, TextFact

_NUMBER = r"\d{1,3}(?:,\d{3})+(?![\d.,])|\d{1,5}(?:[.,]\d{1,2})?"
SPD = rx(r"""\b(?:SPD|sum\s+of\s+(?:the\s+)?products?\s+of\s+(?:the\s+)?(?:\w+\s+)?diameters)\b
    (?P<fill>(?:[^.;\d]|(?<=[cm]m)[2²]){0,40}?)
    (?<![A-Za-z])(?P<v>""" + _NUMBER + r""")(?P<sum>(?:\s*\+\s*\d{1,4}(?:[.,]\d{1,2})?)+\s*=\s*(?P<total>\d{1,4}(?:[.,]\d{1,2})?))?
    (?P<to>\s*(?:cm2|cm²|cm\^2|sq\.?\s*cm)?\s*(?:to|->|→)\s*(?P<v2>\d{1,4}(?:[.,]\d{1,2})?))?""")
MM2 = rx(r"\s*(?:mm2|mm²|mm\^2|sq\.?\s*mm|square\s+mm)")
MM2_IN = rx(r"\b(?:mm2|mm²|mm\^2|sq\.?\s*mm|square\s+mm)")
PRIOR_FILL = rx(r"\b(?:baseline|previous(?:ly)?|prior|was|initial(?:ly)?|at\s+staging|nadir)\b")
CELL_VALUE = rx(r"(?<![A-Za-z\d.,+-])(?P<v>" + _NUMBER + r")(?!\s*%)(?P<unit>\s*(?:mm2|mm²|cm2|cm²))?")
# a table row after its label: values only ("| 81.3 | 27.62 | 31.4", "5004 mm2 2253 mm2 (-55%)")
ROW = rx(r"""^\s*(?:\(\s*(?:cm|mm)[2²]\s*\))?(?:\s*[:|])*\s*(?:[\d.,]+\s*(?:mm2|mm²|cm2|cm²)?\s*\|?\s*){2,}
    (?:\(\s*[-+]?\d+(?:\.\d+)?\s*%\s*\)\s*)?\|?\s*$""")
COLUMN = rx(r"""\b(?P<current>current|today|now|present|this\s+(?:study|scan|exam\w*|CT)|follow[\s-]?up)\b|
    \b(?:baseline|staging|pre-?treatment|prior|previous|nadir|initial|interim)\b""")
HEADER_LOOKBACK = 8  # sentences above an SPD row searched for the table's header


def _number(raw: str) -> float:
    if "," in raw and len(raw.rsplit(",", 1)[1]) == 3:
        return float(raw.replace(",", ""))  # "2,450": thousands
    return float(raw.replace(",", "."))  # "5,8": a decimal comma


def _table_value(body: list[Sentence], i: int, row: str, cells: list) -> tuple[str, bool] | None:
    """The current column's value of a table's SPD row (raw number, in mm2), or None."""
    for s in reversed(body[max(0, i - HEADER_LOOKBACK): i]):
        columns = list(COLUMN.finditer(s.text))
        current = next((k for k, c in enumerate(columns) if c.group("current")), None)
        if current is not None and len(columns) > 1:
            if current >= len(cells):
                return None
            cell = cells[current]
            return cell.group("v"), bool(MM2_IN.search(cell.group("unit") or "") or MM2_IN.search(s.text + row))
    return None


def spd(sents: list[Sentence]) -> TextFact | None:
    body = [s for s in sents if s.section not in SKIP_KINDS]
    for i, s in enumerate(body):
        for m in SPD.finditer(s.text):
            if PRIOR_FILL.search(m.group("fill")):
                continue  # "SPD at baseline 44.5 cm2"
            label_end = m.start("fill")
            rest = s.text[label_end:]
            if not (m.group("total") or m.group("v2")) and ROW.match(rest):
                if len(cells := list(CELL_VALUE.finditer(rest))) > 1:  # a row of columns: the header decides
                    found = _table_value(body, i, rest, cells)
                    if found is None:
                        return None
                    raw, mm2 = found
                    return TextFact(round(_number(raw) * (0.01 if mm2 else 1.0), 2), s.text)
            raw = m.group("total") or m.group("v2") or m.group("v")
            unit = s.text[m.end(): m.end() + 12]
            mm2 = MM2.match(unit) or MM2_IN.search(m.group("fill"))  # "SPD (mm2): 2450"
            return TextFact(round(_number(raw) * (0.01 if mm2 else 1.0), 2), s.text)
    return None
