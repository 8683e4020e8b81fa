"""Staging statements in words, wherever a report states them (architecture.md clarifications: extensive
mesenteric disease "stated anywhere"; extranodal organs, marrow involvement, "no (other) extranodal
disease"), merged into the coded staging. Coded values win; text fills what is not coded.

Read from the staging Condition / Observation texts and from imaging reports dated on or before the
first first-line dose (the staging scan), negation-aware (staging_text.extract_staging).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .case_facts import Staging
from .fhir_json import effective_date
from .report_text import report_text
from .staging_text import extract_staging

NODAL = {"spleen", "waldeyer"}  # Lugano: spleen and Waldeyer's ring are nodal [V:BLOODREF]
CLOSING = re.compile(r"\bno\s+(?:other\s+|further\s+)?(?:evidence\s+of\s+)?extra-?\s?nodal", re.I)  # closes the count
ORGAN_ALIASES = {"bone_marrow": "marrow", "bowel": "gi", "stomach": "gi"}  # NCCN-IPI organ names


def merge(staging: Staging, texts: list[str], reports: list[dict], first_dose: date | None) -> Staging:
    sources = list(texts)
    for res in reports:
        day = effective_date(res)
        if day is not None and (first_dose is None or day <= first_dose):
            sources.append(report_text(res))
    mesenteric, marrow = staging.extensive_mesenteric, staging.marrow_involved
    organs: set[str] = set(staging.extranodal_organs)
    closed = staging.extranodal_closed
    for text in sources:
        if not text:
            continue
        st = extract_staging(text)
        if mesenteric is None and st.extensive_mesenteric is not None:
            mesenteric = bool(st.extensive_mesenteric.value)
        if marrow is None and st.marrow_involved is not None:
            marrow = bool(st.marrow_involved.value)
        if st.extranodal_organs is not None:
            stated = {ORGAN_ALIASES.get(o, o) for o in st.extranodal_organs.value} - NODAL
            organs |= stated
            closed = closed or bool(CLOSING.search(st.extranodal_organs.quote or ""))
    if marrow:
        organs.add("marrow")
    return replace(staging, extensive_mesenteric=mesenteric, marrow_involved=marrow,
                   extranodal_organs=tuple(sorted(organs)), extranodal_closed=closed)
