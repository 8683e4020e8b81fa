"""IPI, aaIPI, smIPI and NCCN-IPI at diagnosis (clinical-logic.md §6).

Values at diagnosis: the latest before the first 1L dose, within 60 days (binding clarification).
An unknown component makes a score null unless it cannot change the risk group; then the score of the
known components is reported with its group, and `missing` still names the component.
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
    before = [m for m in values if anchor - timedelta(days=window) <= m.date <= anchor]
    return before[-1] if before else None


def _score(parts: list[tuple[str, tuple[int, ...] | None]], groups: tuple) -> tuple[int | None, str | None, list[str]]:
    """parts: (missing-name, possible points; None unknown with its options in the tuple)."""
    known = sum(p[0] for _, p in parts if p is not None and len(p) == 1)
    unknown = [(name, p) for name, p in parts if p is not None and len(p) > 1]
    missing = [name for name, _ in unknown]
    if not unknown:
        return known, _group(known, groups), []
    totals = {known + sum(c) for c in product(*[p for _, p in unknown])}
    grps = {_group(t, groups) for t in totals}
    if len(grps) == 1:
        return known, grps.pop(), missing
    return None, None, missing


def scores(facts: CaseFacts, settings_window: int = 60) -> tuple[dict, list[str], int | None]:
    anchor = facts.first_line.start if facts.first_line else facts.diagnosis_date
    age = age_on(facts.birth_date, anchor or facts.diagnosis_date) if facts.birth_date and (anchor or facts.diagnosis_date) else None
    ldh = _at_diagnosis(facts.ldh, anchor, settings_window)
    ecog = _at_diagnosis(facts.ecog, anchor, settings_window)
    st = facts.staging
    U2, U3 = (0, 1), (0, 1, 2)
    age_pt = (1 if age > 60 else 0,) if age is not None else U2
    stage_pt = (1 if st.stage >= 3 else 0,) if st.stage else U2
    ldh_pt = (1 if ldh.high else 0,) if ldh and ldh.high is not None else U2
    ecog_pt = (1 if ecog.value >= 2 else 0,) if ecog else U2
    extra_pt = (1 if st.extranodal_sites > 1 else 0,) if st.extranodal_sites is not None else U2
    out: dict[str, object] = {}
    missing: list[str] = []

    def put(name: str, parts: list, groups: tuple) -> None:
        score, group, miss = _score(parts, groups)
        out[name] = score
        if group:
            out[f"{name}_group"] = group
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
    if ldh and ldh.upper_limit:
        ratio = ldh.value / ldh.upper_limit
        nldh = (0 if ratio <= 1 else 1 if ratio <= 3 else 2,)
    elif ldh and ldh.high is False:
        nldh = (0,)
    else:
        nldh = U3 if not (ldh and ldh.high) else (1, 2)
    organs = set(st.extranodal_organs) | ({"marrow"} if st.marrow_involved else set())
    norg = (1,) if organs & NCCN_IPI_ORGANS else (0,) if st.extranodal_sites == 0 else U2
    put("nccn_ipi", [(names["age"], nage), (names["stage"], stage_pt), (names["ldh"], nldh), (names["ecog"], ecog_pt),
                     ("extranodal_organs", norg)], NCCN_IPI_GROUPS)
    return out, list(dict.fromkeys(missing)), age
