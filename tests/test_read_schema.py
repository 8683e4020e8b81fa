"""The fast validator (fhir_mappings/shape.py against read_schema.py, issue 16): it covers every element
the mapping reads, it is strict on those, it leaves the others alone (fhir.resources R4B validates them
in strict mode), and on every chart this project holds it agrees with R4B validation."""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import json
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class

import fhir_builders as fb
import resource_fuzz as rf
from fhir_mappings.build import build_case_facts
from fhir_mappings.fhir_json import iter_resources
from fhir_mappings.read_schema import DATATYPES, RESOURCES
from fhir_mappings.shape import PRIMITIVES, invalid_element
from fhir_mappings.validation import validate_resources

ROOT = Path(__file__).resolve().parent.parent
# Element names that appear in the mapping's source as something else, or are checked outside the table.
NOT_READ = {"id": "checked on every resource (shape._resource)", "active": "a status value (MedicationRequest)",
            "assessment": "a word of report text (pet_text_sentences)",
            "low": "a word stem of report text (pet_text_uptake)"}
# A value of the wrong kind for each FHIR type of the table.
WRONG = {"string": [5, "", None, ["x"]], "markdown": [5, ""], "base64Binary": [5], "code": [" final", 5, ["x"]],
         "uri": ["a b", 5], "id": ["a b", 5], "boolean": ["true", 1], "integer": ["5", True, 2 ** 31, 1.5],
         "decimal": ["5", True], "date": ["2025-02-30", "2025-1-1", 20250101],
         "dateTime": ["2025-03-05T10:00:00", "2025-13-01", 5], "instant": ["2025-03-05", 5]}
WRONG_OBJECT = [5, "x", [], None]
WRONG_ARRAY = [5, "x", {}, [None], [5]]


def _names_in_mapping() -> dict[str, set[str]]:
    elements: set[str] = set()
    for name in [*RESOURCES, *DATATYPES]:
        elements |= {f.alias for f in get_fhir_model_class(name).model_fields.values() if f.alias}
    used: dict[str, set[str]] = {}
    for path in sorted((ROOT / "fhir_mappings").glob("*.py")):
        if path.name in ("read_schema.py", "shape.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in elements:
                used.setdefault(node.value, set()).add(path.name)
    return used


def test_every_element_the_mapping_reads_is_in_the_table():
    listed = {e for spec in [*RESOURCES.values(), *DATATYPES.values()] for e in spec}
    missing = {name: sorted(files) for name, files in _names_in_mapping().items()
               if name not in listed and name not in NOT_READ}
    assert missing == {}, ("elements read by the mapping but not validated: add them to "
                           f"fhir_mappings/read_schema.py: {missing}")


def test_the_coverage_check_sees_a_new_element():
    probe = ROOT / "fhir_mappings" / "_probe_read.py"
    probe.write_text('def f(res):\n    return res.get("hasMember")\n', encoding="utf-8")
    try:
        assert "hasMember" in _names_in_mapping()
        with pytest.raises(AssertionError):
            test_every_element_the_mapping_reads_is_in_the_table()
    finally:
        probe.unlink()


def _samples() -> list[dict]:
    out = []
    for chart in rf.charts():
        out += [e["resource"] for e in chart.bundle["entry"]]
    out += [r["resource"] for r in rf.drafts()["entry"]]
    return [r for r in out if r["resourceType"] in RESOURCES]


def _spec(type_spec: str) -> tuple[str, bool]:
    name = type_spec.rstrip("!")
    return name.removesuffix("[]"), name.endswith("[]")


def _wrong_values(type_spec: str) -> list[object]:
    name, many = _spec(type_spec)
    if many:
        return WRONG_ARRAY
    return WRONG.get(name, WRONG_OBJECT) if name in PRIMITIVES else WRONG_OBJECT


def _read_paths(node: dict, spec: dict[str, str], prefix: tuple = ()):
    """(path, type) of every element of `node` the table lists, at any depth."""
    for element, type_spec in spec.items():
        if element not in node:
            continue
        yield prefix + (element,), type_spec
        name, many = _spec(type_spec)
        if name in DATATYPES:
            children = node[element] if many else [node[element]]
            for i, child in enumerate(children):
                if isinstance(child, dict):
                    yield from _read_paths(child, DATATYPES[name], prefix + ((element, i) if many else (element,)))


def _set(res: dict, path: tuple, value: object) -> dict:
    out = copy.deepcopy(res)
    node = out
    for step in path[:-1]:
        node = node[step[0]][step[1]] if isinstance(step, tuple) else node[step]
    node[path[-1]] = value
    return out


def test_a_wrong_value_in_any_element_read_makes_the_resource_invalid():
    checked = 0
    for res in _samples():
        assert invalid_element(res) is None, res
        for path, type_spec in _read_paths(res, {"id": "id", **RESOURCES[res["resourceType"]]}):
            for wrong in _wrong_values(type_spec):
                bad = _set(res, path, wrong)
                assert invalid_element(bad) is not None, (res["resourceType"], path, wrong)
                checked += 1
    assert checked > 5_000


def test_required_elements_and_choices():
    obs = fb.lab("2532-0", 300, "2025-01-02")
    assert invalid_element(obs) is None
    assert invalid_element({k: v for k, v in obs.items() if k != "status"}) == "status"
    assert invalid_element({**obs, "valueInteger": 3}) is not None  # two forms of value[x]
    assert invalid_element({**obs, "valueQuantity": {"value": 1, "unit": "U/L", "unitt": "x"}}) is not None
    assert invalid_element({**obs, "effectiveDatetime": "2025-01-02"}) == "unknown element"
    ma = fb.administrations(["2025-01-06"], {"rituximab": "121191"})[0]
    assert invalid_element({k: v for k, v in ma.items() if k != "medicationCodeableConcept"}) is not None


def test_elements_the_rules_do_not_read_are_left_alone_unless_strict():
    """`subject` is never read: rules mode keeps the resource, strict mode (R4B) skips it."""
    odd = {**fb.pet("2025-03-05", ds=4, uptake="reduced", new=False), "subject": {"reference": 5}}
    data = fb.advanced_case([odd])
    assert build_case_facts(data).skipped_resources == 0
    assert build_case_facts(data, strict=True).skipped_resources == 1
    assert validate_resources(iter_resources(data), strict=True)[1] == 1


def test_unreadable_relevance_is_counted_not_dropped():
    """A resource whose deciding element (the code of an Observation) is broken cannot be judged
    relevant or not: it is an invalid resource, counted."""
    lab = fb.lab("8867-4", 70, "2025-01-02")  # heart rate: not relevant, dropped uncounted
    assert validate_resources([lab]) == ([], 0)
    assert validate_resources([{**lab, "code": {"coding": 5}}]) == ([], 1)
    assert validate_resources([{"resourceType": ["Observation"]}, {"no": "type"}]) == ([], 2)


def _corpus() -> list[dict]:
    files = [*(ROOT / "cds_service" / "data" / "patients").glob("lbcl-*.json"),
             *(ROOT / "tests" / "vignettes").rglob("*.json"), *(ROOT / "tests" / "event_charts").glob("E*.json"),
             *(ROOT / "examples").glob("*.json")]
    out = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [r for r in iter_resources(data if isinstance(data, list | dict) else []) if
                r.get("resourceType") in RESOURCES]
    return out


def test_agrees_with_r4b_on_every_chart_of_the_project():
    corpus = _corpus()
    assert len(corpus) > 3_000
    disagree = []
    for res in corpus:
        try:
            get_fhir_model_class(res["resourceType"]).model_validate(res)
            r4b = True
        except Exception:  # noqa: BLE001 (any model error)
            r4b = False
        if (invalid_element(res) is None) != r4b:
            disagree.append((res["resourceType"], res.get("id"), invalid_element(res)))
    assert disagree == []


def test_strict_mode_through_the_hook_and_the_cli(tmp_path):
    from cds_service.app import create_app
    from cds_service.cli import main as cli_main

    odd = {**fb.pet("2025-03-05", ds=4, uptake="reduced", new=False), "subject": {"reference": 5}}
    chart = fb.bundle(fb.advanced_case([odd]))
    counts = {}
    for strict in (False, True):
        app = create_app({"auth": "off", "sqlite_path": str(tmp_path / f"s{strict}.sqlite3"),
                          "strict_validation": strict})
        resp = app.test_client().post("/cds-services/lbcl-response", json=rf.hook_body(chart, "p1"))
        counts[strict] = resp.get_json()["cards"][0]["extension"]["lbcl-cds.assessment"]["skipped_resources"]
    assert counts == {False: 0, True: 1}
    path = tmp_path / "chart.json"
    path.write_text(json.dumps(chart))
    for flag, expected in (([], 0), (["--strict"], 1)):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli_main(["evaluate", str(path), "--as-of", "2025-03-06", *flag]) == 0
        assert json.loads(out.getvalue())["skipped_resources"] == expected


def test_load_patients_refuses_a_resource_that_is_not_r4():
    from cds_service import patients

    bundle = fb.bundle([fb.patient(), {**fb.lab("2532-0", 300, "2025-01-02"), "subject": {"reference": 5}}],
                       "transaction")
    with pytest.raises(patients.LoadError, match="entry 1 \\(Observation/"):
        patients.validate_bundle(bundle)
    for p in patients.catalogue():  # every shipped chart is loadable
        patients.validate_bundle(p.bundle())
