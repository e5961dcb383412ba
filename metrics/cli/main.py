"""The `metrics` command: a thin layer over the library. Errors become one line and an exit code.

The stages are imported inside each command, so `metrics --help` loads none of them.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from metrics.cli.command import run
from metrics.cli.options import ErrorCounter, parse_published
from metrics.cli.reports import report
from metrics.cli.store import export_command, ingest_command, reextract_command, series_command
from metrics.cli.vocabulary import vocabulary_command
from metrics.errors import InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="metrics")
def cli() -> None:
    """Dated quantitative claims from news text: extract, store in DuckDB, chart."""


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
    documents = 0
    for document in read_documents(paths, on_error=errors, published=published):
        documents += 1
        for claim in claims_from_document(document):
            out.write(json.dumps(claim.to_dict(), ensure_ascii=False))
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
cli.add_command(vocabulary_command)


def main() -> None:
    """Entry point: a MetricsError becomes one line on stderr and its exit code."""
    run(cli, "metrics")


if __name__ == "__main__":
    main()
