"""Rows of results tables, their period headings and durations written as modifiers state no claim; the
prose of the same story does."""

from __future__ import annotations

from datetime import date

from metrics.link.extract import claims_from_text


def _surfaces(text: str) -> list[str]:
    return [c.surface for c in claims_from_text(text, date(1987, 4, 2))]


def test_rows_with_figures_written_as_words_are_table_rows() -> None:
    text = "Shr seven cts vs 11 cts\nShr profit two cts vs loss four cts\nMthly div five cts vs five cts"
    assert _surfaces(text) == []


def test_a_row_with_nil_is_a_table_row() -> None:
    assert _surfaces("Revs 4,120,000 vs nil") == []


def test_period_headings_and_abbreviated_spans_are_not_claims() -> None:
    text = "Six mths\nShr 40 cts vs 38 cts\nThe note said charges were 3.2 mln dlrs for 12 mths."
    assert _surfaces(text) == ["3.2 mln dlrs"]


def test_prose_with_vs_stays_a_claim() -> None:
    text = "The company told shareholders that its quarterly net income rose to 8 mln dlrs vs 6 mln dlrs."
    assert _surfaces(text) == ["8 mln dlrs", "6 mln dlrs"]


def test_bare_figures_of_a_results_story_keep_the_story_currency() -> None:
    text = "Shr 31 cts vs 22 cts\nShr 1.10 dlrs vs 95 cts\nNote: net includes a gain of 2,400,000 in 1986."
    units = {c.surface: c.unit for c in claims_from_text(text, date(1987, 4, 2))}
    assert units == {"2,400,000": "USD"}


def test_a_row_after_the_dateline_or_with_a_missing_figure_is_a_table_row() -> None:
    text = "BOISE, Idaho, May 4 - Shr profit three cts vs loss one ct\nShr 22 cts vs not given"
    assert _surfaces(text) == []


def test_a_period_heading_on_its_own_line_is_not_a_claim() -> None:
    assert _surfaces("Six months\nShr 40 cts vs 38 cts") == []


def test_a_duration_written_as_a_modifier_is_not_a_claim() -> None:
    text = "The ten year building boom created 4,000 jobs and a seven day festival drew 90,000 visitors."
    assert _surfaces(text) == ["4,000", "90,000"]


def test_one_joined_to_its_noun_after_an_article_is_an_adjective() -> None:
    assert _surfaces("The band released a one-track single that sold 30,000 copies.") == ["30,000"]


def test_a_span_of_time_as_the_measured_thing_stays() -> None:
    assert _surfaces("The strike lasted 5 years.") == ["5 years"]


def test_a_rank_is_no_figure() -> None:
    text = "The number two brewer, Halvey Breweries, sold 400,000 barrels; Acme's No. 3 mill shut in June."
    assert _surfaces(text) == ["400,000 barrels"]
    assert _surfaces("A number of lenders cut 300 jobs.") == ["300"]  # "a number of" ranks nothing
