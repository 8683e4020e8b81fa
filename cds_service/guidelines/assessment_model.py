"""The Assessment (schema `lbcl-cds.assessment/1`, architecture.md "Contracts") as a typed model.

The engine builds it (assessment.assess), the cards, the CLI and the SMART app consume it, and its
JSON Schema is published as docs/assessment.schema.json (tests/test_assessment_schema.py keeps the file
current and asks for a version note in docs/assessment-schema-changes.md whenever it changes).

Field names and vocabularies marked "binding" come from architecture.md and are checked by outside
test suites: never rename or drop them. Every other field is ours (docs/rules.md, "Assessment fields
beyond the contract"). `extra="forbid"` makes a misspelt key an error where it is built, not a silent
new field. A field is written to JSON only when the engine set it (`to_json` uses exclude_unset), so
"absent" and "null" keep their distinct meanings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "lbcl-cds.assessment/1"

Timepoint = Literal["baseline", "interim", "end_of_treatment", "pre_radiotherapy", "post_salvage",
                    "relapse_or_follow_up", "other"]
Category = Literal["CMR", "PMR", "NMR", "PMD", "PET_POSITIVE_UNCLASSIFIED", "CR", "PR", "SD", "PD",
                   "INDETERMINATE"]
Pathway = Literal["NCCN_LIMITED", "NCCN_ADVANCED", "BSH_PET_ADAPTED"]
BockGroup = Literal["PPD", "EOT_PR", "EARLY_RELAPSE_LT3M", "EARLY_RELAPSE_3_6M", "EARLY_RELAPSE_6_12M",
                    "LATE_RELAPSE", "NOT_APPLICABLE", "UNDETERMINED"]
Response1L = Literal["CR", "PR", "SD", "PD", "PENDING"]
TrialClass = Literal["refractory", "relapsed", "undetermined", "not_applicable", "relapse_outside_window"]
Urgency = Literal["critical", "warning", "info"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LatestResponse(_Part):
    """The newest imaging assessment as read from imaging (binding: date, timepoint, cycles_before,
    modality, category, rule)."""

    date: str
    timepoint: Timepoint
    cycles_before: int | None = None
    modality: Literal["PET", "CT"]
    category: Category
    rule: str | None = None
    rules: list[str] | None = None
    deauville: int | None = None
    ct_category: Category | None = None
    ct_spd_change: float | None = None
    meaning: str | None = None
    uptake_vs_baseline: Literal["reduced", "unchanged", "increased"] | None = None
    new_lesions: bool | None = None
    from_text: bool | None = None
    quotes: list[str] | None = None


class TrialClasses(_Part):
    zuma7: TrialClass
    transform: TrialClass
    belinda: TrialClass


class Labels(_Part):
    """Computed labels (binding: bock_group, nccn_refractory, early_treatment_failure, trial_classes,
    eot_response_1l)."""

    bock_group: BockGroup
    nccn_refractory: bool | None = None
    early_treatment_failure: bool | None = None
    trial_classes: TrialClasses
    eot_response_1l: Response1L | None = None
    pathway_reason: str | None = None
    bulky: bool | None = None
    bock_rule: str | None = None
    bock_prognosis: str | None = None
    best_response_1l: Literal["CR", "PR", "SD", "PD"] | None = None
    progression_during_1l: bool | None = None
    eot_date: str | None = None
    eot_incl_rt_date: str | None = None
    eot_pet_days_after_last_anti_cd20: int | None = None
    relapse_date: str | None = None
    relapse_biopsy_proven: bool | None = None
    relapse_modality: Literal["PET", "CT"] | None = None
    time_to_relapse_days: int | None = None
    time_to_relapse_months: int | None = None
    early_relapse: bool | None = None
    salvage_response: Literal["CR", "PR", "SD", "PD"] | None = None
    car_t_response: Literal["CR", "PR", "SD", "PD"] | None = None
    car_t_infusion_date: str | None = None
    asct_date: str | None = None
    brain_to_vein_days: int | None = None
    vein_to_vein_days: int | None = None
    bridging: list[str] | None = None
    tmtv_ml: float | None = None  # the TMTV T6 used (scan before the decision)
    next_assessment: str | None = None  # the next question once an action is done (response to salvage / CAR-T)


class Scores(_Part):
    """Prognostic indices at diagnosis (binding: ipi, aaipi, smipi, nccn_ipi). A score is a number only
    when fully determined; otherwise null with `<name>_range` [min, max] and `<name>_group` when every
    possible total falls in one risk group."""

    ipi: int | None = None
    aaipi: int | None = None
    smipi: int | None = None
    nccn_ipi: int | None = None
    ipi_group: str | None = None
    aaipi_group: str | None = None
    smipi_group: str | None = None
    nccn_ipi_group: str | None = None
    ipi_range: list[int] | None = None
    aaipi_range: list[int] | None = None
    smipi_range: list[int] | None = None
    nccn_ipi_range: list[int] | None = None


class Recommendation(_Part):
    """One rule that fired (binding: rule, action, text, strength, source). `current` is true while its
    question is open; answered ones stay listed with current false."""

    rule: str
    action: str
    text: str
    strength: str
    source: str
    source_url: str | None = None
    urgency: Urgency = "info"
    current: bool = True
    timepoint: str | None = None
    order: str | None = None


class CourseEntry(_Part):
    rule: str
    timepoint: str | None = None
    action: str


class EvidenceItem(BaseModel):
    """Which FHIR resources a fact came from (binding: fact, resources); other keys describe the fact."""

    model_config = ConfigDict(extra="allow")

    fact: str
    resources: list[str]


class Assessment(_Part):
    schema_: Literal["lbcl-cds.assessment/1"] = Field(SCHEMA_ID, alias="schema")
    patient_id: str | None = None
    as_of: str
    latest_response: LatestResponse | None = None
    pathway: Pathway | None = None
    labels: Labels
    scores: Scores
    recommendations: list[Recommendation]
    course_history: list[CourseEntry] | None = None
    flags: list[str]
    missing: list[str]
    evidence: list[EvidenceItem]
    age: int | None = None
    age_at_diagnosis: int | None = None
    applicable: bool = True
    skipped_resources: int = 0
    unavailable_data: dict[str, str] | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> dict:
        """The Assessment JSON: the fields the engine set, nulls where it set null."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def current_recommendations(self) -> list[Recommendation]:
        return [r for r in self.recommendations if r.current]


def json_schema() -> dict:
    """The published JSON Schema of the Assessment (docs/assessment.schema.json)."""
    schema = Assessment.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://lbcl-cds.org/schema/assessment/1"
    schema["title"] = "lbcl-cds Assessment (lbcl-cds.assessment/1)"
    return schema
