"""FHIR primitive types as the fast validator checks them (shape.py): exact JSON types (a number is no
string, `true` is no integer, null is no value), the formats of code, id, uri, date, dateTime and instant
(FHIR R4's regular expressions, with calendar dates: no 30 February), 32-bit integers, finite decimals,
no empty string. A string once found valid is remembered (bounded): codes, systems and dates recur in
every chart."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date

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


_KNOWN_MAX = 8192  # strings already found valid, per format (codes, systems, dates recur in every chart)


def _pattern(pattern: re.Pattern, calendar: bool = False, remember: bool = True) -> Check:
    match = pattern.fullmatch
    known: set[str] = set()

    def check(value: object) -> bool:
        if value.__class__ is str and value in known:
            return True
        if not isinstance(value, str) or match(value) is None or (calendar and not _calendar(value)):
            return False
        if remember:
            if len(known) >= _KNOWN_MAX:
                known.clear()
            known.add(value)
        return True

    if remember:
        check.known = known  # type: ignore[attr-defined]  # the generated checks look here first
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
    "decimal": _decimal, "code": _pattern(_CODE_RE), "uri": _pattern(_URI_RE),
    "id": _pattern(_ID_RE, remember=False),  # ids are unique: not worth remembering
    "date": _pattern(_DATE_RE, calendar=True), "dateTime": _pattern(_DATETIME_RE, calendar=True),
    "instant": _pattern(_INSTANT_RE, calendar=True),
}
