"""Rating agencies and forums report or host figures and own none, even where the company finder reads
their legal names; multi-word organisations written in lower case are still themselves, and "the system"
is the system named before. The sentences are the project's own."""

from __future__ import annotations

from datetime import date

from metrics.find.gazetteer import find_entities
from metrics.link.extract import claims_from_document
from metrics.read.documents import make_document


def entities(text: str, title: str | None = None, published: date = date(1987, 4, 2)) -> dict[str, list[str]]:
    document = make_document(text, doc_id="t", published=published, title=title)
    return {c.surface: list(c.entities) for c in claims_from_document(document)}


def test_a_rating_agency_that_says_it_would_act_is_no_owner_of_the_figure() -> None:
    text = (
        "LONDON, April 2 - Moody's Investors Service Inc said it may lower its rating of Tarrant Power Co.\n"
        "Moody's said the 12 mln dlr refund that state regulators ordered would weaken the utility."
    )
    assert entities(text, title="MOODY'S MAY DOWNGRADE TARRANT POWER <TPW>")["12 mln dlr"] == [
        "Tarrant Power"
    ]


def test_a_rated_issue_is_the_issuers() -> None:
    text = "Brisk Computer Corp sold 40 mln dlrs of notes, rated B-plus by Standard and Poor's Corp."
    assert entities(text)["40 mln dlrs"] == ["Brisk Computer"]


def test_a_multi_word_organisation_in_lower_case_is_still_itself() -> None:
    found = [(m.name, m.kind) for m in find_entities("Officials of the world bank and the paris club met.")]
    assert found == [("World Bank", "organisation"), ("Paris Club", "organisation")]


def test_a_lower_case_name_with_a_number_is_no_organisation() -> None:
    assert find_entities("A group of seven banks lent the money.") == []


def test_the_system_goes_on_from_the_system_named_before() -> None:
    text = (
        "CHICAGO, April 2 - The farm credit system faces heavy losses, an official said.\n"
        "He said some of the system's debt carries rates as high as 15 pct."
    )
    assert entities(text, title="FARM LENDER SEES LOSSES")["15 pct"] == ["Farm Credit System"]
