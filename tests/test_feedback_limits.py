"""Feedback field limits (issue 14): what the store cannot hold is refused with a 400 before the store, with
the same body on SQLite and on a real PostgreSQL. Before, PostgreSQL failed the insert (VARCHAR overflow)
and answered 503, which an EHR retries forever, while SQLite stored anything; an extra field nested 1,000
deep made the store's item digest recurse (500)."""

from __future__ import annotations

import re

import pytest

from cds_service.app import create_app
from cds_service.protocol import (FEEDBACK_CARD_MAX, FEEDBACK_CODE_MAX, FEEDBACK_MAX_DEPTH, FEEDBACK_SYSTEM_MAX,
                                  FEEDBACK_TIMESTAMP_MAX)
from cds_service.store.database import MIGRATIONS
from postgres_fixture import pg_database, postgres_url  # noqa: F401 (fixtures)

FEEDBACK = "/cds-services/lbcl-response/feedback"
TS = "2025-03-06T10:00:00Z"


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request, tmp_path):
    if request.param == "sqlite":
        app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "database_url": ""})
    else:
        app = create_app({"auth": "off", "database_url": request.getfixturevalue("pg_database")})
    try:
        yield app.test_client()
    finally:
        app.extensions["lbcl_cds"].store.db.close()


def item(card: str = "c1", ts: str = TS, code: str = "x", system: str | None = "urn:x", **extra: object) -> dict:
    reason = {"code": code} if system is None else {"code": code, "system": system}
    return {"card": card, "outcome": "overridden", "outcomeTimestamp": ts,
            "overrideReason": {"reason": reason, "userComment": "c"}, **extra}


def timestamp(length: int) -> str:
    """A valid RFC 3339 date-time of exactly `length` characters (fractional seconds padded)."""
    base = "2025-03-06T10:00:00.Z"
    return base[:-1] + "1" * (length - len(base)) + "Z"


def column_width(table: str, column: str) -> int:
    ddl = next(s for _, statements in MIGRATIONS for s in statements
               if s.startswith(f"CREATE TABLE IF NOT EXISTS {table} "))
    return int(re.search(rf"\b{column} VARCHAR\((\d+)\)", ddl).group(1))


def test_the_limits_are_the_store_columns():
    assert FEEDBACK_CARD_MAX == column_width("feedback", "card_uuid")
    assert FEEDBACK_CODE_MAX == column_width("feedback", "override_code")
    assert FEEDBACK_SYSTEM_MAX == column_width("feedback", "override_system")
    assert FEEDBACK_TIMESTAMP_MAX == column_width("feedback", "outcome_timestamp")


OVER = {
    "card": (item(card="c" * (FEEDBACK_CARD_MAX + 1)), "feedback.0.card: String should have at most 200 characters"),
    "reason code": (item(code="k" * (FEEDBACK_CODE_MAX + 1)),
                    "feedback.0.overrideReason.reason.code: String should have at most 200 characters"),
    "reason system": (item(system="urn:" + "s" * FEEDBACK_SYSTEM_MAX),
                      "feedback.0.overrideReason.reason.system: String should have at most 500 characters"),
    "timestamp": (item(ts=timestamp(FEEDBACK_TIMESTAMP_MAX + 1)),
                  "feedback.0.outcomeTimestamp: String should have at most 40 characters"),
}


@pytest.mark.parametrize("field", list(OVER))
def test_an_over_long_field_is_the_same_400_on_both_databases(client, field):
    body, message = OVER[field]
    resp = client.post(FEEDBACK, json={"feedback": [body]})
    assert resp.status_code == 400
    assert resp.get_json() == {"code": "CDS-400", "message": "invalid request: " + message}


def test_fields_at_the_limits_are_stored_whole(client):
    """The limits are not stricter than the columns: values of exactly the maximum length are stored on
    both databases, unchanged (multi-byte characters count as one, as in PostgreSQL's VARCHAR)."""
    card = "é" * FEEDBACK_CARD_MAX
    body = item(card=card, ts=timestamp(FEEDBACK_TIMESTAMP_MAX), code="ü" * FEEDBACK_CODE_MAX,
                system="s" * FEEDBACK_SYSTEM_MAX)
    resp = client.post(FEEDBACK, json={"feedback": [body]})
    assert resp.status_code == 200 and resp.get_json() == {"stored": 1, "repeated": 0}
    db = client.application.extensions["lbcl_cds"].store.db
    rows = db.query("SELECT card_uuid, override_code, override_system, outcome_timestamp FROM feedback")
    assert rows == [(card, "ü" * FEEDBACK_CODE_MAX, "s" * FEEDBACK_SYSTEM_MAX, timestamp(FEEDBACK_TIMESTAMP_MAX))]


@pytest.mark.parametrize("system", [None, 5, ["urn:x"], {"a": 1}])
def test_a_reason_system_must_be_text_when_sent(client, system):
    body = item()
    body["overrideReason"]["reason"]["system"] = system
    resp = client.post(FEEDBACK, json={"feedback": [body]})
    assert resp.status_code == 400 and "overrideReason.reason.system" in resp.get_json()["message"]
    assert client.post(FEEDBACK, json={"feedback": [item(system=None)]}).status_code == 200  # absent: fine


def nested(kind: str, depth: int) -> bytes:
    """`depth` levels of arrays or objects, as raw JSON (json.dumps itself would recurse)."""
    if kind == "array":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


@pytest.mark.parametrize("kind", ["array", "object"])
def test_an_extra_field_nested_1000_deep_is_400_not_500(client, kind):
    raw = (b'{"feedback":[{"card":"c1","outcome":"overridden","outcomeTimestamp":"' + TS.encode() +
           b'","extension":' + nested(kind, 1000) + b"}]}")
    resp = client.post(FEEDBACK, data=raw, content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json() == {"code": "CDS-400",
                               "message": f"feedback.0: nested deeper than {FEEDBACK_MAX_DEPTH} levels"}


def test_nesting_up_to_the_limit_is_stored(client):
    # the item itself is level 1, so its extension may nest FEEDBACK_MAX_DEPTH - 1 levels
    raw = (b'{"feedback":[{"card":"c1","outcome":"overridden","outcomeTimestamp":"' + TS.encode() +
           b'","extension":' + nested("object", FEEDBACK_MAX_DEPTH - 1) + b"}]}")
    resp = client.post(FEEDBACK, data=raw, content_type="application/json")
    assert resp.status_code == 200 and resp.get_json()["stored"] == 1
    raw = raw.replace(b'"extension":', b'"extension":{"a":', 1).replace(b"}]}", b"}}]}")
    assert client.post(FEEDBACK, data=raw, content_type="application/json").status_code == 400
