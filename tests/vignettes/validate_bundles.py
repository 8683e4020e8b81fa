"""Validate the vignette Bundles and expected.json.

Checks, per Bundle file (V*.json in this folder):
- it is a `collection` Bundle; every entry has a fullUrl (`urn:uuid:` or `Type/id`) and a resource;
- every entry resource parses with fhir.resources.R4B, one resource at a time (as the service does);
- resource ids are unique, the Patient id is the vignette id in lower case, every `Type/id` reference
  inside the Bundle resolves to an entry of the Bundle;
and for expected.json:
- every entry names an existing Bundle and its Patient; no dated event in the Bundle is on or after
  `as_of`, and the last event is the day before `as_of`;
- `expect` keys are known Assessment paths or list keys with list values.

Run:  .venv/bin/python tests/vignettes/validate_bundles.py      (exit status 1 on any problem)
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from fhir.resources.R4B import get_fhir_model_class

HERE = Path(__file__).resolve().parent
FULLURL = re.compile(r"^(urn:uuid:[0-9a-f-]{36}|[A-Z][A-Za-z]+/[A-Za-z0-9\-.]{1,64})$")
LIST_KEYS = {"rules_present", "rules_absent", "flags_present", "flags_absent", "missing_present"}
PATH_ROOTS = {"latest_response", "pathway", "labels", "scores"}
DATE_KEYS = ("effectiveDateTime", "performedDateTime", "onsetDateTime", "recordedDate", "authoredOn")


def refs(obj):
    """Yield every `reference` string in a resource."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "reference" and isinstance(v, str):
                yield v
            else:
                yield from refs(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from refs(v)


def event_dates(res: dict):
    for k in DATE_KEYS:
        if k in res:
            yield date.fromisoformat(res[k][:10])
    if "performedPeriod" in res:
        for k in ("start", "end"):
            if k in res["performedPeriod"]:
                yield date.fromisoformat(res["performedPeriod"][k][:10])
    if "issued" in res:
        yield date.fromisoformat(res["issued"][:10])


def check_bundle(path: Path) -> tuple[list[str], dict]:
    errors: list[str] = []
    bundle = json.loads(path.read_text())
    info = {"patient": None, "dates": [], "types": {}}
    if bundle.get("resourceType") != "Bundle" or bundle.get("type") != "collection":
        errors.append("not a collection Bundle")
    seen: set[str] = set()
    entries = bundle.get("entry", [])
    for i, entry in enumerate(entries):
        full = entry.get("fullUrl", "")
        res = entry.get("resource")
        if not FULLURL.match(full):
            errors.append(f"entry {i}: bad fullUrl {full!r}")
        if not isinstance(res, dict):
            errors.append(f"entry {i}: no resource")
            continue
        rt = res.get("resourceType")
        try:
            get_fhir_model_class(rt).model_validate(res)
        except Exception as exc:  # noqa: BLE001 - report every failure, keep going
            errors.append(f"entry {i} {rt}/{res.get('id')}: {str(exc).splitlines()[0]} ...\n{exc}")
        key = f"{rt}/{res.get('id')}"
        if key in seen:
            errors.append(f"duplicate {key}")
        seen.add(key)
        info["types"][rt] = info["types"].get(rt, 0) + 1
        if rt == "Patient":
            info["patient"] = res.get("id")
        info["dates"].extend(event_dates(res))
    for entry in entries:
        for r in refs(entry.get("resource", {})):
            if r not in seen:
                errors.append(f"{entry['resource']['resourceType']}/{entry['resource'].get('id')}: "
                              f"unresolved reference {r}")
    if info["patient"] != path.stem.lower():
        errors.append(f"Patient id {info['patient']!r} != {path.stem.lower()!r}")
    return errors, info


def main() -> int:
    failures = 0
    infos = {}
    files = sorted(p for p in HERE.glob("V*.json"))
    for path in files:
        errors, info = check_bundle(path)
        infos[path.name] = info
        n = sum(info["types"].values())
        if errors:
            failures += 1
            print(f"FAIL {path.name}: {len(errors)} problem(s)")
            for e in errors:
                print("   ", e)
        else:
            print(f"ok   {path.name}: {n} resources parse with fhir.resources.R4B "
                  f"({', '.join(f'{k} {v}' for k, v in sorted(info['types'].items()))})")

    expected = json.loads((HERE / "expected.json").read_text())
    for vid, entry in expected.items():
        problems = []
        if vid == "V24_ct":
            if "nodes" not in entry or "spleens" not in entry:
                problems.append("V24_ct lacks nodes/spleens")
        else:
            bname = entry.get("bundle")
            if bname not in infos:
                problems.append(f"bundle {bname} missing")
            else:
                info = infos[bname]
                if info["patient"] != vid.lower():
                    problems.append(f"patient {info['patient']} != {vid.lower()}")
                as_of = date.fromisoformat(entry["as_of"])
                late = [d for d in info["dates"] if d >= as_of]
                if late:
                    problems.append(f"events on/after as_of {as_of}: {sorted(set(map(str, late)))}")
                if info["dates"] and max(info["dates"]) != as_of - timedelta(days=1):
                    problems.append(f"last event {max(info['dates'])} is not the day before as_of {as_of}")
            for k, v in entry.get("expect", {}).items():
                if k in LIST_KEYS:
                    if not isinstance(v, list):
                        problems.append(f"{k} must be a list")
                elif k.split(".")[0] not in PATH_ROOTS:
                    problems.append(f"unknown expect key {k}")
            for k in ("rules_present", "flags_present"):
                absent = {"rules_present": "rules_absent", "flags_present": "flags_absent"}[k]
                both = set(entry["expect"].get(k, [])) & set(entry["expect"].get(absent, []))
                if both:
                    problems.append(f"{sorted(both)} both present and absent")
        if problems:
            failures += 1
            print(f"FAIL expected.json {vid}: " + "; ".join(problems))
    print(f"\n{len(files)} bundles, {len(expected)} expectation entries, "
          f"{'all valid' if not failures else f'{failures} failing'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
