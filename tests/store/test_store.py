"""The store: the connect helper's promises, the schema, the views' reconciliation and the Python API."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from store_fixture import JP, RU, US, build_fixture_store, lock_held_elsewhere, shell_rows

import metrics
from metrics.errors import SchemaError, StoreError, StoreLockedError
from metrics.store.database import connect, open_store, session
from metrics.store.schema import SCHEMA_VERSION


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return build_fixture_store(tmp_path / "fixture.duckdb")


def test_connect_creates_folders_and_a_file_the_15_shell_opens(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "metrics.duckdb"
    connect(db).close()
    assert shell_rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        ["value"],
        [str(SCHEMA_VERSION)],
    ]


def test_the_shell_reads_the_claims_of_a_written_store(store_path: Path) -> None:
    assert shell_rows(store_path, "SELECT count(*) AS n FROM claims") == [["n"], ["13"]]


def test_open_store_is_reexported_and_counts(store_path: Path) -> None:
    assert metrics.open_store(store_path).counts() == {"documents": 3, "claims": 13}


def test_reading_a_missing_store_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="metrics ingest"):
        open_store(tmp_path / "nothing.duckdb")
    assert not (tmp_path / "nothing.duckdb").exists()


@pytest.mark.parametrize("name", ["notes.duckdb", "feed.jsonl", "table.csv"])
def test_a_file_that_is_not_duckdb_is_refused_and_left_alone(tmp_path: Path, name: str) -> None:
    bogus = tmp_path / name
    content = '{"id": "a", "text": "not a database"}\n' * 50
    bogus.write_text(content)
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"is not a DuckDB database file"):
            connect(bogus, read_only)
    assert bogus.read_text() == content


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        connect(tmp_path)


def test_a_newer_schema_is_refused_with_what_to_do(store_path: Path) -> None:
    with session(store_path) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(SchemaError, match=r"newer metrics.*upgrade metrics"):
        connect(store_path)
    with pytest.raises(SchemaError, match="newer"):
        open_store(store_path)


def test_someone_elses_database_is_not_written_into(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other), config={"storage_compatibility_version": "v1.5.0"})
    con.execute("CREATE TABLE budget (line VARCHAR, amount DOUBLE)")
    con.close()
    with pytest.raises(SchemaError, match="other tables"):
        connect(other)


def test_a_lock_held_by_another_process_names_it_and_waits_as_asked(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    connect(db).close()
    with lock_held_elsewhere(db) as pid:
        heard: list[str] = []
        with pytest.raises(StoreLockedError) as caught:
            connect(db, wait=0.3, on_wait=heard.append)
        message = str(caught.value)
        assert f"PID {pid}" in message
        assert "--wait" in message and "\n" not in message
        assert len(heard) == 1 and "waiting up to 0.3 s" in heard[0]
        with pytest.raises(StoreLockedError):
            open_store(db)
    connect(db).close()  # free again once the other process has gone


def test_types_and_checks_are_enforced_by_duckdb(store_path: Path) -> None:
    with session(store_path) as con:
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'claims'"
            ).fetchall()
        )
    assert types["entities"] == "VARCHAR[]"
    assert types["period_start"] == "DATE" and types["value"] == "DOUBLE" and types["end"] == "INTEGER"
    for bad in (
        "INSERT INTO claims (claim_id, doc_id, metric, entities, value, unit, qualifier, status, grain, "
        "extractor_version) VALUES (NULL, 'wire-1', 'm', [], 1, 'count', 'exact', 'actual', 'year', 'v')",
        "UPDATE claims SET status = 'rumour'",
        "UPDATE claims SET qualifier = 'roughly'",
        "UPDATE claims SET grain = 'decade'",
    ):
        with pytest.raises(StoreError, match=r"(?i)constraint"), session(store_path) as con:
            con.execute(bad)


def test_entities_and_metrics_are_queryable_without_string_parsing(store_path: Path) -> None:
    frame = open_store(store_path).query(
        "SELECT metric FROM claims WHERE list_contains(entities, ?) ORDER BY metric", [JP]
    )
    assert frame["metric"].tolist() == ["trade balance"]


def test_series_reconciles_latest_actual_and_keeps_the_spread(store_path: Path) -> None:
    frame = open_store(store_path).series("trade", entities=[US, RU], grain="year")
    rows = {row.period_start.year: row for row in frame.itertuples()}
    assert sorted(rows) == [2014, 2018, 2019]
    y2014 = rows[2014]
    assert (y2014.value, y2014.low, y2014.high, y2014.n_sources) == (30e9, 28e9, 30e9, 2)
    assert str(y2014.last_published)[:10] == "2019-12-10" and str(y2014.first_published)[:10] == "2019-06-01"
    y2018 = rows[2018]  # an earlier actual figure beats a later target
    assert (y2018.value, y2018.status, y2018.low, y2018.high) == (24e9, "actual", 24e9, 24e9)
    assert (rows[2019].value, rows[2019].status) == (27e9, "forecast")
    assert set(frame["subject"]) == {RU} and set(frame["counterpart"]) == {US}  # trade: pair in a fixed order


def test_series_entity_filter_reads_subject_then_counterpart(store_path: Path) -> None:
    store = open_store(store_path)
    assert len(store.series("trade", entities=[RU])) == 3
    assert store.series("trade", entities=[RU, JP]).empty
    assert len(store.series("trade balance", entities=[US, JP])) == 1  # the US's balance with Japan
    assert store.series("trade balance", entities=[JP]).empty  # not Japan's balance
    assert len(store.series("trade balance", entities=[US], alone=True)) == 1  # the US with the world


def test_conflicts_lists_figures_further_apart_than_the_tolerance(store_path: Path) -> None:
    store = open_store(store_path)
    frame = store.conflicts()
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row.metric, row.period_start.year, row.min_value, row.max_value) == ("trade", 2014, 28e9, 30e9)
    assert row.relative_spread == pytest.approx(2 / 30)
    with session(store_path) as con:
        con.execute("UPDATE meta SET value = '0.1' WHERE key = 'conflict_tolerance'")
    assert store.conflicts().empty


def test_claims_filters_by_source_period_and_status(store_path: Path) -> None:
    store = open_store(store_path)
    reuters = store.claims(source="REUTERS", since=date(1986, 1, 1), until=date(1986, 12, 31))
    assert reuters["metric"].tolist() == ["trade balance"]
    assert reuters["title"].iloc[0].startswith("US TRADE GAP")
    assert store.claims(metric="trade", status="forecast")["value"].tolist() == [27e9]
    assert len(store.claims(entities=["Vladimir Putin"])) == 2


INJECTIONS = [
    "trade'; DROP TABLE claims; --",
    "x' OR '1'='1",
    'trade") OR 1=1 --',
    "Russia'); DELETE FROM documents; --",
    "$metric",
    "?",
]


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_user_values_are_bound_not_spliced(store_path: Path, hostile: str) -> None:
    store = open_store(store_path)
    assert store.series(hostile).empty
    assert store.series("trade", entities=[hostile]).empty
    assert store.series("trade", grain=hostile, unit=hostile).empty
    assert store.claims(metric=hostile).empty
    assert store.claims(source=hostile, entities=[hostile]).empty
    assert store.conflicts(metric=hostile).empty
    assert store.counts() == {"documents": 3, "claims": 13}


def test_query_takes_parameters_and_is_read_only(store_path: Path) -> None:
    store = open_store(store_path)
    assert store.query("SELECT count(*) AS n FROM claims WHERE unit = ?", ["count"])["n"][0] == 4
    with pytest.raises(StoreError, match="read-only"):
        store.query("DELETE FROM claims")


def test_export_writes_parquet_and_csv(store_path: Path, tmp_path: Path) -> None:
    store = open_store(store_path)
    written = store.export(tmp_path / "out", "parquet")
    assert sorted(p.name for p in written) == [
        "claims.parquet",
        "conflicts.parquet",
        "documents.parquet",
        "series.parquet",
    ]
    assert pq.read_table(tmp_path / "out" / "claims.parquet").num_rows == 13
    csv_files = store.export(tmp_path / "csv", "csv")
    assert (tmp_path / "csv" / "series.csv") in csv_files
    assert "counterpart" in (tmp_path / "csv" / "series.csv").read_text().splitlines()[0]
