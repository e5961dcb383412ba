"""Entity mentions: every ISO country, organisations (a central bank is its country, an outlet is
known and never an actor), companies by legal form, kind word, wire brackets and later short forms.
The sentences are the project's own."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.find.companies import find_companies
from metrics.find.gazetteer import find_entities
from metrics.lexicon import lexicon
from metrics.link.cast import as_of


def names(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.kind) for m in find_entities(text)]


def companies(text: str) -> list[str]:
    found = find_companies(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.surface
    return [m.name for m in found]


def test_the_gazetteer_holds_every_sovereign_country() -> None:
    countries = set(lexicon().countries.values())
    assert len(countries) >= 195
    for name in ("Bhutan", "Uruguay", "Eswatini", "Kiribati", "Soviet Union", "Yugoslavia"):
        assert name in countries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OPEC met in Vienna.", [("OPEC", "organisation"), ("Austria", "country")]),
        ("The International Monetary Fund lent more.", [("IMF", "organisation")]),
        ("The Bundesbank held rates.", [("Germany", "country")]),
        ("The Fed raised rates.", [("United States", "country")]),
        ("Reuters reported it.", [("Reuters", "outlet")]),
        ("Tegucigalpa and Ulan Bator replied.", [("Honduras", "country"), ("Mongolia", "country")]),
    ],
)
def test_organisations_central_banks_outlets_and_capitals(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares of Marlow Dynamics Inc fell.", ["Marlow Dynamics"]),
        ("Brightwater Paper and Pulp Co Ltd said.", ["Brightwater Paper and Pulp"]),
        ("Kestrel Air Lines said on Monday.", ["Kestrel Air Lines"]),
        ("Pelham Gears <PGR> said.", ["Pelham Gears"]),
        ("<Tolland Mills Corp> agreed.", ["Tolland Mills"]),
        ("Halvorsen Shipping ASA sold ships.", ["Halvorsen Shipping"]),
        ("The bank said more.", []),
        ("Japan Inc is a phrase.", []),
    ],
)
def test_companies_by_legal_form_kind_word_and_brackets(text: str, expected: list[str]) -> None:
    assert companies(text) == expected


def test_a_company_is_found_again_by_its_short_form() -> None:
    text = "Quarry Ridge Minerals Inc bought a mine. Quarry Ridge said it paid cash, and Quarry paid more."
    assert companies(text) == ["Quarry Ridge Minerals", "Quarry Ridge Minerals", "Quarry Ridge Minerals"]


@pytest.mark.parametrize(
    ("name", "published", "expected"),
    [
        ("Germany", date(1987, 3, 1), "West Germany"),
        ("Germany", date(1991, 3, 1), "Germany"),
        ("Russia", date(1985, 1, 1), "Soviet Union"),
        ("European Union", date(1988, 1, 1), "European Community"),
        ("European Union", date(2004, 1, 1), "European Union"),
        ("Germany", None, "Germany"),
    ],
)
def test_names_as_of_the_article_date(name: str, published: date | None, expected: str) -> None:
    assert as_of(name, published) == expected


def test_a_descriptor_names_the_company_and_keeps_its_demonym_out() -> None:
    text = "Chilean copper miner Andacollo Norte said output fell."
    found = find_companies(text)
    assert [(m.name, m.surface) for m in found] == [
        ("Andacollo Norte", "Chilean copper miner Andacollo Norte")
    ]


def test_a_bracketed_short_name_is_a_later_form() -> None:
    text = "Wexley Transport Corp (Wextran) said it bought 12 barges. Later Wextran paid cash."
    found = [(m.surface, m.name) for m in find_companies(text)]
    assert ("Wextran", "Wexley Transport") in found
