"""CaseFacts (+ as-of date) -> the Assessment JSON of architecture.md (schema lbcl-cds.assessment/1).

Orchestrates the guideline modules; holds no rule of its own beyond choosing the pathway (§2.1, §3.1)
and marking which recommendations are current.
"""

from __future__ import annotations

from datetime import date

from fhir_mappings.case_facts import CaseFacts

from . import bock, bsh, nccn, prognostic, second_line
from .course import FirstLine, ScanRead, analyse_first_line, read_scans
from .dates import age_on
from .first_line_events import events_recs
from .lugano_pet import meaning
from .assessment_model import Assessment
from .recommendation import Rec
from .settings import DEFAULT_SETTINGS, GuidelineSettings

SCHEMA = "lbcl-cds.assessment/1"
IMMUNOTHERAPY_LINES = ("car_t", "bispecific")  # LYRIC applies only after these [I] §1.6


def assess(facts: CaseFacts, as_of: date, cfg: GuidelineSettings = DEFAULT_SETTINGS) -> Assessment:
    reads = read_scans(facts)
    fl = analyse_first_line(facts, reads, as_of, cfg)
    flags: list[str] = list(facts.flags) + fl.flags
    missing: list[str] = list(fl.missing)
    score_values, score_missing, age_dx = prognostic.scores(facts, cfg.scores_window_days)
    age_now = age_on(facts.birth_date, as_of) if facts.birth_date else None  # T7/T8: age today (2nd set)
    latest = _latest(reads, flags, missing)
    pathway, recs, pathway_reason = _pathway(facts, fl, score_values, age_dx, cfg, flags, missing)
    recs += events_recs(fl)
    group, k_rule, k_flags = bock.bock_group(fl)
    flags += k_flags
    failure = bock.early_treatment_failure(fl)
    labels: dict[str, object] = {
        "pathway_reason": pathway_reason,
        "bulky": _bulky(facts, cfg),
        "bock_group": group,
        "bock_rule": k_rule,
        "bock_prognosis": bock.PROGNOSIS.get("EARLY_RELAPSE" if group.startswith("EARLY_RELAPSE") else group),
        "nccn_refractory": bock.nccn_refractory(fl),
        "early_treatment_failure": failure,
        "trial_classes": bock.trial_classes(fl),
        "eot_response_1l": fl.eot_response,
        "best_response_1l": fl.best_response,
        "progression_during_1l": fl.progression,
        "eot_date": fl.eot_date.isoformat() if fl.eot_date else None,
        "eot_incl_rt_date": fl.eot_incl_rt.isoformat() if fl.eot_incl_rt and fl.eot_date else None,
        "eot_pet_days_after_last_anti_cd20": fl.eot_dt_days,
    }
    if fl.relapse:
        labels.update({"relapse_date": fl.relapse.scan.date.isoformat(),
                       "relapse_biopsy_proven": fl.relapse_proven,
                       "relapse_modality": fl.relapse.scan.modality,
                       "time_to_relapse_days": fl.time_to_relapse_days,
                       "time_to_relapse_months": fl.time_to_relapse_months,
                       "early_relapse": fl.early_relapse})
    sl = second_line.recommendations(facts, fl, reads, group, failure, age_now, as_of, cfg)
    labels.update(sl.labels)
    if fl.pre_rt and not fl.eot and not fl.second_line_start:
        labels.setdefault("next_assessment", "End-of-treatment PET-CT 8-12 weeks after the last radiotherapy "
                                             "fraction")  # §6 EOT PET after RT [V:IHP07]
    flags += sl.flags
    missing += sl.missing
    missing += score_missing
    if facts.first_line and len(facts.lines) > 1 or fl.relapse or fl.unresolved:
        recs = [r.retired() if r.current else r for r in recs]  # the course moved past first line
    recs += sl.recs
    if any(ln.kind in IMMUNOTHERAPY_LINES for ln in facts.lines) and reads and reads[-1].scan.date > max(
            ln.start for ln in facts.lines if ln.kind in IMMUNOTHERAPY_LINES):
        flags.append("LYRIC_APPLICABLE")
    if facts.diagnosis is None:
        flags.append("LBCL_DIAGNOSIS_NOT_FOUND")
        missing.append("lbcl_diagnosis")
    if facts.skipped_resources:
        flags.append("INVALID_RESOURCES_SKIPPED")
    listed = _dedupe(recs)
    result = {
        "schema": SCHEMA,
        "patient_id": facts.patient_id,
        "as_of": as_of.isoformat(),
        "latest_response": latest,
        "pathway": pathway,
        "labels": labels,
        "scores": score_values,
        "recommendations": [r.to_json() for r in listed],
        "course_history": [{"rule": r.rule, "timepoint": r.timepoint, "action": r.action}
                           for r in listed if not r.current],
        "flags": list(dict.fromkeys(flags)),
        "missing": list(dict.fromkeys(missing)),
        "evidence": _evidence(facts, reads, fl),
        "age": age_now,
        "age_at_diagnosis": age_dx,
        "applicable": bool(facts.diagnosis or facts.lines or reads),
        "skipped_resources": facts.skipped_resources,
    }
    return Assessment.model_validate(result)


def _bulky(facts: CaseFacts, cfg: GuidelineSettings) -> bool | None:
    """Bulky disease: largest diameter >= cutoff (NCCN per seed Fig 1, D3), else the coded bulky flag."""
    st = facts.staging
    if st.largest_diameter_cm is not None:
        return st.largest_diameter_cm >= cfg.bulky_cm
    return st.bulky


def _dedupe(recs: list[Rec]) -> list[Rec]:
    """One row per (rule, action): a rule fired at two scans keeps its latest firing; current rows first."""
    seen: dict[tuple[str, str], Rec] = {}
    for r in recs:
        seen.pop((r.rule, r.action), None)
        seen[(r.rule, r.action)] = r
    rows = list(seen.values())
    return [r for r in rows if r.current] + [r for r in rows if not r.current]


def _latest(reads: list[ScanRead], flags: list[str], missing: list[str]) -> dict | None:
    if not reads:
        missing.append("pet_result")
        return None
    r = reads[-1]
    scan = r.scan
    out: dict[str, object] = {
        "date": scan.date.isoformat(), "timepoint": scan.timepoint, "cycles_before": scan.cycles_before,
        "modality": scan.modality, "category": r.category, "rule": r.pet.rule if r.pet else None,
    }
    if r.pet:
        out["rules"] = list(r.pet.rules)
        out["deauville"] = r.pet.max_ds
        flags.extend(r.pet.flags)
        missing.extend(r.pet.missing)
    if r.ct and r.ct.category:
        out["ct_category"] = r.ct.category
        out["ct_spd_change"] = round(r.ct.pct_change, 3) if r.ct.pct_change is not None else None
    elif scan.modality == "CT":
        out["category"] = "INDETERMINATE"
    out["meaning"] = meaning(r.category, scan.timepoint)
    out["uptake_vs_baseline"] = _uptake(scan)
    out["new_lesions"] = scan.new_lesions
    out["from_text"] = scan.evidence.from_text
    if scan.evidence.quotes:
        out["quotes"] = list(scan.evidence.quotes)
    flags.extend(scan.flags)
    return {k: v for k, v in out.items() if v is not None or k in ("rule", "cycles_before")}


def _uptake(scan) -> str | None:
    ups = {s.uptake for s in scan.sites if not s.is_new and s.uptake != "unknown"}
    for u in ("increased", "unchanged", "reduced"):
        if u in ups:
            return u
    return None


def _pathway(facts: CaseFacts, fl: FirstLine, sc: dict, age: int | None, cfg: GuidelineSettings,
             flags: list[str], missing: list[str]) -> tuple[str | None, list[Rec], str]:
    """The first-line restaging pathway, its recommendations, and why it was chosen (§2.1, §3.1)."""
    st = facts.staging
    if st.largest_diameter_cm is not None and abs(st.largest_diameter_cm - cfg.bulky_cm) < 1e-9:
        flags.append("BULKY_BOUNDARY")  # NCCN ">= 7.5" (Fig 1) vs "> 7.5" (Table 1), D3
    group, g_flags, g_missing = nccn.stage_group(facts)
    missing += g_missing
    if group is None:
        return None, [], "no stage recorded: no restaging pathway can be chosen"
    eligible, b_flags, b_missing = bsh.eligibility(facts, age, sc.get("aaipi"), sc.get("ipi"), cfg)
    stage = f"stage {'I' * st.stage if st.stage < 4 else 'IV'}"
    if eligible and cfg.prefer_bsh:
        flags.extend(b_flags)
        recs, p_flags = bsh.recommendations(facts, fl, cfg)
        flags.extend(p_flags)
        if any(r.rule == "B4" for r in recs) and "eot_pet" in missing:
            missing[missing.index("eot_pet")] = "eot_ct"  # B4: EOT imaging is CT only
        return "BSH_PET_ADAPTED", _currency(recs, fl), (
            f"BSH 2024 PET-adapted: age {age}, {stage}, aaIPI 0, not bulky (all eligibility criteria met)")
    if eligible is None and group == "NCCN_LIMITED":
        missing.extend(b_missing)
    flags.extend(g_flags)
    if group == "NCCN_LIMITED":
        recs, p_flags = nccn.limited(facts, fl)
    else:
        recs, p_flags = nccn.advanced(facts, fl)
    flags.extend(p_flags)
    if eligible is False:
        recs.insert(0, Rec("B9", "nccn_tables", "BSH PET-adapted rule not applicable (age, aaIPI, bulk or stage): "
                           "NCCN tables apply.", "[I]", "BSH2024"))
    if group == "NCCN_ADVANCED":
        why = f"NCCN advanced: {stage}" + (" with extensive mesenteric disease" if st.stage == 2 else "")
    else:
        why = f"NCCN limited: {stage}" + (", extensive mesenteric disease not recorded" if st.stage == 2
                                          and st.extensive_mesenteric is None else "")
    why += {False: "; BSH PET-adapted approach not applicable (B9)",
            None: "; BSH eligibility undetermined (missing inputs)"}.get(eligible, "")
    return group, _currency(recs, fl), why


def _currency(recs: list[Rec], fl: FirstLine) -> list[Rec]:
    """Rules of the latest first-line timepoint are current; earlier ones are history."""
    latest_tp = "end_of_treatment" if fl.eot or fl.pre_rt else "interim"  # chemotherapy done: interim advice ends
    return [r if r.timepoint in (latest_tp, None) or (r.timepoint == "end_of_treatment" and not fl.eot)
            or not r.current else r.retired() for r in recs]


def _evidence(facts: CaseFacts, reads: list[ScanRead], fl: FirstLine) -> list[dict]:
    ev: list[dict] = []

    def add(fact: str, resources: tuple[str, ...], **extra: object) -> None:
        if resources:
            ev.append({"fact": fact, "resources": list(resources), **{k: v for k, v in extra.items() if v}})

    for r in reads:
        name = {"interim": f"ipet{r.scan.cycles_before}", "end_of_treatment": "eot_pet"}.get(
            r.scan.timepoint, f"{r.scan.timepoint}_{r.scan.modality.lower()}")
        add(name, r.scan.evidence.resources, date=r.scan.date.isoformat(), category=r.category,
            from_text=r.scan.evidence.from_text, quotes=list(r.scan.evidence.quotes))
    for b in facts.biopsies:
        add("biopsy", b.evidence.resources, date=b.date.isoformat(), result=b.result, quotes=list(b.evidence.quotes))
    if facts.first_line:
        res = tuple(x for c in facts.first_line.cycles for x in c.resources)
        add("first_line_cycles", res, cycles=len(facts.first_line.cycles),
            regimens=list(facts.first_line.regimens), start=facts.first_line.start.isoformat(),
            last_dose=facts.first_line.last_dose.isoformat())
    for ln in facts.lines[1:]:
        add(f"line_{ln.number}", tuple(x for c in ln.cycles for x in c.resources) or facts.car_t.evidence.resources,
            kind=ln.kind, regimens=list(ln.regimens), start=ln.start.isoformat())
    add("staging", facts.staging.evidence.resources, stage=facts.staging.stage)
    for name, values in (("ldh", facts.ldh), ("ecog", facts.ecog)):
        if values:
            add(name, values[-1].evidence.resources, date=values[-1].date.isoformat())
    add("eligibility", facts.eligibility.evidence.resources)
    return ev
