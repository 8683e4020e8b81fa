"""Store timeouts (issue 14): a frozen PostgreSQL (its processes SIGSTOPped, not stopped: the kernel still
completes TCP handshakes and takes our bytes, nothing answers) gives 503 in under 2 s on /readyz and on
every call that needs the store, never a thread waiting for ever; a hook whose only store use is its audit
record still answers its cards. After SIGCONT the same worker serves normally again.

The frozen server is a cluster of this module's own (postgres_fixture.own_cluster), on 127.0.0.1; its
processes are found by the postmaster's PID and always continued (SIGCONT) before the test ends.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

import hostile_cases as hc
import jwt_helpers as jh
from cds_service.config import Settings
from cds_service.errors import ConfigError
from cds_service.store.database import Database, StoreUnavailable
from live_server import LiveServer
from postgres_fixture import own_cluster, pg_database, postgres_url  # noqa: F401 (fixtures)

BUDGET_S = 2.0  # the promise: a frozen database is a 503 within this
SERVICE = "/cds-services/lbcl-response"


SAFETY_S = 90  # a detached watchdog continues the frozen processes after this even if pytest is killed


@contextmanager
def frozen(cluster) -> Iterator[None]:
    """SIGSTOP the postmaster (no new backends from here on), then every process it started; SIGCONT all
    of them on the way out, whatever happened (and, should this process be killed, a detached watchdog
    does it after SAFETY_S)."""
    root = cluster.postmaster_pid()
    stopped: list[int] = []
    watchdog = None
    try:
        os.kill(root, signal.SIGSTOP)
        stopped.append(root)
        for pid in cluster.server_pids()[1:]:
            try:
                os.kill(pid, signal.SIGSTOP)
                stopped.append(pid)
            except ProcessLookupError:
                pass
        watchdog = subprocess.Popen(["sh", "-c", f"sleep {SAFETY_S}; kill -CONT {' '.join(map(str, stopped))}"],
                                    start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.1)
        yield
    finally:
        for pid in reversed(stopped):
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        if watchdog is not None:
            os.killpg(watchdog.pid, signal.SIGKILL)
            watchdog.wait(timeout=10)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.monotonic()
    try:
        result: object = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 (the outcome is what is checked)
        result = exc
    return time.monotonic() - started, result


def wait_until(check, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_the_settings_are_read_and_checked():
    s = Settings.from_env({"LBCL_CDS_DB_CONNECT_TIMEOUT_S": "0.5", "LBCL_CDS_DB_STATEMENT_TIMEOUT_MS": "750"})
    assert (s.db_connect_timeout_s, s.db_statement_timeout_ms) == (0.5, 750)
    db = Database.from_settings(s)
    assert (db.connect_timeout_s, db.statement_timeout_ms) == (0.5, 750)
    for env in ({"LBCL_CDS_DB_CONNECT_TIMEOUT_S": "0"}, {"LBCL_CDS_DB_CONNECT_TIMEOUT_S": "61"},
                {"LBCL_CDS_DB_STATEMENT_TIMEOUT_MS": "0"}, {"LBCL_CDS_DB_STATEMENT_TIMEOUT_MS": "x"}):
        with pytest.raises(ConfigError):
            Settings.from_env(env)


def test_connecting_to_a_server_that_never_answers_is_bounded():
    """A listening socket that never accepts: the kernel completes the handshake, nothing answers the
    startup packet (what a frozen server looks like). libpq's own connect_timeout is whole seconds, at
    least 2; ours gives up after LBCL_CDS_DB_CONNECT_TIMEOUT_S."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        db = Database(f"postgresql://nobody@127.0.0.1:{port}/none?sslmode=disable", connect_timeout_s=0.3)
        for _ in range(2):
            elapsed, result = timed(db.query, "SELECT 1")
            assert isinstance(result, StoreUnavailable) and 0.25 < elapsed < 1.0, (elapsed, result)


def test_a_slow_statement_is_stopped_by_the_server_and_not_retried(pg_database):  # noqa: F811
    """A live server running a statement past LBCL_CDS_DB_STATEMENT_TIMEOUT_MS cancels it (its own
    statement_timeout): StoreUnavailable once, not a second wait on a new connection."""
    db = Database(pg_database, statement_timeout_ms=300)
    try:
        assert db.query("SHOW statement_timeout") == [("300ms",)]
        elapsed, result = timed(db.query, "SELECT pg_sleep(3)")
        assert isinstance(result, StoreUnavailable) and 0.25 < elapsed < 0.9, (elapsed, result)
        assert db.query("SELECT 1") == [(1,)]
    finally:
        db.close()


def test_migrations_may_wait_longer_than_a_statement(pg_database):  # noqa: F811
    """At start-up a worker may wait on another's migration lock: the migration's bounds are longer
    (60 s), so a lock held 1.5 s does not fail a boot configured with 300 ms statements."""
    from cds_service.store.database import _PG_LOCK

    holder = psycopg.connect(pg_database, autocommit=True)
    try:
        holder.execute("SELECT pg_advisory_lock(%s)", (_PG_LOCK,))
        threading.Timer(1.5, lambda: holder.execute("SELECT pg_advisory_unlock(%s)", (_PG_LOCK,))).start()
        db = Database(pg_database, statement_timeout_ms=300)
        try:
            elapsed, result = timed(db.migrate, "2025-01-01T00:00:00Z")
            assert result == [1] and elapsed >= 1.2, (elapsed, result)
            assert db.query("SHOW statement_timeout") == [("300ms",)]  # SET LOCAL: back to the normal bound
        finally:
            db.close()
    finally:
        time.sleep(0.1)
        holder.close()


def test_a_frozen_server_is_store_unavailable_within_the_bounds(own_cluster):  # noqa: F811
    db = Database(own_cluster.url)
    try:
        assert db.query("SELECT 1") == [(1,)]  # this thread's connection is open
        with frozen(own_cluster):
            elapsed, result = timed(db.query, "SELECT 1")  # a statement on the open connection
            assert isinstance(result, StoreUnavailable) and elapsed < BUDGET_S, (elapsed, result)
            elapsed, result = timed(db.query, "SELECT 1")  # a new connection: the handshake gets no answer
            assert isinstance(result, StoreUnavailable) and elapsed < BUDGET_S, (elapsed, result)
            elapsed, result = timed(db.execute, "INSERT INTO jwt_jti (iss, jti, expires_at) VALUES (?, ?, ?)",
                                    ("i", "j", 1))
            assert isinstance(result, StoreUnavailable) and elapsed < BUDGET_S, (elapsed, result)
        assert wait_until(lambda: not isinstance(timed(db.query, "SELECT 1")[1], Exception))
    finally:
        db.close()


def _concurrently(srv: LiveServer, calls: list[tuple[str, str, bytes | None, dict]]) -> list[tuple]:
    """Each call on its own connection at once: (status, body, seconds), in order."""
    out: list[tuple] = [None] * len(calls)

    def one(i: int, method: str, path: str, body: bytes | None, headers: dict) -> None:
        started = time.monotonic()
        try:
            status, _, data = srv.request(method, path, body, headers, timeout=30)
        except OSError as exc:
            status, data = 0, type(exc).__name__.encode()
        out[i] = (status, data, time.monotonic() - started)

    threads = [threading.Thread(target=one, args=(i, *c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return out


def test_the_production_server_answers_503_in_time_and_recovers(own_cluster, tmp_path):  # noqa: F811
    """gunicorn (1 worker x 4 threads) on the frozen server, JWT mode: /readyz, the hook (its JWT replay
    check writes to the store) and feedback answer 503 in under 2 s, round after round (open connections
    first, then new ones); the threads are free meanwhile (/healthz at once); after SIGCONT the same
    worker answers 200 again."""
    keys = jh.Keys()
    env = {"LBCL_CDS_AUTH": "jwt", "LBCL_CDS_TRUSTED_ISSUERS": str(jh.write_trust(tmp_path, keys)),
           "LBCL_CDS_PUBLIC_BASE_URL": jh.BASE, "LBCL_CDS_DATABASE_URL": own_cluster.url}
    hook = json.dumps(hc.hook()).encode()
    feedback = json.dumps({"feedback": [{"card": "c1", "outcome": "overridden",
                                         "outcomeTimestamp": "2025-03-06T10:00:00Z"}]}).encode()

    def calls() -> list[tuple]:
        return [("GET", "/readyz", None, {}),
                ("POST", SERVICE, hook, jh.bearer(jh.ehr_token(keys, jh.BASE + SERVICE))),
                ("POST", SERVICE + "/feedback", feedback,
                 jh.bearer(jh.ehr_token(keys, jh.BASE + SERVICE + "/feedback"))),
                ("POST", SERVICE, hook, jh.bearer(jh.ehr_token(keys, jh.BASE + SERVICE)))]

    with LiveServer(workers=1, threads=4, env=env) as srv:
        [pid] = srv.workers()
        warm = _concurrently(srv, calls())  # every thread opens its connection
        assert [r[0] for r in warm] == [200, 200, 200, 200], warm
        with frozen(own_cluster):
            for _ in range(3):
                answers = _concurrently(srv, calls())
                for status, body, seconds in answers:
                    assert status == 503 and seconds < BUDGET_S, (status, body, seconds)
                assert json.loads(answers[0][1]) == {"status": "unavailable", "database": "unreachable"}
                assert json.loads(answers[1][1]) == {"code": "CDS-503", "message": "storage temporarily unavailable"}
                free = _concurrently(srv, [("GET", "/healthz", None, {})] * 4)
                assert all(s == 200 and t < 0.5 for s, _, t in free), free
        assert wait_until(lambda: srv.request("GET", "/readyz")[0] == 200)
        assert [r[0] for r in _concurrently(srv, calls())] == [200, 200, 200, 200]
        assert srv.workers() == [pid], "the worker was restarted"
        logs = srv.logs()
    assert '"msg": "database timeout"' in logs and '"msg": "database connection failed"' in logs


def test_a_hook_whose_only_store_use_is_its_audit_still_answers(own_cluster, tmp_path):  # noqa: F811
    """Development profile (no JWT, so no replay check): the frozen store only loses the audit record
    ("audit record failed" logged); the cards come back in under 2 s."""
    env = {"LBCL_CDS_DATABASE_URL": own_cluster.url}
    hook = json.dumps(hc.hook()).encode()
    with LiveServer(workers=1, threads=2, env=env) as srv:
        assert srv.request("POST", SERVICE, hook)[0] == 200
        with frozen(own_cluster):
            for _ in range(2):
                answers = _concurrently(srv, [("POST", SERVICE, hook, {})] * 2)
                for status, body, seconds in answers:
                    assert status == 200 and json.loads(body)["cards"] and seconds < BUDGET_S, (status, seconds)
            # the audit rows are written off the request path (store/audit_queue.py): give the writer one
            # flush interval plus its statement timeout to meet the frozen server
            deadline = time.monotonic() + 5.0
            while '"msg": "audit record failed"' not in srv.logs() and time.monotonic() < deadline:
                time.sleep(0.2)
        logs = srv.logs()
    assert '"msg": "audit record failed"' in logs


def test_no_process_of_the_cluster_is_left_stopped(own_cluster):  # noqa: F811
    for pid in own_cluster.server_pids():
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        assert state != "T", f"process {pid} is still stopped"
