"""The `metrics` command: a thin layer over the library. Errors become one line and an exit code.

The stages are imported inside each command, so `metrics --help` loads none of them.
"""

from __future__ import annotations

from datetime import date

import click

from metrics.cli.command import run
from metrics.cli.jsonl_output import write_records
from metrics.cli.options import parse_published
from metrics.cli.reports import report
from metrics.cli.review import review
from metrics.cli.store import export_command, ingest_command, reextract_command, series_command
from metrics.cli.times import times_command
from metrics.cli.vocabulary import vocabulary_command


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

    write_records(paths, published, lambda document: (c.to_dict() for c in claims_from_document(document)))


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
