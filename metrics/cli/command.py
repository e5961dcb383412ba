"""Run a click command the way every entry point of this project does: a MetricsError, a usage
mistake or Ctrl-C becomes one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import sys

import click

from metrics.errors import MetricsError


def run(command: click.Command, prog: str) -> None:
    """Invoke `command` with the process arguments; map errors to one line and an exit code."""
    try:
        command.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(f"{prog}: interrupted", err=True)
        raise SystemExit(130) from None
    except click.ClickException as error:
        error.show()
        raise SystemExit(error.exit_code) from None
    except MetricsError as error:
        click.echo(f"{prog}: {error}", err=True)
        raise SystemExit(error.exit_code) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(0) from None
