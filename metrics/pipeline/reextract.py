"""Re-run extraction on stored texts after an extractor upgrade: one command, no re-reading of files.

Documents are paged by id (keyset pagination), and the file is opened only to read a page and to
write its claims back, so an analyst's shell can get in between batches.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from metrics.errors import InputError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.pipeline.ingest import extract_batch, once, progress_bar
from metrics.pipeline.options import DEFAULT_BATCH_SIZE, Extractor, IngestSummary, RejectCounter
from metrics.records import Document
from metrics.store.database import session
from metrics.store.schema import fetch_one
from metrics.store.writes import replace_claims


def _stale_page(
    db_path: str | Path, after: str, version: str, force: bool, size: int, wait: float
) -> list[Document]:
    with session(db_path, read_only=True, wait=wait) as con:
        rows = con.execute(
            """
            SELECT id, text, published, title, source, path FROM documents
            WHERE id > $after AND ($force OR extractor_version IS DISTINCT FROM $version)
            ORDER BY id LIMIT $size
            """,
            {"after": after, "force": force, "version": version, "size": size},
        ).fetchall()
    return [
        Document(id=doc_id, text=text, published=published, title=title, source=source, path=path)
        for doc_id, text, published, title, source, path in rows
    ]


def count_stale(db_path: str | Path, version: str = EXTRACTOR_VERSION, *, wait: float = 0.0) -> int:
    """How many stored documents were extracted by another extractor version (or failed extraction)."""
    with session(db_path, read_only=True, wait=wait) as con:
        row = fetch_one(
            con, "SELECT count(*) FROM documents WHERE extractor_version IS DISTINCT FROM ?", [version]
        )
    return int(row[0]) if row else 0


def reextract(
    db_path: str | Path,
    *,
    force: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    progress: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    extractor: Extractor = claims_from_document,
    extractor_version: str = EXTRACTOR_VERSION,
) -> IngestSummary:
    """Replace the claims of every document whose extractor_version differs (all of them with `force`)."""
    started = time.monotonic()
    on_wait = once(on_wait) if on_wait is not None else None  # many connections, one "waiting" line
    report = RejectCounter(on_error)
    with session(db_path, create=False, wait=wait, on_wait=on_wait):
        pass  # fail early on a missing, locked or foreign file, and migrate an old schema
    total = count_stale(db_path, extractor_version, wait=wait) if not force else None
    done = claims_written = 0
    after = ""
    with progress_bar(progress, total, "reextract") as bar:
        while True:
            page = _stale_page(db_path, after, extractor_version, force, batch_size, wait)
            if not page:
                break
            documents, claims = extract_batch(
                page, extractor=extractor, extractor_version=extractor_version, on_error=report
            )
            with session(db_path, wait=wait, on_wait=on_wait) as con:
                claims_written += replace_claims(con, documents, claims)
            done += len(page)
            after = page[-1].id
            bar.update(len(page))
    return IngestSummary(
        documents_read=done,
        documents_replaced=done,
        claims_written=claims_written,
        rejected=report.count,
        seconds=time.monotonic() - started,
    )
