"""A bare money word whose currency depends on the country ("crowns", "dlrs") takes the story's."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.link.extract import claims_from_text

DAY = date(2026, 11, 20)
PROFIT = "The retailer said profit rose to 3.2 billion crowns in the third quarter. "


@pytest.mark.parametrize(
    ("second", "unit"),
    [
        ("It runs 400 stores across Norway.", "NOK"),
        ("Its head office is in Stockholm, Sweden.", "SEK"),
    ],
)
def test_crowns_are_those_of_the_one_crown_country_the_story_names(second: str, unit: str) -> None:
    [claim] = [c for c in claims_from_text(PROFIT + second, published=DAY) if c.value == 3.2e9]
    assert claim.unit == unit


def test_crowns_are_not_guessed_between_two_crown_countries() -> None:
    [claim] = [
        c
        for c in claims_from_text(PROFIT + "It runs stores in Norway and Denmark.", published=DAY)
        if c.value == 3.2e9
    ]
    assert claim.unit not in ("NOK", "DKK", "SEK")


def test_a_dateline_place_outranks_a_country_the_story_names() -> None:
    text = "OSLO, Nov 20 - " + PROFIT + "It also sells in Sweden."
    [claim] = [c for c in claims_from_text(text, published=DAY) if c.value == 3.2e9]
    assert claim.unit == "NOK"
