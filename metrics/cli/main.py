"""The `metrics` command: a thin layer over the library. Errors become one line and an exit code.

The stages are imported inside each command, so `metrics --help` loads none of them.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from datetime import date

import click

from metrics.cli.command import run
from metrics.cli.options import ErrorCounter, parse_published
from metrics.cli.reports import report
from metrics.cli.review import review
from metrics.cli.store import export_command, ingest_command, reextract_command, series_command
from metrics.cli.times import times_command
from metrics.cli.vocabulary import vocabulary_command
from metrics.errors import InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="metrics")
def cli() -> None:
    """Dated quantitative claims from news text: extract, store in DuckDB, chart."""


_SURROGATE = re.compile("[\ud800-\udfff]")


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


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published",
    callback=parse_published,
    metavar="DATE",
    help="Publication date for every document (overrides datelines and JSONL dates).",
)
def extract(paths: tuple[str, ...], published: date | None) -> None:
    """Print the claims in PATHS (.txt, .md, .html, .jsonl, folders, or - for stdin) as JSON Lines."""
    from metrics.link.extract import claims_from_document
    from metrics.read.documents import read_documents

    errors = ErrorCounter()
    out = sys.stdout
    ascii_only = not _is_utf(out)
    documents = 0
    for document in read_documents(paths, on_error=errors, published=published):
        documents += 1
        for claim in claims_from_document(document):
            out.write(json_line(claim.to_dict(), ascii_only))
            out.write("\n")
    out.flush()
    if errors.count:
        raise SystemExit(InputError.exit_code)
    if documents == 0:
        raise InputError(
            "no documents found (readable files end in .txt, .md, .html or .jsonl)", path=" ".join(paths)
        )


cli.add_command(ingest_command)
cli.add_command(reextract_command)
cli.add_command(series_command)
cli.add_command(export_command)
cli.add_command(report)
cli.add_command(times_command)
cli.add_command(review)
cli.add_command(vocabulary_command)


def main() -> None:
    """Entry point: a MetricsError becomes one line on stderr and its exit code."""
    run(cli, "metrics")


if __name__ == "__main__":
    main()
