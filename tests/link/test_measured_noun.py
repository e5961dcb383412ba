"""Which noun a figure measures: the noun it modifies, the complement of an amount of money, the whole a
bare number is part of, the verb that governs a count of people, a difference of two flows, a price per
share; and the sign a balance keeps in its name. Sentences are the project's own."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.link.extract import claims_from_text
from metrics.link.measures import unit_class

DAY = date(1990, 6, 1)


def metrics_of(text: str) -> dict[str, tuple[str, str]]:
    """surface -> (metric, unit) of every claim of the text."""
    return {c.surface: (c.metric, c.unit) for c in claims_from_text(text, published=DAY)}


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("The brewer sold its rival a 15 pct stake in its bottling shares.", "15 pct", "stake"),
        ("Holders turned down the 27 dlr offer for their shares.", "27 dlr", "offer"),
        ("It had a loss of 3.4 mln dlrs against a 2.2 mln dlr profit in 1988.", "2.2 mln dlr", "profit"),
        ("The yard won an initial 40 mln stg order for ferries.", "40 mln stg", "orders"),
        ("Nurses pressed for 9 pct pay rises in May.", "9 pct", "wages"),
    ],
)
def test_a_figure_measures_the_noun_it_modifies(text: str, surface: str, metric: str) -> None:
    assert metrics_of(text)[surface][0] == metric


def test_the_modified_noun_phrase_stops_at_the_figure() -> None:
    claim = claims_from_text("Acme booked a 3.2 mln dlr profit in May.", published=DAY)[0]
    assert claim.metric == "profit" and claim.measure == "profit"
    claim = claims_from_text("Acme earned 300 mln marks in 1989.", published=DAY)[0]
    assert claim.metric == "profit" and claim.measure == "earned"  # a verb's subject is no modifier


def test_an_amount_of_money_measures_its_complement() -> None:
    found = metrics_of("Acme paid 50 mln dlrs for the mill and took on 12 mln dlrs in debt.")
    assert found["12 mln dlrs"][0] == "debt"
    assert found["50 mln dlrs"][0] == "price"
    found = metrics_of("The utility plans to sell 100 mln dlrs of convertible debentures.")
    assert found["100 mln dlrs"][0] == "bonds"


def test_counted_things_keep_their_plural_as_written() -> None:
    found = metrics_of("The council opened two new libraries and hired 85 librarians in 1989.")
    assert found["two"] == ("libraries", "count")  # "new" does not change what is counted
    assert found["85"] == ("librarians", "count")


def test_a_bare_number_that_is_part_of_a_whole_counts_the_whole() -> None:
    found = metrics_of("The carrier will retire 30 of its 210 aircraft next year.")
    assert found["30"] == ("aircraft", "count")


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("The foundry employs about 1,200 workers.", "employees"),
        ("The foundry laid off 300 workers in May.", "layoffs"),
        ("About 1,200 workers marched to the town hall.", "workers"),
    ],
)
def test_a_count_of_people_is_what_its_governing_verb_counts(text: str, metric: str) -> None:
    (claim,) = claims_from_text(text, published=DAY)
    assert claim.metric == metric


def test_balances_keep_their_sign_and_a_named_difference_is_one() -> None:
    found = metrics_of("Korea's trade surplus rose to 4 billion dlrs, and its budget deficit to 2 billion.")
    assert found["4 billion dlrs"][0] == "trade surplus"
    found = metrics_of("The gap between Chile's imports and exports widened to 900 mln dlrs in 1989.")
    assert found["900 mln dlrs"][0] == "trade deficit"
    found = metrics_of("The difference between imports and exports was 900 mln dlrs in 1989.")
    assert found["900 mln dlrs"][0] == "trade balance"


def test_a_money_figure_each_beside_shares_is_a_price_per_share() -> None:
    found = metrics_of("The bank will buy back 4 mln shares at 900 yen (6.20 dlrs; 4 stg) apiece.")
    assert found["900 yen"][0] == "price per share"
    assert found["6.20 dlrs"][0] == "price per share"
    assert found["4 stg"][0] == "price per share"  # a ';' inside parentheses breaks no clause
    assert found["4 mln"][0] == "shares"


def test_a_restated_figure_shares_its_metric() -> None:
    found = metrics_of("It expects an extraordinary gain of 9 mln dlrs, or 31 cts a share, in 1990.")
    assert found["9 mln dlrs"][0] == "gain" and found["31 cts"][0] == "gain"


def test_a_rate_per_period_is_a_percent_and_an_index_level_is_in_points() -> None:
    assert unit_class("% per month") == "percent"
    assert metrics_of("Inflation fell to 6 pct a month in May.")["6 pct a month"][0] == "inflation"
    found = metrics_of("The composite index climbed 0.4 pct to 1,872.5 on Friday.")
    assert found["1,872.5"] == ("index", "point")


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("Coffee stocks in consuming countries rose to 2 mln bags in May.", "2 mln bags", "inventories"),
        ("Copper demand fell 3 pct in 1989.", "3 pct", "consumption"),
        ("Its hedging costs reached 30 mln marks in 1989.", "30 mln marks", "costs"),
        ("Gross national product grew 2.5 pct in 1989.", "2.5 pct", "gnp"),
        ("Lenders offered a fixed rate of 9.5 pct on home loans in May.", "9.5 pct", "mortgage rate"),
        ("The firm's debt to equity ratio rose to 45 pct in 1989.", "45 pct", "debt to equity ratio"),
        ("Tourist revenues rose 12 pct in 1989.", "12 pct", "tourism revenue"),
    ],
)
def test_indicators_an_analyst_keeps_apart(text: str, surface: str, metric: str) -> None:
    assert metrics_of(text)[surface][0] == metric


def test_a_noun_after_the_unit_word_the_finder_took_in_is_the_one_modified() -> None:
    text = "Sweden's Norrmetall expects profits in 1990 after a 1.2 billion crown 1989 loss, its bank said."
    (claim,) = [c for c in claims_from_text(text, published=DAY) if c.value == 1.2e9]
    assert claim.metric == "loss"


def test_a_bare_figure_of_a_metric_that_is_no_amount_is_a_count() -> None:
    found = metrics_of("The senate voted 61 to 38 to pass the farm bill.")
    assert found["61"] == ("votes", "count") and found["38"] == ("votes", "count")


def test_a_figure_compared_with_keeps_the_unit_it_lost_when_of_the_same_size() -> None:
    found = metrics_of("Tea exports should rise to 95,000 tonnes in 1990 from 85,000 in 1989.")
    assert found["85,000"] == ("exports", "tonne")
    found = metrics_of("Car exports rose to 95,000 tonnes of parts in 1990 from 12 in 1989.")
    assert found["12"][1] != "tonne"  # a pair is of one size: 12 is no elided 12 tonnes


def test_a_metric_word_used_as_the_verb_of_a_figure_names_what_the_verb_does() -> None:
    assert metrics_of("The utility will pay 40 mln dlrs for the dam.")["40 mln dlrs"][0] == "price"
    assert metrics_of("Pay rose 4 pct in May.")["4 pct"][0] == "wages"  # a noun, the verb between


def test_a_gloss_explains_the_metric_before_it_and_a_genitive_is_no_modifier() -> None:
    (claim,) = claims_from_text(
        "Canada's PSE, or the amount of aid to growers as a share of farm income, averaged 40 pct in 1986.",
        published=DAY,
    )
    assert claim.metric == "producer subsidy equivalent" and claim.measure == "PSE"


def test_worth_of_after_a_figure_is_no_noun_it_modifies() -> None:
    found = metrics_of("During May the firm exported 16.9 mln stg worth of goods.")
    assert found["16.9 mln stg"][0] == "exports"


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("Shares of Acme Investment Corp rose 5 pct in May.", "5 pct", "shares"),
        ("The Federal Reserve said M-1 rose 2 billion dlrs in May.", "2 billion dlrs", "money supply"),
        ("U.S. Exports of walnuts fell to 9,000 tonnes in 1989.", "9,000 tonnes", "exports"),
        ("Exports rose 5 pct in May.", "5 pct", "exports"),
        ("Dutch Gross National Product rose to 432 billion guilders in 1989.", "432 billion guilders", "gnp"),
        ("The Nikkei Index rose 2 pct on Monday.", "2 pct", "index"),
    ],
)
def test_a_metric_word_inside_a_proper_name_is_not_what_a_figure_measures(
    text: str, surface: str, metric: str
) -> None:
    assert metrics_of(text)[surface][0] == metric


def test_the_base_of_an_earlier_share_is_not_what_a_later_figure_measures() -> None:
    text = (
        "The state deficit should fall to 2.2 pct of GDP in 1991 from 2.6 pct this year and 3.1 pct in 1989."
    )
    found = metrics_of(text)
    assert found["3.1 pct"][0] == "budget deficit" and found["2.2 pct"][0] == "budget deficit"


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("Personal income rose 0.5 pct in May.", "0.5 pct", "personal income"),
        ("Wages and salaries rose 2 billion dlrs in May.", "2 billion dlrs", "wages"),
        ("Personal consumption expenditures rose 0.3 pct in May.", "0.3 pct", "spending"),
        ("Operating income fell to 12 mln dlrs in 1989.", "12 mln dlrs", "profit"),
    ],
)
def test_household_and_company_income_are_kept_apart(text: str, surface: str, metric: str) -> None:
    assert metrics_of(text)[surface][0] == metric


def test_a_quoted_currency_is_an_exchange_rate_and_profit_per_share_is_earnings() -> None:
    assert metrics_of("The dollar was at 141.10 yen at midday.")["141.10 yen"][0] == "exchange rate"
    assert metrics_of("Sterling hovered at 2.955 marks on Monday.")["2.955 marks"][0] == "exchange rate"
    found = metrics_of("Last year Acme earned 158.7 mln dlrs or 2.23 dlrs a share.")
    assert found["158.7 mln dlrs"][0] == "profit" and found["2.23 dlrs"][0] == "earnings"
    found = metrics_of("Acme earned 300 mln marks, or 160 mln dlrs, in 1989.")
    assert found["160 mln dlrs"][0] == "profit"  # a restated amount prices no currency
