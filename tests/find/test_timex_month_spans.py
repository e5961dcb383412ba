"""Runs of months written with a dash or slash and no period word ("the January-March surplus",
"October/December 2019"), and rolling windows to "end" a month, are periods of their own."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.find.timex import find_time_mentions

REFERENCE = date(2021, 5, 12)


def _longest(text: str) -> tuple[str, date | None, date | None]:
    found = find_time_mentions(text, REFERENCE)
    assert found, f"no time mention in {text!r}"
    mention = max(found, key=lambda m: m.end - m.start)
    return mention.surface, mention.period.start, mention.period.end


@pytest.mark.parametrize(
    ("text", "surface", "first", "last"),
    [
        ("Its January-March deficit narrowed.", "January-March", date(2021, 1, 1), date(2021, 3, 31)),
        (
            "Output rose in October/December 2019.",
            "October/December 2019",
            date(2019, 10, 1),
            date(2019, 12, 31),
        ),
        ("Visits in February-April were up.", "February-April", date(2021, 2, 1), date(2021, 4, 30)),
        (
            "Costs rose in the three months to end March.",
            "three months to end March",
            date(2021, 1, 1),
            date(2021, 3, 31),
        ),
    ],
)
def test_month_runs_are_periods(text: str, surface: str, first: date, last: date) -> None:
    assert _longest(text) == (surface, first, last)


def test_abbreviated_delivery_months_of_a_quote_are_not_runs() -> None:
    found = find_time_mentions("Pellets traded with Jun/Sep at 190 and Oct/Dec at 185.", REFERENCE)
    assert not any("/" in m.surface for m in found)
