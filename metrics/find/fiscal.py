"""Fiscal years by the calendar of the country or body that keeps them (metrics/data/fiscal_years.csv):
the US federal year runs October to September and is named by the year it ends in; Japan's and the
UK's run April to March and are named by the year they begin in; India's and Australia's are named
by their last year. A government's year follows that table; a company's is the calendar year
unless the article states its own ("the fiscal year ending June 30"), which always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from metrics.calendar import MONTH_PATTERN, add_months, month_number
from metrics.find.timex_words import offsets
from metrics.lexicon import _csv, _toml, alternation, lexicon
from metrics.records import Period


@dataclass(frozen=True, slots=True)
class FiscalCalendar:
    """When a fiscal year begins and which of its two calendar years names it."""

    first_month: int
    named_by: str = "end"
    """'end': FY2025 ends in 2025 (US, India, Australia); 'start': it begins in 2025 (Japan, UK)."""

    def year(self, name: int) -> Period:
        """The period of the fiscal year called `name`."""
        if self.first_month == 1:
            return Period(date(name, 1, 1), date(name, 12, 31), "year")
        first_year = name - 1 if self.named_by == "end" else name
        start = date(first_year, self.first_month, 1)
        return Period(start, add_months(start, 12) - timedelta(days=1), "span")


@cache
def calendars() -> dict[str, FiscalCalendar]:
    """Country name (as in countries.csv) -> its government's fiscal calendar."""
    out: dict[str, FiscalCalendar] = {}
    for row in _csv("fiscal_years.csv"):
        out.setdefault(row["country"], FiscalCalendar(int(row["first_month"]), row["named_by"]))
    return out


@cache
def _country_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every name, alias and demonym of a country with a fiscal calendar (case as written), and
    what each names."""
    known = calendars()
    words = {alias: name for alias, name in lexicon().countries.items() if name in known}
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), words


_STATED = re.compile(
    rf"fiscal\s+(?:year|years)\s+(?:that\s+)?(?:end(?:s|ed|ing)?|clos(?:es|ed|ing))\s+(?:in\s+|on\s+)?"
    rf"({MONTH_PATTERN})",
    re.IGNORECASE,
)


def stated_calendar(text: str) -> FiscalCalendar | None:
    """The fiscal calendar an article states ("its fiscal year ends in June"), named by its end year."""
    found = _STATED.search(text)
    if found is None:
        return None
    last_month = month_number(found.group(1))
    return FiscalCalendar(last_month % 12 + 1, "end")


def country_calendar(text: str) -> FiscalCalendar | None:
    """The fiscal calendar of the country named in `text` (a sentence or the words before 'fiscal')."""
    pattern, names = _country_names()
    found = list(pattern.finditer(text))  # the nearest before the expression: the last one
    return calendars()[names[found[-1].group()]] if found else None


@cache
def _government() -> re.Pattern[str]:
    words = _toml("time_words.toml")["government_words"]["words"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)


def _calendar_of(context: str, article: str) -> FiscalCalendar | None:
    calendar = stated_calendar(article)
    if calendar is None and _government().search(context):
        calendar = country_calendar(context)
    return calendar


def relative_fiscal_year(which: str, reference: date, context: str = "", article: str = "") -> Period:
    """'last fiscal year', 'this financial year', 'next fiscal year': counted from the fiscal year that
    holds the reference date, by the calendar fiscal_year would use (the calendar year by default)."""
    calendar = _calendar_of(context, article) or FiscalCalendar(1)
    offset = offsets()[which.lower()]
    start_year = reference.year if reference.month >= calendar.first_month else reference.year - 1
    current = start_year + 1 if calendar.named_by == "end" and calendar.first_month > 1 else start_year
    return calendar.year(current + offset)


def fiscal_year(name: int, context: str = "", article: str = "") -> Period:
    """The period of fiscal year `name`: the calendar the article states, else, when `context` (the
    sentence before the expression) speaks of a government, that of the country it names, else the
    calendar year."""
    calendar = _calendar_of(context, article)
    return calendar.year(name) if calendar else Period(date(name, 1, 1), date(name, 12, 31), "year")
