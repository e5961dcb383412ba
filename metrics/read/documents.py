"""Read .txt/.md/.html/.jsonl files (or standard input) into Documents, streaming.

Bad input never stops a run: each problem becomes an InputError handed to `on_error` (naming the
file, the line for JSONL, and the reason), and reading goes on with the next document.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from metrics import lazy_re
from metrics.errors import InputError
from metrics.read.dateline import published_from_text
from metrics.read.dates import DateRefused, read_date
from metrics.read.decoding import SNIFF_BYTES, decode_bytes, sniff
from metrics.read.html import html_page
from metrics.read.published import published_from_html
from metrics.records import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""A single article larger than this is refused (news articles are a few kB; this is a scraper bug)."""

MAX_NUMBERS_PER_DOCUMENT = 200_000
"""More numbers than this in one document make it a table or a list, not an article: it is refused, so
that extracting one document (whose memory grows with the figures it holds, under 1 kB each) stays
bounded: 1 MB of "$1 " holds 333,333 of them."""

READ_CHUNK_BYTES = 1024 * 1024
_NUMBER = lazy_re.compile(r"\d+")
ErrorHandler = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def content_id(text: str) -> str:
    """A stable id for a document without one: the first 16 hex digits of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_document(
    text: str,
    *,
    doc_id: str | None = None,
    published: date | None = None,
    title: str | None = None,
    source: str | None = None,
    path: str | None = None,
    published_from: str | None = None,
) -> Document:
    """A Document with a content-hash id when none is given and the dateline's date when none is known;
    `published_from` says where a given date came from ('given' when unsaid)."""
    if published is None:
        published = published_from_text(text)
        published_from = "dateline" if published is not None else None
    elif published_from is None:
        published_from = "given"
    return Document(
        id=doc_id or content_id(text),
        text=text,
        published=published,
        title=title,
        source=source,
        path=path,
        published_from=published_from,
    )


def _too_large(path: str) -> InputError:
    return InputError(
        f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB; split it or use JSONL", path=path
    )


def _read_limited(stream: BinaryIO, path: str) -> bytes:
    """At most MAX_DOCUMENT_BYTES of a file or stream, read in chunks: a larger file is refused (by its
    size when the file system knows it) and a binary one after its first chunk, never read whole."""
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):  # a pipe or in-memory stream
        size = 0
    if size > MAX_DOCUMENT_BYTES:
        raise _too_large(path)
    head = stream.read(SNIFF_BYTES)
    sniff(head, path)
    chunks, total = [head], len(head)
    while chunk := stream.read(READ_CHUNK_BYTES):
        total += len(chunk)
        if total > MAX_DOCUMENT_BYTES:
            raise _too_large(path)
        chunks.append(chunk)
    return b"".join(chunks)


def _check_numbers(text: str, path: str, line: int | None = None) -> None:
    """Refuse a text with more than MAX_NUMBERS_PER_DOCUMENT numbers (each takes two characters at least,
    so a shorter text is not counted)."""
    if len(text) <= 2 * MAX_NUMBERS_PER_DOCUMENT:
        return
    for count, _match in enumerate(_NUMBER.finditer(text), start=1):
        if count > MAX_NUMBERS_PER_DOCUMENT:
            limit = f"{MAX_NUMBERS_PER_DOCUMENT:,}"
            raise InputError(
                f"more than {limit} numbers: a table or a list, not an article; split it",
                path=path,
                line=line,
            )


def _metadata_date(raw: str, what: str, path: str, line: int | None = None) -> date:
    """A publication date from metadata (a JSONL field, an HTML <meta>), or the one-line refusal."""
    try:
        return read_date(raw)
    except DateRefused as refused:
        raise InputError(f"{what} is not a date: {raw[:40]!r}: {refused}", path=path, line=line) from None


def _document_from_file_bytes(data: bytes, path: str, suffix: str, published: date | None) -> Document:
    if not data.strip():
        raise InputError("empty file", path=path)
    text = decode_bytes(data, path)
    title = None
    published_from = None
    if suffix in HTML_SUFFIXES:
        page = html_page(text)
        text, title = page.text, page.title
        if not text.strip():
            raise InputError("no visible text in the HTML", path=path)
        stated = published_from_html(page.metas, page.json_ld, page.times) if published is None else None
        if stated is not None:
            published = _metadata_date(stated[0], "the page's publication date", path)
            published_from = stated[1]
    elif suffix in TEXT_SUFFIXES or suffix == "":
        first = text.lstrip().split("\n", 1)[0].strip()
        title = first[:200] or None
    _check_numbers(text, path)
    return make_document(
        text, published=published, title=title, source=path, path=path, published_from=published_from
    )


def _jsonl_field(obj: dict[str, object], key: str, path: str, line: int) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"'{key}' must be a string, not {type(value).__name__}", path=path, line=line)


def document_from_json(obj: object, path: str, line: int, published: date | None = None) -> Document:
    """One JSONL object (`id`, `text`, optional `published`/`date`, `title`, `source`) as a Document."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", path=path, line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        reason = "no 'text' field" if text is None else f"'text' must be a string, not {type(text).__name__}"
        raise InputError(reason, path=path, line=line)
    if not text.strip():
        raise InputError("empty 'text'", path=path, line=line)
    text = text.replace("\x00", "\ufffd")  # a JSON \u0000 escape: one for one, so offsets still hold
    _check_numbers(text, path, line)
    when, where = published, None
    if when is None:
        for key in ("published", "date"):
            raw = _jsonl_field(obj, key, path, line)
            if raw:
                when, where = _metadata_date(raw, "'published'", path, line), f"jsonl:{key}"
                break
    return make_document(
        text,
        doc_id=_jsonl_field(obj, "id", path, line),
        published=when,
        title=_jsonl_field(obj, "title", path, line),
        source=_jsonl_field(obj, "source", path, line) or path,
        path=path,
        published_from=where,
    )


def iter_jsonl(
    stream: BinaryIO, path: str, on_error: ErrorHandler, published: date | None = None
) -> Iterator[Document]:
    """Documents from a JSONL stream, one line at a time; a bad line is reported and skipped."""
    number = 0
    while True:
        raw = stream.readline(MAX_DOCUMENT_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_DOCUMENT_BYTES and not raw.endswith(b"\n"):
            on_error(
                InputError(
                    f"line longer than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB; skipped",
                    path=path,
                    line=number,
                )
            )
            while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                raw = stream.readline(1024 * 1024)
            continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(decode_bytes(raw, path, number))
            yield document_from_json(obj, path, number, published)
        except InputError as error:
            on_error(error)
        except json.JSONDecodeError as error:
            on_error(InputError(f"not valid JSON ({error.msg})", path=path, line=number))
        except RecursionError:
            on_error(InputError("not valid JSON (nested too deeply)", path=path, line=number))
        except ValueError as error:  # e.g. an integer of more than 4300 digits
            on_error(InputError(f"not usable JSON ({str(error).split(';')[0]})", path=path, line=number))


def _files_under(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            Path(dirpath) / name
            for name in sorted(filenames)
            if Path(name).suffix.lower() in SUFFIXES and not name.startswith(".")
        )
    return found


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, files found under folders (recursively, known suffixes only), and '-' as is."""
    for item in paths:
        if item == "-":
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from (str(p) for p in _files_under(path))
        else:
            yield item


def read_path(
    item: str, on_error: ErrorHandler = _raise, published: date | None = None, stdin: BinaryIO | None = None
) -> Iterator[Document]:
    """Documents from one file (or '-' for standard input); problems go to `on_error`."""
    if item == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        head = stream.peek(1)[:1] if hasattr(stream, "peek") else b""
        if head == b"{":
            yield from iter_jsonl(stream, "<stdin>", on_error, published)
            return
        try:
            yield _document_from_file_bytes(_read_limited(stream, "<stdin>"), "<stdin>", ".txt", published)
        except InputError as error:
            on_error(error)
        return
    path = Path(item)
    suffix = path.suffix.lower()
    try:
        if not path.exists():
            raise InputError("no such file or folder", path=item)
        if not path.is_file():
            raise InputError("not a regular file", path=item)
        with path.open("rb") as stream:
            if suffix in JSONL_SUFFIXES:
                yield from iter_jsonl(stream, item, on_error, published)
            else:
                yield _document_from_file_bytes(_read_limited(stream, item), item, suffix, published)
    except InputError as error:
        on_error(error)
    except OSError as error:
        on_error(InputError(f"cannot read: {error.strerror or error}", path=item))


def read_documents(
    paths: Iterable[str], on_error: ErrorHandler = _raise, published: date | None = None
) -> Iterator[Document]:
    """Every document under `paths`, streamed; `published` overrides each document's own date."""
    for item in expand_paths(paths):
        yield from read_path(item, on_error, published)
