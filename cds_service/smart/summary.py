"""The current Assessment in words, for the panel beside the timeline (cards.md order: now, next,
cautions, course, prognosis, data needed). Pure: the Assessment dict in, plain strings out."""

from __future__ import annotations

from .words import (BOCK_GROUP, EOT_RESPONSE, MISSING, PATHWAY, SCORES, TIMEPOINT_WORDS, TRIAL_CLASS,
                    category_words, flag_words, relapse_words)

_QUIET = {"SEED_IPI_VS_AAIPI"}  # bookkeeping about the guideline sources, not about this patient
FAILURE_GROUPS = ("PPD", "EOT_PR", "EARLY_RELAPSE_LT3M", "EARLY_RELAPSE_3_6M", "EARLY_RELAPSE_6_12M")


def _now(a: dict) -> list[str]:
    lr = a.get("latest_response")
    if not lr:
        return ["No PET-CT or CT result is recorded."]
    where = TIMEPOINT_WORDS.get(lr["timepoint"], "outside first-line timing")
    if lr.get("cycles_before") and lr["timepoint"] in ("interim", "end_of_treatment"):
        where += f", after cycle {lr['cycles_before']}"
    modality = "PET-CT" if lr.get("modality") == "PET" else "CT"
    ds = f", Deauville {lr['deauville']}" if lr.get("deauville") else ""
    out = [f"{modality} {lr['date']} ({where}){ds}: {category_words(lr['category'])}. "
           f"Meaning now: {lr.get('meaning', '')}."]
    if lr.get("ct_category"):
        out.append(f"By CT criteria: {category_words(lr['ct_category'])}.")
    return out


def _course(a: dict) -> list[str]:
    labels = a.get("labels") or {}
    out = []
    if a.get("pathway"):
        out.append(f"Restaging pathway: {PATHWAY.get(a['pathway'], 'not chosen')}.")
    if labels.get("eot_response_1l"):
        response = EOT_RESPONSE.get(labels["eot_response_1l"], "not known")
        out.append(f"End-of-treatment response to first line: {response}.")
    if labels.get("relapse_date"):
        out.append(f"{relapse_words(labels)} ({labels['relapse_date']}).")
    if labels.get("nccn_refractory") is True:
        out.append("Refractory to first line (NCCN definition).")
    if labels.get("early_treatment_failure") is True:
        out.append("Early treatment failure: refractory, or relapse within 12 months of the end of first line.")
    if labels.get("bridging"):
        out.append("Bridging before CAR-T: " + ", ".join(labels["bridging"]) + ".")
    return out


def _prognosis(a: dict) -> list[str]:
    labels, scores = a.get("labels") or {}, a.get("scores") or {}
    out = []
    group = labels.get("bock_group")
    if group and group not in ("UNDETERMINED", "NOT_APPLICABLE"):
        out.append(f"Bock 2024: {BOCK_GROUP.get(group, 'group not known')}"
                   + (f"; {labels['bock_prognosis']}." if labels.get("bock_prognosis") else "."))
    tc = labels.get("trial_classes") or {}
    if tc and any(v not in ("undetermined", "not_applicable") for v in tc.values()):
        out.append("Second-line trials: " + "; ".join(
            f"{name} {TRIAL_CLASS.get(tc.get(key), 'not known')}" for key, name in
            (("zuma7", "ZUMA-7"), ("transform", "TRANSFORM"), ("belinda", "BELINDA")) if key in tc) + ".")
    parts = []
    for key, name in SCORES.items():
        value, rng = scores.get(key), scores.get(f"{key}_range")
        if value is not None:
            group = scores.get(key + "_group")
            parts.append(f"{name} {value}" + (f" ({group} risk)" if group else ""))
        elif rng:
            parts.append(f"{name} {rng[0]}-{rng[1]} (an input is unknown)")
    if parts:
        out.append("; ".join(parts) + ".")
    return out


def indicator(a: dict) -> str:
    recs = [r for r in a.get("recommendations", []) if r.get("current", True)]
    urgencies = {r.get("urgency", "info") for r in recs}
    if (a.get("labels") or {}).get("bock_group") in FAILURE_GROUPS or "critical" in urgencies:
        return "critical"
    return "warning" if "warning" in urgencies else "info"


def summarise(a: dict) -> dict:
    """{"applicable", "indicator", "sections": [{"title", "items": [str]}]} for the Assessment `a`."""
    if not a.get("applicable", True):
        return {"applicable": False, "indicator": "info", "sections": [{"title": "No lymphoma data", "items": [
            "No large B-cell lymphoma diagnosis, lymphoma therapy or PET-CT was found for this patient, "
            "so there is no course to draw."]}]}
    # B9 ("BSH not applicable: NCCN tables apply") says which pathway, shown under Course, not an action
    recs = [r for r in a.get("recommendations", []) if r.get("current", True) and r.get("rule") != "B9"]
    sections = [("Now", _now(a)),
                ("Next", [f"{r['text']} (rule {r['rule']}; {r['source']})" for r in recs]
                 or ["Nothing is due according to the guideline rules."]),
                ("Cautions", [flag_words(f) for f in a.get("flags", []) if f not in _QUIET]),
                ("Course", _course(a)),
                ("Prognosis", _prognosis(a)),
                ("Data needed", [MISSING.get(m, "another input (see the Assessment)") for m in a.get("missing", [])])]
    return {"applicable": True, "indicator": indicator(a),
            "sections": [{"title": t, "items": items} for t, items in sections if items]}

