"""The fast validator (issue 16): checks a resource against what the rules read (read_schema.py), in a
few microseconds where fhir.resources R4B model validation takes about 80 (the cold request's main cost).

Strict where it checks: exact JSON types and FHIR formats (primitives.py), required elements, one form
per choice element, no element unknown to R4 (element names and choices from the fhir.resources R4B
models, read once at import). It never raises: any JSON value goes in, valid or not comes out. Elements
the rules do not read are not looked at. The checks are generated from the table (shape_compile.py).
"""

from __future__ import annotations

from .primitives import PRIMITIVES
from .shape_compile import build

RESOURCE_CHECKS, DATATYPE_CHECKS = build()


def invalid_element(res: dict) -> str | None:
    """None when the resource is valid for the rules, else the first element that is not (a name of the
    table, never a value). A type the rules do not read is never valid here (`unread type`)."""
    rt = res.get("resourceType")
    check = RESOURCE_CHECKS.get(rt) if isinstance(rt, str) else None
    return check(res) if check is not None else "unread type"


def valid(name: str, value: object) -> bool:
    """One value as a primitive or a datatype of read_schema (`valid("CodeableConcept", res.get("code"))`)."""
    check = PRIMITIVES.get(name) or DATATYPE_CHECKS[name]
    return check(value)
