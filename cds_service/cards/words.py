"""Small word helpers for card text: dates as ages, summaries cut at a word boundary, months."""

from __future__ import annotations

from datetime import date

from cds_service.protocol import SUMMARY_MAX


def ago(day: date, today: date) -> str:
    """'today', '3 days ago', '5 weeks ago', '21 months ago'."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''} ago"
    if days < 90:
        return f"{days // 7} weeks ago"
    months = round(days / 30.44)
    return f"{months} months ago" if months < 24 else f"{days / 365.25:.1f} years ago"


def weeks_after(later: date, earlier: date) -> str:
    days = (later - earlier).days
    return f"{days} days" if days < 14 else f"{days // 7} weeks"


def fit(text: str, limit: int = SUMMARY_MAX) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis, never mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."
