"""Resolvers of day ranges and parts of a period: "from 4 to 22 this month", "Sept 3-5", "from 9 to
April 12", "Friday the 12th", "the second week of May", "early next week", "late 2019", "the end of
April". All need the reference date to place a month or week written without its year.
"""

from __future__ import annotations

from datetime import date, timedelta

from metrics.calendar import add_months, month_end, month_number, nearest_year, safe_date, week_of
from metrics.find.timex_relative import Resolver, relative, which_period
from metrics.find.timex_words import offsets, ordinals, span
from metrics.records import Period

Groups = list[str | None]
Resolved = tuple[Period, str] | None


def _month_ref(which: str | None, month_word: str | None, year: str | None, day: int, ref: date) -> date:
    """The first day of the month a day range is in: 'this month', 'Sept' (nearest), 'January, 1995'."""
    if which:
        return add_months(date(ref.year, ref.month, 1), offsets()[which.lower()])
    month = month_number(month_word or "")
    return date(int(year) if year else nearest_year(month, min(day, 28), ref), month, 1)


def _days(month: date, first_day: int, last_day: int) -> Resolved:
    return span(safe_date(month.year, month.month, first_day), safe_date(month.year, month.month, last_day))


def _day_to_date(g: Groups, ref: date) -> Resolved:
    month = month_number(g[1] or "")
    year = int(g[3]) if g[3] else nearest_year(month, min(int(g[2] or 1), 28), ref)
    return span(safe_date(year, month, int(g[0] or 0)), safe_date(year, month, int(g[2] or 0)))


def _days_of_month(g: Groups, ref: date) -> Resolved:
    first_day, last_day = int(g[0] or 0), int(g[1] or 0)
    return _days(_month_ref(g[2], g[3], g[4], first_day, ref), first_day, last_day)


def _month_days(g: Groups, ref: date) -> Resolved:
    first_day, last_day = int(g[1] or 0), int(g[2] or 0)
    return _days(_month_ref(None, g[0], g[3], first_day, ref), first_day, last_day)


def _weekday_the_day(g: Groups, ref: date) -> Resolved:
    day = safe_date(ref.year, ref.month, int(g[0] or 0))
    return (Period(day, day, "day"), "in") if day else None


def _week_of(g: Groups, ref: date) -> Resolved:
    """'the second week of May': weeks counted by the ISO rule (their Thursday in the period)."""
    index = ordinals()[(g[0] or "").lower()]
    if g[1]:
        first, last = which_period(g[1], (g[2] or "").lower(), ref)
    elif g[3]:
        month = month_number(g[3])
        year = nearest_year(month, 15, ref)
        first, last = date(year, month, 1), month_end(year, month)
    else:
        first, last = date(int(g[4] or 0), 1, 1), date(int(g[4] or 0), 12, 31)
    monday = week_of(first, last, index)
    return span(monday, monday + timedelta(days=6), "in") if monday else None


_EARLY = ("early", "beginning of", "start of")


def _part_of(g: Groups, ref: date) -> Resolved:
    """Early, mid or late part of a week or month (a half or so); of a year, its half or middle."""
    part = " ".join((g[0] or "").lower().split())
    if g[1]:
        first, last = which_period(g[1], (g[2] or "").lower(), ref)
    else:
        month = month_number(g[3] or "")
        year = nearest_year(month, 15, ref)
        first, last = date(year, month, 1), month_end(year, month)
    days = (last - first).days + 1
    if days > 31:  # a year: its first or second half
        if part in ("mid", "middle of"):
            return span(date(first.year, 4, 1), date(first.year, 9, 30), "in")
        if part in _EARLY:
            return span(first, date(first.year, 6, 30), "in")
        return span(date(first.year, 7, 1), last, "in")
    if part in _EARLY:
        return span(first, first + timedelta(days=days // 2 - 1 if days > 7 else 2), "in")
    if part in ("late", "end of"):
        return span(first + timedelta(days=days // 2 if days > 7 else 3), last, "in")
    return span(
        first + timedelta(days=days // 4 if days > 7 else 1),
        last - timedelta(days=days // 4 if days > 7 else 2),
        "in",
    )


RESOLVERS: dict[str, Resolver] = {
    name: relative(resolver)
    for name, resolver in {
        "day_to_date": _day_to_date,
        "days_of_month": _days_of_month,
        "month_days": _month_days,
        "month_between_days": _month_days,
        "weekday_the_day": _weekday_the_day,
        "week_of": _week_of,
        "part_of": _part_of,
    }.items()
}
"""Pattern kind -> resolver, for day ranges and parts of periods."""
