"""A deal's target as the figure's counterpart whatever the figure's metric: the company a word of buying
or paying for reaches ("paid ... for", "buying out shareholders in"), the company held ("20 pct of the
stock of its unit"), the target after a pronoun buyer; and what is no target: an underwriter after
"through", a company after "after the acquisition of". The sentences are the project's own."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document


def entities(text: str, title: str | None = None, published: date = date(1987, 4, 2)) -> dict[str, list[str]]:
    document = make_document(text, doc_id="t", published=published, title=title)
    return {c.surface: list(c.entities) for c in claims_from_document(document)}


def test_paid_for_names_the_buyer_and_the_target() -> None:
    text = "Castor Mills Corp bought Brenlow Chemicals. Castor Mills paid 80 mln dlrs cash for Brenlow."
    assert entities(text)["80 mln dlrs"] == ["Castor Mills", "Brenlow Chemicals"]


def test_spending_on_buying_out_shareholders_names_the_company_bought() -> None:
    text = "Valdor Telecom is to spend 300m euros on buying out minority holders in network provider Quillan."
    assert entities(text, published=date(2005, 2, 1))["300m euros"] == ["Valdor Telecom", "Quillan"]


def test_a_share_of_a_units_stock_names_the_unit() -> None:
    text = "Harlow Group Inc said it plans to issue 15 pct of the common stock of its Pendry Tools Inc unit."
    assert entities(text)["15 pct"] == ["Harlow Group", "Pendry Tools"]


def test_a_pronoun_buyer_and_the_target_before_the_figure() -> None:
    text = (
        "Swiss drugmaker Ostrava Pharma said it had bought all of Germany's Kestel.\n"
        "It also acquired 55% of Kestel's US affiliate Brin Labs, and offered to buy the rest for $12 each."
    )
    assert entities(text, published=date(2005, 2, 21))["$12"] == ["Ostrava Pharma", "Brin Labs"]


def test_an_underwriter_after_through_is_no_target() -> None:
    text = "Tolley Corp filed an offering of 2 mln shares of common stock through Brisk Securities Inc."
    assert entities(text)["2 mln"] == ["Tolley"]


def test_a_deal_word_that_dates_the_figure_makes_no_counterpart() -> None:
    text = "Merrow Foods Inc said its profit rose 12 pct after the acquisition of Dunstan Bakeries."
    assert entities(text)["12 pct"] == ["Merrow Foods"]


def test_the_company_held_after_the_figure_goes_before_a_partner_of_another_phrase() -> None:
    text = (
        "Kelby Holdings Ltd plans to raise funds from Norrel Ltd, and to sell 40 pct stakes in the "
        "Pantry Stores Inc chain."
    )
    assert entities(text)["40 pct"] == ["Kelby Holdings", "Pantry Stores"]


def test_a_subsidiary_qualified_by_its_country_is_named_without_either() -> None:
    text = (
        "Kelby Holdings Ltd owns its U.K. Subsidiary Norrel Ltd.\n"
        "Kelby bought Norrel from Tarrant Trust Plc last year for 2 mln stg."
    )
    assert entities(text)["2 mln stg"] == ["Kelby Holdings", "Norrel"]
