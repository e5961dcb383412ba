"""How each Recognizers-Text model's expected results are read, and held against what our finders report.

Each model gets three rules: how to read an expected result (or why it is out of scope), whether
one of our mentions fits it, and which of our mentions that model would have reported at all
(only those can be spurious: the percent model is not blamed for a bare number).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from metrics.records import Quantity, TimeMention

NO_VALUE = "no value to compare"
"""An expected result with no value at all (an unreadable interval); none occur in the current specs."""
NO_DATES = "no dates to compare"
"""A season ("this summer") the spec resolves to no dates."""
MATH_NOTATION = "math notation"
"""Subtype 'power' (1.1^23, 2.5^-1, 1e10): mathematical notation that news prose does not use."""

WRITTEN_END = "written-end"
"""Note on a period that fits only when its written last day is read as included (see docs)."""

Found = Quantity | TimeMention
Result = Mapping[str, Any]


class NotApplicable(Exception):
    """An expected result this evaluation cannot hold an extractor to; the message is the reason."""


class NoAmount(Exception):
    """An expected result that is a unit word with no amount ("dollar" alone, "a small percent"):
    a claims extractor reports no quantity there, so the result is dropped and the case still counts."""


@dataclass(frozen=True)
class Expected:
    """One expected result: its span in the input (half-open), what it must resolve to, and a label."""

    start: int
    end: int
    text: str
    answer: Any
    shown: str


@dataclass(frozen=True)
class ModelRules:
    name: str
    file: str
    finder: str
    """Which of our finders serves it: "quantities" or "periods"."""
    read: Callable[[Result], tuple[Any, str]]
    """An expected result's answer and its label; raises NotApplicable."""
    fits: Callable[[Any, Any], str | None]
    """None when our mention does not fit the answer, else a note ("" or WRITTEN_END)."""
    reported: Callable[[Any], bool]
    """Whether the model would have reported this mention of ours."""
    span: Callable[[Result], tuple[int, int]]


def close(ours: float | None, expected: float) -> bool:
    return ours is not None and math.isclose(ours, expected, rel_tol=1e-6)


def touches(quantity: Quantity, expected: float) -> bool:
    """The quantity's value, or one end of its range, is the expected number."""
    return any(close(x, expected) for x in (quantity.value, quantity.low, quantity.high))


def parse_number(raw: object) -> float:
    if raw is None or str(raw).strip().lower() in ("", "null"):
        raise NoAmount()
    return float(str(raw).strip().rstrip("%"))


def inclusive_span(result: Result) -> tuple[int, int]:
    return int(result["Start"]), int(result["End"]) + 1


def length_span(result: Result) -> tuple[int, int]:
    return int(result["Start"]), int(result["Start"]) + int(result["Length"])


def _ok(flag: bool) -> str | None:
    return "" if flag else None


# Numbers ----------------------------------------------------------------------------------------


def read_number(result: Result) -> tuple[float, str]:
    resolution = result.get("Resolution") or {}
    if resolution.get("subtype") == "power":
        raise NotApplicable(MATH_NOTATION)
    value = parse_number(resolution.get("value"))
    return value, f"{value:g}"


def fits_number(answer: float, found: Quantity) -> str | None:
    return _ok(touches(found, answer))


def is_bare_number(found: Quantity) -> bool:
    return found.unit in ("count", "")


# Percentages ------------------------------------------------------------------------------------


def read_percent(result: Result) -> tuple[float, str]:
    value = parse_number((result.get("Resolution") or {}).get("value"))
    return value, f"{value:g}%"


def fits_percent(answer: float, found: Quantity) -> str | None:
    return _ok(found.unit == "%" and touches(found, answer))


def is_percent(found: Quantity) -> bool:
    return found.unit == "%"


# Ranges -----------------------------------------------------------------------------------------

_INTERVAL = re.compile(r"([\[(])\s*(-?[\d.]*)\s*,\s*(-?[\d.]*)\s*([\])])")
Bounds = tuple[float | None, float | None]


def read_range(result: Result) -> tuple[Bounds, str]:
    """ "(20,35]" -> (20, 35); "(30,)" -> (30, None). Open and closed ends are not told apart: a
    Quantity has at_least/at_most but no strict "more than"."""
    raw = str((result.get("Resolution") or {}).get("value") or "")
    interval = _INTERVAL.fullmatch(raw.strip())
    if not interval:
        raise NotApplicable(NO_VALUE)
    low = float(interval[2]) if interval[2] else None
    high = float(interval[3]) if interval[3] else None
    return (low, high), raw


def range_bounds(found: Quantity) -> Bounds | None:
    if found.qualifier == "range":
        return found.low, found.high
    if found.qualifier == "at_least":
        return (found.low if found.low is not None else found.value), None
    if found.qualifier == "at_most":
        return None, (found.high if found.high is not None else found.value)
    return None


def _same_bound(ours: float | None, expected: float | None) -> bool:
    return ours is None if expected is None else close(ours, expected)


def fits_range(answer: Bounds, found: Quantity) -> str | None:
    low, high = answer
    if low is not None and low == high and found.qualifier != "range" and close(found.value, low):
        return ""  # "[20,20]": a single number said as an interval
    bounds = range_bounds(found)
    return _ok(bounds is not None and _same_bound(bounds[0], low) and _same_bound(bounds[1], high))


def is_range(found: Quantity) -> bool:
    return found.qualifier in ("range", "at_least", "at_most")


# Money ------------------------------------------------------------------------------------------

_ISO_CODE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Money:
    value: float
    codes: frozenset[str]
    """Codes accepted; empty accepts any currency code."""
    factor: float


@cache
def currency_names() -> dict[str, dict[str, Any]]:
    text = (Path(__file__).parent / "data" / "recognizers_currencies.toml").read_text("utf-8")
    return tomllib.loads(text)


def read_money(result: Result) -> tuple[Money, str]:
    resolution = result.get("Resolution") or {}
    value = parse_number(resolution.get("value"))
    name = str(resolution.get("unit") or "")
    iso = resolution.get("isoCurrency")
    known = currency_names().get(name, {})
    codes = frozenset([iso]) if iso else frozenset(known.get("codes", []))
    money = Money(value, codes, float(known.get("factor", 1.0)))
    return money, f"{value:g} {name}" + (f" ({iso})" if iso else "")


def is_money(found: Quantity) -> bool:
    return bool(_ISO_CODE.fullmatch(found.unit))


def fits_money(answer: Money, found: Quantity) -> str | None:
    """Value in the main currency (34 cents = 0.34 USD) or as written (34), since NewsQuant's
    scoring keeps cents as written."""
    if not is_money(found) or (answer.codes and found.unit not in answer.codes):
        return None
    return _ok(touches(found, answer.value * answer.factor) or touches(found, answer.value))


# Periods ----------------------------------------------------------------------------------------

_DAY_SPAN_TIMEX = re.compile(r",P\d+D\)")
Reading = tuple[date | None, date | None]


@dataclass(frozen=True)
class PeriodAnswer:
    readings: frozenset[Reading]
    """(first day, last day) with the last day included; None where the spec leaves it open."""
    written_end: frozenset[Reading]
    """Readings that also count when the written last day is taken as included ("from 4 to 22")."""


def _iso_day(raw: object) -> date | None:
    return date.fromisoformat(str(raw)[:10]) if raw else None


def read_period(result: Result) -> tuple[PeriodAnswer, str]:
    """Both the future and the past resolution count (the spec gives both for "Sept" with no year).
    The spec's endDate is exclusive, so the last day included is the day before it."""
    value = result.get("Value") or {}
    timex = str(value.get("Timex") or "")
    text = str(result.get("Text") or "")
    readings: set[Reading] = set()
    written: set[Reading] = set()
    for key in ("PastResolution", "FutureResolution"):
        resolution = value.get(key) or {}
        first, after = _iso_day(resolution.get("startDate")), _iso_day(resolution.get("endDate"))
        if first is None and after is None:
            continue
        readings.add((first, after - timedelta(days=1) if after else None))
        day_written = after is not None and re.search(rf"(?<!\d)0?{after.day}(?!\d)", text)
        if first is not None and day_written and _DAY_SPAN_TIMEX.search(timex):
            written.add((first, after))
    if not readings:
        raise NotApplicable(NO_DATES)
    shown = " or ".join(sorted(f"{a or '…'}..{b or '…'}" for a, b in readings))
    if written:
        shown += " (or " + " or ".join(sorted(f"{a}..{b}" for a, b in written)) + " as written)"
    return PeriodAnswer(frozenset(readings), frozenset(written)), shown


def _reading_fits(reading: Reading, found: TimeMention) -> bool:
    """Compare the bounds the spec gives; a half-open spec period ("more than 2 weeks after today")
    constrains only its one end."""
    first, last = reading
    if first is not None and found.period.start != first:
        return False
    return last is None or found.period.end == last


def fits_period(answer: PeriodAnswer, found: TimeMention) -> str | None:
    if any(_reading_fits(r, found) for r in answer.readings):
        return ""
    if any(_reading_fits(r, found) for r in answer.written_end):
        return WRITTEN_END
    return None


def is_period(found: TimeMention) -> bool:
    """A date period, not a single day: the date-period parser does not report "on Tuesday"."""
    return not (found.period.start is not None and found.period.start == found.period.end)


MODELS = (
    ModelRules("NumberModel", "NumberModel.json", "quantities",
               read_number, fits_number, is_bare_number, inclusive_span),
    ModelRules("NumberRangeModel", "NumberRangeModel.json", "quantities",
               read_range, fits_range, is_range, inclusive_span),
    ModelRules("PercentModel", "PercentModel.json", "quantities",
               read_percent, fits_percent, is_percent, inclusive_span),
    ModelRules("CurrencyModel", "CurrencyModel.json", "quantities",
               read_money, fits_money, is_money, inclusive_span),
    ModelRules("DatePeriodParser", "DatePeriodParser.json", "periods",
               read_period, fits_period, is_period, length_span),
)  # fmt: skip
