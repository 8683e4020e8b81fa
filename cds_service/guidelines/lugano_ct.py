"""Lugano 2014 CT-based (radiologic) response, clinical-logic.md §1.4, with its formulas [I].

Used as the fallback when there is no PET or PET is unclassifiable (P8, §1.5).
Sources: [V:L14-CT] PMC5298348 Table 2; [V:LYRIC-T2] spleen; [V:CIBMTR] SPD/PPD definitions.
"""

from __future__ import annotations

from dataclasses import dataclass

from fhir_mappings.case_facts import ImagingAssessment, LesionMeasurement
from fhir_mappings.fast_init import fast_init

MAX_TARGETS = 6  # up to 6 target lesions [V:L14-CT]
PR_SPD_DECREASE = -0.50  # PR: SPD decrease >= 50% (Lugano >=, seed ">") D4
PD_PPD_INCREASE = 1.5  # PPD >= 150% of nadir [V:L14-CT]
PD_LDI_MIN_CM = 1.5  # LDi > 1.5 cm
NORMAL_SPLEEN_CM = 13.0  # [V:LYRIC-T2]
NEW_NODE_CM, NEW_EXTRANODAL_CM = 1.5, 1.0  # PD (e) [V:L14-CT][V:MEDALG]


def ppd(lesion: LesionMeasurement) -> float:
    return lesion.ldi_cm * lesion.sdi_cm


def spd(lesions: tuple[LesionMeasurement, ...] | list[LesionMeasurement]) -> float:
    """SPD = sum of LDi x SDi over up to 6 targets (the largest by PPD)."""
    targets = sorted((les for les in lesions if not les.is_new), key=ppd, reverse=True)[:MAX_TARGETS]
    return sum(ppd(les) for les in targets)


def node_pd(now: LesionMeasurement, nadir: LesionMeasurement) -> bool:
    """node_PD(i) of §1.4: LDi > 1.5 and PPD >= 1.5 x nadir and an increment >= 0.5 / 1.0 cm."""
    threshold = 0.5 if nadir.ldi_cm <= 2.0 else 1.0
    grew = max(now.ldi_cm - nadir.ldi_cm, now.sdi_cm - nadir.sdi_cm)
    return (now.ldi_cm > PD_LDI_MIN_CM and ppd(now) >= PD_PPD_INCREASE * ppd(nadir)
            and grew >= threshold - 1e-9)


def _excess(length: float) -> float:
    return max(0.0, length - NORMAL_SPLEEN_CM)


def spleen_pd(now: float, ref: float, baseline: float) -> bool:
    """spleen_PD of §1.4; ref = nadir length."""
    if ref > NORMAL_SPLEEN_CM:
        return (now - ref) > 0.5 * _excess(ref)
    return (now - baseline) >= 2.0 - 1e-9


def new_splenomegaly(now: float, ref: float, baseline: float) -> bool:
    return ref <= NORMAL_SPLEEN_CM and now > NORMAL_SPLEEN_CM and (now - baseline) >= 2.0 - 1e-9


def spleen_pr(now: float, baseline: float) -> bool:
    return _excess(now) < 0.5 * _excess(baseline)


@fast_init
@dataclass(frozen=True, slots=True)
class CtRead:
    category: str | None  # CR | PR | SD | PD | None (not computable)
    spd_baseline: float | None
    spd_now: float | None
    pct_change: float | None
    reasons: tuple[str, ...]


def _spd_of(scan: ImagingAssessment) -> float | None:
    if scan.lesions:
        return spd(scan.lesions)
    return scan.spd_cm2


def classify_ct(scan: ImagingAssessment, baseline: ImagingAssessment | None,
                prior: list[ImagingAssessment]) -> CtRead:
    """CT category of `scan` vs baseline (PR/SD) and vs the nadir of earlier scans (PD)."""
    reasons: list[str] = []
    now_spd = _spd_of(scan)
    base_spd = _spd_of(baseline) if baseline else None
    pd = False
    by_site_prior: dict[str, list[LesionMeasurement]] = {}
    for p in prior:
        for les in p.lesions:
            by_site_prior.setdefault(les.site, []).append(les)
    for les in scan.lesions:
        history = by_site_prior.get(les.site)
        if les.is_new and (les.ldi_cm > (NEW_EXTRANODAL_CM if les.extranodal else NEW_NODE_CM)):
            pd = True
            reasons.append(f"new lesion {les.site} {les.ldi_cm} cm (PD e)")
        elif history:
            nadir = min(history, key=ppd)
            if node_pd(les, nadir):
                pd = True
                reasons.append(f"{les.site}: PPD {ppd(nadir):.2f} -> {ppd(les):.2f} cm2 (PD a)")
    if scan.spleen_cm is not None:
        lengths = [p.spleen_cm for p in prior if p.spleen_cm is not None]
        base_len = baseline.spleen_cm if baseline and baseline.spleen_cm is not None else (lengths[0] if lengths else None)
        if base_len is not None:
            ref = min(lengths) if lengths else base_len
            if spleen_pd(scan.spleen_cm, ref, base_len) or new_splenomegaly(scan.spleen_cm, ref, base_len):
                pd = True
                reasons.append(f"spleen {ref} -> {scan.spleen_cm} cm (PD b)")
    if scan.modality == "CT" and scan.reported_category == "PD":
        pd = True
        reasons.append("progression stated by the reader (PD)")  # clarifications, second set
    pct = (now_spd - base_spd) / base_spd if now_spd is not None and base_spd else None
    if pd:
        return CtRead("PD", base_spd, now_spd, pct, tuple(reasons))
    if now_spd is None or base_spd is None:
        if scan.modality == "CT" and scan.reported_category in ("CR", "PR", "SD"):
            return CtRead(scan.reported_category, base_spd, now_spd, pct, ("category stated by the reader",))
        return CtRead(None, base_spd, now_spd, pct, ("measurements missing",))
    if scan.lesions and all(les.ldi_cm <= 1.5 for les in scan.lesions) and not scan.new_lesions:
        return CtRead("CR", base_spd, now_spd, pct, ("all target nodes LDi <= 1.5 cm",))
    if pct is not None and pct <= PR_SPD_DECREASE + 1e-9:
        return CtRead("PR", base_spd, now_spd, pct, (f"SPD {base_spd:.1f} -> {now_spd:.1f} cm2 ({pct:+.0%})",))
    return CtRead("SD", base_spd, now_spd, pct, (f"SPD {base_spd:.1f} -> {now_spd:.1f} cm2 ({pct:+.0%})",))
