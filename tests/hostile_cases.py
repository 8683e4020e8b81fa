"""Hand-written hostile requests (issue 8, "Bad input"), built once and sent both in-process
(tests/test_hostile_input.py) and to the production server (one gunicorn worker, which must survive
them all). Each case: a name, a method and path, raw body bytes, headers, and what must come back:
a 4xx in `statuses`, or a 200 whose Assessment `check` accepts ("a correct card")."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

import fhir_builders as fb

SERVICE = "/cds-services/lbcl-response"
FEEDBACK = SERVICE + "/feedback"
JSON = {"Content-Type": "application/json"}
KEYS = ("patient", "conditions", "observations", "medicationAdministrations", "procedures", "diagnosticReports")
WRONG_VALUES = [None, True, 0, -1, 1.5, "", "x", [], {}, [1], {"a": 1}]


@dataclass
class Case:
    name: str
    body: bytes
    statuses: tuple[int, ...] = (400,)
    check: Callable[[dict], bool] | None = None  # on the Assessment of a 200
    path: str = SERVICE
    method: str = "POST"
    headers: dict = field(default_factory=lambda: dict(JSON))


def resources(ds: object = 4, pid: str = "p1") -> list[dict]:
    pet = fb.pet("2025-03-05", ds=4, uptake="reduced", new=False, pid=pid)
    for comp in pet.get("component") or []:
        if "valueInteger" in comp:
            comp["valueInteger"] = ds
    return fb.advanced_case([pet], pid=pid)


def hook(res: list[dict] | None = None, **top: object) -> dict:
    res = res if res is not None else resources()
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
            "context": {"patientId": "p1", "userId": "Practitioner/1"},
            "prefetch": {"patient": res[0], "observations": fb.bundle(res[1:], "searchset"),
                         "medicationAdministrations": None, "conditions": None, "procedures": None,
                         "diagnosticReports": None}}
    body.update(top)
    return body


def dumps(obj: object) -> bytes:
    return orjson.dumps(obj)


def category(a: dict) -> str | None:
    return (a.get("latest_response") or {}).get("category")


def pmr(a: dict) -> bool:  # the baseline request's answer: interim PMR, responding
    return category(a) == "PMR"


def not_scored(a: dict) -> bool:  # an invalid score is never used: no response category from it
    return category(a) in (None, "INDETERMINATE") and (a.get("latest_response") or {}).get("deauville") is None


def any_card(a: dict) -> bool:
    return isinstance(a.get("flags"), list)


def _set(body: dict, path: str, value: object) -> dict:
    out = copy.deepcopy(body)
    node = out
    parts = path.split(".")
    for p in parts[:-1]:
        node = node[p]
    node[parts[-1]] = value
    return out


def bad_bytes() -> list[Case]:
    valid = dumps(hook())
    return [
        Case("invalid UTF-8 in a string", b'{"hook": "patient-view\xff\xfe", "hookInstance": "x"}'),
        Case("invalid UTF-8 inside a valid request", valid.replace(b'"p1"', b'"p\xc3\x281"', 1)),
        Case("lone surrogate escape", valid.replace(b'"Practitioner/1"', b'"\\ud800"', 1), (200, 400), any_card),
        Case("truncated JSON", valid[: len(valid) // 2]),
        Case("empty body", b""),
        Case("NaN literal", valid.replace(b'"hookInstance"', b'"x": NaN, "hookInstance"', 1)),
        Case("JSON array", b"[1, 2, 3]"),
        Case("JSON string", b'"patient-view"'),
        Case("deep array nesting (100k)", b"[" * 100_000 + b"]" * 100_000),
        Case("deep object nesting (10k)", b'{"a":' * 10_000 + b"1" + b"}" * 10_000),
        Case("deep nesting in context (500)", valid.replace(
            b'"context":{', b'"context":{"deep":' + b'{"a":' * 500 + b"1" + b"}" * 500 + b",", 1), (200,), pmr),
        Case("extension nested 500 deep in a resource", _deep_extension(500), (200,), any_card),
        Case("XML body", b"<Bundle/>", (415,), headers={"Content-Type": "application/xml"}),
        Case("no Content-Type", valid, (415,), headers={}),
        Case("body over the cap", b'{"hook": "' + b"x" * (5 * 1024 * 1024 + 10) + b'"}', (413,)),
    ]


def _deep_extension(depth: int) -> bytes:
    res = resources()
    obs = dumps(res[1])
    ext = b'{"url":"http://x.org/e","extension":[' * depth + b'{"url":"http://x.org/e","valueString":"v"}' + \
        b"]}" * depth
    raw = dumps(hook(res))
    return raw.replace(obs, obs[:-1] + b',"extension":[' + ext + b"]}", 1)


def huge() -> list[Case]:
    base = hook()
    many_entries = copy.deepcopy(base)
    many_entries["prefetch"]["observations"]["entry"] += [{}] * 200_000
    bare = copy.deepcopy(base)
    bare["prefetch"]["observations"]["entry"] += [{"resource": {"resourceType": "Observation"}}] * 20_000
    pets = [fb.pet(f"2025-0{1 + i % 3}-{1 + i % 28:02d}", ds=1 + i % 5, uptake="reduced", new=False)
            for i in range(3000)]
    thousands = hook(fb.advanced_case(pets))
    return [
        Case("Bundle with 200,000 empty entries", dumps(many_entries), (200,), pmr),
        Case("Bundle with 20,000 bare Observations", dumps(bare), (200,), pmr),
        Case("Bundle with 3,000 PET Observations", dumps(thousands), (200,), any_card),
        Case("4 MB hookInstance", dumps(hook(hookInstance="h" * 4_000_000)), (200,), pmr),
        Case("100,000 selections (order-select)", dumps({
            "hook": "order-select", "hookInstance": "h", "context": {
                "patientId": "p1", "selections": ["MedicationRequest/x"] * 100_000,
                "draftOrders": fb.bundle([])}, "prefetch": base["prefetch"]}), (200,), any_card,
            path="/cds-services/lbcl-order-select"),
        Case("201 feedback items", dumps({"feedback": [
            {"card": f"c{i}", "outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:00:00Z"}
            for i in range(201)]}), path=FEEDBACK),
    ]


HOOK_FIELDS = {"hook": str, "hookInstance": str, "fhirServer": (str, type(None)),
               "fhirAuthorization": (dict, type(None)), "context": dict, "context.patientId": str,
               "context.userId": object, "prefetch": (dict, type(None)),
               **{f"prefetch.{k}": (dict, type(None)) for k in KEYS}}
AUTH_FIELDS = {"access_token": str, "token_type": str, "scope": (str, type(None)), "subject": (str, type(None)),
               "expires_in": (int, type(None))}
FEEDBACK_FIELDS = {"card": str, "outcome": str, "outcomeTimestamp": str, "overrideReason": (dict, type(None)),
                   "overrideReason.reason": (dict, type(None)), "overrideReason.reason.code": str,
                   "overrideReason.userComment": (str, type(None)), "acceptedSuggestions": (list, type(None))}


def _same_type(value: object, kind: object) -> bool:
    if kind is object:
        return True
    if isinstance(value, bool):  # JSON true is no integer
        return kind is bool or (isinstance(kind, tuple) and bool in kind)
    return isinstance(value, kind)


def wrong_types() -> list[Case]:
    """Every field of a hook request, of fhirAuthorization and of a feedback item, with every JSON type:
    a wrong type is a 400; a value of the right type (empty, odd) is a 400 or a card, never a 5xx."""
    base = hook()
    out: list[Case] = []
    for path, kind in HOOK_FIELDS.items():
        for value in WRONG_VALUES:
            right = _same_type(value, kind)
            out.append(Case(f"{path} = {value!r}", dumps(_set(base, path, value)),
                            (200, 400, 412) if right else (400,), any_card if right else None))
    auth = _set(base, "fhirServer", "https://ehr.example.org/fhir")
    auth["fhirAuthorization"] = {"access_token": "t", "token_type": "Bearer", "expires_in": 300}
    for name, kind in AUTH_FIELDS.items():
        for value in WRONG_VALUES:
            right = _same_type(value, kind) or name == "expires_in"  # unused; pydantic takes 1, 1.0, true
            out.append(Case(f"fhirAuthorization.{name} = {value!r}",
                            dumps(_set(auth, f"fhirAuthorization.{name}", value)),
                            (200, 400, 412) if right else (400,), any_card if right else None))
    item = {"card": "c1", "outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:00:00Z",
            "overrideReason": {"reason": {"code": "x", "system": "urn:x"}, "userComment": "c"}}
    for name, kind in FEEDBACK_FIELDS.items():
        for value in WRONG_VALUES:
            right = _same_type(value, kind)
            out.append(Case(f"feedback {name} = {value!r}", dumps({"feedback": [_set(item, name, value)]}),
                            (200, 400) if right else (400,), path=FEEDBACK))
    return out


def wrong_resources() -> list[Case]:
    """A FHIR resource of the wrong type (or a broken Bundle) in each prefetch key: ignored, never used."""
    res = resources()
    wrong = {"Medication": {"resourceType": "Medication", "id": "m1"}, "Condition": res[1],
             "Observation": res[-1], "Patient": res[0], "empty Bundle": {"resourceType": "Bundle"},
             "Bundle entry not a list": {"resourceType": "Bundle", "entry": "x"},
             "Bundle of junk entries": {"resourceType": "Bundle", "entry": [1, None, {"resource": 5},
                                                                             {"resource": {"resourceType": 3}}]},
             "empty resourceType": {"resourceType": ""}, "unknown resourceType": {"resourceType": "Spaceship"}}
    out = []
    for key in KEYS:
        for label, value in wrong.items():
            body = hook(res)
            body["prefetch"][key] = copy.deepcopy(value)
            still_pmr = key != "observations"  # the PET is in `observations`: without it, no category
            out.append(Case(f"prefetch.{key} = {label}", dumps(body), (200,), pmr if still_pmr else any_card))
    return out


def bad_values() -> list[Case]:
    out = [Case(f"Deauville {ds!r}", dumps(hook(resources(ds))), (200,), not_scored)
           for ds in (-1, 0, 6, 99, 10**12, True, "4")]
    out.append(Case("Deauville 4.5", dumps(hook(resources(4.5))), (200,), not_scored))  # resource skipped
    for day in ("2024-02-30", "2024-13-01", "2023-02-29", "0000-01-01", "2024", "garbage", "2024-02-29T25:00:00Z"):
        res = resources()
        res[0]["birthDate"] = day
        for r in res[1:]:
            if r.get("resourceType") == "Observation" and "effectiveDateTime" in r and r is not res[-1]:
                r["effectiveDateTime"] = day
        out.append(Case(f"dates {day}", dumps(hook(res)), (200,), any_card))
    for size in (-3, 0, 1e9, 1e308):
        res = resources()
        res.append({"resourceType": "Observation", "id": "ts1", "status": "final",
                    "subject": {"reference": "Patient/p1"}, "code": {"coding": [
                        {"system": "http://loinc.org", "code": "21889-1"}]}, "effectiveDateTime": "2024-12-20",
                    "component": [{"code": {"coding": [{"system": "http://loinc.org", "code": "33728-7"}]},
                                   "valueQuantity": {"value": size, "unit": "cm"}}]})
        out.append(Case(f"tumour size {size!r} cm", dumps(hook(res)), (200,), pmr))
    for n in (-5, True, 10**9):
        res = resources()
        res.append(fb.tier2("planned-1l-cycles", "2024-12-28", valueInteger=n))
        out.append(Case(f"planned cycles {n!r}", dumps(hook(res)), (200,), pmr))
    return out


def feedback_values() -> list[Case]:
    """Values the store would choke on (PostgreSQL text holds no NUL; a Coding's system must be text)."""
    item = {"card": "c1", "outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:00:00Z",
            "overrideReason": {"reason": {"code": "x", "system": "urn:x"}, "userComment": "c"}}
    out = [Case(f"feedback NUL in {name}", dumps({"feedback": [_set(item, name, "a\x00b")]}), path=FEEDBACK)
           for name in ("card", "overrideReason.reason.code", "overrideReason.reason.system",
                        "overrideReason.userComment")]
    out += [Case(f"feedback reason.system = {value!r}", dumps({"feedback": [
        _set(item, "overrideReason.reason.system", value)]}), path=FEEDBACK) for value in (["urn:x"], 5, {"a": 1})]
    accepted = {"card": "c1", "outcome": "accepted", "outcomeTimestamp": "2025-03-06T10:00:00Z",
                "acceptedSuggestions": [{"id": "s\x001"}]}
    out.append(Case("feedback NUL in a suggestion id", dumps({"feedback": [accepted]}), path=FEEDBACK))
    return out


def all_cases() -> list[Case]:
    return bad_bytes() + huge() + wrong_types() + wrong_resources() + bad_values() + feedback_values()
