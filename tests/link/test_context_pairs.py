"""A figure whose sentence names no actor of its own takes the actors of the figure it goes on from:
"the two countries" and "they" are the pair named before, "it" the figure before; a city where a
meeting happens is a place, never a party. The project's own sentences."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_document
from metrics.records import Document


def _actors(text: str) -> dict[str, tuple[str | None, str | None]]:
    document = Document(id="t", text=text, published=date(2019, 5, 1))
    return {c.surface: (c.subject, c.counterpart) for c in claims_from_document(document)}


def test_the_two_countries_and_it_are_the_pair_named_before() -> None:
    actors = _actors(
        "Trade between Brazil and Canada reached $9 billion in 2016. "
        "Trade between the two countries later fell to $7 billion. "
        "It is expected to reach $8 billion in 2020."
    )
    pair = ("Brazil", "Canada")
    assert (actors["$9 billion"], actors["$7 billion"], actors["$8 billion"]) == (pair, pair, pair)


def test_they_are_the_people_named_before_and_the_city_is_no_party() -> None:
    actors = _actors("Macron and Merkel have met nine times. They held one summit, in Lisbon in May 2018.")
    assert actors["nine"] == ("Emmanuel Macron", "Angela Merkel")
    assert actors["one"] == ("Emmanuel Macron", "Angela Merkel")
