"""Resolvers of written calendar expressions: dates, months, years, spans of years, quarters, halves,
fiscal years, decades and centuries. Each takes the groups of its pattern and the reference
(publication) date, which only a date without its year needs, and returns (period, relation).
"""

from __future__ import annotations

from datetime import date

from metrics.calendar import (
    add_months,
    month_end,
    month_number,
    nearest_year,
    quarter_bounds,
    safe_date,
    shift_years,
)
from metrics.find.timex_words import (
    count,
    decade_words_table,
    month_period,
    offsets,
    ordinals,
    span,
    year_period,
)
from metrics.lexicon import lexicon
from metrics.records import Period

Groups = list[str | None]
Resolved = tuple[Period, str] | None


def _int(raw: str | None) -> int:
    return int(raw or 0)


def _day(year: int, month: int, day: int) -> Resolved:
    when = safe_date(year, month, day)
    return (Period(when, when, "day"), "in") if when else None


TWO_DIGIT_PIVOT = 30
"""Without a reference date a two-digit year up to this is of the 2000s, a later one of the 1900s
('FY24' is 2024, '87' is 1987): news of either century reads right, as it did not when every one
was of the 1900s ('FY24' was 1924 in a text without a date)."""


def year_value(raw: str, reference: date | None) -> int:
    """'1987' -> 1987; '87' -> 1987 (the century nearest the reference date, else TWO_DIGIT_PIVOT's)."""
    if len(raw) == 4:
        return int(raw)
    if reference is None:
        return (2000 if int(raw) <= TWO_DIGIT_PIVOT else 1900) + int(raw)
    century = reference.year // 100 * 100
    year = century + int(raw)
    if reference and year > reference.year + 20:
        year -= 100
    return year


def since_year(g: Groups, ref: date | None) -> Resolved:
    return Period(date(_int(g[0]), 1, 1), ref, "span"), "since"


def since_month_year(g: Groups, ref: date | None) -> Resolved:
    return Period(date(_int(g[1]), month_number(g[0] or ""), 1), ref, "span"), "since"


def year_span(g: Groups, ref: date | None) -> Resolved:
    first, last = _int(g[0]), _int(g[1])
    if last <= first:
        return None
    return Period(date(first, 1, 1), date(last, 12, 31), "span"), "span"


def year_dash(g: Groups, ref: date | None) -> Resolved:
    """'2019-20' or '2019/2021': two consecutive years are one (fiscal) period, more are a span."""
    first = _int(g[0])
    second_raw = g[1] or ""
    last = int(second_raw) if len(second_raw) == 4 else first // 100 * 100 + int(second_raw)
    if len(second_raw) == 2 and last < first:
        last += 100
    if not first < last <= first + 30:
        return None
    relation = "in" if last == first + 1 else "span"
    return Period(date(first, 1, 1), date(last, 12, 31), "span"), relation


def iso_date(g: Groups, ref: date | None) -> Resolved:
    return _day(_int(g[0]), _int(g[1]), _int(g[2]))


def day_month_year(g: Groups, ref: date | None) -> Resolved:
    return _day(_int(g[2]), month_number(g[1] or ""), _int(g[0]))


def month_day_year(g: Groups, ref: date | None) -> Resolved:
    return _day(_int(g[2]), month_number(g[0] or ""), count(g[1]))


def us_date(g: Groups, ref: date | None) -> Resolved:
    return _day(_int(g[2]), _int(g[0]), _int(g[1]))


def year_part_of(g: Groups, ref: date | None) -> Resolved:
    """'the 1986 second half', 'the 1988 first quarter': the year written before its part."""
    if (g[2] or "").lower() == "half":
        if (g[1] or "").lower() not in ("first", "second", "1st", "2nd"):
            return None
        return half_year(["first" if (g[1] or "").lower() in ("first", "1st") else "second", None, g[0]], ref)
    return quarter_year([g[1], g[0]], ref)


def fiscal_quarter(g: Groups, ref: date | None) -> Resolved:
    """'Q3 FY24': the calendar year's quarter here; timex.scan moves it into the fiscal year."""
    year = year_value(g[1] or "", ref)
    return quarter_year([g[0], str(year)], ref) if year else None


def quarter_year(g: Groups, ref: date | None) -> Resolved:
    """'the third quarter of 1998', 'Q3': without a year, the latest quarter begun by the reference."""
    quarter = ordinals().get((g[0] or "").lower()) or _int(g[0])
    if not 1 <= quarter <= 4:
        return None
    if g[1]:
        year = int(g[1])
    elif ref is not None:
        year = ref.year if quarter_bounds(ref.year, quarter)[0] <= ref else ref.year - 1
    else:
        return None
    start, end = quarter_bounds(year, quarter)
    return Period(start, end, "quarter"), "in"


def q_year(g: Groups, ref: date | None) -> Resolved:
    """'Q3', 'Q3 2025', "Q3'25", '3Q25', '4Q' (groups: Q's number, the number before Q, the year)."""
    year = str(year_value(g[2], ref)) if g[2] else None
    return quarter_year([g[0] or g[1], year], ref)


def month_quarter(g: Groups, ref: date | None) -> Resolved:
    """'the September quarter', 'the June quarter of 2024', 'the December quarter last year': the three
    months that end with that month; without a year, the latest such quarter begun by the reference (as
    'the third quarter'), moved by 'last' or 'next year'."""
    last = month_number(g[0] or "")
    if g[2]:
        year = int(g[2])
    elif ref is not None:
        year = ref.year if add_months(date(ref.year, last, 1), -2) <= ref else ref.year - 1
        year += offsets()[g[1].lower()] if g[1] else 0
    else:
        return None
    first = add_months(date(year, last, 1), -2)
    return Period(first, month_end(year, last), "quarter" if last % 3 == 0 else "span"), "in"


def half_year(g: Groups, ref: date | None) -> Resolved:
    """'the first half of 2019', 'the second half', 'H1' (groups: the ordinal, the H's number, the year)."""
    half = 1 if (g[0] or "").lower() == "first" or g[1] == "1" else 2
    if g[2]:
        year = int(g[2])
    elif ref is not None:
        year = ref.year if (half == 1 or ref.month > 6) else ref.year - 1
    else:
        return None
    start = date(year, 1, 1) if half == 1 else date(year, 7, 1)
    end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return Period(start, end, "span"), "in"


def two_quarters(g: Groups, ref: date | None) -> Resolved:
    """'the first two quarters of 1990' is its first half, 'the last two quarters' its second."""
    return half_year(["first" if (g[0] or "").lower() == "first" else "second", None, g[1]], ref)


def fiscal(g: Groups, ref: date | None) -> Resolved:
    year = year_value(g[0] or "", ref)
    if g[1]:
        last = year_value(g[1], ref) if len(g[1]) == 4 else year // 100 * 100 + int(g[1])
        if last != year + 1:
            return None
        return Period(date(year, 1, 1), date(last, 12, 31), "span"), "in"
    return year_period(year), "in"


def month_day(g: Groups, ref: date | None) -> Resolved:
    """'March 3' without a year: the year that puts it nearest the reference."""
    if ref is None:
        return None
    month, day = month_number(g[0] or ""), _int(g[1])
    return _day(nearest_year(month, day, ref), month, day)


def day_month(g: Groups, ref: date | None) -> Resolved:
    return month_day([g[1], g[0]], ref)


def month_year(g: Groups, ref: date | None) -> Resolved:
    return month_period(_int(g[1]), month_number(g[0] or "")), "in"


def decade(g: Groups, ref: date | None) -> Resolved:
    start_year = _int(g[0]) * 10
    return Period(date(start_year, 1, 1), date(start_year + 9, 12, 31), "span"), "in"


def ad_year(g: Groups, ref: date | None) -> Resolved:
    raw = g[0] or g[1] or "0"
    if "B" in " ".join(x for x in g if x).upper():
        return None
    year = int(raw)
    return (year_period(year), "in") if 1 <= year <= 9999 else None


def year(g: Groups, ref: date | None) -> Resolved:
    return year_period(_int(g[0])), "in"


def decade_words(g: Groups, ref: date | None) -> Resolved:
    decade = decade_words_table()[(g[1] or "").lower()]
    century = {"nineteen": 1900, "twenty": 2000}.get((g[0] or "").lower(), 1900 if decade >= 10 else 2000)
    return span(date(century + decade, 1, 1), date(century + decade + 9, 12, 31), "in")


def decade_digits(g: Groups, ref: date | None) -> Resolved:
    century_raw = g[0]
    digit = int(g[1] or g[3] or g[5] or 0)
    century = int(century_raw) * 100 if century_raw else (1900 if digit >= 2 else 2000)
    return span(date(century + 10 * digit, 1, 1), date(century + 10 * digit + 9, 12, 31), "in")


def century(g: Groups, ref: date | None) -> Resolved:
    first_year = (_int(g[0]) - 1) * 100
    return span(date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), "in")


def thirds_of_year(g: Groups, ref: date | None) -> Resolved:
    """'the beginning/middle/end of 2012': a third of the year."""
    year, part = _int(g[1]), (g[0] or "").lower()
    first_month = {"beginning": 1, "start": 1, "middle": 5, "end": 9}[part]
    return span(date(year, first_month, 1), month_end(year, first_month + 3), "in")


def month_of_year(g: Groups, ref: date | None) -> Resolved:
    month = int(g[1]) if g[1] else month_number(g[2] or "")
    return month_period(_int(g[0]), month), "in"


def month_slash_year(g: Groups, ref: date | None) -> Resolved:
    return month_period(_int(g[1]), _int(g[0])), "in"


def month_comma_year(g: Groups, ref: date | None) -> Resolved:
    return month_period(_int(g[1]), month_number(g[0] or "")), "in"


def year_quarter(g: Groups, ref: date | None) -> Resolved:
    quarter = int(g[1]) if g[1] else ordinals()[(g[2] or "").lower()]
    start, end = quarter_bounds(_int(g[0]), quarter)
    return Period(start, end, "quarter"), "in"


def h_year(g: Groups, ref: date | None) -> Resolved:
    """'H1 2026', '2026 H1', and the analysts' '1H26', '2H 2025', "1H'26"."""
    if g[0]:
        half, year = g[0], _int(g[1])
    elif g[3]:
        half, year = g[3], _int(g[2])
    else:
        half, year = g[4] or "", year_value(g[5] or "", ref)
    first = date(year, 1 if half == "1" else 7, 1)
    return span(first, month_end(first.year, 6 if half == "1" else 12), "in")


def month_span(g: Groups, ref: date | None) -> Resolved:
    """'the April-June period', 'January-March 1987', 'October/December': the months from the first to
    the last, in the year written, else the latest year in which the last month is not after the
    reference."""
    # 'the April-June period' (groups 1, 2) or 'January-March 1987', 'October/December' (groups 3, 4)
    last_word, year_word = (g[1], g[2]) if g[1] else (g[3], g[4])
    first, last = month_number(g[0] or ""), month_number(last_word or "")
    if year_word:
        year = int(year_word)
    elif ref is not None:
        year = ref.year if last <= ref.month else ref.year - 1
    else:
        return None
    return span(date(year, first, 1), month_end(year, last), "in") if first < last else None


def to_date(g: Groups, ref: date | None) -> Resolved:
    """'year to date': from the first day of the year (month, quarter) to the reference; 'last
    year-to-date' is the same days of the year before."""
    if ref is None:
        return None
    unit = (g[1] or "").lower()
    if g[0]:
        ref = shift_years(ref, -1)
    first = {"year": 1, "month": ref.month, "quarter": (ref.month - 1) // 3 * 3 + 1}[unit]
    return span(date(ref.year, first, 1), ref, "in")


def under(g: Groups, ref: date | None) -> Resolved:
    """The leader's term in office that the reference date falls in (or the latest before it)."""
    alias = (g[0] or "").lower()
    terms = [
        leader
        for leader in lexicon().leaders
        if alias in (leader.name.lower(), *(a.lower() for a in leader.aliases))
        and (ref is None or leader.start <= ref)
    ]
    if not terms:
        return None
    leader = max(terms, key=lambda t: t.start)
    end = leader.end if leader.end is not None and (ref is None or leader.end < ref) else ref
    return Period(leader.start, end, "span"), "under"


RESOLVERS = {
    "under": under,
    "month_span": month_span,
    "to_date": to_date,
    "since_year": since_year,
    "since_month_year": since_month_year,
    "year_span": year_span,
    "year_dash": year_dash,
    "iso_date": iso_date,
    "day_month_year": day_month_year,
    "month_day_year": month_day_year,
    "us_date": us_date,
    "quarter_year": quarter_year,
    "month_quarter": month_quarter,
    "q_year": q_year,
    "q_fiscal": fiscal_quarter,
    "year_part_of": year_part_of,
    "half_year": half_year,
    "two_quarters": two_quarters,
    "fiscal": fiscal,
    "month_day": month_day,
    "day_month": day_month,
    "month_year": month_year,
    "decade": decade,
    "ad_year": ad_year,
    "year": year,
    "decade_words": decade_words,
    "decade_digits": decade_digits,
    "century": century,
    "thirds_of_year": thirds_of_year,
    "month_of_year": month_of_year,
    "month_slash_year": month_slash_year,
    "month_comma_year": month_comma_year,
    "year_quarter": year_quarter,
    "h_year": h_year,
}
"""Pattern kind -> resolver, for the kinds of written calendar expressions."""
