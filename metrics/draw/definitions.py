"""Report definitions (one small TOML file per chart) and the DuckDB queries that feed them.

A definition says what to draw (metric, entities, period, kind); it never says how. Loading checks
every field and names the file in any error, so an analyst can add a chart without reading code.
"""

from __future__ import annotations

import calendar
import re
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from metrics.errors import NoDataError, ReportError, StoreError

KINDS = ("timeline", "spans", "comparison")
"""timeline: a value per period (actual solid, forecast hollow, undated as a band); spans: counts
over periods drawn as bars along time; comparison: one figure per metric, side by side."""

OUTPUT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
_PERIOD_END = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FIELDS = {"title", "metric", "entities", "period", "kind", "output", "unit", "grain", "match", "measure"}
_OPEN_START = date(1, 1, 1)
_OPEN_END = date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class ReportDefinition:
    """One chart, as its TOML file describes it."""

    path: str
    title: str
    """What is charted ("US–Russia trade"); the chart's title adds the finding from the data."""
    metrics: tuple[str, ...]
    entities: tuple[str, ...]
    period_start: date | None
    period_end: date | None
    kind: str
    output: str
    unit: str | None = None
    grain: str = "year"
    match: str = "exact"
    measure: str | None = None

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
    qualifier, period_text, quote, sources, first_published, last_published."""
    sources: pd.DataFrame
    """One row per publication: publication, articles, first_published, last_published."""
    documents: pd.DataFrame
    """One row per article behind the figures: doc_id, publication, title, published."""


def _fail(path: str, message: str) -> ReportError:
    return ReportError(message, path=path)


def parse_period(text: str, path: str) -> tuple[date | None, date | None]:
    """'2014..2019', '2014-06..2019-03-31', '..2019' or '2014..' as a pair of bounding dates."""
    parts = text.split("..")
    if len(parts) != 2 or not any(part.strip() for part in parts):
        raise _fail(path, f"period {text!r} is not FROM..TO (e.g. '2014..2019' or '2014-06-01..')")
    bounds: list[date | None] = []
    for index, part in enumerate(part.strip() for part in parts):
        if not part:
            bounds.append(None)
            continue
        found = _PERIOD_END.fullmatch(part)
        if not found:
            raise _fail(path, f"period bound {part!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = int(found[1]), found[2], found[3]
        try:
            if day:
                bounds.append(date(year, int(month), int(day)))
            elif month:
                last = calendar.monthrange(year, int(month))[1]
                bounds.append(date(year, int(month), 1 if index == 0 else last))
            else:
                bounds.append(date(year, 1, 1) if index == 0 else date(year, 12, 31))
        except ValueError:
            raise _fail(path, f"period bound {part!r} is not a real date") from None
    start, end = bounds
    if start and end and start > end:
        raise _fail(path, f"period {text!r} ends before it starts")
    return start, end


def _text(raw: dict[str, Any], key: str, path: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise _fail(path, f"missing '{key}'")
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, f"'{key}' must be a non-empty string")
    return value.strip()


def _names(raw: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        raise _fail(path, f"missing '{key}'")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"'{key}' must be a name or a list of names")
    return tuple(v.strip() for v in value)


def definition_from_toml(raw: dict[str, Any], path: str) -> ReportDefinition:
    """Check every field of a parsed definition; unknown keys are errors (they are usually typos)."""
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise _fail(path, f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}")
    kind = _text(raw, "kind", path)
    if kind not in KINDS:
        raise _fail(path, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    output = _text(raw, "output", path) or ""
    if not OUTPUT_NAME.fullmatch(output):
        raise _fail(path, f"output {output!r} must be a plain file name: letters, digits, '-' and '_'")
    entities = _names(raw, "entities", path)
    if len(entities) > 2:
        raise _fail(path, "'entities' names the subject and at most one counterpart")
    grain = _text(raw, "grain", path, required=False) or "year"
    if grain not in ("day", "month", "quarter", "year"):
        raise _fail(path, f"grain {grain!r} must be day, month, quarter or year")
    match = _text(raw, "match", path, required=False) or "exact"
    if match not in ("exact", "contains"):
        raise _fail(path, f"match {match!r} must be 'exact' or 'contains'")
    period = _text(raw, "period", path, required=False)
    start, end = parse_period(period, path) if period else (None, None)
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
        grain=grain,
        match=match,
        measure=_text(raw, "measure", path, required=False),
    )


def load_definition(path: Path) -> ReportDefinition:
    """Read and check one definition file; any mistake is a ReportError naming the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise _fail(str(path), f"not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(str(path), f"cannot read the definition ({error})") from None
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
    for path in definition_paths(folder):
        try:
            if load_definition(path).output == name:
                return path
        except ReportError:
            continue
    known = ", ".join(p.stem for p in definition_paths(folder)) or "none"
    raise ReportError(f"no report named {name!r} in {folder} (known: {known})")


def connect_read_only(db_path: Path) -> duckdb.DuckDBPyConnection:
    """The one place reports open the store: read-only, through the store's connect helper."""
    from metrics.store.database import DEFAULT_WAIT_SECONDS, connect

    def say_waiting(message: str) -> None:  # an ingest between two batches: say so, then wait a little
        print(f"metrics: {message}", file=sys.stderr, flush=True)

    return connect(db_path, read_only=True, create=False, wait=DEFAULT_WAIT_SECONDS, on_wait=say_waiting)


_MATCHED = """
WITH matched AS (
    SELECT c.claim_id, c.doc_id, c.metric, c.value, c.low, c.high, c.unit, c.qualifier, c.status,
           c.grain, c.period_start, c.period_end, c.period_text, c.quote,
           coalesce(c.published, d.published) AS published,
           coalesce(nullif(split_part(coalesce(d.source, ''), ': ', 1), ''), c.doc_id) AS publication,
           d.title AS doc_title
    FROM claims AS c LEFT JOIN documents AS d ON d.id = c.doc_id
    WHERE CASE WHEN $contains
               THEN len(list_filter($metrics, lambda m: contains(lower(c.metric), lower(m)))) > 0
               ELSE list_contains(list_transform($metrics, lambda m: lower(m)), lower(c.metric)) END
      AND list_sort(list_filter([c.subject, c.counterpart], lambda x: x IS NOT NULL))
          = list_sort($entities)
      AND coalesce(c.period_end, c.published) >= $start
      AND coalesce(c.period_start, c.period_end, c.published) <= $end
      AND ($unit IS NULL OR c.unit = $unit)
      AND {kind_filter}
)
"""

_KIND_FILTERS = {
    "timeline": "c.grain IN ($grain, 'undated')",
    "spans": "c.grain = 'span' AND c.period_start IS NOT NULL",
    "comparison": "TRUE",
}

_LATEST = "ORDER BY published DESC NULLS LAST, claim_id"
_FIGURE_COLUMNS = f"""
    first(value {_LATEST}) AS value,
    first(qualifier {_LATEST}) AS qualifier,
    min(coalesce(low, value)) AS low,
    max(coalesce(high, value)) AS high,
    first(period_text {_LATEST}) AS period_text,
    first(quote {_LATEST}) AS quote,
    count(DISTINCT doc_id) AS sources,
    min(published) AS first_published,
    max(published) AS last_published
"""

_FIGURES = {
    # Same period and status from several articles: the latest publication's figure, the spread beside it.
    # A forecast for a period that has a reported figure is dropped: the actual figure supersedes it.
    "timeline": f"""SELECT any_value(metric) AS metric, status, grain, period_start, period_end,
        {_FIGURE_COLUMNS}
        FROM matched GROUP BY status, grain, period_start, period_end
        QUALIFY status <> 'forecast' OR grain = 'undated'
            OR count(*) FILTER (WHERE status = 'actual')
               OVER (PARTITION BY grain, period_start, period_end) = 0
        ORDER BY coalesce(period_start, period_end), period_end, status""",
    "spans": f"""SELECT any_value(metric) AS metric, status, 'span' AS grain, period_start, period_end,
        {_FIGURE_COLUMNS}
        FROM matched GROUP BY status, period_start, period_end
        ORDER BY period_start, period_end DESC, status""",
    # One figure per metric: the one for the latest period, as the latest article gives it.
    "comparison": f"""SELECT metric, status, grain, period_start, period_end, {_FIGURE_COLUMNS}
        FROM (SELECT *, max(period_end) OVER (PARTITION BY lower(metric)) AS newest FROM matched
              QUALIFY period_end IS NOT DISTINCT FROM newest AND status = 'actual')
        GROUP BY metric, status, grain, period_start, period_end
        ORDER BY value DESC, metric""",
}

_SOURCES = """SELECT publication, count(DISTINCT doc_id) AS articles,
        min(published) AS first_published, max(published) AS last_published
    FROM matched GROUP BY publication ORDER BY articles DESC, publication"""

_DOCUMENTS = """SELECT DISTINCT doc_id, publication, doc_title AS title, published
    FROM matched ORDER BY published NULLS LAST, doc_id LIMIT 50"""

_UNITS = "SELECT unit, count(*) AS claims FROM matched GROUP BY unit ORDER BY claims DESC, unit"

_KNOWN_METRICS = "SELECT metric FROM claims GROUP BY metric ORDER BY count(*) DESC, metric LIMIT 12"


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any], path: str) -> pd.DataFrame:
    try:
        return con.execute(sql, params).df()
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0]
        raise StoreError(f"the store could not answer the report query: {first_line}", path=path) from None


def _params(definition: ReportDefinition, unit: str | None) -> dict[str, Any]:
    return {
        "contains": definition.match == "contains",
        "metrics": list(definition.metrics),
        "entities": list(definition.entities),
        "start": definition.period_start or _OPEN_START,
        "end": definition.period_end or _OPEN_END,
        "unit": unit,
        **({"grain": definition.grain} if definition.kind == "timeline" else {}),
    }


def _describe(definition: ReportDefinition) -> str:
    start = definition.period_start.isoformat() if definition.period_start else "any time"
    end = definition.period_end.isoformat() if definition.period_end else "now"
    grain = definition.grain if definition.kind == "timeline" else "any"
    return (
        f"{' / '.join(definition.metrics)} for {', '.join(definition.entities)} "
        f"from {start} to {end} ({definition.kind}, {grain} grain)"
    )


def query_report(con: duckdb.DuckDBPyConnection, definition: ReportDefinition) -> ReportData:
    """The reconciled figures for one definition; NoDataError when the store holds none."""
    path = definition.path
    known = _run(con, _KNOWN_METRICS, {}, path)["metric"].tolist()
    if not known:
        raise NoDataError("the store holds no claims at all; ingest some documents first", path=path)
    matched = _MATCHED.format(kind_filter=_KIND_FILTERS[definition.kind])
    units = _run(con, matched + _UNITS, _params(definition, definition.unit), path)
    if units.empty:
        metric_exists = _run(
            con,
            "SELECT count(*) AS n FROM claims WHERE CASE WHEN $contains "
            "THEN len(list_filter($metrics, lambda m: contains(lower(metric), lower(m)))) > 0 "
            "ELSE list_contains(list_transform($metrics, lambda m: lower(m)), lower(metric)) END",
            {"contains": definition.match == "contains", "metrics": list(definition.metrics)},
            path,
        )["n"].iloc[0]
        if not metric_exists:
            raise ReportError(
                f"unknown metric {' / '.join(definition.metrics)!r}: the store has none "
                f"(its most frequent: {', '.join(known)})",
                path=path,
            )
        raise NoDataError(f"no data to draw: the store has no claims for {_describe(definition)}", path=path)
    if len(units) > 1:
        listed = ", ".join(f"{u} ({n})" for u, n in zip(units["unit"], units["claims"], strict=True))
        raise ReportError(f'figures in several units ({listed}); add unit = "..." to pick one', path=path)
    unit = str(units["unit"].iloc[0])
    params = _params(definition, unit)
    rows = _run(con, matched + _FIGURES[definition.kind], params, path)
    if rows.empty:
        raise NoDataError(f"no data to draw: the store has no claims for {_describe(definition)}", path=path)
    for column in ("period_start", "period_end", "first_published", "last_published"):
        rows[column] = [_as_date(v) for v in rows[column]]
    sources = _run(con, matched + _SOURCES, params, path)
    documents = _run(con, matched + _DOCUMENTS, params, path)
    for frame, columns in ((sources, ("first_published", "last_published")), (documents, ("published",))):
        for column in columns:
            frame[column] = [_as_date(v) for v in frame[column]]
    return ReportData(definition=definition, unit=unit, rows=rows, sources=sources, documents=documents)


def _as_date(value: Any) -> date | None:
    """DuckDB DATE columns arrive as pandas Timestamps (or NaT); charts want plain dates or None."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()
