"""'the previous month' and 'the prior quarter' after a month or quarter the sentence names are the ones
before it ("the surplus narrowed to $95.7 billion in October from $81.7 billion in the previous month":
September), not the ones before publication, as 'a year earlier' counts from the sentence's own year."""

from __future__ import annotations

import re
from datetime import timedelta

from metrics.calendar import add_months
from metrics.link.scope import Figure, Scope
from metrics.records import Period

_PREVIOUS = re.compile(r"(?:the\s+)?(?:previous|prior|preceding)\s+(month|quarter)", re.IGNORECASE)
_MONTHS = {"month": 1, "quarter": 3}


def period_before_own_period(scope: Scope, figure: Figure) -> None:
    """The month or quarter before the last one of that grain named earlier in the sentence."""
    mention = scope.governing.get(figure.quantity.start)
    found = _PREVIOUS.fullmatch(mention.surface) if mention is not None else None
    if mention is None or found is None:
        return
    grain = found.group(1).lower()
    named = [
        t
        for t in scope.times
        if t.end <= mention.start
        and t.period.grain == grain
        and t.period.start is not None
        and not _PREVIOUS.fullmatch(t.surface)
    ]
    if not named:
        return
    start = named[-1].period.start
    assert start is not None
    first = add_months(start, -_MONTHS[grain])
    figure.period = Period(first, add_months(first, _MONTHS[grain]) - timedelta(days=1), grain)
    figure.period_source = "sentence"
