"""Whether a figure is actual, a forecast or a target (cue words in words.toml [status]).

A target cue earlier in the figure's clause ("plans to", "offered") or a target noun close to it ("the 35
dlr offer", "a trillion dlr budget", "an offering of up to") makes a target. A forecast cue earlier in the
clause makes a forecast, unless the figure's own period is already over at publication: an estimate of a
past period is actual. A figure introduced by "from", "compared with" or "against" is the observed base of
a comparison, so cues before that word do not reach it ("will fall to 10 pct from 20 pct at present").
Else a period that starts (or, for "by 2022", ends) after publication is a forecast, and so is the figure
of a year or quarter under way at publication ("2 pct growth this year"), unless the clause says it is a
running total ("so far") or reports it done ("rose", "was"), or speaks in the present, or the period is a
year written as a number (the year of accounts so far: "1987 net includes"). A modal verb right after the
figure ("15 mln tonnes will be wheat") is a forecast cue too. A figure restated in brackets ("$499
(£264)") shares the status and period of the one it restates."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from metrics.lexicon import _toml, alternation
from metrics.link.scope import Figure, Scope

PAST_GRAINS = ("year", "quarter", "month", "day", "span")
"""Grains of a period that can be over at publication (a window "as of" publication never is)."""


NEAR_BEFORE = 40
"""Characters before a figure within which a target noun makes it a target ("an offering of up to")."""


@cache
def _target_nouns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A target noun right after a figure (one word may stand between), and one anywhere in a stretch."""
    nouns = alternation(_toml("words.toml")["status"]["target_nouns"])
    # matched right after a figure; (?<![ \t-]) keeps a search over a long blank run linear
    after = re.compile(rf"(?<![ \t-])[ \t-]++(?:[A-Za-z]++[ \t-]++)?(?:{nouns})\b", re.IGNORECASE)
    before = re.compile(rf"\b(?:{nouns})\b", re.IGNORECASE)
    return after, before


def _near_target_noun(scope: Scope, scope_start: int, figure: Figure) -> bool:
    after, before = _target_nouns()
    text, quantity = scope.doc.text, figure.quantity
    if after.match(text, quantity.end):
        return True
    return bool(before.search(text, max(scope_start, quantity.start - NEAR_BEFORE), quantity.start))


@cache
def _forecast_after() -> re.Pattern[str]:
    """A modal verb right after the figure and its noun, which are its subject: 'X tonnes will be wheat'
    (not 'the 44 bln mark reform will be financed', whose subject is the reform)."""
    cues = alternation(_toml("words.toml")["status"]["forecast_after"])
    return re.compile(rf"[ \t]++(?-i:{cues})\b")


@cache
def _so_far() -> re.Pattern[str]:
    """Words that make a figure of a period under way a running one ("so far"), or a reported one."""
    status = _toml("words.toml")["status"]
    return re.compile(rf"\b(?:{alternation([*status['so_far'], *status['reported']])})\b", re.IGNORECASE)


_EXPLICIT_YEAR = re.compile(r"\d{4}")
_PART_OF_YEAR = re.compile(r"\b(?:quarter|half)\b", re.IGNORECASE)
UNFINISHED_GRAINS = ("year", "quarter")
"""Grains of a period that may be under way at publication, its full figure not yet known (a month under
way is mostly reported so far: "this month's auction yielded 7.3 pct")."""


def _scope_start(scope: Scope, position: int) -> int:
    """Where the cues that reach `position` may start: its clause, after the last comparison word."""
    doc = scope.doc
    return doc.comparison_start(doc.clause_start(scope.start, position), position)


def _unfinished(scope: Scope, figure: Figure, published: date) -> bool:
    """Whether the figure's own period is under way at publication and the clause does not say the figure
    is a running total ("so far this year")."""
    period = figure.period
    if period is None or period.grain not in UNFINISHED_GRAINS or period.start is None or period.end is None:
        return False
    if not period.start <= published < period.end:
        return False
    said = figure.period_text or ""
    if _EXPLICIT_YEAR.search(said) and not _PART_OF_YEAR.search(said):
        return False  # "1987 net includes": reports name the year of accounts they have so far
    if scope.doc.present(scope.sentence):
        return False  # "this year are up over 40 pct": a running figure
    clause_start = scope.doc.clause_start(scope.start, figure.quantity.start)
    clause_end = scope.doc.clause_end(figure.quantity.end)
    return not _so_far().search(scope.doc.text, clause_start, min(clause_end, scope.end))


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
    elif doc.forecast_hits.any_within(scope_start, quantity.start) or _forecast_after().match(
        doc.text, quantity.noun_end
    ):
        figure.status = "actual" if over else "forecast"
    elif period is None or published is None:
        figure.status = "actual"
    elif own_time and _unfinished(scope, figure, published):
        figure.status = "forecast"  # "growth of 2 pct this year", written in June
    elif period.start is not None and period.start > published:
        figure.status = "forecast"
    elif period.start is None and period.end is not None and period.end > published:
        figure.status = "forecast"  # "by 2022", written in 2019
    else:
        figure.status = "actual"


_RESTATED = re.compile(r"[ \t]*\((?:[^()]*[;,/][ \t]*)?")
"""'$499 (£264)', '570 rupees (£6.80; $13)': the bracketed figures restate the one before in other units."""


def restated_in_brackets(scope: Scope, figure: Figure) -> None:
    """A figure in brackets right after another restates it: same status and period."""
    before = scope.previous_figure
    if before is None or figure.index == 0:
        return
    left = scope.quantities[figure.index - 1]
    if _RESTATED.fullmatch(scope.doc.text, left.end, figure.quantity.start) is None:
        return
    figure.status, figure.period = before.status, before.period
    figure.period_text, figure.period_source = before.period_text, before.period_source
