"""Fiscal years by the calendar of the country or body that keeps them (metrics/data/fiscal_years.csv):
the US federal year runs October to September and is named by the year it ends in; Japan's and the
UK's run April to March and are named by the year they begin in; India's and Australia's are named
by their last year. A government's year follows that table; a company's follows
company_calendars.toml (the company's own year, else that of its country's companies: India's and
Japan's run April to March), else the calendar year. The year an article states ("the fiscal year
ending June 30") always wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN, MONTHS, WEEKDAYS, add_months, month_end, month_number
from metrics.find.timex_words import offsets
from metrics.lexicon import _csv, _toml, alternation, last_match, lexicon
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


_STATED = lazy_re.compile(
    rf"fiscal[ \t]++(?:years?|((?:19|20)\d\d)|FY\d\d(?:\d\d)?)\b,?[ \t]++(?:(?:that|which)[ \t]++)?"
    rf"(?:end(?:s|ed|ing)?|clos(?:es|ed|ing))[ \t]++(?:in[ \t]+|on[ \t]+)?"
    rf"({MONTH_PATTERN})",
    re.IGNORECASE,
)


def stated_calendar(text: str, reference: date | None = None) -> FiscalCalendar | None:
    """The fiscal calendar an article states: "its fiscal year ends in June" is named by its end year;
    "fiscal 1986 ending on March 31" by the year whose end lies nearer publication (in a story of March
    1987, March 1987: named by its first year, as Japan's are; "fiscal 1987 ending June 30" in April
    1987 ends in June 1987, named by its last). A year said to begin in a month ("fiscal 2025, which
    began in April") is not read: the words do not tell which of its years names it."""
    found = _STATED.search(text)
    if found is None:
        return None
    last_month = month_number(found.group(2))
    first_month = last_month % 12 + 1
    if found.group(1) is None or reference is None or first_month == 1:
        return FiscalCalendar(first_month, "end")
    name = int(found.group(1))
    by_end, by_start = month_end(name, last_month), month_end(name + 1, last_month)
    nearer_start = abs((by_start - reference).days) < abs((by_end - reference).days)
    return FiscalCalendar(first_month, "start" if nearer_start else "end")


def country_calendar(text: str) -> FiscalCalendar | None:
    """The fiscal calendar of the country named in `text` (a sentence or the words before 'fiscal')."""
    pattern, names = _country_names()
    found = list(pattern.finditer(text))  # the nearest before the expression: the last one
    return calendars()[names[found[-1].group()]] if found else None


@cache
def _government() -> re.Pattern[str]:
    words = _toml("time_words.toml")["government_words"]["words"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)


StoryCountry = Callable[[], "str | None"]
"""The country a story is from (its dateline or headline), asked only when a fiscal year needs it."""


@dataclass(frozen=True)
class CompanyCalendars:
    """company_calendars.toml: the years companies keep, by name and by country."""

    names: re.Pattern[str]
    """Every company name of the table, as written."""
    by_name: dict[str, FiscalCalendar]
    by_country: dict[str, FiscalCalendar]
    signs: tuple[tuple[str, re.Pattern[str]], ...]
    """(country, its words and symbols): what shows a story is from that country's news."""
    unnamed: frozenset[str]
    """Capitalised words that name no one: the openers, months and weekdays (lower case)."""


@cache
def company_calendars() -> CompanyCalendars:
    data = _toml("company_calendars.toml")
    by_name = {}
    for names, row in data["companies"].items():
        for name in names.split("|"):
            by_name[name] = FiscalCalendar(int(row["first_month"]), row["named_by"])
    body = "|".join(re.escape(name) for name in sorted(by_name, key=len, reverse=True))
    by_country = {
        country: FiscalCalendar(int(row["first_month"]), row["named_by"])
        for country, row in data["countries"].items()
    }
    signs = tuple(
        (country, _signs(row["words"], row["symbols"]))
        for country, row in data["countries"].items()
        if row["words"] or row["symbols"]
    )
    unnamed = frozenset(data["context"]["openers"]) | frozenset(MONTHS) | frozenset(WEEKDAYS)
    names = re.compile(rf"(?<![\w&-])(?:{body})(?![\w&-])")
    return CompanyCalendars(names, by_name, by_country, signs, unnamed)


def _signs(words: list[str], symbols: list[str]) -> re.Pattern[str]:
    """Any of the words, whole and in any case, or any of the symbols."""
    parts = [rf"(?<!\w)(?i:{re.escape(word)})(?!\w)" for word in words] + [re.escape(s) for s in symbols]
    return re.compile("|".join(parts))


_CAPITALISED = lazy_re.compile(r"\b[A-Z][a-z]+")


def company_calendar(article: str, at: int, context: str = "") -> FiscalCalendar | None:
    """The year of the last company of the table that `context` (the sentence before offset `at`)
    names; else, when it names no one else, of the nearest one named before `at` in the article."""
    table = company_calendars()
    named = last_match(table.names.finditer(context))
    if named is None:
        if any(word.group().lower() not in table.unnamed for word in _CAPITALISED.finditer(context)):
            return None  # "Supermac reported ...": not the Apple an earlier sentence named
        named = last_match(table.names.finditer(article, 0, at))
    return table.by_name[named.group()] if named else None


_PLACE_BEFORE = lazy_re.compile(
    r"\b(?:in|into|to|from|at|across|throughout|within|outside)\s++(?:the\s++)?"
    r"(?:(?-i:[A-Z])[\w.'-]*+(?:\s*+,\s*+|\s++(?:and|or)\s++))*+$",
    re.IGNORECASE,
)
"""A country after one of these is where ("sales in India rose", "in Europe and Japan"), not whose
companies."""


def _country_of_companies(
    context: str, article: str, story_country: StoryCountry | None
) -> FiscalCalendar | None:
    """The year of the companies of the country the sentence names, else of the story's country, else of
    the country whose signs the article shows."""
    table = company_calendars()
    pattern, names = _country_names()
    found = [m for m in pattern.finditer(context) if not _PLACE_BEFORE.search(context, 0, m.start())]
    if found and names[found[-1].group()] in table.by_country:
        return table.by_country[names[found[-1].group()]]  # "India's Infosys", "a Japanese carmaker"
    country = story_country() if story_country is not None else None
    if country in table.by_country:
        return table.by_country[country]
    for country, signs in table.signs:
        if signs.search(article):
            return table.by_country[country]
    return None


def calendar_for(
    context: str,
    article: str,
    at: int | None = None,
    story_country: StoryCountry | None = None,
    reference: date | None = None,
) -> FiscalCalendar | None:
    """The fiscal calendar of an expression: the one the article states; else, when `context` (the
    sentence before it) speaks of a government, that of the country it names; else a company's
    (company_calendars.toml), when `at` (where the expression starts) is given; else None: the
    calendar year."""
    calendar = stated_calendar(article, reference)
    if calendar is not None:
        return calendar
    if _government().search(context):
        return country_calendar(context)
    if at is None:
        return None
    return company_calendar(article, at, context) or _country_of_companies(context, article, story_country)


def relative_fiscal_year(
    which: str,
    reference: date,
    context: str = "",
    article: str = "",
    at: int | None = None,
    story_country: StoryCountry | None = None,
) -> Period:
    """'last fiscal year', 'this financial year', 'next fiscal year': counted from the fiscal year that
    holds the reference date, by the calendar fiscal_year would use (the calendar year by default)."""
    calendar = calendar_for(context, article, at, story_country, reference) or FiscalCalendar(1)
    offset = offsets()[which.lower()]
    start_year = reference.year if reference.month >= calendar.first_month else reference.year - 1
    current = start_year + 1 if calendar.named_by == "end" and calendar.first_month > 1 else start_year
    return calendar.year(current + offset)


def fiscal_year(
    name: int,
    context: str = "",
    article: str = "",
    at: int | None = None,
    story_country: StoryCountry | None = None,
    reference: date | None = None,
) -> Period:
    """The period of fiscal year `name`: the calendar the article states, else, when `context` (the
    sentence before the expression) speaks of a government, that of the country it names, else, when
    `at` (the expression's offset in the article) is given, a company's (company_calendars.toml),
    else the calendar year."""
    calendar = calendar_for(context, article, at, story_country, reference)
    return calendar.year(name) if calendar else Period(date(name, 1, 1), date(name, 12, 31), "year")
