"""`metrics times PATH...`: the time expressions of documents as JSON Lines, one object each."""

from __future__ import annotations

from datetime import date

import click

from metrics.cli.jsonl_output import write_records
from metrics.cli.options import parse_published


@click.command("times")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published",
    callback=parse_published,
    metavar="DATE",
    help="Publication date for every document (overrides datelines and JSONL dates).",
)
def times_command(paths: tuple[str, ...], published: date | None) -> None:
    """Print the time expressions in PATHS as JSON Lines: doc_id, start, end, text, TIMEX3 type and
    value, and period_start/period_end where the expression denotes a period."""
    from metrics.find.time_expressions import find_time_expressions

    write_records(
        paths,
        published,
        lambda document: (
            e.to_dict(document.id) for e in find_time_expressions(document.text, document.published)
        ),
    )
