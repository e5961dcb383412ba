"""Provinces and states: an actor where the article names it as a government, a place everywhere else
(and a place after a word of place even where it acts); "the province" as the governing one; a state's
name that holds a country's ("New Mexico") is no mention of that country. The sentences are the
project's own."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document


def entities(text: str, title: str | None = None, published: date = date(1987, 4, 2)) -> dict[str, list[str]]:
    document = make_document(text, doc_id="t", published=published, title=title)
    return {c.surface: list(c.entities) for c in claims_from_document(document)}


def test_a_provincial_government_owns_its_auction_and_a_later_sentence_with_no_name() -> None:
    text = (
        "OTTAWA, April 2 - This week's Manitoba government auction of 40 mln dlrs of bills was covered.\n"
        "The month's auction of 25 mln dlrs of bills yielded 7.5 pct, a spokesman said."
    )
    found = entities(text, title="MANITOBA BILL YIELD")
    assert found["40 mln dlrs"] == ["Manitoba"]
    assert found["25 mln dlrs"] == ["Manitoba"]


def test_the_province_is_the_one_that_governs() -> None:
    text = (
        "VICTORIA, March 2 - Saskatchewan will raise its income taxes, the finance minister said.\n"
        "He said the province will cut its budget deficit to 300 mln dlrs in 1987-88."
    )
    assert entities(text)["300 mln dlrs"] == ["Saskatchewan"]


def test_a_region_that_never_governs_is_a_place_and_no_actor() -> None:
    text = "Tolley Corp said it will build a 40 mln dlr plant in Ohio. Ohio workers earn 12 dlrs an hour."
    found = entities(text)
    assert found["40 mln dlr"] == ["Tolley"]
    assert "Ohio" not in found["12 dlrs an hour"]


def test_a_governing_region_after_a_word_of_place_is_where() -> None:
    text = (
        "The Alberta government will lend 90 mln dlrs to Harrow Motors Ltd.\n"
        "Harrow Motors said about 2,500 people work in supply jobs in Manitoba and Alberta."
    )
    assert entities(text)["2,500"] == ["Harrow Motors"]


def test_a_states_name_that_holds_a_countrys_is_not_that_country() -> None:
    text = "Verdant Mining Corp said its New Mexico mine produced 40,000 tonnes of copper."
    assert "Mexico" not in entities(text)["40,000 tonnes"]


def test_a_distance_to_a_place_is_nobodys_figure() -> None:
    text = "Tolley Corp said its new mine lies 80 km northwest of Lima and will employ 300 people."
    found = entities(text)
    assert found["80 km"] == []
    assert found["300"] == ["Tolley"]
