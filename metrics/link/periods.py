"""When a figure holds: the rule steps that turn the time expression governing a figure (link/govern.py)
into its period. "by 2022" bounds only the end; an undated figure moved "from" a dated one comes after
it; "a year earlier" counts back from the sentence's own year; "later" follows the last dated figure of
the same metric; a figure with no time of its own holds as of publication when the sentence speaks in
the present, and at some undated time before publication otherwise, unless it is of what the headline
is about and the headline names a period (find/timex_headline.py): then that period, from the context."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN, month_end
from metrics.find.timex_headline import headline_period as read_headline
from metrics.find.tokens import Tokens
from metrics.lexicon import _toml, alternation, lexicon
from metrics.link import keywords as cue
from metrics.link.document import LinkDocument, inverted
from metrics.link.keywords import vocabularies
from metrics.link.measures import indicator_of
from metrics.link.scope import Figure, Scope
from metrics.link.year_shift import year_earlier
from metrics.records import Period, TimeMention

MAX_FROM_FIGURES = 4
"""How many figures after an undated one may be the dated figure it moved from."""
MAX_FROM_GAP = 200
"""Characters between an undated figure and the dated one it moved from, at most ("to $20 billion from the
highs of $30 billion in 2014")."""
DATED_GRAINS = ("year", "month", "quarter", "day", "span")
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
        so_far = cue.SO_FAR_BEFORE.search(doc.text, max(0, mention.start - 24), mention.start)
        if so_far and _under_way(period, doc.published):
            figure.period = Period(period.start, doc.published, "span")
            figure.period_text = doc.text[so_far.start() : mention.end]
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
    undated(scope, figure)


def _under_way(period: Period, published: date | None) -> bool:
    """Whether the period had begun and not ended at publication."""
    if period.start is None or period.end is None or published is None:
        return False
    return period.start <= published < period.end


def undated(scope: Scope, figure: Figure) -> None:
    """A figure with no time of its own: a present state holds at publication ("has 300 employees"),
    anything else at some undated time up to it."""
    doc = scope.doc
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
        and not cue.PREVIOUS_PERIOD.fullmatch(t.surface)  # "a month earlier": counted from publication there
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
    """The one period the headline names (find/timex_headline.py), worked out once per story."""
    if "headline" not in doc.story_periods:
        doc.story_periods["headline"] = read_headline(doc.title, doc.published)
    return doc.story_periods["headline"]


def headline_metrics(doc: LinkDocument) -> frozenset[str]:
    """The metrics a headline names ("orders" in "January orders fall")."""
    if "headline" not in doc.story_metrics:
        title = doc.title or ""
        doc.story_metrics["headline"] = frozenset(
            hit.name for hit in vocabularies().metrics.hits(title, Tokens(title)).items
        )
    return doc.story_metrics["headline"]


def _headline_indicators(doc: LinkDocument) -> frozenset[str]:
    """The vocabulary indicators of the metrics the headline names ("NET" and "net income" are both
    profit): the linker's metric names and the vocabulary's differ in wording, not in meaning."""
    if "headline indicators" not in doc.story_metrics:
        found = (indicator_of(name) for name in headline_metrics(doc))
        doc.story_metrics["headline indicators"] = frozenset(i.name for i in found if i is not None)
    return doc.story_metrics["headline indicators"]


def _about_the_headline(scope: Scope, figure: Figure) -> bool:
    """Whether a figure is of what the headline names: its metric is one the headline names (in the
    linker's words or the vocabulary's), or, for a figure that counts no noun of its own, its clause
    names one ("New orders for manufactured goods rose 1.2 pct" under "FEBRUARY ORDERS RISE")."""
    doc, quantity = scope.doc, figure.quantity
    named = headline_metrics(doc)
    if not named:
        return False
    if figure.metric in named:
        return True
    indicator = indicator_of(figure.metric)
    if indicator is not None and indicator.name in _headline_indicators(doc):
        return True
    if quantity.unit == "count" and quantity.noun:
        return False  # "four areas of concern": a count is of its own noun, whatever its clause names
    clause = doc.clause_start(scope.start, quantity.start), doc.clause_end(quantity.noun_end)
    topics = doc.topics(*clause) | (scope.previous.topics if scope.pronoun else set())
    return bool(topics & named)


COMPARED_LOOKBACK = 40
"""Characters before a figure read for the comparison that makes it a base ("against a provisional 29
billion")."""
OWN_PERIOD_AFTER = 40
"""Characters after a figure read for a period noun of its own ("vs 69 mln dlrs in quarter")."""


_UNDATED_MONTH = lazy_re.compile(rf"\bin\s+{MONTH_PATTERN}\b", re.IGNORECASE)
_UNDATED_RELATIVE = lazy_re.compile(
    r"\b(?:this|next|last|coming)\s+(?:year|quarter|month|week)\b", re.IGNORECASE
)
"""'next year's earnings', 'in December' in a story without a date: times of the figure's own that could
not be dated (with a date they are time expressions and govern it)."""


@cache
def _own_period() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A period the figure names for itself that no date was read for: after it, "in/for/during the
    (nine) months/year/qtr"; before it in its sentence, "prior/previous/year-ago quarter", "In the three
    months, ..." or "nine mths net includes" (time_words.toml [period_nouns])."""
    nouns = alternation(_toml("time_words.toml")["period_nouns"]["words"])
    after = re.compile(rf"\b(?:in|for|during|over)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:{nouns})\b", re.I)
    counts = alternation([*lexicon().number_words, *_toml("time_words.toml")["counts"]])
    before = re.compile(
        rf"\b(?:prior|previous|year-ago|year-earlier|earlier|\d+|{counts})[ \t-]+"
        rf"(?:{nouns})\b",
        re.I,
    )
    return after, before


def _names_own_period(scope: Scope, figure: Figure) -> bool:
    """Whether the figure's own words name a period the time finder did not date: that one, not the
    headline's, is the figure's ("227.5 mln dlrs vs 42.7 mln dlrs in nine mths")."""
    doc, quantity = scope.doc, figure.quantity
    after, before = _own_period()
    following = scope.quantities[figure.index + 1 : figure.index + 2]
    stop = min(quantity.noun_end + OWN_PERIOD_AFTER, doc.clause_end(quantity.noun_end), scope.end)
    if following and following[0].unit != quantity.unit:
        stop = min(stop, following[0].start)  # "5 mln dlrs, or 3 cts in year": the pair shares it
    stop = max(stop, quantity.noun_end)
    newline = doc.text.find("\n", quantity.noun_end, stop)
    stop = stop if newline < 0 else newline
    named = after.search(doc.text, quantity.noun_end, stop)
    if named is not None and not _the_headlines_kind(named.group(), headline_period(doc)):
        return True
    if doc.published is None and _UNDATED_MONTH.search(doc.text, quantity.noun_end, stop):
        return True  # "totalled $63.8bn in December" of a story without a date: a month of its own
    if doc.published is None and _UNDATED_RELATIVE.search(doc.text, scope.start, quantity.start):
        return True
    return bool(before.search(doc.text, scope.start, quantity.start))


_KIND_WORDS = {"quarter": ("quarter", "qtr"), "year": ("year",), "month": ("month",)}
"""The period nouns that, unqualified, name the headline's own period ("vs 3 mln in quarter" under "1ST
QTR NET")."""


def _the_headlines_kind(phrase: str, period: Period | None) -> bool:
    """Whether a bare period noun after a figure ("in quarter", "for the year") names the period the
    headline names: then the headline's period is the figure's after all."""
    if period is None or period.grain not in _KIND_WORDS:
        return False
    words = phrase.lower().split()
    kinds = _KIND_WORDS[period.grain]
    return words[-1] in kinds and (len(words) == 2 or (len(words) == 3 and words[1] == "the"))


def _bracketed_after_figure(scope: Scope, figure: Figure) -> bool:
    """'Gold 4.71 billion (4.90 billion and 3.83 billion)': figures in brackets after a figure are its
    earlier values, not figures of the headline's period."""
    if figure.index == 0:
        return False
    before = scope.quantities[figure.index - 1]
    gap = scope.doc.text[before.end : figure.quantity.start]
    return gap.count("(") == 1 and ")" not in gap


def from_headline(scope: Scope, figure: Figure) -> None:
    """A figure of what the headline is about ("FEBRUARY ORDERS RISE", "ACME CORP 1ST QTR NET") that has
    no time of its own, is no present state and is not the base a change is compared with ("from 4 mln",
    "vs 3 mln": an earlier period's figure) takes the period the headline names: its source is the
    context."""
    if figure.period_source != "none" or figure.quantity.start in scope.governing:
        return
    period = headline_period(scope.doc)
    if period is None or not _about_the_headline(scope, figure):
        return
    start = figure.quantity.start
    if cue.COMPARED.search(scope.doc.text, max(scope.start, start - COMPARED_LOOKBACK), start):
        return
    if _names_own_period(scope, figure) or _bracketed_after_figure(scope, figure):
        return
    if figure.quantity.unit in scope.doc.lex.durations:
        return  # "in the four weeks": a span of its own, not a figure of the headline's period
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


_REPORT_GAP = lazy_re.compile(r"[ \t]+(?:on[ \t]+)?")
REPORT_DAYS = 6
"""The longest time after a reporting verb read as when the news was told (a day, "last week"); a
longer one right after it names the figure's period ("reported 1986 profit of ...")."""


def _dates_the_report(doc: LinkDocument, mention: TimeMention) -> bool:
    """Whether the time follows a reporting verb ("said on Tuesday", "announced today")."""
    ends = doc.reporting_ends
    i = bisect_right(ends, mention.start) - 1
    return i >= 0 and bool(_REPORT_GAP.fullmatch(doc.text, ends[i], mention.start))


def told_not_dated(scope: Scope, figure: Figure) -> None:
    """'Zeta said on Tuesday its sales rose 5%', 'announced today that profit rose': a time right after a
    reporting verb that only frames the figure from earlier in the clause is when the news was told, not
    when the figure holds: the figure is dated as one without a time of its own (a plan's is left
    undated by planned_not_announced)."""
    start = figure.quantity.start
    mention = scope.governing.get(start)
    if figure.status != "actual" or mention is None or start not in scope.framed:
        return
    period = mention.period
    if period.start is None or period.end is None or (period.end - period.start).days > REPORT_DAYS:
        return  # "reported 1986 profit", "said March sales rose": the period of the figure itself
    if _dates_the_report(scope.doc, mention):
        undated(scope, figure)
