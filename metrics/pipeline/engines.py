"""Ingest on every local core: worker processes run `extract_batch`, the parent alone writes to DuckDB.

The standard library's ProcessPoolExecutor extracts chunks of each batch; results are taken back in
input order and handed to the one driver (`ingest`), which writes them one batch per transaction
exactly as with one process, so `--jobs N` stores the same documents and claims as `--jobs 1`. A
bounded number of chunks is in flight at a time, so the input is streamed and memory stays flat.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import process as futures_process
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyarrow as pa

from metrics.errors import EngineError, UsageError
from metrics.pipeline.extraction import Extracted, extract_chunk, from_record
from metrics.pipeline.ingest import Batch, Unit, in_process, read_batches
from metrics.pipeline.options import ErrorHandler, IngestOptions
from metrics.pipeline.quiet import sigint_ignored, worker_start

T = TypeVar("T")
CHUNKS_PER_WORKER = 4
"""Each batch is cut into about this many chunks per worker, so workers stay busy while the parent writes."""


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


def chunks(documents: list[T], jobs: int) -> list[list[T]]:
    """About CHUNKS_PER_WORKER chunks per worker, in order."""
    size = max(1, math.ceil(len(documents) / (jobs * CHUNKS_PER_WORKER)))
    return [documents[start : start + size] for start in range(0, len(documents), size)]


@dataclass
class _Pending:
    """A batch whose chunks are being extracted: how many documents came before it in the input, its
    first and last ids (to name it if it is lost), how many it holds, and its futures."""

    before: int
    first_id: str
    last_id: str
    read: int
    futures: list[Future[Extracted]]

    def lost(self) -> EngineError:
        """The one line for a worker that died (killed, out of memory) with this batch in hand."""
        span = f"documents {self.before + 1:,}-{self.before + self.read:,} of the input"
        return EngineError(
            f"a worker process died (killed or out of memory) while extracting {span} "
            f"(ids {self.first_id!r} to {self.last_id!r}); they and the rest were not stored, the "
            f"{self.before:,} before them are; run the same command again to continue"
        )


def _results(pending: _Pending) -> list[Extracted]:
    """The batch's chunks in input order; a worker that died is one clear error naming the batch."""
    try:
        return [future.result() for future in pending.futures]
    except BrokenProcessPool:
        raise pending.lost() from None


def _submit(
    pool: ProcessPoolExecutor, pending: _Pending, batch: Batch, jobs: int, options: IngestOptions
) -> None:
    with sigint_ignored():  # workers start here and inherit it: Ctrl-C is the parent's alone
        for chunk, stored in zip(chunks(batch.documents, jobs), chunks(batch.stored, jobs), strict=True):
            pending.futures.append(
                pool.submit(extract_chunk, chunk, stored, options.extractor, options.extractor_version)
            )


STOP_SECONDS = 5.0
"""How long a stopped pool's manager thread is waited for (its workers are terminated by then)."""


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (an error or Ctrl-C in the parent): queued chunks are dropped and running
    ones killed, rather than waited for."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=STOP_SECONDS)
        # At exit, CPython 3.11 wakes every pool's manager through a pipe that a stopped pool's manager
        # may have closed already, and prints a traceback after Ctrl-C (seen in a CI run of --jobs 2):
        # a stopped pool is taken off that list.
        with contextlib.suppress(Exception):
            futures_process._threads_wakeups.pop(manager, None)


def process_pool(
    paths: Iterable[str], db_path: str | Path, options: IngestOptions, report: ErrorHandler
) -> Iterator[Unit]:
    """Extraction spread over `options.jobs` processes (0 = all cores; 1 = in this process).

    Two batches are in flight at most: one being written by the driver while the next is extracted.
    Workers ignore Ctrl-C and exit when this process dies, however it dies.
    """
    jobs = resolve_jobs(1 if options.jobs is None else options.jobs)
    if jobs == 1:
        yield from in_process(paths, db_path, options, report)
        return
    # spawn, not fork: a forked child would inherit DuckDB's and tqdm's threads in an unknown state
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=worker_start, initargs=(os.getpid(),))
    try:
        yield from _extracted_in_order(pool, paths, db_path, options, report, jobs)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _extracted_in_order(
    pool: ProcessPoolExecutor,
    paths: Iterable[str],
    db_path: str | Path,
    options: IngestOptions,
    report: ErrorHandler,
    jobs: int,
) -> Iterator[Unit]:
    source = read_batches(paths, db_path, options, report)
    in_flight: deque[_Pending] = deque()
    submitted = 0
    while True:
        while len(in_flight) < 2:
            batch = next(source, None)
            if batch is None:
                break
            pending = _Pending(
                submitted, batch.documents[0].id, batch.documents[-1].id, len(batch.documents), []
            )
            try:
                _submit(pool, pending, batch, jobs, options)
            except BrokenProcessPool:  # a worker died: the first batch not yet written is what was lost
                raise (in_flight[0] if in_flight else pending).lost() from None
            in_flight.append(pending)
            submitted += len(batch.documents)
        if not in_flight:
            return
        pending = in_flight.popleft()
        results = _results(pending)
        for result in results:
            for record in result.errors:
                report(from_record(record))
        skipped = sum(result.skipped for result in results)
        extracted = [result.tables for result in results if result.tables is not None]
        if not extracted:
            yield Unit(pending.read, skipped)
            continue
        yield Unit(
            pending.read,
            skipped,
            pa.concat_tables([documents for documents, _claims in extracted]),
            pa.concat_tables([claims for _documents, claims in extracted]),
        )
