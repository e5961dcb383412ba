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


def test_an_apposition_that_calls_a_name_a_company_makes_it_one() -> None:
    assert names("The mill is run by Tarvik-Norrel, the Canadian forestry group, near Quebec City.") == [
        "Tarvik-Norrel"
    ]
    assert names("It bought Pellam, a Kestel packaging unit.") == ["Pellam"]


def test_an_apposition_that_names_a_person_a_body_or_a_new_subject_makes_no_company() -> None:
    assert names("Jo Brandt, the man behind the Argo games group which failed, spoke.") == []
    assert names("Tarrow, an industry group, said prices rose.") == []
    text = "In a filing with the Federal Exchange Board, the group said it sold shares."
    assert [m.name for m in find_companies(text) if m.kind == "company"] == []


def test_a_place_based_name_is_a_company_and_its_place_no_actor() -> None:
    found = find_companies("Madrid-based Tolvane already holds a 33% stake in Brisk Lines.")
    assert (found[0].surface, found[0].name) == ("Madrid-based Tolvane", "Tolvane")


def test_a_based_adjective_that_names_no_place_or_an_acronym_makes_no_company() -> None:
    assert names("Narrowly-based Mercury rose 9 pct in December.") == []
    assert names("Members of the Lima-based ATPC cut output.") == []
