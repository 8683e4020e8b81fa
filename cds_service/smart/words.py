"""Human words for the Assessment's enum values, for the SMART app's summary and the timeline's labels.

The long words are the cards' own labels table (cds_service/cards/labels.py: one place to translate);
only the timeline's short chart labels live here. A test fails when a value the engine emits for a
shipped patient has no entry.
"""

from __future__ import annotations

from .engine import labels as L

CATEGORY = {**L.CATEGORY, "UNKNOWN": "no response category"}
CATEGORY_SHORT = {"PET_POSITIVE_UNCLASSIFIED": "DS4-5 unclassified", "INDETERMINATE": "n/c", "UNKNOWN": ""}
TIMEPOINT_WORDS = L.TIMEPOINT
TIMEPOINT_SHORT = {"baseline": "Baseline", "interim": "Interim", "end_of_treatment": "EOT",
                   "pre_radiotherapy": "Pre-RT", "post_salvage": "Post-salvage", "relapse_or_follow_up": "Follow-up",
                   "other": ""}
BIOPSY = {"positive": "positive for lymphoma", "negative": "negative for lymphoma",
          "unclear": "result unclear (non-diagnostic or hedged)", "pending": "no result recorded yet"}
BIOPSY_SHORT = {"positive": "Biopsy +", "negative": "Biopsy \u2212", "unclear": "Biopsy ?",
                "pending": "Biopsy (pending)"}
PATHWAY = L.PATHWAY
BOCK_GROUP = {k: v[0] for k, v in L.BOCK.items()}
EOT_RESPONSE = L.RESPONSE_1L
TRIAL_CLASS = L.TRIAL_CLASS
FLAGS = dict(L.FLAG)  # every flag has an entry; None = shown elsewhere, not as a caution
MISSING = {k: v[0] for k, v in L.MISSING.items()}
SCORES = L.SCORE_NAME


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
