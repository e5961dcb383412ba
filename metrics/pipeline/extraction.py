"""Extraction without a store: documents -> Arrow tables, the half of an ingest that runs in workers.

A worker process (the local pool's or a Dask worker) imports only this module and what extraction
needs (the extractor, pyarrow, the Arrow schemas), not the store's connection code, pandas or tqdm:
its start is on every run's critical path (about 0.2 s of imports per worker saved). `ingest` is
the other half, the one driver that writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

import pyarrow as pa

from metrics import lazy_re
from metrics.errors import InputError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.pipeline.options import ErrorHandler, Extractor
from metrics.records import CLAIM_FIELDS, Document
from metrics.store.writes import CLAIM_SCHEMA, DOCUMENT_SCHEMA

ErrorRecord = tuple[str, str | None, int | None]
"""An InputError as plain values (message, path, line): exceptions with keyword arguments do not
survive pickling between processes, plain tuples do."""


def content_hash(document: Document) -> str:
    """SHA-256 of what extraction depends on: the text and the publication date."""
    key = f"{document.published.isoformat() if document.published else ''}\n{document.text}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


_CLAIM_NAMES = tuple(column.name for column in CLAIM_FIELDS)
_claim_values = attrgetter(*_CLAIM_NAMES)
"""A claim's values in CLAIM_FIELDS order, in one call: rows go from Claim straight into columns."""


_SURROGATE = lazy_re.compile("[\ud800-\udfff]")


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
        except KeyboardInterrupt:
            raise  # the user's Ctrl-C stops the run
        except BaseException as error:  # a bug in the extractor must not stop an ingest of thousands:
            # SystemExit too (a library calling sys.exit), which in a worker process killed it and
            # failed the whole run (on Dask after four workers had died, 15 s later)
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


def as_record(error: InputError) -> ErrorRecord:
    return (error.message, error.path, error.line)


def from_record(record: ErrorRecord) -> InputError:
    message, path, line = record
    return InputError(message, path=path, line=line)


@dataclass(frozen=True, slots=True)
class Extracted:
    """One chunk's result as it comes back from a worker: how many documents it skipped as stored
    unchanged, the tables of the rest (None: nothing to write), and its error reports."""

    skipped: int
    tables: tuple[pa.Table, pa.Table] | None
    errors: list[ErrorRecord]


def extract_chunk(
    documents: Sequence[Document], stored: Sequence[str | None], extractor: Extractor, extractor_version: str
) -> Extracted:
    """The worker's job: hash, skip the unchanged and extract one chunk (`extract_changed`), its
    error reports collected to send back. The parent only reads and writes."""
    errors: list[InputError] = []
    skipped, tables = extract_changed(
        documents, stored, extractor=extractor, extractor_version=extractor_version, on_error=errors.append
    )
    return Extracted(skipped, tables, [as_record(error) for error in errors])
