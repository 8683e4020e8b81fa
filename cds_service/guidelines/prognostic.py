"""IPI, aaIPI, smIPI and NCCN-IPI at diagnosis (clinical-logic.md §6).

Values at diagnosis: the latest before the first 1L dose, within 60 days (binding clarification); age
at diagnosis (clarifications, second set). A score is a number only when every component is known or
derived; otherwise it is null, `<name>_range` gives [min, max] and `<name>_group` is given when every
possible total falls in one risk group; `missing` names the unknown component.

Extranodal sites for the IPI (clarifications, second set): a coded count wins; else Lugano stage I-II
means at most one (the factor "> 1 site" is 0); else the involved extranodal organs stated (coded body
sites, marrow involvement, the staging report) are counted, and the count is exact only when a report
closes it ("no (other) extranodal disease"); two or more stated organs make the factor 1 either way.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

from fhir_mappings.case_facts import CaseFacts, Measurement

from .dates import age_on

IPI_GROUPS = ((0, 1, "low"), (2, 2, "low-intermediate"), (3, 3, "high-intermediate"), (4, 5, "high"))  # [V:IPI]
AAIPI_GROUPS = ((0, 0, "low"), (1, 1, "low-intermediate"), (2, 2, "high-intermediate"), (3, 3, "high"))  # [V:PMC10575851]
SMIPI_GROUPS = ((0, 0, "0"), (1, 1, "1"), (2, 2, "2"), (3, 3, "3"), (4, 4, "4"))  # S0313 factors, 0-4
NCCN_IPI_GROUPS = ((0, 1, "low"), (2, 3, "low-intermediate"), (4, 5, "high-intermediate"), (6, 8, "high"))  # [V:NCCNIPI]
NCCN_IPI_ORGANS = {"marrow", "cns", "liver", "gi", "lung"}  # NCCN-IPI extranodal sites [V:NCCNIPI]


def _group(score: int, groups: tuple) -> str:
    return next(name for lo, hi, name in groups if lo <= score <= hi)


def _at_diagnosis(values: tuple[Measurement, ...], anchor: date | None, window: int) -> Measurement | None:
    if anchor is None:
        return values[0] if values else None
    start = anchor - timedelta(days=window)
    before = [m for m in values if start <= m.date <= anchor]
    return before[-1] if before else None


def _score(parts: list[tuple[str, tuple[int, ...] | None]], groups: tuple
           ) -> tuple[int | None, str | None, list[str], list[int] | None]:
    """parts: (missing-name, possible points). (score, group, missing names, [min, max] when unknown)."""
    known = sum(p[0] for _, p in parts if p is not None and len(p) == 1)
    unknown = [(name, p) for name, p in parts if p is not None and len(p) > 1]
    missing = [name for name, _ in unknown]
    if not unknown:
        return known, _group(known, groups), [], None
    totals = {known + sum(c) for c in product(*[p for _, p in unknown])}
    grps = {_group(t, groups) for t in totals}
    return None, (grps.pop() if len(grps) == 1 else None), missing, [min(totals), max(totals)]


def _extranodal_points(st) -> tuple[int, ...]:
    """IPI factor "more than one extranodal site" (0 or 1), or (0, 1) when it cannot be decided."""
    if st.extranodal_sites is not None:
        return (1 if st.extranodal_sites > 1 else 0,)
    if st.stage is not None and st.stage <= 2:
        return (0,)  # Lugano I-II: at most one extranodal site (IE/IIE) [V:L14]
    organs = set(st.extranodal_organs) | ({"marrow"} if st.marrow_involved else set())
    if len(organs) > 1:
        return (1,)
    return (0,) if st.extranodal_closed else (0, 1)


def scores(facts: CaseFacts, settings_window: int = 60) -> tuple[dict, list[str], int | None]:
    """(scores, missing, age at diagnosis)."""
    anchor = facts.first_line.start if facts.first_line else facts.diagnosis_date
    age_day = facts.diagnosis_date or anchor
    age = age_on(facts.birth_date, age_day) if facts.birth_date and age_day else None
    ldh = _at_diagnosis(facts.ldh, anchor, settings_window)
    ecog = _at_diagnosis(facts.ecog, anchor, settings_window)
    st = facts.staging
    U2, U3 = (0, 1), (0, 1, 2)
    age_pt = (1 if age > 60 else 0,) if age is not None else U2
    stage_pt = (1 if st.stage >= 3 else 0,) if st.stage else U2
    ldh_pt = (1 if ldh.high else 0,) if ldh and ldh.high is not None else U2
    ecog_pt = (1 if ecog.value >= 2 else 0,) if ecog else U2
    extra_pt = _extranodal_points(st)
    out: dict[str, object] = {}
    missing: list[str] = []

    def put(name: str, parts: list, groups: tuple) -> None:
        score, group, miss, span = _score(parts, groups)
        out[name] = score
        if group:
            out[f"{name}_group"] = group
        if span is not None:
            out[f"{name}_range"] = span
        missing.extend(miss)

    names = {"age": "birth_date", "stage": "stage", "ldh": "ldh", "ecog": "ecog", "extra": "extranodal_sites"}
    put("ipi", [(names["age"], age_pt), (names["stage"], stage_pt), (names["ldh"], ldh_pt), (names["ecog"], ecog_pt),
                (names["extra"], extra_pt)], IPI_GROUPS)
    put("aaipi", [(names["stage"], stage_pt), (names["ldh"], ldh_pt), (names["ecog"], ecog_pt)], AAIPI_GROUPS)
    if st.stage is not None and st.stage <= 2:  # smIPI is for limited stage [V:S0313]
        put("smipi", [(names["age"], age_pt), (names["stage"], (1 if st.stage == 2 else 0,)),
                      (names["ldh"], ldh_pt), (names["ecog"], ecog_pt)], SMIPI_GROUPS)
    else:
        out["smipi"] = None
    # NCCN-IPI
    nage = ((0 if age <= 40 else 1 if age <= 60 else 2 if age <= 75 else 3),) if age is not None else (0, 1, 2, 3)
    if ldh and ldh.upper_limit and ldh.value is not None:
        ratio = ldh.value / ldh.upper_limit
        nldh = (0 if ratio <= 1 else 1 if ratio <= 3 else 2,)
    elif ldh and ldh.high is False:
        nldh = (0,)
    else:
        nldh = U3 if not (ldh and ldh.high) else (1, 2)
    organs = set(st.extranodal_organs) | ({"marrow"} if st.marrow_involved else set())
    closed = st.extranodal_sites == 0 or st.extranodal_closed
    norg = (1,) if organs & NCCN_IPI_ORGANS else (0,) if closed else U2
    put("nccn_ipi", [(names["age"], nage), (names["stage"], stage_pt), (names["ldh"], nldh), (names["ecog"], ecog_pt),
                     ("extranodal_organs", norg)], NCCN_IPI_GROUPS)
    return out, list(dict.fromkeys(missing)), age
