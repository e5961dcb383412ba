"""What the words right after a figure say it measures (link/of_phrases.py), the indicators split out of
broader ones (layoffs, coupons, treasury bills, stock offerings, savings, allocated funds, damages,
capitalization, chance, distance) and the headline that narrows a generic name. Sentences are the
project's own, about invented companies."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.link.extract import claims_from_document, claims_from_text
from metrics.read.documents import make_document

DAY = date(1991, 3, 4)


def metric(text: str, surface: str) -> str:
    found = {c.surface: c.metric for c in claims_from_text(text, published=DAY)}
    return found[surface]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Brindle Fans Inc holds about 22 pct of the desk lamp market in Canada.", "22 pct", "market share"),
        ("Quorvex said its brand now has 9 pct of the market.", "9 pct", "market share"),
    ],
)
def test_a_percent_of_a_market_is_a_market_share(text: str, surface: str, expected: str) -> None:
    assert metric(text, surface) == expected
    # shares bought on a market are no share of it
    assert metric("Brindle bought 5 pct of its shares on the open market in May.", "5 pct") != "market share"


def test_a_length_from_a_place_is_a_distance_whatever_the_clause_says() -> None:
    text = "Miners at a pit some 40 km southwest of the capital renewed their demand for higher wages."
    assert metric(text, "40 km") == "distance"
    assert metric("The new depot lies 12 miles from the port of Calvo.", "12 miles") == "distance"
    # a length of something is no distance
    assert metric("Tallow Rail laid 300 km of track in 1990.", "300 km") != "distance"


def test_the_percent_a_bond_pays_is_its_coupon() -> None:
    text = "Harrow Bank sold a 75 mln dlr eurobond, due 1996 and paying 9-1/4 pct, through a group of banks."
    assert metric(text, "9-1/4 pct") == "coupon"
    assert metric("Mendel Corp will redeem its 8-3/8 pct debentures due 1999.", "8-3/8 pct") == "coupon"
    # a percent an account pays is no bond's coupon
    assert metric("The Pellam savings account pays 5 pct interest.", "5 pct") != "coupon"


def test_a_percent_of_a_named_company_bought_is_a_stake() -> None:
    text = "Corvane Holdings acquired 62.5 pct of Tessaly's Dutch unit last month."
    assert metric(text, "62.5 pct") == "stake"
    # a share of a metric is not a stake, though a name stands after "of"
    assert metric("Corvane sold 30 pct of Tessaly's grain exports in 1990.", "30 pct") != "stake"


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Drayfield Motors laid off 1,200 workers at its Lenton plant in June.", "1,200", "layoffs"),
        ("Drayfield will cut 900 jobs by 1992.", "900", "job cuts"),
        ("The agency allocated 2.5 mln dlrs to the campaign.", "2.5 mln dlrs", "allocated funds"),
        ("Pendry plans to issue 25 pct of its Arlo unit's stock to the public.", "25 pct", "stock offering"),
        ("The bank sold 300 mln dlrs of six-month treasury bills.", "300 mln dlrs", "treasury bills"),
        ("Dealers took up 900 mln stg of a government tap stock.", "900 mln stg", "bonds"),
        ("Marlow Foods made cost savings of 40 mln stg in 1990.", "40 mln stg", "savings"),
        ("Its total capitalization is 1.2 billion dlrs.", "1.2 billion dlrs", "capitalization"),
        ("Gellert filed 80 mln dlrs of debt securities with the regulator.", "80 mln dlrs", "debt"),
        ("Ostrow sought damages of 60 mln dlrs from Pellam Corp.", "60 mln dlrs", "damages"),
        ("Voters in the north had a 40 pct chance of a recount.", "40 pct", "chance"),
        ("Harrow Corp will buy back up to 8 pct of its common stock.", "8 pct", "share buybacks"),
        ("Harrow has set 2 mln dlrs aside for buybacks.", "2 mln dlrs", "share buybacks"),
        (
            "Harrow registered an offering of as much as 90 mln dlrs of preferred stock.",
            "90 mln dlrs",
            "stock offering",
        ),
    ],
)
def test_indicators_an_analyst_keeps_apart(text: str, surface: str, expected: str) -> None:
    assert metric(text, surface) == expected


def test_the_headline_narrows_a_generic_name_its_clause_leaves_open() -> None:
    text = "The surplus was 410 mln dlrs in January, against 380 mln dlrs in December."
    titles = (("CALDORIA JANUARY TRADE SURPLUS WIDENS", "trade surplus"), (None, "budget surplus"))
    for title, expected in titles:
        claims = claims_from_document(make_document(text, doc_id="t", published=DAY, title=title))
        assert claims[0].metric == expected


def test_a_chance_is_a_written_percent_and_gives_way_to_what_it_is_of() -> None:
    text = "Pellam said there was a good chance of winning, but lost the first set 6-1."
    assert metric(text, "6") != "chance"  # a bare number is never a chance
    text = "Dealers see little chance of another base rate cut from the current 9 pct."
    assert metric(text, "9 pct") == "interest rate"


def test_a_verb_of_result_whose_object_is_a_change_names_no_metric() -> None:
    text = "Caldorian bank deposits grew to 41 billion marks in May. This yielded an annual 6.2 pct rise."
    claims = claims_from_text(text, published=DAY)
    assert {c.surface: c.metric for c in claims}["6.2 pct"] == "deposits"
    assert metric("The bonds yielded 7.5 pct in May.", "7.5 pct") == "yield"


def test_an_amount_of_money_measures_the_last_noun_of_its_complement() -> None:
    text = "Corvane Corp is offering 90 mln dlrs of convertible subordinated capital notes due 2001."
    assert metric(text, "90 mln dlrs") == "bonds"  # not the offer, nor the capital
    text = "Corvane's prices rose 2 dlrs in moderately active trade."
    assert metric(text, "2 dlrs") != "trade"  # "in" takes one modifier at most


def test_a_money_figure_a_share_of_an_offering_is_its_price_per_share() -> None:
    text = "Pendry said its rights issue of 3 mln shares is priced at 4.50 dlrs a share."
    assert metric(text, "4.50 dlrs") == "price per share"


def test_a_word_of_the_headline_narrows_an_issue_to_a_bond_and_a_written_name_stays() -> None:
    text = "The issue of 150 mln dlrs will be sold through Harrow Securities."
    claims = claims_from_document(
        make_document(text, doc_id="t", published=DAY, title="PELLAM FILES FOR DEBT OFFER")
    )
    assert claims[0].metric == "bonds"
    text = "Caldoria's budget deficit was 2.1 billion dlrs in 1990."
    claims = claims_from_document(
        make_document(text, doc_id="t", published=DAY, title="CALDORIA TRADE DEFICIT WIDENS")
    )
    assert claims[0].metric == "budget deficit"


def test_a_share_a_verb_takes_off_a_thing_measures_the_thing() -> None:
    assert metric("Analysts said the levy would wipe 5 pct of the mine's current value.", "5 pct") == "value"
    assert metric("Dear oil has knocked 0.3 pct off the growth rate.", "0.3 pct") == "gdp growth"
    assert metric("Exports were 5 pct of GDP in 1990.", "5 pct") == "exports"  # no taking verb: the base


def test_household_bills_are_costs_and_a_capital_account_is_no_current_account() -> None:
    assert metric("The plan would raise monthly electricity bills by 4 pct in Orvane.", "4 pct") == "costs"
    text = "Caldoria's long-term capital account deficit widened to 3.1 billion dlrs in May."
    assert metric(text, "3.1 billion dlrs") == "capital account deficit"


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Orvane will distribute 2.4 mln hectares of land to farmers.", "2.4 mln hectares", "area"),
        ("The 41-year-old joined Pellam in 1988.", "41-year-old", "age"),
        ("Tessaly Air said its load factor fell to 61.2 pct in May.", "61.2 pct", "load factor"),
        ("The rig utilization rate rose to 53.1 pct last week.", "53.1 pct", "capacity utilization"),
        ("Banks will be paid a 15 basis point utilisation fee on the notes.", "15 basis point", "costs"),
    ],
)
def test_a_unit_or_an_industry_word_names_what_a_figure_is(text: str, surface: str, expected: str) -> None:
    assert metric(text, surface) == expected


def test_notes_bought_back_are_bonds_not_share_buybacks() -> None:
    text = "Pellam Corp said it bought back 6 mln dlrs of its 12-1/2 pct subordinated notes."
    assert metric(text, "6 mln dlrs") == "bonds"
