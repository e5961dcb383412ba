"""Whether a figure is actual, a forecast or a target (cue words in words.toml [status]).

A target cue earlier in the figure's clause ("plans to", "offered") or a target noun close to it ("the 35
dlr offer", "a trillion dlr budget", "an offering of up to") makes a target. A forecast cue earlier in the
clause makes a forecast, unless the figure's own period is already over at publication: an estimate of a
past period is actual. A figure introduced by "from", "compared with" or "against" is the observed base of
a comparison, so cues before that word do not reach it ("will fall to 10 pct from 20 pct at present").
Else a period that starts (or, for "by 2022", ends) after publication is a forecast."""

from __future__ import annotations

import re
from functools import cache

from metrics.lexicon import _toml, alternation
from metrics.link import keywords as cue
from metrics.link.scope import Figure, Scope

PAST_GRAINS = ("year", "quarter", "month", "day", "span")
"""Grains of a period that can be over at publication (a window "as of" publication never is)."""


NEAR_BEFORE = 40
"""Characters before a figure within which a target noun makes it a target ("an offering of up to")."""


@cache
def _target_nouns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A target noun right after a figure (one word may stand between), and one anywhere in a stretch."""
    nouns = alternation(_toml("words.toml")["status"]["target_nouns"])
    after = re.compile(rf"[ \t-]+(?:[A-Za-z]+[ \t-]+)?(?:{nouns})\b", re.IGNORECASE)
    before = re.compile(rf"\b(?:{nouns})\b", re.IGNORECASE)
    return after, before


def _near_target_noun(scope: Scope, scope_start: int, figure: Figure) -> bool:
    after, before = _target_nouns()
    text, quantity = scope.doc.text, figure.quantity
    if after.match(text, quantity.end):
        return True
    return bool(before.search(text, max(scope_start, quantity.start - NEAR_BEFORE), quantity.start))


def _scope_start(scope: Scope, position: int) -> int:
    """Where the cues that reach `position` may start: its clause, after the last comparison word."""
    doc = scope.doc
    start = doc.clause_start(scope.start, position)
    ends = [match.end() for match in cue.FROM_BETWEEN.finditer(doc.text, start, position)]
    return ends[-1] if ends else start


def status_of(scope: Scope, figure: Figure) -> None:
    """Set the figure's status from the cues of its clause and its period."""
    doc, quantity, period = scope.doc, figure.quantity, figure.period
    scope_start = _scope_start(scope, quantity.start)
    published = doc.published
    own_time = scope.governing.get(quantity.start) is not None
    over = (
        own_time
        and period is not None
        and published is not None
        and period.grain in PAST_GRAINS
        and period.end is not None
        and period.end < published
    )
    if doc.target_hits.any_within(scope_start, quantity.start) or _near_target_noun(
        scope, scope_start, figure
    ):
        figure.status = "target"
    elif doc.forecast_hits.any_within(scope_start, quantity.start):
        figure.status = "actual" if over else "forecast"
    elif period is None or published is None:
        figure.status = "actual"
    elif period.start is not None and period.start > published:
        figure.status = "forecast"
    elif period.start is None and period.end is not None and period.end > published:
        figure.status = "forecast"  # "by 2022", written in 2019
    else:
        figure.status = "actual"
