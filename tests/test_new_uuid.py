"""Card and suggestion uuids (protocol.new_uuid, issue 16): random version-4 UUIDs from os.urandom read
ahead, each one new, and never the same in a forked worker as in its parent."""

from __future__ import annotations

import os
import uuid

from cds_service.protocol import Card, Source, Suggestion, new_uuid


def test_version_4_and_each_one_new():
    made = [new_uuid() for _ in range(5000)]  # more than one read-ahead of 256
    assert len(set(made)) == len(made)
    for u in made[:300]:
        parsed = uuid.UUID(u)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == u
    card = Card(summary="s", indicator="info", source=Source(label="x"), suggestions=[Suggestion(label="a")],
                selectionBehavior="at-most-one")
    assert uuid.UUID(card.uuid).version == 4 and card.uuid != card.suggestions[0].uuid


def test_a_forked_child_never_hands_out_its_parents_bytes():
    new_uuid()  # the parent has bytes read ahead
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next uuids, then out without running pytest's exit handlers
        os.write(write, ",".join(new_uuid() for _ in range(3)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    child = set(os.read(read, 4096).decode().split(","))
    os.close(read)
    parent = {new_uuid() for _ in range(3)}
    assert len(child) == 3 and not child & parent
