"""PostgreSQL connections that never wait on the server without a bound (issue 14).

A frozen server (SIGSTOPped, a paused VM, a network path that drops replies) still completes TCP
handshakes and takes our bytes (its kernel answers for it) but never replies. libpq would then wait for
ever on a query, and its own `connect_timeout` is whole seconds, at least 2. Here every wait has a
deadline, in the client:

- connecting: `connect_timeout_s` (a float) per attempt, checked while the handshake waits;
- each statement: the server's own `statement_timeout` (set on every new connection) stops a statement
  that runs too long on a live server; `statement_timeout_ms + IO_MARGIN_S` later the client gives up
  on a server that answers nothing, and closes that connection (its state is unknown).

`gave_up` tells the store that the server did not answer in time, so it fails at once (503) instead of
reconnecting and waiting a second time.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors

IO_MARGIN_S = 0.25  # the client waits this much longer than the server's statement_timeout


class ServerNotAnswering(psycopg.OperationalError):
    """No answer from the server within the client's deadline; the connection has been closed."""


class BoundedConnection(psycopg.Connection):
    connect_timeout_s: float = 1.0
    io_timeout_s: float | None = 1.0 + IO_MARGIN_S
    timed_out: bool = False

    @classmethod
    def _connect_gen(cls, conninfo: str = "", **kwargs: Any) -> Any:
        """psycopg's connection generator, given a float deadline: `Connection.connect` resumes it at
        least every 0.1 s while it waits on the socket."""
        deadline = time.monotonic() + cls.connect_timeout_s
        gen = super()._connect_gen(conninfo, **kwargs)
        try:
            item = next(gen)
            while True:
                ready = yield item
                if time.monotonic() >= deadline:
                    gen.close()
                    raise errors.ConnectionTimeout("connection timeout expired")
                item = gen.send(ready)
        except StopIteration as stop:
            return stop.value

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        if timeout is not None or self.io_timeout_s is None:
            return super().wait(gen, interval=interval, timeout=timeout)
        started = time.monotonic()
        try:
            return super().wait(gen, interval=interval, timeout=self.io_timeout_s)
        except psycopg.OperationalError:
            if time.monotonic() - started < self.io_timeout_s:
                raise
            self.timed_out = True
            self.pgconn.finish()  # a reply may still come, or never: this connection is not used again
            raise ServerNotAnswering("no answer from the database server in time") from None


@functools.lru_cache(maxsize=8)
def _bounded_class(connect_timeout_s: float) -> type[BoundedConnection]:
    return type("BoundedConnection", (BoundedConnection,), {"connect_timeout_s": connect_timeout_s})


def connect(url: str, connect_timeout_s: float, statement_timeout_ms: int) -> BoundedConnection:
    """An autocommit connection whose connect and every statement are bounded."""
    cls = _bounded_class(float(connect_timeout_s))
    # libpq's own connect_timeout (whole seconds, at least 2) stays as a backstop behind ours
    conn = cls.connect(url, autocommit=True, connect_timeout=max(2, math.ceil(connect_timeout_s)))
    conn.io_timeout_s = statement_timeout_ms / 1000 + IO_MARGIN_S
    try:
        conn.execute(f"SET statement_timeout = {int(statement_timeout_ms)}")
    except BaseException:
        conn.close()
        raise
    return conn


def gave_up(conn: Any, exc: BaseException) -> bool:
    """True when the server did not answer in time (our deadline, or its statement_timeout): retrying
    on a new connection would only wait again."""
    return bool(getattr(conn, "timed_out", False)) or isinstance(exc, (ServerNotAnswering, errors.QueryCanceled))


@contextmanager
def relaxed(conn: Any, seconds: float) -> Iterator[None]:
    """Longer bounds on this connection for a while (migrations at start-up may wait on another
    worker's migration lock); inside a transaction, `SET LOCAL` ends with it."""
    previous = conn.io_timeout_s
    conn.io_timeout_s = seconds + IO_MARGIN_S
    try:
        conn.execute(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
        yield
    finally:
        conn.io_timeout_s = previous
