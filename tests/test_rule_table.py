"""docs/rules.md lists every rule id of clinical-logic.md, and every rule id has at least one test that
makes it fire and one that requires it not to (issue 17; tools/rule_tests.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import rule_tests  # noqa: E402


def test_every_rule_of_the_spec_is_in_the_rule_table():
    spec = (ROOT.parent / "shared" / "design" / "clinical-logic.md")
    ids = set(rule_tests.RULE_IDS)
    if spec.exists():
        ids |= set(re.findall(r"^\| (P\d|N[LA]\d[a-c]?|B\d|K\d|T\d{1,2}) \|", spec.read_text(encoding="utf-8"), re.M))
    table = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = sorted(r for r in ids if not re.search(rf"\b{r}\b", table))
    assert missing == []
    assert ids <= set(rule_tests.RULE_IDS), sorted(ids - set(rule_tests.RULE_IDS))


def test_every_rule_has_a_test_that_fires_it_and_one_that_must_not():
    found = rule_tests.scan()
    assert [r for r, (yes, _) in found.items() if not yes] == []
    assert [r for r, (_, no) in found.items() if not no] == []


def test_the_table_in_docs_is_current():
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert rule_tests.table() in doc, "run python tools/rule_tests.py --write"
