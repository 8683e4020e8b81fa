"""CaseFacts: the typed, immutable, FHIR-free timeline of one LBCL case.

This is the contract between `fhir_mappings` (which builds it) and `cds_service.guidelines` (which
reads it). Dates are `datetime.date`. Every fact keeps the FHIR references it came from (`Evidence`),
so a card can show its basis. Absent is unknown: `None` never means "no" (clinical-logic.md §0,
fhir-input.md "Missing and conflicting data").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .fast_init import fast_init

# Vocabularies (clinical-logic.md §1.3 classifier inputs)
UPTAKE_VALUES = ("reduced", "unchanged", "increased", "unknown")
ETIOLOGY_VALUES = ("lymphoma", "not_lymphoma", "uncertain")
MARROW_VALUES = ("none", "diffuse_reactive", "focal_residual_reduced", "unchanged", "new_or_recurrent_focal")
TIMEPOINTS = ("baseline", "interim", "end_of_treatment", "pre_radiotherapy", "post_salvage", "relapse_or_follow_up",
              "other")


@fast_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact came from: FHIR references (`Type/id`), and for text, the quoted sentence."""

    resources: tuple[str, ...] = ()
    from_text: bool = False
    quotes: tuple[str, ...] = ()


NO_EVIDENCE = Evidence()


@fast_init
@dataclass(frozen=True, slots=True)
class PetSite:
    """One site read on a PET scan (clinical-logic.md §1.3 `sites[]`)."""

    site: str | None = None
    ds: int | None = None  # Deauville 1-5; None = not stated
    score_x: bool = False  # Deauville X (new uptake unlikely to be lymphoma) [V:5PS]
    uptake: str = "unknown"  # vs baseline: reduced | unchanged | increased | unknown
    is_new: bool = False
    etiology: str | None = None  # for new lesions: lymphoma | not_lymphoma | uncertain


@fast_init
@dataclass(frozen=True, slots=True)
class LesionMeasurement:
    """A CT-measured lesion (cm), for the Lugano CT rules (clinical-logic.md §1.4)."""

    site: str
    ldi_cm: float
    sdi_cm: float
    is_new: bool = False
    extranodal: bool = False


@fast_init
@dataclass(frozen=True, slots=True)
class ImagingAssessment:
    """One imaging study (PET-CT or CT) with its findings, placed on the timeline."""

    date: date
    modality: str  # PET | CT
    sites: tuple[PetSite, ...] = ()
    marrow: str | None = None  # MARROW_VALUES; None = not stated
    new_lesions: bool | None = None  # False only when explicitly negated ("no new lesions")
    reported_category: str | None = None  # the reader's own Lugano category (CMR/PMR/NMR/PMD)
    suv_max: float | None = None
    tmtv_ml: float | None = None
    lesions: tuple[LesionMeasurement, ...] = ()
    spd_cm2: float | None = None  # reported SPD when no per-lesion measurements
    spleen_cm: float | None = None
    timepoint_hint: str | None = None  # words in the report ("interim", "end of treatment")
    evidence: Evidence = NO_EVIDENCE
    flags: tuple[str, ...] = ()  # mapping-level flags (e.g. coded vs text disagreement)
    # Placed on the timeline by fhir_mappings.timeline:
    timepoint: str = "other"
    cycles_before: int | None = None
    line: int | None = None  # line of therapy the scan assesses (1 = first line)

    @property
    def max_ds(self) -> int | None:
        scores = [s.ds for s in self.sites if s.ds is not None and not s.score_x]
        return max(scores) if scores else None


@fast_init
@dataclass(frozen=True, slots=True)
class DrugAdministration:
    date: date
    agent: str  # normalised ingredient (codes.AGENTS)
    resource: str
    cycle_number: int | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Cycle:
    """clinical-logic.md §6 `cycle`: administrations within 7 days of the cycle's first dose."""

    number: int  # 1-based within its line
    start: date
    last_dose: date
    agents: frozenset[str]
    regimen: str  # R-CHOP, R-CHOP-like (R-CEOP, Pola-R-CHP), R-ICE, R-DHAP, R-GDP, R-GemOx, ...
    resources: tuple[str, ...] = ()

    @property
    def is_rchop(self) -> bool:
        return self.regimen == "R-CHOP"


@fast_init
@dataclass(frozen=True, slots=True)
class TherapyLine:
    number: int  # 1 = first line
    kind: str  # first_line | salvage | car_t | bispecific | other
    cycles: tuple[Cycle, ...]
    start: date
    last_dose: date
    regimens: tuple[str, ...]
    bridging: tuple[Cycle, ...] = ()  # bridging cycles belong to the CAR-T line
    lymphodepletion: tuple[Cycle, ...] = ()  # fludarabine/bendamustine +- cyclophosphamide before CAR-T


@fast_init
@dataclass(frozen=True, slots=True)
class RadiotherapyCourse:
    start: date
    end: date
    dose_gy: float | None = None
    fractions: int | None = None
    evidence: Evidence = NO_EVIDENCE


@fast_init
@dataclass(frozen=True, slots=True)
class Biopsy:
    date: date
    result: str | None  # positive | negative | None (pending / not stated)
    evidence: Evidence = NO_EVIDENCE


@fast_init
@dataclass(frozen=True, slots=True)
class Measurement:
    """A dated numeric observation (LDH, ECOG, ...)."""

    date: date
    value: float | None  # None: only an interpretation was sent (LDH "H" with no number)
    upper_limit: float | None = None  # reference range high (ULN) where given
    high: bool | None = None  # value above ULN (from ULN or interpretation H/N)
    evidence: Evidence = NO_EVIDENCE


@fast_init
@dataclass(frozen=True, slots=True)
class Staging:
    stage: int | None = None  # Lugano / Ann Arbor I-IV as 1-4
    suffixes: str = ""  # E, S, X, A/B as written
    bulky: bool | None = None
    largest_diameter_cm: float | None = None
    extensive_mesenteric: bool | None = None
    extranodal_sites: int | None = None
    extranodal_organs: tuple[str, ...] = ()  # involved organs stated (liver, lung, gi, cns, bone, ...)
    extranodal_closed: bool = False  # a report closes the list ("no (other) extranodal disease")
    marrow_involved: bool | None = None
    evidence: Evidence = NO_EVIDENCE


@fast_init
@dataclass(frozen=True, slots=True)
class CarTCourse:
    decision_date: date | None = None
    apheresis_date: date | None = None
    infusion_date: date | None = None
    product: str | None = None
    evidence: Evidence = NO_EVIDENCE


@fast_init
@dataclass(frozen=True, slots=True)
class Eligibility:
    """Clinician-coded inputs; None = not coded (unknown, never 'no')."""

    transplant_eligible: bool | None = None
    cart_eligible: bool | None = None
    cart_timely_access: bool | None = None
    tmtv_cutoff_ml: float | None = None
    evidence: Evidence = NO_EVIDENCE


@fast_init
@dataclass(frozen=True, slots=True)
class CaseFacts:
    patient_id: str
    birth_date: date | None = None
    sex: str | None = None
    diagnosis: str | None = None  # DLBCL | PMBCL | THRLBCL | HGBL | LBCL | None (not found)
    diagnosis_date: date | None = None
    staging: Staging = field(default_factory=Staging)
    ldh: tuple[Measurement, ...] = ()
    ecog: tuple[Measurement, ...] = ()
    administrations: tuple[DrugAdministration, ...] = ()
    lines: tuple[TherapyLine, ...] = ()
    radiotherapy: tuple[RadiotherapyCourse, ...] = ()
    asct_dates: tuple[date, ...] = ()
    car_t: CarTCourse = field(default_factory=CarTCourse)
    imaging: tuple[ImagingAssessment, ...] = ()  # sorted by date
    biopsies: tuple[Biopsy, ...] = ()  # sorted by date
    eligibility: Eligibility = field(default_factory=Eligibility)
    planned_1l_cycles: int | None = None
    proposed_cart_product: str | None = None
    skipped_resources: int = 0  # resources that failed validation (logged without PHI)
    flags: tuple[str, ...] = ()  # mapping-level flags

    @property
    def first_line(self) -> TherapyLine | None:
        return self.lines[0] if self.lines else None
