"""A clause of reason or time after a figure ("oil fell 2% as U.S. inventories rose", "copper gained 1.5%
because demand picked up", "shares rose 5% after profit beat forecasts") says why or when the figure
moved: its metric words are another figure's, not this one's. The metric looked for after a figure
stops where such a clause begins. The words are words.toml [reason_clauses]."""

from __future__ import annotations

import re
from functools import cache

from metrics.lexicon import _toml, alternation


@cache
def _opening() -> re.Pattern[str]:
    table = _toml("words.toml")["reason_clauses"]
    words = alternation(table["words"])
    phrases = alternation(table["not_before"])
    return re.compile(rf"\b(?:{words})[ \t]++(?!(?:{phrases})\b)", re.IGNORECASE)


def reason_start(text: str, start: int, end: int) -> int:
    """Where the first clause of reason or time after `start` begins, else `end`."""
    found = _opening().search(text, start, end)
    return found.start() if found else end
