"""A bounded, thread-safe LRU and the digest of a JSON value that keys it (issue 7, issue 16).

Shared by the strict-validation cache (validation.py: resources already validated) and the Assessment
memo (cds_service/hooks/memo.py: charts already evaluated). Only digests are kept as keys, never the
JSON itself.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

import orjson

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def json_digest(value: object) -> bytes | None:
    """SHA-256 of the value's JSON (faster than BLAKE2b on this project's CPUs); None when orjson cannot
    write it (nested deeper than its limit: a hostile input, not kept)."""
    try:
        return hashlib.sha256(orjson.dumps(value)).digest()
    except orjson.JSONEncodeError:
        return None


class DigestLRU(Generic[K, V]):
    """The last `size` entries put (0: nothing is kept); a hit becomes the newest."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
            return hit

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
