"""Print what changed between tests/golden/outputs.json and the current outputs (path: old -> new)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from snapshot_outputs import GOLDEN, snapshot  # noqa: E402


def diff(x: object, y: object, path: str, out: list[str]) -> None:
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y)):
            diff(x.get(k, "<absent>"), y.get(k, "<absent>"), f"{path}.{k}", out)
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (u, v) in enumerate(zip(x, y)):
            diff(u, v, f"{path}[{i}]", out)
    elif x != y:
        out.append(f"{path}: {json.dumps(x)[:300]} -> {json.dumps(y)[:300]}")


if __name__ == "__main__":
    old = json.loads(GOLDEN.read_text(encoding="utf-8"))
    new = snapshot()
    only = set(sys.argv[1:])
    for pid in sorted(set(old) | set(new)):
        if only and pid not in only:
            continue
        lines: list[str] = []
        diff(old.get(pid), new.get(pid), "", lines)
        for line in lines:
            print(pid, line)
