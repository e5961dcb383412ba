""" "Trade" in a market's session ("fell 1.2% in afternoon trade", "in Asian trade on Monday", "at the
close of trade") is when a price moved, not the trade its vocabulary entry means: such a metric word is
dropped, so the figure takes the metric its clause names (oil's price, a share's). The words are
metrics.toml [market_sessions]."""

from __future__ import annotations

import re
from functools import cache

from metrics.lexicon import _toml, alternation
from metrics.link.keywords import Hit

LOOK_BACK = 40
"""Characters before the word within which its session words stand."""


@cache
def _table() -> tuple[frozenset[str], re.Pattern[str]]:
    table = _toml("metrics.toml")["market_sessions"]
    words = alternation(table["before"])
    before = re.compile(
        rf"(?:\bin[ \t]++(?:(?:{words})[ \t]++){{1,2}}|\bclose[ \t]++of[ \t]++)$", re.IGNORECASE
    )
    return frozenset(table["nouns"]), before


def session(text: str, hit: Hit) -> bool:
    """Whether the metric word `hit` is the session of a market ("in early trade")."""
    nouns, before = _table()
    if text[hit.start : hit.end].lower() not in nouns:
        return False
    return before.search(text, max(0, hit.start - LOOK_BACK), hit.start) is not None
