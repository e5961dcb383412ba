"""`metrics review`: export the claims behind a chart as a spreadsheet, import the analyst's verdicts.

The file is plain CSV so it opens in any spreadsheet: one claim a row, with the sentence it came from,
and empty `verdict` (accept, reject, correct) and correction columns. The key columns (doc_id, start,
end, surface) tie a verdict to the place in the text, not to the claim id, which re-extraction may
change. A bad row is named by its line and skipped; the others are recorded.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from metrics.cli.store import db_option, wait_option
from metrics.errors import InputError, UsageError

COLUMNS = (
    *("claim_id", "quote", "value", "unit", "period", "metric", "entities", "status"),
    *("verdict", "corrected_value", "corrected_unit", "note", "doc_id", "start", "end", "surface"),
)
_REQUIRED = ("claim_id", "value", "verdict", "corrected_value", "doc_id", "start", "end", "surface")


@click.group("review")
def review() -> None:
    """Check the figures behind a chart: export them as CSV, mark each, import the verdicts."""


def _period(row: dict[str, Any]) -> str:
    start, end = row["period_start"], row["period_end"]
    when = row["period_text"] or ""
    span = f"{start or '…'}..{end or '…'}" if start or end else "no date"
    return f"{span} ({row['grain']}{', ' + when if when else ''})"


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))  # repr: read back to the same double


@review.command("export")
@click.option("--report", "report_name", metavar="NAME", help="The claims a report definition draws.")
@click.option("--metric", help="Claims of this metric (with --entity: about this entity too).")
@click.option("--entity", help="Claims naming this entity as subject or counterpart.")
@click.option(
    "--reports", "reports_dir", default="reports", show_default=True, type=click.Path(path_type=Path)
)
@click.option(
    "-o", "--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
@db_option
@wait_option
def export_reviews(
    report_name: str | None,
    metric: str | None,
    entity: str | None,
    reports_dir: Path,
    out_path: Path | None,
    db_path: str,
    wait: float,
) -> None:
    """Write the claims to review as CSV, with any verdict they already have."""
    from metrics.store.database import session
    from metrics.store.reviews import claims_to_review

    if not (report_name or metric or entity):
        raise UsageError("say which claims to review: --report NAME, or --metric and/or --entity")
    with session(db_path, read_only=True, create=False, wait=wait) as con:
        claim_ids = None
        if report_name:
            from metrics.draw.definitions import find_definition, load_definition
            from metrics.draw.series_query import report_claim_ids

            definition = load_definition(find_definition(reports_dir, report_name))
            claim_ids = report_claim_ids(con, definition)
        rows = claims_to_review(con, claim_ids=claim_ids, metric=metric, entity=entity)
    stream: TextIO = sys.stdout if out_path is None else out_path.open("w", encoding="utf-8", newline="")
    try:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            entities = [e for e in (row["subject"], row["counterpart"]) if e]
            writer.writerow(
                [
                    *(row["claim_id"], row["quote"] or "", _number(row["value"]), row["unit"], _period(row)),
                    *(row["metric"], "; ".join(entities), row["status"], row["verdict"] or ""),
                    *(_number(row["corrected_value"]), row["corrected_unit"] or "", row["note"] or ""),
                    *(row["doc_id"], row["start"], row["end"], row["surface"]),
                ]
            )
    finally:
        if out_path is not None:
            stream.close()
    if out_path is not None:
        click.echo(f"wrote {len(rows)} claims to {out_path}", err=True)


def _verdict(row: dict[str, str], line: int) -> Any:
    """One CSV row as a Verdict, None when it has no verdict yet; ValueError says what is wrong."""
    from metrics.store.reviews import VERDICTS, Verdict

    verdict = (row.get("verdict") or "").strip().lower()
    if not verdict:
        return None
    if verdict not in VERDICTS:
        raise ValueError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    corrected_text = (row.get("corrected_value") or "").strip().replace(",", "").replace(" ", "")
    corrected = None
    if corrected_text:
        try:
            corrected = float(corrected_text)
        except ValueError:
            raise ValueError(f"corrected_value {row.get('corrected_value')!r} is not a number") from None
    if verdict == "correct" and corrected is None:
        raise ValueError("verdict 'correct' needs a corrected_value")
    if verdict != "correct" and corrected is not None:
        raise ValueError(f"a corrected_value is given but the verdict is {verdict!r}: write 'correct'")
    try:
        start, end, value = int(row["start"]), int(row["end"]), float(row["value"])
    except (TypeError, ValueError):
        raise ValueError("start, end and value must be numbers (the exported key columns)") from None
    if not row.get("doc_id") or not row.get("surface"):
        raise ValueError("doc_id and surface are empty (the exported key columns)")
    return Verdict(
        line=line, claim_id=row.get("claim_id") or "", doc_id=row["doc_id"], start=start, end=end,
        surface=row["surface"], value=value, verdict=verdict, corrected_value=corrected,
        corrected_unit=(row.get("corrected_unit") or "").strip() or None,
        note=(row.get("note") or "").strip() or None,
        quote=row.get("quote") or None,
    )  # fmt: skip


def read_verdicts(path: Path) -> tuple[list[Any], list[tuple[int, str]]]:
    """The verdicts in a review file and (line, reason) for each row that cannot be one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the review file ({error})", path=str(path)) from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"not a review file: no column(s) {', '.join(missing)}", path=str(path), line=1)
    verdicts, bad = [], []
    for row in reader:
        line = reader.line_num
        try:
            verdict = _verdict(row, line)
        except ValueError as error:
            bad.append((line, str(error)))
            continue
        if verdict is not None:
            verdicts.append(verdict)
    return verdicts, bad


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@wait_option
def import_reviews(file: Path, db_path: str, wait: float) -> None:
    """Record the verdicts in FILE (a CSV from `metrics review export`); bad rows are named and skipped."""
    from metrics.store.database import session
    from metrics.store.reviews import record_verdicts

    verdicts, bad = read_verdicts(file)
    with session(db_path, create=False, wait=wait) as con:
        refused = record_verdicts(con, verdicts)
    problems = sorted(bad + refused)
    for line, reason in problems:
        click.echo(f"metrics: {file}:{line}: {reason}", err=True)
    recorded = len(verdicts) - len(refused)
    kinds = {kind: 0 for kind in ("accept", "reject", "correct")}
    refused_lines = {line for line, _ in refused}
    for item in verdicts:
        if item.line not in refused_lines:
            kinds[item.verdict] += 1
    counts = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    rows = "row" if len(problems) == 1 else "rows"
    click.echo(f"recorded {recorded} verdicts ({counts}) in {db_path}; {len(problems)} {rows} not imported")
    if problems:
        raise SystemExit(InputError.exit_code)


@review.command("status")
@db_option
@wait_option
def review_status(db_path: str, wait: float) -> None:
    """How many verdicts the store holds, and each one whose claim changed or is gone (not applied)."""
    from metrics.store.database import session
    from metrics.store.reviews import detached_reviews, verdict_counts

    with session(db_path, read_only=True, create=False, wait=wait) as con:
        counts = verdict_counts(con)
        detached = detached_reviews(con)
    click.echo(", ".join(f"{n} {kind}" for kind, n in counts.items()) + f"; {len(detached)} detached")
    for row in detached:
        click.echo(
            f"detached: {row['verdict']} on {row['surface']!r} in {row['doc_id']} at {row['start']}-"
            f"{row['end']} (was {row['value']:g}): the text or the figure changed; review it again"
        )
