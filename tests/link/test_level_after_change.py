"""The level a change reached holds for the period the change is dated by ("fell 4 pct in March to 1.2
billion"), but not when that time is a bond's maturity."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_text


def _periods(text: str) -> dict[str, tuple[date | None, str]]:
    return {c.surface: (c.period_start, c.period_source) for c in claims_from_text(text, date(1993, 5, 10))}


def test_the_level_reached_takes_the_changes_period() -> None:
    periods = _periods("Gold holdings fell 4 pct in March to a provisional 1.2 billion dlrs.")
    assert periods["4 pct"] == (date(1993, 3, 1), "sentence")
    assert periods["1.2 billion dlrs"] == (date(1993, 3, 1), "sentence")


def test_a_maturity_does_not_date_the_price() -> None:
    periods = _periods("The 7 pct note due 2004 slipped 1/4 to 99-1/2 in thin trade.")
    assert periods.get("99-1/2", (None, "none"))[0] is None
