"""Report definitions: one small TOML file per chart, checked field by field.

A definition says what to draw (metric, entities, period, kind); it never says how. Loading checks
every field and names the file and the field in any error, so an analyst can add a chart without
reading code. The queries that feed a definition are in series_query.py.
"""

from __future__ import annotations

import calendar
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from metrics import lazy_re
from metrics.errors import ReportError

KINDS = ("timeline", "spans", "comparison")
"""timeline: a value per period (actual solid, forecast hollow, undated as a band); spans: counts
over periods drawn as bars along time; comparison: one figure per metric, side by side."""

OUTPUT_NAME = lazy_re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
_PERIOD_END = lazy_re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FIELDS = {
    *("title", "metric", "entities", "period", "kind", "output", "unit", "grain", "match", "measure"),
    *("item", "reviewed_only"),
}


@dataclass(frozen=True, slots=True)
class ReportDefinition:
    """One chart, as its TOML file describes it."""

    path: str
    title: str
    """What is charted ("US–Russia trade"); the chart's title adds the finding from the data."""
    metrics: tuple[str, ...]
    entities: tuple[str, ...]
    """The subject and, when given, the counterpart, in that role; empty: figures naming no entity."""
    period_start: date | None
    period_end: date | None
    kind: str
    output: str
    unit: str | None = None
    grain: str = "year"
    match: str = "exact"
    measure: str | None = None
    item: str | None = None
    """What a figure is of, when the store records it (after the vocabulary's `item` column)."""
    reviewed_only: bool = False
    """Draw only figures an analyst accepted or corrected (`metrics review import`)."""

    @property
    def name(self) -> str:
        return Path(self.path).stem


@dataclass(frozen=True, slots=True)
class ReportData:
    """What a chart needs from the store: reconciled figures, and the sources behind them."""

    definition: ReportDefinition
    unit: str
    rows: pd.DataFrame
    """One row per figure: metric, status, grain, period_start, period_end, value, low, high,
    qualifier, period_text, quote, sources, first_published, last_published, review, claim_ids."""
    sources: pd.DataFrame
    """One row per publication: publication, articles, first_published, last_published."""
    documents: pd.DataFrame
    """One row per article behind the figures: doc_id, publication, title, published."""


def _fail(path: str, field: str, message: str) -> ReportError:
    return ReportError(f"field '{field}': {message}", path=path)


def _bound(part: str, is_end: bool, path: str) -> date:
    found = _PERIOD_END.fullmatch(part)
    if not found:
        raise _fail(path, "period", f"bound {part!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(found[1]), found[2], found[3]
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), last if is_end else 1)
        return date(year, 12, 31) if is_end else date(year, 1, 1)
    except ValueError:
        raise _fail(path, "period", f"bound {part!r} is not a real date") from None


def parse_period(text: str, path: str) -> tuple[date | None, date | None]:
    """'1987', '1987-03', '2014..2019', '2014-06..2019-03-31', '..2019' or '2014..' as bounding dates."""
    parts = text.split("..")
    if len(parts) == 1 and _PERIOD_END.fullmatch(text.strip()):
        parts = [text, text]  # one year, month or day: the whole of it
    if len(parts) != 2 or not any(part.strip() for part in parts):
        raise _fail(
            path, "period", f"{text!r} is not a year or FROM..TO (e.g. '1987', '2014..2019', '2014-06..')"
        )
    first, last = (part.strip() for part in parts)
    start = _bound(first, False, path) if first else None
    end = _bound(last, True, path) if last else None
    if start and end and start > end:
        raise _fail(path, "period", f"{text!r} ends before it starts")
    return start, end


def _text(raw: dict[str, Any], key: str, path: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise _fail(path, key, f"missing '{key}'")
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, key, f"'{key}' must be a non-empty string")
    return value.strip()


def _names(raw: dict[str, Any], key: str, path: str, required: bool = True) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        if required:
            raise _fail(path, key, f"missing '{key}'")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, key, f"'{key}' must be a name or a list of names")
    return tuple(v.strip() for v in value)


def _choice(raw: dict[str, Any], key: str, path: str, choices: tuple[str, ...], default: str) -> str:
    value = _text(raw, key, path, required=False) or default
    if value not in choices:
        raise _fail(path, key, f"{key} {value!r} must be one of {', '.join(choices)}")
    return value


def definition_from_toml(raw: dict[str, Any], path: str) -> ReportDefinition:
    """Check every field of a parsed definition; unknown keys are errors (they are usually typos)."""
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise ReportError(
            f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}", path=path
        )
    kind = _text(raw, "kind", path)
    if kind not in KINDS:
        raise _fail(path, "kind", f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    output = _text(raw, "output", path) or ""
    if not OUTPUT_NAME.fullmatch(output):
        raise _fail(
            path, "output", f"output {output!r} must be a plain file name: letters, digits, '-' and '_'"
        )
    entities = _names(raw, "entities", path, required=False)
    if len(entities) > 2:
        raise _fail(path, "entities", "'entities' names the subject and at most one counterpart")
    period = raw.get("period")
    if isinstance(period, int) and not isinstance(period, bool):
        period = str(period)  # period = 1987 written without quotes
    if period is not None and not (isinstance(period, str) and period.strip()):
        raise _fail(path, "period", "'period' must be a year or FROM..TO, as a string")
    start, end = parse_period(period, path) if period else (None, None)
    reviewed_only = raw.get("reviewed_only", False)
    if not isinstance(reviewed_only, bool):
        raise _fail(path, "reviewed_only", "'reviewed_only' must be true or false")
    return ReportDefinition(
        path=path,
        title=_text(raw, "title", path) or "",
        metrics=_names(raw, "metric", path),
        entities=entities,
        period_start=start,
        period_end=end,
        kind=kind,
        output=output,
        unit=_text(raw, "unit", path, required=False),
        grain=_choice(raw, "grain", path, ("day", "month", "quarter", "year"), "year"),
        match=_choice(raw, "match", path, ("exact", "contains"), "exact"),
        measure=_text(raw, "measure", path, required=False),
        item=_text(raw, "item", path, required=False),
        reviewed_only=reviewed_only,
    )


def load_definition(path: Path) -> ReportDefinition:
    """Read and check one definition file; any mistake is a ReportError naming the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ReportError(f"not valid TOML ({error})", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"cannot read the definition ({error})", path=str(path)) from None
    return definition_from_toml(raw, str(path))


def definition_paths(folder: Path) -> list[Path]:
    """Every *.toml definition in the folder, in name order (so runs are repeatable)."""
    if not folder.is_dir():
        raise ReportError(f"no report definitions folder at {folder}")
    return sorted(folder.glob("*.toml"))


def find_definition(folder: Path, name: str) -> Path:
    """The definition a user names on the command line: by file name (without .toml) or output name."""
    for path in definition_paths(folder):
        if path.stem == name:
            return path
    broken: list[str] = []
    for path in definition_paths(folder):
        try:
            if load_definition(path).output == name:
                return path
        except ReportError as error:  # it may be the one asked for: say why it does not load
            broken.append(str(error))
    known = ", ".join(p.stem for p in definition_paths(folder)) or "none"
    hint = f"; a definition that may be it does not load: {broken[0]}" if broken else ""
    raise ReportError(f"no report named {name!r} in {folder} (known: {known}){hint}")


def connect_read_only(db_path: Path) -> duckdb.DuckDBPyConnection:
    """The one place reports open the store: read-only, through the store's connect helper."""
    from metrics.store.database import DEFAULT_WAIT_SECONDS, connect

    def say_waiting(message: str) -> None:  # an ingest between two batches: say so, then wait a little
        print(f"metrics: {message}", file=sys.stderr, flush=True)

    return connect(db_path, read_only=True, create=False, wait=DEFAULT_WAIT_SECONDS, on_wait=say_waiting)
