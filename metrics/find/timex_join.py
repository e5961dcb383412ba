"""Time expressions that TIMEX3 takes as one although they are written in pieces: a weekday and its
date ("Saturday, April 25" is the 25th, whatever the tense), a clock time and its day ("10 p.m.
Wednesday", "5 p.m. EST Nov. 9", "noon Thursday"), a part of a day and its day ("mid-afternoon
yesterday"), a period and its year back ("the quarter a year ago"), and a year said in words after
a month, a season or "the year" ("January nineteen ninety-seven", "the year two thousand"). Each
piece resolved alone would be dated by publication; joined, the more exact piece gives the day or
the year. Word tables are in time_words.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import cache

from metrics import lazy_re
from metrics.calendar import WEEKDAYS, shift_years
from metrics.find.timex3 import period_value
from metrics.find.timex_context import shift_period
from metrics.find.timex_expression import TimeExpression
from metrics.find.timex_words import month_period
from metrics.lexicon import _toml, alternation, lexicon
from metrics.records import Period

SPELLED = frozenset({"spelled_year", "spelled_millennium"})
"""A year in words; 'two thousand' alone (spelled_millennium) is a year only once joined."""
_YEAR_BACK = frozenset({"year_earlier", "year_back"})
_DAY_KINDS = frozenset(
    {
        "weekday",
        "month_day",
        "month_day_year",
        "day_month",
        "day_month_year",
        "us_date",
        "iso_date",
        "this_day",
    }
)
"""Kinds that name one day."""


def _is_day(expression: TimeExpression) -> bool:
    period = expression.period
    return (
        expression.kind in _DAY_KINDS
        and expression.type == "DATE"
        and period is not None
        and period.start is not None
        and period.start == period.end
    )


@cache
def _clock_words() -> dict[str, str]:
    return {str(k): str(v) for k, v in _toml("time_words.toml")["clock_words"].items()}


@cache
def _zone_gap() -> re.Pattern[str]:
    zones = alternation(_toml("time_words.toml")["time_zones"]["words"])
    return re.compile(rf"\s*(?:(?-i:{zones})\b)?\s*,?\s*(?:on\s+)?", re.IGNORECASE)


@cache
def _clock_word_before() -> re.Pattern[str]:
    return re.compile(rf"\b({alternation(_clock_words())})\s+$", re.IGNORECASE)


_WEEKDAY_GAP = lazy_re.compile(r",?\s+")
_PART_GAP = lazy_re.compile(r"\s+")
_YEAR_GAP = lazy_re.compile(r",?\s+(?:of\s+)?")


def _day_of(expression: TimeExpression) -> date:
    assert expression.period is not None and expression.period.start is not None
    return expression.period.start


def _joined(first: TimeExpression, second: TimeExpression, text: str, **changes: object) -> TimeExpression:
    return replace(second, start=first.start, surface=text[first.start : second.end], **changes)  # type: ignore[arg-type]


def _join_pair(first: TimeExpression, second: TimeExpression, text: str) -> TimeExpression | None:
    """The one expression two neighbours make, or None when they stay apart."""
    gap = text[first.end : second.start]
    if first.kind == "weekday" and second.kind != "weekday" and _is_day(second):
        return _named_day(first, second, text) if _WEEKDAY_GAP.fullmatch(gap) else None
    if first.kind == "time_of_day" and _is_day(second) and _zone_gap().fullmatch(gap):
        clock = first.value.partition("T")[2]
        return _joined(first, second, text, type="TIME", value=f"{_day_of(second).isoformat()}T{clock}")
    if (
        first.kind == "day_part"
        and second.kind == "this_day"
        and _PART_GAP.fullmatch(gap)
        and _is_day(second)
    ):
        code = first.value.partition("T")[2]
        return _joined(first, second, text, type="TIME", value=f"{_day_of(second).isoformat()}T{code}")
    bare_back = first.surface.lower().endswith(("ago", "earlier"))  # not 'the year-ago period'
    if first.kind in _YEAR_BACK and bare_back and _PART_GAP.fullmatch(gap):
        return _year_back_of(first, second, text)
    if first.kind == "current" and second.kind in _YEAR_BACK and _PART_GAP.fullmatch(gap):
        return _joined(first, second, text)  # 'the quarter a year ago' is the year-earlier quarter
    if second.kind in SPELLED and _YEAR_GAP.fullmatch(gap):
        return _with_year(first, second, text)
    return None


def _named_day(weekday: TimeExpression, day_expression: TimeExpression, text: str) -> TimeExpression:
    """'Friday, Oct. 13' is the 13th; without a written year, the year next to the one chosen in
    which the 13th is a Friday, if the chosen one has it on another day."""
    day = _day_of(day_expression)
    wanted = WEEKDAYS.index(weekday.surface.lower().split()[-1])
    if day.weekday() != wanted and day_expression.kind in ("month_day", "day_month"):
        for years in (-1, 1):
            moved = shift_years(day, years)
            if moved.weekday() == wanted:
                period = Period(moved, moved, "day")
                return _joined(weekday, day_expression, text, value=moved.isoformat(), period=period)
    return _joined(weekday, day_expression, text)


def _year_back_of(first: TimeExpression, second: TimeExpression, text: str) -> TimeExpression | None:
    """'the year-ago third quarter' is the third quarter a year before the one meant alone; 'the
    year-earlier nine months' stays a duration."""
    if second.kind == "duration":
        return _joined(first, second, text)
    period = second.period
    if second.kind not in ("quarter_year", "half_year") or period is None or period.start is None:
        return None
    back = shift_period(period, -1)
    return _joined(first, second, text, value=period_value(back), period=back)


def _with_year(first: TimeExpression, year_expression: TimeExpression, text: str) -> TimeExpression | None:
    """'January nineteen ninety-seven', 'the winter of nineteen ninety-four', 'the year two thousand'."""
    year = int(year_expression.value)
    value = first.value
    if first.kind == "year_of" and first.surface.lower().endswith("year"):
        return _joined(first, year_expression, text, kind="spelled_year")
    if first.kind == "bare_month" and len(value) == 7:
        month = int(value[5:7])
        period = month_period(year, month)
        return _joined(first, year_expression, text, value=f"{year}-{month:02d}", period=period)
    if first.kind == "season" and "-" in value:
        return _joined(first, year_expression, text, value=f"{year}-{value.split('-', 1)[1]}", period=None)
    return None


def join_pieces(text: str, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """Neighbouring pieces joined into one expression; a clock word ("noon", "midnight") before a
    day makes it a time. 'two thousand' left unjoined is a number, not a year, and is dropped."""
    out: list[TimeExpression] = []
    for expression in expressions:
        if out:
            joined = _join_pair(out[-1], expression, text)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(_after_clock_word(text, expression))
    return [e for e in out if e.kind != "spelled_millennium"]


def _after_clock_word(text: str, expression: TimeExpression) -> TimeExpression:
    if not _is_day(expression) or expression.type != "DATE":
        return expression
    found = _clock_word_before().search(text, max(0, expression.start - 12), expression.start)
    if found is None:
        return expression
    clock = _clock_words()[found.group(1).lower()]
    day = _day_of(expression).isoformat()
    return replace(
        expression,
        start=found.start(),
        surface=text[found.start() : expression.end],
        type="TIME",
        value=f"{day}T{clock}",
    )


@cache
def _spelled_year_pattern() -> re.Pattern[str]:
    words = lexicon().number_words
    tens = [w for w, v in words.items() if 20 <= v < 100 and v % 10 == 0]
    units = [w for w, v in words.items() if 1 <= v <= 9 and " " not in w]
    teens = [w for w, v in words.items() if 10 <= v < 20 and " " not in w]
    centuries = alternation(_toml("time_words.toml")["year_centuries"])
    tail = rf"(?:(?:{alternation(tens)})(?:[- ](?:{alternation(units)}))?|{alternation(teens)})"
    return re.compile(
        rf"\b(?P<century>{centuries})\s+(?:and\s+)?(?P<rest>{tail}|(?:{alternation(units)}))\b"
        rf"(?![- ](?:hundred|thousand|million|billion|percent|per\b))"
        rf"|\b(?P<millennium>two\s+thousand)\b(?![- ](?:and|hundred)\b)",
        re.IGNORECASE,
    )


def _number(words: str) -> int:
    table = lexicon().number_words
    return int(sum(table[w] for w in re.split(r"[- ]+", words.lower()) if w in table))


def spelled_years(text: str) -> Iterator[tuple[int, int, str, str, str, Period]]:
    """Years said in words, as transcripts write them: 'nineteen ninety-six' -> 1996, 'two thousand'
    -> 2000. 'two thousand' alone is a year only where _with_year joins it ('the year two thousand')."""
    centuries = {
        " ".join(str(k).split()): int(v) for k, v in _toml("time_words.toml")["year_centuries"].items()
    }
    for found in _spelled_year_pattern().finditer(text):
        kind = "spelled_year"
        if found.group("millennium"):
            year, kind = 2000, "spelled_millennium"
        else:
            century = centuries[" ".join(found.group("century").lower().split())]
            rest = _number(found.group("rest"))
            if century == 2000 and found.group("century").lower() == "twenty" and rest < 10:
                continue  # 'twenty one' is a count
            year = century + rest
        period = Period(date(year, 1, 1), date(year, 12, 31), "year")
        yield found.start(), found.end(), kind, "DATE", str(year), period
