"""fast_regex (issue 16): the report readers answer exactly as with Python's `re`.

Every report text of the corpora (development, held-out and blind) is read twice by each reader: once
with every FastPattern forced to its original Unicode pattern (plain `re`), once as shipped; the
findings must be equal. Texts are also varied to take the other branches: non-ASCII characters, the
separators U+001C-U+001F, upper and lower case. The required-strings analysis is checked on its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fhir_mappings import ct_text, fast_regex, pathology_text, pet_text, report_scope, report_sections, staging_text
from fhir_mappings.fast_regex import FastPattern
from fhir_mappings.regex_required import required_sets

DATA = Path(__file__).parent / "data"
CORPORA = [DATA / "reports" / "corpus.jsonl", DATA / "reports_blind" / "blind.jsonl",
           *sorted((DATA / "pet_reports").glob("*.jsonl"))]
READERS = [pet_text.extract_pet_findings, ct_text.extract_ct_findings,
           pathology_text.extract_pathology_findings, staging_text.extract_staging]
CACHED = [f for m in (pet_text, ct_text, pathology_text, staging_text, report_scope, report_sections)
          for f in vars(m).values()
          if callable(getattr(f, "cache_clear", None))]  # lru_caches: each text read afresh


def _texts() -> list[str]:
    texts = []
    for path in CORPORA:
        for line in path.read_text().splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append(record.get("text") or "")
    return [t for t in texts if t]


TEXTS = _texts()


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.replace(" ", "\u00a0", 3), text.replace("\n", "\x1c\n", 2),
            text.replace("s", "\u017f", 2), text + " \u00e9"]


def _read_all(texts: list[str]) -> list:
    for f in CACHED:
        f.cache_clear()
    return [[reader(t) for reader in READERS] for t in texts]


def test_corpora_are_there():
    assert len(TEXTS) > 300  # development, blind and held-out reports


def test_readers_answer_as_re_does(monkeypatch):
    texts = [v for t in TEXTS for v in _variants(t)]
    fast = _read_all(texts)
    monkeypatch.setattr(fast_regex, "_facts", lambda text: ("", False, {}))  # no text is ASCII-safe: plain re
    fast_regex._seen.clear()
    plain = _read_all(texts)
    for f in CACHED:
        f.cache_clear()
    mismatched = [t[:80] for t, a, b in zip(texts, fast, plain) if a != b]
    assert not mismatched, mismatched[:5]


def test_the_fast_paths_are_taken():
    """The test above would pass if nothing were fast: the ASCII pattern and the filter must be used."""
    pattern = fast_regex.compile(r"\b(?:compar\w*|versus)\s+(?P<what>\w+)", re.IGNORECASE)
    assert [set(words) for words in pattern.required] == [{"versus", "compar"}]
    assert pattern._engine("Reduced compared with baseline") is pattern.ascii
    assert pattern._engine("Reduced since baseline") is None  # neither word: the engine is not run
    assert pattern._engine("R\u00e9duit compared with baseline") is pattern.unicode
    assert pattern._engine("Reduced\x1ccompared with baseline") is pattern.unicode
    assert pattern._engine("reduced SINCE baseline") is None


@pytest.mark.parametrize("pattern, required", [
    (r"abc", (("abc",),)),
    (r"\bfoo(?:bar|baz)", (("fooba",),)),  # the parser factors out "ba"
    (r"(?:staging|baseline)\s+PET", (("pet",), ("staging", "baseline"))),  # both needed, fewer strings first
    (r"x?", None),  # matches the empty string: nothing required
    (r"(?:ab|)", None),  # an empty alternative
    (r"[abc]+d*", None),  # classes require no particular string
    (r"(?<=before)x", (("before",), ("x",))),  # a look-behind's words are in the text, if not in the match
    (r"(?<!before)x", (("x",),)),  # a negative one requires nothing
    (r"(?:rx){2,}", (("rx",),)),
    (r"(?:rx)*", None),
    (r"(?i:DEAUVILLE)|deauville", (("deauville",),)),
    (r"caf\u00e9s", (("caf",), ("s",))),  # a non-ASCII letter ends the run
    (r"abc.*abcd", (("abcd",), ("abc",))),  # two sets of one: the longer string first
    (r"x(?:ab|cd)|x(?:ab|ef)", (("x",), ("ab", "cd", "ef"))),  # the parser takes "x" out; then a union
])
def test_required_sets(pattern, required):
    compiled = re.compile(pattern, re.IGNORECASE)
    assert required_sets(compiled, most=None) == required
    assert required_sets(compiled) == (required[:1] if required else None)  # the service checks the best one


def test_required_sets_hold_on_the_corpora():
    """Every text a reader pattern matches holds one string of each of its required sets (all of them,
    not only the one the service checks)."""
    patterns = [(p, required_sets(p.unicode, most=None)) for p in _reader_patterns().values() if p.required]
    assert len(patterns) > 100
    for p, sets in patterns:
        for t in TEXTS[:150]:
            for line in t.splitlines():
                if p.unicode.search(line):
                    low = line.lower()
                    assert all(any(w in low for w in words) for words in sets), (p.pattern[:60], line)


def test_methods_mirror_re():
    pattern = fast_regex.compile(r"\s*[;,]\s*|\band\b", re.IGNORECASE)
    plain = re.compile(r"\s*[;,]\s*|\band\b", re.IGNORECASE)
    for text in ["a, b; c AND d", "nothing here", "x \u00e9, y", ""]:
        assert pattern.split(text) == plain.split(text)
        assert pattern.split(text, maxsplit=1) == plain.split(text, maxsplit=1)
        assert pattern.sub("|", text) == plain.sub("|", text)
        assert pattern.subn("|", text, count=1) == plain.subn("|", text, count=1)
        assert pattern.findall(text) == plain.findall(text)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for pos, endpos in ((0, len(text)), (2, len(text)), (1, 6), (3, 3)):  # the explicit-argument methods
            for method in ("search", "match"):
                got, want = getattr(pattern, method)(text, pos, endpos), getattr(plain, method)(text, pos, endpos)
                assert (got and got.span()) == (want and want.span()), (method, text, pos, endpos)
            assert [m.span() for m in pattern.finditer(text, pos, endpos)] == \
                [m.span() for m in plain.finditer(text, pos, endpos)]
            assert (pattern.search(text, pos=pos) is None) == (plain.search(text, pos=pos) is None)  # keywords
        assert bool(pattern.search(text, 2)) == bool(plain.search(text, 2))
        assert bool(pattern.match(text)) == bool(plain.match(text))
        assert bool(pattern.fullmatch(text)) == bool(plain.fullmatch(text))
    assert pattern.pattern == plain.pattern and pattern.groups == plain.groups


def _reader_patterns() -> dict[str, FastPattern]:
    import sys
    return {f"{name}.{k}": v for name, mod in list(sys.modules.items()) if name.startswith("fhir_mappings.")
            for k, v in vars(mod).items() if isinstance(v, FastPattern)}


def test_every_ascii_pattern_matches_as_the_original():
    """Each reader pattern's ASCII compilation (re.ASCII, word lists factored: regex_factor.py) finds the
    same matches, with the same groups, as the original on every ASCII sentence and report of the corpora."""
    from fhir_mappings.report_sections import split_sentences
    texts = [t for t in TEXTS if t.isascii()]
    pieces = [s for t in texts for s in split_sentences(t)] + texts + [t.upper() for t in texts[:40]]
    patterns = _reader_patterns()
    assert len(patterns) > 200
    factored = [p for p in patterns.values() if p.ascii.pattern is None]  # compiled from the factored tree
    assert len(factored) > 200
    for name, p in patterns.items():
        for text in pieces:
            got = [(m.span(), m.groups()) for m in p.ascii.finditer(text)]
            want = [(m.span(), m.groups()) for m in p.unicode.finditer(text)]
            assert got == want, (name, text[:80])


def test_pet_reader_without_staging_reads_the_rest_alike():
    """The mapping reads PET reports with `with_staging=False` (the staging statements come from the
    staging scan's report, staging_text.extract_staging): every other finding is the same, staging empty."""
    from dataclasses import replace

    from fhir_mappings.staging_text import NO_STAGING
    pet = [t for t in TEXTS if "pet" in t.lower()]
    assert len(pet) > 200
    staged = 0
    for text in pet:
        full = pet_text.extract_pet_findings(text)
        lean = pet_text.extract_pet_findings(text, with_staging=False)
        assert lean == replace(full, staging=NO_STAGING), text[:80]
        staged += full.staging != NO_STAGING
    assert staged > 20  # the corpora do state staging: the comparison is not of empties


def test_any_of_finds_exactly_the_words():
    """fast_regex.any_of (a word list factored into a prefix trie) finds a text's words as a plain list
    would: prefixes of one another, shared stems, regex metacharacters."""
    import random

    rng = random.Random(16)
    alphabet = "abc.+"
    for _ in range(300):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        found = fast_regex.any_of(sorted(words))
        for _ in range(20):
            text = "".join(rng.choice(alphabet + " ") for _ in range(rng.randint(0, 12)))
            assert bool(found.search(text)) == any(w in text for w in words), (sorted(words), text)
