"""The Assessment contract of architecture.md: binding field names and value vocabularies, checked on
every vignette, plus the bulky boundary (D3) and the stated pathway reason."""

import json
from pathlib import Path

import pytest

from rule_helpers import case, limited_case, run, tumor_size

HERE = Path(__file__).parent / "vignettes"
EXPECTED = {k: v for k, v in json.loads((HERE / "expected.json").read_text()).items() if "bundle" in v}
TIMEPOINTS = {"baseline", "interim", "end_of_treatment", "post_salvage", "relapse_or_follow_up", "other"}
CATEGORIES = {"CMR", "PMR", "NMR", "PMD", "PET_POSITIVE_UNCLASSIFIED", "CR", "PR", "SD", "PD", "INDETERMINATE"}
BOCK = {"PPD", "EOT_PR", "EARLY_RELAPSE_LT3M", "EARLY_RELAPSE_3_6M", "EARLY_RELAPSE_6_12M", "LATE_RELAPSE",
        "NOT_APPLICABLE", "UNDETERMINED"}
PATHWAYS = {"NCCN_LIMITED", "NCCN_ADVANCED", "BSH_PET_ADAPTED", None}
EOT = {"CR", "PR", "SD", "PD", "PENDING", None}
TRIAL = {"refractory", "relapsed", "relapse_outside_window", "not_applicable", "undetermined"}


@pytest.mark.parametrize("vid", sorted(EXPECTED))
def test_contract_fields_and_vocabularies(vid):
    from test_vignettes import assess

    a = assess(EXPECTED[vid])
    assert a["schema"] == "lbcl-cds.assessment/1"
    for key in ("patient_id", "as_of", "latest_response", "pathway", "labels", "scores", "recommendations",
                "flags", "missing", "evidence"):
        assert key in a, key
    lr = a["latest_response"]
    if lr is not None:
        assert {"date", "timepoint", "cycles_before", "modality", "category", "rule"} <= set(lr)
        assert lr["timepoint"] in TIMEPOINTS and lr["category"] in CATEGORIES and lr["modality"] in ("PET", "CT")
    assert a["pathway"] in PATHWAYS
    labels = a["labels"]
    assert labels["bock_group"] in BOCK
    assert labels["nccn_refractory"] in (True, False, None)
    assert labels["early_treatment_failure"] in (True, False, None)
    assert labels["eot_response_1l"] in EOT
    assert set(labels["trial_classes"]) == {"zuma7", "transform", "belinda"}
    assert set(labels["trial_classes"].values()) <= TRIAL
    assert {"ipi", "aaipi", "smipi", "nccn_ipi"} <= set(a["scores"])
    for r in a["recommendations"]:
        assert {"rule", "action", "text", "strength", "source"} <= set(r)
    for e in a["evidence"]:
        assert e["fact"] and e["resources"] and all("/" in x for x in e["resources"])
    json.dumps(a)  # serialisable


@pytest.mark.parametrize(("cm", "bulky", "boundary"), [(7.4, False, False), (7.5, True, True), (7.6, True, False)])
def test_bulky_cutoff_and_boundary_flag(cm, bulky, boundary):
    """D3: NCCN bulky >= 7.5 cm (seed Fig 1) vs > 7.5 cm (Table 1): flag exactly at the cutoff."""
    a = run(limited_case(extra=[tumor_size("2024-12-20", cm, 3.0)]))
    assert a["labels"]["bulky"] is bulky
    assert ("BULKY_BOUNDARY" in a["flags"]) is boundary


def test_pathway_reason_is_stated():
    a = run(case(stage_text="Stage III"))
    assert a["pathway"] == "NCCN_ADVANCED" and "stage III" in a["labels"]["pathway_reason"]
    a = run(case(stage_text=None))
    assert a["pathway"] is None and "no stage" in a["labels"]["pathway_reason"] and "stage" in a["missing"]
