"""Time expressions as a stage of their own: every date, time, duration and set in a text, with its
TIMEX3 type and value and, where it denotes one, its period. `metrics times` prints them.

The calendar expressions the extractor uses (timex.scan) are joined by the ones only a time tagger
needs (timex_extra: durations, present/past/future references, seasons, parts of days, sets, months
without a year) and by expressions that take the period in context (timex_context: "a year
earlier", "the latest quarter"). Fiscal years follow the calendar of the country named before them
or the one the article states (fiscal.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import WEEKDAYS, month_end
from metrics.find import timex_tense
from metrics.find.timex import scan
from metrics.find.timex3 import duration_value, period_value, type_and_value
from metrics.find.timex_anchors import (
    FOLLOWING,
    ContextPeriods,
    ended_day,
    first_months,
    following,
    last_year_compared,
    quarter_ended,
    that_year,
    window_and_day,
    year_ended,
)
from metrics.find.timex_context import CONTEXT_PATTERN, YEAR_PART, in_year, relative_to
from metrics.find.timex_dates import year_value
from metrics.find.timex_expression import TimeExpression
from metrics.find.timex_extra import extra_expressions
from metrics.find.timex_join import join_pieces, spelled_years
from metrics.find.timex_words import counts, year_period
from metrics.lexicon import _toml
from metrics.records import Period

_TENSED = frozenset({"weekday", "weekend"})
_CONTEXT_GRAINS = frozenset({"quarter", "month"})
_NOT_NAMED = frozenset({"this_day", "reference", "year_of", "relative_year", "relative_period", "weekday"})
"""Expressions counted from publication: 'that year' refers back past them to a year the text named."""
_YEAR_BACK = frozenset({"year_earlier", "year_back"})
_Candidate = tuple[int, int, str, str, "str | None", "Period | None", str]


_PART_UNIT = lazy_re.compile(r"\b(week|month|year)\b", re.IGNORECASE)
_OF_YEAR = lazy_re.compile(r"\s+of\s+(?:fiscal\s+)?(?=\d{4}\b|(?:the|this)\s+year\b)", re.IGNORECASE)


def _whole_value(kind: str, surface: str, period: Period) -> str:
    """'early next year' is next year with a modifier in TIMEX3: the value names the whole period."""
    unit = _PART_UNIT.search(surface)
    start = period.start
    if start is None:
        return ""
    if kind == "thirds_of_year" or (unit and unit.group(1).lower() == "year"):
        return str(start.year)
    if unit and unit.group(1).lower() == "week":
        year, week, _day = start.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{start.year}-{start.month:02d}"


_FISCAL_NAME = lazy_re.compile(r"(\d{4}|\d{2})\b(?!\s*[-/]\s*\d)")


def _fiscal_name(surface: str) -> int | None:
    """The year that names a fiscal year ('fiscal 1989' -> 1989, 'FY89' -> 1989)."""
    found = _FISCAL_NAME.search(surface)
    if found is None:
        return None
    return year_value(found.group(1), None)


def _split_first_months(start: int, end: int, text: str) -> list[_Candidate] | None:
    """'the first nine months of 1998' is two TIMEX3s: a duration and the year it lies in."""
    joint = _OF_YEAR.search(text, start, end)
    if joint is None:
        return None
    year_text = text[joint.end() : end]
    duration = (start, joint.start(), "duration", "DURATION", duration_value(text[start : joint.start()]))
    if not year_text[:4].isdigit():  # 'of the year': the context's year, resolved as 'the year' is
        return [(*duration, None, "in"), (joint.end(), end, "year_of", "DATE", None, None, "in")]
    year = int(year_text[:4])
    return [(*duration, None, "in"), (joint.end(), end, "year", "DATE", str(year), year_period(year), "in")]


_PAST_FISCAL = lazy_re.compile(
    r"\b(?:the\s+)?(?:last|previous|latest|most\s+recent|past|prior)\s+(?:fiscal|financial)\s+year\b",
    re.IGNORECASE,
)
"""'the latest fiscal year': the one before publication's, named in TIMEX3 as 'last year' is."""
_SPAN_YEAR = lazy_re.compile(r"\d{3,4}")


def _span_ends(text: str, start: int, end: int) -> list[_Candidate]:
    """'between 1985 and 1987', 'from 1990 to 1995': TIMEX3 tags each end, the range word is a
    signal between them."""
    out: list[_Candidate] = []
    for found in _SPAN_YEAR.finditer(text, start, end):
        year = int(found.group())
        out.append((found.start(), found.end(), "year", "DATE", str(year), year_period(year), "in"))
    return out


@cache
def _day_parts() -> frozenset[str]:
    """Words for parts of a day (time_words.toml [day_parts]: "night", "tonight")."""
    return frozenset(_toml("time_words.toml")["day_parts"])


_BEFORE_EVENT = lazy_re.compile(r"before\s+(?:the\s+|its\s+|their\s+|a\s+)?[a-z]", re.IGNORECASE)


_THIS_UNIT = lazy_re.compile(r"(?:(?:this|the)\s+)?\b(year|month|week)\b", re.IGNORECASE)


def _so_far_unit(text: str, start: int, end: int, first: date) -> _Candidate:
    """'so far this year', 'the year so far' as TIMEX3 tags them: 'this year', 'year', the year (or
    month, week) under way."""
    unit = _THIS_UNIT.search(text, start, end)
    at = unit.start() if unit else start
    word = unit.group(1).lower() if unit else "year"
    if word == "year":
        whole = year_period(first.year)
    elif word == "month":
        whole = Period(date(first.year, first.month, 1), month_end(first.year, first.month), "month")
    else:
        whole = Period(first, first + timedelta(days=6), "span")
    return (at, unit.end() if unit else end, "relative_year", "DATE", period_value(whole), whole, "in")


def _candidates(text: str, reference: date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    for start, end, kind, period, relation in scan(text, reference, join=False):
        if kind == "first_months_bare":
            continue  # TIMEX3's 'the first nine months' is a duration (extra_expressions finds it)
        if kind == "this_day" and text[start:end].lower().split()[-1] in _day_parts():
            continue  # 'last night', 'tonight': TIMEX3 tags a part of a day, a TIME (extra_expressions)
        if kind == "first_months":
            parts = _split_first_months(start, end, text)
            if parts:
                found.extend(parts)
                continue
        if kind == "ago" and _BEFORE_EVENT.match(text, end - 6):
            # 'wait 30 days before closing': a length of time before an event, not a date
            count_end = end - len("before")
            duration = text[start:count_end].rstrip()
            found.append(
                (start, start + len(duration), "duration", "DURATION", duration_value(duration), None, "in")
            )
            continue
        if kind in ("so_far_this", "unit_so_far") and period is not None and period.start is not None:
            found.append(_so_far_unit(text, start, end, period.start))  # TIMEX3 tags "this year" alone
            continue
        if kind == "year_span" and period is not None:
            found.extend(_span_ends(text, start, end))
            continue
        if kind == "window" and period is not None:
            pieces = window_and_day(text, start, end, period)
            if pieces:
                found.extend((*piece, "in") for piece in pieces)
                continue
        if kind in ("part_of", "thirds_of_year", "earlier_later") and period is not None:
            found.append(
                (start, end, kind, "DATE", _whole_value(kind, text[start:end], period), period, relation)
            )
            continue
        if kind == "earlier_later" and reference is not None:  # 'earlier this month' on its first day
            whole = _whole_value(kind, text[start:end], Period(reference, reference, "day"))
            found.append((start, end, kind, "DATE", whole, None, relation))
            continue
        if kind == "fiscal" and period is not None and period.end is not None:
            name = period.end.year if period.grain != "year" else period.start.year if period.start else 0
            name = _fiscal_name(text[start:end]) or name
            found.append((start, end, kind, "DATE", str(name), period, relation))
            continue
        kind_type, value = type_and_value(kind, period, relation, text[start:end], reference)
        found.append((start, end, kind, kind_type, value, period, relation))
    for start, end, kind, kind_type, extra_value, period in extra_expressions(text, reference):
        found.append((start, end, kind, kind_type, extra_value, period, "in"))
    for start, end, kind, kind_type, extra_value, period in [*spelled_years(text), *year_ended(text)]:
        found.append((start, end, kind, kind_type, extra_value, period, "in"))
    found = [(*_span(text, item[0], item[1], item[2]), *item[2:]) for item in found]
    for match in YEAR_PART.finditer(text):
        found.append((match.start(), match.end(), "year_part", "DATE", None, None, "in"))
    for match in FOLLOWING.finditer(text):
        found.append((match.start(), match.end(), "following", "DATE", None, None, "in"))
    if reference is not None:
        for match in _PAST_FISCAL.finditer(text):
            year = reference.year - 1
            found.append((match.start(), match.end(), "fiscal", "DATE", str(year), year_period(year), "in"))
    for match in CONTEXT_PATTERN.finditer(text):
        kind = match.lastgroup or ""
        found.append((match.start(), match.end(), kind, "DATE", None, None, "in"))
    return found


def _longest_first(found: list[_Candidate]) -> list[_Candidate]:
    """Overlapping candidates: the longest wins (then the earliest)."""
    kept: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda c: (-(c[1] - c[0]), c[0])):
        if any(item[0] < end and start < item[1] for start, end in taken):
            continue
        kept.append(item)
        taken.append((item[0], item[1]))
    return sorted(kept, key=lambda c: c[0])


def find_time_expressions(text: str, reference: date | None) -> list[TimeExpression]:
    """Every time expression of the text in order, resolved against `reference` (the publication
    date) and, for "a year earlier" or "the latest quarter", against the period named before it."""
    out: list[TimeExpression] = []
    contexts = ContextPeriods()
    named: Period | None = None
    named_days: dict[str, date] = {}
    for start, end, kind, kind_type, value, period, relation in _longest_first(_candidates(text, reference)):
        surface = text[start:end]
        if kind == "weekday" and reference is not None:
            start, period = _weekday_after_modifier(text, start, end, period, reference, named_days)
            surface = text[start:end]
        elif kind in _TENSED:
            period = _in_tense(kind, text, start, end, period, reference)
        if kind in _TENSED:
            value = period_value(period) if period else value
            if kind == "weekday" and period is not None and period.start is not None:
                named_days[surface.split()[-1].lower()] = period.start
        ended_quarter = quarter_ended(text, end, surface, reference) if kind == "current" else None
        anchored = ended_day(text, start, kind, period, reference) or ended_quarter
        if anchored is None and kind == "year_of":
            anchored = that_year(surface, named)
        if kind == "following":
            anchored = following(surface, named)
        if anchored is None and kind == "relative_year":
            anchored = last_year_compared(text, start, end, surface, contexts.at(text, start))
        if anchored is not None:
            period, value = anchored, period_value(anchored)
            if ended_quarter is not None:  # a year back or 'that year' is no period the story reports
                contexts.name(ended_quarter, start)
        elif kind == "year_part":
            period = _year_part(surface, contexts.at(text, start), reference)
            value = period_value(period) if period else ""
        elif kind in _YEAR_BACK or kind in ("same", "current", "year_of") or _is_year_ago(kind, surface):
            context = contexts.at(text, start)
            resolved = relative_to(
                kind if kind in ("same", "current", "year_of") else "year_back", context, reference
            )
            if resolved is None and kind in _YEAR_BACK | {"ago"} and reference is not None:
                resolved = year_period(reference.year - 1)
            period = resolved
            value = period_value(resolved) if resolved else ""
        elif period is not None and period.grain in _CONTEXT_GRAINS and kind_type == "DATE":
            contexts.name(period, start)
        elif kind == "duration":
            span = first_months(surface, counts(), contexts.at(text, start), reference)
            if span is not None:
                contexts.name(span, start)
        if period is not None and period.start is not None and kind_type == "DATE" and kind not in _NOT_NAMED:
            named = period
        out.append(TimeExpression(start, end, surface, kind_type, value or "", kind, period, relation))
    return join_pieces(text, _weekdays_sharing_a_set(text, out))


_AND_OR = lazy_re.compile(r"\s+(?:and|or)\s+$", re.IGNORECASE)
_WEEKLY = lazy_re.compile(r"XXXX-WXX-\d(T[A-Z]{2})?$")


def _weekdays_sharing_a_set(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """'on Monday and Tuesday nights': the weekday before a recurring one shares its part of the day
    and recurs too (XXXX-WXX-1TNI)."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        recurring = _WEEKLY.match(second.value) if second.type == "SET" else None
        if first.kind != "weekday" or recurring is None:
            continue
        if not _AND_OR.match(text[first.end : second.start]):
            continue
        weekday = first.surface.split()[-1].lower()
        value = f"XXXX-WXX-{WEEKDAYS.index(weekday) + 1}{recurring.group(1) or ''}"
        out[i] = replace(first, type="SET", value=value, period=None)
    return out


_LEADING = lazy_re.compile(r"(?:\b(?:the|a|an)\s+)$", re.IGNORECASE)
_PREPOSITION = lazy_re.compile(r"(?:on|since|from|between|under)\s+", re.IGNORECASE)
_WHICH = lazy_re.compile(r"\b(?:last|next|this|coming|past)\b", re.IGNORECASE)


def _span(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """TIMEX3 spans take their article ('the third quarter', 'a year earlier') and leave out the
    preposition before them ('on Tuesday' -> 'Tuesday')."""
    lead = _PREPOSITION.match(text, start, end)
    if lead and kind not in ("duration", "year_span"):
        start = lead.end()
    article = _LEADING.search(text, max(0, start - 4), start)
    if article and kind not in ("reference", "set"):
        start = article.start()
    return start, end


def _in_tense(
    kind: str, text: str, start: int, end: int, period: Period | None, ref: date | None
) -> Period | None:
    """A weekday or weekend without a week: the latest one, or the coming one in a clause about the
    future (months without a year are read so by timex.scan)."""
    surface = text[start:end]
    if ref is None or period is None:
        return period
    words = surface.lower().split()
    future = timex_tense.speaks_of_future(text, start)
    if kind == "weekday":
        return timex_tense.weekday(words[-1], ref, future, words[0] if len(words) > 1 else "")
    if kind == "weekend" and not _WHICH.search(surface):
        return timex_tense.weekend(ref, future)
    return period


_WEEKDAY_MODIFIER = lazy_re.compile(
    r"\b(?:(?P<previous>the\s+(?:previous|preceding))|(?P<coming>(?:this\s+)?(?:coming|upcoming)))\s+$",
    re.IGNORECASE,
)


def _weekday_after_modifier(
    text: str, start: int, end: int, period: Period | None, ref: date, named_days: dict[str, date]
) -> tuple[int, Period | None]:
    """A weekday and the words before it: 'this coming Sunday' is the next one whatever the tense;
    'the previous Friday' the one a week before the Friday the text named last (else the latest
    before the reference). Without such words, the tense of the clause decides (_in_tense). Returns
    the start of the expression (the words belong to it) and its day."""
    found = _WEEKDAY_MODIFIER.search(text, max(0, start - 20), start)
    if found is None:
        return start, _in_tense("weekday", text, start, end, period, ref)
    name = text[start:end].split()[-1]
    if found.group("coming"):
        return found.start(), timex_tense.weekday(name, ref, True, "next")
    before = named_days.get(name.lower())
    if before is None:
        return found.start(), timex_tense.weekday(name, ref, False, "last")
    day = before - timedelta(days=7)
    return found.start(), Period(day, day, "day")


def _year_part(surface: str, context: Period | None, reference: date | None) -> Period | None:
    found = YEAR_PART.match(surface)
    if found is None:
        return None
    if found.group("year"):
        year = int(found.group("year"))
    elif reference is None:
        return None
    else:
        year = reference.year + {"this": 0, "last": -1, "next": 1}[found.group("which").lower()]
    return in_year(year, found.group("ordinal"), found.group("unit"), context)


def _is_year_ago(kind: str, surface: str) -> bool:
    """'a year ago' compares with the period in context, as 'a year earlier' does."""
    return kind == "ago" and surface.lower().split()[0] in ("a", "one") and "year" in surface.lower()
