"""regex_scan (issue 16): the characters a match can start with, and searches that skip the others.

The set is an optimisation the engine trusts: a character missing from it would lose matches. So each set
is checked against hand-read examples, and searches with it against the standard compilation, at every
start position, on generated text.
"""

from __future__ import annotations

import random
import re
import sys
from re import _parser as sre_parse

import pytest

from fhir_mappings import ct_text, pathology_text, pet_text, staging_text  # noqa: F401 (their patterns)
from fhir_mappings.fast_regex import FastPattern
from fhir_mappings.regex_scan import compile_tree, start_chars

FLAGS = re.IGNORECASE | re.ASCII
WHITESPACE = " \t\n\r\x0b\x0c"


def _start(pattern: str, flags: int = FLAGS) -> frozenset[str] | None:
    tree = sre_parse.parse(pattern, flags)
    return start_chars(tree, flags | tree.state.flags)


@pytest.mark.parametrize("pattern, chars", [
    (r"\bfoo|bar", "fFbB"),  # zero-width \b: the next item starts it; both cases under IGNORECASE
    (r"(?<![\d,.])(\d{1,2}),(\d{1,2})", "0123456789"),  # a look-behind is passed over
    (r"(?:very\s+)?large", "vVlL"),  # an optional item: its start, or the next item's
    (r"(?-i:[CTL])\d", "CTL"),  # case-sensitive inside the group
    (r"x*y+", "xXyY"),
    (r"\s*:", WHITESPACE + ":"),  # ASCII whitespace only (re.ASCII)
    (r"(?=ab)a", "aA"),  # a look-ahead consumes nothing
    (r"(?:ab){0}c", "cC"),  # a repeat of zero times matches nothing
    (r"(?>ab|cd)e", "aAcC"),  # an atomic group
    (r"(a)?\1b|x", None),  # a back-reference after an optional start: not read
    (r"x?", None),  # may match empty
    (r"^abc", None),  # anchored: the standard search stops after the first position
    (r"\Aabc", None),
    (r"(?s:.)abc", None),  # the first item matches every character: nothing to skip
])
def test_start_chars(pattern, chars):
    assert _start(pattern) == (frozenset(chars) if chars is not None else None)


def test_case_sensitive_patterns_keep_their_case():
    assert _start(r"\bfoo", re.ASCII) == frozenset("f")


GENERATED_PATTERNS = [
    r"\b(?:foo|bar)\w*",
    r"(?<![\d,.])(\d{1,2}),(\d{1,2})(?![\d,])",
    r"(?:very\s+)?large|small",
    r"\s*[;:]\s*",
    r"(?-i:[CTL])\d{1,2}\b",
    r"(?P<n>\d+)\s*%",
    r"(?:(?<=\s)|\b)(?:no\s+)?new\b",
]


def _texts(count: int) -> list[str]:
    rng = random.Random(16)
    pieces = list("abfoorvelygsmnwCTL0123456789 ,.;:%\n") + ["foo", "bar", "large", "very ", "FOO", "12,5", "T11",
                                                                "45 %", "no new", "NEW", "small"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(count)]


@pytest.mark.parametrize("pattern", GENERATED_PATTERNS)
def test_searches_answer_as_the_standard_compilation(pattern):
    tree = sre_parse.parse(pattern, FLAGS)
    assert start_chars(tree, FLAGS | tree.state.flags) is not None  # the set is there to be tested
    fast, plain = compile_tree(tree, FLAGS), re.compile(pattern, FLAGS)
    assert fast.groups == plain.groups and fast.groupindex == plain.groupindex

    def span(m):
        return m and (m.span(), m.groups())

    for text in _texts(300):
        assert [span(m) for m in fast.finditer(text)] == [span(m) for m in plain.finditer(text)], text
        assert fast.sub("#", text) == plain.sub("#", text) and fast.split(text) == plain.split(text)
        for pos in range(len(text) + 1):
            assert span(fast.search(text, pos)) == span(plain.search(text, pos)), (text, pos)
            assert span(fast.search(text, 0, pos)) == span(plain.search(text, 0, pos)), (text, pos)
            assert span(fast.match(text, pos)) == span(plain.match(text, pos)), (text, pos)


def test_most_reader_patterns_have_a_start_set():
    """The readers' patterns are what the sets are for: most of them get one (the speed is make bench's)."""
    patterns = [v for name, mod in list(sys.modules.items()) if name.startswith("fhir_mappings.")
                for v in vars(mod).values() if isinstance(v, FastPattern)]
    assert len(patterns) > 200
    with_set = [p for p in patterns if _start(p.pattern, (p.flags & ~re.UNICODE) | re.ASCII) is not None]
    assert len(with_set) > 0.75 * len(patterns)
