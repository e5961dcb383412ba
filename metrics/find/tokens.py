"""The words of one text, found once and shared by every finder.

Python's regex engine tries an alternation of many phrases at every character, which made the
finders spend most of their time on text that holds nothing. Each finder instead names the words
that can begin one of its matches, and tries its pattern only where such a word starts. One pass
over the words indexes where each starts (measured faster than a C-level search per trigger word).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from re import Match, Pattern
from typing import Any, TypeVar

from metrics import lazy_re

T = TypeVar("T")

_WORD = lazy_re.compile(r"\w+")


class Tokens:
    """Where each distinct (lower-cased) word of a text starts, and where tokens start with a digit."""

    __slots__ = ("_found", "_ordered", "by_word", "digit_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        by_word: dict[str, list[int]] = {}
        digit_starts: list[int] = []
        seen = by_word.get  # a new list only for a new word: setdefault built one per token
        for match in _WORD.finditer(text):
            word = match.group()
            if word[0].isdigit():
                digit_starts.append(match.start())
            else:
                word = word.lower()
                starts = seen(word)
                if starts is None:
                    by_word[word] = [match.start()]
                else:
                    starts.append(match.start())
        self.by_word = by_word
        self.digit_starts = digit_starts
        self._ordered: list[str] | None = None
        self._found: dict[str, Any] = {}

    def once(self, key: str, find: Callable[[], T]) -> T:
        """What a finder found in this text, found once: the linker and the cast both ask for the
        entity mentions of the same text (`key` names the finder, so it is bounded by the code)."""
        if key not in self._found:
            self._found[key] = find()
        return self._found[key]

    @property
    def vocabulary(self) -> frozenset[str] | set[str]:
        return self.by_word.keys()  # type: ignore[return-value]

    def present(self, words: AbstractSet[str]) -> AbstractSet[str]:
        """Which of `words` occur in the text. Both ways walk the smaller collection in C:
        `dict_keys & set` walks its right side and `set.intersection(dict)` the dict (a long
        trigger table against a document's few hundred words, or a few cue words against them)."""
        by_word = self.by_word
        if len(words) <= len(by_word) or not isinstance(words, (set, frozenset)):
            return by_word.keys() & words
        return words.intersection(by_word)

    def any_of(self, words: AbstractSet[str]) -> bool:
        """Whether any of `words` occurs in the text (dict_keys.isdisjoint walks the shorter side)."""
        return not self.by_word.keys().isdisjoint(words)

    def positions(self, word: str) -> list[int]:
        """Start offsets of the (lower-case) word as a whole token."""
        return self.by_word.get(word, [])

    def starts(
        self, words: Iterable[str] = (), prefixes: tuple[str, ...] = (), digits: bool = False
    ) -> list[int]:
        """Sorted start offsets of tokens that are one of `words`, begin with one of `prefixes`,
        or (with digits=True) begin with a digit."""
        found: list[int] = list(self.digit_starts) if digits else []
        by_word = self.by_word
        present = self.present(words if isinstance(words, (set, frozenset)) else set(words))
        for word in present:
            found.extend(by_word[word])
        if prefixes:
            ordered = self.ordered_words()
            for prefix in prefixes:
                i = bisect_left(ordered, prefix)
                while i < len(ordered) and ordered[i].startswith(prefix):
                    if ordered[i] not in present:
                        found.extend(by_word[ordered[i]])
                    i += 1
        found.sort()
        return found

    def folded_starts(self, words: AbstractSet[str]) -> list[int]:
        """Sorted start offsets of the tokens that are one of `words` (lower-case ASCII), and of every
        token outside ASCII: where a pattern with IGNORECASE that begins with one of `words` can begin
        a match ("ſ" is an "s" to it, not to lower()), so trying it only there finds what a search of
        the whole text finds."""
        by_word = self.by_word
        found = [at for word in self.present(words) for at in by_word[word]]
        if not self.text.isascii():
            found.extend(at for word, starts in by_word.items() if not word.isascii() for at in starts)
        found.sort()
        return found

    def lines_with(self, phrases: dict[str, tuple[str, ...]], also: str = "") -> list[tuple[int, int]]:
        """The (start, end) of each line that holds one of `phrases` as written, keyed by their first
        word lower-cased, or the character `also`: where a pattern whose matches stay within a line
        and must hold one of them can match (a case-sensitive pattern, so the phrase is compared as
        written; the line end is the offset of its newline)."""
        text = self.text
        at: list[int] = []
        for word in self.present(phrases.keys()):
            written = phrases[word]
            at.extend(p for p in self.by_word[word] if text.startswith(written, p))
        if also:
            found = text.find(also)
            while found >= 0:
                at.append(found)
                found = text.find(also, found + 1)
        lines = []
        line_end = -1
        for position in sorted(at):
            if position < line_end:
                continue
            line_end = text.find("\n", position)
            if line_end < 0:
                line_end = len(text)
            lines.append((text.rfind("\n", 0, position) + 1, line_end))
        return lines

    def ordered_words(self) -> list[str]:
        """The distinct words in sorted order (for prefix look-ups by bisection), built on first use."""
        if self._ordered is None:
            self._ordered = sorted(self.by_word)
        return self._ordered


def matches_at(pattern: Pattern[str], text: str, starts: Iterable[int]) -> Iterator[Match[str]]:
    """Non-overlapping matches of `pattern` that begin at one of `starts` (sorted), left to right."""
    taken = -1
    for start in starts:
        if start < taken:
            continue
        match = pattern.match(text, start)
        if match and match.end() > start:
            taken = match.end()
            yield match


def matches_between(
    pattern: Pattern[str], text: str, starts: list[int], start: int, end: int
) -> Iterator[Match[str]]:
    """`pattern.finditer(text, start, end)` for a pattern whose matches begin only at one of `starts`
    (sorted): tried there alone, from the first at or after `start`."""
    taken = -1
    for at in starts[bisect_left(starts, start) :]:
        if at >= end:
            return
        if at < taken:
            continue
        match = pattern.match(text, at, end)
        if match and match.end() > at:
            taken = match.end()
            yield match


def first_words(phrases: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The lower-cased first tokens of phrases, and the prefixes of those ending in '*' (wildcards)."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for phrase in phrases:
        first = _WORD.search(phrase.lower())
        if first is None:
            continue
        if phrase.endswith("*") and first.end() == len(phrase) - 1:
            prefixes.add(first.group())
        else:
            words.add(first.group())
    return frozenset(words), tuple(sorted(prefixes))
