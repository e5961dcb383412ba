"""Calendar words and date arithmetic shared by the dateline reader and the time-expression finder."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None for an impossible one (31 February) or a year out of range."""
    if not 1 <= year <= 9999:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def previous_weekday(reference: date, weekday: int) -> date:
    """The most recent given weekday on or before the reference date (news "on Tuesday")."""
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clipped to the month's last day (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def nearest_year(month: int, day: int, reference: date) -> int:
    """The year that puts month/day nearest the reference date (news speaks of recent months)."""
    best, best_gap = reference.year, None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = safe_date(year, month, day)
        if candidate is not None:
            gap = abs((candidate - reference).days)
            if best_gap is None or gap < best_gap:
                best, best_gap = year, gap
    return best


def week_of(first: date, last: date, index: int) -> date | None:
    """The Monday of the index-th week (Monday to Sunday) of the period first..last, counting the
    weeks whose Thursday falls in it (the ISO rule); index -1 is the last such week."""
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    mondays = []
    while thursday <= last:
        mondays.append(thursday - timedelta(days=3))
        thursday += timedelta(weeks=1)
    if not mondays or index > len(mondays) or index == 0:
        return None
    return mondays[index - 1] if index > 0 else mondays[index]
