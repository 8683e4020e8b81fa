"""The gunicorn worker class: gthread, with slow clients bounded (issue 14, docs/security.md).

gunicorn's `gthread` worker hands a connection to one of its threads as soon as it is readable, and the
thread then blocks reading the request head with no time limit: 8 connections that send a header slowly
(2 workers x 4 threads) hold every thread, and /healthz and every hook time out. This worker keeps the
thread pool for the application only:

- the **request head** is read in the worker's event loop (non-blocking, no thread held) and must be
  complete within `LBCL_CDS_HEADER_TIMEOUT_S` of the connection's first wait (a new connection, or a
  kept-alive one when its next request starts); then it goes to a thread; a connection still without
  a full head is answered `408` and closed; a head over `MAX_HEAD_BYTES` is answered `431` and closed;
- the **request body** is read by the application's thread under one deadline for the whole body,
  `LBCL_CDS_BODY_TIMEOUT_S` from the moment the head was complete (a byte every few seconds does not
  extend it); past it the read raises `BodyTimeout` and the application answers 408
  (routes.read_json_body). A request whose body was not read to its end (a 401 or 413 before the body,
  a 408) is answered with `Connection: close`, so a half-sent body never becomes the next request; the
  connection then lingers in the event loop (its write side shut, what the client still sends read and
  dropped, for at most `LINGER_S` and twice `LBCL_CDS_MAX_BODY_BYTES`) so that the client can read the
  answer instead of a reset;
- **connections** per worker are capped at `LBCL_CDS_MAX_CONNECTIONS` (gunicorn's `worker_connections`):
  at the cap the worker stops accepting (the kernel's backlog holds new ones) until a connection ends;
- **connections are shared out** between the workers (worker_balance.py): a worker leaves a new
  connection to a sibling that holds fewer, so a pool opening its keep-alive connections in a burst
  does not land them all on one worker.

Everything else is gunicorn's `ThreadWorker` (keep-alive, graceful shutdown, the heartbeat). With TLS
terminated in gunicorn itself (`--certfile`, not how the service is deployed: TLS ends at the ingress) the
head cannot be read before the handshake, and this worker behaves as gunicorn's gthread (a warning says so).
"""

from __future__ import annotations

import errno
import io
import selectors
import socket
import time
from concurrent import futures
from functools import partial

from gunicorn.http.body import ChunkedReader, LengthReader
from gunicorn.workers.gthread import TConn, ThreadWorker

from .worker_balance import Balancer

MAX_HEAD_BYTES = 64 * 1024  # request line + headers; a client JWT is ~1 KB, gunicorn's own caps are per line
LINGER_S = 5.0  # how long a closed connection's unread request data is still read and dropped
_RECV = 65536
_END = (b"\r\n\r\n", b"\n\n")
_REPLY = {
    408: b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    431: b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
}


class BodyTimeout(TimeoutError):
    """The request body did not arrive within LBCL_CDS_BODY_TIMEOUT_S."""


class DeadlineSocket:
    """What gunicorn's request parser reads from: the socket, but every `recv` waits at most until one
    fixed deadline (a trickle of bytes does not move it)."""

    def __init__(self, sock: socket.socket, deadline: float):
        self.sock = sock
        self.deadline = deadline

    def recv(self, size: int) -> bytes:
        # Past the deadline, only what has already arrived is taken (settimeout(0): no wait at all).
        self.sock.settimeout(max(0.0, self.deadline - time.monotonic()))
        try:
            return self.sock.recv(size)
        except (TimeoutError, BlockingIOError):
            raise BodyTimeout("request body not received in time") from None
        finally:
            self.sock.settimeout(None)

    def __getattr__(self, name: str):
        return getattr(self.sock, name)


def _recv_ready(sock: socket.socket) -> bytes | None:
    """What a readable non-blocking socket holds: None when nothing after all (a spurious wake-up), b""
    when the peer closed or the socket failed."""
    try:
        return sock.recv(_RECV)
    except (BlockingIOError, InterruptedError):
        return None
    except OSError:
        return b""


def body_consumed(body: object) -> bool:
    """Whether the request's body was read from the socket to its end (gunicorn's body readers)."""
    reader = getattr(body, "reader", None)
    if isinstance(reader, LengthReader):
        return reader.length == 0
    if isinstance(reader, ChunkedReader):
        return reader.parser is None
    return False


def _close_unread(app):
    """WSGI middleware: a response to a request whose body was not read to its end closes the connection
    (gunicorn then sends `Connection: close`: its Response is `start_response`'s object)."""

    def wrapped(environ, start_response):
        def start(status, headers, exc_info=None):
            if not body_consumed(environ.get("wsgi.input")):
                response = getattr(start_response, "__self__", None)
                if response is not None and hasattr(response, "force_close"):
                    response.force_close()
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return wrapped


class BoundedThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .config import Settings

        settings = Settings.from_env()
        self.header_timeout = settings.header_timeout_s
        self.body_timeout = settings.body_timeout_s
        self.linger_bytes = 2 * settings.max_body_bytes
        self._heads: dict[TConn, float] = {}  # connections whose head is being read -> deadline (in order)
        self._lingering: dict[TConn, float] = {}  # closed connections being drained -> deadline (in order)
        self._accepting = False
        self.bounded = not self.cfg.is_ssl
        self.balancer: Balancer | None = None  # set in run(), after the fork

    def init_process(self):
        if not self.bounded:
            self.log.warning("TLS in gunicorn: slow-client limits (LBCL_CDS_HEADER_TIMEOUT_S, "
                             "LBCL_CDS_BODY_TIMEOUT_S) are off; terminate TLS in front of the service")
        super().init_process()

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = _close_unread(self.wsgi)

    # -- reading the head in the event loop ---------------------------------------------------------

    def _wait_for_head(self, conn: TConn, head: bytes = b"") -> None:
        conn.lbcl_head = bytearray(head)
        self._heads[conn] = time.monotonic() + self.header_timeout
        if self._head_complete(conn):
            self._dispatch(conn)
            return
        with self._lock:
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_head_readable, conn))

    def accept(self, server, listener):
        if self.balancer is not None and not self.balancer.should_accept(self.nr_conns, time.monotonic()):
            return  # left in the kernel's queue for a worker holding fewer connections (worker_balance.py)
        if not self.bounded:
            super().accept(server, listener)
        else:
            try:
                sock, client = listener.accept()
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                    raise
                return
            conn = TConn(self.cfg, sock, client, server)  # non-blocking
            self.nr_conns += 1
            self._wait_for_head(conn)
        if self.balancer is not None:
            self.balancer.publish(self.nr_conns)

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection's next request starts: read its head here too, not in a thread."""
        if not self.bounded:
            return super().on_client_socket_readable(conn, client)
        with self._lock:
            self.poller.unregister(client)
            try:
                self._keep.remove(conn)
            except ValueError:  # already timed out by murder_keepalived
                return
        leftover = b""
        if conn.parser is not None:  # bytes gunicorn read past the previous request (pipelining)
            leftover = conn.parser.unreader.buf.getvalue()
            conn.parser.unreader.buf = io.BytesIO()
        self._wait_for_head(conn, leftover)

    def _head_complete(self, conn: TConn) -> bool:
        head = conn.lbcl_head
        return any(end in head for end in _END)

    def _on_head_readable(self, conn: TConn, client) -> None:
        data = _recv_ready(conn.sock)
        if data is None:
            return
        if not data:  # the client went away
            self._drop(conn)
            return
        conn.lbcl_head += data
        if self._head_complete(conn):
            with self._lock:
                self.poller.unregister(conn.sock)
            self._dispatch(conn)
        elif len(conn.lbcl_head) > MAX_HEAD_BYTES:
            self._drop(conn, 431)

    def _dispatch(self, conn: TConn) -> None:
        self._heads.pop(conn, None)
        head = bytes(conn.lbcl_head)
        del conn.lbcl_head
        conn.init()  # blocking socket, gunicorn's parser
        unreader = conn.parser.unreader
        if isinstance(unreader.sock, DeadlineSocket):
            unreader.sock = unreader.sock.sock
        unreader.unread(head)
        unreader.sock = DeadlineSocket(unreader.sock, float("inf"))  # the deadline starts in handle()
        fs = self.tpool.submit(self.handle, conn)
        self._wrap_future(fs, conn)

    def handle(self, conn):
        """In a thread: the body's deadline starts when a thread takes the request (time spent queued for
        a thread is not the client's)."""
        if isinstance(conn.parser.unreader.sock, DeadlineSocket):
            conn.parser.unreader.sock.deadline = time.monotonic() + self.body_timeout
        keepalive, conn = super().handle(conn)
        mesg = conn.parser.mesg if conn.parser is not None else None
        conn.lbcl_linger = not keepalive and mesg is not None and not body_consumed(mesg.body)
        return keepalive, conn

    # -- lingering close: the answer reaches a client still sending a body we did not read ------------

    def finish_request(self, fs):
        conn = fs.conn
        if (self.bounded and getattr(conn, "lbcl_linger", False) and self.alive and not fs.cancelled()
                and fs.exception() is None):
            conn.lbcl_linger = False
            try:
                conn.sock.shutdown(socket.SHUT_WR)
                conn.sock.setblocking(False)
            except OSError:
                pass
            else:
                conn.lbcl_drained = 0
                with self._lock:
                    self._lingering[conn] = time.monotonic() + LINGER_S
                    self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_linger_readable, conn))
                return
        super().finish_request(fs)

    def _on_linger_readable(self, conn: TConn, client) -> None:
        data = _recv_ready(conn.sock)
        if data is None:
            return
        conn.lbcl_drained += len(data)
        if not data or conn.lbcl_drained > self.linger_bytes:
            self._end_linger(conn)

    def _end_linger(self, conn: TConn) -> None:
        with self._lock:
            if self._lingering.pop(conn, None) is None:
                return
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass
        self.nr_conns -= 1
        conn.close()

    def _drop(self, conn: TConn, status: int | None = None) -> None:
        """Close a connection whose head never came (408), came too big (431), or whose client left."""
        self._heads.pop(conn, None)
        with self._lock:
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass
        if status is not None and getattr(conn, "lbcl_head", b""):
            try:
                conn.sock.send(_REPLY[status])
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()

    def murder_keepalived(self):
        super().murder_keepalived()
        now = time.monotonic()
        while self._heads:
            conn, deadline = next(iter(self._heads.items()))
            if deadline > now:
                break
            self._drop(conn, 408)
        with self._lock:
            expired = [c for c, deadline in self._lingering.items() if deadline <= now]
        for conn in expired:
            self._end_linger(conn)

    # -- the loop: gunicorn's, except that at the connection cap the worker stops accepting but keeps
    # -- reading heads (gunicorn's own loop stops polling altogether there)

    def _set_accepting(self, on: bool) -> None:
        if on == self._accepting:
            return
        with self._lock:
            for sock, server in self._servers.items():
                if on:
                    self.poller.register(sock, selectors.EVENT_READ, partial(self.accept, server))
                else:
                    self.poller.unregister(sock)
        self._accepting = on

    def run(self):
        self._servers = {}
        for sock in self.sockets:
            sock.setblocking(False)
            self._servers[sock] = sock.getsockname()  # once: it may be unavailable during shutdown
        self.balancer = Balancer(getattr(self, "lbcl_board", None), getattr(self, "lbcl_slot", None),
                                 self.worker_connections)  # the board and slot come from gunicorn_conf.pre_fork
        while self.alive:
            self.notify()
            now = time.monotonic()
            self.balancer.publish(self.nr_conns)
            deferred = self.balancer.deferred(now)
            self._set_accepting(self.nr_conns < self.worker_connections and not deferred)
            timeout = 1.0
            if self._heads:
                timeout = max(0.05, min(timeout, next(iter(self._heads.values())) - now))
            if deferred:
                timeout = min(timeout, max(0.0005, self.balancer.defer_until - now))
            for key, _ in self.poller.select(timeout):
                key.data(key.fileobj)
            result = futures.wait(self.futures, timeout=0, return_when=futures.FIRST_COMPLETED)
            for fut in result.done:
                self.futures.remove(fut)
            if not self.is_parent_alive():
                break
            self.murder_keepalived()

        self.balancer.leave()
        self.tpool.shutdown(False)
        self.poller.close()
        for s in self.sockets:
            s.close()
        futures.wait(self.futures, timeout=self.cfg.graceful_timeout)
