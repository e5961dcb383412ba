"""Shards: the Dask engine's pieces of the input, and a worker's task on one (`run_shard`).

A shard is a range of JSONL lines or a list of files, named by a hash of its bytes (and the path,
the extractor version and any --published override), so a repeated run skips the shards already
written and a failed run resumes where it stopped. A worker reads its shard, extracts it and writes
its Parquet files and then a .done.json. This module imports no Dask and no store connection code:
a worker unpickling `run_shard` loads only what extraction needs.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from metrics.errors import InputError, UsageError
from metrics.link.extract import EXTRACTOR_VERSION
from metrics.pipeline.extraction import ErrorRecord, as_record, batches, extract_batch, storable
from metrics.pipeline.options import ErrorHandler, Extractor
from metrics.read.documents import JSONL_SUFFIXES, expand_paths, iter_jsonl, read_path
from metrics.records import Document
from metrics.store.writes import CLAIM_SCHEMA, DOCUMENT_SCHEMA

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
