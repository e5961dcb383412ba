"""A word of time after a number is never what it counts ("versus 12 yesterday"): the figure is a bare
number and takes its metric from its clause. Sentences are the project's own."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_text

DAY = date(1990, 5, 2)


def test_a_number_before_a_time_word_counts_nothing() -> None:
    for text, surface in (
        ("No ships loaded at Tallow Quay today, versus 12 yesterday.", "12"),
        ("Pellam stock was quoted at 3.72 today.", "3.72"),
    ):
        found = {c.surface: (c.metric, c.unit) for c in claims_from_text(text, published=DAY)}
        assert found[surface][0] not in ("yesterday", "today") and found[surface][1] != "count"


def test_a_counted_noun_before_a_time_word_is_still_counted() -> None:
    found = {
        c.surface: (c.metric, c.unit)
        for c in claims_from_text("Dealers said 14 ships loaded today.", published=DAY)
    }
    assert found["14"] == ("ships", "count")


def test_a_bare_rate_beside_percents_is_a_percent() -> None:
    text = "Call money rates in Caldoria were 6-1/4 to 6-3/8 pct against 5-7/8 to six a week ago."
    found = {c.surface: (c.metric, c.unit) for c in claims_from_text(text, published=DAY)}
    assert found["5-7/8"] == ("interest rate", "%")
    # a scaled or large bare figure beside a rate is no rate
    text = "Caldoria sold 40 mln of its bonds at a rate of 7 pct."
    assert {c.surface: c.unit for c in claims_from_text(text, published=DAY)}.get("40 mln") != "%"
