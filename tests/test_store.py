"""The feedback/audit store and the JWT replay cache, on SQLite and on a real PostgreSQL server:
same code, same migrations."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from cds_service.store.database import Database, StoreUnavailable
from cds_service.protocol import Card, Source
from cds_service.protocol import rule_ids
from cds_service.store.records import Store
from postgres_fixture import pg_database, postgres_url  # noqa: F401 (fixtures)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "store.sqlite3")
    return request.getfixturevalue("pg_database")


@pytest.fixture()
def store(db_url):
    s = Store(Database(db_url), patient_hash_key="test-key")
    s.migrate()
    yield s
    s.db.close()


def card(detail: str = "- **NA1**: continue R-CHOP\n\n(rule P7, Deauville 4)", indicator: str = "info") -> Card:
    return Card(summary="s", detail=detail, indicator=indicator, source=Source(label="x"))


def test_migrations_are_recorded_and_idempotent(store, db_url):
    assert store.migrate() == []
    other = Store(Database(db_url))
    assert other.migrate() == []
    assert store.db.query("SELECT version FROM schema_version") == [(1,)]
    other.db.close()


def test_concurrent_first_migration_from_several_workers(db_url):
    errors: list[BaseException] = []
    applied: list[list[int]] = []

    def worker():
        s = Store(Database(db_url))
        try:
            applied.append(s.migrate())
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            s.db.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(applied) == [[], [], [], [1]]


def test_served_cards_keep_rule_ids_and_only_a_keyed_patient_hash(store):
    cards = [card(), card("- **T1**: CAR-T\n- **T11**: avoid chemo-only", "critical")]
    assert store.record_cards("lbcl-response", "hook-1", cards, "patient-123") == 2
    row = store.served_card(cards[1].uuid)
    assert row["rule_ids"] == ["T1", "T11"] and row["indicator"] == "critical"
    assert row["hook_instance"] == "hook-1" and row["service_id"] == "lbcl-response"
    assert row["patient_hash"] == store.patient_hash("patient-123") != "patient-123"
    assert store.served_card(cards[0].uuid)["rule_ids"] == ["NA1", "P7"]
    assert Store(store.db, "other-key").patient_hash("patient-123") != row["patient_hash"]
    assert store.record_cards("lbcl-response", "hook-1", cards, "patient-123") == 2  # no error on repeat


def test_rule_ids_prefer_the_explicit_extension():
    assert rule_ids({"detail": "**NA1** and **B2**", "extension": {"lbcl-cds.rules": ["T4"]}}) == ["T4"]
    assert rule_ids({"detail": "**NA4b**: biopsy; see **NA4**"}) == ["NA4b", "NA4"]


def test_feedback_is_idempotent_and_joins_the_served_card(store):
    c = card()
    store.record_cards("lbcl-response", "hook-1", [c], "p1")
    item = {"card": c.uuid, "outcome": "accepted", "acceptedSuggestions": [{"id": "s1"}],
            "outcomeTimestamp": "2025-03-06T10:00:00Z"}
    override = {"card": c.uuid, "outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:01:00Z",
                "overrideReason": {"reason": {"code": "clinical-judgement", "system": "urn:x"}, "userComment": "ok"}}
    assert store.record_feedback("lbcl-response", [item]) == (1, 0)
    assert store.record_feedback("lbcl-response", [item, override]) == (1, 1)
    rows = store.feedback_for(c.uuid)
    assert [r["outcome"] for r in rows] == ["accepted", "overridden"]
    assert rows[0]["accepted_suggestions"] == '["s1"]' and rows[1]["override_code"] == "clinical-judgement"
    assert rows[0]["rule_ids"] == "NA1,P7"


def test_feedback_for_an_unknown_card_is_kept(store):
    item = {"card": "not-served-here", "outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:00:00Z"}
    assert store.record_feedback("lbcl-response", [item]) == (1, 0)
    assert store.feedback_for("not-served-here")[0]["rule_ids"] is None


def test_jti_insert_or_fail_per_issuer(store):
    exp = int(time.time()) + 300
    assert store.claim_jti("https://a", "j1", exp) is True
    assert store.claim_jti("https://a", "j1", exp) is False
    assert store.claim_jti("https://b", "j1", exp) is True


def test_expired_jtis_are_purged(store):
    now = int(time.time())
    store.claim_jti("https://a", "old", now - 10)
    store.claim_jti("https://a", "live", now + 300)
    assert store.purge_expired(now) == 1
    assert store.claim_jti("https://a", "old", now + 300) is True
    assert store.claim_jti("https://a", "live", now + 300) is False


def test_a_jti_is_claimed_exactly_once_under_concurrency(db_url):
    stores = [Store(Database(db_url)) for _ in range(6)]  # like the workers of one deployment
    stores[0].migrate()
    results: list[bool] = []
    barrier = threading.Barrier(len(stores))

    def worker(s: Store) -> None:
        barrier.wait()
        results.append(s.claim_jti("https://ehr", "same-jti", int(time.time()) + 300))

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.db.close()
    assert sorted(results) == [False] * 5 + [True]


def test_unreachable_postgres_is_store_unavailable():
    db = Database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
    with pytest.raises(StoreUnavailable) as info:
        db.query("SELECT 1")
    assert info.value.status == 503 and "127.0.0.1" not in str(info.value.body())


def test_lost_connection_is_reopened_once(store, monkeypatch):
    store.db.query("SELECT 1")
    conn = store.db._local.conn
    conn.close()  # the server went away between two requests
    assert store.db.query("SELECT 1") == [(1,)]


def test_bad_database_url_is_a_config_error():
    from cds_service.errors import ConfigError

    with pytest.raises(ConfigError):
        Database("mysql://x")


def test_sqlite_file_errors_are_store_unavailable(tmp_path):
    (tmp_path / "dir").mkdir()
    db = Database("sqlite:///" + str(tmp_path / "dir"))  # a folder, not a file
    with pytest.raises(StoreUnavailable):
        db.query("SELECT 1")
    assert isinstance(sqlite3.sqlite_version, str)
