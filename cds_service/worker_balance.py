"""Keep-alive connections shared out between gunicorn workers (issue 16).

All workers wait on one listening socket, and whichever wakes first takes what is queued: a connection
pool that opens 8 or 32 keep-alive connections at once landed every one of them on one worker (8/0,
32/0) while the other idled, for as long as the pool lived. Here each worker publishes how many
connections it holds on a small board of shared memory (created by the master before it forks,
gunicorn_conf.py; one slot per worker, given out by the master); a worker takes a new connection only
when no other live worker below the connection cap holds fewer. Otherwise it leaves the connection in
the kernel's queue for `DEFER_S` and looks again, so the least loaded worker takes it; after `MAX_DEFER_S`
of deferring it takes it anyway (a sibling that is slow to wake never leaves a client waiting longer).
With one worker, or without the board (another gunicorn configuration), every connection is taken at once.
"""

from __future__ import annotations

import mmap
import os
import struct

SLOTS = 64
_SLOT = struct.Struct("qq")  # pid, connections held
DEFER_S = 0.001
MAX_DEFER_S = 0.02


def new_board() -> mmap.mmap:
    """Anonymous shared memory: written by each worker, read by all (inherited across fork)."""
    return mmap.mmap(-1, SLOTS * _SLOT.size)


def free_slot(board: mmap.mmap | None, taken: set[int | None]) -> int | None:
    if board is None:
        return None
    slot = next((i for i in range(SLOTS) if i not in taken), None)
    if slot is not None:
        clear(board, slot)
    return slot


def clear(board: mmap.mmap, slot: int | None) -> None:
    if slot is not None:
        _SLOT.pack_into(board, slot * _SLOT.size, 0, 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Balancer:
    """One worker's view of the board."""

    def __init__(self, board: mmap.mmap | None, slot: int | None, cap: int):
        self.board = board if slot is not None else None
        self.slot = slot
        self.cap = cap
        self.pid = os.getpid()
        self.defer_until = 0.0
        self.deferring_since: float | None = None

    def publish(self, conns: int) -> None:
        if self.board is not None:
            _SLOT.pack_into(self.board, self.slot * _SLOT.size, self.pid, conns)

    def leave(self) -> None:
        """This worker stops accepting for good (shutdown): the others no longer wait for it."""
        if self.board is not None:
            clear(self.board, self.slot)

    def _fewer_elsewhere(self, conns: int) -> bool:
        for pid, theirs in _SLOT.iter_unpack(self.board):
            if pid and pid != self.pid and theirs < conns and theirs < self.cap and _alive(pid):
                return True
        return False

    def should_accept(self, conns: int, now: float) -> bool:
        """Whether to take a pending connection now; when not, `deferred(now)` is true for DEFER_S."""
        if self.board is None or not self._fewer_elsewhere(conns):
            self.deferring_since = None
            return True
        if self.deferring_since is None:
            self.deferring_since = now
        elif now - self.deferring_since >= MAX_DEFER_S:
            self.deferring_since = None
            return True
        self.defer_until = now + DEFER_S
        return False

    def deferred(self, now: float) -> bool:
        return now < self.defer_until
