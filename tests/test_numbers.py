"""Quantity mentions: how people write numbers, fractions, negatives, money and ranges."""

from __future__ import annotations

import pytest

from metrics.extract import claims_from_text
from metrics.numbers import find_quantities, is_bare_number_word
from metrics.records import Quantity


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].surface
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("We counted seventeen.", "seventeen", 17),
        ("It came to one hundred and nine.", "one hundred and nine", 109),
        ("It came to forty - seven.", "forty - seven", 47),
        ("Roughly half a dozen turned up.", "half a dozen", 6),
        ("We bought 4 dozens.", "4 dozens", 48),
        ("We bought five dozen.", "five dozen", 60),
        ("She ate two fifths.", "two fifths", 0.4),
        ("Add three and a quarter.", "three and a quarter", 3.25),
        ("Add thirty and two fifths.", "thirty and two fifths", 30.4),
        ("The gauge read four point zero six.", "four point zero six", 4.06),
        ("The gauge read ten point twenty-five.", "ten point twenty-five", 10.25),
        ("A value of nought is rare.", "nought", 0),
    ],
    ids=["word", "hundred-and", "spaced-hyphen", "half-a-dozen", "digits-dozens", "word-dozen",
         "fraction", "mixed-a", "mixed-and", "point-digits", "point-tens", "nought"],
)  # fmt: skip
def test_number_words(text: str, surface: str, value: float) -> None:
    quantity = only(text)
    assert quantity.surface == surface
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The reading fell to -4.5 overnight.", "-4.5", -4.5),
        ("The balance stood at minus 12.", "minus 12", -12),
        ("Growth was negative two percent.", "negative two percent", -2),
    ],
    ids=["dash", "minus-word", "negative-word"],
)
def test_negative_numbers(text: str, surface: str, value: float) -> None:
    quantity = only(text)
    assert (quantity.surface, quantity.value) == (surface, value)


@pytest.mark.parametrize(
    "text",
    ["Prices may move plus or minus 5 pct this week.", "The 2010-12 fiscal plan was a 747-400 order."],
    ids=["tolerance", "hyphen-inside"],
)
def test_not_negative(text: str) -> None:
    assert all(q.value >= 0 for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [("A quarter million tickets sold.", 250_000), ("Nearly half a million people came.", 500_000)],
    ids=["quarter-million", "half-a-million"],
)
def test_fraction_of_scale(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["Profit grew in the last two quarters of the year.", "She won a third term in office."],
    ids=["quarters-as-periods", "ordinal-third"],
)
def test_fraction_words_used_as_nouns_are_not_fractions(text: str) -> None:
    assert not any(0 < q.value < 1 for q in find_quantities(text))


def test_bare_number_words_are_mentions_but_not_claims() -> None:
    text = "One of them said that two thirds agreed."
    found = find_quantities(text)
    assert [q.surface for q in found] == ["One", "two thirds"]
    assert all(is_bare_number_word(q) for q in found)
    assert claims_from_text(text) == []


def test_counted_number_word_is_still_a_claim() -> None:
    claims = claims_from_text("The company cut nine hundred jobs in 2015.")
    assert [(c.value, c.unit) for c in claims] == [(900, "count")]


def test_mixed_number_keeps_its_noun() -> None:
    quantity = only("The loan runs for eight and a half years.")
    assert (quantity.value, quantity.unit) == (8.5, "year")


def test_between_word_numbers_with_scale_is_a_range() -> None:
    quantity = only("They need between six and seven thousand tonnes.")
    assert (quantity.low, quantity.high, quantity.unit) == (6000, 7000, "tonne")
