"""A month with a part word ("mid-March", "end-June", "late November") is that month, of the year the
tense of its clause says, as a bare month is; "last night" and "tonight" are days; "mid-2018" dates
the figure it follows as "late 2018" does."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.find.timex import find_time_mentions
from metrics.link.extract import claims_from_text

REFERENCE = date(2021, 5, 12)


def _mention(text: str, surface: str) -> tuple[date | None, date | None]:
    found = [m for m in find_time_mentions(text, REFERENCE) if m.surface == surface]
    assert found, f"{surface!r} not found in {text!r}: {find_time_mentions(text, REFERENCE)}"
    return found[0].period.start, found[0].period.end


@pytest.mark.parametrize(
    ("text", "surface", "first", "last"),
    [
        ("Stocks stood at 3 mln tonnes at end-March.", "end-March", date(2021, 3, 1), date(2021, 3, 31)),
        ("Reserves fell to $2 billion in mid-February.", "mid-February", date(2021, 2, 1), date(2021, 2, 28)),
        ("Deposits were 4 billion at end April.", "end April", date(2021, 4, 1), date(2021, 4, 30)),
        # past clause: the latest November, not the coming one
        ("The index peaked at 410 in late November.", "late November", date(2020, 11, 1), date(2020, 11, 30)),
        (
            "The dollar had risen to 120 yen in early December.",
            "early December",
            date(2020, 12, 1),
            date(2020, 12, 31),
        ),
        # future clause: the coming one
        ("The plant will reopen in late September.", "late September", date(2021, 9, 1), date(2021, 9, 30)),
        ("The bonds, to be issued in mid-July, pay 3 pct.", "mid-July", date(2021, 7, 1), date(2021, 7, 31)),
        ("Shares closed at 215 pence last night.", "last night", date(2021, 5, 11), date(2021, 5, 11)),
        ("The board meets tonight.", "tonight", date(2021, 5, 12), date(2021, 5, 12)),
    ],
)
def test_part_words_and_day_words(text: str, surface: str, first: date, last: date) -> None:
    assert _mention(text, surface) == (first, last)


def test_a_month_that_names_a_delivery_is_no_period() -> None:
    surfaces = [
        m.surface for m in find_time_mentions("Traders sold the late June shipments at $90.", REFERENCE)
    ]
    assert "late June" not in surfaces


def test_a_delivery_window_is_to_come_whatever_the_tense_of_the_purchase() -> None:
    text = "The mill bought 30,000 tonnes for late August/early September shipment."
    assert _mention(text, "late August") == (date(2021, 8, 1), date(2021, 8, 31))


def test_a_day_or_year_after_the_month_is_read_with_it() -> None:
    text = "Output was 500 tonnes at end-March 2019."
    surfaces = {m.surface: (m.period.start, m.period.end) for m in find_time_mentions(text, REFERENCE)}
    assert surfaces.get("March 2019") == (date(2019, 3, 1), date(2019, 3, 31))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Copper fell to 5,100 dlrs a tonne in mid-2019.", date(2019, 4, 1), date(2019, 9, 30)),
        ("Copper fell to 5,100 dlrs a tonne in mid 2019.", date(2019, 4, 1), date(2019, 9, 30)),
        ("Net assets at end-September were 2.4 mln dlrs.", date(2020, 9, 1), date(2020, 9, 30)),
        ("The pound rose to 1.42 dlrs from 1.40 dlrs last night.", date(2021, 5, 11), date(2021, 5, 11)),
    ],
)
def test_claims_take_the_period(text: str, first: date, last: date) -> None:
    claims = claims_from_text(text, REFERENCE)
    assert claims, text
    assert (claims[-1].period_start, claims[-1].period_end) == (first, last)
