"""What text a pattern can match at all: sets of strings read off the parsed pattern (issue 16; fast_regex).

`required_sets(pattern)` gives sets S1, S2, ... such that any text the pattern finds a match in holds one
string of S1, and one of S2, and so on (lower case). A text missing all of one set cannot match and the
engine is not run. Read from Python's own parse of the pattern, so a pattern edited later keeps a right
filter:

- a run of literal letters is required as it stands ("deauville"); zero-width assertions (\\b, ^) do
  not break a run;
- a group, an atomic group, a repeat of at least one: what their content requires;
- an alternation: one set, the union of the most selective set of each alternative (one of them matches);
  an alternative requiring nothing makes the alternation require nothing;
- a look-ahead or look-behind that must succeed: its content must be in the text too (not in the match);
- classes, any character, negative look-arounds, back-references: nothing.
"""

from __future__ import annotations

import re
from re import _constants as C  # the parser's node names (stable since Python 3.11)
from re import _parser as sre_parse

MAX_STRINGS = 400  # a set of more strings is not used (none of the readers' patterns comes close)
MAX_SETS = 1  # the most selective set only: checking more cost more than the runs they spared (measured)
RANKS = 2  # an alternation gives unions of its alternatives' best and second-best sets
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _selectivity(words: frozenset[str]) -> tuple:
    """Sort key, most selective first: strings of 3 or more characters, few of them, long ones."""
    shortest = min(map(len, words))
    return (shortest < 3, len(words), -shortest)


def _sets(items, flags: int) -> list[frozenset[str]]:
    """The required sets of a sequence of parsed nodes (every one must be met)."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is C.LITERAL and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        if op is C.AT:  # zero-width: adjacent characters stay adjacent
            continue
        flush()
        if op is C.SUBPATTERN:
            found += _sets(av[3], flags)
        elif op is C.ATOMIC_GROUP:
            found += _sets(av, flags)
        elif op in _REPEATS and av[0] >= 1:
            found += _sets(av[2], flags)
        elif op is C.ASSERT:  # a look-around that must succeed: its words are in the text
            found += _sets(av[1], flags)
        elif op is C.BRANCH:  # one alternative matches: a union of one set of each is required
            ranked = [sorted(_sets(a, flags), key=_selectivity) for a in av[1]]
            if all(ranked):
                found += [frozenset().union(*(sets[min(r, len(sets) - 1)] for sets in ranked)) for r in range(RANKS)]
    flush()
    return found


def required_sets(pattern: re.Pattern[str], most: int | None = MAX_SETS) -> tuple[tuple[str, ...], ...] | None:
    """The sets (see the module text), most selective first (the first `most`; None: all), each's strings
    shortest first; None when nothing is required."""
    if not isinstance(pattern.pattern, str):
        return None
    sets = {s for s in _sets(sre_parse.parse(pattern.pattern, pattern.flags), pattern.flags)
            if s and "" not in s and len(s) <= MAX_STRINGS}
    sets = {s for s in sets if not any(t < s for t in sets)}  # a smaller set met implies its supersets
    if not sets:
        return None
    chosen = sorted(sets, key=lambda s: (_selectivity(s), sorted(s)))[:most]
    return tuple(tuple(sorted(s, key=lambda w: (len(w), w))) for s in chosen)
