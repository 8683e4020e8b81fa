"""Golden snapshot of what the service says for every shipped synthetic patient: the Assessment and the
cards (uuids removed), at the patient's `as_of`. Used to prove that pure moves change no output.

    python tools/snapshot_outputs.py            # rewrite tests/golden/outputs.json
    python tools/snapshot_outputs.py --check    # exit 1 and name the patients whose output changed
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOLDEN = ROOT / "tests" / "golden" / "outputs.json"


def snapshot() -> dict[str, dict]:
    from cds_service.cards.render import render_cards
    from cds_service.hooks.evaluation import evaluate
    from cds_service.patients import catalogue

    out: dict[str, dict] = {}
    for p in catalogue():
        a = evaluate([p.bundle()], p.patient_id, date.fromisoformat(p.as_of))
        cards = [c.model_dump(mode="json", exclude_none=True, exclude={"uuid"}) for c in render_cards(a)]
        out[p.patient_id] = {"assessment": a, "cards": cards}
    return _strip_uuids(json.loads(json.dumps(out, sort_keys=True, default=str)))


def _strip_uuids(node: object) -> object:
    """Card and suggestion uuids are fresh on every call (CDS Hooks 2.0): drop them from the snapshot."""
    if isinstance(node, dict):
        return {k: _strip_uuids(v) for k, v in node.items() if k != "uuid"}
    if isinstance(node, list):
        return [_strip_uuids(x) for x in node]
    return node


def main(argv: list[str]) -> int:
    current = snapshot()
    if "--check" in argv:
        stored = json.loads(GOLDEN.read_text(encoding="utf-8"))
        changed = sorted(k for k in set(stored) | set(current) if stored.get(k) != current.get(k))
        for k in changed:
            print(f"changed: {k}")
        return 1 if changed else 0
    GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)} ({len(current)} patients)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
