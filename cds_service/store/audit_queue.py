"""Served-card audit rows written off the request path, in batches (issue 16).

A hook call used to write its audit rows itself: one SQLite write transaction per request, inside the
database's single write lock, shared by every worker of the host (about 0.4 ms, and the workers queued
for it). Now the call only queues its rows; one writer thread per process writes what is queued every
`LBCL_CDS_AUDIT_FLUSH_S` seconds (or at once past `BATCH_ROWS` rows) in one transaction.

Durable on shutdown: the queue is written out when the process exits normally (a gunicorn worker on
SIGTERM, a graceful restart, `flush()` at close) and before this process reads the audit table. A killed
process (SIGKILL, OOM) loses at most the rows of the last interval; feedback, which an EHR is told was
stored, is still written on its request path (records.py). A failed write is logged and dropped, never
turned into a failed hook call, as before; the queue is bounded (`MAX_ROWS`, the oldest dropped first).
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence

from cds_service.store.database import StoreUnavailable

log = logging.getLogger("lbcl_cds.store")
BATCH_ROWS = 500
MAX_ROWS = 50_000


class AuditQueue:
    def __init__(self, write: Callable[[Sequence[tuple]], None], interval_s: float):
        self._write = write  # writes rows in one statement (records.Store.write_served)
        self.interval_s = interval_s
        self._rows: deque[tuple] = deque(maxlen=MAX_ROWS)
        self._wake = threading.Event()
        self._write_lock = threading.Lock()  # one batch at a time (writer thread, flush, exit)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._closed = False
        self._at_exit = False

    def put(self, rows: list[tuple]) -> None:
        if self.interval_s <= 0:  # LBCL_CDS_AUDIT_FLUSH_S=0: written on the request path, as before
            self._write_now(rows)
            return
        if len(self._rows) + len(rows) > MAX_ROWS:
            log.error("audit queue full: oldest rows dropped", extra={"count": len(rows)})
        self._rows.extend(rows)
        self._ensure_thread()
        if len(self._rows) >= BATCH_ROWS:
            self._wake.set()

    def start(self) -> None:
        """Start the writer thread now (a worker's warm-up), not with the first request."""
        if self.interval_s > 0:
            self._ensure_thread()

    def flush(self) -> int:
        """Write every queued row now; return how many were written."""
        with self._write_lock:
            batch = []
            while self._rows:
                batch.append(self._rows.popleft())
            return self._write_now(batch)

    def close(self) -> None:
        self._closed = True
        self._wake.set()
        self.flush()

    def _write_now(self, rows: list[tuple]) -> int:
        if not rows:
            return 0
        try:
            self._write(rows)
        except StoreUnavailable:
            log.error("audit record failed", extra={"count": len(rows)})
            return 0
        return len(rows)

    def _ensure_thread(self) -> None:
        # Started on first use, in the process that serves (a gunicorn worker after its fork).
        if self._thread is not None and self._thread.is_alive():
            return
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
                self._thread.start()
                if not self._at_exit:
                    atexit.register(self.flush)  # a worker's normal exit (SIGTERM) writes what is queued
                    self._at_exit = True

    def _run(self) -> None:
        while not self._closed:
            self._wake.wait(self.interval_s)
            self._wake.clear()
            try:
                self.flush()
            except Exception as exc:  # noqa: BLE001 (the writer must outlive any one batch)
                log.error("audit writer error", extra={"error": type(exc).__name__})
