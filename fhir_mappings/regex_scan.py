"""Where a match can start: compiled code that skips, in the engine's own C loop, every position whose
character cannot start a match (issue 16; fast_regex).

Asked to search, Python's engine enters the whole pattern at every position of the text, unless the
pattern begins with a plain literal or class. Almost every report-reader pattern begins otherwise (`\\b`, a
look-behind, a case-insensitive word list), so each is entered at every character. The engine has a
quick loop for patterns whose first character is known: the compiled code's info block may name a set of
characters, and the search then enters the pattern only where the text holds one of them. The pattern
itself is unchanged; the set only decides where it is tried. Python's compiler fills that set only when
the first item is a plain literal or class. Here it is read off the parsed pattern in full, through
zero-width items (`\\b`, look-arounds), groups, alternatives and optional items:

- every match consumes at least one character (minimum width 1 or more) and starts with a character that
  the first consuming item of some path can match; a position holding another character cannot start one;
- the set holds ASCII characters, each tested against the item's own compilation (same flags). It is used
  only for patterns compiled with re.ASCII, which fast_regex runs on ASCII text only.

The standard compilation is kept when no set can be read (a back-reference, a pattern that may match
empty, an item matching every ASCII character), when the compiler found a prefix or set of its own, and
when the pattern begins with `^` or `\\A` (the standard search gives up after the first position there).
Built on `re._parser`/`re._compiler` (stable since Python 3.11). tests/test_regex_scan.py checks the sets
and searches from every start position against the standard compilation; tests/test_fast_regex.py holds
the readers' answers equal to plain `re`'s on the report corpora.
"""

from __future__ import annotations

import re
from re import _compiler as sre_compile
from re import _constants as C
from re import _parser as sre_parse

import _sre

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ONE_CHAR = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY)
_ASCII = [chr(i) for i in range(128)]
_ANCHORS = (C.AT_BEGINNING, C.AT_BEGINNING_STRING)


def _chars(op, av, flags: int) -> frozenset[str]:
    """The ASCII characters one consuming item matches, under its flags."""
    item = sre_compile.compile(sre_parse.SubPattern(sre_parse.State(), [(op, av)]), flags)
    return frozenset(c for c in _ASCII if item.fullmatch(c))


def _first(items, flags: int) -> tuple[frozenset[str] | None, bool]:
    """(characters a match of `items` can start with, whether `items` can match empty); None: unknown."""
    found: set[str] = set()
    for op, av in items:
        if op is C.AT or op in (C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the first character is the next item's
        if op in _ONE_CHAR:
            return frozenset(found | _chars(op, av, flags)), False
        if op is C.SUBPATTERN:
            chars, empty = _first(av[3], (flags | av[1]) & ~av[2])
        elif op is C.ATOMIC_GROUP:
            chars, empty = _first(av, flags)
        elif op is C.BRANCH:
            chars, empty = frozenset(), False
            for alt in av[1]:
                alt_chars, alt_empty = _first(alt, flags)
                if alt_chars is None:
                    return None, False
                chars, empty = chars | alt_chars, empty or alt_empty
        elif op in _REPEATS:
            if av[1] == 0:
                continue
            chars, empty = _first(av[2], flags)
            empty = empty or av[0] == 0
        else:  # a back-reference, a conditional group: not read
            return None, False
        if chars is None:
            return None, False
        found |= chars
        if not empty:
            return frozenset(found), False
    return frozenset(found), True


def start_chars(tree: sre_parse.SubPattern, flags: int) -> frozenset[str] | None:
    """The set (see the module text), or None when there is none worth using."""
    data = list(tree.data)
    if tree.getwidth()[0] == 0 or data and data[0][0] is C.AT and data[0][1] in _ANCHORS:
        return None
    chars, empty = _first(data, flags)
    if chars is None or empty or len(chars) == len(_ASCII):  # every character: nothing to skip
        return None
    return chars


def compile_tree(tree: sre_parse.SubPattern, flags: int) -> re.Pattern[str]:
    """sre_compile.compile(tree, flags), with the start set in the info block where the standard compiler
    puts none (neither a literal prefix nor a first-character set)."""
    flags |= tree.state.flags
    standard = sre_compile.compile(tree, flags)
    if not flags & re.ASCII:  # Unicode classes and case folding reach beyond ASCII: the set would not hold
        return standard
    code: list[int] = []
    sre_compile._compile_info(code, tree, flags)
    if code[2] != 0 or (chars := start_chars(tree, flags)) is None:  # the compiler found its own, or none can be read
        return standard
    lo, hi = tree.getwidth()
    charset, _ = sre_compile._optimize_charset([(C.LITERAL, ord(c)) for c in sorted(chars)])
    code = [C.INFO, 0, C.SRE_INFO_CHARSET, min(lo, sre_compile.MAXCODE), min(hi, sre_compile.MAXCODE)]
    sre_compile._compile_charset(charset, flags, code)
    code[1] = len(code) - 1
    sre_compile._compile(code, tree.data, flags)
    code.append(C.SUCCESS)
    state = tree.state
    indexgroup = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return _sre.compile(standard.pattern, standard.flags, code, state.groups - 1, state.groupdict, tuple(indexgroup))
