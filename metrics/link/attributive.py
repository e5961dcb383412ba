"""Months written as modifiers of a noun ("the February trade surplus", "the bureau's January survey", "a 2
pct December rise"): a time expression the finder leaves alone, since a bare month name is often no period
of any figure. Read only after a word, a genitive or a figure and before a lower-case noun, they frame the
figures after them in their clause and are the period "the same month of 1986" refers back to. A month
before a contract word ("the June futures") is a delivery, not a period."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from metrics.calendar import month_number
from metrics.find import timex_tense
from metrics.find.tokens import Tokens
from metrics.lexicon import _toml, lexicon
from metrics.records import TimeMention

_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NAMES = frozenset(name.lower() for name in _FULL_MONTHS.split("|"))
_ATTRIBUTIVE = re.compile(rf"\b({_FULL_MONTHS})[ \t]+([a-z][a-z-]+)\b")
_BEFORE = re.compile(r"(?:\b[A-Za-z]+|\w['’]s|%)[ \t]+$")
"""What may stand before a month used as a modifier: a word, a genitive or a figure's percent sign."""


_NOT_NOUNS = frozenset(
    {"to", "through", "and", "or", "of", "in", "on", "at", "for", "from", "by", "quarter", "half", "year"}
)
"""Words after a month that make it no modifier of a period's figures: a range ("the October to December
quarter") or a quarter, half or year named by its last month ("the September quarter")."""


@cache
def _contract_words() -> frozenset[str]:
    return frozenset(word.lower() for word in _toml("time_words.toml")["contract_words"]["words"])


def attributive_months(
    text: str, tokens: Tokens, published: date | None, taken: list[tuple[int, int]]
) -> list[TimeMention]:
    """The months used as modifiers in `text`, outside the spans of time expressions already found, each
    the latest such month not after publication (the coming one when its clause speaks of the future)."""
    if published is None:
        return []
    out = []
    for at in tokens.starts(_NAMES):
        found = _ATTRIBUTIVE.match(text, at)
        if found is None:
            continue
        start, end = found.span(1)
        noun = found.group(2)
        if noun in _contract_words() or noun in _NOT_NOUNS or noun in lexicon().number_words:
            continue  # "began May nine": a day written out
        if not _BEFORE.search(text, max(0, start - 30), start) or any(
            a < end and start < b for a, b in taken
        ):
            continue
        first, _last = timex_tense.clause_bounds(text, start)
        when = "future" if timex_tense.future_in(text[first:start]) else "past"
        period = timex_tense.month(month_number(text[start:end]), published, when)
        out.append(TimeMention(start, end, text[start:end], period, "in"))
    return out
