"""Several workers opening one new SQLite file at once all boot (issue 14, found by the container test:
2 gunicorn workers on a fresh store failed to boot about once in 25 starts, "database is locked" from
`PRAGMA journal_mode = WAL` while the other worker migrated). 60 rounds of two processes that connect
and migrate the same new file at the same moment; every one must succeed. Bounded: 120 short processes."""

from __future__ import annotations

import multiprocessing

from cds_service.store.database import Database

ROUNDS = 60


def _boot(path: str, barrier, results) -> None:
    barrier.wait(timeout=30)
    try:
        db = Database(sqlite_path=path)
        db.migrate("2026-01-01T00:00:00Z")
        db.query("SELECT version FROM schema_version")
        db.close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 (the test reports what failed)
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_workers_open_a_new_sqlite_file_together(tmp_path):
    ctx = multiprocessing.get_context("fork")
    outcomes: dict[str, int] = {}
    for n in range(ROUNDS):
        path = str(tmp_path / f"store-{n}.sqlite3")
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_boot, args=(path, barrier, results)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=60)
        for _ in procs:
            r = results.get(timeout=10)
            outcomes[r] = outcomes.get(r, 0) + 1
    assert outcomes == {"ok": 2 * ROUNDS}, outcomes
