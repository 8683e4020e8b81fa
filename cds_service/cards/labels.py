"""One table of human words for every value a card can show (cards.md "Machine side"): enum values,
rule ids, actions, flags and missing inputs. One place to translate, one place to review;
tests/test_card_words.py fails when a value the engine emits has no label here.
"""

from __future__ import annotations

CATEGORY = {  # Lugano 2014 (PET: clinical-logic §1.3; CT: §1.4)
    "CMR": "complete metabolic response", "PMR": "partial metabolic response",
    "NMR": "no metabolic response", "PMD": "progressive metabolic disease",
    "PET_POSITIVE_UNCLASSIFIED": "Deauville 4-5, change in uptake vs baseline unknown",
    "CR": "complete response", "PR": "partial response", "SD": "stable disease", "PD": "progressive disease",
    "INDETERMINATE": "response not classifiable",
}
TIMEPOINT = {
    "baseline": "staging (before treatment)", "interim": "interim", "end_of_treatment": "end of treatment",
    "pre_radiotherapy": "after chemotherapy, before radiotherapy ended", "post_salvage": "after salvage therapy",
    "relapse_or_follow_up": "follow-up", "other": "other",
}
PATHWAY = {"NCCN_LIMITED": "NCCN 2025 limited stage", "NCCN_ADVANCED": "NCCN 2025 advanced stage",
           "BSH_PET_ADAPTED": "BSH 2024 PET-adapted (limited stage, age 61-80)"}
BOCK = {  # Bock 2024 groups (clinical-logic §4), with the 2-year OS shown (MER / LEO cohorts) [V:BOCK]
    "PPD": ("primary refractory (progression or stable disease during or at the end of first line)",
            "2-year overall survival 15% (MER) / 31% (LEO)"),
    "EOT_PR": ("partial response at the end of first line", "2-year overall survival 38% (MER) / 50% (LEO)"),
    "EARLY_RELAPSE_LT3M": ("early relapse, under 3 months after the end of first line",
                           "2-year overall survival 44% (MER) / 58% (LEO), whole early-relapse group"),
    "EARLY_RELAPSE_3_6M": ("early relapse, 3-6 months after the end of first line",
                           "2-year overall survival 44% (MER) / 58% (LEO), whole early-relapse group"),
    "EARLY_RELAPSE_6_12M": ("early relapse, 6-12 months after the end of first line",
                            "2-year overall survival 44% (MER) / 58% (LEO), whole early-relapse group"),
    "LATE_RELAPSE": ("late relapse, more than 12 months after the end of first line", None),
    "NOT_APPLICABLE": ("complete response at the end of first line, no relapse recorded", None),
    "UNDETERMINED": ("not yet determined", None),
}
RESPONSE_1L = {"CR": "complete response", "PR": "partial response", "SD": "stable disease",
               "PD": "progressive disease", "PENDING": "pending (biopsy or interval scan)"}
TRIAL_CLASS = {"refractory": "refractory", "relapsed": "relapsed within the trial window",
               "undetermined": "not yet determined", "not_applicable": "not applicable",
               "relapse_outside_window": "relapse outside the trial window"}
BIOPSY_RESULT = {"positive": "positive for lymphoma", "negative": "negative for lymphoma",
                 "unknown": "not diagnostic", "not_feasible": "not feasible", None: "result pending"}
LINE_KIND = {"salvage": "salvage chemotherapy", "car_t": "CAR-T cell therapy", "bispecific": "bispecific antibody",
             "other": "other therapy", "first_line": "first line"}

# Actions: the words of the "Next" list (what to do), and an order-free headline verb for the summary.
ACTION = {
    "continue_rchop": "Continue R-CHOP as planned",
    "continue_rchop_isrt": "Continue R-CHOP to 6 cycles, then radiotherapy 30 Gy in 15 fractions",
    "change_treatment": "Change treatment (leave the PET-adapted approach)",
    "eot_ct": "End-of-treatment imaging: CT only",
    "eot_pet": "End-of-treatment PET-CT",
    "eot_pet_timing": "Time the end-of-treatment PET-CT",
    "biopsy_residual": "Biopsy the residual lesion",
    "repeat_pet_8_12w": "If no biopsy is possible: repeat PET-CT in 8-12 weeks",
    "nccn_tables": "BSH PET-adapted approach not applicable: NCCN pathway",
    "repeat_biopsy": "Biopsy the PET-positive lesion",
    "second_line": "Refractory disease: second-line therapy",
    "surveillance": "Surveillance",
    "interval_restaging": "Consider a brief interval PET-CT",
    "clinician_review": "Clinician review (no NCCN recommendation)",
    "clinician_judgement": "Clinician judgement; consider interval restaging",
    "biopsy_or_interval_pet": "Biopsy the new lesion, or repeat the PET-CT after an interval",
    "biopsy": "Biopsy to confirm relapse before second-line therapy",
    "car_t_referral": "Refer for second-line CAR-T (axi-cel or liso-cel)",
    "avoid_tisa_cel_2l": "Avoid tisagenlecleucel as second line",
    "salvage_then_asct": "Platinum-based salvage, then ASCT if chemosensitive",
    "car_t_not_asct": "Refractory to salvage: ASCT largely futile",
    "discuss_asct": "Discuss ASCT consolidation (partial response after salvage)",
    "tmtv_evidence": "Weigh the tumour volume evidence (CAR-T vs ASCT)",
    "car_t_older": "Over 65: CAR-T possibly preferable to ASCT",
    "salvage_asct_if_no_timely_cart": "If CAR-T cannot be given in time: salvage + ASCT",
    "non_transplant_options": "Non-transplant options",
    "track_cart_timeline": "Track the time from CAR-T decision to infusion",
    "avoid_chemo_only_asct": "Avoid chemotherapy-only strategies aimed at ASCT",
}
# Summary headline per action: the decision in a few words.
HEADLINE = {
    "car_t_referral": "refer for 2nd-line CAR-T", "car_t_not_asct": "CAR-T, not ASCT",
    "second_line": "second-line therapy (CAR-T if eligible)", "avoid_chemo_only_asct": "2nd-line CAR-T if eligible",
    "biopsy": "biopsy to confirm relapse before 2nd-line therapy",
    "repeat_biopsy": "biopsy the residual lesion", "biopsy_residual": "biopsy the residual lesion",
    "biopsy_or_interval_pet": "biopsy or interval PET before calling it CR",
    "interval_restaging": "consider an interval PET-CT", "change_treatment": "change treatment, biopsy",
    "salvage_then_asct": "salvage chemotherapy, then ASCT if chemosensitive",
    "discuss_asct": "discuss ASCT vs CAR-T", "car_t_older": "discuss CAR-T vs ASCT",
    "tmtv_evidence": "discuss ASCT vs CAR-T", "salvage_asct_if_no_timely_cart": "salvage + ASCT if no timely CAR-T",
    "non_transplant_options": "non-transplant options", "continue_rchop": "continue R-CHOP as planned",
    "continue_rchop_isrt": "4 more R-CHOP, then radiotherapy", "eot_ct": "end-of-treatment CT only",
    "eot_pet": "end-of-treatment PET-CT due", "surveillance": "surveillance",
    "clinician_review": "clinician review", "clinician_judgement": "clinician judgement",
    "track_cart_timeline": "track time to CAR-T infusion", "avoid_tisa_cel_2l": "avoid tisa-cel as 2nd line",
    "nccn_tables": "follow the NCCN pathway", "eot_pet_timing": "time the end-of-treatment PET-CT",
    "repeat_pet_8_12w": "repeat PET-CT in 8-12 weeks",
}
# Evidence strength in words, by rule (clinical-logic.md tags: [S] seed review, [V] verified source,
# [I] our design decision, [U] unverified; BSH grades 1A/1B).
STRENGTH = {
    "P4": "response criteria (Lugano 2014)",
    "NL1": "guideline (NCCN 2025, as summarised by the review; category not verified)",
    "B1": "guideline, strong recommendation (BSH grade 1A)", "B2": "guideline, strong recommendation (BSH grade 1B)",
    "T0": "trial definitions (relapse is biopsy-proven)",
    "T1": "randomised trials (ZUMA-7, TRANSFORM)", "T2": "randomised trial (BELINDA)",
    "T3": "guideline algorithm and review", "T4": "review authors' summary of the evidence",
    "T5": "retrospective series (CIBMTR)", "T6": "single-centre retrospective series",
    "T7": "retrospective series (CIBMTR, older adults)", "T8": "review authors' opinion, not a guideline",
    "T9": "review authors' opinion", "T10": "design decision of this service", "T11": "meta-analysis (SCHOLAR-1)",
    "NL2b": "no NCCN recommendation; review authors' inference", "NL2c": "design decision of this service",
    "NL5a": "design decision by analogy", "NL5b": "design decision of this service",
    "NA4c": "design decision of this service", "B3": "guideline (BSH 2024); biopsy added by this service",
    "B6": "guideline (BSH 2024, inconsistent timing in the review)", "B9": "design decision of this service",
}
STRENGTH_BY_PREFIX = {"NL": "guideline (NCCN 2025, category not verified)",
                      "NA": "guideline (NCCN 2025, category not verified)",
                      "B": "guideline (BSH 2024, grade as given)", "P": "response criteria (Lugano 2014)",
                      "T": "review authors' summary"}

# Flags that change the reading, in words. None: shown elsewhere on the card, or not for clinicians.
FLAG = {
    "BOUNDARY_12M": "The relapse is within 14 days of 12 months after the end of first line: early versus late "
                    "changes the advice (CAR-T vs salvage + ASCT).",
    "EOT_ANCHOR_SENSITIVE": "Early vs late relapse depends on the anchor (last dose, end of radiotherapy or "
                            "biopsy date).",
    "BOCK_LT3M_AMBIGUOUS": "Relapse under 3 months: the review separates it, the Bock paper groups relapses "
                           "at 3-12 months.",
    "RELAPSE_NOT_BIOPSY_PROVEN": "Relapse or progression is seen on imaging only: not yet biopsy-proven.",
    "BIOPSY_RESULT_UNCLEAR": "A biopsy report does not decide (not diagnostic or hedged): it is not counted as "
                             "positive.",
    "REPORT_ADDENDUM_REVISED": "A report addendum revised the score or impression: the revised reading is used.",
    "IND_NEW_LESION": "A new lesion of uncertain cause: biopsy or interval PET before it counts.",
    "NEW_LESION": None, "DS_NEW_LESION_INCONSISTENT": "A new lesion called lymphoma was scored below "
                  "Deauville 4: new lesions score 5 by definition.",
    "X_PRESENT_CLINICAL_CORRELATION": "A new finding scored X (unlikely lymphoma): clinical correlation.",
    "MARROW_FOCAL_WORKUP": "Focal marrow uptake persists: MRI, marrow biopsy or interval scan.",
    "BASELINE_PET_MISSING": "No baseline PET: a Deauville 4-5 scan cannot be classified by PET alone.",
    "UPTAKE_CHANGE_NOT_CODED": "Only SUVmax values are given: the change in uptake vs baseline was not stated "
                               "by the reader and is not guessed.",
    "CODED_TEXT_DISAGREE": "The coded result and the report text disagree: the coded value is used.",
    "TEXT_DEAUVILLE_AMBIGUOUS": "The report gives two Deauville readings: the score is left unknown.",
    "TEXT_UPTAKE_AMBIGUOUS": "The report is ambiguous about the change in uptake.",
    "TEXT_CATEGORY_AMBIGUOUS": "The report is ambiguous about the response category.",
    "READER_CATEGORY_USED": "No Deauville score: the reader's own response category is used.",
    "EOT_PET_EARLY": "The end-of-treatment PET was under 3 weeks after the last antibody dose.",
    "EOT_PET_LATE": "The end-of-treatment PET was over 8 weeks after the last antibody dose.",
    "EOT_PET_POST_RT_EARLY": "The PET falls under 8 weeks after radiotherapy (8-12 weeks recommended).",
    "BSH_TIMING_AMBIGUOUS": "BSH timing of the end-of-treatment PET is inconsistent (3-6 weeks or 8 weeks).",
    "INTERIM_PRESUMED": "Treatment is presumed to continue: the scan is read as interim.",
    "IPET_OFF_SCHEDULE": "The interim PET is outside the guideline's cycle window.",
    "MESENTERIC_STATUS_UNKNOWN": "Stage II: extensive mesenteric disease not recorded (it would mean advanced "
                                 "stage).",
    "SEED_IPI_VS_AAIPI": "BSH eligibility uses age-adjusted IPI 0 (the review's \"IPI 0\" is impossible over 60).",
    "BULKY_BOUNDARY": "The largest mass is exactly at the bulky cutoff.",
    "NCCN_GUIDELINE_GAP": "NCCN gives no recommendation for this situation: clinician review.",
    "EVIDENCE_CONFLICT": "The tumour-volume data favour CAR-T at low volume, yet the review cites them for ASCT.",
    "LYRIC_APPLICABLE": "After CAR-T, LYRIC criteria apply: early increases may be flare, not progression.",
    "LBCL_DIAGNOSIS_NOT_FOUND": "No large B-cell lymphoma diagnosis was found in the record.",
    "INVALID_RESOURCES_SKIPPED": "Some records could not be read and were skipped.",
    "DATA_UNAVAILABLE": "Some data could not be fetched from the record system.",
}
# Missing inputs: (words, why it matters, who provides it).
MISSING = {
    "stage": ("Lugano stage", "chooses the restaging pathway", "haematologist"),
    "baseline_pet": ("Baseline (staging) PET", "needed to classify a Deauville 4-5 scan", "nuclear medicine"),
    "uptake_vs_baseline": ("Uptake change vs baseline on the PET", "separates partial from no response",
                           "nuclear medicine reader"),
    "deauville_score": ("Deauville score of the PET", "needed to read the response", "nuclear medicine reader"),
    "ldh": ("LDH at diagnosis", "prognostic scores (IPI)", "laboratory"),
    "ecog": ("ECOG performance status at diagnosis", "prognostic scores (IPI)", "clinician"),
    "extranodal_sites": ("Number of extranodal sites", "prognostic scores (IPI)", "haematologist"),
    "extranodal_organs": ("Extranodal organs involved", "NCCN-IPI", "haematologist"),
    "extensive_mesenteric_disease": ("Extensive mesenteric disease (yes/no)",
                                     "stage II with it follows the advanced-stage pathway", "haematologist"),
    "bulky_status": ("Bulky disease / largest diameter", "BSH eligibility and pathway", "radiologist"),
    "birth_date": ("Date of birth", "age-based rules and scores", "registration"),
    "biopsy_result": ("Biopsy result", "confirms or refutes residual disease or relapse", "pathology"),
    "eot_pet": ("End-of-treatment PET-CT", "decides complete response vs treatment failure", "nuclear medicine"),
    "eot_ct": ("End-of-treatment CT", "BSH: CT only after an interim CMR", "radiology"),
    "transplant_eligibility": ("Transplant eligibility", "decides salvage + ASCT vs other options", "haematologist"),
    "cart_eligibility": ("CAR-T eligibility", "decides between CAR-T and salvage + ASCT", "haematologist"),
    "cart_timely_access": ("Timely CAR-T access", "salvage + ASCT if CAR-T cannot be given in time",
                           "CAR-T centre"),
    "tmtv": ("Total metabolic tumour volume", "weighs CAR-T vs ASCT after a partial response to salvage",
             "nuclear medicine"),
    "lbcl_diagnosis": ("LBCL diagnosis", "the guidance applies only to large B-cell lymphoma", "haematologist"),
    "pet_result": ("PET-CT result", "the response cannot be assessed without it", "nuclear medicine"),
    "salvage_response": ("Response to salvage therapy (PET-CT)", "decides ASCT vs CAR-T", "nuclear medicine"),
    "response_after_car_t": ("Response after CAR-T (PET-CT)", "day-30 and day-90 assessments", "nuclear medicine"),
}
PREFETCH_KEY = {"patient": "patient record", "conditions": "conditions", "observations": "observations",
                "medicationAdministrations": "medication administrations", "procedures": "procedures",
                "diagnosticReports": "diagnostic reports", "documentReferences": "documents",
                "medicationRequests": "medication orders", "carePlans": "care plans"}
SCORE_NAME = {"ipi": "IPI", "aaipi": "age-adjusted IPI", "smipi": "stage-modified IPI", "nccn_ipi": "NCCN-IPI"}


def strength(rule: str) -> str:
    """Evidence strength of a rule's recommendation in words."""
    if rule in STRENGTH:
        return STRENGTH[rule]
    prefix = rule[:2] if rule[:2] in STRENGTH_BY_PREFIX else rule[:1]
    return STRENGTH_BY_PREFIX.get(prefix, "see source")
