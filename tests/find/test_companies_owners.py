"""A name in a genitive before a word of a company's figures is a company ("Tarvik's revenue"): news
names a firm so once it is known, without its legal form. Not a country, a place, a sentence word or a
short form of a company the text has already named. The sentences are the project's own."""

from __future__ import annotations

from metrics.find.companies import find_companies


def names(text: str) -> list[str]:
    return [m.name for m in find_companies(text)]


def test_the_owner_of_a_company_figure_is_a_company() -> None:
    assert names("Tarvik's revenue tripled to 2 billion dlrs.") == ["Tarvik"]
    assert names("Shares rose after Brenmoor Foods's quarterly profit beat forecasts.") == ["Brenmoor Foods"]


def test_a_country_a_place_or_a_time_is_no_owner() -> None:
    assert names("Britain's sales abroad rose 5 pct.") == []
    assert names("Wall Street's biggest firms cut 2,000 jobs.") == []
    assert names("Last year's profit was 4 mln dlrs.") == []
    assert names("Monday's sales were weak.") == []


def test_a_short_form_of_a_named_company_is_not_a_second_company() -> None:
    found = names("Harlan Carbide Corp said so. Carbide's stock fell 2 dlrs.")
    assert found == ["Harlan Carbide"]


def test_other_genitives_make_no_company() -> None:
    assert names("Tarvik's chairman said the plan would work.") == []


def test_results_at_a_name_make_it_a_company() -> None:
    assert names("Sales at Verlund rose 4 pct.") == ["Verlund"]
    assert names("Orders at Maren Works jumped 20 pct.") == ["Maren Works"]
    assert names("Profit at HKT fell 10 pct.") == ["HKT"]


def test_a_holiday_or_a_unit_of_a_named_company_is_not_one_at() -> None:
    assert names("Sales at Christmas rose 3 pct.") == []
    found = names("Verlund said profit rose. Earnings at Verlund Capital, its bank, rose 25 pct.")
    assert "Verlund Capital" not in found


def test_an_acronym_written_for_a_named_company_is_not_a_second_company() -> None:
    found = names("<Norgate Trading Corp>, NTC, said so. Shares of NTC fell 2 dlrs.")
    assert "NTC" not in found
    assert names("Shares of EFX Banca fell.") != ["EFX"]
