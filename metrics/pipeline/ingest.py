"""Documents in, rows in DuckDB out: extract a batch into Arrow tables, then write it in one transaction.

The two halves are separate on purpose: `extract_batch` is pure (documents -> Arrow tables) so it
can run in worker processes or on other engines; `write_batch` is the only code that writes rows.
A batch is committed whole or not at all, so an interrupted run never leaves half a document.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from tqdm import tqdm

from metrics.errors import InputError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.read.documents import read_documents
from metrics.records import CLAIM_FIELDS, Claim, Document
from metrics.store.database import session
from metrics.store.schema import fetch_one, rollback

DEFAULT_BATCH_SIZE = 2000
"""Documents per transaction. Each batch opens and closes the file (a checkpoint), so larger batches
ingest faster; an interruption loses at most one batch, which a re-run redoes."""
Extractor = Callable[[Document], list[Claim]]
ErrorHandler = Callable[[InputError], None]

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
_CLAIM_COLUMNS = ", ".join(f'"{name}"' for name in CLAIM_SCHEMA.names)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest (or re-extraction) did; `rejected` counts inputs reported to on_error."""

    documents_read: int = 0
    documents_added: int = 0
    documents_unchanged: int = 0
    documents_replaced: int = 0
    claims_written: int = 0
    rejected: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """The one-line summary the CLI prints at the end of a run."""
        return (
            f"{self.documents_read} documents read: {self.documents_added} added, "
            f"{self.documents_replaced} replaced, {self.documents_unchanged} unchanged, "
            f"{self.rejected} rejected; {self.claims_written} claims written in {self.seconds:.1f} s"
        )


@dataclass(frozen=True, slots=True)
class BatchResult:
    added: int
    replaced: int
    unchanged: int
    claims_written: int


class RejectCounter:
    """An error handler that counts the inputs it hears about and passes each on to the caller's."""

    def __init__(self, on_error: ErrorHandler | None) -> None:
        self.count = 0
        self.on_error = on_error

    def __call__(self, error: InputError) -> None:
        self.count += 1
        if self.on_error is not None:
            self.on_error(error)


def content_hash(document: Document) -> str:
    """SHA-256 of what extraction depends on: the text and the publication date."""
    key = f"{document.published.isoformat() if document.published else ''}\n{document.text}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _claim_row(claim: Claim, version: str) -> dict[str, object]:
    return {**claim.values(), "extractor_version": version}


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(document: Document) -> Document:
    """The document with lone surrogates (from JSON escapes like \\ud800), which UTF-8 cannot hold,
    replaced by U+FFFD: one character for one, so claim offsets still index the stored text."""
    changes: dict[str, Any] = {
        name: _SURROGATE.sub("\ufffd", value)
        for name in ("id", "text", "title", "source", "path")
        if isinstance(value := getattr(document, name), str) and _SURROGATE.search(value)
    }
    return replace(document, **changes) if changes else document


def extract_batch(
    documents: Sequence[Document],
    *,
    extractor: Extractor = claims_from_document,
    extractor_version: str = EXTRACTOR_VERSION,
    on_error: ErrorHandler | None = None,
) -> tuple[pa.Table, pa.Table]:
    """Documents -> (documents table, claims table) as Arrow, touching no database.

    A document whose extraction fails is kept with no claims and no extractor_version (so
    `metrics reextract` retries it) and reported to `on_error`.
    """
    document_rows: list[dict[str, object]] = []
    claim_rows: dict[str, dict[str, object]] = {}
    for document in map(storable, documents):
        version: str | None = extractor_version
        try:
            claims = extractor(document)
        except Exception as error:  # a bug in the extractor must not stop an ingest of thousands
            version = None
            claims = []
            if on_error is not None:
                on_error(
                    InputError(
                        f"extractor failed on document {document.id} ({type(error).__name__}: {error}); "
                        "stored without claims",
                        path=document.path,
                    )
                )
        for claim in claims:
            claim_rows.setdefault(claim.claim_id, _claim_row(claim, extractor_version))
        document_rows.append(
            {
                "id": document.id,
                "source": document.source,
                "title": document.title,
                "published": document.published,
                "text": document.text,
                "content_hash": content_hash(document),
                "path": document.path,
                "extractor_version": version,
            }
        )
    return (
        pa.Table.from_pylist(document_rows, schema=DOCUMENT_SCHEMA),
        pa.Table.from_pylist(list(claim_rows.values()), schema=CLAIM_SCHEMA),
    )


def write_batch(con: duckdb.DuckDBPyConnection, documents: pa.Table, claims: pa.Table) -> BatchResult:
    """Write one extracted batch in one transaction: new documents are added, changed ones (same id,
    new content hash) have their row updated and their claims replaced, unchanged ones are left alone."""
    con.register("batch_documents", documents)
    con.register("batch_claims", claims)
    try:
        con.execute("BEGIN")
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE batch_status AS
            SELECT b.id, CASE WHEN d.id IS NULL THEN 'new'
                              WHEN d.content_hash = b.content_hash THEN 'unchanged'
                              ELSE 'changed' END AS status
            FROM batch_documents AS b LEFT JOIN documents AS d ON d.id = b.id
            """
        )
        con.execute(
            "DELETE FROM claims WHERE doc_id IN (SELECT id FROM batch_status WHERE status = 'changed')"
        )
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
            INSERT INTO claims ({_CLAIM_COLUMNS})
            SELECT {_CLAIM_COLUMNS} FROM batch_claims
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
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    finally:
        con.unregister("batch_documents")
        con.unregister("batch_claims")
    assert counts is not None
    return BatchResult(*(int(n) for n in counts))


def replace_claims(con: duckdb.DuckDBPyConnection, documents: pa.Table, claims: pa.Table) -> int:
    """Swap the claims of stored documents for freshly extracted ones (re-extraction), in one transaction."""
    con.register("batch_documents", documents)
    con.register("batch_claims", claims)
    try:
        con.execute("BEGIN")
        con.execute("DELETE FROM claims WHERE doc_id IN (SELECT id FROM batch_documents)")
        con.execute(
            "UPDATE documents SET extractor_version = b.extractor_version "
            "FROM batch_documents AS b WHERE documents.id = b.id"
        )
        con.execute(f"INSERT INTO claims ({_CLAIM_COLUMNS}) SELECT {_CLAIM_COLUMNS} FROM batch_claims")
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    finally:
        con.unregister("batch_documents")
        con.unregister("batch_claims")
    return claims.num_rows


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive batches of at most `size`; a repeated id starts a new batch so order is respected."""
    batch: list[Document] = []
    ids: set[str] = set()
    for document in documents:
        if len(batch) >= size or document.id in ids:
            yield batch
            batch, ids = [], set()
        batch.append(document)
        ids.add(document.id)
    if batch:
        yield batch


def _stored_hashes(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    rows = con.execute(
        "SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()
    return {doc_id: digest for doc_id, digest in rows}


def progress_bar(enabled: bool, total: int | None = None, desc: str = "ingest") -> tqdm[None]:
    """Documents/s on stderr, shown only when stderr is a terminal (never in logs or pipes)."""
    columns, lines = shutil.get_terminal_size()
    return tqdm(
        total=total,
        unit="doc",
        desc=desc,
        file=sys.stderr,
        disable=not (enabled and sys.stderr.isatty()),
        # a terminal that reports a 0x0 size (e.g. a bare pty) would make tqdm draw nothing
        ncols=columns if columns > 0 else 80,
        nrows=lines if lines > 0 else 24,
    )


def ingest(
    paths: Iterable[str],
    db_path: str | Path,
    *,
    published: date | None = None,
    on_error: ErrorHandler | None = None,
    progress: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    extractor: Extractor = claims_from_document,
    extractor_version: str = EXTRACTOR_VERSION,
) -> IngestSummary:
    """Read, extract and store every document under `paths`, streaming, one transaction per batch.

    Documents already stored with the same content hash are skipped before extraction; bad input is
    reported to `on_error` and counted in `rejected` while the rest is ingested.
    """
    started = time.monotonic()
    report = RejectCounter(on_error)
    read = added = replaced = unchanged = claims_written = 0
    with session(db_path, wait=wait, on_wait=on_wait):
        pass  # create the store (or fail on a lock or schema problem) before reading any input
    with progress_bar(progress) as bar:
        documents_read = map(storable, read_documents(paths, on_error=report, published=published))
        for batch in batches(documents_read, batch_size):
            read += len(batch)
            with session(db_path, read_only=True, wait=wait, on_wait=on_wait) as con:
                stored = _stored_hashes(con, [document.id for document in batch])
            todo = [document for document in batch if stored.get(document.id) != content_hash(document)]
            unchanged += len(batch) - len(todo)
            if todo:
                documents, claims = extract_batch(
                    todo, extractor=extractor, extractor_version=extractor_version, on_error=report
                )
                with session(db_path, wait=wait, on_wait=on_wait) as con:
                    result = write_batch(con, documents, claims)
                added += result.added
                replaced += result.replaced
                unchanged += result.unchanged
                claims_written += result.claims_written
            bar.update(len(batch))
    return IngestSummary(
        documents_read=read,
        documents_added=added,
        documents_unchanged=unchanged,
        documents_replaced=replaced,
        claims_written=claims_written,
        rejected=report.count,
        seconds=time.monotonic() - started,
    )
