"""Upgrades: a store records its schema version; a store made by the previous schema opens (migrated
when it is older), and a read-only command on an older store names the exact command to run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import ROOT

from metrics.errors import SchemaError
from metrics.store import schema
from metrics.store.database import STORAGE_COMPATIBILITY, connect, open_store

FIXTURES = ROOT / "tests" / "fixtures"
PREVIOUS_SCHEMA = 1
"""The oldest frozen fixture (schema 1 had primary and foreign keys); every later step is run on it."""


def store_made_by_schema(version: int, path: Path) -> Path:
    """A store as metrics with schema `version` wrote it (DDL frozen in fixtures/), with one claim."""
    con = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    try:
        con.execute((FIXTURES / f"schema_v{version}.sql").read_text(encoding="utf-8"))
        con.execute(
            "INSERT INTO documents (id, text, content_hash, ingested_at) "
            "VALUES ('old-1', 'Tin exports were $5 billion in 2019.', 'h', now())"
        )
        con.execute(
            "INSERT INTO claims (claim_id, doc_id, metric, entities, value, unit, qualifier, status, "
            "grain, period_start, period_end, start, \"end\", extractor_version) VALUES ('c1', 'old-1', "
            "'exports', [], 5e9, 'USD', 'exact', 'actual', 'year', '2019-01-01', '2019-12-31', 18, 29, 'old')"
        )
    finally:
        con.close()
    return path


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of `sql` read by DuckDB itself, without metrics' schema check (which would refuse an old file)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def recorded_version(path: Path) -> str:
    return str(raw(path, "SELECT value FROM meta WHERE key = 'schema_version'")[0][0])


def keys(path: Path) -> list[tuple[object, ...]]:
    return raw(
        path,
        "SELECT table_name, constraint_type FROM duckdb_constraints() "
        "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE') "
        "AND table_name IN ('documents', 'claims') "
        "ORDER BY ALL",
    )


def test_schema_1_is_migrated_to_tables_without_keys_keeping_every_row(tmp_path: Path) -> None:
    db = store_made_by_schema(1, tmp_path / "old.duckdb")
    assert keys(db) == [("claims", "FOREIGN KEY"), ("claims", "PRIMARY KEY"), ("documents", "PRIMARY KEY")]
    rows = "SELECT claim_id, doc_id, metric, value, extractor_version FROM claims ORDER BY ALL"
    documents = "SELECT id, text, content_hash, ingested_at FROM documents ORDER BY ALL"
    before = raw(db, rows) + raw(db, documents)
    connect(db).close()
    assert recorded_version(db) == str(schema.SCHEMA_VERSION) and keys(db) == []
    assert raw(db, rows) + raw(db, documents) == before
    con = duckdb.connect(str(db))
    try:
        with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
            con.execute(
                "INSERT INTO documents (id, text, content_hash, ingested_at) VALUES (NULL, 't', 'h', now())"
            )
    finally:
        con.close()


def test_a_store_made_by_schema_2_opens_as_it_is(tmp_path: Path) -> None:
    db = store_made_by_schema(2, tmp_path / "v2.duckdb")
    connect(db).close()
    assert open_store(db).counts() == {"documents": 1, "claims": 1}
    assert open_store(db).series("exports")["value"].tolist() == [5e9]


def raw_columns(path: Path, table: str) -> list[str]:
    return [str(row[0]) for row in raw(path, f"DESCRIBE {table}")]


def test_a_store_made_by_the_previous_schema_opens_and_answers(tmp_path: Path) -> None:
    db = store_made_by_schema(PREVIOUS_SCHEMA, tmp_path / "old.duckdb")
    connect(db).close()  # migrates when the current schema is newer
    assert recorded_version(db) == str(schema.SCHEMA_VERSION)
    store = open_store(db)
    assert store.counts() == {"documents": 1, "claims": 1}
    assert store.series("exports")["value"].tolist() == [5e9]
    claims = store.query("SELECT measure, item FROM claims")
    assert claims["measure"].isna().all() and claims["item"].isna().all()
    vocabulary = store.query("SELECT metric, kind FROM vocabulary")
    assert {"exports", "trade balance", "other"} <= set(vocabulary["metric"])


@pytest.fixture
def next_schema(monkeypatch: pytest.MonkeyPatch) -> int:
    """This metrics as if it had moved to the next schema version with one migration step."""
    following = schema.SCHEMA_VERSION + 1
    steps = {**schema.MIGRATIONS, schema.SCHEMA_VERSION: "ALTER TABLE documents ADD COLUMN language VARCHAR;"}
    monkeypatch.setattr(schema, "SCHEMA_VERSION", following)
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    return following


def test_an_older_store_is_migrated_in_place_on_the_first_write(tmp_path: Path, next_schema: int) -> None:
    db = store_made_by_schema(PREVIOUS_SCHEMA, tmp_path / "old.duckdb")
    with pytest.raises(SchemaError) as caught:
        open_store(db)  # read-only: must not change the file, so it says what to run
    assert str(caught.value) == (
        f"{db} has schema {PREVIOUS_SCHEMA}, this metrics uses {next_schema}: "
        f"run `metrics reextract --db {db}` once to migrate it in place "
        "(any command that writes to the store also migrates it)"
    )
    connect(db).close()
    assert recorded_version(db) == str(next_schema)
    store = open_store(db)
    assert store.counts() == {"documents": 1, "claims": 1}
    assert "language" in store.query("SELECT * FROM documents").columns
    assert store.series("exports")["value"].tolist() == [5e9]  # views were recreated over the new tables


def test_a_store_with_no_migration_path_says_to_reingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store_made_by_schema(PREVIOUS_SCHEMA, tmp_path / "old.duckdb")
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {})
    with pytest.raises(SchemaError, match=r"cannot migrate .* re-ingest the articles into a new --db file"):
        connect(db)
    monkeypatch.undo()
    assert recorded_version(db) == str(PREVIOUS_SCHEMA)  # left as it was
    assert raw(db, "SELECT count(*) FROM documents") == raw(db, "SELECT count(*) FROM claims") == [(1,)]
    assert "measure" not in raw_columns(db, "claims")


def test_a_failed_migration_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store_made_by_schema(PREVIOUS_SCHEMA, tmp_path / "old.duckdb")
    current = schema.SCHEMA_VERSION
    failing = "ALTER TABLE documents ADD COLUMN language VARCHAR; SELECT no_such_function();"
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, current: failing})
    with pytest.raises(Exception, match="no_such_function"):
        connect(db)
    monkeypatch.undo()
    assert recorded_version(db) == str(PREVIOUS_SCHEMA)
    assert "language" not in [
        row[0] for row in raw(db, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'documents'")
    ]
    assert keys(db) != []  # the 1 -> 2 step was rolled back with the failing one


def test_a_store_with_another_vocabulary_gets_this_one_when_next_written(tmp_path: Path) -> None:
    db = tmp_path / "vocab.duckdb"
    connect(db).close()
    with duckdb.connect(str(db)) as con:  # as a metrics with an older vocabulary left it
        con.execute("DELETE FROM vocabulary WHERE metric = 'exports'")
        con.execute("UPDATE meta SET value = 'older' WHERE key = 'vocabulary'")
    assert "exports" not in set(open_store(db).query("SELECT metric FROM vocabulary")["metric"])  # reading
    connect(db).close()  # any command that writes
    vocabulary = open_store(db).query("SELECT metric, symmetric_parties FROM vocabulary")
    assert "exports" in set(vocabulary["metric"])
    assert dict(zip(vocabulary["metric"], vocabulary["symmetric_parties"], strict=True))["trade"]


def test_a_schema_5_store_gains_published_from_and_keeps_its_claims(tmp_path: Path) -> None:
    db = store_made_by_schema(5, tmp_path / "v5.duckdb")
    assert "published_from" not in raw_columns(db, "claims")
    connect(db).close()
    assert recorded_version(db) == str(schema.SCHEMA_VERSION)
    store = open_store(db)
    claims = store.query("SELECT claim_id, value, published_from FROM claims")
    assert claims["claim_id"].tolist() == ["c1"] and claims["value"].tolist() == [5e9]
    assert claims["published_from"].isna().all()  # unknown until `metrics reextract`
    assert "published_from" in store.query("SELECT * FROM claims_with_source").columns
