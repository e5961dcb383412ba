"""Ingest on every local core: worker processes run `extract_batch`, the parent alone writes to DuckDB.

The standard library's ProcessPoolExecutor extracts chunks of each batch; results are taken back in
input order and written by the parent one batch per transaction, exactly as `ingest` does with one
process, so `--jobs N` stores the same documents and claims as `--jobs 1`. A bounded number of chunks
is in flight at a time, so the input is streamed and memory does not grow with the corpus.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

from metrics.errors import EngineError, InputError, UsageError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.pipeline.ingest import (
    DEFAULT_BATCH_SIZE,
    ErrorHandler,
    Extractor,
    IngestSummary,
    RejectCounter,
    _stored_hashes,
    batches,
    content_hash,
    extract_batch,
    ingest,
    progress_bar,
    storable,
    write_batch,
)
from metrics.read.documents import read_documents
from metrics.records import Document
from metrics.store.database import session

CHUNKS_PER_WORKER = 4
"""Each batch is cut into about this many chunks per worker, so workers stay busy while the parent writes."""
ErrorRecord = tuple[str, str | None, int | None]
"""An InputError as plain values (message, path, line): exceptions with keyword arguments do not
survive pickling between processes, plain tuples do."""


def cores() -> int:
    """How many CPUs this process may use (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    """`--jobs 0` means every core; negative counts are a usage error."""
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (all cores) or more, not {jobs}")
    return cores() if jobs == 0 else jobs


def as_record(error: InputError) -> ErrorRecord:
    return (error.message, error.path, error.line)


def from_record(record: ErrorRecord) -> InputError:
    message, path, line = record
    return InputError(message, path=path, line=line)


@dataclass(frozen=True, slots=True)
class Extracted:
    """One chunk's result as it comes back from a worker."""

    documents: pa.Table
    claims: pa.Table
    errors: list[ErrorRecord]


def extract_chunk(documents: Sequence[Document], extractor: Extractor, extractor_version: str) -> Extracted:
    """The worker's job: `extract_batch` on one chunk, its error reports collected to send back."""
    errors: list[InputError] = []
    tables = extract_batch(
        documents, extractor=extractor, extractor_version=extractor_version, on_error=errors.append
    )
    return Extracted(*tables, [as_record(error) for error in errors])


def chunks(documents: list[Document], jobs: int) -> list[list[Document]]:
    """About CHUNKS_PER_WORKER chunks per worker, in order."""
    size = max(1, math.ceil(len(documents) / (jobs * CHUNKS_PER_WORKER)))
    return [documents[start : start + size] for start in range(0, len(documents), size)]


@dataclass
class _Pending:
    """A batch whose chunks are being extracted: how many documents it read and skipped, and its futures."""

    read: int
    skipped: int
    futures: list[Future[Extracted]]


def _pending_batches(
    documents: Iterable[Document],
    db_path: str | Path,
    pool: ProcessPoolExecutor,
    jobs: int,
    batch_size: int,
    extractor: Extractor,
    extractor_version: str,
    wait: float,
    on_wait: Callable[[str], None] | None,
) -> Iterator[_Pending]:
    """Read batches, drop documents already stored unchanged, and hand the rest to the pool in chunks."""
    for batch in batches(documents, batch_size):
        with session(db_path, read_only=True, wait=wait, on_wait=on_wait) as con:
            stored = _stored_hashes(con, [document.id for document in batch])
        todo = [document for document in batch if stored.get(document.id) != content_hash(document)]
        futures = [
            pool.submit(extract_chunk, chunk, extractor, extractor_version) for chunk in chunks(todo, jobs)
        ]
        yield _Pending(len(batch), len(batch) - len(todo), futures)


def _results(pending: _Pending) -> list[Extracted]:
    """The batch's chunks in input order; a worker that died (killed, out of memory) is one clear error."""
    try:
        return [future.result() for future in pending.futures]
    except BrokenProcessPool:
        raise EngineError(
            "a worker process died during extraction (killed or out of memory); the batches written so far "
            "are kept, run the same command again to continue"
        ) from None


def ingest_parallel(
    paths: Iterable[str],
    db_path: str | Path,
    *,
    jobs: int,
    published: date | None = None,
    on_error: ErrorHandler | None = None,
    progress: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    extractor: Extractor = claims_from_document,
    extractor_version: str = EXTRACTOR_VERSION,
) -> IngestSummary:
    """`ingest` with extraction spread over `jobs` processes (0 = all cores; 1 = `ingest` itself).

    Two batches are in flight at most: one being written by this process while the next is extracted.
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        return ingest(
            paths,
            db_path,
            published=published,
            on_error=on_error,
            progress=progress,
            batch_size=batch_size,
            wait=wait,
            on_wait=on_wait,
            extractor=extractor,
            extractor_version=extractor_version,
        )
    started = time.monotonic()
    report = RejectCounter(on_error)
    read = added = replaced = unchanged = claims_written = 0
    with session(db_path, wait=wait, on_wait=on_wait):
        pass  # create the store (or fail on a lock or schema problem) before starting workers
    # spawn, not fork: a forked child would inherit DuckDB's and tqdm's threads in an unknown state
    context = multiprocessing.get_context("spawn")
    documents = map(storable, read_documents(paths, on_error=report, published=published))
    with progress_bar(progress) as bar, ProcessPoolExecutor(jobs, mp_context=context) as pool:
        in_flight: deque[_Pending] = deque()
        source = _pending_batches(
            documents, db_path, pool, jobs, batch_size, extractor, extractor_version, wait, on_wait
        )
        exhausted = False
        while True:
            while not exhausted and len(in_flight) < 2:
                pending = next(source, None)
                if pending is None:
                    exhausted = True
                else:
                    in_flight.append(pending)
            if not in_flight:
                break
            pending = in_flight.popleft()
            results = _results(pending)
            read += pending.read
            unchanged += pending.skipped
            for result in results:
                for record in result.errors:
                    report(from_record(record))
            if results:
                doc_table = pa.concat_tables([result.documents for result in results])
                claim_table = pa.concat_tables([result.claims for result in results])
                with session(db_path, wait=wait, on_wait=on_wait) as con:
                    written = write_batch(con, doc_table, claim_table)
                added += written.added
                replaced += written.replaced
                unchanged += written.unchanged
                claims_written += written.claims_written
            bar.update(pending.read)
    return IngestSummary(
        documents_read=read,
        documents_added=added,
        documents_unchanged=unchanged,
        documents_replaced=replaced,
        claims_written=claims_written,
        rejected=report.count,
        seconds=time.monotonic() - started,
    )
