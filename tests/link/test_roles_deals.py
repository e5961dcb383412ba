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
    text = "Ridgeway Steel Corp said it would pay 45 mln dlrs in notes for Ashcombe Wire Co."
    assert entities(text)["45 mln dlrs"] == ["Ridgeway Steel", "Ashcombe Wire"]


def test_spending_on_buying_out_shareholders_names_the_company_bought() -> None:
    text = (
        "Marlowe Energy plans to spend 120 mln dlrs buying out the remaining investors in pipeline "
        "operator Tessaly."
    )
    assert entities(text, published=date(2005, 2, 1))["120 mln dlrs"] == ["Marlowe Energy", "Tessaly"]


def test_a_share_of_a_units_stock_names_the_unit() -> None:
    text = (
        "Pemberton Industries Inc will sell 30 pct of the shares of its Hollis Glass Inc unit to the public."
    )
    assert entities(text)["30 pct"] == ["Pemberton Industries", "Hollis Glass"]


def test_a_pronoun_buyer_and_the_target_before_the_figure() -> None:
    text = (
        "Corrick Foods Inc completed its takeover of Danby Dairies last week.\n"
        "It also bought 40% of Danby's Canadian arm Westmark Creamery, paying $9 a share."
    )
    assert entities(text, published=date(2005, 2, 21))["$9"] == ["Corrick Foods", "Westmark Creamery"]


def test_an_underwriter_after_through_is_no_target() -> None:
    text = "Halvern Corp priced 3 mln common shares through lead manager Osbourne Securities Inc."
    assert entities(text)["3 mln"] == ["Halvern"]


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
