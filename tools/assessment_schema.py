"""Write docs/assessment.schema.json from the typed Assessment model; `--hash` prints the version-note key,
`--check` exits 1 when the file is stale."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PATH = ROOT / "docs" / "assessment.schema.json"


def text() -> str:
    from cds_service.guidelines.assessment_model import json_schema

    return json.dumps(json_schema(), indent=1, sort_keys=True) + "\n"


def digest(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]


def main(argv: list[str]) -> int:
    s = text()
    if "--hash" in argv:
        print(digest(s))
        return 0
    if "--check" in argv:
        return 0 if PATH.read_text(encoding="utf-8") == s else 1
    PATH.write_text(s, encoding="utf-8")
    print(f"wrote {PATH.relative_to(ROOT)} ({digest(s)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
