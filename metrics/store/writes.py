"""The one upsert: extracted documents and claims, as Arrow tables, into the store.

Every engine (one process, a process pool, Dask) ends here, so the rule is written once: a new
document is added with its claims; one with the same id and a new content hash has its row updated
and its claims replaced; one stored with the same hash is left alone. The caller gives each call
documents with distinct ids, in input order, so a later version of an id replaces an earlier one.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from metrics.records import CLAIM_FIELDS
from metrics.store.schema import fetch_one, transaction

DOCUMENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("text", pa.string()),
        ("content_hash", pa.string()),
        ("path", pa.string()),
        ("extractor_version", pa.string()),
    ]
)
ARROW_TYPES = {"text": pa.string(), "float": pa.float64(), "int": pa.int32(), "date": pa.date32()}
ARROW_TYPES["texts"] = pa.list_(pa.string())
CLAIM_SCHEMA = pa.schema(
    [(column.name, ARROW_TYPES[column.kind]) for column in CLAIM_FIELDS]
    + [("extractor_version", pa.string())]
)
"""The claims as Arrow columns: records.CLAIM_FIELDS and the version that extracted them."""
CLAIM_COLUMNS = ", ".join(f'"{name}"' for name in CLAIM_SCHEMA.names)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one upsert did to its documents, and how many claims it wrote."""

    added: int
    replaced: int
    unchanged: int
    claims_written: int


def stored_hashes(
    con: duckdb.DuckDBPyConnection, ids: list[str], extractor_version: str | None = None
) -> dict[str, str]:
    """The content hash stored for each of `ids` that the store holds (to skip unchanged documents
    before extracting them); with `extractor_version`, only of those that version extracted (a text
    stored by an older extractor is extracted again, as a changed one is)."""
    rows = con.execute(
        "SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))"
        " AND (?::VARCHAR IS NULL OR extractor_version = ?::VARCHAR)",
        [ids, extractor_version, extractor_version],
    ).fetchall()
    return {doc_id: digest for doc_id, digest in rows}


def _upsert(con: duckdb.DuckDBPyConnection, documents: pa.Table, claims: pa.Table) -> BatchResult:
    """Apply one batch inside the caller's open transaction (see `write_batch` for one of its own).
    On an error the caller rolls back first: an aborted transaction refuses `unregister`."""
    con.register("batch_documents", documents)
    con.register("batch_claims", claims)
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE batch_status AS
        SELECT b.id, CASE WHEN d.id IS NULL THEN 'new'
                          WHEN d.content_hash = b.content_hash
                               AND d.extractor_version IS NOT DISTINCT FROM b.extractor_version
                          THEN 'unchanged'
                          ELSE 'changed' END AS status
        FROM batch_documents AS b LEFT JOIN documents AS d ON d.id = b.id
        """
    )
    con.execute("DELETE FROM claims WHERE doc_id IN (SELECT id FROM batch_status WHERE status = 'changed')")
    con.execute(
        """
        UPDATE documents SET source = b.source, title = b.title, published = b.published, text = b.text,
            content_hash = b.content_hash, path = b.path, extractor_version = b.extractor_version,
            ingested_at = now() AT TIME ZONE 'UTC'
        FROM batch_documents AS b JOIN batch_status AS s ON s.id = b.id AND s.status = 'changed'
        WHERE documents.id = b.id
        """
    )
    con.execute(
        """
        INSERT INTO documents (id, source, title, published, text, content_hash, path, ingested_at,
                               extractor_version)
        SELECT b.id, b.source, b.title, b.published, b.text, b.content_hash, b.path,
               now() AT TIME ZONE 'UTC', b.extractor_version
        FROM batch_documents AS b JOIN batch_status AS s ON s.id = b.id AND s.status = 'new'
        """
    )
    con.execute(
        f"""
        INSERT INTO claims ({CLAIM_COLUMNS})
        SELECT {CLAIM_COLUMNS} FROM batch_claims
        WHERE doc_id IN (SELECT id FROM batch_status WHERE status <> 'unchanged')
        """
    )
    counts = fetch_one(
        con,
        """
        SELECT count(*) FILTER (WHERE status = 'new'), count(*) FILTER (WHERE status = 'changed'),
               count(*) FILTER (WHERE status = 'unchanged'),
               (SELECT count(*) FROM batch_claims WHERE doc_id IN
                   (SELECT id FROM batch_status WHERE status <> 'unchanged'))
        FROM batch_status
        """,
    )
    _unregister(con)
    assert counts is not None
    return BatchResult(*(int(n) for n in counts))


def _unregister(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):
        con.unregister("batch_documents")
        con.unregister("batch_claims")


WRITE_MEMORY_BASE_MB = 64
"""DuckDB's memory limit while it writes a batch and checkpoints it: this much plus twice the batch's
Arrow bytes. Left unbounded, the checkpoints of a growing store made the peak memory of an ingest grow
with the store (docs/performance.md); a fixed small limit failed on batches of very long documents."""


def bound_memory(con: duckdb.DuckDBPyConnection, documents: pa.Table, claims: pa.Table) -> None:
    """Limit the connection's database to what this batch needs, for the write and the checkpoint that
    follows when the connection closes. Best effort: DuckDB may refuse a limit below what it holds."""
    limit = WRITE_MEMORY_BASE_MB + 2 * (documents.nbytes + claims.nbytes) // (1 << 20)
    with contextlib.suppress(duckdb.Error):
        con.execute(f"SET memory_limit = '{int(limit)}MB'")


def write_batch(con: duckdb.DuckDBPyConnection, documents: pa.Table, claims: pa.Table) -> BatchResult:
    """`_upsert` in a transaction of its own: the batch is stored whole or not at all."""
    bound_memory(con, documents, claims)
    try:
        with transaction(con):
            result = _upsert(con, documents, claims)
    except BaseException:
        _unregister(con)
        raise
    return result


def replace_claims(con: duckdb.DuckDBPyConnection, documents: pa.Table, claims: pa.Table) -> int:
    """Swap the claims of stored documents for freshly extracted ones (re-extraction), in one transaction."""
    con.register("batch_documents", documents)
    con.register("batch_claims", claims)
    try:
        with transaction(con):
            con.execute("DELETE FROM claims WHERE doc_id IN (SELECT id FROM batch_documents)")
            con.execute(
                "UPDATE documents SET extractor_version = b.extractor_version "
                "FROM batch_documents AS b WHERE documents.id = b.id"
            )
            con.execute(f"INSERT INTO claims ({CLAIM_COLUMNS}) SELECT {CLAIM_COLUMNS} FROM batch_claims")
    finally:
        con.unregister("batch_documents")
        con.unregister("batch_claims")
    return claims.num_rows
