"""One alternation of named patterns, compiled as two: the alternatives that can begin with a digit,
tried only where a token starts with a digit, and those that can begin with a letter, tried at the
other starts. Python's regex engine tries every alternative in turn at each start; most of a long
alternation cannot begin with the character it meets, and cutting them out of the digit starts
(the commonest trigger) makes the same matches for much less work. The order of the alternatives
is kept in both halves, so the first alternative that matches is the same one as before.

The word half is cut once more, by the letter a start begins with (first_chars.py reads from each
alternative's parse tree which letters it can begin with): at "on" or "from", the most frequent
starts, only the few alternatives that can begin with an "o" or an "f" are tried. A start outside
ASCII is tried with the whole word half (case folding maps some such letters onto ASCII ones).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from metrics.find.first_chars import first_chars, refers_to_groups

Matcher = Callable[[str, int], "re.Match[str] | None"]


class SplitAlternation:
    """Named alternatives (name, pattern), split by what their first character can be."""

    __slots__ = ("_by_letter", "_digit", "_digit_parts", "_firsts", "_word", "_word_parts")

    def __init__(
        self, parts: Sequence[tuple[str, str]], digit_first: Iterable[str], digit_only: Iterable[str]
    ) -> None:
        """`digit_first`: names whose match can begin with a digit; `digit_only`: names whose match
        always does (they are left out of the word half)."""
        can_digit, only_digit = frozenset(digit_first) | frozenset(digit_only), frozenset(digit_only)
        self._digit_parts = [part for part in parts if part[0] in can_digit]
        self._word_parts = [part for part in parts if part[0] not in only_digit]
        self._digit: re.Pattern[str] | None = None
        self._word: re.Pattern[str] | None = None
        self._firsts = (
            None
            if any(refers_to_groups(pattern) for _name, pattern in self._word_parts)
            else [first_chars(pattern, re.IGNORECASE) for _name, pattern in self._word_parts]
        )
        self._by_letter: dict[str, Matcher | None] = {}
        """The word half's alternatives that can begin with a letter, compiled on first use (None:
        none can, so nothing matches there)."""

    def matches(self, text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
        """Non-overlapping matches that begin at one of `starts` (sorted, token starts), left to right."""
        taken = -1
        by_letter = self._by_letter
        digit: Matcher | None = None
        word: Matcher | None = None
        for start in starts:
            if start < taken:
                continue
            char = text[start]
            if char.isdigit():
                if digit is None:
                    digit = self.digit.match
                match = digit(text, start)
            elif self._firsts is None or not char.isascii():
                if word is None:
                    word = self.word.match
                match = word(text, start)
            else:
                key = char.lower()
                matcher = by_letter[key] if key in by_letter else self._compile_letter(key)
                match = matcher(text, start) if matcher is not None else None
            if match and match.end() > start:
                taken = match.end()
                yield match

    @property
    def digit(self) -> re.Pattern[str]:
        """The alternatives that can begin with a digit, compiled on first use (a short text may
        need only some of the halves: compiling them all is most of the CLI's start-up)."""
        if self._digit is None:
            self._digit = _compile(self._digit_parts)
        return self._digit

    @property
    def word(self) -> re.Pattern[str]:
        """The alternatives that can begin with a letter, compiled on first use."""
        if self._word is None:
            self._word = _compile(self._word_parts)
        return self._word

    def _compile_letter(self, key: str) -> Matcher | None:
        firsts = self._firsts or []
        parts = [
            part
            for part, chars in zip(self._word_parts, firsts, strict=True)
            if chars is None or key in chars
        ]
        matcher = _compile(parts).match if parts else None
        self._by_letter[key] = matcher
        return matcher


def _compile(parts: Sequence[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in parts), re.IGNORECASE)
