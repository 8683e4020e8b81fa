"""Each imaging study read by the Lugano rules (PET P0-P8, the CT criteria where PET cannot classify),
placed on the timeline (clinical-logic.md §1, §6 `response@timepoint`)."""

from __future__ import annotations

from dataclasses import dataclass

from fhir_mappings.case_facts import CaseFacts, ImagingAssessment
from fhir_mappings.fast_init import fast_init

from .lugano_ct import CtRead, classify_ct
from .lugano_pet import PetRead, classify_pet

_PET_TO_CLASS = {"CMR": "CR", "PMR": "PR", "NMR": "SD", "PMD": "PD"}
RESPONSE_ORDER = {"CR": 0, "PR": 1, "SD": 2, "PD": 3}


@fast_init
@dataclass(frozen=True, slots=True)
class ScanRead:
    scan: ImagingAssessment
    pet: PetRead | None
    ct: CtRead | None

    @property
    def category(self) -> str:
        if self.pet:
            return self.pet.category
        return self.ct.category if self.ct and self.ct.category else "INDETERMINATE"

    @property
    def response(self) -> str | None:
        """CR/PR/SD/PD: PET category, or the CT category when PET cannot classify (§1.5)."""
        if self.pet and self.pet.category in _PET_TO_CLASS:
            return _PET_TO_CLASS[self.pet.category]
        return self.ct.category if self.ct else None

    @property
    def ds45(self) -> bool:
        return bool(self.pet and self.pet.max_ds in (4, 5)) or bool(
            self.pet and self.pet.category in ("PMR", "NMR", "PMD", "PET_POSITIVE_UNCLASSIFIED"))


def read_scans(facts: CaseFacts) -> list[ScanRead]:
    pets = [s for s in facts.imaging if s.modality == "PET"]
    reads = []
    for scan in facts.imaging:
        earlier = [s for s in facts.imaging if s.date < scan.date]
        baseline_scan = next((s for s in earlier if s.timepoint == "baseline"), earlier[0] if earlier else None)
        # Uptake "vs baseline" compares with the staging PET in first line; after second-line therapy the
        # scan before that line is the reference (the pre-salvage / pre-CAR-T scan) [I].
        baseline_pet = any(p.date < scan.date and p.timepoint == "baseline" for p in pets) or (
            (scan.line or 1) > 1 and any(p.date < scan.date for p in pets))
        if scan.timepoint == "baseline":  # staging scan: nothing to respond yet
            reads.append(ScanRead(scan, PetRead("INDETERMINATE", None, (), (), (), scan.max_ds)
                                  if scan.modality == "PET" else None, None))
            continue
        pet = classify_pet(scan, baseline_pet) if scan.modality == "PET" and (scan.sites or scan.marrow) else None
        if scan.modality == "PET" and pet is None and scan.reported_category:
            pet = PetRead(scan.reported_category, None, (), ("READER_CATEGORY_USED",), (), None)
        elif scan.modality == "PET" and pet is None:
            pet = PetRead("INDETERMINATE", None, (), (), ("deauville_score",), None)
        ct = None
        if scan.lesions or scan.spd_cm2 is not None or scan.spleen_cm is not None or (
                scan.modality == "CT" and scan.reported_category):
            if scan.timepoint != "baseline":
                ct = classify_ct(scan, baseline_scan, earlier)
        reads.append(ScanRead(scan, pet, ct))
    return reads
