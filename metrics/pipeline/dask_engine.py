"""Ingest on a Dask cluster: shards of the input -> the same `extract_batch` on each worker -> Parquet
shard files -> back, in input order, to the one driver, which writes each through the one upsert.

A shard is a range of JSONL lines or a list of files, named by a hash of its bytes (and the path,
the extractor version and any --published override), so a repeated run skips the shards already
written and a failed run resumes where it stopped. Workers never open the store: DuckDB has one
writer, this process. On a real cluster the input and the shard folder must be on storage that
every worker and this process see under the same path (a shared filesystem).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from metrics.errors import EngineError, InputError, UsageError
from metrics.link.extract import EXTRACTOR_VERSION
from metrics.pipeline.engines import ErrorRecord, as_record, from_record, resolve_jobs
from metrics.pipeline.ingest import Unit, batches, extract_batch, storable
from metrics.pipeline.options import ErrorHandler, Extractor, IngestOptions
from metrics.pipeline.quiet import (
    Interrupts,
    quiet_children,
    quiet_logs,
    remembered_interrupts,
    sigint_ignored,
)
from metrics.read.documents import JSONL_SUFFIXES, expand_paths, iter_jsonl, read_path
from metrics.records import Document
from metrics.store.writes import CLAIM_SCHEMA, DOCUMENT_SCHEMA

DEFAULT_WORKERS = 2
SHARD_FORMAT = "2"
"""Part of every shard's name: bump it when the shard files' layout changes, so old ones are not reused."""


@dataclass(frozen=True, slots=True)
class Shard:
    """A piece of the input: bytes [start, stop) of one JSONL file (from line `first_line`), or files."""

    key: str
    path: str | None = None
    start: int = 0
    stop: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ShardDone:
    """What a worker reports for one shard (also kept in its .done.json, for skipped re-runs)."""

    key: str
    documents_read: int
    errors: list[ErrorRecord]


def shard_folder(db_path: str | Path) -> Path:
    """The work folder next to the store: build/metrics.duckdb -> build/metrics.duckdb.shards/."""
    return Path(f"{db_path}.shards")


def _hasher(kind: str, published: date | None, extractor_version: str) -> Any:
    digest = hashlib.sha256()
    header = f"{SHARD_FORMAT}\n{kind}\n{extractor_version}\n{published.isoformat() if published else ''}\n"
    digest.update(header.encode())
    return digest


def _jsonl_shards(path: str, size: int, published: date | None, extractor_version: str) -> Iterator[Shard]:
    """Shards of `size` lines of one JSONL file, hashed as they are read (one pass, nothing kept)."""
    with open(path, "rb") as stream:
        start = offset = 0
        first_line = line_number = 1
        count = 0
        digest = _hasher("lines", published, extractor_version)
        digest.update(path.encode("utf-8", "surrogateescape") + b"\n")
        for line in stream:
            digest.update(line)
            offset += len(line)
            line_number += 1
            count += 1
            if count == size:
                yield Shard(digest.hexdigest()[:32], path, start, offset, first_line)
                start, first_line, count = offset, line_number, 0
                digest = _hasher("lines", published, extractor_version)
                digest.update(path.encode("utf-8", "surrogateescape") + b"\n")
        if count:
            yield Shard(digest.hexdigest()[:32], path, start, offset, first_line)


def _file_shard(files: list[str], published: date | None, extractor_version: str) -> Shard:
    digest = _hasher("files", published, extractor_version)
    for name in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\n")
        try:
            with open(name, "rb") as stream:
                while block := stream.read(1 << 20):
                    digest.update(block)
        except OSError:
            digest.update(b"\0unreadable\0")  # the worker reports it; the key changes once it is readable
    return Shard(digest.hexdigest()[:32], files=tuple(files))


def plan_shards(
    paths: Iterable[str], size: int, published: date | None = None, extractor_version: str = EXTRACTOR_VERSION
) -> Iterator[Shard]:
    """The input as shards, in input order: JSONL files by line ranges, other files `size` at a time."""
    files: list[str] = []
    for item in expand_paths(paths):
        if item == "-":
            raise UsageError("--engine dask reads files, not standard input; save it to a .jsonl file first")
        if Path(item).suffix.lower() in JSONL_SUFFIXES and Path(item).is_file():
            if files:
                yield _file_shard(files, published, extractor_version)
                files = []
            yield from _jsonl_shards(item, size, published, extractor_version)
            continue
        files.append(item)
        if len(files) == size:
            yield _file_shard(files, published, extractor_version)
            files = []
    if files:
        yield _file_shard(files, published, extractor_version)


def shard_documents(shard: Shard, on_error: ErrorHandler, published: date | None) -> Iterator[Document]:
    """The documents of one shard, read by the same code as every other ingest; JSONL errors keep
    their line number in the whole file."""
    if shard.path is None:
        for name in shard.files:
            yield from read_path(name, on_error, published)
        return

    def relocated(error: InputError) -> None:
        if error.line is not None:
            error.line += shard.first_line - 1
        on_error(error)

    with open(shard.path, "rb") as stream:
        stream.seek(shard.start)
        data = stream.read(shard.stop - shard.start)
    yield from iter_jsonl(io.BytesIO(data), shard.path, relocated, published)


def _with_part(table: pa.Table, key: str, number: int) -> pa.Table:
    table = table.append_column("shard", pa.array([key] * table.num_rows, pa.string()))
    return table.append_column("part", pa.array([number] * table.num_rows, pa.int32()))


def _concat(parts: list[pa.Table], schema: pa.Schema) -> pa.Table:
    if parts:
        return pa.concat_tables(parts)
    return _with_part(schema.empty_table(), "", 0)


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write beside `path` and rename, so a reader sees the whole file or none; a failed write (a
    full disk) leaves no .partial file behind."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        write(partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _parts(documents: Iterable[Document]) -> Iterator[list[Document]]:
    """The shard's documents cut where an id repeats (as `batches` cuts a local ingest), so each part
    holds distinct ids and a later version of an id is applied after the earlier one."""
    return batches(documents, sys.maxsize)


def run_shard(
    shard: Shard, folder: str, published: date | None, extractor: Extractor, extractor_version: str
) -> ShardDone:
    """A worker's task: read the shard, run `extract_batch` on each part, write its two Parquet files
    (with the part number of each row) and then its .done.json (last, so a shard killed half-way is
    redone). A shard already done is not redone."""
    out = Path(folder)
    done = out / f"{shard.key}.done.json"
    if done.exists():
        return read_done(done)
    errors: list[InputError] = []
    read = 0
    document_parts: list[pa.Table] = []
    claim_parts: list[pa.Table] = []

    def counted(documents: Iterable[Document]) -> Iterator[Document]:
        nonlocal read
        for document in documents:
            read += 1
            yield storable(document)

    for number, part in enumerate(_parts(counted(shard_documents(shard, errors.append, published)))):
        documents, claims = extract_batch(
            part, extractor=extractor, extractor_version=extractor_version, on_error=errors.append
        )
        document_parts.append(_with_part(documents, shard.key, number))
        claim_parts.append(_with_part(claims, shard.key, number))
    tables = {
        "documents": _concat(document_parts, DOCUMENT_SCHEMA),
        "claims": _concat(claim_parts, CLAIM_SCHEMA),
    }
    for name, table in tables.items():
        _write_atomically(out / f"{shard.key}.{name}.parquet", partial(pq.write_table, table))
    result = ShardDone(shard.key, read, [as_record(error) for error in errors])
    record = {"documents_read": read, "errors": result.errors}
    _write_atomically(done, partial(_write_json, record))
    return result


def _write_json(record: dict[str, Any], target: Path) -> None:
    target.write_text(json.dumps(record), encoding="utf-8")


def read_done(path: Path) -> ShardDone:
    record = json.loads(path.read_text(encoding="utf-8"))
    errors = [(message, where, line) for message, where, line in record["errors"]]
    return ShardDone(path.name.split(".")[0], int(record["documents_read"]), errors)


class Cluster:
    """The Dask client, connected on first use, so a re-run whose shards are all done starts no cluster."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self._client: Any = None
        self._local: Any = None

    def client(self) -> Any:
        """A client of the cluster at `scheduler`, or of a new LocalCluster of `workers` processes."""
        if self._client is not None:
            return self._client
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--engine dask needs Dask: pip install 'metrics[dask]'") from None
        try:
            with sigint_ignored(), quiet_children():  # the workers inherit both: Ctrl-C is ours alone
                if self.scheduler:
                    self._client = Client(self.scheduler, timeout="10s")
                else:
                    self._local = LocalCluster(
                        n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
                    )
                    self._client = Client(self._local)
        except Exception as error:  # e.g. "Nanny failed to start" when a worker dies while starting
            self.close()
            where = self.scheduler or "a local Dask cluster"
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise EngineError(f"cannot start or reach {where}: {reason}") from None
        return self._client

    def in_flight_limit(self) -> int:
        """Shards submitted ahead: a few per worker keep every worker busy without planning all input."""
        return 4 * max(1, len(self.client().scheduler_info().get("workers", {})))

    def close(self) -> None:
        """Close the client and any LocalCluster; a failure while closing is not the user's problem."""
        client, local, self._client, self._local = self._client, self._local, None, None
        for closing in (client, local):
            if closing is not None:
                with contextlib.suppress(Exception):
                    closing.close()


def on_dask(
    paths: Iterable[str], db_path: str | Path, options: IngestOptions, report: ErrorHandler
) -> Iterator[Unit]:
    """The Dask engine: shards extracted on the cluster (a LocalCluster of `options.jobs` processes
    without `options.scheduler`) into Parquet files beside the store, handed back in input order,
    one unit per part of each shard. A shard named twice (a file given twice) is extracted once and
    applied twice, as a local ingest applies it twice."""
    folder = shard_folder(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EngineError(f"cannot create the shard folder {folder}: {error.strerror or error}") from None
    workers = resolve_jobs(DEFAULT_WORKERS if options.jobs is None else options.jobs)
    cluster = Cluster(options.scheduler, workers)
    with quiet_logs(), remembered_interrupts() as interrupts:
        yield from _shards_in_order(cluster, paths, options, folder, report, interrupts)


def _shards_in_order(
    cluster: Cluster,
    paths: Iterable[str],
    options: IngestOptions,
    folder: Path,
    report: ErrorHandler,
    interrupts: Interrupts,
) -> Iterator[Unit]:
    """Submit the shards not done yet (a bounded number ahead) and yield each shard's units in order."""
    planned: deque[Shard] = deque()
    futures: dict[str, Any] = {}
    limit = 4 * cluster.workers
    try:
        for shard in plan_shards(paths, options.batch_size, options.published, options.extractor_version):
            interrupts.check()
            planned.append(shard)
            if shard.key not in futures and not (folder / f"{shard.key}.done.json").exists():
                futures[shard.key] = cluster.client().submit(
                    run_shard,
                    shard,
                    str(folder),
                    options.published,
                    options.extractor,
                    options.extractor_version,
                    key=f"shard-{shard.key}",
                )
                if len(futures) == 1:
                    limit = cluster.in_flight_limit()
            while len(planned) >= limit:
                interrupts.check()
                yield from _applied(planned.popleft(), futures, planned, folder, report)
        while planned:
            interrupts.check()
            yield from _applied(planned.popleft(), futures, planned, folder, report)
        interrupts.check()
    finally:
        cluster.close()


def _applied(
    shard: Shard, futures: dict[str, Any], planned: deque[Shard], folder: Path, report: ErrorHandler
) -> Iterator[Unit]:
    """The units of one finished shard (waiting for it if need be), its errors reported."""
    future = futures.get(shard.key)
    done = _result(future) if future is not None else read_done(folder / f"{shard.key}.done.json")
    if future is not None and all(other.key != shard.key for other in planned):
        del futures[shard.key]
    for record in done.errors:
        report(from_record(record))
    documents = pq.read_table(folder / f"{shard.key}.documents.parquet")
    claims = pq.read_table(folder / f"{shard.key}.claims.parquet")
    parts = sorted(set(documents.column("part").to_pylist())) or [0]
    for number, part in enumerate(parts):
        yield Unit(
            done.documents_read if number == 0 else 0,
            0,
            documents.filter(pc.equal(documents["part"], part)),
            claims.filter(pc.equal(claims["part"], part)),
        )


def _result(future: Any) -> ShardDone:
    try:
        done: ShardDone = future.result()
    except Exception as error:  # a worker's failure arrives as its own exception: name the shard
        raise EngineError(
            f"a shard failed on the cluster ({type(error).__name__}: {error}); "
            "finished shards are kept, run the same command again to resume"
        ) from None
    return done
