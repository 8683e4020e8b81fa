"""Compiled patterns that answer exactly as `re` does, faster on report text (issue 16).

The report readers run a few hundred case-insensitive patterns over every sentence; profiled on cold
requests they were the largest part of the request, and Python's engine spends that time trying every
alternative of a large word list at every word start. Two exact shortcuts, both invisible to callers
(a `FastPattern` has the methods and attributes of `re.Pattern` the readers use):

- **Required words.** From the parsed pattern (regex_required.py), a set of lower-case strings one of
  which any text the pattern matches in must hold (e.g. "compar", "versus", "since", ... for a comparison
  phrase); a text holding none of them cannot match, and the engine is not run. Derived from the pattern
  itself, never written by hand, so a pattern edited later keeps a correct filter. Used on ASCII text
  only: under Unicode case folding a non-ASCII character may match an ASCII letter (U+017F "long s"
  matches "s").
- **ASCII matching on ASCII text.** The same pattern compiled with `re.ASCII` matches ASCII text exactly
  as the Unicode one does (the same letters, digits, word boundaries and case folding), except for the
  four ASCII separator characters U+001C-U+001F that Unicode counts as whitespace: a text holding one of
  them, or any non-ASCII character, is matched by the original pattern. The ASCII compilation also has
  its word lists factored into prefix tries (regex_factor.py), and names the characters a match can start
  with, so that a search enters the pattern only at those (regex_scan.py).

tests/test_fast_regex.py holds the two to the same answers (spans, groups, substitutions, splits) on
every sentence of the report corpora and on generated text.
"""

from __future__ import annotations

import re
import sys

from fhir_mappings.regex_factor import compile_factored
from fhir_mappings.regex_required import required_sets

LOOP_REQUIRED = 8  # up to this many strings a loop of `in` tests is fastest; more: one search of any_of
UNICODE_ONLY_SPACE = re.compile("[\x1c-\x1f]")  # whitespace to Unicode `\s`, not to ASCII `\s`


def any_of(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A pattern finding any of `words` (case-sensitive: give lower-case words and lower-case text), the
    list factored into a prefix trie by regex_factor (a plain list is tried word by word at every position)."""
    return compile_factored("|".join(re.escape(w) for w in words), 0)


_seen: dict[str, tuple[str, bool, dict[int, bool]]] = {}  # text -> its facts (_facts), for the texts of the moment
SEEN_MAX = 512
_SET_IDS: dict[tuple[str, ...], int] = {}  # each distinct set of required strings, numbered (shared by patterns)


def _facts(text: str) -> tuple[str, bool, dict[int, bool]]:
    """The lower-case text, whether the ASCII pattern answers for it, and which required-string sets it
    meets (filled in as patterns ask: a reader asks many patterns about one sentence, and about half of
    those checks repeat a set another pattern already checked), remembered for the last few hundred
    texts. Dict operations are atomic: safe between threads; at worst a set is checked twice."""
    safe = text.isascii() and (text.isprintable() or not UNICODE_ONLY_SPACE.search(text))
    found = (text.lower() if safe else "", safe, {})
    if len(_seen) >= SEEN_MAX:
        _seen.clear()
    _seen[text] = found
    return found


def _ascii(compiled: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern for ASCII text: compiled with re.ASCII, its word lists factored (regex_factor)."""
    flags = (compiled.flags & ~re.UNICODE) | re.ASCII
    try:
        return compile_factored(compiled.pattern, flags)
    except Exception:  # noqa: BLE001 (a parser detail changed: the plain compilation answers the same)
        return re.compile(compiled.pattern, flags)


def _meets(checks: tuple, lower: str, met: dict[int, bool]) -> bool:
    """Does the (ASCII-safe, lower-case) text meet every required-string set of a pattern? Each set's
    answer is remembered with the text (`met`, by the set's number): patterns share sets."""
    for number, words, needle in checks:
        holds = met.get(number)
        if holds is None:
            if needle is not None:
                holds = needle(lower) is not None
            else:
                holds = False
                for word in words:
                    if word in lower:
                        holds = True
                        break
            met[number] = holds
        if not holds:
            return False
    return True


class FastPattern:
    """A compiled pattern (see the module text). Methods take `re.Pattern`'s arguments."""

    __slots__ = ("unicode", "ascii", "required", "checks", "pattern", "flags", "groups", "groupindex")

    def __init__(self, compiled: re.Pattern[str]):
        self.unicode = compiled
        self.pattern, self.flags = compiled.pattern, compiled.flags
        self.groups, self.groupindex = compiled.groups, compiled.groupindex
        self.ascii = _ascii(compiled)
        self.required = required_sets(compiled)
        self.checks = tuple((_SET_IDS.setdefault(words, len(_SET_IDS)), words,
                             any_of(words).search if len(words) > LOOP_REQUIRED else None)
                            for words in self.required or ())

    def _engine(self, text: str) -> re.Pattern[str] | None:
        """The pattern to run on `text`, or None when it cannot match."""
        lower, safe, met = _seen.get(text) or _facts(text)
        if not safe:
            return self.unicode
        return self.ascii if _meets(self.checks, lower, met) else None

    # search, match and finditer carry most of the readers' calls: they take re's arguments explicitly (no
    # *args/**kwargs packing on every call); the other methods go through _engine.
    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        lower, safe, met = _seen.get(string) or _facts(string)
        if not safe:
            return self.unicode.search(string, pos, endpos)
        return self.ascii.search(string, pos, endpos) if _meets(self.checks, lower, met) else None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        lower, safe, met = _seen.get(string) or _facts(string)
        if not safe:
            return self.unicode.match(string, pos, endpos)
        return self.ascii.match(string, pos, endpos) if _meets(self.checks, lower, met) else None

    def fullmatch(self, string: str, *args, **kwargs) -> re.Match[str] | None:
        engine = self._engine(string)
        return engine.fullmatch(string, *args, **kwargs) if engine else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        lower, safe, met = _seen.get(string) or _facts(string)
        if not safe:
            return self.unicode.finditer(string, pos, endpos)
        return self.ascii.finditer(string, pos, endpos) if _meets(self.checks, lower, met) else iter(())

    def findall(self, string: str, *args, **kwargs) -> list:
        engine = self._engine(string)
        return engine.findall(string, *args, **kwargs) if engine else []

    def sub(self, repl, string: str, *args, **kwargs) -> str:
        engine = self._engine(string)
        return engine.sub(repl, string, *args, **kwargs) if engine else string

    def subn(self, repl, string: str, *args, **kwargs) -> tuple[str, int]:
        engine = self._engine(string)
        return engine.subn(repl, string, *args, **kwargs) if engine else (string, 0)

    def split(self, string: str, *args, **kwargs) -> list[str]:
        engine = self._engine(string)
        return engine.split(string, *args, **kwargs) if engine else [string]

    def __repr__(self) -> str:
        return f"FastPattern({self.unicode!r})"


def compile(pattern: str, flags: int = 0) -> FastPattern:  # noqa: A001 (the name re users expect)
    """`re.compile`, answered faster on report text."""
    return FastPattern(re.compile(pattern, flags))
