"""Resolvers of the opening stretch of a year or month: "the first two months of 1987", "the first
nine months" (of this year, or last year's while they have not passed), "the first 20 days of June",
"the first two weeks of 2025". Each takes its pattern's groups and the reference (publication) date,
as timex_dates' resolvers do."""

from __future__ import annotations

from datetime import date, timedelta

from metrics.calendar import month_end, month_number
from metrics.find.timex_dates import Groups, Resolved
from metrics.find.timex_words import count
from metrics.records import Period


def first_months(g: Groups, ref: date | None) -> Resolved:
    months = count(g[0])
    if not 1 <= months <= 12:
        return None
    if g[1]:
        year = int(g[1])
    elif ref is not None:  # "the first two months of the year": the year of publication
        year = ref.year
    else:
        return None
    return Period(date(year, 1, 1), month_end(year, months), "span"), "in"


def first_days(g: Groups, ref: date | None) -> Resolved:
    """'the first 20 days of June (2025)', 'the first two weeks of 2025': from the first day of the month
    or year to the last day counted. A month without a year is the latest such month not after the
    reference; 'of the month' or 'of the year', the reference's."""
    days = count(g[0]) * (7 if (g[1] or "").lower() == "weeks" else 1)
    if g[2]:
        month = month_number(g[2])
        if g[3]:
            year = int(g[3])
        elif ref is not None:
            year = ref.year if month <= ref.month else ref.year - 1
        else:
            return None
    elif (g[4] or "").lower() == "month" and ref is not None:
        year, month = ref.year, ref.month
    elif g[5] or (g[4] or "").lower() == "year":
        if g[5]:
            year = int(g[5])
        elif ref is not None:
            year = ref.year
        else:
            return None
        if not 1 < days < 365:
            return None
        return Period(date(year, 1, 1), date(year, 1, 1) + timedelta(days=days - 1), "span"), "in"
    else:
        return None
    if not 1 < days < month_end(year, month).day:
        return None
    return Period(date(year, month, 1), date(year, month, days), "span"), "in"


def first_months_bare(g: Groups, ref: date | None) -> Resolved:
    """'the first two months' without a year: of this year when its months have begun by the reference
    (a report's results to date, or the months under way), else of last year; timex.scan moves them to
    this year in a clause about the future."""
    months = count(g[0])
    if ref is None or not 1 < months < 12:
        return None
    year = ref.year if months <= ref.month else ref.year - 1  # in June 'the first six months' are this year's
    return Period(date(year, 1, 1), month_end(year, months), "span"), "in"


RESOLVERS = {
    "first_months": first_months,
    "first_days": first_days,
    "first_months_bare": first_months_bare,
}
"""Pattern kind -> resolver, for the first months, days or weeks of a year or month."""
