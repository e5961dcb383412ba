"""The characters a regular expression's match can begin with, read from the pattern's parse tree.

An alternation is tried alternative after alternative at each start; knowing which alternatives can
begin with the character at the start lets a finder try only those, in their order, and find the same
match. The reading is conservative: whatever it cannot bound (a negated class, a category other than
digits, a non-ASCII literal that case folding may map onto ASCII, an alternative that can match the
empty string) counts as "any character", so the alternative is tried everywhere. Characters are
lower-cased ASCII (patterns here are matched with IGNORECASE, and a start outside ASCII is tried
with every alternative by the caller).
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
import string
from typing import Any

_DIGITS = frozenset(string.digits)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-cased ASCII characters a match of `pattern` can begin with, or None (any)."""
    chars, nullable = _sequence(sre_parse.parse(pattern, flags).data)
    return None if chars is None or nullable else frozenset(chars)


def _sequence(items: Any) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string)."""
    found: set[str] = set()
    for op, av in items:
        chars, nullable = _item(op, av)
        if chars is None:
            return None, True
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op in _ZERO_WIDTH:
        return set(), True  # a lookaround or anchor consumes nothing: what follows it begins the match
    if op is sre.LITERAL:
        return _literal(av), False
    if op is sre.IN:
        return _charset(av), False
    if op is sre.SUBPATTERN:
        return _sequence(av[3].data)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is sre.BRANCH:
        found: set[str] = set()
        empty = False
        for branch in av[1]:
            chars, nullable = _sequence(branch.data)
            if chars is None:
                return None, True
            found |= chars
            empty = empty or nullable
        return found, empty
    if op in _REPEATS:
        low, _high, body = av
        chars, nullable = _sequence(body.data)
        return chars, nullable or low == 0
    return None, True  # ANY, NOT_LITERAL, group references, anything not read here


def _literal(code: int) -> set[str] | None:
    char = chr(code)
    return {char.lower()} if char.isascii() else None


def _charset(items: Any) -> set[str] | None:
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars = _literal(av)
        elif op is sre.RANGE:
            low, high = av
            chars = {chr(c).lower() for c in range(low, high + 1)} if high < 128 else None
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars = set(_DIGITS)
        else:
            chars = None  # a negated set, \w, \s, ...
        if chars is None:
            return None
        found |= chars
    return found


def refers_to_groups(pattern: str) -> bool:
    """Whether `pattern` refers to a group by number or name (a sub-alternation would renumber it)."""
    return bool(re.search(r"\\[1-9]|\(\?P=", pattern))
