"""What `metrics extract` and `metrics times` share: documents read from PATHS, one JSON object per
record written safely to any output, skipped input named on stderr, and one error when nothing was
readable."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from metrics import lazy_re
from metrics.cli.options import ErrorCounter
from metrics.errors import InputError

if TYPE_CHECKING:
    from metrics.records import Document

_SURROGATE = lazy_re.compile("[\ud800-\udfff]")


def json_line(record: dict[str, object], ascii_only: bool = False) -> str:
    """One JSON line that any output can take: a lone surrogate (a JSON escape such as "\\ud83d" read
    from input, which no encoding can write) becomes U+FFFD, one character for one, so offsets still
    count the same; `ascii_only` escapes every other non-ASCII character for outputs that cannot hold it."""
    line = json.dumps(record, ensure_ascii=False)
    if _SURROGATE.search(line):
        line = _SURROGATE.sub("\ufffd", line)
    if ascii_only:
        line = json.dumps(json.loads(line), ensure_ascii=True)
    return line


def _is_utf(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    return codecs.lookup(encoding).name.startswith("utf")


def write_records(
    paths: tuple[str, ...],
    published: date | None,
    records: Callable[[Document], Iterable[dict[str, Any]]],
) -> None:
    """Write `records(document)` for every document in PATHS as JSON Lines on standard output."""
    from metrics.read.documents import read_documents

    errors = ErrorCounter()
    out = sys.stdout
    ascii_only = not _is_utf(out)
    documents = 0
    for document in read_documents(paths, on_error=errors, published=published):
        documents += 1
        for record in records(document):
            out.write(json_line(record, ascii_only))
            out.write("\n")
    out.flush()
    if errors.count:
        raise SystemExit(InputError.exit_code)
    if documents == 0:
        raise InputError(
            "no documents found (readable files end in .txt, .md, .html or .jsonl)", path=" ".join(paths)
        )
