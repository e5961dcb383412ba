"""`metrics times PATH...`: the time expressions of documents as JSON Lines, one object each."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from metrics.cli.options import ErrorCounter, parse_published
from metrics.errors import InputError


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
    from metrics.read.documents import read_documents

    errors = ErrorCounter()
    out = sys.stdout
    documents = 0
    for document in read_documents(paths, on_error=errors, published=published):
        documents += 1
        for expression in find_time_expressions(document.text, document.published):
            out.write(json.dumps(expression.to_dict(document.id), ensure_ascii=False))
            out.write("\n")
    out.flush()
    if errors.count:
        raise SystemExit(InputError.exit_code)
    if documents == 0:
        raise InputError(
            "no documents found (readable files end in .txt, .md, .html or .jsonl)", path=" ".join(paths)
        )
