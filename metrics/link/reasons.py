"""A clause of reason or time after a figure ("oil fell 2% as U.S. inventories rose", "copper gained 1.5%
because demand picked up", "shares rose 5% after profit beat forecasts") says why or when the figure
moved: its metric words are another figure's, not this one's. The metric looked for after a figure
stops where such a clause begins. The words are words.toml [reason_clauses].

Where such clauses begin is found once per document, from the token index, and looked up by bisection:
a search from each figure to its clause's end would read a long clause of figures ("Trade 1 1 1 ...")
once for every figure in it."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from metrics.find.tokens import Tokens
from metrics.lexicon import _toml, alternation


@cache
def _table() -> tuple[tuple[str, ...], re.Pattern[str]]:
    table = _toml("words.toml")["reason_clauses"]
    phrases = alternation(table["not_before"])
    opening = re.compile(rf"(?<![a-z])[a-z]++[ \t]++(?!(?:{phrases})\b)", re.IGNORECASE)
    return tuple(word.lower() for word in table["words"]), opening


def reason_starts(text: str, tokens: Tokens) -> list[int]:
    """Sorted offsets where a clause of reason or time begins in `text`."""
    words, opening = _table()
    found = sorted(at for word in words for at in tokens.positions(word))
    return [at for at in found if opening.match(text, at)]


def reason_start(starts: list[int], start: int, end: int) -> int:
    """Where the first clause of reason or time in [start, end) begins (`starts` from reason_starts),
    else `end`."""
    i = bisect_left(starts, start)
    return starts[i] if i < len(starts) and starts[i] < end else end
