"""The metric vocabulary: every claim names a canonical metric or "other", keeps the phrase as written
in `measure`, and names the thing a figure is of in `item`. Sentences are the project's own."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from metrics.cli.main import cli
from metrics.lexicon import KINDS, OTHER, metric_vocabulary
from metrics.link.extract import claims_from_text
from metrics.link.measures import indicator_of, unit_class

NAMES = {indicator.name for indicator in metric_vocabulary()}
DAY = date(1990, 6, 1)


def only(text: str) -> dict[str, object]:
    claims = claims_from_text(text, published=DAY)
    assert len(claims) == 1, [c.surface for c in claims]
    return claims[0].to_dict()


def test_every_synonym_names_one_metric_and_every_metric_has_a_kind() -> None:
    seen: dict[str, str] = {}
    for indicator in metric_vocabulary():
        assert indicator.kind in KINDS and indicator.units
        for synonym in indicator.synonyms:
            assert seen.setdefault(synonym, indicator.name) == indicator.name, synonym
    assert OTHER not in NAMES


@pytest.mark.parametrize(
    ("written", "metric"),
    [
        ("trade gap", "trade deficit"),
        ("payments surplus", "current account surplus"),
        ("quarterly net profit", "profit"),
        ("interest rates", "interest rate"),
        ("sanctioned individual", "sanctioned individuals"),
        ("telephone calls", "phone conversations"),
        ("employee", "employees"),
        ("nonfarm payrolls", "jobs"),
        ("layoffs", "layoffs"),
        ("redundancies", "job cuts"),
        ("percentage", None),
    ],
)
def test_raw_metric_words_map_to_the_canonical_name(written: str, metric: str | None) -> None:
    indicator = indicator_of(written)
    assert (indicator.name if indicator else None) == metric


@pytest.mark.parametrize(
    ("unit", "cls"), [("USD", "money"), ("%", "percent"), ("tonne", "measure"), ("USD per barrel", "money")]
)
def test_unit_classes(unit: str, cls: str) -> None:
    assert unit_class(unit) == cls


def test_a_claim_carries_canonical_metric_measure_and_item() -> None:
    claim = only("Output of refined copper at the smelter rose to 41,000 tonnes in 1989.")
    assert claim["metric"] == "output"
    assert claim["item"] == "copper"
    assert "output" in str(claim["measure"]).lower()


def test_the_measure_keeps_the_modifiers_and_complement_as_written() -> None:
    claim = only("Net new lending by building societies reached 3.1 billion dollars in May.")
    assert claim["metric"] == "loans"
    assert claim["measure"] == "Net new lending by building societies"


def test_a_unit_the_metric_does_not_admit_falls_back_to_other() -> None:
    claim = only("The inflation debate drew 4,000 delegates to the hall in May.")
    assert claim["metric"] != "inflation"


def test_a_figure_with_no_metric_word_is_other() -> None:
    claim = only("The figure was 17 pct in May, he said.")
    assert claim["metric"] == OTHER


def test_every_claim_metric_is_in_the_vocabulary() -> None:
    text = (
        "Crude oil prices rose to 21 dlrs a barrel in May. The firm cut 300 jobs in 1989. "
        "Gold fell 2 pct in April, while the lira slid 3 pct."
    )
    for claim in claims_from_text(text, published=DAY):
        assert claim.metric in NAMES | {OTHER}


def test_the_vocabulary_command_lists_each_metric() -> None:
    result = CliRunner().invoke(cli, ["vocabulary", "--json"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == len(NAMES)
    table = CliRunner().invoke(cli, ["vocabulary"])
    assert "trade balance" in table.output and OTHER in table.output


def test_a_generic_balance_is_narrowed_by_its_clause() -> None:
    claim = only("The current account showed a surplus of 2.1 billion dlrs in 1988.")
    assert claim["metric"] == "current account surplus"
    claim = only("The budget showed a surplus of 2.1 billion dlrs in 1988.")
    assert claim["metric"] == "budget surplus"
    claim = only("The firm's deficit widened to 40 mln dlrs in 1988.")
    assert claim["metric"] == "loss"  # a company's deficit is its loss, also written with a genitive


def test_a_money_figure_of_a_commodity_is_its_price() -> None:
    claims = claims_from_text("Arabian light crude slipped 40 cents to 17.60 dlrs on Monday.", published=DAY)
    assert {(c.metric, c.item) for c in claims} == {("price", "crude oil")}


def test_a_bare_figure_of_a_money_metric_takes_the_articles_currency() -> None:
    # (results tables themselves are no claims: link/not_claims.py; the prose form is classified)
    text = "Revenues rose to 14.2 mln dlrs from 11.9 mln, and net income was 1,250,000."
    claims = {c.surface: c for c in claims_from_text(text, published=DAY)}
    assert claims["1,250,000"].unit == "USD" and claims["1,250,000"].metric == "profit"
    assert claims["11.9 mln"].unit == "USD" and claims["11.9 mln"].metric == "revenue"


def test_a_bare_figure_of_a_countable_metric_is_a_count() -> None:
    claims = {
        c.surface: c
        for c in claims_from_text(
            "Average shares outstanding were 2,400,000, against 2,100,000.", published=DAY
        )
    }
    assert claims["2,400,000"].unit == "count" and claims["2,400,000"].metric == "shares"


def test_a_figure_whose_clause_names_no_metric_takes_the_headlines() -> None:
    from metrics.link.extract import claims_from_document
    from metrics.read.documents import make_document

    document = make_document(
        "Of the 9 mln tonnes, most will come from Canada.", published=DAY, title="CHILE TO IMPORT MORE WHEAT"
    )
    (claim,) = claims_from_document(document)
    assert claim.metric == "imports"
    untitled = claims_from_document(make_document(document.text, published=DAY))
    assert [c.metric for c in untitled] == ["other"]


def test_a_figure_compared_with_shares_the_metric_of_the_figure_before() -> None:
    claims = claims_from_text(
        "Inflation eased to 4.1 pct of the index basket in May from 4.6 pct.", published=DAY
    )
    assert [c.metric for c in claims] == ["inflation", "inflation"]


def test_a_figure_belongs_to_the_company_of_its_headline() -> None:
    from metrics.link.extract import claims_from_document
    from metrics.read.documents import make_document

    text = "The company said net income was 4,100,000 against 3,200,000 a year before."
    document = make_document(text, published=DAY, title="KESWICK-HALL INDUSTRIES INC <KHI> 4TH QTR NET")
    claims = claims_from_document(document)
    assert claims and {c.subject for c in claims} == {"Keswick-Hall Industries"}
