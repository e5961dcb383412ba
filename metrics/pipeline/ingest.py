"""Documents in, rows in DuckDB out: the one ingest driver, and extraction of a batch into Arrow tables.

The halves are separate on purpose: `extract_batch` is pure (documents -> Arrow tables) so it can
run in worker processes or on other engines; `ingest` is the one loop that writes, through the one
upsert (store.writes). An engine is only how extraction runs: a generator of `Unit`s, in input
order, that `ingest` writes one transaction each, so an interrupted run never leaves half a batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

import pyarrow as pa
from tqdm import tqdm

from metrics.errors import InputError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.pipeline.options import ErrorHandler, Extractor, IngestOptions, IngestSummary, RejectCounter
from metrics.read.documents import read_documents
from metrics.records import CLAIM_FIELDS, Document
from metrics.store.database import session
from metrics.store.schema import fetch_one
from metrics.store.writes import CLAIM_SCHEMA, DOCUMENT_SCHEMA, stored_hashes, write_batch


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of the input as an engine hands it to the driver: how many documents it read, how many
    of those it skipped as stored unchanged, and the extracted tables of the rest (None: nothing to
    write). The documents of one unit have distinct ids."""

    read: int
    skipped: int = 0
    documents: pa.Table | None = None
    claims: pa.Table | None = None


Extraction = Callable[[Iterable[str], "str | Path", IngestOptions, ErrorHandler], Iterator[Unit]]
"""An engine: (paths, store, options, error handler) -> the units of the input, in input order."""


def content_hash(document: Document) -> str:
    """SHA-256 of what extraction depends on: the text and the publication date."""
    key = f"{document.published.isoformat() if document.published else ''}\n{document.text}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


_CLAIM_NAMES = tuple(column.name for column in CLAIM_FIELDS)
_claim_values = attrgetter(*_CLAIM_NAMES)
"""A claim's values in CLAIM_FIELDS order, in one call: rows go from Claim straight into columns."""


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
    hashes: Sequence[str] | None = None,
) -> tuple[pa.Table, pa.Table]:
    """Documents -> (documents table, claims table) as Arrow, touching no database.

    `hashes` are the documents' content hashes when the caller has them already (computed once per
    document). A document whose extraction fails is kept with no claims and no extractor_version
    (so `metrics reextract` retries it) and reported to `on_error`.
    """
    documents = [storable(document) for document in documents]
    versions: list[str | None] = []
    claim_rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    for document in documents:
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
        versions.append(version)
        for claim in claims:
            if claim.claim_id not in seen:
                seen.add(claim.claim_id)
                claim_rows.append(_claim_values(claim))
    digests = list(hashes) if hashes is not None else [content_hash(document) for document in documents]
    document_columns: list[list[Any]] = [
        [document.id for document in documents],
        [document.source for document in documents],
        [document.title for document in documents],
        [document.published for document in documents],
        [document.text for document in documents],
        digests,
        [document.path for document in documents],
        versions,
    ]
    claim_columns = [list(column) for column in zip(*claim_rows, strict=True)] or [[] for _ in _CLAIM_NAMES]
    claim_columns.append([extractor_version] * len(claim_rows))
    return _table(document_columns, DOCUMENT_SCHEMA), _table(claim_columns, CLAIM_SCHEMA)


def _table(columns: list[list[Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_arrays(
        [pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)], schema=schema
    )


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


@dataclass(frozen=True, slots=True)
class Batch:
    """A batch as read, with the content hash the store holds for each document's id (None: not
    stored, or not to be trusted), so whoever extracts it can skip the documents stored unchanged."""

    documents: list[Document]
    stored: list[str | None]


def read_batches(
    paths: Iterable[str], db_path: str | Path, options: IngestOptions, report: ErrorHandler
) -> Iterator[Batch]:
    """The input read in batches, each with the stored hashes of its ids. An id of the previous batch
    gets None: an engine that extracts ahead may not have written that batch yet, so the store
    cannot tell whether it is unchanged. A store that held no documents when the run began is not
    asked again (this run's repeats are the upsert's to sort out), which saves a connection per batch."""
    documents = map(storable, read_documents(paths, on_error=report, published=options.published))
    with session(db_path, read_only=True, wait=options.wait, on_wait=options.on_wait) as con:
        row = fetch_one(con, "SELECT EXISTS (SELECT 1 FROM documents)")
    look_up = bool(row and row[0])
    previous: set[str] = set()
    for batch in batches(documents, options.batch_size):
        ids = [document.id for document in batch]
        stored: dict[str, str] = {}
        if look_up:
            with session(db_path, read_only=True, wait=options.wait, on_wait=options.on_wait) as con:
                stored = stored_hashes(con, ids)
        yield Batch(batch, [None if doc_id in previous else stored.get(doc_id) for doc_id in ids])
        previous = set(ids)


def extract_changed(
    documents: Sequence[Document],
    stored: Sequence[str | None],
    *,
    extractor: Extractor = claims_from_document,
    extractor_version: str = EXTRACTOR_VERSION,
    on_error: ErrorHandler | None = None,
) -> tuple[int, tuple[pa.Table, pa.Table] | None]:
    """Hash each document once, skip those whose hash is the stored one, extract the rest: (how many
    were skipped, their tables or None). Runs wherever extraction runs, so hashing is not serial work."""
    todo: list[Document] = []
    hashes: list[str] = []
    for document, known in zip(documents, stored, strict=True):
        digest = content_hash(document)
        if digest != known:
            todo.append(document)
            hashes.append(digest)
    skipped = len(documents) - len(todo)
    if not todo:
        return skipped, None
    tables = extract_batch(
        todo, extractor=extractor, extractor_version=extractor_version, on_error=on_error, hashes=hashes
    )
    return skipped, tables


def in_process(
    paths: Iterable[str], db_path: str | Path, options: IngestOptions, report: ErrorHandler
) -> Iterator[Unit]:
    """The plain engine: each batch extracted in this process, just before it is written."""
    for batch in read_batches(paths, db_path, options, report):
        skipped, tables = extract_changed(
            batch.documents,
            batch.stored,
            extractor=options.extractor,
            extractor_version=options.extractor_version,
            on_error=report,
        )
        read = len(batch.documents)
        yield Unit(read, skipped) if tables is None else Unit(read, skipped, *tables)


def once(say: Callable[[str], None]) -> Callable[[str], None]:
    """`say`, but only the first time: a run opens the store many times and may wait at any of them."""
    said = False

    def first(message: str) -> None:
        nonlocal said
        if not said:
            said = True
            say(message)

    return first


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
    options: IngestOptions | None = None,
    extraction: Extraction = in_process,
) -> IngestSummary:
    """Read, extract and store every document under `paths`, streaming, one transaction per unit.

    Documents already stored with the same content hash are skipped before extraction; bad input is
    reported to `options.on_error` and counted in `rejected` while the rest is ingested. A repeated
    id is stored as its last occurrence, whatever the engine.
    """
    options = options or IngestOptions()
    if options.on_wait is not None:
        options = replace(options, on_wait=once(options.on_wait))  # many connections, one "waiting" line
    started = time.monotonic()
    report = RejectCounter(options.on_error)
    read = added = replaced = unchanged = claims_written = 0
    with session(db_path, wait=options.wait, on_wait=options.on_wait):
        pass  # create the store (or fail on a lock or schema problem) before reading any input
    units = extraction(paths, db_path, options, report)
    with progress_bar(options.progress) as bar, contextlib.closing(units):  # type: ignore[type-var]
        for unit in units:
            read += unit.read
            unchanged += unit.skipped
            if unit.documents is not None and unit.claims is not None:
                with session(db_path, wait=options.wait, on_wait=options.on_wait) as con:
                    result = write_batch(con, unit.documents, unit.claims)
                added += result.added
                replaced += result.replaced
                unchanged += result.unchanged
                claims_written += result.claims_written
            bar.update(unit.read)
    return IngestSummary(
        documents_read=read,
        documents_added=added,
        documents_unchanged=unchanged,
        documents_replaced=replaced,
        claims_written=claims_written,
        rejected=report.count,
        seconds=time.monotonic() - started,
    )
