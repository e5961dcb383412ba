"""Load Parquet shard files (written by the Dask engine) into the store in one transaction.

DuckDB reads the shards itself (`read_parquet` over the run's files), so rows stream from disk into
the tables without passing through Python. The rules are `write_batch`'s: a new document is added,
one with the same id and a new content hash replaces its row and claims, an unchanged one is left
alone; where the input holds one id in several shards, the latest shard wins, as in a local ingest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from metrics.pipeline.ingest import CLAIM_SCHEMA
from metrics.store.schema import fetch_one, rollback

_CLAIM_COLUMNS = ", ".join(f'"{name}"' for name in CLAIM_SCHEMA.names)


@dataclass(frozen=True, slots=True)
class LoadResult:
    added: int
    replaced: int
    claims_written: int


def _files_literal(folder: Path, keys: list[str], table: str) -> str:
    """A SQL list of the run's shard files (paths are ours: hex keys in a folder we named; quotes doubled)."""
    names = [str(folder / f"{key}.{table}.parquet").replace("'", "''") for key in keys]
    return "[" + ", ".join(f"'{name}'" for name in names) + "]"


def load_shards(con: duckdb.DuckDBPyConnection, folder: Path, keys: list[str]) -> LoadResult:
    """Insert or replace the documents and claims of the shards `keys` (in input order)."""
    if not keys:
        return LoadResult(0, 0, 0)
    documents = f"read_parquet({_files_literal(folder, keys, 'documents')})"
    claims = f"read_parquet({_files_literal(folder, keys, 'claims')})"
    try:
        con.execute("BEGIN")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE shard_order AS "
            "SELECT unnest($keys::VARCHAR[]) AS shard, generate_subscripts($keys::VARCHAR[], 1) AS seq",
            {"keys": keys},
        )
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE load_status AS
            SELECT p.id, p.shard, CASE WHEN d.id IS NULL THEN 'new'
                                       WHEN d.content_hash = p.content_hash THEN 'unchanged'
                                       ELSE 'changed' END AS status
            FROM (SELECT b.id, b.shard, b.content_hash FROM {documents} AS b JOIN shard_order USING (shard)
                  QUALIFY row_number() OVER (PARTITION BY b.id ORDER BY shard_order.seq DESC) = 1) AS p
            LEFT JOIN documents AS d ON d.id = p.id
            """
        )
        picked = f"""
            SELECT b.* FROM {documents} AS b JOIN load_status AS s ON s.id = b.id AND s.shard = b.shard
            WHERE s.status = """
        con.execute(
            "DELETE FROM claims WHERE doc_id IN (SELECT id FROM load_status WHERE status = 'changed')"
        )
        con.execute(
            f"""
            UPDATE documents SET source = b.source, title = b.title, published = b.published, text = b.text,
                content_hash = b.content_hash, path = b.path, extractor_version = b.extractor_version,
                ingested_at = now() AT TIME ZONE 'UTC'
            FROM ({picked} 'changed') AS b
            WHERE documents.id = b.id
            """
        )
        con.execute(
            f"""
            INSERT INTO documents (id, source, title, published, text, content_hash, path, ingested_at,
                                   extractor_version)
            SELECT id, source, title, published, text, content_hash, path, now() AT TIME ZONE 'UTC',
                   extractor_version
            FROM ({picked} 'new')
            """
        )
        con.execute(
            f"""
            INSERT INTO claims ({_CLAIM_COLUMNS})
            SELECT {", ".join("c." + name for name in _CLAIM_COLUMNS.split(", "))}
            FROM {claims} AS c JOIN load_status AS s ON s.id = c.doc_id AND s.shard = c.shard
            WHERE s.status <> 'unchanged'
            """
        )
        counts = fetch_one(
            con,
            """
            SELECT count(*) FILTER (WHERE status = 'new'), count(*) FILTER (WHERE status = 'changed')
            FROM load_status
            """,
        )
        written = fetch_one(
            con,
            "SELECT count(*) FROM claims WHERE doc_id IN "
            "(SELECT id FROM load_status WHERE status <> 'unchanged')",
        )
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    assert counts is not None and written is not None
    return LoadResult(int(counts[0]), int(counts[1]), int(written[0]))
