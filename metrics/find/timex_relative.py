"""Resolvers of expressions that count from the reference (publication) date: "two years ago",
"the past 12 months", "last year", "this quarter", "yesterday", "on Tuesday", "next weekend",
"within 10 days". Each returns None without a reference: a relative expression never invents a date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from metrics.calendar import (
    WEEKDAYS,
    add_months,
    month_end,
    month_number,
    nearest_year,
    previous_weekday,
    quarter_bounds,
    safe_date,
    shift_years,
)
from metrics.find.timex_words import count, day_offsets, month_period, offsets, ordinals, span, year_period
from metrics.records import Period

Groups = list[str | None]
Resolved = tuple[Period, str] | None
Resolver = Callable[[Groups, "date | None"], Resolved]
_Relative = Callable[[Groups, date], Resolved]


def relative(resolver: _Relative) -> Resolver:
    """A resolver that needs the reference date: None without one."""

    def resolve(g: Groups, ref: date | None) -> Resolved:
        return None if ref is None else resolver(g, ref)

    resolve.__doc__ = resolver.__doc__
    return resolve


def which_period(which: str, unit: str, ref: date) -> tuple[date, date]:
    """This/next/last week (Monday to Sunday), month or year."""
    offset = offsets()[which.lower()]
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = add_months(date(ref.year, ref.month, 1), offset)
        return first, month_end(first.year, first.month)
    return date(ref.year + offset, 1, 1), date(ref.year + offset, 12, 31)


def ahead(ref: date, units: int, unit: str) -> date:
    """The day `units` units after the reference."""
    if unit == "day":
        return ref + timedelta(days=units)
    if unit == "week":
        return ref + timedelta(weeks=units)
    months = {"month": 1, "year": 12, "decade": 120}[unit] * units
    return add_months(ref, months)


def _ago(g: Groups, ref: date) -> Resolved:
    """'two years ago' is that year; 'three months ago' that month; 'a week ago' that day."""
    units, unit = count(g[0]), (g[1] or "").lower()
    if unit == "year":
        return year_period(ref.year - units), "in"
    if unit == "month":
        first = add_months(date(ref.year, ref.month, 1), -units)
        return month_period(first.year, first.month), "in"
    if unit == "quarter":
        return _relative_period([str(-units), "quarter"], ref)
    day = ref - timedelta(days=units * (7 if unit == "week" else 1))
    return Period(day, day, "day"), "in"


_DAYS_PER = {"year": 365, "month": 30, "week": 7, "day": 1, "quarter": 91, "decade": 3652}


def _past_n(g: Groups, ref: date) -> Resolved:
    units, unit = count(g[0]), (g[1] or "").lower()
    if units < 1:
        return None
    if unit == "year":
        start = shift_years(ref, -units) + timedelta(days=1)
    else:
        start = ref - timedelta(days=_DAYS_PER[unit] * units)
    return Period(start, ref, "span"), "span"


def _past_one(g: Groups, ref: date) -> Resolved:
    return Period(ref - timedelta(days=_DAYS_PER[(g[0] or "").lower()]), ref, "span"), "span"


def _relative_year(g: Groups, ref: date) -> Resolved:
    return year_period(ref.year + offsets()[(g[0] or "").lower()]), "in"


def _full_year(g: Groups, ref: date) -> Resolved:
    """'full-year': the calendar year of the reference; timex.scan reads which (fiscal) year it is."""
    return year_period(ref.year), "in"


def _year_earlier(g: Groups, ref: date) -> Resolved:
    return year_period(ref.year - 1), "in"


def _relative_period(g: Groups, ref: date) -> Resolved:
    which, unit = (g[0] or "").lower(), (g[1] or "").lower()
    offset = int(which) if which.lstrip("-").isdigit() else offsets()[which]
    if unit == "month":
        first = add_months(date(ref.year, ref.month, 1), offset)
        return month_period(first.year, first.month), "in"
    if unit == "quarter":
        index = ref.year * 4 + (ref.month - 1) // 3 + offset
        year, quarter = divmod(index, 4)
        start, end = quarter_bounds(year, quarter + 1)
        return Period(start, end, "quarter"), "in"
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
    return Period(monday, monday + timedelta(days=6), "span"), "in"


def _relative_month(g: Groups, ref: date) -> Resolved:
    which, month = (g[0] or "").lower(), month_number(g[1] or "")
    if which == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif which == "next":
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return month_period(year, month), "in"


def _part_month(g: Groups, ref: date) -> Resolved:
    """'mid-March': March of the reference's year, moved by the tense of its clause (timex_adjust)."""
    return month_period(ref.year, month_number(g[1] or "")), "in"


def _unit_before(g: Groups, ref: date) -> Resolved:
    """'the month before': the one before publication's (the linker counts from the sentence's period)."""
    return _relative_period(["previous", g[0]], ref)


def _bare_month(g: Groups, ref: date) -> Resolved:
    """'in March': the latest March not after the reference (scan then reads the clause's tense)."""
    month = month_number(g[0] or "")
    year = ref.year if month <= ref.month else ref.year - 1
    return month_period(year, month), "in"


_WINDOW_MONTHS = {"year": 12, "half": 6, "quarter": 3}


def _window(g: Groups, ref: date) -> Resolved:
    """'the six months to February', 'the year to end-March', 'the quarter ended Jan. 31', 'the 52 weeks
    ended March 7, 1987', 'the fiscal year ending 31 March': the period that ends on the named day (or
    at the named month's end), both ends included. Without a written year, a window that 'ended' is the
    latest that has closed by the reference, one 'ending' (or 'to' a day) the nearest, one 'to' or
    'ended' a month the latest month not after the reference's; 'the current' one is under way at the
    reference. A window that is a calendar year or quarter has that grain ("the year ended Dec. 31,
    1986" is 1986); others are spans."""
    current, count_word, unit, word, joint, day_before, month_word, day_after, year_word = g[:9]
    last_month = month_number(month_word or "")
    written_day = day_before or day_after
    if unit:
        amount = count(count_word)
        months, weeks = (amount, 0) if unit.lower() == "month" else (0, amount)
    elif (word or "").lower() == "week":  # "the week ended Nov. 16": the seven days to that day
        months, weeks = 0, 1
    else:
        months, weeks = _WINDOW_MONTHS[(word or "").lower()], 0
    if not 1 <= months + weeks <= 120:
        return None
    joint = "current" if current else (joint or "").lower()
    if joint in ("starting", "beginning"):  # 'the fiscal year starting April 1': from that day on
        return _window_from(months, weeks, last_month, count(written_day) or None, year_word, ref, word)
    end = _window_end(last_month, count(written_day) or None, year_word, joint, ref)
    if end is None:
        return None
    if weeks:
        return span(end - timedelta(days=7 * weeks - 1), end)
    if end == month_end(end.year, end.month):
        first = add_months(date(end.year, end.month, 1), 1 - months)
    else:
        first = add_months(end, -months) + timedelta(days=1)
    return _calendar_grain(first, end, word)


STARTED_LATELY = 120
"""Days before the reference within which "the fiscal year starting April 1" is the one just begun;
before that, the next (a year "that began" long ago is written so)."""


def _window_from(
    months: int, weeks: int, month: int, day: int | None, year_word: str | None, ref: date, word: str | None
) -> Resolved:
    """'the fiscal year starting April 1', 'the quarter beginning in July': the window that opens on that
    day (the month's first without one), in the year written, else the one just begun or the next."""
    if year_word:
        first = safe_date(int(year_word), month, min(day or 1, month_end(int(year_word), month).day))
    else:  # the first such day from STARTED_LATELY days before the reference: one just begun, else the next
        since = ref - timedelta(days=STARTED_LATELY)
        days = (
            safe_date(y, month, min(day or 1, month_end(y, month).day))
            for y in range(since.year, since.year + 3)
        )
        first = next((d for d in days if d is not None and d >= since), None)
    if first is None:
        return None
    if weeks:
        return span(first, first + timedelta(days=7 * weeks - 1))
    return _calendar_grain(first, add_months(first, months) - timedelta(days=1), word)


def _window_end(month: int, day: int | None, year_word: str | None, joint: str, ref: date) -> date | None:
    if year_word:
        year = int(year_word)
    elif joint == "current":  # "the current fiscal year ending in October": the one under way
        closes = safe_date(ref.year, month, min(day or 31, month_end(ref.year, month).day))
        year = ref.year if closes is not None and closes >= ref else ref.year + 1
    elif day is None and joint == "ending":  # "the financial year ending June": the nearest June
        year = nearest_year(month, month_end(ref.year, month).day, ref)
    elif day is None:
        year = ref.year if month <= ref.month else ref.year - 1
    elif joint == "ended":
        closed = safe_date(ref.year, month, day)
        year = ref.year if closed is not None and closed <= ref else ref.year - 1
    else:
        year = nearest_year(month, day, ref)
    if day is None:
        return month_end(year, month)
    return safe_date(year, month, min(day, month_end(year, month).day))  # 'November 31': the month's end


def _calendar_grain(first: date, last: date, word: str | None) -> Resolved:
    """A year or quarter window that is the calendar's year or quarter takes its grain."""
    if word and first.day == 1 and last == month_end(last.year, last.month):
        if word.lower() == "year" and (first.month, last.month) == (1, 12):
            return Period(first, last, "year"), "in"
        if word.lower() == "quarter" and first.month % 3 == 1 and first.year == last.year:
            return Period(first, last, "quarter"), "in"
    return span(first, last)


def _this_day(g: Groups, ref: date) -> Resolved:
    day = ref + timedelta(days=day_offsets()[" ".join((g[0] or "").lower().split())])
    return Period(day, day, "day"), "in"


def _weekday(g: Groups, ref: date) -> Resolved:
    day = previous_weekday(ref, WEEKDAYS.index((g[0] or "").lower()))
    return Period(day, day, "day"), "in"


def _after_next(g: Groups, ref: date) -> Resolved:
    unit = (g[0] or "").lower()
    if unit == "weekend":
        saturday = ref + timedelta(days=5 - ref.weekday() + 14)
        return span(saturday, saturday + timedelta(days=1), "in")
    first, _last = which_period("this", unit, ref)
    start = ahead(first, 2, unit)
    return span(start, which_period("this", unit, start)[1], "in")


def _week_containing(g: Groups, ref: date) -> Resolved:
    day = int(g[0] or g[2] or 0)
    month = month_number(g[1]) if g[1] else ref.month
    year = nearest_year(month, min(day, 28), ref) if g[1] else ref.year
    when = safe_date(year, month, day)
    if when is None:
        return None
    monday = when - timedelta(days=when.weekday())
    return span(monday, monday + timedelta(days=6), "in")


def _earlier_later(g: Groups, ref: date) -> Resolved:
    first, last = which_period("this", (g[1] or "").lower(), ref)
    if (g[0] or "").lower() == "earlier":
        return span(first, ref - timedelta(days=1), "in")
    return span(ref, last, "in")


def _which_decade(g: Groups, ref: date) -> Resolved:
    decade = ref.year // 10 * 10 + 10 * offsets()[(g[0] or "").lower()]
    return span(date(decade, 1, 1), date(decade + 9, 12, 31), "in")


def _weekend(g: Groups, ref: date) -> Resolved:
    offset = offsets().get((g[0] or "this").lower(), 0)
    saturday = ref + timedelta(days=5 - ref.weekday()) + timedelta(weeks=offset)
    return span(saturday, saturday + timedelta(days=1), "in")


def _the_week(g: Groups, ref: date) -> Resolved:
    return span(*which_period("this", "week", ref), "in")


def _coming(g: Groups, ref: date) -> Resolved:
    return span(*which_period("next", (g[1] or "").lower(), ref), "in")


def _quarter_which(g: Groups, ref: date) -> Resolved:
    quarter = int(g[0]) if g[0] else ordinals()[(g[1] or "").lower()]
    start, end = quarter_bounds(ref.year + offsets()[(g[2] or "").lower()], quarter)
    return Period(start, end, "quarter"), "in"


def _since_start_of(g: Groups, ref: date) -> Resolved:
    """'since the start of the year', 'so far this month': from the first day of the one under way to the
    reference."""
    first, _last = which_period("this", (g[0] or "").lower(), ref)
    return span(first, ref, "since")


def _half_which(g: Groups, ref: date) -> Resolved:
    """'the second half of last year', 'H1 of next year'."""
    half = 1 if g[0] == "1" or (g[1] or "").lower() == "first" else 2
    year = ref.year + offsets()[(g[2] or "").lower()]
    return span(
        date(year, 1 if half == 1 else 7, 1), date(year, 6, 30) if half == 1 else date(year, 12, 31), "in"
    )


def _month_which_year(g: Groups, ref: date) -> Resolved:
    return month_period(ref.year + offsets()[(g[1] or "").lower()], month_number(g[0] or "")), "in"


def _ahead_span(units_raw: str | None, unit_raw: str | None, within: bool, ref: date) -> Resolved:
    units, unit = count(units_raw), (unit_raw or "").lower()
    if units < 1:
        return None
    if unit == "decade" and not within:  # "the next 3 decades": whole decades from the next one
        decade = ref.year // 10 * 10 + 10
        return span(date(decade, 1, 1), date(decade + 10 * units - 1, 12, 31))
    if within:  # "within 5 days": from today, today counted
        return span(ref, ahead(ref, units, unit) - timedelta(days=1))
    return span(ref + timedelta(days=1), ahead(ref, units, unit))


def _next_n(g: Groups, ref: date) -> Resolved:
    return _ahead_span(g[2], g[3], bool(g[0]), ref)


def _within_n(g: Groups, ref: date) -> Resolved:
    return _ahead_span(g[0], g[1], True, ref)


def _n_hence(g: Groups, ref: date) -> Resolved:
    return _ahead_span(g[0], g[1], False, ref)


def _past_few(g: Groups, ref: date) -> Resolved:
    units, unit = count(g[0]), (g[1] or "").lower()
    if units < 1:
        return None
    if unit == "decade":
        end_year = ref.year // 10 * 10 - 1
        return span(date(end_year - 10 * units + 1, 1, 1), date(end_year, 12, 31))
    return span(ahead(ref, -units, unit), ref - timedelta(days=1))


RESOLVERS: dict[str, Resolver] = {
    name: relative(resolver)
    for name, resolver in {
        "ago": _ago,
        "past_n": _past_n,
        "past_one": _past_one,
        "relative_year": _relative_year,
        "relative_fiscal": _relative_year,  # the calendar year's; timex.scan reads the fiscal calendar
        "year_earlier": _year_earlier,
        "full_year": _full_year,
        "relative_period": _relative_period,
        "relative_month": _relative_month,
        "bare_month": _bare_month,
        "part_month": _part_month,
        "unit_before": _unit_before,
        "window": _window,
        "this_day": _this_day,
        "weekday": _weekday,
        "after_next": _after_next,
        "week_containing": _week_containing,
        "earlier_later": _earlier_later,
        "which_decade": _which_decade,
        "weekend": _weekend,
        "the_week": _the_week,
        "coming": _coming,
        "quarter_which": _quarter_which,
        "half_which": _half_which,
        "since_start_of": _since_start_of,
        "so_far_this": _since_start_of,
        "unit_so_far": _since_start_of,
        "month_which_year": _month_which_year,
        "next_n": _next_n,
        "within_n": _within_n,
        "n_hence": _n_hence,
        "past_few": _past_few,
    }.items()
}
"""Pattern kind -> resolver, for the kinds that count from the reference date."""
