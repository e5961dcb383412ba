"""Run the `metrics` entry point in this process through click's CliRunner: the same error handling
as the installed command (metrics.cli.main.main: one line and an exit code for every MetricsError),
without the second or so a fresh interpreter costs. Tests about the process itself (signals, locks
held by other processes, the real standard output's encoding) start one instead."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner

from metrics.cli.main import main


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


class _EntryPoint(click.Command):
    """What CliRunner invokes: the real main(), which reads its arguments from sys.argv."""

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> None:  # type: ignore[override]
        saved = sys.argv
        sys.argv = ["metrics", *(args or ())]
        try:
            main()
        finally:
            sys.argv = saved


def invoke(*args: str | Path, stdin: str | None = None, cwd: Path | None = None) -> Ran:
    """`metrics ARGS...` in process (in folder `cwd`); returncode, stdout and stderr as a subprocess
    would give them."""
    saved = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        entry = _EntryPoint("metrics")
        result = CliRunner().invoke(entry, [str(a) for a in args], input=stdin, catch_exceptions=False)
    finally:
        os.chdir(saved)
    return Ran(result.exit_code, result.stdout, result.stderr)
