"""Served-card audit rows are written off the request path, in batches (issue 16; store/audit_queue.py):
the hook call writes nothing to the database, the writer thread does within its interval, a process
reading the audit table sees what it served, a normal exit (gunicorn's SIGTERM) writes what is queued,
and a failed write never fails the hook."""

from __future__ import annotations

import sqlite3
import time

import fhir_builders as fb
from cds_service.app import create_app
from cds_service.store.database import StoreUnavailable
from live_server import LiveServer

SERVICE = "/cds-services/lbcl-response"


def hook_body(pid: str = "p1") -> dict:
    res = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)], pid=pid)
    return {"hook": "patient-view", "hookInstance": "audit-q", "context": {"patientId": pid},
            "prefetch": {"patient": res[0], "observations": fb.bundle(res[1:], "searchset")}}


def _rows(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM served_card").fetchone()[0]


def test_the_hook_call_writes_nothing_and_the_writer_writes_within_its_interval(tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite3"
    app = create_app({"auth": "off", "sqlite_path": str(path), "audit_flush_s": 0.3})
    store = app.extensions["lbcl_cds"].store
    writes = []
    real = store.db.executemany
    monkeypatch.setattr(store.db, "executemany", lambda sql, rows: (writes.append(len(rows)), real(sql, rows)))
    cards = app.test_client().post(SERVICE, json=hook_body()).get_json()["cards"]
    assert cards and writes == [] and _rows(path) == 0
    deadline = time.monotonic() + 5
    while _rows(path) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _rows(path) == len(cards) and writes == [len(cards)]
    store.close()


def test_a_reader_in_the_process_sees_what_was_served(tmp_path):
    app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "audit_flush_s": 60})
    card = app.test_client().post(SERVICE, json=hook_body()).get_json()["cards"][0]
    assert app.extensions["lbcl_cds"].store.served_card(card["uuid"])["hook_instance"] == "audit-q"


def test_a_failed_write_is_logged_never_a_failed_hook(tmp_path, monkeypatch, caplog):
    app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "audit_flush_s": 0})

    def down(rows):
        raise StoreUnavailable("database error")

    monkeypatch.setattr(app.extensions["lbcl_cds"].store.audit, "_write", down)
    assert app.test_client().post(SERVICE, json=hook_body()).status_code == 200
    assert "audit record failed" in caplog.text


def test_a_worker_stopped_by_sigterm_writes_what_is_queued():
    """A long interval, so only the exit can write the rows: every card served is in the table after a
    graceful stop of two workers."""
    import json

    with LiveServer(workers=2, env={"LBCL_CDS_AUDIT_FLUSH_S": "3600"}) as server:
        served = 0
        for i in range(20):
            status, _, body = server.request("POST", SERVICE, json.dumps(hook_body(f"p{i}")).encode())
            assert status == 200
            served += len(json.loads(body)["cards"])
        assert _rows(server.dir / "store.sqlite3") == 0
        server.stop()
        assert server.proc.returncode == 0
        assert _rows(server.dir / "store.sqlite3") == served
