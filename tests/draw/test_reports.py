"""Report definitions: a mistake names its file; queries reconcile figures in SQL with bound parameters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from report_store_fixture import build_example_store, build_store

from metrics.draw.definitions import (
    connect_read_only,
    definition_from_toml,
    find_definition,
    load_definition,
    parse_period,
)
from metrics.draw.series_query import query_report
from metrics.errors import NoDataError, ReportError

GOOD = """
title = "US–Russia trade"
metric = "trade"
entities = ["Russia", "United States"]
period = "2014..2019"
kind = "timeline"
output = "trade"
"""


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example_store(tmp_path_factory.mktemp("store") / "metrics.duckdb")


def write(tmp_path: Path, text: str, name: str = "chart.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title = ", "not valid TOML"),
        (GOOD.replace('kind = "timeline"', 'kind = "pie"'), "unknown kind 'pie'"),
        (GOOD.replace('"2014..2019"', '"2019..2014"'), "ends before it starts"),
        (GOOD.replace('"2014..2019"', '"last year"'), "field 'period': 'last year' is not a year"),
        (GOOD.replace('"2014..2019"', '"2014-13..2019"'), "not a real date"),
        (GOOD.replace('output = "trade"', 'output = "../../etc/x"'), "must be a plain file name"),
        (GOOD.replace('output = "trade"', 'output = "/tmp/x"'), "must be a plain file name"),
        (GOOD.replace('metric = "trade"', ""), "missing 'metric'"),
        (GOOD + 'colour = "red"\n', "unknown field(s) colour"),
        (GOOD.replace('entities = ["Russia", "United States"]', "entities = []"), "'entities' must be"),
    ],
    ids=["bad-toml", "kind", "period-order", "period-words", "period-date", "dotdot", "absolute", "metric",
         "unknown-field", "entities"],
)  # fmt: skip
def test_a_mistake_in_a_definition_is_one_error_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ReportError) as caught:
        load_definition(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_periods_cover_whole_years_and_months_and_may_be_open() -> None:
    assert parse_period("2014..2019", "x") == (date(2014, 1, 1), date(2019, 12, 31))
    assert parse_period("2016-02..2017-02", "x") == (date(2016, 2, 1), date(2017, 2, 28))
    assert parse_period("..2019-12-10", "x") == (None, date(2019, 12, 10))


def test_every_shipped_definition_loads() -> None:
    paths = sorted((ROOT / "reports").glob("*.toml"))
    assert len(paths) >= 3
    outputs = [load_definition(p).output for p in paths]
    assert len(set(outputs)) == len(outputs)


def test_a_report_is_found_by_file_name_or_output_name(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD, "10_trade.toml")
    assert find_definition(tmp_path, "10_trade") == path
    assert find_definition(tmp_path, "trade") == path
    with pytest.raises(ReportError, match="no report named 'nope'"):
        find_definition(tmp_path, "nope")


def test_the_trade_series_keeps_forecast_and_undated_figures_apart(example_db: Path) -> None:
    definition = definition_from_toml(__import__("tomllib").loads(GOOD), "trade.toml")
    with connect_read_only(example_db) as con:
        data = query_report(con, definition)
    rows = data.rows.set_index("value")
    assert data.unit == "USD"
    assert rows.loc[30e9, "status"] == "actual" and rows.loc[30e9, "grain"] == "year"
    assert rows.loc[27e9, "status"] == "forecast"
    assert rows.loc[20e9, "grain"] == "undated"
    assert list(data.sources["publication"]) == ["Pakistan Point News / Sputnik"]


def claim(claim_id: str, doc_id: str, value: float, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "claim_id": claim_id, "doc_id": doc_id, "metric": "trade", "subject": "Japan",
        "counterpart": "O'Hare Islands", "entities": ["Japan", "O'Hare Islands"], "value": value,
        "unit": "USD",
        "qualifier": "exact", "status": "actual", "period_start": "2018-01-01", "period_end": "2018-12-31",
        "grain": "year", "quote": f"Our own sentence {claim_id}.",
    }  # fmt: skip
    row.update(extra)
    return row


def test_several_articles_on_one_period_give_the_latest_figure_and_the_spread(tmp_path: Path) -> None:
    documents = [
        {"id": "a", "source": "Daily A: item 1", "published": "2019-01-05", "text": "one", "title": "A"},
        {"id": "b", "source": "Daily B", "published": "2019-03-01", "text": "two", "title": "B"},
    ]
    claims = [claim("c1", "a", 5e9), claim("c2", "b", 6e9)]
    db = build_store(tmp_path / "m.duckdb", documents, claims)
    raw = {"title": "Trade", "metric": "Trade", "entities": ["Japan", "O'Hare Islands"], "kind": "timeline",
           "output": "t"}  # fmt: skip
    with connect_read_only(db) as con:
        data = query_report(con, definition_from_toml(raw, "t.toml"))
    (row,) = data.rows.to_dict("records")
    assert (row["value"], row["low"], row["high"], row["sources"]) == (6e9, 5e9, 6e9, 2)
    assert sorted(data.sources["publication"]) == ["Daily A", "Daily B"]


def test_an_unknown_metric_is_a_definition_error_not_an_empty_chart(example_db: Path) -> None:
    raw = {"title": "X", "metric": "tarde", "entities": ["Russia"], "kind": "timeline", "output": "x"}
    with connect_read_only(example_db) as con, pytest.raises(ReportError) as caught:
        query_report(con, definition_from_toml(raw, "reports/x.toml"))
    assert not isinstance(caught.value, NoDataError)
    assert "reports/x.toml: field 'metric': unknown metric 'tarde'" in str(caught.value)
    assert "trade" in str(caught.value)


def test_a_misspelt_entity_is_a_definition_error_with_the_close_name(example_db: Path) -> None:
    raw = {"title": "X", "metric": "trade", "entities": ["Rusia", "United States"], "kind": "timeline",
           "output": "x"}  # fmt: skip
    with connect_read_only(example_db) as con, pytest.raises(ReportError) as caught:
        query_report(con, definition_from_toml(raw, "reports/x.toml"))
    assert not isinstance(caught.value, NoDataError)
    assert "field 'entities': unknown entity 'Rusia' (did you mean 'Russia'?)" in str(caught.value)


@pytest.mark.parametrize(
    "change",
    [
        {"entities": ["Russia", "China"]},
        {"period": "1990..1995"},
        {"entities": ["Russia'; DROP TABLE claims; --"]},
    ],
    ids=["other-entities", "other-period", "injection"],
)
def test_a_definition_the_store_has_no_figures_for_raises_no_data(example_db: Path, change: dict) -> None:
    raw = {"title": "X", "metric": "trade", "entities": ["Russia", "United States"], "kind": "timeline",
           "output": "x", **change}  # fmt: skip
    with connect_read_only(example_db) as con:
        with pytest.raises(NoDataError, match="no data to draw"):
            query_report(con, definition_from_toml(raw, "x.toml"))
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (10,)


def test_mixed_units_ask_for_a_unit(tmp_path: Path) -> None:
    documents = [{"id": "a", "source": "S", "published": "2019-01-05", "text": "t"}]
    claims = [claim("c1", "a", 5e9), claim("c2", "a", 3.0, unit="%")]
    db = build_store(tmp_path / "m.duckdb", documents, claims)
    raw = {"title": "T", "metric": "trade", "entities": ["Japan", "O'Hare Islands"], "kind": "timeline",
           "output": "t"}  # fmt: skip
    with connect_read_only(db) as con, pytest.raises(ReportError, match="several units"):
        query_report(con, definition_from_toml(raw, "t.toml"))


def test_a_reported_figure_supersedes_a_forecast_for_the_same_year(tmp_path: Path) -> None:
    documents = [
        {"id": "early", "source": "Daily A", "published": "2018-03-01", "text": "one", "title": "A"},
        {"id": "late", "source": "Daily B", "published": "2019-03-01", "text": "two", "title": "B"},
    ]
    claims = [claim("f", "early", 7e9, status="forecast"), claim("a", "late", 6e9)]
    db = build_store(tmp_path / "m.duckdb", documents, claims)
    raw = {"title": "T", "metric": "trade", "entities": ["Japan", "O'Hare Islands"], "kind": "timeline"}
    with connect_read_only(db) as con:
        data = query_report(con, definition_from_toml({**raw, "output": "t"}, "t.toml"))
    assert data.rows[["status", "value"]].values.tolist() == [["actual", 6e9]]


def test_a_year_alone_is_a_period_and_entities_may_be_left_out() -> None:
    assert parse_period("1987", "x") == (date(1987, 1, 1), date(1987, 12, 31))
    assert parse_period("1987-02", "x") == (date(1987, 2, 1), date(1987, 2, 28))
    raw = {"title": "Oil", "metric": "price", "kind": "timeline", "output": "oil", "period": 1987}
    definition = definition_from_toml(raw, "oil.toml")
    assert (definition.entities, definition.period_start) == ((), date(1987, 1, 1))


def test_every_error_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('kind = "timeline"', 'kind = "timeline"\ngrain = "week"'))
    with pytest.raises(ReportError, match=r"chart.toml: field 'grain': grain 'week' must be one of"):
        load_definition(path)
    path = write(tmp_path, GOOD + "reviewed_only = 1\n")
    with pytest.raises(ReportError, match=r"chart.toml: field 'reviewed_only'"):
        load_definition(path)


def test_a_name_not_found_says_which_definition_does_not_load(tmp_path: Path) -> None:
    write(tmp_path, GOOD.replace('output = "trade"\n', ""), "10_oil.toml")  # no output: cannot be matched
    with pytest.raises(ReportError) as caught:
        find_definition(tmp_path, "oil_prices")
    assert "no report named 'oil_prices'" in str(caught.value)
    assert "10_oil.toml: field 'output': missing 'output'" in str(caught.value)
