"""Human words for the Assessment's enum values, for the SMART app's summary and the timeline's labels.

One table per vocabulary; nothing outside this module turns an enum into text. (main will carry the
cards' labels table; when it lands, these tables move there and this module reads them through
engine.py.) A test fails when a value the engine emits for a shipped patient has no entry here.
"""

from __future__ import annotations

CATEGORY = {
    "CMR": "complete metabolic response", "PMR": "partial metabolic response",
    "NMR": "no metabolic response", "PMD": "progressive metabolic disease",
    "PET_POSITIVE_UNCLASSIFIED": "Deauville 4-5, uptake change vs baseline unknown",
    "INDETERMINATE": "not classifiable", "CR": "complete response (CT)", "PR": "partial response (CT)",
    "SD": "stable disease (CT)", "PD": "progressive disease (CT)", "UNKNOWN": "no response category",
}
CATEGORY_SHORT = {"PET_POSITIVE_UNCLASSIFIED": "DS4-5 unclassified", "INDETERMINATE": "n/c", "UNKNOWN": ""}
TIMEPOINT_WORDS = {
    "baseline": "baseline staging", "interim": "interim", "end_of_treatment": "end of first-line treatment",
    "pre_radiotherapy": "after chemotherapy, before radiotherapy", "post_salvage": "after salvage therapy",
    "relapse_or_follow_up": "follow-up or relapse", "other": "outside first-line timing",
}
TIMEPOINT_SHORT = {"baseline": "Baseline", "interim": "Interim", "end_of_treatment": "EOT",
                   "pre_radiotherapy": "Pre-RT", "post_salvage": "Post-salvage", "relapse_or_follow_up": "Follow-up",
                   "other": ""}
BIOPSY = {"positive": "positive for lymphoma", "negative": "negative for lymphoma",
          "unclear": "result unclear (non-diagnostic or hedged)", "pending": "no result recorded yet"}
BIOPSY_SHORT = {"positive": "Biopsy +", "negative": "Biopsy \u2212", "unclear": "Biopsy ?",
                "pending": "Biopsy (pending)"}
PATHWAY = {"NCCN_LIMITED": "NCCN 2025, limited stage", "NCCN_ADVANCED": "NCCN 2025, advanced stage",
           "BSH_PET_ADAPTED": "BSH 2024 PET-adapted (limited stage)"}
BOCK_GROUP = {
    "PPD": "primary progressive (refractory) disease during or at the end of first line",
    "EOT_PR": "partial response at the end of first line (residual disease)",
    "EARLY_RELAPSE_LT3M": "early relapse, less than 3 months after the end of first line",
    "EARLY_RELAPSE_3_6M": "early relapse, 3 to 6 months after the end of first line",
    "EARLY_RELAPSE_6_12M": "early relapse, 6 to 12 months after the end of first line",
    "LATE_RELAPSE": "late relapse, more than 12 months after the end of first line",
    "NOT_APPLICABLE": "complete response at the end of first line, no relapse",
    "UNDETERMINED": "not yet determined (first line ongoing, or data pending)",
}
EOT_RESPONSE = {"CR": "complete response", "PR": "partial response", "SD": "stable disease",
                "PD": "progressive disease", "PENDING": "pending (biopsy or interval scan awaited)"}
TRIAL_CLASS = {"refractory": "refractory", "relapsed": "relapsed within the trial's window",
               "relapse_outside_window": "relapsed outside the trial's window",
               "not_applicable": "not applicable", "undetermined": "not yet determined"}
FLAGS = {
    "BASELINE_PET_MISSING": "No baseline PET: a Deauville 4-5 scan cannot be classified by PET alone.",
    "BOCK_LT3M_AMBIGUOUS": "Relapse under 3 months: may be read as refractory in some trials (TRANSFORM).",
    "BOUNDARY_12M": "Relapse near 12 months after the end of treatment: early vs late changes the advice "
                    "(CAR-T vs salvage and ASCT).",
    "BSH_TIMING_AMBIGUOUS": "The BSH timing of this scan is ambiguous.",
    "BULKY_BOUNDARY": "The largest mass is exactly at the bulky cutoff.",
    "CODED_TEXT_DISAGREE": "The coded result and the report text disagree.",
    "DATA_UNAVAILABLE": "Some data could not be read from the EHR.",
    "DS_NEW_LESION_INCONSISTENT": "A new lesion reported as lymphoma has a low Deauville score.",
    "EOT_ANCHOR_SENSITIVE": "The 12-month class depends on which end-of-treatment date is used.",
    "EOT_PET_EARLY": "The end-of-treatment PET was done early (under 3 weeks after the last dose).",
    "EOT_PET_LATE": "The end-of-treatment PET was done late (over 8 weeks after the last dose).",
    "EOT_PET_POST_RT_EARLY": "The PET came soon after radiotherapy: inflammation may raise uptake.",
    "EVIDENCE_CONFLICT": "The sources disagree on this decision.",
    "IND_NEW_LESION": "A new lesion of uncertain cause: biopsy or interval scan.",
    "INTERIM_PRESUMED": "Treatment is presumed to continue, so the scan is read as interim.",
    "INVALID_RESOURCES_SKIPPED": "Some FHIR resources were invalid and were skipped.",
    "LBCL_DIAGNOSIS_NOT_FOUND": "No large B-cell lymphoma diagnosis is coded.",
    "LYRIC_APPLICABLE": "After immunotherapy: LYRIC criteria apply to this scan.",
    "MARROW_FOCAL_WORKUP": "Focal marrow uptake remains: marrow MRI or biopsy.",
    "MESENTERIC_STATUS_UNKNOWN": "Extensive mesenteric disease is not recorded either way.",
    "NCCN_GUIDELINE_GAP": "The NCCN tables do not cover this situation.",
    "NEW_LESION": "A new lesion consistent with lymphoma.",
    "SEED_IPI_VS_AAIPI": "IPI and age-adjusted IPI give different eligibility.",
    "UPTAKE_CHANGE_NOT_CODED": "Only SUVmax is given: the change in uptake is not stated.",
    "X_PRESENT_CLINICAL_CORRELATION": "A site scored X (uptake unlikely to be lymphoma): clinical correlation.",
    "RELAPSE_NOT_BIOPSY_PROVEN": "The relapse is seen on imaging only: biopsy to confirm.",
    "BIOPSY_RESULT_UNCLEAR": "The biopsy result is unclear.",
    "REPORT_ADDENDUM_REVISED": "An addendum revised the report.",
}
MISSING = {
    "stage": "stage", "baseline_pet": "baseline PET", "uptake_vs_baseline": "uptake change vs baseline",
    "ldh": "LDH", "ecog": "ECOG performance status", "extranodal_sites": "number of extranodal sites",
    "extensive_mesenteric_disease": "extensive mesenteric disease (yes or no)", "bulky_status": "bulky disease",
    "birth_date": "date of birth", "biopsy_result": "biopsy result", "eot_pet": "end-of-treatment PET",
    "eot_ct": "end-of-treatment CT", "transplant_eligibility": "transplant eligibility (clinician)",
    "cart_eligibility": "CAR-T eligibility (clinician)", "cart_timely_access": "timely CAR-T access (clinician)",
    "tmtv": "total metabolic tumour volume", "deauville_score": "Deauville score", "pet_result": "any PET-CT result",
    "extranodal_organs": "extranodal organs involved", "lbcl_diagnosis": "lymphoma diagnosis",
}
SCORES = {"ipi": "IPI", "aaipi": "age-adjusted IPI", "smipi": "stage-modified IPI", "nccn_ipi": "NCCN-IPI"}


def category_words(category: str | None, short: bool = False) -> str:
    if category is None:
        return ""
    if short:
        return CATEGORY_SHORT.get(category, category if category in CATEGORY else "")
    return CATEGORY.get(category, "response category not known")


def biopsy_words(status: str, short: bool = False) -> str:
    return (BIOPSY_SHORT if short else BIOPSY).get(status, "biopsy")


def flag_words(flag: str) -> str:
    return FLAGS.get(flag, "Another caution applies (see the Assessment).")


def relapse_words(labels: dict) -> str:
    months, days = labels.get("time_to_relapse_months"), labels.get("time_to_relapse_days")
    known = months is not None and days is not None
    when = f" {months:g} months ({days} days) after the end of first line" if known else ""
    proof = "biopsy-proven" if labels.get("relapse_biopsy_proven") else "on imaging, not biopsy-proven"
    return f"Relapse{when}, {proof}"
