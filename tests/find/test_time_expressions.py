"""The time-expression stage: each golden case of tests/golden/times/ (sentences written for this
project) and the resolvers the linker may call."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from conftest import ROOT

from metrics.find.fiscal import FiscalCalendar, fiscal_year
from metrics.find.time_expressions import find_time_expressions
from metrics.find.timex3 import duration_value, period_value
from metrics.find.timex_context import in_year, relative_to
from metrics.records import Period

CASES = ROOT / "tests" / "golden" / "times" / "expressions.jsonl"


def _cases() -> list[Any]:
    lines = CASES.read_text(encoding="utf-8").splitlines()
    return [pytest.param(json.loads(line), id=json.loads(line)["id"]) for line in lines if line.strip()]


@pytest.mark.parametrize("case", _cases())
def test_golden_time_expressions(case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if case["published"] else None
    found = [e.to_dict("case") for e in find_time_expressions(case["text"], published)]
    for want in case["expected"]:
        assert want["text"] in case["text"]
        match = [got for got in found if got["text"] == want["text"]]
        assert match, f"{want['text']!r} not found; found {[g['text'] for g in found]}"
        for name, value in want.items():
            assert match[0][name] == value, f"{want['text']!r}: {name} {match[0][name]!r}, want {value!r}"


@pytest.mark.parametrize(
    ("surface", "value"),
    [("six months", "P6M"), ("the past two years", "P2Y"), ("a few days", "PXD"), ("24 hours", "PT24H"),
     ("two decades", "P20Y"), ("a week", "P1W")],
)  # fmt: skip
def test_duration_values(surface: str, value: str) -> None:
    assert duration_value(surface) == value


@pytest.mark.parametrize(
    ("period", "value"),
    [
        (Period(date(2019, 1, 7), date(2019, 1, 13), "span"), "2019-W02"),
        (Period(date(2019, 7, 1), date(2019, 12, 31), "span"), "2019-H2"),
        (Period(date(1900, 1, 1), date(1999, 12, 31), "span"), "19"),
        (Period(date(2019, 3, 9), date(2019, 3, 10), "span"), "2019-W10-WE"),
        (Period(date(2019, 10, 1), date(2019, 12, 31), "quarter"), "2019-Q4"),
    ],
    ids=["iso-week", "half", "century", "weekend", "quarter"],
)
def test_period_values(period: Period, value: str) -> None:
    assert period_value(period) == value


def test_relative_to_the_context_period() -> None:
    quarter = Period(date(2019, 4, 1), date(2019, 6, 30), "quarter")
    assert relative_to("year_back", quarter) == Period(date(2018, 4, 1), date(2018, 6, 30), "quarter")
    assert relative_to("same", quarter) == quarter
    assert relative_to("year_back", None) is None
    february = Period(date(2020, 2, 1), date(2020, 2, 29), "month")
    assert relative_to("year_back", february) == Period(date(2019, 2, 1), date(2019, 2, 28), "month")
    latest = relative_to("current", None, date(2019, 8, 1))
    assert latest == Period(date(2019, 4, 1), date(2019, 6, 30), "quarter")
    assert in_year(2017, None, "period", quarter) == Period(date(2017, 4, 1), date(2017, 6, 30), "quarter")


def test_fiscal_calendars() -> None:
    federal = Period(date(2020, 10, 1), date(2021, 9, 30), "span")
    assert fiscal_year(2021, "the U.S. federal budget for") == federal
    assert fiscal_year(2021, "the U.S. chipmaker's") == Period(date(2021, 1, 1), date(2021, 12, 31), "year")
    stated = fiscal_year(2021, "the U.S. chipmaker's", "Its fiscal year ends in June.")
    assert stated == Period(date(2020, 7, 1), date(2021, 6, 30), "span")
    assert FiscalCalendar(4, "start").year(2021) == Period(date(2021, 4, 1), date(2022, 3, 31), "span")


def test_no_reference_no_invented_year() -> None:
    found = {e.surface: e for e in find_time_expressions("Sales fell in March and last year.", None)}
    assert found["March"].period is None and found["March"].value == "XXXX-03"
    assert found["last year"].value == ""


def test_two_thousand_is_a_year_only_after_the_year() -> None:
    text = "Some two thousand workers walked out before the year two thousand."
    found = [(e.surface, e.value) for e in find_time_expressions(text, date(1996, 5, 2))]
    assert found == [("the year two thousand", "2000")]


@pytest.mark.parametrize(
    "text",
    ["The founder, 61 years old, stepped down.", "A 90-year-old mill closed.",
     "The country imports about three-quarters of its grain.", "Banks hold more than a quarter of the debt."],
)  # fmt: skip
def test_ages_and_fractions_are_not_durations(text: str) -> None:
    assert [e.surface for e in find_time_expressions(text, date(2021, 3, 10))] == []


def test_quarterly_and_quarter_to_quarter_name_no_quarter() -> None:
    text = "After its first quarterly loss, the quarter-to-quarter comparison improved."
    assert [e.surface for e in find_time_expressions(text, date(2021, 8, 2))] == []


def test_a_second_before_a_noun_is_the_ordinal() -> None:
    text = "A second group of bidders joined, and the alarm rang for a second."
    found = [(e.start, e.value) for e in find_time_expressions(text, date(2014, 10, 22))]
    assert found == [(text.rindex("a second"), "PT1S")]


def test_a_span_that_would_end_before_it_starts_is_no_period() -> None:
    from metrics.find.timex import resolve

    published = date(2030, 5, 1)
    assert resolve("since_year", ["2031"], published) is None  # "since 2031" in a text of 2030
    since = resolve("since_year", ["2021"], published)
    assert since is not None and (since[0].start, since[0].end) == (date(2021, 1, 1), published)
