"""Ingest on a Dask cluster: shards of the input -> the same `extract_batch` on each worker -> Parquet
shard files -> one transaction that loads them into the store.

A shard is a range of JSONL lines or a list of files, named by a hash of its bytes (and the path,
the extractor version and any --published override), so a repeated run skips the shards already
written and a failed run resumes where it stopped. Workers never open the store: DuckDB has one
writer, this process. On a real cluster the input and the shard folder must be on storage that
every worker and this process see under the same path (a shared filesystem).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from metrics.errors import EngineError, InputError, UsageError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.pipeline.engines import ErrorRecord, as_record, from_record, resolve_jobs
from metrics.pipeline.ingest import (
    DEFAULT_BATCH_SIZE,
    ErrorHandler,
    Extractor,
    IngestSummary,
    RejectCounter,
    extract_batch,
    progress_bar,
    storable,
)
from metrics.pipeline.shard_load import load_shards
from metrics.read.documents import JSONL_SUFFIXES, expand_paths, iter_jsonl, read_path
from metrics.records import Document
from metrics.store.database import session

DEFAULT_WORKERS = 2
SHARD_FORMAT = "1"
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


def _with_shard(table: pa.Table, key: str) -> pa.Table:
    return table.append_column("shard", pa.array([key] * table.num_rows, pa.string()))


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    write(partial)
    partial.replace(path)


def run_shard(
    shard: Shard, folder: str, published: date | None, extractor: Extractor, extractor_version: str
) -> ShardDone:
    """A worker's task: read the shard, run `extract_batch`, write its two Parquet files and then its
    .done.json (last, so a shard killed half-way is redone). A shard already done is not redone."""
    out = Path(folder)
    done = out / f"{shard.key}.done.json"
    if done.exists():
        return read_done(done)
    errors: list[InputError] = []
    latest: dict[str, Document] = {}
    read = 0
    for document in shard_documents(shard, errors.append, published):
        read += 1
        latest.pop(document.id, None)  # a repeated id: the later version wins, as in a local ingest
        latest[document.id] = storable(document)
    documents, claims = extract_batch(
        list(latest.values()),
        extractor=extractor,
        extractor_version=extractor_version,
        on_error=errors.append,
    )
    for name, table in (("documents", documents), ("claims", claims)):
        _write_atomically(
            out / f"{shard.key}.{name}.parquet", partial(pq.write_table, _with_shard(table, shard.key))
        )
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
            if self.scheduler:
                self._client = Client(self.scheduler, timeout="10s")
            else:
                self._local = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
                )
                self._client = Client(self._local)
        except (OSError, TimeoutError, ValueError) as error:
            where = self.scheduler or "a local Dask cluster"
            raise EngineError(f"cannot start or reach {where}: {error}") from None
        return self._client

    def in_flight_limit(self) -> int:
        """Shards submitted ahead: a few per worker keep every worker busy without planning all input."""
        return 4 * max(1, len(self.client().scheduler_info().get("workers", {})))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._local is not None:
            self._local.close()


def ingest_dask(
    paths: Iterable[str],
    db_path: str | Path,
    *,
    scheduler: str | None = None,
    jobs: int | None = None,
    published: date | None = None,
    on_error: ErrorHandler | None = None,
    progress: bool = False,
    shard_size: int = DEFAULT_BATCH_SIZE,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    extractor: Extractor = claims_from_document,
    extractor_version: str = EXTRACTOR_VERSION,
) -> IngestSummary:
    """Extract `paths` shard by shard on Dask (a LocalCluster of `jobs` processes without `scheduler`),
    then load every shard into the store in one transaction, skipping documents stored unchanged."""
    started = time.monotonic()
    report = RejectCounter(on_error)
    with session(db_path, wait=wait, on_wait=on_wait):
        pass  # create the store (or fail on a lock or schema problem) before any work
    folder = shard_folder(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EngineError(f"cannot create the shard folder {folder}: {error.strerror or error}") from None
    workers = resolve_jobs(DEFAULT_WORKERS if jobs is None else jobs)
    keys: list[str] = []
    results: dict[str, ShardDone] = {}
    cluster = Cluster(scheduler, workers)
    try:
        with progress_bar(progress, desc="shards") as bar:
            results = _run_shards(
                cluster, paths, folder, shard_size, published, extractor, extractor_version, keys, bar
            )
    finally:
        cluster.close()
    read = 0
    for key in keys:
        read += results[key].documents_read
        for record in results[key].errors:
            report(from_record(record))
    with session(db_path, wait=wait, on_wait=on_wait) as con:
        loaded = load_shards(con, folder, keys)
    return IngestSummary(
        documents_read=read,
        documents_added=loaded.added,
        documents_replaced=loaded.replaced,
        documents_unchanged=read - loaded.added - loaded.replaced,
        claims_written=loaded.claims_written,
        rejected=report.count,
        seconds=time.monotonic() - started,
    )


def _run_shards(
    cluster: Cluster,
    paths: Iterable[str],
    folder: Path,
    shard_size: int,
    published: date | None,
    extractor: Extractor,
    extractor_version: str,
    keys: list[str],
    bar: Any,
) -> dict[str, ShardDone]:
    """Submit every shard not done yet (a bounded number at a time) and collect what each reports."""
    from distributed import as_completed

    results: dict[str, ShardDone] = {}
    running: Any = None
    limit = 0
    seen: set[str] = set()
    for shard in plan_shards(paths, shard_size, published, extractor_version):
        if shard.key in seen:
            continue  # the same bytes twice (a file named twice): one shard
        seen.add(shard.key)
        keys.append(shard.key)
        done = folder / f"{shard.key}.done.json"
        if done.exists():
            results[shard.key] = read_done(done)
            bar.update(1)
            continue
        if running is None:
            running = as_completed(loop=cluster.client().loop)
            limit = cluster.in_flight_limit()
        running.add(
            cluster.client().submit(
                run_shard,
                shard,
                str(folder),
                published,
                extractor,
                extractor_version,
                key=f"shard-{shard.key}",
            )
        )
        while running.count() >= limit:
            _collect(next(running), results, bar)
    for future in running or ():
        _collect(future, results, bar)
    return results


def _collect(future: Any, results: dict[str, ShardDone], bar: Any) -> None:
    try:
        done: ShardDone = future.result()
    except Exception as error:  # a worker's failure arrives as its own exception: name the shard
        raise EngineError(
            f"a shard failed on the cluster ({type(error).__name__}: {error}); "
            "finished shards are kept, run the same command again to resume"
        ) from None
    results[done.key] = done
    bar.update(1)
