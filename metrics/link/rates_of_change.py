"""A bare "rate" after a word of period ("grew at a 3.3% annualized rate", "an annual rate of 2.1 pct") is
the pace of the change its clause names, not a metric of its own: the vocabulary's "rate*" would make it
an interest rate. Such a metric word is dropped, so the figure takes the metric its clause names. The
words are metrics.toml [rates_of_change]."""

from __future__ import annotations

import re
from functools import cache

from metrics.lexicon import _toml
from metrics.link.keywords import Hit


@cache
def _table() -> tuple[frozenset[str], re.Pattern[str]]:
    table = _toml("metrics.toml")["rates_of_change"]
    words = "|".join(sorted((re.escape(word) for word in table["words"]), key=len, reverse=True))
    return frozenset(table["nouns"]), re.compile(rf"\b(?:{words})[ \t]+$", re.IGNORECASE)


def pace(text: str, hit: Hit) -> bool:
    """Whether the metric word `hit` is a bare rate after a word of period (the pace of a change)."""
    nouns, before = _table()
    if text[hit.start : hit.end].lower() not in nouns:
        return False
    return before.search(text, max(0, hit.start - 16), hit.start) is not None
