"""A parsed pattern's word lists factored into prefix tries, for Python's engine (issue 16; fast_regex).

Python's `re` tries the alternatives of `(?:cervical|cerebral|axillary|...)` one after another at every
position, each through the engine's full step, and under IGNORECASE none of them is rejected by the
quick first-character test the engine has for plain literals and classes. Rewritten here, same matches:

- alternatives that start with the same letter are grouped under it, in their order
  (`ce(?:rvical|rebral)|axillary`), recursively. Only alternatives that start with a literal are moved,
  and only past others starting with a different literal: no two of those can match at one position,
  so which is tried first cannot change the result; an alternative that starts otherwise (a class, a
  group) keeps its place and nothing moves across it;
- a case-insensitive first letter becomes the class `[cC]` with case-sensitivity on inside, which the
  engine tests before entering the alternative (exact for ASCII letters under re.ASCII, the only place
  fast_regex uses it).

Built on the standard library's own parser and compiler (`re._parser`, `re._compiler`, stable since
Python 3.11); any failure falls back to the plain compilation (fast_regex). Equality of the answers is
tested on every reader pattern over the report corpora (tests/test_fast_regex.py).
"""

from __future__ import annotations

import re
from re import _compiler as sre_compile
from re import _constants as C
from re import _parser as sre_parse

from fhir_mappings.regex_scan import compile_tree

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _sub(state: sre_parse.State, data: list) -> sre_parse.SubPattern:
    return sre_parse.SubPattern(state, list(data))


def _first_literal(alternative) -> int | None:
    if len(alternative) and alternative[0][0] is C.LITERAL and chr(alternative[0][1]).isascii():
        return alternative[0][1]
    return None


def _quick_letter(code: int, ignore_case: bool, state: sre_parse.State) -> tuple:
    ch = chr(code)
    if ignore_case and ch.isalpha():  # (?-i:[cC]): tested by the engine before it enters the alternative
        both = [(C.LITERAL, ord(ch.lower())), (C.LITERAL, ord(ch.upper()))]
        return C.SUBPATTERN, (None, 0, re.IGNORECASE, _sub(state, [(C.IN, both)]))
    return C.LITERAL, code


def _branch(alternatives: list, flags: int, state: sre_parse.State) -> list:
    ignore_case = bool(flags & re.IGNORECASE)
    groups: list[tuple[bool, list]] = []  # (grouped under a first letter, alternatives)
    where: dict[str, int] = {}
    for alt in alternatives:
        code = _first_literal(alt)
        if code is None:
            groups.append((False, [alt]))
            where = {}  # nothing moves across an alternative that starts otherwise
            continue
        key = chr(code).lower() if ignore_case else chr(code)
        if key in where:
            groups[where[key]][1].append(alt)
        else:
            where[key] = len(groups)
            groups.append((True, [alt]))
    result = []
    for grouped, alts in groups:
        if not grouped:
            result.append(_sub(state, _items(alts[0], flags, state)))
            continue
        rests = [list(a)[1:] for a in alts]
        inner = _items(rests[0], flags, state) if len(alts) == 1 else [
            (C.BRANCH, (None, _branch(rests, flags, state)))]
        result.append(_sub(state, [_quick_letter(_first_literal(alts[0]), ignore_case, state), *inner]))
    return result


def _items(items, flags: int, state: sre_parse.State) -> list:
    out = []
    for op, av in items:
        if op is C.BRANCH:
            av = (av[0], _branch(av[1], flags, state))
        elif op is C.SUBPATTERN:
            group, add, remove, p = av
            av = (group, add, remove, _sub(state, _items(p, (flags | add) & ~remove, state)))
        elif op in _REPEATS:
            av = (av[0], av[1], _sub(state, _items(av[2], flags, state)))
        elif op is C.ATOMIC_GROUP:
            av = _sub(state, _items(av, flags, state))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            av = (av[0], _sub(state, _items(av[1], flags, state)))
        elif op is C.GROUPREF_EXISTS:
            av = (av[0], _sub(state, _items(av[1], flags, state)), av[2] and _sub(state, _items(av[2], flags, state)))
        out.append((op, av))
    return out


def compile_factored(pattern: str, flags: int) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` with its alternatives factored (the result's `.pattern` is None), and
    with the set of characters a match can start with (regex_scan)."""
    tree = sre_parse.parse(pattern, flags)
    flags |= tree.state.flags
    return compile_tree(_sub(tree.state, _items(tree.data, flags, tree.state)), flags)
