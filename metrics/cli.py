"""The `metrics` command: a thin layer over the library. Errors become one line and an exit code."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from metrics.command import run
from metrics.dateline import parse_date_string
from metrics.documents import read_documents
from metrics.errors import InputError
from metrics.extract import claims_from_document


def parse_published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    parsed = parse_date_string(value)
    if parsed is None:
        raise click.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD)")
    return parsed


class ErrorCounter:
    """Prints each input problem as one line on stderr and remembers that there was one."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        click.echo(f"metrics: skipped {error}", err=True)


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


def main() -> None:
    """Entry point: a MetricsError becomes one line on stderr and its exit code."""
    run(cli, "metrics")


# Commands register after the group exists.
from metrics.cli_reports import report  # noqa: E402
from metrics.cli_store import export_command, ingest_command, reextract_command, series_command  # noqa: E402

cli.add_command(ingest_command)
cli.add_command(reextract_command)
cli.add_command(series_command)
cli.add_command(export_command)
cli.add_command(report)

if __name__ == "__main__":
    main()
