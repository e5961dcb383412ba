"""When a figure holds: the rule steps that turn the time expression governing a figure (link/govern.py)
into its period. "by 2022" bounds only the end; an undated figure moved "from" a dated one comes after
it; "a year earlier" counts back from the sentence's own year; "later" follows the last dated figure of
the same metric; a figure with no time of its own holds as of publication when the sentence speaks in
the present, and at some undated time before publication otherwise."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from metrics.calendar import MONTH_PATTERN, month_end
from metrics.find.timex import CALENDAR_KINDS, scan
from metrics.find.tokens import Tokens
from metrics.lexicon import _toml, alternation
from metrics.link import keywords as cue
from metrics.link.document import LinkDocument, inverted
from metrics.link.keywords import vocabularies
from metrics.link.scope import Figure, Scope
from metrics.link.year_shift import year_earlier
from metrics.records import Period, TimeMention

MAX_FROM_FIGURES = 4
"""How many figures after an undated one may be the dated figure it moved from."""
MAX_FROM_GAP = 200
"""Characters between an undated figure and the dated one it moved from, at most ("to $20 billion from the
highs of $30 billion in 2014")."""
DATED_GRAINS = ("year", "month", "quarter", "day", "span")
_MAY_DATE = re.compile(rf"\b(?:(?:19|20)\d\d|{MONTH_PATTERN}|quarter|qtr|half|year)", re.IGNORECASE)
"""A headline without a year or one of these words names no period: it is not scanned."""
HEADLINE_GRAINS = ("year", "month", "quarter")
"""Grains of a headline's time that date a story's undated figures ("January orders fall"); a day in a
headline is mostly the event's, not the figures'."""
"""Grains of a period precise enough for a later figure of the same metric to be dated after it."""


@cache
def _year_parts() -> tuple[re.Pattern[str], dict[str, list[int]]]:
    """Part words before a year ("late", "end-") and the months each means (time_words.toml)."""
    parts = _toml("time_words.toml")["year_parts"]
    pattern = re.compile(rf"\b({alternation(parts)})(?:[ \t]*-[ \t]*|[ \t]+(?:of[ \t]+)?)$", re.IGNORECASE)
    return pattern, parts


def _part_of_year(text: str, mention: TimeMention) -> tuple[Period, int] | None:
    """'in late 1986': the months of the year the part word before it names, and where the word starts."""
    period = mention.period
    if period.grain != "year" or period.start is None:
        return None
    pattern, parts = _year_parts()
    found = pattern.search(text, max(0, mention.start - 12), mention.start)
    if found is None:
        return None
    first, last = parts[found.group(1).lower()]
    year = period.start.year
    return Period(date(year, first, 1), month_end(year, last), "span"), found.start()


def after(day: date, published: date | None) -> Period:
    """Some time after `day`, up to publication: the window of an undated figure that came later."""
    start = day + timedelta(days=1)
    return Period(start, published if published and published >= start else None, "undated")


def governed_period(scope: Scope, figure: Figure) -> None:
    """The period of the time expression governing the figure, or of the dated figure it moved from, or
    publication."""
    doc, quantity = scope.doc, figure.quantity
    mention = scope.governing.get(quantity.start)
    if mention is not None and inverted(mention.period):
        mention = None  # "since 2011" in a text published in 2000: no period to give
    if mention is not None:
        period = mention.period
        if mention.relation == "since" and period.end is None:
            figure.period, figure.period_text, figure.period_source = None, mention.surface, "none"
            return
        figure.period_source = "sentence"
        since = cue.SINCE_BEFORE.search(doc.text, max(0, mention.start - 20), mention.start)
        if since and period.start is not None and doc.published is not None and period.start <= doc.published:
            figure.period = Period(period.start, doc.published, "span")
            figure.period_text = doc.text[since.start() : mention.end]
            return
        by = cue.BY_BEFORE.search(doc.text, max(0, mention.start - 20), mention.start)
        if (by or mention.relation == "until") and period.end is not None:
            figure.period = Period(None, period.end, "as_of")
            figure.period_text = doc.text[by.start() if by else mention.start : mention.end]
            return
        part = _part_of_year(doc.text, mention)
        if part is not None:
            figure.period, figure.period_text = part[0], doc.text[part[1] : mention.end]
            return
        figure.period, figure.period_text = period, mention.surface
        return
    # undated: bounded by a dated figure it moved "from" ("to $20 billion from $30 billion in 2014")
    following = scope.quantities[figure.index + 1 : figure.index + 1 + MAX_FROM_FIGURES]
    for other in following:
        if other.start - quantity.end > MAX_FROM_GAP:
            break  # the figure a change starts "from" is written close by
        if other.start not in scope.governing:
            continue
        if cue.FROM_BETWEEN.search(doc.text, quantity.end, other.start) and other.unit == quantity.unit:
            earlier = scope.governing[other.start].period
            if earlier.end is not None:
                figure.period, figure.period_text = after(earlier.end, doc.published), None
                figure.period_source = "sentence"
                return
    figure.period_text = None
    figure.period_source = "none"
    if doc.published is None:
        figure.period = None
        return
    present = doc.present(scope.sentence)
    if present:  # a present state holds at publication ("has 300 employees")
        figure.period, figure.period_source = Period(doc.published, doc.published, "as_of"), "publication"
    else:
        figure.period = Period(None, doc.published, "undated")


CONTRASTED_GRAINS = ("year", "quarter", "month", "span")
"""Grains of a period that "a year earlier" may count back from (a day is mostly the report's, not the
figure's: "said on Friday that sales rose from 5 mln a year earlier")."""


BASE_LOOKBACK = 16
"""Characters before a figure read for the comparison word that makes it a base ("from 81,000")."""


def _is_base(scope: Scope, time: TimeMention) -> bool:
    """Whether a time dates the base of a comparison: the figure right before it follows "from",
    "against" or "compared with" ("rose to 9 in May from 8 in April")."""
    before = [q for q in scope.quantities if q.end <= time.start]
    if not before:
        return False
    start = before[-1].start
    return bool(cue.FROM_BETWEEN.search(scope.doc.text, max(scope.start, start - BASE_LOOKBACK), start))


def _year_before(scope: Scope, mention: TimeMention) -> Period | None:
    """The period a year before the one 'a year earlier' contrasts with: the last dated period before it
    that is not itself a comparison's base ("in May from 8 in April and 7 a year earlier" is May's)."""
    earlier = [
        t
        for t in scope.times
        if t.end <= mention.start
        and t.period.grain in CONTRASTED_GRAINS
        and t.period.start is not None
        and t.period.end is not None
        and not cue.YEAR_BEFORE.fullmatch(t.surface)
    ]
    own = [t for t in earlier if not _is_base(scope, t)] or earlier
    return year_earlier(own[-1].period) if own else None


def year_before_own_year(scope: Scope, figure: Figure) -> None:
    """'a year earlier' after 'in February' in the same sentence is that February a year before, not the
    year before publication."""
    mention = scope.governing.get(figure.quantity.start)
    if mention is not None and cue.YEAR_BEFORE.fullmatch(mention.surface):
        figure.period = _year_before(scope, mention) or figure.period
        figure.period_source = "sentence"


def later_than_last(scope: Scope, figure: Figure) -> None:
    """'later dropped to $20 billion': after the last dated figure of the same metric; and remember this
    figure's period for the figures after it."""
    period, doc = figure.period, scope.doc
    last_dated = scope.run.last_dated
    undated = period is not None and period.start is None
    if undated and cue.LATER.search(doc.text, scope.start, figure.quantity.start):
        earlier = last_dated.get(figure.metric)
        if earlier is not None and earlier.end is not None:
            period = figure.period = after(earlier.end, doc.published)
            figure.period_source = "context"
    if period is not None and period.grain in DATED_GRAINS:
        last_dated[figure.metric] = period


def headline_period(doc: LinkDocument) -> Period | None:
    """The one month, quarter or year a headline names, when it names exactly one and it is not after
    publication (a headline about a plan "for 1990" does not date the story's figures)."""
    if "headline" in doc.story_periods:
        return doc.story_periods["headline"]
    found = None
    if doc.title and _MAY_DATE.search(doc.title):
        periods = [
            period
            for _start, _end, kind, period, _relation in scan(doc.title, doc.published)
            if period is not None and kind in CALENDAR_KINDS and period.grain in HEADLINE_GRAINS
        ]
        if len(periods) == 1 and periods[0].start is not None and not inverted(periods[0]):
            period = periods[0]
            if doc.published is None or period.start is None or period.start <= doc.published:
                found = period
    doc.story_periods["headline"] = found
    return found


def headline_metrics(doc: LinkDocument) -> frozenset[str]:
    """The metrics a headline names ("orders" in "January orders fall")."""
    if "headline" not in doc.story_metrics:
        title = doc.title or ""
        doc.story_metrics["headline"] = frozenset(
            hit.name for hit in vocabularies().metrics.hits(title, Tokens(title)).items
        )
    return doc.story_metrics["headline"]


def from_headline(scope: Scope, figure: Figure) -> None:
    """An undated figure of what the headline is about ("January orders fall" and the story's figures of
    orders), and no present state, takes the period the headline names: its source is the context."""
    if figure.period_source != "none" or figure.quantity.start in scope.governing:
        return
    period = headline_period(scope.doc)
    if period is not None and figure.metric in headline_metrics(scope.doc):
        figure.period, figure.period_source = period, "context"


def planned_not_announced(scope: Scope, figure: Figure) -> None:
    """A planned or expected figure ("said on Tuesday it plans to build 500 homes") holds for the period it
    is planned for, not the day it was announced: a day that only frames it from earlier in the clause,
    and is not after publication, is the announcement's. It is left undated (after status is set)."""
    period = figure.period
    if (
        figure.status == "actual"
        or period is None
        or period.grain != "day"
        or figure.quantity.start not in scope.framed
    ):
        return
    published = scope.doc.published
    if published is None or (period.end is not None and period.end <= published):
        figure.period, figure.period_text, figure.period_source = None, None, "none"
