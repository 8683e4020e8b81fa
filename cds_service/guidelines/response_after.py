"""Responses after second-line therapy: to salvage (the last post-salvage scan) and after CAR-T (the
scans at about day 30 and day 90 after the infusion) [S §5][I]; LYRIC applies after CAR-T (§1.6)."""

from __future__ import annotations

from datetime import date, timedelta

from .course_reads import ScanRead

CART_RESPONSE_DAYS = (30, 90)  # response assessments after CAR-T infusion [S §5][I]
CART_WINDOW_DAYS = 14  # a scan within 14 days of day 30 / day 90 counts as that assessment [I]


def salvage_response(reads: list[ScanRead]) -> tuple[str | None, ScanRead | None]:
    post = [r for r in reads if r.scan.timepoint == "post_salvage" and r.response]
    if not post:
        return None, None
    return post[-1].response, post[-1]


def after_car_t(reads: list[ScanRead], infusion: date) -> tuple[str | None, tuple[int, date] | None]:
    """(latest response after the infusion, (day, date) of the next assessment due or None)."""
    reads = [r for r in reads if r.scan.date > infusion and r.response]
    resp = reads[-1].response if reads else None
    if resp in ("PD",):
        return resp, None  # progression after CAR-T: the question is no longer the day-90 scan
    for day in CART_RESPONSE_DAYS:
        target = infusion + timedelta(days=day)
        done = any(r.scan.date >= target - timedelta(days=CART_WINDOW_DAYS) for r in reads)
        if not done:
            return resp, (day, target)
    return resp, None
