from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import PEERS, need

from evaluation.matchers import MATH_NOTATION, MODELS, NO_DATES
from evaluation.recognizers import (
    UNSUPPORTED,
    Finders,
    evaluate_model,
    evaluate_recognizers,
    failure_report,
    load_cases,
)
from metrics.errors import InputError
from metrics.records import Period, Quantity, TimeMention

RULES = {rules.name: rules for rules in MODELS}


def number_result(text: str, start: int, value: str, **resolution: Any) -> dict[str, Any]:
    return {
        "Text": text,
        "Start": start,
        "End": start + len(text) - 1,
        "TypeName": "number",
        "Resolution": {"value": value, **resolution},
    }


def period_result(text: str, start: int, first: str, after: str, timex: str = "X") -> dict[str, Any]:
    resolution = {"startDate": first, "endDate": after}
    return {
        "Text": text,
        "Start": start,
        "Length": len(text),
        "Type": "daterange",
        "Value": {"Timex": timex, "FutureResolution": resolution, "PastResolution": resolution},
    }


def write_specs(tmp_path: Path, name: str, cases: list[dict[str, Any]]) -> Path:
    folder = tmp_path / "recognizers-text"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.json").write_text("\ufeff" + json.dumps(cases), encoding="utf-8")
    return tmp_path


def quantity(text: str, surface: str, value: float, **more: Any) -> Quantity:
    start = text.index(surface)
    return Quantity(start, start + len(surface), surface, value, **more)


def table_finder(table: dict[str, list[Quantity]]) -> Finders:
    return Finders(quantities=lambda text: table.get(text, []), periods=None)


def test_number_cases_pass_fail_and_exclusions(tmp_path: Path) -> None:
    cases = [
        {"Input": "We counted 42 boats.", "Results": [number_result("42", 11, "42")]},
        {"Input": "It cost 3 dollars.", "Results": [number_result("3", 8, "3")]},
        {"Input": "Nine ships and 7 cars.", "Results": [number_result("nine", 0, "9")]},  # we add 7: spurious
        {"Input": "He had 2 pens.", "Results": [number_result("2", 7, "2")]},  # we say 3: wrong value
        {"Input": "Within 50% of it.", "Results": []},  # a percentage is not the number model's kind
        {"Input": "Try 2^10.", "Results": [number_result("2^10", 4, "1024", subtype="power")]},
        {
            "Input": "Old.",
            "NotSupported": "dotnet, python",
            "NotSupportedByDesign": "java,javascript",
            "Results": [],
        },
        {"Input": "Dozens came.", "Results": [number_result("Dozens", 0, "null")]},  # no amount: dropped
    ]
    peers = write_specs(tmp_path, "NumberModel", cases)
    table = {
        "We counted 42 boats.": [quantity("We counted 42 boats.", "42 boats", 42.0, unit="count")],
        "It cost 3 dollars.": [quantity("It cost 3 dollars.", "3 dollars", 3.0, unit="USD")],
        "Nine ships and 7 cars.": [
            quantity("Nine ships and 7 cars.", "Nine", 9.0, unit="count"),
            quantity("Nine ships and 7 cars.", "7", 7.0, unit="count"),
        ],
        "He had 2 pens.": [quantity("He had 2 pens.", "2", 3.0, unit="count")],
        "Within 50% of it.": [quantity("Within 50% of it.", "50%", 50.0, unit="%")],
    }
    result = evaluate_model(peers, RULES["NumberModel"], table_finder(table))
    assert result.cases == 8 and result.applicable == 6 and result.dropped == 1
    assert dict(result.excluded) == {MATH_NOTATION: 1, UNSUPPORTED: 1}
    assert [o.index for o in result.failures] == [2, 3]
    assert result.passed == 4
    report = failure_report(result)
    assert "SPURIOUS: [15:16] '7'" in report and "MISSED:   [7:8] '2' = 2" in report


def test_ranges_compare_bounds_but_not_open_or_closed_ends(tmp_path: Path) -> None:
    def ranged(text: str, phrase: str, interval: str) -> dict[str, Any]:
        start = text.index(phrase)
        result = {
            "Text": phrase,
            "Start": start,
            "End": start + len(phrase) - 1,
            "Resolution": {"value": interval},
        }
        return {"Input": text, "Results": [result]}

    cases = [
        ranged("It is between 20 and 30 now.", "between 20 and 30", "[20,30)"),
        ranged("Over 40 came.", "Over 40", "(40,)"),
        ranged("Under 9 left.", "Under 9", "(,9)"),
        ranged("Exactly 5 stayed.", "Exactly 5", "[5,5]"),
        ranged("From 1 to 4 went.", "From 1 to 4", "[1,4]"),
    ]
    peers = write_specs(tmp_path, "NumberRangeModel", cases)
    table = {
        "It is between 20 and 30 now.": [
            Quantity(6, 23, "between 20 and 30", 20.0, low=20.0, high=30.0, qualifier="range")
        ],
        "Over 40 came.": [Quantity(0, 7, "Over 40", 40.0, qualifier="at_least")],
        "Under 9 left.": [Quantity(0, 7, "Under 9", 9.0, qualifier="at_least")],  # wrong direction
        "Exactly 5 stayed.": [Quantity(8, 9, "5", 5.0)],
        "From 1 to 4 went.": [Quantity(5, 6, "1", 1.0), Quantity(10, 11, "4", 4.0)],  # two numbers, no range
    }
    result = evaluate_model(peers, RULES["NumberRangeModel"], table_finder(table))
    assert [o.index for o in result.failures] == [2, 4]


def test_percent_and_money_kinds(tmp_path: Path) -> None:
    money = [
        {
            "Input": "Shares fell 30 cents today.",
            "Results": [
                {"Text": "30 cents", "Start": 12, "End": 19, "Resolution": {"value": "30", "unit": "Cent"}}
            ],
        },
        {
            "Input": "A 5 euro fee and 2 rooms.",
            "Results": [
                {
                    "Text": "5 euro",
                    "Start": 2,
                    "End": 7,
                    "Resolution": {"value": "5", "unit": "Euro", "isoCurrency": "EUR"},
                }
            ],
        },
    ]
    peers = write_specs(tmp_path, "CurrencyModel", money)
    table = {
        "Shares fell 30 cents today.": [quantity("Shares fell 30 cents today.", "30 cents", 0.3, unit="USD")],
        "A 5 euro fee and 2 rooms.": [
            quantity("A 5 euro fee and 2 rooms.", "5 euro", 5.0, unit="USD"),  # wrong currency
            quantity("A 5 euro fee and 2 rooms.", "2 rooms", 2.0, unit="count"),  # not money: not blamed
        ],
    }
    result = evaluate_model(peers, RULES["CurrencyModel"], table_finder(table))
    assert result.passed == 1 and [o.index for o in result.failures] == [1]
    assert result.failures[0].spurious[0].unit == "USD"


def day(text: str) -> date:
    return date.fromisoformat(text)


def test_periods_convert_the_exclusive_end_and_allow_the_written_end_day(tmp_path: Path) -> None:
    cases = [
        {
            "Input": "Sales in March 2015 rose.",
            "Context": {"ReferenceDateTime": "2016-01-10T00:00:00"},
            "Results": [period_result("March 2015", 9, "2015-03-01", "2015-04-01", "2015-03")],
        },
        {
            "Input": "Closed from 4 to 9 this month.",
            "Context": {"ReferenceDateTime": "2016-01-10T00:00:00"},
            "Results": [period_result("from 4 to 9 this month", 7, "2016-01-04", "2016-01-09", "(a,b,P5D)")],
        },
        {
            "Input": "Open the next 3 days.",
            "Context": {"ReferenceDateTime": "2016-01-10T00:00:00"},
            "Results": [period_result("next 3 days", 9, "2016-01-11", "2016-01-14", "(a,b,P3D)")],
        },
        {
            "Input": "I'll leave this summer.",
            "Results": [{"Text": "this summer", "Start": 11, "Length": 11, "Value": {"Timex": "2016-SU"}}],
        },
    ]
    peers = write_specs(tmp_path, "DatePeriodParser", cases)
    seen: list[date | None] = []

    def periods(text: str, reference: date | None) -> list[TimeMention]:
        seen.append(reference)
        if text.startswith("Sales"):
            return [
                TimeMention(9, 19, "March 2015", Period(day("2015-03-01"), day("2015-03-31"), "month")),
                TimeMention(
                    0, 5, "Sales", Period(day("2016-01-10"), day("2016-01-10"), "day")
                ),  # a day: fine
            ]
        if text.startswith("Closed"):
            return [TimeMention(7, 29, "from 4 to 9", Period(day("2016-01-04"), day("2016-01-09"), "span"))]
        # "the next 3 days" are the 11th, 12th and 13th; a finder that adds the 14th is wrong
        return [TimeMention(9, 20, "next 3 days", Period(day("2016-01-11"), day("2016-01-14"), "span"))]

    result = evaluate_model(peers, RULES["DatePeriodParser"], Finders(quantities=None, periods=periods))
    assert dict(result.excluded) == {NO_DATES: 1}
    assert result.passed == 2 and result.passed_written_end == 1
    assert [o.index for o in result.failures] == [2]
    assert seen == [day("2016-01-10")] * 3
    assert "2016-01-11..2016-01-13" in failure_report(result)


def test_a_raising_finder_fails_its_case_and_a_missing_one_is_reported(tmp_path: Path) -> None:
    peers = write_specs(tmp_path, "PercentModel", [{"Input": "Up 5%.", "Results": []}])

    def broken(text: str) -> list[Quantity]:
        raise ValueError("bad")

    result = evaluate_model(peers, RULES["PercentModel"], Finders(quantities=broken, periods=None))
    assert result.passed == 0 and result.failures[0].error == "ValueError: bad"
    absent = evaluate_model(peers, RULES["PercentModel"], Finders(None, None, {"quantities": "not yet"}))
    assert absent.unavailable == "not yet" and absent.applicable == 1


def test_every_real_spec_case_is_either_scored_or_excluded_with_a_reason() -> None:
    peers = need(PEERS / "recognizers-text").parent
    nothing = Finders(quantities=lambda text: [], periods=lambda text, reference: [])
    results = {r.name: r for r in evaluate_recognizers(peers, nothing)}
    for result in results.values():
        assert result.applicable == len(result.outcomes) > 0
        assert set(result.excluded) <= {UNSUPPORTED, NO_DATES, MATH_NOTATION}
    # finding nothing passes exactly the cases that expect nothing
    assert results["PercentModel"].passed == sum(not o.expected for o in results["PercentModel"].outcomes)


@pytest.mark.parametrize(
    ("timex", "after", "allowed"),
    [("(XXXX-11-19,XXXX-11-20,P1D)", "2016-11-20", True), ("2016-11", "2016-12-01", False)],
)
def test_written_end_applies_only_to_day_ranges_naming_their_end(
    timex: str, after: str, allowed: bool
) -> None:
    text = "November 19-20" if allowed else "November"
    answer, _ = RULES["DatePeriodParser"].read(period_result(text, 0, "2016-11-01", after, timex))
    last = day(after) - timedelta(days=1)
    assert answer.readings == {(day("2016-11-01"), last)}
    assert bool(answer.written_end) is allowed


def test_a_malformed_spec_is_an_input_error_naming_file_and_case(tmp_path: Path) -> None:
    peers = write_specs(
        tmp_path,
        "PercentModel",
        [{"Input": "Fine.", "Results": []}, {"Input": "x", "Results": [{"Resolution": {"value": "5%"}}]}],
    )
    with pytest.raises(InputError, match=r"PercentModel.json: case 1 is not a spec case"):
        evaluate_model(peers, RULES["PercentModel"], Finders(None, None))


def test_real_month_and_year_periods_end_on_their_last_day() -> None:
    """The spec's exclusive endDate, converted, on every real whole month ("2016-11") and year ("2017")."""
    peers = need(PEERS / "recognizers-text").parent
    rules = RULES["DatePeriodParser"]
    checked = 0
    for case in load_cases(peers, rules):
        for result in case.get("Results") or []:
            value = result["Value"]
            timex, resolution = str(value.get("Timex")), value.get("PastResolution") or {}
            whole = resolution.get("startDate", "").endswith("-01") and resolution.get(
                "endDate", ""
            ).endswith("-01")
            if (
                len(timex) not in (4, 7)
                or not timex.replace("-", "").isdigit()
                or not whole
                or "Mod" in value
            ):
                continue
            answer, _ = rules.read(result)
            year, month = int(timex[:4]), int(timex[5:7] or 0)
            first = date(year, month or 1, 1)
            last = (
                date(year, 12, 31)
                if not month
                else date(year + month // 12, month % 12 + 1, 1) - timedelta(1)
            )
            assert (first, last) in answer.readings, timex
            checked += 1
    assert checked >= 10
