"""Quantity mentions: how people write numbers, fractions, negatives, money and ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.find.numbers import find_quantities, is_bare_number_word
from metrics.link.extract import claims_from_text
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


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The ticket was 40 € at the door.", "40 €", 40, "EUR"),
        ("Lunch cost 35元 there.", "35元", 35, "CNY"),
        ("They bid C $ 7.5 million for it.", "C $ 7.5 million", 7_500_000, "CAD"),
        ("The fee is 80 USD per year.", "80 USD per year", 80, "USD per year"),
        ("A 45USD charge applied.", "45USD", 45, "USD"),
        ("They lost 12 USD million.", "12 USD million", 12_000_000, "USD"),
        ("Profit rose to 240 million pounds last year.", "240 million pounds", 240_000_000, "GBP"),
        ("A 20-cent dividend was paid.", "20-cent", 0.2, "USD"),
        ("It sells for 7 dollars 25 cents.", "7 dollars 25 cents", 7.25, "USD"),
        ("Only nine dollars and ten cents.", "nine dollars and ten cents", 9.1, "USD"),
        ("It sells for 7 dollars and 25.", "7 dollars and 25", 7.25, "USD"),
        ("They borrowed 45 lakh rupees.", "45 lakh rupees", 4_500_000, "INR"),
        ("They borrowed 98,76,543 rupees.", "98,76,543 rupees", 9_876_543, "INR"),
        ("A 300 mln markka issue.", "300 mln markka", 300_000_000, "FIM"),
    ],
    ids=["euro-after", "yuan-sign-after", "letter-dollar", "code-after", "code-attached", "code-then-scale",
         "pounds-after-scale", "hyphen-cent", "dollars-cents", "words-dollars-cents",
         "dollars-and-cents", "lakh", "indian-grouping", "markka"],
)  # fmt: skip
def test_money(text: str, surface: str, value: float, unit: str) -> None:
    quantity = find_quantities(text)[0]
    assert (quantity.surface, quantity.unit) == (surface, unit)
    assert quantity.value == pytest.approx(value)


def test_pounds_of_goods_are_not_money() -> None:
    quantity = only("They shipped 2 million pounds of beef.")
    assert quantity.unit != "GBP"


def test_money_with_people_after_is_not_cents() -> None:
    found = find_quantities("It cost 15 dollars and 20 people paid.")
    assert [(q.surface, q.unit, q.noun) for q in found] == [
        ("15 dollars", "USD", None),
        ("20", "count", "people"),
    ]


def test_currency_code_belongs_to_the_amount_before_it() -> None:
    found = find_quantities("Pay 10 rmb 20 usd")
    assert [(q.surface, q.unit) for q in found] == [("10 rmb", "CNY"), ("20 usd", "USD")]


def test_exchange_rate_is_not_a_range() -> None:
    assert all(q.qualifier != "range" for q in find_quantities("The peg is 7.80 to one U.S. dollar."))


@pytest.mark.parametrize(
    ("text", "value"),
    [("Turnout was 64 percentage.", 64), ("Turnout was sixty percents.", 60), ("It fell minus 3 pct.", -3)],
    ids=["percentage", "percents", "minus"],
)
def test_percent_spellings(text: str, value: float) -> None:
    quantity = only(text)
    assert (quantity.value, quantity.unit) == (value, "%")


def test_numbers_inside_web_addresses_are_not_quantities() -> None:
    found = find_quantities("See https://example.org/find?q=40%25%2030% for 3 reports.")
    assert [q.surface for q in found] == ["3"]


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("Scores greater than 70 pass.", "at_least", 70),
        ("Bids bigger or equal than 15 win.", "at_least", 15),
        ("Keep it less than or equal to 12 items.", "at_most", 12),
        ("Values >= 8 are flagged.", "at_least", 8),
        ("when y<9 we stop", "at_most", 9),
        ("Sales may exceed 4,000 units.", "at_least", 4000),
        ("They hired 300 workers or more.", "at_least", 300),
        ("It costs 40 dollars or less.", "at_most", 40),
    ],
    ids=[
        "greater-than",
        "bigger-or-equal",
        "le-words",
        "ge-sign",
        "lt-attached",
        "exceed",
        "or-more",
        "or-less",
    ],
)
def test_bounds(text: str, qualifier: str, value: float) -> None:
    quantity = find_quantities(text)[0]
    assert (quantity.qualifier, quantity.value) == (qualifier, value)


def test_ticker_brackets_are_not_bounds() -> None:
    assert only("Shr <ABC> 1.30 dlrs").qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("It should be more than 12 and less than 30.", 12, 30),
        ("There are at most 90 and at least 40.", 40, 90),
        ("Prices stayed above 1,200 but below 1,500 dollars.", 1200, 1500),
        ("Between 400,000 and one million cars sold.", 400_000, 1_000_000),
    ],
    ids=["more-and-less", "at-most-at-least", "above-but-below", "digits-and-scaled-word"],
)
def test_two_bounds_make_a_range(text: str, low: float, high: float) -> None:
    quantity = find_quantities(text)[0]
    assert (quantity.qualifier, quantity.low, quantity.high) == ("range", low, high)


def test_bounds_on_different_things_stay_apart() -> None:
    found = find_quantities("Over 30 banks and almost 50 firms were fined.")
    assert [(q.qualifier, q.value) for q in found] == [("at_least", 30), ("at_most", 50)]


def test_ratio_is_not_a_range() -> None:
    assert all(q.qualifier != "range" for q in find_quantities("The vote was 8.5 to one in favour."))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mix in ¾ of the flour.", 0.75),
        ("It took 3½ hours.", 3.5),
        ("The town has 25\u202f000 people.", 25_000),
        ("The result is two over five.", 0.4),
        ("The result is 3 over 4.", 0.75),
        ("They raised 4 million and a half.", 4_500_000),
        ("They raised two billion and three quarters.", 2_750_000_000),
        ("Sales were ten billion and a half million.", 10_000_500_000),
        ("A loss of a millionth.", 1e-6),
        ("They sold 3 dozs.", 36),
    ],
    ids=["vulgar", "digits-vulgar", "thin-space", "word-over", "digit-over", "scale-and-a-half",
         "scale-and-three-quarters", "scale-and-half-scale", "millionth", "dozen-abbreviation"],
)  # fmt: skip
def test_more_ways_to_write_numbers(text: str, value: float) -> None:
    assert find_quantities(text)[0].value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["Staff grew by 3,400 over 1985.", "Output rose 5 over 10 years."],
    ids=["over-a-year", "over-a-span"],
)
def test_over_is_not_always_a_division(text: str) -> None:
    assert find_quantities(text)[0].value >= 1


def test_space_separated_table_columns_stay_apart() -> None:
    assert [q.value for q in find_quantities("columns: 225 300 678 679")] == [225, 300, 678, 679]


_PIECES = ["$", "-", " ", "\n", "\t", "½", "€", "<", ">=", "or more", "and a half", "over", "minus", "C $"]
_PIECES += [
    "1,234",
    "12",
    "3.5",
    "two",
    "thirds",
    "million",
    "dollars",
    "cents",
    "and",
    "pct",
    "to",
    "http://a.b/",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join) | st.text(max_size=60))
def test_any_text_gives_mentions_whose_surface_is_their_span(text: str) -> None:
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.surface
