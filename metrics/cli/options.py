"""What several commands share: the --published date parser and the one-line report of skipped input."""

from __future__ import annotations

from datetime import date

import click

from metrics.errors import InputError


def parse_published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from metrics.read.dates import DateRefused, read_date

    try:
        return read_date(value)
    except DateRefused as refused:
        raise click.BadParameter(f"not a date: {value[:40]!r}: {refused}") from None


class ErrorCounter:
    """Prints each input problem as one line on stderr and remembers that there was one."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        click.echo(f"metrics: skipped {error}", err=True)
