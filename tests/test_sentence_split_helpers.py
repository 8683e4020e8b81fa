"""The sentence splitter's string helpers answer exactly as the regular expressions they replaced (issue 16:
the splitter runs on every report of every cold request). Random text over an alphabet that holds every
character class the patterns tell apart: ASCII and non-ASCII letters and digits, "_", ".", list marks,
spaces of both kinds and the separators U+001C-U+001F."""

from __future__ import annotations

import random
import re

import pytest

from fhir_mappings import report_sections as RS

ALPHABET = list("aZ9_. ,;:)(-•*·\t\n") + ["é", "ß", "٣", "²", "\xa0", "\x1c", "\u2028", "?", "!"]
LAST_TOKEN = re.compile(r"([\w.]+)\W*$", re.IGNORECASE)  # what _last_token replaced
LIST_MARK = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+", re.IGNORECASE)  # RS.LIST_MARK, plain `re`
ALIGNED_GAP = re.compile(r"(?<=\S)(?:[ ]{2,}|\t+)(?=\S)")


def _texts(n: int, seed: int, longest: int = 45) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(["", "1.", "- ", "12)"]) + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest)))
            for _ in range(n)]


def _regex_token(tail: str) -> str:
    word = LAST_TOKEN.search(tail)
    return word.group(1).rstrip(".").lower() if word else ""


@pytest.mark.parametrize("seed", range(4))
def test_last_token_is_the_regex_answer(seed):
    texts = _texts(3000, seed) + ["lesions.", "e.g.", "a. b", "...", "", "abc.)", "No new lesions (see above).",
                                  "approx.", "SUVmax 4.2.", "x_y..", "é."]
    assert [RS._last_token(t) for t in texts] == [_regex_token(t) for t in texts]


def test_a_changed_helper_fails_the_comparison():
    """The comparison can fail: a helper that forgets the dots inside a token answers differently."""
    def careless(tail: str) -> str:
        return (tail.rstrip(".").split() or [""])[-1].lower()
    texts = _texts(500, 7) + ["e.g."]
    assert [careless(t) for t in texts] != [_regex_token(t) for t in texts]


@pytest.mark.parametrize("seed", range(4))
def test_bare_list_mark_and_mark_stripping_are_the_regex_answers(seed):
    for text in _texts(3000, 100 + seed, 8) + ["-", "1.", "12)", "123)", "•", "- x", "1. Findings"]:
        sentence = " ".join(text.split())  # the splitter tests sentences without outer whitespace
        assert RS._only_mark(sentence) == bool(LIST_MARK.fullmatch(sentence + " ")), sentence
        assert RS._strip_mark(text) == LIST_MARK.sub("", text), text


@pytest.mark.parametrize("seed", range(2))
def test_aligned_row_shortcut_keeps_every_line(seed):
    """A line with no two-space or tab gap is kept as it is, as the full test would keep it."""
    for line in _texts(3000, 200 + seed):
        if len(ALIGNED_GAP.split(line.strip())) < 3:
            assert RS._aligned_row(line) == line, line
