"""Durable feedback (issue 8): concurrent feedback posts to the production server with 2 workers, one
worker killed with SIGKILL mid-load (gunicorn's master starts a new one), on SQLite and on PostgreSQL.

Clients behave like an EHR: a POST that got no answer (the connection died with the worker) is sent
again, as it is, until it is acknowledged (HTTP 200). Afterwards the store is read directly: every
acknowledged item is there exactly once per (card uuid, outcome timestamp), and nothing is there that
was never sent. Loopback only, bounded (LBCL_KILL_SECONDS, default 1.5 s of load), stops by itself.
"""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
import uuid
from collections import Counter

import orjson
import pytest

from cds_service.store.database import Database
from live_server import LiveServer
from postgres_fixture import pg_database, postgres_url  # noqa: F401 (fixtures)
from reliability_helpers import env_float, figures  # noqa: F401 (fixture)

SECONDS = env_float("LBCL_KILL_SECONDS", 1.5)
CLIENTS = 12
FEEDBACK = "/cds-services/lbcl-response/feedback"


def _items(client: int, n: int) -> list[dict]:
    ts = f"2025-03-06T10:{client % 60:02d}:{n % 60:02d}.{n:06d}Z"
    return [{"card": str(uuid.uuid4()), "outcome": "overridden", "outcomeTimestamp": ts,
             "overrideReason": {"reason": {"code": "clinical-judgement"}, "userComment": f"c{client}-{n}-{k}"}}
            for k in range(1 + n % 3)]


def _load(port: int, deadline: float, acked: list, sent: list, stats: Counter, lock: threading.Lock, cid: int):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        items = _items(cid, n)
        body = orjson.dumps({"feedback": items})
        with lock:
            sent.extend(items)
        for _attempt in range(50):  # retried as is until acknowledged
            try:
                conn.request("POST", FEEDBACK, body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException) as exc:
                stats[f"error {type(exc).__name__}"] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                time.sleep(0.02)
                continue
            stats[f"HTTP {resp.status}"] += 1
            if resp.status == 200:
                reply = orjson.loads(data)
                stats["repeated"] += reply["repeated"]
                with lock:
                    acked.extend(items)
                break
            time.sleep(0.02)
    conn.close()


def run_with_a_kill(srv: LiveServer) -> tuple[list, list, Counter, int]:
    acked: list[dict] = []
    sent: list[dict] = []
    stats: Counter = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS
    threads = [threading.Thread(target=_load, args=(srv.port, deadline, acked, sent, stats, lock, i), daemon=True)
               for i in range(CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(SECONDS / 3)
    victim = srv.workers()[0]
    os.kill(victim, signal.SIGKILL)
    for t in threads:
        t.join(SECONDS + 30)
    assert not any(t.is_alive() for t in threads)
    return acked, sent, stats, victim


def counts(db: Database) -> Counter:
    rows = db.query("SELECT card_uuid, outcome_timestamp, COUNT(*) FROM feedback GROUP BY card_uuid, outcome_timestamp")
    return Counter({(r[0], r[1]): int(r[2]) for r in rows})


def check_store(db: Database, acked: list, sent: list) -> dict:
    stored = counts(db)
    acked_keys = {(i["card"], i["outcomeTimestamp"]) for i in acked}
    sent_keys = {(i["card"], i["outcomeTimestamp"]) for i in sent}
    missing = [k for k in acked_keys if stored.get(k, 0) == 0]
    duplicated = [k for k, n in stored.items() if n > 1]
    unknown = [k for k in stored if k not in sent_keys]
    assert not missing, f"{len(missing)} acknowledged items lost, e.g. {missing[:3]}"
    assert not duplicated, f"{len(duplicated)} items stored twice, e.g. {duplicated[:3]}"
    assert not unknown, unknown[:3]
    return {"acknowledged": len(acked_keys), "rows": sum(stored.values()), "missing": len(missing),
            "duplicated": len(duplicated)}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_acknowledged_feedback_survives_a_killed_worker_exactly_once(backend, request, figures):  # noqa: F811
    env = {}
    if backend == "postgresql":
        env["LBCL_CDS_DATABASE_URL"] = request.getfixturevalue("pg_database")
    with LiveServer(workers=2, env=env) as srv:
        acked, sent, stats, victim = run_with_a_kill(srv)
        workers = srv.workers()
        assert victim not in workers and len(workers) == 2, "the master did not replace the killed worker"
        db = Database(env.get("LBCL_CDS_DATABASE_URL", ""), str(srv.dir / "store.sqlite3"))
        try:
            result = check_store(db, acked, sent)
        finally:
            db.close()
    assert result["acknowledged"] > 30 and stats["HTTP 200"] > 15, stats
    assert not any(k.startswith("HTTP 5") for k in stats), stats
    figures.record("feedback_kill", backend=backend, **result, posts_200=stats["HTTP 200"],
                   connection_errors=sum(v for k, v in stats.items() if k.startswith("error")),
                   repeated_on_retry=stats["repeated"], seconds=SECONDS)
