"""Charts from the example store: titles from the data, honest periods, alt text, reproducible bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image
from report_store_fixture import build_example_store

from metrics.draw.chart_text import Figure, figure_text, period_text, scale_for
from metrics.draw.charts import Chart, render_chart
from metrics.draw.definitions import connect_read_only, load_definition
from metrics.draw.series_query import query_report

REPORTS = ROOT / "reports"


@pytest.fixture(scope="module")
def charts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Chart]:
    db = build_example_store(tmp_path_factory.mktemp("store") / "metrics.duckdb")
    rendered = {}
    with connect_read_only(db) as con:
        for path in sorted(REPORTS.glob("*.toml")):
            chart = render_chart(query_report(con, load_definition(path)))
            rendered[chart.name] = chart
    return rendered


def test_one_reported_year_and_an_undated_low_make_no_headline_finding(charts: dict[str, Chart]) -> None:
    # Only 2014 is a dated, reported figure; the $20bn has no year and 2019 is a forecast: no trend.
    assert charts["us_russia_trade"].title == "US–Russia trade, 2014–2019: reported and expected figures"


def test_the_undated_low_is_shown_as_the_window_it_could_belong_to(charts: dict[str, Chart]) -> None:
    chart = charts["us_russia_trade"]
    (low,) = [row for row in chart.table if row["Figure"] == "$20bn"]
    assert low["Period"] == "at some time between 2015 and 10 Dec 2019 (year not stated)"
    assert "drawn as a band" in chart.alt_text
    assert "hollow = forecast (expected)" in chart.subtitle
    assert "US$ billion per year" in chart.subtitle


def test_counts_over_periods_read_as_spans(charts: dict[str, Chart]) -> None:
    chart = charts["us_sanctions_on_russia"]
    assert chart.title == "US sanctions on Russia: 77 since 2011, 37 of them under Trump"
    periods = {row["Figure"]: row["Period"] for row in chart.table}
    assert periods == {"77": "2011 – 10 Dec 2019", "37": "20 Jan 2017 – 10 Dec 2019"}


def test_leader_contacts_compare_counts_with_their_dates(charts: dict[str, Chart]) -> None:
    chart = charts["putin_trump_contacts"]
    assert chart.title == "Putin and Trump: 11 phone conversations, 6 meetings, 1 summit"
    assert [row["Period"] for row in chart.table] == ["by 10 Dec 2019", "by 10 Dec 2019", "Jul 2018"]


def test_every_chart_is_slide_sized_cites_its_source_and_has_alt_text(
    charts: dict[str, Chart],
) -> None:
    assert len(charts) == 3
    for chart in charts.values():
        image = Image.open(io.BytesIO(chart.png))
        assert image.size == (1920, 1080)
        text = getattr(image, "text", {})
        assert text["Description"] == chart.alt_text
        assert text["Title"] == chart.title
        assert "Software" not in text
        assert chart.source_line.startswith("Source: Pakistan Point News / Sputnik, 10 Dec 2019.")
        assert chart.source_line in chart.alt_text


def test_the_same_store_gives_the_same_png_bytes(tmp_path: Path) -> None:
    renders = []
    for attempt in ("one", "two"):
        db = build_example_store(tmp_path / f"{attempt}.duckdb")
        with connect_read_only(db) as con:
            definition = load_definition(REPORTS / "10_us_russia_trade.toml")
            renders.append(render_chart(query_report(con, definition)).png)
    assert renders[0] == renders[1]
    assert b"Matplotlib" not in renders[0] and b"tIME" not in renders[0]


def make_figure(**change: object) -> Figure:
    values: dict[str, object] = {
        "metric": "trade", "status": "actual", "grain": "year", "period_start": None, "period_end": None,
        "value": 300.0, "low": 300.0, "high": 300.0, "qualifier": "exact", "period_text": None, "quote": None,
        "sources": 1,
    }  # fmt: skip
    values.update(change)
    return Figure(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [("at_least", "at least 300"), ("at_most", "up to 300"), ("approx", "about 300"), ("exact", "300")],
)
def test_labels_keep_the_qualifier_the_source_used(qualifier: str, expected: str) -> None:
    assert figure_text(make_figure(qualifier=qualifier), scale_for("count", 300)) == expected


def test_money_is_written_in_one_scale_per_chart() -> None:
    scale = scale_for("USD", 30e9)
    assert figure_text(make_figure(value=27.5e9), scale) == "$27.5bn"
    assert figure_text(make_figure(value=400e6), scale) == "$0.4bn"
    assert scale.name == "US$ billion"
    assert figure_text(make_figure(qualifier="range", low=1e9, high=2e9), scale) == "$1bn–$2bn"


def test_periods_say_only_what_is_known() -> None:
    from datetime import date

    assert period_text(make_figure(grain="as_of", period_end=date(2019, 12, 10))) == "by 10 Dec 2019"
    published = date(2019, 12, 10)  # the extractor dates a count so far from and to its publication
    assert period_text(make_figure(grain="as_of", period_start=published, period_end=published)) == (
        "by 10 Dec 2019"
    )
    earlier = make_figure(grain="as_of", period_start=date(2019, 1, 1), period_end=published)
    assert period_text(earlier) == "by 10 Dec 2019"
    quarter = make_figure(grain="quarter", period_start=date(2019, 4, 1), period_end=date(2019, 6, 30))
    assert period_text(quarter) == "Q2 2019"


def test_a_long_series_title_names_first_latest_and_expected_figures(tmp_path: Path) -> None:
    from report_store_fixture import build_store

    from metrics.draw.definitions import definition_from_toml

    documents = [{"id": "a", "source": "Daily A", "published": "2019-06-01", "text": "t", "title": "A"}]
    values = {2014: 30, 2015: 21, 2016: 20, 2017: 23, 2018: 24}
    claims = [
        {"claim_id": f"c{year}", "doc_id": "a", "metric": "trade", "subject": "Russia",
         "counterpart": "Japan", "value": value * 1e9, "unit": "USD", "qualifier": "exact",
         "status": "actual",
         "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "grain": "year"}
        for year, value in values.items()
    ] + [
        {"claim_id": "f", "doc_id": "a", "metric": "trade", "subject": "Russia", "counterpart": "Japan",
         "value": 27e9, "unit": "USD", "qualifier": "approx", "status": "forecast",
         "period_start": "2019-01-01", "period_end": "2019-12-31", "grain": "year"}
    ]  # fmt: skip
    db = build_store(tmp_path / "m.duckdb", documents, claims)
    raw = {
        "title": "Trade",
        "metric": "trade",
        "entities": ["Russia", "Japan"],
        "kind": "timeline",
        "output": "t",
    }
    with connect_read_only(db) as con:
        chart = render_chart(query_report(con, definition_from_toml(raw, "t.toml")))
    assert chart.title == "Trade fell from $30bn in 2014 to $24bn in 2018; about $27bn expected in 2019"
    assert "2014–2019" in chart.subtitle
    assert len(chart.table) == 6


def test_an_undated_figure_with_no_stated_start_is_not_drawn(tmp_path: Path) -> None:
    from report_store_fixture import EXAMPLE_CLAIMS, EXAMPLE_DOCUMENTS, build_store, read_jsonl

    claims = read_jsonl(EXAMPLE_CLAIMS)
    for claim in claims:
        if claim["grain"] == "undated":
            claim["period_start"] = None  # what an extractor gives when the text bounds only the end
    db = build_store(tmp_path / "m.duckdb", read_jsonl(EXAMPLE_DOCUMENTS), claims)
    with connect_read_only(db) as con:
        chart = render_chart(query_report(con, load_definition(REPORTS / "10_us_russia_trade.toml")))
    # Its window reaches back before the chart's range, so it could belong to a year not drawn.
    assert [row["Figure"] for row in chart.table] == ["$30bn", "$27bn"]
    assert "year not stated" not in chart.subtitle
