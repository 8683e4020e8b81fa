"""The synthetic patient library shipped in cds_service/data/patients/: current with its generator
(tools/build_patients.py and the vignettes), valid FHIR R4 transaction Bundles whose references all
resolve, written in all three data tiers, and each extra patient assessed as its index entry says."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class

from cds_service import cli
from cds_service.hooks.evaluation import evaluate
from cds_service.patients import catalogue

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "cds_service" / "data" / "patients"
PATIENTS = catalogue()
PET_RA = "pet-response-assessment"


def refs(node: object):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reference" and isinstance(v, str):
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for x in node:
            yield from refs(x)


def test_the_shipped_files_are_current():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_patients
    finally:
        sys.path.remove(str(ROOT / "tools"))
    built = build_patients.build()
    on_disk = {p.name for p in DATA.glob("*.json")}
    assert on_disk == set(built), "run `make patients`"
    stale = [name for name, content in built.items() if (DATA / name).read_text() != build_patients.dump(content)]
    assert not stale, f"stale: {stale}; run `make patients`"


def test_the_library_has_the_vignettes_and_more():
    sources = Counter(p.source == "extra" for p in PATIENTS)
    assert len(PATIENTS) >= 25 + 5 and sources[False] >= 25 and sources[True] >= 5
    assert len({p.patient_id for p in PATIENTS}) == len(PATIENTS)
    assert all(p.patient_id.startswith("lbcl-") and p.title for p in PATIENTS)


def test_every_bundle_is_a_valid_self_contained_transaction():
    seen: set[str] = set()
    for p in PATIENTS:
        b = p.bundle()
        assert b["resourceType"] == "Bundle" and b["type"] == "transaction"
        ids = set()
        for e in b["entry"]:
            r = e["resource"]
            key = f"{r['resourceType']}/{r['id']}"
            assert e["request"] == {"method": "PUT", "url": key} and e["fullUrl"].startswith("urn:uuid:")
            assert len(r["id"]) <= 64 and key not in seen, key
            get_fhir_model_class(r["resourceType"]).model_validate(r)
            ids.add(key)
        seen |= ids
        assert f"Patient/{p.patient_id}" in ids
        dangling = {ref for ref in refs(b) if ref not in ids}
        assert not dangling, f"{p.patient_id}: {dangling}"


def test_the_pet_results_come_in_every_tier():
    text_only = coded_t2 = coded_t1 = 0
    for p in PATIENTS:
        res = [e["resource"] for e in p.bundle()["entry"]]
        derived = {ref for r in res if r["resourceType"] == "Observation" for ref in refs(r.get("derivedFrom"))}
        codes = {c["code"] for r in res if r["resourceType"] == "Observation" for c in r["code"]["coding"]}
        pets = [r for r in res if r["resourceType"] == "DiagnosticReport"
                and any(c["code"] == "44139-4" for c in r["code"]["coding"])]
        text_only += any(f"DiagnosticReport/{r['id']}" not in derived for r in pets)
        coded_t2 += PET_RA in codes
        coded_t1 += "708895006" in codes
    assert text_only >= 5 and coded_t2 >= 20 and coded_t1 >= 1


@pytest.mark.parametrize("p", [p for p in PATIENTS if p.source == "extra"], ids=lambda p: p.patient_id)
def test_each_extra_patient_is_assessed_as_indexed(p):
    index = {e["patient_id"]: e for e in json.loads((DATA / "index.json").read_text())["patients"]}
    a = evaluate([p.bundle()], p.patient_id, date.fromisoformat(p.as_of))
    for path, want in index[p.patient_id]["expect"].items():
        group, field = path.split(".")
        assert a[group][field] == want, f"{p.patient_id} {path}"


def test_load_patients_lists_and_validates_its_arguments(capsys):
    assert cli.main(["load-patients", "--list"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split("\t")[0] == PATIENTS[0].patient_id
    assert cli.main(["load-patients"]) == 2
    assert cli.main(["load-patients", "--fhir-server", "ftp://x"]) == 2
    assert cli.main(["load-patients", "--fhir-server", "http://127.0.0.1:9/fhir", "--patient", "nobody"]) == 1
    assert "unknown patient ids: nobody" in capsys.readouterr().err
