"""INFO lines written in batches off the request path, warnings at once and in order (issue 16;
cds_service/logs.py BatchedStreamHandler), and, from a real server, a request's lines and the lines of
the last requests before a normal stop (SIGTERM)."""

from __future__ import annotations

import io
import json
import logging
import time

import fhir_builders as fb
import pytest
from live_server import LiveServer

from cds_service.logs import BatchedStreamHandler, JsonFormatter


@pytest.fixture()
def batched():
    stream = io.StringIO()
    handler = BatchedStreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("lbcl_cds.test_batched")
    log.propagate, log.level = False, logging.INFO
    log.addHandler(handler)
    yield log, handler, stream
    BatchedStreamHandler.batch(0)
    log.removeHandler(handler)


def _msgs(stream: io.StringIO) -> list[str]:
    return [json.loads(line)["msg"] for line in stream.getvalue().splitlines()]


def test_before_batch_each_line_is_written_at_once(batched):
    log, _, stream = batched
    log.info("one")
    assert _msgs(stream) == ["one"]


def test_info_lines_are_queued_and_written_by_the_thread(batched):
    log, _, stream = batched
    BatchedStreamHandler.batch(0.05)
    log.info("one", extra={"count": 1})
    log.info("two")
    assert _msgs(stream) == []  # queued: nothing written on the caller's path
    deadline = time.monotonic() + 5
    while len(_msgs(stream)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _msgs(stream) == ["one", "two"]
    assert json.loads(stream.getvalue().splitlines()[0])["count"] == 1  # formatted as before


def test_a_warning_is_written_at_once_after_what_is_queued(batched):
    log, handler, stream = batched
    BatchedStreamHandler.batch(60)  # the thread will not write during the test
    log.info("first")
    log.warning("second")
    assert _msgs(stream) == ["first", "second"]
    log.info("third")
    assert _msgs(stream) == ["first", "second"]
    handler.flush()  # what logging does at exit
    assert _msgs(stream) == ["first", "second", "third"]


def test_a_served_workers_lines_arrive_and_survive_a_normal_stop():
    with LiveServer(workers=1, env={"LBCL_CDS_LOG_FLUSH_S": "30"}) as srv:
        for n in range(3):
            res = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False, pid=f"p{n}")], pid=f"p{n}")
            body = {"hook": "patient-view", "hookInstance": f"batched-{n}", "context": {"patientId": f"p{n}"},
                    "prefetch": {"patient": res[0], "observations": fb.bundle(res[1:], "searchset")}}
            status, _, _ = srv.request("POST", "/cds-services/lbcl-response", json.dumps(body).encode(),
                                       {"Content-Type": "application/json"})
            assert status == 200
        early = srv.logs()
        srv.stop()
        late = srv.stdout_path.read_text() + srv.stderr_path.read_text()
    assert early.count('"hook served"') == 0  # queued for 30 s: not written on the request path
    assert late.count('"hook served"') == 3 and late.count('"gunicorn.access"') >= 3  # written at the stop


def test_lean_records_leave_out_only_what_no_handler_writes(monkeypatch):
    """logs.lean_records (a serving worker): no caller, thread or process in the record; the JSON line and
    the access line are unchanged."""
    import cds_service.logs as logs_module

    for name in ("_srcfile", "logThreads", "logProcesses", "logMultiprocessing"):
        monkeypatch.setattr(logging, name, getattr(logging, name))  # restored after the test
    record = logging.getLogger("lbcl_cds.x").makeRecord("lbcl_cds.x", logging.INFO, "f.py", 1, "hook served", (),
                                                        None, extra={"count": 2})
    before = JsonFormatter().format(record)
    logs_module.lean_records()
    log = logging.getLogger("lbcl_cds.x")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.propagate, log.level = False, logging.INFO
    try:
        log.info("hook served", extra={"count": 2})
    finally:
        log.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert {k: v for k, v in line.items() if k != "ts"} == {k: v for k, v in json.loads(before).items() if k != "ts"}
    captured = logging.LogRecord("x", logging.INFO, "f.py", 1, "m", (), None)
    assert captured.process is None and captured.thread is None and logging._srcfile is None
