"""The Assessment and cards of every shipped patient match tests/golden/outputs.json
(tools/snapshot_outputs.py). Pure moves must keep them byte-for-byte; a deliberate clinical or card change
regenerates the file and says in its commit which patients changed and why."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from snapshot_outputs import GOLDEN, snapshot  # noqa: E402


def test_outputs_of_every_shipped_patient_match_the_golden_snapshot():
    stored = json.loads(GOLDEN.read_text(encoding="utf-8"))
    current = snapshot()
    assert sorted(current) == sorted(stored)
    changed = [k for k in sorted(stored) if stored[k] != current[k]]
    assert changed == [], f"outputs changed for {changed}; regenerate with tools/snapshot_outputs.py if intended"
