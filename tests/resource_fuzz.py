"""Fuzzing inside resources (issue 14): hypothesis strategies that take a valid shipped chart
(cds_service/data/patients/*.json, plus a few resource shapes the charts lack) and break fields inside
its resources, and the way one mutated chart is sent through the hook and the CLI.

A mutation picks one resource of the chart (or the Bundle around it) and changes one to three of its
nodes: any element present at any depth, or any R4 element of the resource's type that is absent. The
new value is a type swap, null, a list for a scalar or a scalar for a list, a huge value, a deeply
nested value, or unicode. tests/test_fuzz_resources.py states what must come back.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
PATIENTS = ROOT / "cds_service" / "data" / "patients"
PREFETCH_OF = {"Patient": "patient", "Condition": "conditions", "Observation": "observations",
               "MedicationAdministration": "medicationAdministrations", "Procedure": "procedures",
               "DiagnosticReport": "diagnosticReports"}
EXTRA_KEY = "others"  # resources of other types: an extra prefetch key (the service uses its data too)


@dataclass(frozen=True)
class Chart:
    patient_id: str
    as_of: str
    bundle: dict  # never mutated: copied before every change


def _extras(pid: str, day: str) -> list[dict]:
    """Shapes the shipped charts do not hold, so their fields are fuzzed too: a PET report as a
    DocumentReference, a Medication (by reference and contained), a CAR-T MedicationRequest."""
    subject = {"reference": f"Patient/{pid}"}
    rx = "http://www.nlm.nih.gov/research/umls/rxnorm"
    return [
        {"resourceType": "DocumentReference", "id": "fz-doc", "status": "current", "subject": subject, "date": f"{day}T09:00:00Z",
         "type": {"coding": [{"system": "http://loinc.org", "code": "44139-4", "display": "PET whole body"}]},
         "description": "PET-CT report",
         "content": [{"attachment": {"contentType": "text/plain", "data": "RGVhdXZpbGxlIDIsIGNvbXBsZXRlIG1ldGFib2xpYyByZXNwb25zZS4="}}]},
        {"resourceType": "Medication", "id": "fz-med", "code": {"coding": [{"system": rx, "code": "121191", "display": "rituximab"}]}},
        {"resourceType": "MedicationAdministration", "id": "fz-ma-ref", "status": "completed", "subject": subject,
         "effectiveDateTime": day, "medicationReference": {"reference": "Medication/fz-med"}},
        {"resourceType": "MedicationAdministration", "id": "fz-ma-contained", "status": "completed", "subject": subject,
         "effectiveDateTime": day, "medicationReference": {"reference": "#m1"},
         "contained": [{"resourceType": "Medication", "id": "m1", "code": {"text": "cyclophosphamide"}}]},
        {"resourceType": "MedicationRequest", "id": "fz-mr", "status": "draft", "intent": "proposal", "subject": subject,
         "authoredOn": day, "medicationCodeableConcept": {"text": "axicabtagene ciloleucel"}},
    ]


@functools.cache
def charts() -> tuple[Chart, ...]:
    index = json.loads((PATIENTS / "index.json").read_text(encoding="utf-8"))
    out = []
    for p in index["patients"]:
        bundle = json.loads((PATIENTS / p["file"]).read_text(encoding="utf-8"))
        day = min(e["resource"].get("effectiveDateTime", "9999")[:10] for e in bundle["entry"])
        bundle["entry"] += [{"resource": r} for r in _extras(p["patient_id"], day if day != "9999" else "2024-01-01")]
        out.append(Chart(p["patient_id"], p["as_of"], bundle))
    return tuple(out)


@functools.cache
def elements(resource_type: str) -> tuple[str, ...]:
    """Every R4 element name of a resource type (fhir.resources R4B), for the "absent element" mutations."""
    from fhir.resources.R4B import get_fhir_model_class

    try:
        fields = get_fhir_model_class(resource_type).model_fields.values()
    except (KeyError, ValueError):
        return ()
    return tuple(sorted(f.alias for f in fields if f.alias and f.alias != "fhir_comments"))


# -- values -------------------------------------------------------------------------------------------

def _nested(depth: int, kind: str) -> object:
    value: object = "deep"
    for _ in range(depth):
        value = [value] if kind == "list" else {"coding": value} if kind == "coding" else {"a": value}
    return value


UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)  # no lone surrogates: not JSON text
SPECIAL_TEXT = ["", " ", "x", "5", "-1", "true", "null", "final", "2025-02-30", "2025-13-01", "0000-00-00",
                "T", "2025-03-05T25:00:00Z", "\x00", "\u202e\u0635", "e\u0301", "\ufeff", "\U0001f4a5" * 30,
                "\u2028\u2029", "Deauville 5 \u00e9\u00e8 \u4e2d\u6587", "#", "#nothing", "Medication/",
                "Patient/../../x", "a" * 300]
SCALARS = [None, True, False, 0, -1, 1, 5, 7, 2 ** 31, -(2 ** 31) - 1, 2 ** 63 - 1, -(2 ** 63), 1.5, -0.0, 1e308,
           -1e308, 5e-324, 18446744073709551615]
CONTAINERS = [[], [None], [1], [""], [[]], [{}], {}, {"a": 1}, {"coding": 5}, {"coding": [5]},
              {"coding": [{"code": 5}]}, {"coding": [{"system": ["x"], "code": "1"}]}, {"text": 5},
              {"reference": 5}, {"reference": ["Medication/x"]}, {"value": "5"}, {"start": 5},
              {"resourceType": "Observation"}, {"resourceType": 5}, {"extension": 5}]
HUGE = ["A" * 100_000, "\u00e9" * 40_000, list(range(5_000)), [{"code": {"text": "x"}} for _ in range(1_000)],
        {f"k{i}": i for i in range(2_000)}]

VALUES = st.one_of(
    st.sampled_from(SCALARS + CONTAINERS),
    st.sampled_from(SPECIAL_TEXT),
    UNICODE,
    st.sampled_from(HUGE),
    st.builds(_nested, st.integers(20, 300), st.sampled_from(["list", "dict", "coding"])),
)


# -- paths --------------------------------------------------------------------------------------------

def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every node under `node` (dict keys and list indexes at any depth), as paths from it."""
    out: list[tuple] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        out.append(prefix + (key,))
        out += paths(child, prefix + (key,))
    return out


def _parent(root: object, path: tuple) -> object:
    node = root
    for key in path[:-1]:
        node = node[key]
    return node


def fresh(value: object) -> object:
    """A private copy sharing nothing (the value tables are shared, and a list of one dict repeated would
    stay one dict under copy.deepcopy)."""
    return json.loads(json.dumps(value))


def apply(root: object, path: tuple, op: str, value: object) -> None:
    """Change the node at `path` inside `root` in place (`root` is already a private copy)."""
    parent = _parent(root, path)
    key = path[-1]
    if op == "delete":
        del parent[key]
    elif op == "wrap":
        parent[key] = [parent[key]]
    elif op == "unwrap":
        current = parent[key]
        parent[key] = current[0] if isinstance(current, list) and current else current
    else:
        parent[key] = fresh(value)


class Example:
    """One mutated chart (a plain class: hypothesis prints its short repr, not its 100 kB of fields)."""

    def __init__(self, chart: Chart, bundle: dict, index: int | None, changes: list[str]):
        self.chart = chart
        self.bundle = bundle  # the mutated chart
        self.index = index  # the entry whose resource was changed (None: the Bundle itself)
        self.changes = changes

    def _repr_pretty_(self, printer, cycle) -> None:  # hypothesis's pretty printer
        printer.text(repr(self))

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        return f"Example({self.chart.patient_id}, entry {self.index}, {self.changes})"


def mutate(draw, bundle: dict) -> tuple[int | None, list[str]]:
    """Break one resource of `bundle` (1 to 3 changes), or, one time in 20, the Bundle around them; return
    (the entry changed, or None for the Bundle, and the changes in words)."""
    entries = bundle["entry"]
    if draw(st.integers(0, 19)) == 0:
        target = draw(st.sampled_from(["entry", "entry[i]", "entry[i].resource", "type", "link"]))
        value = fresh(draw(VALUES))
        i = draw(st.integers(0, len(entries) - 1))
        if target == "entry":
            bundle["entry"] = value
        elif target == "entry[i]":
            entries[i] = value
        elif target == "entry[i].resource":
            entries[i]["resource"] = value
        else:
            bundle[target] = value
        return None, [f"Bundle.{target.replace('[i]', f'[{i}]')} = {_short(value)}"]
    index = draw(st.integers(0, len(entries) - 1))
    resource = entries[index]["resource"]
    rt = str(resource.get("resourceType"))
    changes: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        if not isinstance(resource, dict):
            break
        present = [p for p in paths(resource) if p != ("resourceType",) or draw(st.integers(0, 9)) == 0]
        absent = [(name,) for name in elements(rt) if name not in resource]
        if absent and (not present or draw(st.booleans())):
            path, op = draw(st.sampled_from(absent)), "set"
        else:
            path = draw(st.sampled_from(present))
            op = draw(st.sampled_from(["set", "set", "set", "delete", "wrap", "unwrap"]))
        value = draw(VALUES) if op == "set" else None
        try:
            apply(resource, path, op, value)
        except (KeyError, IndexError, TypeError):  # an earlier change removed or replaced the path
            continue
        changes.append(f"{rt}.{'.'.join(map(str, path))} {op} {_short(value) if op == 'set' else ''}".rstrip())
    return index, changes


@st.composite
def examples(draw) -> Example:
    """A shipped chart with one resource (or its Bundle) broken."""
    chart = draw(st.sampled_from(charts()))
    bundle = copy.deepcopy(chart.bundle)
    index, changes = mutate(draw, bundle)
    return Example(chart, bundle, index, changes)


def drafts() -> dict:
    """Draft orders the order hooks check (each kind they recognise), as a collection Bundle."""
    rx, cpt = "http://www.nlm.nih.gov/research/umls/rxnorm", "http://www.ama-assn.org/go/cpt"
    subject = {"reference": "Patient/x"}
    orders = [
        {"resourceType": "MedicationRequest", "id": "d-rtx", "status": "draft", "intent": "order", "subject": subject,
         "medicationCodeableConcept": {"coding": [{"system": rx, "code": "121191", "display": "rituximab"}]}},
        {"resourceType": "MedicationRequest", "id": "d-cyc", "status": "draft", "intent": "order", "subject": subject,
         "medicationReference": {"reference": "#c1"},
         "contained": [{"resourceType": "Medication", "id": "c1", "code": {"text": "cyclophosphamide"}}]},
        {"resourceType": "Medication", "id": "d-carbo", "code": {"coding": [{"system": rx, "code": "40048"}]}},
        {"resourceType": "MedicationRequest", "id": "d-ref", "status": "draft", "intent": "order", "subject": subject,
         "medicationReference": {"reference": "Medication/d-carbo"}},
        {"resourceType": "MedicationRequest", "id": "d-tisa", "status": "draft", "intent": "order", "subject": subject,
         "medicationCodeableConcept": {"text": "tisagenlecleucel"}},
        {"resourceType": "ServiceRequest", "id": "d-asct", "status": "draft", "intent": "order", "subject": subject,
         "code": {"coding": [{"system": cpt, "code": "38241"}], "text": "Autologous stem cell transplant"}},
        {"resourceType": "Procedure", "id": "d-beam", "status": "preparation", "subject": subject,
         "code": {"text": "BEAM conditioning"}},
    ]
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in orders]}


SELECTIONS = ["MedicationRequest/d-rtx", "MedicationRequest/d-ref", "ServiceRequest/d-asct"]


@st.composite
def order_examples(draw) -> tuple[Example, str]:
    """A shipped chart (intact) with broken draft orders, for order-sign or order-select."""
    chart = draw(st.sampled_from(charts()))
    orders = drafts()
    index, changes = mutate(draw, orders)
    return Example(chart, orders, index, changes), draw(st.sampled_from(["order-sign", "order-select"]))


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}... ({len(text)} chars)"


# -- the same chart as a hook request -----------------------------------------------------------------

def hook_body(bundle: dict, patient_id: str, hook: str = "patient-view") -> dict:
    """The chart as an EHR prefetches it: the Patient as a resource, the rest as searchset Bundles of
    the entries as they are (a broken entry stays broken); `Bundle.entry` broken breaks every key."""
    entries = bundle.get("entry") if isinstance(bundle, dict) else None
    prefetch: dict[str, object] = {}
    if not isinstance(entries, list):
        for key in PREFETCH_OF.values():
            prefetch[key] = {"resourceType": "Bundle", "type": "searchset", "entry": entries}
    else:
        groups: dict[str, list] = {}
        for e in entries:
            res = e.get("resource") if isinstance(e, dict) else None
            rt = res.get("resourceType") if isinstance(res, dict) else None
            key = PREFETCH_OF.get(rt) if isinstance(rt, str) else None
            if key == "patient" and "patient" not in prefetch and isinstance(res, dict):
                prefetch["patient"] = res
                continue
            groups.setdefault(key or EXTRA_KEY, []).append(e)
        for key in [*PREFETCH_OF.values(), EXTRA_KEY]:
            if key != "patient" or "patient" not in prefetch:
                prefetch[key] = {"resourceType": "Bundle", "type": "searchset", "entry": groups.get(key, [])}
    return {"hook": hook, "hookInstance": "fuzz-resources", "context": {"patientId": patient_id,
                                                                      "userId": "Practitioner/fuzz"},
            "prefetch": prefetch}


def order_body(chart: Chart, orders: dict, hook: str) -> dict:
    body = hook_body(chart.bundle, chart.patient_id, hook)
    body["context"]["draftOrders"] = orders
    if hook == "order-select":
        body["context"]["selections"] = SELECTIONS
    return body


def dumps(obj: object) -> bytes:
    """JSON bytes; the standard library's encoder, which nests deeper than orjson's (255 levels)."""
    return json.dumps(obj, ensure_ascii=False).encode()


def without(bundle: dict, index: int) -> dict:
    out = dict(bundle)
    out["entry"] = [e for i, e in enumerate(bundle["entry"]) if i != index]
    return out
