"""Series that never overstate: what may be pooled, when a headline may state a finding, where months
sit on the axis, and that no two drawn texts overlap."""

from __future__ import annotations

from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from matplotlib.text import Text
from report_store_fixture import build_store

from metrics.draw.axes import TimeAxis, calendar_x
from metrics.draw.charts import draw_figure, render_chart
from metrics.draw.definitions import connect_read_only, definition_from_toml
from metrics.draw.series_query import query_report
from metrics.errors import NoDataError, ReportError

DOCS = [
    {
        "id": f"d{i}",
        "source": f"Paper {i}",
        "published": f"1987-0{i}-15",
        "text": f"Text {i}.",
        "title": f"T{i}",
    }
    for i in range(1, 6)
]


def claim(claim_id: str, value: float, year: int = 1986, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "claim_id": claim_id, "doc_id": "d1", "metric": "surplus", "subject": "Ruritania",
        "counterpart": "Freedonia", "value": value, "unit": "USD", "qualifier": "exact", "status": "actual",
        "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "grain": "year",
        "quote": f"An invented sentence {claim_id}.", "start": 0, "end": 4, "surface": "1 bn",
    }  # fmt: skip
    row.update(extra)
    return row


RAW = {
    "title": "Ruritania's surplus with Freedonia",
    "metric": "surplus",
    "entities": ["Ruritania", "Freedonia"],
    "kind": "timeline",
    "output": "s",
}


def query(tmp_path: Path, claims: list[dict[str, Any]], **change: Any) -> Any:
    db = build_store(tmp_path / "m.duckdb", DOCS, claims)
    with connect_read_only(db) as con:
        return query_report(con, definition_from_toml({**RAW, **change}, "s.toml"))


def values(data: Any) -> list[float]:
    return sorted(data.rows["value"].tolist())


def test_claims_with_the_entities_in_other_roles_are_not_pooled(tmp_path: Path) -> None:
    claims = [
        claim("a", 5e9),
        claim("b", 90e9, subject="Freedonia", counterpart="Ruritania"),  # the other way round
        claim("c", 60e9, counterpart=None),  # Ruritania's surplus with everyone
    ]
    assert values(query(tmp_path, claims)) == [5e9]


def test_a_change_is_never_drawn_as_a_level(tmp_path: Path) -> None:
    claims = [claim("a", 5e9), claim("b", 2e9, year=1987, change="down")]
    assert values(query(tmp_path, claims)) == [5e9]


def test_an_undated_figure_is_drawn_only_when_its_window_is_inside_the_range(tmp_path: Path) -> None:
    inside = claim("in", 4e9, grain="undated", period_start="1986-03-01", period_end="1987-02-01")
    before = claim("out", 3e9, grain="undated", period_start="1983-01-01", period_end="1987-02-01")
    open_start = claim("open", 2e9, grain="undated", period_start=None, period_end="1987-02-01")
    data = query(tmp_path, [claim("a", 5e9), inside, before, open_start], period="1986..1987")
    assert values(data) == [4e9, 5e9]


def test_one_figure_from_several_articles_is_one_point_with_its_sources_and_spread(tmp_path: Path) -> None:
    claims = [claim(f"c{i}", v, doc_id=f"d{i}") for i, v in ((1, 5.0e9), (2, 5.1e9), (3, 5.05e9))]
    (row,) = query(tmp_path, claims).rows.to_dict("records")
    assert (row["value"], row["low"], row["high"], row["sources"]) == (5.05e9, 5.0e9, 5.1e9, 3)
    assert not row["conflict"]  # within the store's 5% tolerance


def test_several_units_or_metrics_are_refused_not_pooled(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="several units"):
        query(tmp_path, [claim("a", 5e9), claim("b", 5.0, unit="%", year=1987)])
    (tmp_path / "m.duckdb").unlink()
    mixed = [claim("a", 5e9), claim("b", 6e9, metric="trade surplus", year=1987)]
    with pytest.raises(ReportError, match="several metrics"):
        query(tmp_path, mixed, metric="surplus", match="contains")


def test_entities_may_be_left_out_for_figures_about_no_named_entity(tmp_path: Path) -> None:
    claims = [
        claim("a", 18.0, subject=None, counterpart=None, metric="price"),
        claim("b", 17.0, metric="price"),
    ]
    raw = {"metric": "price", "title": "Price"}
    db = build_store(tmp_path / "m.duckdb", DOCS, claims)
    with connect_read_only(db) as con:
        definition = definition_from_toml(
            {k: v for k, v in {**RAW, **raw}.items() if k != "entities"}, "p.toml"
        )
        assert query_report(con, definition).rows["value"].tolist() == [18.0]


def render(tmp_path: Path, claims: list[dict[str, Any]], **change: Any) -> Any:
    return render_chart(query(tmp_path, claims, **change))


def test_the_headline_states_a_trend_only_between_reported_dated_agreed_ends(tmp_path: Path) -> None:
    claims = [claim("a", 5e9, 1984), claim("b", 3e9, 1985), claim("c", 2e9, 1986, doc_id="d2")]
    chart = render(tmp_path, claims)
    assert chart.title == "Ruritania's surplus with Freedonia fell from $5bn in 1984 to $2bn in 1986"


def test_a_figure_reported_before_its_period_ended_is_no_end_of_a_finding(tmp_path: Path) -> None:
    # Every article is from 1987 (January to May), so a figure "for 1987" was not yet a result.
    chart = render(tmp_path, [claim("a", 5e9, 1985), claim("b", 2e9, 1987)], period="1985..1987")
    assert chart.title == "Ruritania's surplus with Freedonia, 1985–1987: reported figures"
    (early,) = [row for row in chart.table if row["Period"] == "1987"]
    assert early["Status"] == "actual (reported before the period ended)"
    assert "hollow circle = reported before its period ended" in chart.subtitle


def test_figures_naming_no_entity_never_make_a_finding(tmp_path: Path) -> None:
    claims = [claim("a", 5.0, 1984, subject=None, counterpart=None), claim("b", 9.0, 1986, subject=None,
              counterpart=None)]  # fmt: skip
    raw = {k: v for k, v in RAW.items() if k != "entities"}
    db = build_store(tmp_path / "m.duckdb", DOCS, claims)
    with connect_read_only(db) as con:
        chart = render_chart(query_report(con, definition_from_toml({**raw, "unit": "USD"}, "p.toml")))
    assert chart.title == "Ruritania's surplus with Freedonia, 1984–1986: reported figures"


def test_units_with_a_per_read_as_a_reader_says_them() -> None:
    from metrics.draw.scales import amount, scale_for, tick

    price = scale_for("USD per barrel", 18.0)
    assert (amount(18.5, price), tick(18.5, price), price.name) == (
        "$18.5 a barrel",
        "$18.5",
        "US$ per barrel",
    )
    output = scale_for("barrel per day", 16.5e6)
    assert (amount(16.5e6, output), tick(16.5e6, output)) == ("16.5m barrels a day", "16.5m")


@pytest.mark.parametrize(
    "last",
    [
        {"status": "forecast"},  # an expectation is not a finding
        {"grain": "undated", "period_start": "1986-01-01", "period_end": "1987-06-30"},  # no year
    ],
    ids=["forecast-end", "undated-end"],
)
def test_an_end_that_is_not_a_dated_report_gives_a_descriptive_headline(
    tmp_path: Path, last: dict[str, Any]
) -> None:
    chart = render(tmp_path, [claim("a", 5e9, 1985), claim("b", 2e9, 1987, **last)], period="1985..1987")
    assert chart.title.startswith("Ruritania's surplus with Freedonia, 1985–1987: ")
    assert "fell" not in chart.title and "rose" not in chart.title


def test_articles_that_disagree_at_an_end_give_a_descriptive_headline(tmp_path: Path) -> None:
    claims = [claim("a", 5e9, 1985), claim("b", 2e9, 1987), claim("c", 9e9, 1987, doc_id="d2")]
    chart = render(tmp_path, claims)
    assert chart.title == "Ruritania's surplus with Freedonia, 1985–1987: reported figures"
    assert any(row["Articles"] == "2 (disagree)" for row in chart.table)


def test_forecasts_are_never_joined_to_reported_figures(tmp_path: Path) -> None:
    claims = [claim("a", 5e9, 1985), claim("b", 4e9, 1986), claim("f", 3e9, 1987, status="forecast")]
    fig, *_ = draw_figure(query(tmp_path, claims))
    (ax,) = fig.axes
    joined = [line for line in ax.get_lines() if len(line.get_xdata()) == 2 and min(line.get_xdata()) > 1000]
    assert [list(line.get_xdata()) for line in joined] == [[1985.0, 1986.0]]


def test_months_sit_at_their_own_place_in_the_year() -> None:
    axis = TimeAxis("month", date(1986, 1, 1), date(1987, 12, 31))
    march = axis.centre(date(1987, 3, 1), date(1987, 3, 31))
    assert calendar_x(date(1987, 3, 1)) < march < calendar_x(date(1987, 4, 1))
    assert 1987 + 2 / 12 < march < 1987 + 3 / 12
    quarter = TimeAxis("quarter", date(1986, 1, 1), date(1987, 12, 31))
    assert quarter.centre(date(1986, 10, 1), date(1986, 12, 31)) == pytest.approx(1986.875, abs=0.002)


def monthly(count: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        year, month = 1986 + i // 12, i % 12 + 1
        end = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
        rows.append(
            claim(f"m{i}", (10 + (i * 7) % 5) * 1e9, grain="month", doc_id=f"d{i % 5 + 1}",
                  period_start=f"{year}-{month:02d}-01", period_end=f"{year}-{month:02d}-{end}")
        )  # fmt: skip
    return rows


def drawn_texts(fig: Any) -> list[Text]:
    """Every text the PNG shows: the frame's, the plot's labels, and the tick labels inside the view."""
    fig.canvas.draw()
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += ax.texts
        for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            texts += [t.label1 for t in axis.get_major_ticks() if low <= t.get_loc() <= high]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize(
    ("claims", "change"),
    [
        (monthly(24), {"grain": "month", "period": "1986..1987"}),
        (
            [claim("a", 5e9, 1985), claim("b", 5.2e9, 1986), claim("c", 5.1e9, 1987, doc_id="d2"),
             claim("u1", 5e9, grain="undated", period_start="1985-01-01", period_end="1987-12-31"),
             claim("u2", 5.1e9, grain="undated", period_start="1986-01-01", period_end="1987-12-31"),
             claim("u3", 5.2e9, grain="undated", period_start="1985-06-01", period_end="1986-12-31")],
            {"period": "1985..1987", "title": "A topic whose name runs on " * 30},
        ),
    ],
    ids=["monthly", "crowded-bands-long-title"],
)  # fmt: skip
def test_no_two_drawn_texts_overlap(
    tmp_path: Path, claims: list[dict[str, Any]], change: dict[str, Any]
) -> None:
    fig, *_ = draw_figure(query(tmp_path, claims, **change))
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    assert len(boxes) > 8
    overlapping = [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]
    assert overlapping == []
    page = fig.bbox
    assert all(page.x0 <= box.x0 and box.x1 <= page.x1 + 1 for _, box in boxes)


def test_a_definition_naming_no_figures_the_store_has_is_no_data(tmp_path: Path) -> None:
    with pytest.raises(NoDataError):
        query(tmp_path, [claim("a", 5e9)], entities=["Freedonia", "Ruritania"])


@pytest.mark.parametrize(
    "name", ["10_us_russia_trade", "20_us_sanctions_on_russia", "30_putin_trump_contacts"]
)
def test_no_two_texts_overlap_on_the_sample_charts(tmp_path: Path, name: str) -> None:
    from conftest import ROOT
    from report_store_fixture import build_example_store

    from metrics.draw.definitions import load_definition

    with connect_read_only(build_example_store(tmp_path / "m.duckdb")) as con:
        fig, *_ = draw_figure(query_report(con, load_definition(ROOT / "reports" / f"{name}.toml")))
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(fig)]
    assert [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)] == []


def test_figures_of_an_item_and_of_none_are_two_series_named_in_the_refusal(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"several items \(crude oil \(1\), none \(1\)\)"):
        query(tmp_path, [claim("a", 5e9, item="crude oil"), claim("b", 6e9, year=1987)])
