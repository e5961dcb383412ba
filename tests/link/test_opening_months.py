"""A month opening a sentence modifies the noun after it ("March exports rose 4 pct") and dates the
figures of its clause; a contract month that is a price report's subject ("July rose to 85 cents") or a
modal "May" does not."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_text

PUBLISHED = date(1991, 5, 14)


def _periods(text: str) -> dict[str, tuple[date | None, date | None, str]]:
    return {
        c.surface: (c.period_start, c.period_end, c.period_source) for c in claims_from_text(text, PUBLISHED)
    }


def test_an_opening_month_before_a_plural_noun_dates_its_clause() -> None:
    periods = _periods("March exports of steel rose 4 pct to 2.2 mln tonnes.")
    assert periods["4 pct"] == (date(1991, 3, 1), date(1991, 3, 31), "sentence")
    assert periods["2.2 mln tonnes"] == (date(1991, 3, 1), date(1991, 3, 31), "sentence")


def test_an_opening_month_before_a_metric_word_dates_its_clause() -> None:
    periods = _periods("The agency reported on Tuesday. April coal output was 3.2 mln tonnes.")
    assert periods["3.2 mln tonnes"] == (date(1991, 4, 1), date(1991, 4, 30), "sentence")


def test_contract_months_and_modal_may_date_nothing() -> None:
    assert _periods("July rose to 85 cents in thin trade.")["85 cents"][2] == "none"
    assert _periods("August copper closed 3 cents higher.")["3 cents"][2] == "none"
    assert _periods("May be as high as 6 pct, he said.")["6 pct"][2] == "none"
