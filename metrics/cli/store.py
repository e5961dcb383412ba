"""The store commands (ingest, reextract, series, export): click wiring over ingest.py and store.py."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

import click

from metrics.cli.options import parse_published
from metrics.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from metrics.pipeline.options import IngestSummary

# The library modules (DuckDB, pandas, Arrow) are imported inside the commands so that `metrics
# extract` and `--help` start fast; these defaults mirror theirs and a test holds them equal.
DEFAULT_DB = "build/metrics.duckdb"
DEFAULT_WAIT_SECONDS = 5.0
DEFAULT_BATCH_SIZE = 2000
EXPORT_FORMATS = ("parquet", "csv")

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    envvar="METRICS_DB",
    metavar="FILE",
    help="The DuckDB store (also $METRICS_DB).",
)
wait_option = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=DEFAULT_WAIT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait while another process (a DuckDB shell) holds the file.",
)
batch_option = click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Documents per transaction.",
)


def _say(message: str) -> None:
    """One stderr line that does not break a progress bar."""
    from tqdm import tqdm

    tqdm.write(f"metrics: {message}", file=sys.stderr)


def _skipped(error: InputError) -> None:
    _say(f"skipped {error}")


def _finish(summary: IngestSummary, db_path: str) -> None:
    click.echo(f"metrics: {summary.line()} -> {db_path}", err=True)
    if summary.rejected:
        raise SystemExit(InputError.exit_code)


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--published",
    callback=parse_published,
    metavar="DATE",
    help="Publication date for every document (overrides datelines and JSONL dates).",
)
@wait_option
@batch_option
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=None,
    help="Extraction processes: 0 = all cores. Default 1 (local engine), 2 Dask workers (LocalCluster).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine's cores; dask: Parquet shards of a quarter of --batch-size lines on a Dask "
    "cluster, written back a batch per transaction.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: a running scheduler (tcp://host:8786); without it, a LocalCluster.",
)
def ingest_command(
    paths: tuple[str, ...],
    db_path: str,
    published: date | None,
    wait: float,
    batch_size: int,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Store the documents in PATHS (files, folders, .jsonl, - for stdin) and their claims in the DuckDB file.

    A document already stored with the same text adds nothing; one with the same id and new text
    replaces its claims. Exits 2 when any input was rejected (each named on stderr).
    """
    from metrics.pipeline.options import IngestOptions
    from metrics.pipeline.run import run_ingest

    options = IngestOptions(
        published=published,
        on_error=_skipped,
        progress=True,
        batch_size=batch_size,
        wait=wait,
        on_wait=_say,
        jobs=jobs,
        scheduler=scheduler,
    )
    summary = run_ingest(paths, db_path, options, engine=engine)
    _finish(summary, db_path)


@click.command(name="reextract")
@db_option
@click.option("--all", "force", is_flag=True, help="Re-extract every document, not only stale ones.")
@wait_option
@batch_option
def reextract_command(db_path: str, force: bool, wait: float, batch_size: int) -> None:
    """Re-run extraction on stored texts whose extractor_version differs from this metrics' extractor."""
    from metrics.pipeline.reextract import reextract

    summary = reextract(
        db_path, force=force, on_error=_skipped, progress=True, batch_size=batch_size, wait=wait, on_wait=_say
    )
    _finish(summary, db_path)


@click.command(name="series")
@click.argument("metric")
@click.option(
    "--entity",
    "entities",
    multiple=True,
    metavar="NAME",
    help="The figure's actor: first the subject, then (repeat) the counterpart; either order for trade.",
)
@click.option("--grain", help="Only this grain (year, quarter, month, day, span, as_of, undated).")
@click.option("--unit", help="Only this unit (USD, count, %, ...).")
@click.option("--item", help="Only figures of this item (crude oil, wheat, ...).")
@click.option("--alone", is_flag=True, help="Only rows without a counterpart (an entity's own total).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv"]),
    default="table",
    show_default=True,
    help="A readable table or CSV for a spreadsheet.",
)
@db_option
@wait_option
def series_command(
    metric: str,
    entities: tuple[str, ...],
    grain: str | None,
    unit: str | None,
    item: str | None,
    alone: bool,
    fmt: str,
    db_path: str,
    wait: float,
) -> None:
    """Print the reconciled levels of METRIC, one row per subject, counterpart, unit and period (the
    `series` view; changes such as "rose 5%" are left out)."""
    from metrics.errors import UsageError
    from metrics.store.database import open_store

    store = open_store(db_path, wait=wait)
    frame = store.series(metric, list(entities), grain=grain, unit=unit, item=item, alone=alone)
    if frame.empty:
        unknown = store.unknown_names(metric, entities)
        if unknown:
            of_metric = unknown[0].startswith("unknown metric")
            hint = " (`metrics vocabulary` lists the metrics)" if of_metric else ""
            raise UsageError("; ".join(unknown) + hint)
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
        return
    if frame.empty:
        click.echo(f"metrics: no series rows for {metric!r} with those filters", err=True)
        return
    columns = ["subject", "counterpart", "item", "unit", "grain", "period_start", "period_end", "value"]
    columns += ["status"]
    columns += ["low", "high", "n_sources", "first_published", "last_published"]
    click.echo(readable(frame[columns]).to_string(index=False))


def _cell(value: object) -> str:
    """Blank for missing, dates as YYYY-MM-DD, large numbers with thousands separators."""
    if value is None or (isinstance(value, float) and value != value) or str(value) == "NaT":
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:g}"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as strings a person reads easily (the CSV output keeps the raw values)."""
    return frame.astype(object).map(_cell)


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="parquet", show_default=True)
@click.option("--out", "out_dir", required=True, metavar="DIR", help="Folder for one file per table/view.")
@db_option
@wait_option
def export_command(fmt: str, out_dir: str, db_path: str, wait: float) -> None:
    """Write documents, claims, series and conflicts as Parquet or CSV files into DIR."""
    from metrics.store.database import open_store

    for path in open_store(db_path, wait=wait).export(out_dir, fmt):
        click.echo(str(path))
