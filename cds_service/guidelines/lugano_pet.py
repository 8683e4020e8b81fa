"""Lugano 2014 PET-CT response: the computable classifier P0-P8 (clinical-logic.md §1.3).

Pure functions. Rules run in order, first match wins (P0 and P4 add flags and continue).
"""

from __future__ import annotations

from dataclasses import dataclass

from fhir_mappings.case_facts import ImagingAssessment
from fhir_mappings.fast_init import fast_init

_MARROW_OK_CMR = {None, "none", "diffuse_reactive"}  # unstated marrow read as no FDG-avid marrow [I]
_MARROW_OK_PMR = _MARROW_OK_CMR | {"focal_residual_reduced"}


@fast_init
@dataclass(frozen=True, slots=True)
class PetRead:
    category: str  # CMR | PMR | NMR | PMD | PET_POSITIVE_UNCLASSIFIED | INDETERMINATE
    rule: str | None  # the deciding rule P1-P8
    rules: tuple[str, ...]  # every rule that fired (P0, P4 alongside the deciding one)
    flags: tuple[str, ...]
    missing: tuple[str, ...]
    max_ds: int | None


def classify_pet(scan: ImagingAssessment, baseline_pet_available: bool) -> PetRead:
    flags: list[str] = []
    rules: list[str] = []
    sites = []
    for s in scan.sites:
        if s.score_x:  # P0: DS X excluded from response [V:5PS]
            rules.append("P0")
            flags.append("X_PRESENT_CLINICAL_CORRELATION")
            continue
        if s.is_new and s.etiology == "not_lymphoma":
            continue  # new uptake of another cause is not response (Lugano PMD wording) [V:MEDALG]
        sites.append(s)
    rules = list(dict.fromkeys(rules))
    prior = [s for s in sites if not s.is_new]
    scores = [s.ds for s in sites if s.ds is not None]
    max_ds = max(scores) if scores else None

    def done(category: str, rule: str | None, missing: tuple[str, ...] = ()) -> PetRead:
        return PetRead(category, rule, tuple(dict.fromkeys([*rules, rule] if rule else rules)),
                       tuple(dict.fromkeys(flags)), missing, max_ds)

    new_lymphoma = [s for s in sites if s.is_new and s.etiology == "lymphoma"]
    if new_lymphoma:  # P1: new lesions score 5 by definition [V:5PS][V:LYRIC-T2]
        flags.append("NEW_LESION")
        if any(s.ds is not None and s.ds < 4 for s in new_lymphoma):
            flags.append("DS_NEW_LESION_INCONSISTENT")
        return done("PMD", "P1")
    if scan.marrow == "new_or_recurrent_focal":  # P2 [V:LYRIC-T2]
        return done("PMD", "P2")
    if any(s.ds in (4, 5) and s.uptake == "increased" for s in prior):  # P3 [V:CIBMTR]
        return done("PMD", "P3")
    if any(s.is_new and s.etiology in ("uncertain", None) for s in sites):  # P4 [V:MEDALG]
        rules.append("P4")
        flags.append("IND_NEW_LESION")
    if not any(s.ds is not None for s in prior):
        if scan.marrow == "unchanged":
            return done("NMR", "P6")
        return done("INDETERMINATE", None, ("deauville_score",))
    if all(s.ds <= 3 for s in prior if s.ds is not None) and scan.marrow in _MARROW_OK_CMR:
        return done("CMR", "P5")  # [V:UTD-97480]; baseline PET not needed (§1.5)
    if any(s.ds in (4, 5) and s.uptake == "unchanged" for s in prior) or scan.marrow == "unchanged":
        return done("NMR", "P6")  # [V:ASH-ISCL]; mixed sites resolve to NMR by worst-of [I]
    hot = [s for s in prior if s.ds in (4, 5)]
    if hot and all(s.uptake == "reduced" for s in hot) and scan.marrow in _MARROW_OK_PMR:
        return done("PMR", "P7")  # [V:UTD-97480][S §4]
    if not hot and scan.marrow == "focal_residual_reduced":
        flags.append("MARROW_FOCAL_WORKUP")  # MRI / marrow biopsy / interval scan [S §4][V]
        return done("PMR", "P7")
    # P8: DS 4-5 with uptake change unknown -> fall back to CT criteria (§1.5)
    missing = ("uptake_vs_baseline",) if baseline_pet_available else ("baseline_pet",)
    if scan.suv_max is not None:
        flags.append("UPTAKE_CHANGE_NOT_CODED")  # SUV alone never decides the uptake change (§0)
    if not baseline_pet_available:
        flags.append("BASELINE_PET_MISSING")
    return done("PET_POSITIVE_UNCLASSIFIED", "P8", missing)


# Clinical meaning at interim vs end of treatment [S §4] (§1.3 table)
MEANING = {
    ("CMR", "interim"): "responding (complete metabolic response at interim)",
    ("CMR", "end_of_treatment"): "complete response (CR) at end of treatment",
    ("PMR", "interim"): "responding / chemosensitive (partial metabolic response at interim)",
    ("PMR", "end_of_treatment"): "residual disease = treatment failure at end of treatment; biopsy per pathway",
    ("NMR", "interim"): "treatment failure (no metabolic response at interim)",
    ("NMR", "end_of_treatment"): "treatment failure (stable disease, SD) at end of treatment",
    ("PMD", "interim"): "treatment failure (progressive metabolic disease at interim)",
    ("PMD", "end_of_treatment"): "treatment failure (progressive disease, PD) at end of treatment",
}


def meaning(category: str, timepoint: str) -> str:
    if timepoint == "baseline":
        return "baseline staging scan: no response to assess"
    if (category, timepoint) in MEANING:
        return MEANING[(category, timepoint)]
    generic = {"CMR": "complete metabolic response", "PMR": "partial metabolic response",
               "NMR": "no metabolic response (stable disease)", "PMD": "progressive metabolic disease",
               "PET_POSITIVE_UNCLASSIFIED": "Deauville 4-5 with uptake change vs baseline unknown: cannot classify by PET",
               "INDETERMINATE": "no Deauville score available: response cannot be classified"}
    return generic.get(category, category)
