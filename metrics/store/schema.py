"""The store's tables and views as DDL, its schema version, and creating/checking them on open.

The SQL lives here (not in a data file) because it is code: the views carry the reconciliation rules
that docs/store.md describes, and the schema version says which of these definitions a file holds.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import duckdb

from metrics.errors import SchemaError
from metrics.lexicon import OTHER, metric_vocabulary
from metrics.records import CLAIM_FIELDS, ClaimField
from metrics.store.reviews import REVIEWED_CLAIMS, REVIEWS

SCHEMA_VERSION = 7
"""Bump when a table or view changes; add the step from the previous version to MIGRATIONS."""

CONFLICT_TOLERANCE = 0.05
"""Default relative spread above which figures for the same thing count as a conflict (5%)."""


def _sql_list(values: tuple[str, ...]) -> str:
    """A SQL list literal of fixed, code-defined words (never user input)."""
    return ", ".join(f"'{value}'" for value in values)


SQL_TYPES = {"text": "VARCHAR", "float": "DOUBLE", "int": "INTEGER", "date": "DATE", "texts": "VARCHAR[]"}


def _claim_column(column: ClaimField) -> str:
    parts = [f'"{column.name}"', SQL_TYPES[column.kind]]
    if column.required:
        parts.append("NOT NULL")
    if column.choices:
        parts.append(f'CHECK ("{column.name}" IN ({_sql_list(column.choices)}))')
    return " ".join(parts)


def _claim_columns() -> str:
    """The claims table's columns, made from records.CLAIM_FIELDS, and the version that wrote each row."""
    lines = [_claim_column(column) for column in CLAIM_FIELDS] + ["extractor_version VARCHAR NOT NULL"]
    return ",\n".join(f"    {line}" for line in lines)


VOCABULARY_TABLE = """
CREATE TABLE IF NOT EXISTS vocabulary (
    metric VARCHAR PRIMARY KEY,
    kind VARCHAR,
    units VARCHAR[] NOT NULL,
    synonyms VARCHAR[] NOT NULL,
    item BOOLEAN NOT NULL,
    parties BOOLEAN NOT NULL,
    symmetric_parties BOOLEAN NOT NULL DEFAULT false
);
"""
"""The controlled vocabulary of metrics (metrics/data/vocabulary.toml), so SQL can join claims to the
kind and units of their metric; "other" is a row of its own with no kind."""


def _documents_table(name: str) -> str:
    return f"""CREATE TABLE IF NOT EXISTS {name} (
    id VARCHAR NOT NULL,
    source VARCHAR,
    title VARCHAR,
    published DATE,
    text VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    path VARCHAR,
    ingested_at TIMESTAMP NOT NULL,
    extractor_version VARCHAR
);
"""


def _claims_table(name: str) -> str:
    return f"""CREATE TABLE IF NOT EXISTS {name} (
{_claim_columns()}
);
"""


TABLES = f"""
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
{_documents_table("documents")}{_claims_table("claims")}{REVIEWS}{VOCABULARY_TABLE}"""
"""No primary or foreign keys on documents and claims (schema 2): the one upsert (store/writes.py)
keeps each id once, and DuckDB's key indexes cost more at every checkpoint as the store grows
(docs/performance.md measures it)."""

VIEWS = (
    REVIEWED_CLAIMS
    + """
CREATE OR REPLACE VIEW claims_with_source AS
SELECT c.*, d.source, d.title, d.path, d.published AS document_published
FROM claims AS c JOIN documents AS d ON d.id = c.doc_id;

-- The levels a series is made of: reviews applied, changes ("rose 5%") left out. The parties of a
-- symmetric metric (trade, meetings: vocabulary.symmetric_parties) are put in alphabetical order, so
-- "Russia's trade with the US" and "US trade with Russia" are one series; other metrics keep roles.
CREATE OR REPLACE VIEW series_claims AS
SELECT
    c.* REPLACE (
        CASE WHEN c.parties_swapped THEN c.counterpart ELSE c.subject END AS subject,
        CASE WHEN c.parties_swapped THEN c.subject ELSE c.counterpart END AS counterpart
    ),
    CASE c.status WHEN 'actual' THEN 0 WHEN 'forecast' THEN 1 ELSE 2 END AS status_rank,
    CASE c.qualifier WHEN 'exact' THEN 0 WHEN 'approx' THEN 1 WHEN 'range' THEN 2 ELSE 3 END AS qualifier_rank
FROM (SELECT rc.* EXCLUDE (verdict), d.source, d.title, d.path, d.published AS document_published,
             coalesce(v.symmetric_parties, false) AS symmetric_parties,
             coalesce(v.symmetric_parties, false) AND rc.counterpart IS NOT NULL
                 AND rc.subject > rc.counterpart AS parties_swapped
      FROM reviewed_claims AS rc
      JOIN documents AS d ON d.id = rc.doc_id
      LEFT JOIN vocabulary AS v ON v.metric = rc.metric
      WHERE rc.change IS NULL) AS c;

-- One row per metric, item, subject, counterpart, unit, grain and period. The value: actual over
-- forecast over target, then the latest publication, then exact over approximate; low/high span the
-- winning status's figures (docs/store.md says why).
CREATE OR REPLACE VIEW series AS
WITH ranked AS (
    SELECT
        *,
        min(status_rank) OVER key AS best_status_rank,
        row_number() OVER (
            PARTITION BY metric, item, subject, counterpart, unit, grain, period_start, period_end
            ORDER BY status_rank, published DESC NULLS LAST, qualifier_rank, claim_id
        ) AS pick
    FROM series_claims
    WINDOW key AS (PARTITION BY metric, item, subject, counterpart, unit, grain, period_start, period_end)
)
SELECT
    metric, item, subject, counterpart, unit, grain, period_start, period_end,
    any_value(value) FILTER (WHERE pick = 1) AS value,
    any_value(status) FILTER (WHERE pick = 1) AS status,
    min(coalesce(low, value)) FILTER (WHERE status_rank = best_status_rank) AS low,
    max(coalesce(high, value)) FILTER (WHERE status_rank = best_status_rank) AS high,
    count(DISTINCT coalesce(source, doc_id)) AS n_sources,
    count(*) AS n_claims,
    min(published) AS first_published,
    max(published) AS last_published,
    any_value(claim_id) FILTER (WHERE pick = 1) AS chosen_claim_id,
    any_value(source) FILTER (WHERE pick = 1) AS chosen_source,
    bool_or(symmetric_parties) AS symmetric_parties
FROM ranked
GROUP BY metric, item, subject, counterpart, unit, grain, period_start, period_end;

CREATE OR REPLACE VIEW conflicts AS
WITH tolerance AS (
    SELECT CAST(value AS DOUBLE) AS tolerance FROM meta WHERE key = 'conflict_tolerance'
)
SELECT
    metric, item, subject, counterpart, unit, grain, period_start, period_end, status,
    min(value) AS min_value,
    max(value) AS max_value,
    (max(value) - min(value)) / nullif(max(abs(value)), 0) AS relative_spread,
    any_value(tolerance) AS tolerance,
    count(*) AS n_claims,
    count(DISTINCT coalesce(source, doc_id)) AS n_sources,
    list(value ORDER BY value) AS "values",
    list(claim_id ORDER BY value) AS claim_ids,
    list(DISTINCT coalesce(source, doc_id)) AS sources
FROM series_claims, tolerance
GROUP BY metric, item, subject, counterpart, unit, grain, period_start, period_end, status
HAVING count(*) > 1
   AND (max(value) - min(value)) > any_value(tolerance) * max(abs(value));
"""
)

_DROP_VIEWS = """
DROP VIEW IF EXISTS conflicts; DROP VIEW IF EXISTS series; DROP VIEW IF EXISTS series_claims;
DROP VIEW IF EXISTS claims_with_source;
"""
_DROP_KEYS = f"""{_DROP_VIEWS}
{_documents_table("documents_v2")}{_claims_table("claims_v2")}
INSERT INTO documents_v2 BY NAME SELECT * FROM documents;
INSERT INTO claims_v2 BY NAME SELECT * FROM claims;
DROP TABLE claims; DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents; ALTER TABLE claims_v2 RENAME TO claims;
"""
"""1 -> 2: the same tables without their keys (DuckDB cannot drop a key in place, so they are copied).
Copied BY NAME, so a later step that adds a column must use ADD COLUMN IF NOT EXISTS."""

_PERIOD_SOURCE = "ALTER TABLE claims ADD COLUMN IF NOT EXISTS period_source VARCHAR;"
"""3 -> 4: where each claim's period came from; claims of older stores say nothing (null) until
`metrics reextract` (IF NOT EXISTS: the 1 -> 2 copy already makes today's columns)."""

_MEASURE_ITEM_VOCABULARY = (
    "ALTER TABLE claims ADD COLUMN IF NOT EXISTS measure VARCHAR;\n"
    "ALTER TABLE claims ADD COLUMN IF NOT EXISTS item VARCHAR;\n" + VOCABULARY_TABLE
)
"""4 -> 5: the claim's measure and item and the vocabulary table (write_vocabulary fills it); claims of
an older store keep NULL there until `metrics reextract`."""

_SYMMETRIC = "ALTER TABLE vocabulary ADD COLUMN IF NOT EXISTS symmetric_parties BOOLEAN DEFAULT false;"
"""5 -> 6: which metrics have unordered parties (the series view pools their two orders)."""

_PUBLISHED_FROM = "ALTER TABLE claims ADD COLUMN IF NOT EXISTS published_from VARCHAR;"
"""6 -> 7: where each claim's publication date came from (dateline, JSONL field, HTML place); claims of
an older store keep NULL there until `metrics reextract`."""

MIGRATIONS: Mapping[int, str] = MappingProxyType(
    {
        1: _DROP_KEYS,
        2: REVIEWS,
        3: _PERIOD_SOURCE,
        4: _MEASURE_ITEM_VOCABULARY,
        5: _SYMMETRIC,
        6: _PUBLISHED_FROM,
    }
)
"""SQL that brings a store from version N to N + 1 (1 -> 2: the tables without their keys; 2 -> 3: the
analysts' reviews table; 3 -> 4: claims.period_source; 4 -> 5: measure, item and the vocabulary;
5 -> 6: vocabulary.symmetric_parties; 6 -> 7: claims.published_from); ensure_schema recreates the
views after the last."""


def _vocabulary_rows() -> list[tuple[str, str | None, list[str], list[str], bool, bool, bool]]:
    rows: list[tuple[str, str | None, list[str], list[str], bool, bool, bool]] = [
        (i.name, i.kind, list(i.units), list(i.synonyms), i.item, i.parties, i.symmetric)
        for i in metric_vocabulary()
    ]
    rows.append((OTHER, None, [], [], False, False, False))
    return rows


def vocabulary_fingerprint() -> str:
    """A short hash of the vocabulary this metrics ships, kept in meta to notice a newer one."""
    return hashlib.sha256(repr(_vocabulary_rows()).encode()).hexdigest()[:16]


def write_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the vocabulary table from the data file (replacing what an older metrics wrote)."""
    con.execute("DELETE FROM vocabulary")
    con.executemany(
        "INSERT INTO vocabulary (metric, kind, units, synonyms, item, parties, symmetric_parties) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        _vocabulary_rows(),
    )
    con.execute("INSERT OR REPLACE INTO meta VALUES ('vocabulary', ?)", [vocabulary_fingerprint()])


def _refresh_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    """A store of this schema written by a metrics with another vocabulary (a synonym added, a metric
    renamed) gets this one's, so SQL joining claims to the vocabulary sees the metrics it extracts."""
    row = fetch_one(con, "SELECT value FROM meta WHERE key = 'vocabulary'")
    if row is not None and row[0] == vocabulary_fingerprint():
        return
    with transaction(con):
        write_vocabulary(con)


def fetch_one(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> tuple[Any, ...] | None:
    """The first row of a query, with the result read to the end: DuckDB 2 refuses further work
    (register, a new statement) on a connection that still holds an unfinished result."""
    rows = con.execute(sql, params).fetchall()
    return rows[0] if rows else None


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction; quietly, because DuckDB may already have aborted it."""
    with contextlib.suppress(duckdb.Error, RuntimeError):
        con.execute("ROLLBACK")


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT: what runs inside is stored whole, or rolled back and its error raised again."""
    con.execute("BEGIN")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version a file records, or None for a file with no `meta` table (a new file)."""
    has_meta = fetch_one(
        con,
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'",
    )
    if not has_meta or not has_meta[0]:
        return None
    row = fetch_one(con, "SELECT value FROM meta WHERE key = 'schema_version'")
    if row is None:
        return None
    try:
        return int(row[0])
    except ValueError:
        raise SchemaError(f"the store's schema_version is not a number: {row[0]!r}") from None


def ensure_schema(con: duckdb.DuckDBPyConnection, *, writable: bool, where: str) -> None:
    """Create the schema in a new file, migrate an older one, refuse a newer or unknown one."""
    version = stored_version(con)
    if version == SCHEMA_VERSION:
        if writable:
            _refresh_vocabulary(con)
        return
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaError(
            f"{where} was written by a newer metrics (schema {version}; this one knows {SCHEMA_VERSION}): "
            "upgrade metrics, or ingest into a new --db file"
        )
    if version is not None and any(step not in MIGRATIONS for step in range(version, SCHEMA_VERSION)):
        raise SchemaError(
            f"{where} has schema {version}, which this metrics cannot migrate to {SCHEMA_VERSION}: "
            "re-ingest the articles into a new --db file"
        )
    if not writable and version is None:
        raise SchemaError(
            f"{where} is not a metrics store (no meta table): run `metrics ingest PATH... --db {where}`"
        )
    if not writable:
        raise SchemaError(
            f"{where} has schema {version}, this metrics uses {SCHEMA_VERSION}: "
            f"run `metrics reextract --db {where}` once to migrate it in place "
            "(any command that writes to the store also migrates it)"
        )
    with transaction(con):
        if version is None:
            _refuse_foreign_tables(con, where)
            con.execute(TABLES)
            con.execute("INSERT INTO meta VALUES ('conflict_tolerance', ?)", [str(CONFLICT_TOLERANCE)])
        else:
            for step in range(version, SCHEMA_VERSION):
                con.execute(MIGRATIONS[step])
        write_vocabulary(con)
        con.execute(VIEWS)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def _refuse_foreign_tables(con: duckdb.DuckDBPyConnection, where: str) -> None:
    """A DuckDB file that already holds other tables is someone else's database: do not write into it."""
    row = fetch_one(con, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'")
    if row and row[0]:
        raise SchemaError(f"{where} holds other tables and no metrics schema: choose another --db file")
