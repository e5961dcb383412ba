"""Documents in, rows in DuckDB out: the one ingest driver.

The halves are separate on purpose: `extract_batch` (extraction.py) is pure (documents -> Arrow
tables) so it can run in worker processes or on other engines; `ingest` is the one loop that
writes, through the one upsert (store.writes). An engine is only how extraction runs: a generator
of `Unit`s, in input order, that `ingest` writes one transaction each, so an interrupted run never
leaves half a batch.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
from tqdm import tqdm

from metrics.pipeline.extraction import batches as batches
from metrics.pipeline.extraction import content_hash as content_hash
from metrics.pipeline.extraction import extract_batch as extract_batch
from metrics.pipeline.extraction import extract_changed, storable
from metrics.pipeline.options import ErrorHandler, IngestOptions, IngestSummary, RejectCounter
from metrics.read.documents import read_documents
from metrics.records import Document
from metrics.store.database import session
from metrics.store.schema import fetch_one
from metrics.store.writes import stored_hashes, write_batch


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
                stored = stored_hashes(con, ids, options.extractor_version)
        yield Batch(batch, [None if doc_id in previous else stored.get(doc_id) for doc_id in ids])
        previous = set(ids)


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
