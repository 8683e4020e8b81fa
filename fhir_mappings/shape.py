"""The fast validator (issue 16): checks a resource against what the rules read (read_schema.py), in a
few microseconds where fhir.resources R4B model validation takes about 80 (the cold request's main cost).

Strict where it checks: exact JSON types (a number is no string, `true` is no integer, null is no value),
the FHIR formats of code, id, uri, date, dateTime and instant (with calendar dates: no 30 February),
32-bit integers, finite decimals, required elements, one form per choice element, no element unknown to
R4 (element names and choices from the fhir.resources R4B models, read once). It never raises: any JSON
value goes in, valid or not comes out. Elements the rules do not read are not looked at.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date

from .read_schema import DATATYPES, RESOURCES

Check = Callable[[object], bool]

_YEAR = r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
_TIME = r"T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
_DATE_RE = re.compile(_YEAR + r"(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?")
_DATETIME_RE = re.compile(_YEAR + r"(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(" + _TIME + ")?)?)?")
_INSTANT_RE = re.compile(_YEAR + r"-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])" + _TIME)
_CODE_RE = re.compile(r"[^\s]+(\s[^\s]+)*")
_ID_RE = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_URI_RE = re.compile(r"\S+")
_INT32 = (-(2 ** 31), 2 ** 31 - 1)


def _calendar(value: str) -> bool:
    """A full date part must exist on the calendar (the patterns allow 2025-02-30)."""
    if len(value) < 10:
        return True
    try:
        date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return False
    return True


def _pattern(pattern: re.Pattern, calendar: bool = False) -> Check:
    match = pattern.fullmatch

    def check(value: object) -> bool:
        return isinstance(value, str) and match(value) is not None and (not calendar or _calendar(value))

    return check


def _string(value: object) -> bool:
    return isinstance(value, str) and value != ""  # FHIR JSON: a string is never empty


def _boolean(value: object) -> bool:
    return value is True or value is False


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and _INT32[0] <= value <= _INT32[1]


def _decimal(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


PRIMITIVES: dict[str, Check] = {
    "string": _string, "markdown": _string, "base64Binary": _string, "boolean": _boolean, "integer": _integer,
    "decimal": _decimal, "code": _pattern(_CODE_RE), "id": _pattern(_ID_RE), "uri": _pattern(_URI_RE),
    "date": _pattern(_DATE_RE, calendar=True), "dateTime": _pattern(_DATETIME_RE, calendar=True),
    "instant": _pattern(_INSTANT_RE, calendar=True),
}


def _model_fields(name: str) -> dict:
    from fhir.resources.R4B import get_fhir_model_class

    return get_fhir_model_class(name).model_fields


def _choices(name: str, read: set[str]) -> list[tuple[frozenset[str], bool]]:
    """The choice elements ([x]) of an R4 type that the rules read: (its forms, required)."""
    groups: dict[str, tuple[set[str], bool]] = {}
    for field in _model_fields(name).values():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        prefix = extra.get("one_of_many")
        if prefix:
            forms, required = groups.setdefault(prefix, (set(), extra.get("one_of_many_required") is True))
            forms.add(field.alias)
    return [(frozenset(forms), required) for forms, required in groups.values() if forms & read]


class _Compiler:
    def __init__(self) -> None:
        self.objects: dict[str, Check] = {}

    def element(self, spec: str) -> tuple[Check, bool]:
        """`Type`, `Type[]` or `Type!` -> (check, required)."""
        required = spec.endswith("!")
        name = spec.rstrip("!")
        many = name.endswith("[]")
        name = name.removesuffix("[]")
        check = PRIMITIVES.get(name) or (self.contained if name == "Resource" else self.object(name))
        return (_array(check) if many else check), required

    def object(self, name: str) -> Check:
        if name not in self.objects:
            self.objects[name] = _object(name, DATATYPES[name], self)
        return self.objects[name]

    def contained(self, value: object) -> bool:
        """A contained resource: checked as its type when the rules read that type."""
        if not isinstance(value, dict) or not isinstance(value.get("resourceType"), str):
            return False
        check = RESOURCE_CHECKS.get(value["resourceType"])
        return check(value) is None if check else _ID(value.get("id", "x"))


def _array(item: Check) -> Check:
    def check(value: object) -> bool:
        if not isinstance(value, list):
            return False
        for x in value:
            if not item(x):
                return False
        return True

    return check


def _fields(name: str, spec: dict[str, str], compiler: _Compiler, extra: dict[str, str] | None = None):
    """(element -> check, required elements, every R4 element name, the choices read)."""
    fields, required = {}, []
    for element, type_spec in {**spec, **(extra or {})}.items():
        fields[element], needed = compiler.element(type_spec)
        if needed:
            required.append(element)
    known = frozenset(f.alias for f in _model_fields(name).values() if f.alias) | ({"resourceType"} if extra else set())
    return fields, tuple(required), known, _choices(name, set(fields))


def _object(name: str, spec: dict[str, str], compiler: _Compiler) -> Check:
    fields, required, known, choices = _fields(name, spec, compiler)

    def check(value: object) -> bool:
        if not isinstance(value, dict) or not value.keys() <= known:
            return False
        for element in required:
            if element not in value:
                return False
        for element, v in value.items():
            f = fields.get(element)
            if f is not None and not f(v):
                return False
        for forms, needed in choices:
            n = len(value.keys() & forms)
            if n > 1 or (needed and n == 0):
                return False
        return True

    return check


def _resource(name: str, spec: dict[str, str], compiler: _Compiler) -> Callable[[dict], str | None]:
    fields, required, known, choices = _fields(name, spec, compiler, {"id": "id"})

    def check(res: dict) -> str | None:
        """None when valid, else the element that is not (a name only: never a value)."""
        for element in required:
            if element not in res:
                return element
        for element, v in res.items():
            f = fields.get(element)
            if f is not None and not f(v):
                return element
            if f is None and element not in known:
                return "unknown element"
        for forms, needed in choices:
            n = len(res.keys() & forms)
            if n > 1 or (needed and n == 0):
                return min(forms)
        return None

    return check


_ID = PRIMITIVES["id"]
RESOURCE_CHECKS: dict[str, Callable[[dict], str | None]] = {}
_COMPILER = _Compiler()
RESOURCE_CHECKS.update({name: _resource(name, spec, _COMPILER) for name, spec in RESOURCES.items()})


def invalid_element(res: dict) -> str | None:
    """None when the resource is valid for the rules, else the first element that is not. A type the
    rules do not read is never valid here (`unread type`)."""
    rt = res.get("resourceType")
    check = RESOURCE_CHECKS.get(rt) if isinstance(rt, str) else None
    return check(res) if check is not None else "unread type"


def valid(name: str, value: object) -> bool:
    """One value as a datatype of read_schema (e.g. `valid("CodeableConcept", res.get("code"))`)."""
    check = PRIMITIVES.get(name) or _COMPILER.object(name)
    return check(value)
