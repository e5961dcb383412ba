"""One alternation of named patterns, compiled as two: the alternatives that can begin with a digit,
tried only where a token starts with a digit, and those that can begin with a letter, tried at the
other starts. Python's regex engine tries every alternative in turn at each start; most of a long
alternation cannot begin with the character it meets, and cutting them out of the digit starts
(the commonest trigger) makes the same matches for much less work. The order of the alternatives
is kept in both halves, so the first alternative that matches is the same one as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence


class SplitAlternation:
    """Named alternatives (name, pattern), split by what their first character can be."""

    __slots__ = ("digit", "word")

    def __init__(
        self, parts: Sequence[tuple[str, str]], digit_first: Iterable[str], digit_only: Iterable[str]
    ) -> None:
        """`digit_first`: names whose match can begin with a digit; `digit_only`: names whose match
        always does (they are left out of the word half)."""
        can_digit, only_digit = frozenset(digit_first) | frozenset(digit_only), frozenset(digit_only)
        self.digit = _compile([part for part in parts if part[0] in can_digit])
        self.word = _compile([part for part in parts if part[0] not in only_digit])

    def matches(self, text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
        """Non-overlapping matches that begin at one of `starts` (sorted, token starts), left to right."""
        taken = -1
        digit, word = self.digit.match, self.word.match
        for start in starts:
            if start < taken:
                continue
            match = digit(text, start) if text[start].isdigit() else word(text, start)
            if match and match.end() > start:
                taken = match.end()
                yield match


def _compile(parts: Sequence[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in parts), re.IGNORECASE)
