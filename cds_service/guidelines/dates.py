"""Date arithmetic of clinical-logic.md §0: calendar-month addition clamped to month end."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(d: date, n: int) -> date:
    """`add_months(D, N)`: Jan 31 + 1 month = Feb 28/29 [I] clinical-logic.md §0."""
    month0 = d.month - 1 + n
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def whole_months_between(start: date, end: date) -> int:
    """Completed calendar months from start to end (add_months(start, m) <= end)."""
    m = (end.year - start.year) * 12 + (end.month - start.month)
    while m > 0 and add_months(start, m) > end:
        m -= 1
    while add_months(start, m + 1) <= end:
        m += 1
    return m


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
