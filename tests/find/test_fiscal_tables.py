"""The fiscal calendars companies keep (metrics/data/company_calendars.toml) are a table users extend:
an entry that cannot be read as a calendar must fail here, not shift periods silently."""

from __future__ import annotations

from datetime import date

from metrics.find.fiscal import company_calendar, company_calendars, fiscal_year


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
