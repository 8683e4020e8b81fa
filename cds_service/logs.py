"""JSON log lines for operators: ids, counts, durations; never PHI, tokens or JWTs (style.md 7).
Field values are cut and stripped (`redact.clean`) and every handler carries `redact.RedactingFilter`.

In a serving worker, INFO and DEBUG lines (the "hook served" line and gunicorn's access line: one each per
request) are written in batches, off the request path (`BatchedStreamHandler`, issue 16): writing a line
at once cost a cold hook call 0.1-0.3 ms (the formatting, the scrubbing and a write to the stream, each
slow after a request's memory traffic); queuing it costs a few microseconds.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
import weakref
from collections import deque

from .redact import RedactingFilter, clean

_SAFE_EXTRAS = ("hook_instance", "service", "status", "duration_ms", "cards", "outcomes", "resource_type",
                "error", "resources", "skipped", "path", "method", "iss", "jti", "reason", "count", "key", "origin")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
               "logger": record.name, "msg": record.getMessage()}
        for key in _SAFE_EXTRAS:
            if hasattr(record, key):
                out[key] = clean(getattr(record, key))
        if record.exc_info and record.exc_info[0]:
            out["exception"] = record.exc_info[0].__name__  # the class only: messages may carry data
        return json.dumps(out, default=str)


MAX_QUEUED = 10_000  # lines a batch may hold (the oldest are dropped first: a stuck stream never grows memory)


class BatchedStreamHandler(logging.StreamHandler):
    """A StreamHandler that, once `batch(flush_s)` has been called in the process (a serving worker does),
    queues INFO and DEBUG records and writes them every `flush_s` seconds from one thread of the process,
    in one write; filters and formatting run then too. A WARNING or worse is written at once, after what is
    queued, so lines keep their order. What is queued is written when the handler is flushed (the logging
    module does so at a normal exit: a worker's SIGTERM); a killed process loses at most `flush_s` seconds
    of INFO lines. Elsewhere (tests, the CLI, the gunicorn master, a process forked after `batch`), every
    line is written at once."""

    _all: weakref.WeakSet = weakref.WeakSet()  # every handler of this class, flushed by the thread
    _flush_s = 0.0  # > 0: this process batches (reset in a forked child)
    _generation = 0  # of the last `batch` call: an older flushing thread stops

    def __init__(self, stream=None):
        super().__init__(stream)
        self._queued: deque[logging.LogRecord] = deque(maxlen=MAX_QUEUED)
        BatchedStreamHandler._all.add(self)

    @classmethod
    def batch(cls, flush_s: float) -> None:
        """From now on, batch the INFO lines of every handler of this class in this process (0: never). A
        thread started by an earlier call stops at its next wake-up."""
        cls._generation += 1
        cls._flush_s = flush_s
        if flush_s > 0:
            threading.Thread(target=cls._flush_loop, args=(flush_s, cls._generation), name="log-flusher",
                             daemon=True).start()

    def handle(self, record: logging.LogRecord) -> bool:
        if self._flush_s <= 0 or record.levelno >= logging.WARNING:
            self.write_queued()
            return bool(super().handle(record))
        self._queued.append(record)
        return True

    def write_queued(self) -> None:
        """Filter, format and write what is queued, in one write."""
        if not self._queued:
            return
        with self.lock:
            lines, record = [], None
            while self._queued:
                record = self._queued.popleft()
                try:
                    if self.filter(record):
                        lines.append(self.format(record))
                except Exception:  # noqa: BLE001 (as logging does: a bad record is reported, never raised)
                    self.handleError(record)
            if lines:
                try:
                    self.stream.write(self.terminator.join(lines) + self.terminator)
                    self.stream.flush()
                except Exception:  # noqa: BLE001
                    self.handleError(record)

    def flush(self) -> None:
        self.write_queued()
        super().flush()

    @classmethod
    def _flush_loop(cls, flush_s: float, generation: int) -> None:
        while True:
            time.sleep(flush_s)
            if cls._generation != generation:
                return
            for handler in list(cls._all):
                handler.write_queued()


def lean_records() -> None:
    """In a serving worker: log records leave out what no handler of the service writes (the caller's file
    and line, thread, process and multiprocessing names; Python's logging HOWTO, "Optimization"): each
    record otherwise walks the stack and asks the kernel for the process id, about 0.03 ms a hook call."""
    logging._srcfile = None  # the HOWTO's own switch for sys._getframe()
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False


def _after_fork_in_child() -> None:
    BatchedStreamHandler._flush_s = 0.0  # the thread did not come along: write at once until `batch` again


os.register_at_fork(after_in_child=_after_fork_in_child)


def setup_logging(level: str = "INFO") -> None:
    root = logging.getLogger("lbcl_cds")
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = BatchedStreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    root.propagate = True
