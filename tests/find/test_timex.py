"""Time mentions: date periods as people write them, resolved against the publication date, with the
last day included."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.find.numbers import find_quantities
from metrics.find.timex import find_time_mentions
from metrics.link.extract import claims_from_text

MONDAY = date(2021, 3, 8)  # a Monday, the reference date of every case here


def period(text: str, reference: date = MONDAY) -> tuple[date | None, date | None]:
    found = find_time_mentions(text, reference)
    assert found, f"no time mention in {text!r}"
    mention = max(found, key=lambda m: m.end - m.start)
    assert text[mention.start : mention.end] == mention.surface
    return mention.period.start, mention.period.end


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Shops shut from 9 to 14 this month.", date(2021, 3, 9), date(2021, 3, 14)),
        ("Shops shut 3 till 6 of next month.", date(2021, 4, 3), date(2021, 4, 6)),
        ("Shops shut between 5 and 9 June, 2019.", date(2019, 6, 5), date(2019, 6, 9)),
        ("Sales for February 20 through 27 rose.", date(2021, 2, 20), date(2021, 2, 27)),
        ("They meet July between 2 and 4.", date(2021, 7, 2), date(2021, 7, 4)),
        ("It runs from Friday the 12th until Sunday the 14th.", date(2021, 3, 12), date(2021, 3, 14)),
    ],
    ids=[
        "this-month",
        "of-next-month",
        "between-month-year",
        "month-through",
        "month-between",
        "weekday-the",
    ],
)
def test_day_ranges_include_the_written_last_day(text: str, first: date, last: date) -> None:
    assert period(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Rain is due this weekend.", date(2021, 3, 13), date(2021, 3, 14)),
        ("Rain is due next weekend.", date(2021, 3, 20), date(2021, 3, 21)),
        ("Trade was thin during the week.", date(2021, 3, 8), date(2021, 3, 14)),
        ("Talks resume the coming week.", date(2021, 3, 15), date(2021, 3, 21)),
        ("Talks resume the week after next.", date(2021, 3, 22), date(2021, 3, 28)),
        ("Talks resume the year after next.", date(2023, 1, 1), date(2023, 12, 31)),
        ("Results come early next week.", date(2021, 3, 15), date(2021, 3, 17)),
        ("Results come late this month.", date(2021, 3, 16), date(2021, 3, 31)),
        ("Results come late next year.", date(2022, 7, 1), date(2022, 12, 31)),
        ("Results come by the end of April.", date(2021, 4, 16), date(2021, 4, 30)),
        ("They met the second week of May.", date(2021, 5, 10), date(2021, 5, 16)),
        ("They met the last week of this year.", date(2021, 12, 27), date(2022, 1, 2)),
        ("They met the first week of 2020.", date(2019, 12, 30), date(2020, 1, 5)),
    ],
    ids=["this-weekend", "next-weekend", "the-week", "coming-week", "week-after-next", "year-after-next",
         "early-next-week", "late-this-month", "late-next-year", "end-of-month", "week-of-month",
         "last-week-of-year", "first-week-of-year"],
)  # fmt: skip
def test_weeks_and_parts_of_periods(text: str, first: date, last: date) -> None:
    assert period(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Prices rise over the next 4 days.", date(2021, 3, 9), date(2021, 3, 12)),
        ("Prices rise over the next two months.", date(2021, 3, 9), date(2021, 5, 8)),
        ("A deal is expected within 10 days.", date(2021, 3, 8), date(2021, 3, 17)),
        ("A deal is expected 3 days hence.", date(2021, 3, 9), date(2021, 3, 11)),
        ("Prices fell in the past 2 weeks.", date(2021, 2, 22), date(2021, 3, 7)),
        ("Prices fell in the past few days.", date(2021, 3, 5), date(2021, 3, 7)),
        ("Prices fell in the last two decades.", date(2000, 1, 1), date(2019, 12, 31)),
    ],
    ids=["next-n-days", "next-n-months", "within", "hence", "past-n-weeks", "past-few-days", "past-decades"],
)
def test_counted_spans(text: str, first: date, last: date) -> None:
    assert period(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Output grew in 2019 Q2.", date(2019, 4, 1), date(2019, 6, 30)),
        ("Output grew in Q4 this year.", date(2021, 10, 1), date(2021, 12, 31)),
        ("Output grew in H2 2018.", date(2018, 7, 1), date(2018, 12, 31)),
        ("Output grew in 2018H1.", date(2018, 1, 1), date(2018, 6, 30)),
        ("Output grew in 2017-10.", date(2017, 10, 1), date(2017, 10, 31)),
        ("Output grew in 4/2016.", date(2016, 4, 1), date(2016, 4, 30)),
        ("Output grew in 2015, June.", date(2015, 6, 1), date(2015, 6, 30)),
        ("Output grew in April next year.", date(2022, 4, 1), date(2022, 4, 30)),
        ("Output grew on 4/21/2020.", date(2020, 4, 21), date(2020, 4, 21)),
        ("Prices soared in the 1980's.", date(1980, 1, 1), date(1989, 12, 31)),
        ("Prices soared in the '60s.", date(1960, 1, 1), date(1969, 12, 31)),
        ("Prices soared in the nineties.", date(1990, 1, 1), date(1999, 12, 31)),
        ("Prices soared in the noughties.", date(2000, 1, 1), date(2009, 12, 31)),
    ],
    ids=["year-q", "q-this-year", "h-year", "year-h", "iso-month", "month-slash-year", "year-comma-month",
         "month-next-year", "us-date", "decade-apostrophe", "decade-short", "decade-word", "noughties"],
)  # fmt: skip
def test_named_periods(text: str, first: date, last: date) -> None:
    assert period(text) == (first, last)


@pytest.mark.parametrize(
    "text",
    ["Both men are in their 70s.", "It deployed SS-20's in Europe.", "Sales were in 2015.3 million units."],
    ids=["ages", "model-name", "amount-after-year"],
)
def test_not_periods(text: str) -> None:
    assert all(m.period.grain != "span" or m.period.start is None for m in find_time_mentions(text, MONDAY))


def test_days_in_a_day_range_are_not_quantities() -> None:
    assert find_quantities("Shops shut from 9 to 14 this month.") == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Sales fell earlier this year.", date(2021, 1, 1), date(2021, 3, 7)),
        ("Sales recover later this month.", date(2021, 3, 8), date(2021, 3, 31)),
        ("Growth slowed this decade.", date(2020, 1, 1), date(2029, 12, 31)),
        ("Growth may return in the next 2 decades.", date(2030, 1, 1), date(2049, 12, 31)),
        ("Rules from the 19th century remain.", date(1800, 1, 1), date(1899, 12, 31)),
        ("It opened at the end of 2012.", date(2012, 9, 1), date(2012, 12, 31)),
        ("Talks open the week of April 14.", date(2021, 4, 12), date(2021, 4, 18)),
        ("Talks open the week commencing May 3.", date(2021, 5, 3), date(2021, 5, 9)),
        ("Shops shut from 9 to April 12.", date(2021, 4, 9), date(2021, 4, 12)),
        ("Shops stay shut from March 1 to today.", date(2021, 3, 1), date(2021, 3, 8)),
    ],
    ids=["earlier-this-year", "later-this-month", "this-decade", "next-decades", "century", "end-of-year",
         "week-of-date", "week-commencing", "day-to-date", "date-to-today"],
)  # fmt: skip
def test_more_periods(text: str, first: date, last: date) -> None:
    assert period(text) == (first, last)


def test_decimal_before_a_month_is_not_a_day() -> None:
    found = find_time_mentions("It was 4,021.25 March 2019 figures.", MONDAY)
    assert [(m.period.start, m.period.end) for m in found] == [(date(2019, 3, 1), date(2019, 3, 31))]


def test_a_two_digit_year_without_a_date_is_of_the_nearer_century() -> None:
    claims = claims_from_text("India's fiscal deficit narrowed to 5.8 pct of GDP in FY24.")
    assert [(c.period_start, c.period_end) for c in claims] == [(date(2023, 4, 1), date(2024, 3, 31))]
    assert [c.period_start for c in claims_from_text("Output rose 4 pct in FY87.")] == [date(1987, 1, 1)]
