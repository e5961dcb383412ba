"""Company names as an article writes them again: tickers, two legal names in one run, a later run that
is the start or the acronym of the first-given name, initials before the name, a word of nationality
before it. The sentences are the project's own."""

from __future__ import annotations

import pytest

from metrics.find.companies import find_companies


def companies(text: str) -> list[tuple[str, str]]:
    found = find_companies(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.surface
    return [(m.surface, m.name) for m in found]


def test_a_ticker_with_an_exchange_code_is_no_name_and_names_the_word_before_it() -> None:
    text = "Shares of Lindqvist's <LNDQ ST> rose. Lindqvist's bankers were pleased."
    assert companies(text) == [("Lindqvist's", "Lindqvist"), ("Lindqvist", "Lindqvist")]


def test_a_ticker_is_a_later_short_form_of_its_company() -> None:
    text = "Harbour Foods Corp <HBF> rejected the bid. Each HBF share is worth more, it said."
    assert companies(text) == [("Harbour Foods Corp", "Harbour Foods"), ("HBF", "Harbour Foods")]


def test_two_legal_names_joined_are_two_companies() -> None:
    text = "The suit between Orland Inc and Presswick Co went on."
    assert [name for _, name in companies(text)] == ["Orland", "Presswick"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Castor Mills and Chemical Corp sold a unit. Castor Mills shares rose.",
            ["Castor Mills and Chemical", "Castor Mills and Chemical"],
        ),
        ("Northern Petroleum Co Plc bid. NP Group and NP said more.", ["Northern Petroleum"] * 3),
    ],
)
def test_a_later_run_is_the_company_first_named(text: str, expected: list[str]) -> None:
    assert [name for _, name in companies(text)] == expected


def test_a_later_run_with_a_legal_form_of_its_own_is_another_company() -> None:
    text = "Delmont Canada Inc is 60 pct owned by Delmont Inc."
    assert [name for _, name in companies(text)] == ["Delmont Canada", "Delmont"]


def test_initials_before_a_name_leave_the_name_as_short_form() -> None:
    text = "It bought <J K Marsh Associates Ltd> of Leeds. Marsh runs 12 offices."
    assert companies(text)[-1] == ("Marsh", "J K Marsh Associates")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Danish shipping and ferry group Tormund AS said so.", "Danish shipping and ferry group Tormund AS"),
        ("It bought 40 pct of Vexa's US affiliate Corin Labs.", "US affiliate Corin Labs"),
        ("Norway's Halvik Shipping said so.", "Norway's Halvik Shipping"),
    ],
)
def test_a_word_of_nationality_before_a_company_is_part_of_its_mention(text: str, surface: str) -> None:
    assert surface in [s for s, _ in companies(text)]


def test_a_name_after_a_country_genitive_is_a_company_when_the_article_repeats_it() -> None:
    text = "It bought all of Austria's Kerbler. Kerbler's sales rose."
    assert companies(text)[0] == ("Austria's Kerbler", "Kerbler")
    assert companies("Austria's Kerbler said so.") == []
    assert companies("Austria's Finance Ministry said so. Austria's Finance Ministry said more.") == []
    assert companies("Austria's January exports rose. Austria's January imports fell.") == []


def test_a_title_opens_no_company_name_and_two_known_names_joined_are_no_company() -> None:
    assert companies("Dr. Ing. Halvik Motoren AG said so.") == [("Halvik Motoren AG", "Halvik Motoren")]
    assert companies("Loans from the International Monetary Fund and World Bank rose.") == []


def test_an_organisation_by_its_last_word_and_its_later_shorter_name() -> None:
    found = find_companies(
        "The National Turnip Board met. The Turnip Board and the Chicago Board of Wheat agreed."
    )
    assert [(m.name, m.kind) for m in found] == [
        ("National Turnip Board", "organisation"),
        ("National Turnip Board", "organisation"),
        ("Chicago Board of Wheat", "organisation"),
    ]
    assert find_companies("The Federal Reserve Board met.") == []


def test_a_genitive_is_dropped_only_before_a_ticker() -> None:
    assert companies("The head of burger chain Maddie's died.") == [("Maddie's", "Maddie's")]
    assert companies("Japan's biggest steel company Ostrov Steel lost 2%.")[0][1] == "Ostrov Steel"
    assert companies("Japan's biggest steel company Ostrov Steel lost 2%.")[0][0].startswith("Japan's")


def test_an_officers_title_of_a_name_makes_it_a_company() -> None:
    text = "Staff said Vexamo, which cut 400 jobs, sent 900 home. Jo Mendes, a director of Vexamo, said so."
    assert [name for _, name in companies(text)] == ["Vexamo", "Vexamo"]
    assert companies("The president of Colombia's coffee body and the head of OPEC spoke.") == []
