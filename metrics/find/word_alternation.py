"""A long alternation of phrases, tried at each token with only the phrases that can begin there.

Python's regex engine tries the alternatives of an alternation one after another at each start, and
with IGNORECASE it cannot skip an alternative by its first letter. An alternation of 500 metric words
tried where one of their first words stands spent most of its time in alternatives that begin with
another word. Grouped by first word, the alternatives tried at a token are the few that can begin with
it (plus the wildcard phrases whose prefix it has), in their original order, so the first alternative
that matches — the match — is the same as the whole alternation's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from operator import itemgetter

from metrics import lazy_re
from metrics.find.tokens import Tokens

_WORD = lazy_re.compile(r"\w+")

Matcher = Callable[[str, int], "re.Match[str] | None"]


class WordAlternation:
    """Phrases (a trailing '*' on a one-word phrase makes it a prefix) with their regexes, in the
    order of the alternation; `suffix` follows the whole alternation ("\\b")."""

    __slots__ = (
        "_by_prefix",
        "_by_word",
        "_everywhere",
        "_first_words",
        "_flags",
        "_full",
        "_matchers",
        "_parts",
        "_prefix",
        "_prefix_list",
        "_suffix",
    )

    def __init__(
        self,
        parts: Sequence[tuple[str, str]],
        suffix: str = "",
        flags: int = re.IGNORECASE,
        prefix: str = "",
        wildcards: bool = True,
    ) -> None:
        """`prefix` stands before the alternation (a lookbehind); with wildcards=False a trailing '*'
        is a literal character, not a prefix phrase."""
        self._parts = [regex for _phrase, regex in parts]
        self._prefix = prefix
        self._suffix = suffix
        self._flags = flags
        self._full: re.Pattern[str] | None = None
        self._by_word: dict[str, list[int]] = {}
        self._by_prefix: dict[str, list[int]] = {}
        self._everywhere: list[int] = []
        """Phrases with no word or with letters outside ASCII (whose case folding lower() may not
        mirror): tried at every token, as the whole alternation would be."""
        for index, (phrase, _regex) in enumerate(parts):
            lower = phrase.lower()
            first = _WORD.search(lower)
            if first is None or not phrase.isascii():
                self._everywhere.append(index)
            if first is None:
                continue
            if wildcards and phrase.endswith("*") and first.end() == len(phrase) - 1:
                self._by_prefix.setdefault(first.group(), []).append(index)
            else:
                self._by_word.setdefault(first.group(), []).append(index)
        self._first_words = frozenset(self._by_word)
        self._prefix_list = tuple(sorted(self._by_prefix))
        self._matchers: dict[tuple[str, ...], Matcher] = {}
        """One compiled sub-alternation per combination of first word and prefixes met; bounded by
        the table (its keys are table words, never text)."""

    @property
    def full(self) -> re.Pattern[str]:
        """The whole alternation, compiled on first use (a token outside ASCII; most texts have none):
        compiling 800 entity names costs start-up time a one-line extract need not pay."""
        if self._full is None:
            self._full = re.compile(f"{self._prefix}(?:{'|'.join(self._parts)}){self._suffix}", self._flags)
        return self._full

    @property
    def words(self) -> frozenset[str]:
        """The first words of the phrases: a token that is one may begin a match."""
        return self._first_words

    @property
    def prefixes(self) -> tuple[str, ...]:
        """The prefixes of the one-word wildcard phrases: a token that begins with one may begin a match."""
        return self._prefix_list

    def matches(self, text: str, tokens: Tokens) -> Iterator[re.Match[str]]:
        """Non-overlapping matches beginning at a token that is one of the first words or has one of
        the prefixes, left to right: the matches of `tokens.starts(words, prefixes)` tried with `full`."""
        keys: dict[str, list[str]] = {word: [word] for word in tokens.present(self._first_words)}
        if self._prefix_list:
            ordered = tokens.ordered_words()
            count = len(ordered)
            for prefix in self._prefix_list:  # inline: one call per prefix per document added up
                i = bisect_left(ordered, prefix)
                while i < count and ordered[i].startswith(prefix):
                    keys.setdefault(ordered[i], []).append("*" + prefix)
                    i += 1
        if not keys:
            return
        by_word = tokens.by_word
        calls: list[tuple[int, Matcher]] = []
        for word, found in keys.items():
            matcher = self._matcher(tuple(found)) if word.isascii() else self.full.match
            calls.extend(zip(by_word[word], repeat(matcher)))  # pairs made in C, not by a generator
        calls.sort(key=itemgetter(0))
        taken = -1
        for start, matcher in calls:
            if start < taken:
                continue
            match = matcher(text, start)
            if match and match.end() > start:
                taken = match.end()
                yield match

    def _matcher(self, keys: tuple[str, ...]) -> Matcher:
        matcher = self._matchers.get(keys)
        if matcher is None:
            indexes = set(self._everywhere)
            for key in keys:
                indexes.update(self._by_prefix[key[1:]] if key[0] == "*" else self._by_word[key])
            alternatives = "|".join(self._parts[i] for i in sorted(indexes))
            matcher = re.compile(f"{self._prefix}(?:{alternatives}){self._suffix}", self._flags).match
            self._matchers[keys] = matcher
        return matcher
