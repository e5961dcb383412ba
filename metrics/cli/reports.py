"""The `metrics report` command: draw report definitions from a store into PNG charts and an index."""

from __future__ import annotations

from pathlib import Path

import click

from metrics.errors import ReportError, UsageError


def _warn_detached(db_path: Path) -> None:
    """Say when analysts' verdicts no longer apply (their claim's text or figure changed)."""
    from metrics.draw.definitions import connect_read_only
    from metrics.store.reviews import detached_reviews

    con = connect_read_only(db_path)
    try:
        detached = len(detached_reviews(con))
    finally:
        con.close()
    if detached:
        click.echo(
            f"metrics: {detached} review verdict(s) no longer match their claim and were not applied; "
            f"see `metrics review status --db {db_path}`",
            err=True,
        )


@click.command("report")
@click.argument("names", nargs=-1)
@click.option("--all", "render_all", is_flag=True, help="Render every definition in the reports folder.")
@click.option(
    "--db",
    "db_path",
    default="build/metrics.duckdb",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The DuckDB store to draw from.",
)
@click.option(
    "--out",
    "out_dir",
    default="build/reports",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for NAME.png, its alt text and the index pages.",
)
@click.option(
    "--reports",
    "reports_dir",
    default="reports",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of report definitions (*.toml).",
)
def report(names: tuple[str, ...], render_all: bool, db_path: Path, out_dir: Path, reports_dir: Path) -> None:
    """Draw the reports NAMES (definition file names without .toml), or --all of them, as PNG charts."""
    from metrics.draw.definitions import definition_paths, find_definition  # matplotlib: only when drawing
    from metrics.draw.index_page import render_reports

    if render_all == bool(names):
        raise UsageError("name the reports to draw, or give --all (not both)")
    paths = definition_paths(reports_dir) if render_all else [find_definition(reports_dir, n) for n in names]
    if not paths:
        raise ReportError(f"no report definitions (*.toml) in {reports_dir}")
    failures: list[ReportError] = []

    def report_failure(error: ReportError) -> None:
        failures.append(error)
        click.echo(f"metrics: {error}", err=True)

    for png in render_reports(paths, db_path, out_dir, on_error=report_failure):
        click.echo(f"wrote {png}")
    if out_dir.is_dir():
        click.echo(f"wrote {out_dir / 'index.html'} and index.md")
    _warn_detached(db_path)
    if failures:
        click.echo(f"metrics: {len(failures)} of {len(paths)} reports not drawn", err=True)
        raise SystemExit(ReportError.exit_code)
