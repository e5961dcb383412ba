"""A company after a country's genitive that the article writes once: read so in a story of companies,
not elsewhere (a one-off capitalised word there is as often a person's). The sentences are the
project's own."""

from __future__ import annotations

from metrics.find.companies import find_companies


def names(text: str) -> list[str]:
    return [m.name for m in find_companies(text)]


def test_a_one_off_name_after_a_genitive_is_a_company_in_a_story_of_companies() -> None:
    text = "Orland Motors Corp and Brisk Motors Corp cut output. Japan's Kotaro was another big gainer."
    assert "Kotaro" in names(text)


def test_a_one_off_name_after_a_genitive_is_no_company_elsewhere() -> None:
    assert names("Japan's Kotaro was another big winner in the race.") == []
