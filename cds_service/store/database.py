"""One small DB-API wrapper for the feedback/audit store and the JWT replay cache.

The same SQL and the same migrations run on the embedded SQLite file (default) and on PostgreSQL
(`LBCL_CDS_DATABASE_URL=postgresql://...`). SQL is written with `?` placeholders; for PostgreSQL
(psycopg 3, `format` paramstyle) they become `%s`, so statements must not contain `?` or `%` otherwise.
Every connection is in autocommit mode; `transaction()` opens an explicit one. One connection per
thread (gunicorn gthread workers), dropped and reopened once when the server went away. On PostgreSQL
connecting and every statement are bounded in time (`pg_connection`: LBCL_CDS_DB_CONNECT_TIMEOUT_S,
LBCL_CDS_DB_STATEMENT_TIMEOUT_MS), so a frozen server is a StoreUnavailable (503) within those bounds,
never a thread waiting for ever; a statement that timed out is not retried.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from cds_service.errors import CdsError, ConfigError

log = logging.getLogger("lbcl_cds.db")

# Each migration: (version, statements). Portable SQL only (runs on SQLite and PostgreSQL alike).
MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        "CREATE TABLE IF NOT EXISTS served_card ("
        " card_uuid VARCHAR(64) PRIMARY KEY, service_id VARCHAR(100) NOT NULL,"
        " hook_instance VARCHAR(200) NOT NULL, rule_ids VARCHAR(1000) NOT NULL, indicator VARCHAR(10) NOT NULL,"
        " patient_hash VARCHAR(64) NOT NULL, served_at VARCHAR(32) NOT NULL)",
        "CREATE INDEX IF NOT EXISTS served_card_hook_instance ON served_card (hook_instance)",
        "CREATE INDEX IF NOT EXISTS served_card_patient ON served_card (patient_hash)",
        "CREATE TABLE IF NOT EXISTS feedback ("
        " item_key VARCHAR(64) PRIMARY KEY, service_id VARCHAR(100) NOT NULL, card_uuid VARCHAR(200) NOT NULL,"
        " outcome VARCHAR(20) NOT NULL, accepted_suggestions TEXT, override_system VARCHAR(500),"
        " override_code VARCHAR(200), override_comment TEXT, outcome_timestamp VARCHAR(40) NOT NULL,"
        " received_at VARCHAR(32) NOT NULL)",
        "CREATE INDEX IF NOT EXISTS feedback_card ON feedback (card_uuid)",
        "CREATE TABLE IF NOT EXISTS jwt_jti ("
        " iss VARCHAR(500) NOT NULL, jti VARCHAR(255) NOT NULL, expires_at BIGINT NOT NULL,"
        " PRIMARY KEY (iss, jti))",
        "CREATE INDEX IF NOT EXISTS jwt_jti_expires ON jwt_jti (expires_at)",
    ]),
]
_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at VARCHAR(32))"
_PG_LOCK = 72_515_001  # advisory lock id: one migrator at a time across workers and replicas
MIGRATION_TIMEOUT_S = 60.0  # PostgreSQL bounds while migrating at start-up (may wait on another migrator)


class StoreUnavailable(CdsError):
    """The database cannot be reached; never shows the URL or the driver's message to a client."""

    status, code = 503, "CDS-503"

    def body(self) -> dict:
        return {"code": self.code, "message": "storage temporarily unavailable"}


def _driver_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    return tuple(errors)


def _set_wal(conn: sqlite3.Connection, attempts: int = 200, pause_s: float = 0.05) -> None:
    """`PRAGMA journal_mode = WAL`, retried while the file is locked: on a new file another worker may be
    migrating it, and this pragma can fail at once with "database is locked" without waiting for the busy
    timeout (2 gunicorn workers on a fresh SQLite file failed to boot about once in 25 starts)."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(pause_s)


class Database:
    def __init__(self, url: str = "", sqlite_path: str = "instance/lbcl-cds.sqlite3",
                 connect_timeout_s: float = 1.0, statement_timeout_ms: int = 1000):
        if url.startswith(("postgresql://", "postgres://")):
            self.dialect, self._target = "postgresql", url
        elif url.startswith("sqlite:///"):
            self.dialect, self._target = "sqlite", url[len("sqlite:///"):]
        elif not url:
            self.dialect, self._target = "sqlite", sqlite_path
        else:
            raise ConfigError("LBCL_CDS_DATABASE_URL must start with postgresql:// or sqlite:///")
        self.connect_timeout_s = connect_timeout_s  # PostgreSQL only (SQLite: a local file, busy timeout 10 s)
        self.statement_timeout_ms = statement_timeout_ms
        self._local = threading.local()
        self._errors = _driver_errors()
        self._open: list[Any] = []  # every thread's connection, so close() can close them all
        self._open_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Any) -> Database:
        return cls(settings.database_url, settings.sqlite_path, settings.db_connect_timeout_s,
                   settings.db_statement_timeout_ms)

    # -- connections ------------------------------------------------------------------------------
    def _connect(self) -> Any:
        if self.dialect == "sqlite":
            if self._target != ":memory:":
                os.makedirs(os.path.dirname(os.path.abspath(self._target)), exist_ok=True)
            conn = sqlite3.connect(self._target, timeout=10, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            _set_wal(conn)
            # WAL + NORMAL: a committed write survives a process kill (SIGKILL, crash); only an OS crash
            # or power loss may drop the last commits. Saves an fsync per hook call (issue 7).
            conn.execute("PRAGMA synchronous = NORMAL")
            return conn
        from cds_service.store import pg_connection

        return pg_connection.connect(self._target, self.connect_timeout_s, self.statement_timeout_ms)

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._connect()
            except self._errors as exc:
                log.error("database connection failed", extra={"error": type(exc).__name__})
                raise StoreUnavailable("database connection failed") from None
            self._local.conn = conn
            with self._open_lock:
                self._open.append(conn)
        return conn

    def _close(self, conn: Any) -> None:
        with self._open_lock:
            if conn in self._open:
                self._open.remove(conn)
        try:
            conn.close()
        except self._errors:
            pass

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            self._close(conn)

    def close(self) -> None:
        """Close every thread's connection (shutdown, tests)."""
        self._local.conn = None
        with self._open_lock:
            conns, self._open = self._open, []
        for conn in conns:
            try:
                conn.close()
            except self._errors:
                pass

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _run(self, sql: str, params: Sequence[Any], many: bool, fetch: bool) -> tuple[int, list[tuple]]:
        for attempt in (1, 2):
            conn = self._conn()
            try:
                cur = conn.cursor()
                try:
                    if many:
                        cur.executemany(self._sql(sql), params)
                    else:
                        cur.execute(self._sql(sql), tuple(params))
                    rows = [tuple(r) for r in cur.fetchall()] if fetch else []
                    return cur.rowcount, rows
                finally:
                    cur.close()
            except self._errors as exc:
                if self._gave_up(conn, exc):  # the server did not answer in time: never wait twice
                    self._drop()
                    log.error("database timeout", extra={"error": type(exc).__name__})
                    raise StoreUnavailable("database timeout") from None
                if self._is_integrity(exc) or getattr(self._local, "in_tx", False) or attempt == 2:
                    if not self._is_integrity(exc):
                        log.error("database error", extra={"error": type(exc).__name__})
                        raise StoreUnavailable("database error") from None
                    raise
                self._drop()  # connection lost (server restart, idle timeout): reconnect once
        raise AssertionError("unreachable")  # pragma: no cover

    def _gave_up(self, conn: Any, exc: BaseException) -> bool:
        if self.dialect != "postgresql":
            return False
        from cds_service.store import pg_connection

        return pg_connection.gave_up(conn, exc)

    @staticmethod
    def _is_integrity(exc: BaseException) -> bool:
        return type(exc).__name__ in ("IntegrityError", "UniqueViolation")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        return self._run(sql, params, many=False, fetch=False)[0]

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._run(sql, [tuple(r) for r in rows], many=True, fetch=False)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._run(sql, params, many=False, fetch=True)[1]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        conn = self._conn()
        self._local.in_tx = True
        try:
            if self.dialect == "sqlite":
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            else:
                with conn.transaction():
                    yield
        except self._errors as exc:
            self._drop()
            log.error("database transaction failed", extra={"error": type(exc).__name__})
            raise StoreUnavailable("database error") from None
        finally:
            self._local.in_tx = False

    # -- migrations -------------------------------------------------------------------------------
    @contextmanager
    def _migration_bounds(self) -> Iterator[None]:
        if self.dialect != "postgresql":
            yield
            return
        from cds_service.store import pg_connection

        with pg_connection.relaxed(self._conn(), MIGRATION_TIMEOUT_S):
            yield

    def migrate(self, now_iso: str) -> list[int]:
        """Apply the migrations not yet applied; return their versions. Safe to run from several
        workers at once (PostgreSQL advisory lock; SQLite BEGIN IMMEDIATE)."""
        applied: list[int] = []
        with self.transaction(), self._migration_bounds():
            if self.dialect == "postgresql":
                self.execute("SELECT pg_advisory_xact_lock(?)", (_PG_LOCK,))
            self.execute(_VERSION_TABLE)
            done = {row[0] for row in self.query("SELECT version FROM schema_version")}
            for version, statements in MIGRATIONS:
                if version in done:
                    continue
                for statement in statements:
                    self.execute(statement)
                self.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (version, now_iso))
                applied.append(version)
        if applied:
            log.info("database migrated", extra={"count": len(applied)})
        return applied
