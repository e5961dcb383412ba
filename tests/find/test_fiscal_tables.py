"""The fiscal calendars companies keep (metrics/data/company_calendars.toml) are a table users extend:
an entry that cannot be read as a calendar must fail here, not shift periods silently."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.find.fiscal import company_calendar, company_calendars, fiscal_year
from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document


def test_every_company_and_country_calendar_is_a_twelve_month_year() -> None:
    table = company_calendars()
    calendars = [*table.by_name.values(), *table.by_country.values()]
    assert calendars
    for calendar in calendars:
        assert 1 <= calendar.first_month <= 12
        assert calendar.named_by in {"start", "end"}
        period = calendar.year(2024)
        assert period.start is not None and period.end is not None
        assert 364 <= (period.end - period.start).days <= 365


def test_a_named_company_keeps_its_own_year_and_a_stated_year_wins() -> None:
    article = "Microsoft said revenue rose in fiscal 2024."
    at = article.index("fiscal")
    assert fiscal_year(2024, article[:at], article, at).start == date(2023, 7, 1)
    stated = "Its fiscal year ends in March. " + article
    at = stated.index("fiscal 2024")
    assert fiscal_year(2024, stated[:at], stated, at).end == date(2024, 3, 31)


def test_a_company_named_with_another_name_in_its_sentence_is_not_taken_from_earlier() -> None:
    article = "Analysts cover Oracle. Zentrix said profit rose in fiscal 1986."
    at = article.index("fiscal")
    sentence = article[article.index("Zentrix") : at]
    assert company_calendar(article, at, sentence) is None
    pronoun = "Analysts cover Oracle. Its profit rose in fiscal 1986."
    at = pronoun.index("fiscal")
    assert company_calendar(pronoun, at, pronoun[pronoun.index("Its") : at]) is not None


@pytest.mark.parametrize("published", [date(1, 1, 5), date(1, 3, 1), date(2, 1, 1), date(9999, 12, 30)])
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Microsoft said revenue rose 18 pct in its fiscal second quarter.", 18.0),
        ("Profits rose 5 crore in the last fiscal year.", 50000000.0),
        ("Spending rose 7 pct in the fiscal year starting April 1.", 7.0),
        ("Sales rose 9 pct in the September quarter.", 9.0),
    ],
)
def test_fiscal_and_quarter_periods_at_the_ends_of_the_calendar_never_raise(
    text: str, value: float, published: date
) -> None:
    """A story dated in year 1 or 9999 still gives its figure; a period that would leave the calendar
    is not read (these raised ValueError from the fiscal and quarter readings)."""
    claims = claims_from_document(make_document(text, published=published))
    assert [c.value for c in claims] == [value]


@pytest.mark.parametrize(
    ("text", "published", "first", "last"),
    [
        # the statement names the year: its end nearer publication tells which of its years names it
        (
            "Sales fell to 40 mln dlrs in fiscal 2023, which ended in June.",
            date(2023, 9, 1),
            date(2022, 7, 1),
            date(2023, 6, 30),
        ),
        (
            "Profit will rise 5 pct in fiscal 1990 ending on March 31.",
            date(1991, 2, 10),
            date(1990, 4, 1),
            date(1991, 3, 31),
        ),
        (
            "Output rose 3 pct in fiscal 1990 ending on March 31.",
            date(1990, 2, 10),
            date(1989, 4, 1),
            date(1990, 3, 31),
        ),
        (
            "Its loss was 2 mln dlrs for fiscal 2021 ended November 30.",
            date(2022, 1, 20),
            date(2020, 12, 1),
            date(2021, 11, 30),
        ),
    ],
)
def test_a_fiscal_year_stated_with_its_end(text: str, published: date, first: date, last: date) -> None:
    claims = claims_from_document(make_document(text, doc_id="f", published=published))
    assert claims
    assert (claims[0].period_start, claims[0].period_end) == (first, last)
