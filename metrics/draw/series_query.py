"""The DuckDB queries behind a report: which claims may share a chart, and how they become figures.

The pooling rules are what keep a chart from overstating: claims are pooled only when they have the
same metric, item (when the store records one), entities in role (subject, counterpart; either order
for a symmetric metric such as trade), unit and grain; a change ("rose 5%") is never a level; an
undated figure is drawn only when the window it could belong to lies inside the chart's range; a
rejected claim is never drawn and a corrected one is drawn with its corrected value. Every user
value is a bound parameter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd

from metrics.draw.definitions import ReportData, ReportDefinition
from metrics.errors import NoDataError, ReportError, StoreError
from metrics.store.names import did_you_mean, stored_entities, stored_metrics
from metrics.store.reviews import review_join_sql

_OPEN_START = date(1, 1, 1)
_OPEN_END = date(9999, 12, 31)

_METRIC_MATCH = """CASE WHEN $contains
    THEN len(list_filter($metrics, lambda m: contains(lower(c.metric), lower(m)))) > 0
    ELSE list_contains(list_transform($metrics, lambda m: lower(m)), lower(c.metric)) END"""

_FIXED = "(r.verdict = 'correct' AND r.corrected_value IS NOT NULL)"
"""An analyst's corrected value replaces the extracted one (and its range: the analyst gave one figure)."""

_MATCHED = f"""
WITH base AS (
    SELECT c.claim_id, c.doc_id, c.metric, {{item}} AS item,
           CASE WHEN {_FIXED} THEN r.corrected_value ELSE c.value END AS value,
           CASE WHEN {_FIXED} THEN r.corrected_value ELSE c.low END AS low,
           CASE WHEN {_FIXED} THEN r.corrected_value ELSE c.high END AS high,
           CASE WHEN {_FIXED} THEN coalesce(r.corrected_unit, c.unit) ELSE c.unit END AS unit,
           CASE WHEN {_FIXED} THEN 'exact' ELSE c.qualifier END AS qualifier,
           c.status, c.grain, c.period_start, c.period_end, c.period_text, c.quote, r.verdict,
           coalesce(c.published, d.published) AS published,
           coalesce(nullif(split_part(coalesce(d.source, ''), ': ', 1), ''), c.doc_id) AS publication,
           d.title AS doc_title
    FROM claims AS c LEFT JOIN documents AS d ON d.id = c.doc_id
    LEFT JOIN vocabulary AS v ON v.metric = c.metric
    {review_join_sql()}
    WHERE {_METRIC_MATCH}
      AND c.change IS NULL
      AND CASE WHEN $subject IS NULL THEN c.subject IS NULL AND c.counterpart IS NULL
               ELSE (lower(c.subject) = lower($subject)
                     AND lower(c.counterpart) IS NOT DISTINCT FROM lower($counterpart))
                    OR (coalesce(v.symmetric_parties, FALSE) AND lower(c.subject) = lower($counterpart)
                        AND lower(c.counterpart) = lower($subject)) END
      AND ($with_rejected OR coalesce(r.verdict, '') <> 'reject')
      AND (NOT $reviewed_only OR r.verdict IS NOT NULL)
      AND coalesce(c.period_end, c.published) >= $start
      AND coalesce(c.period_start, c.period_end, c.published) <= $end
      AND (c.grain <> 'undated' OR (c.period_start >= $start AND c.period_end <= $end))
      AND {{kind_filter}}
), matched AS (
    SELECT * FROM base WHERE ($unit IS NULL OR unit = $unit) AND ($item IS NULL OR item = $item)
)
"""

_KIND_FILTERS = {
    "timeline": "c.grain IN ($grain, 'undated')",
    "spans": "c.grain = 'span' AND c.period_start IS NOT NULL",
    "comparison": "TRUE",
}

_LATEST = "ORDER BY published DESC NULLS LAST, claim_id"
_TOLERANCE = "(SELECT CAST(value AS DOUBLE) FROM meta WHERE key = 'conflict_tolerance')"
_FIGURE_COLUMNS = f"""
    first(value {_LATEST}) AS value,
    first(qualifier {_LATEST}) AS qualifier,
    min(coalesce(low, value)) AS low,
    max(coalesce(high, value)) AS high,
    first(period_text {_LATEST}) AS period_text,
    first(quote {_LATEST}) AS quote,
    count(DISTINCT doc_id) AS sources,
    min(published) AS first_published,
    max(published) AS last_published,
    coalesce(max(value) - min(value) > coalesce({_TOLERANCE}, 0.05) * max(abs(value)), FALSE) AS conflict,
    CASE WHEN count(verdict) = 0 THEN 'unreviewed'
         WHEN count(verdict) < count(*) THEN 'partly reviewed'
         WHEN bool_or(verdict = 'correct') THEN 'corrected' ELSE 'reviewed' END AS review,
    count(verdict) AS reviewed_claims,
    list(claim_id ORDER BY claim_id) AS claim_ids,
    coalesce(max(published) < max(period_end), FALSE) AS early
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

_SPLITS = {
    "unit": ("unit", 'add unit = "..." to pick one'),
    "item": ("item", 'add item = "..." to pick one'),
    "metric": ("lower(metric)", "name one metric: a series pools only figures of the same metric"),
}

_KNOWN_METRICS = "SELECT metric FROM claims GROUP BY metric ORDER BY count(*) DESC, metric LIMIT 12"


def _unknown_names(con: duckdb.DuckDBPyConnection, definition: ReportDefinition, known: list[str]) -> None:
    """A metric the store never names, or an entity close to one it does, is a typo until shown
    otherwise: say which, and what is close, instead of an empty chart's 'no data'."""
    path = definition.path
    if definition.match != "contains":
        metrics = stored_metrics(con)
        lowered = {m.lower() for m in metrics}
        for metric in definition.metrics:
            if metric.lower() not in lowered:
                hint = did_you_mean(metric, metrics) or f" (its most frequent: {', '.join(known)})"
                raise ReportError(
                    f"field 'metric': unknown metric {metric!r}: the store has none{hint}", path=path
                )
    entities = stored_entities(con)
    lowered = {e.lower() for e in entities}
    for entity in definition.entities:
        hint = "" if entity.lower() in lowered else did_you_mean(entity, entities)
        if hint:  # a name close to one the store holds; a name far from all is just not in this store
            raise ReportError(f"field 'entities': unknown entity {entity!r}{hint}", path=path)


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any], path: str) -> pd.DataFrame:
    try:
        return con.execute(sql, params).df()
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0]
        raise StoreError(f"the store could not answer the report query: {first_line}", path=path) from None


def _has_item_column(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store records what a figure is of (the vocabulary's `item` column)."""
    rows = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'claims' AND column_name = 'item'"
    ).fetchall()
    return bool(rows and rows[0][0])


def _params(definition: ReportDefinition, unit: str | None, item: str | None) -> dict[str, Any]:
    entities = list(definition.entities)
    return {
        "contains": definition.match == "contains",
        "metrics": list(definition.metrics),
        "subject": entities[0] if entities else None,
        "counterpart": entities[1] if len(entities) > 1 else None,
        "start": definition.period_start or _OPEN_START,
        "end": definition.period_end or _OPEN_END,
        "unit": unit,
        "item": item,
        "reviewed_only": definition.reviewed_only,
        "with_rejected": False,
        **({"grain": definition.grain} if definition.kind == "timeline" else {}),
    }


def _describe(definition: ReportDefinition) -> str:
    start = definition.period_start.isoformat() if definition.period_start else "any time"
    end = definition.period_end.isoformat() if definition.period_end else "now"
    grain = definition.grain if definition.kind == "timeline" else "any"
    who = " / ".join(definition.entities) if definition.entities else "no named entity"
    reviewed = ", reviewed claims only" if definition.reviewed_only else ""
    return (
        f"{' / '.join(definition.metrics)} for {who} "
        f"from {start} to {end} ({definition.kind}, {grain} grain{reviewed})"
    )


def matched_sql(con: duckdb.DuckDBPyConnection, definition: ReportDefinition) -> str:
    """The `matched` CTE for a definition: the claims it may draw, with reviews applied."""
    item = "c.item" if _has_item_column(con) else "NULL"
    return _MATCHED.format(item=item, kind_filter=_KIND_FILTERS[definition.kind])


def _single(
    con: duckdb.DuckDBPyConnection, matched: str, definition: ReportDefinition, params: dict[str, Any]
) -> None:
    """Refuse to pool figures of several units, items or (on a time chart) metrics: ask to pick one."""
    for split, (expression, advice) in _SPLITS.items():
        if split == "metric" and definition.kind == "comparison":
            continue
        groups = _run(
            con,
            matched + f"SELECT {expression} AS v, count(*) AS n FROM matched GROUP BY v ORDER BY n DESC, v",
            params,
            definition.path,
        )
        if len(groups) > 1:
            listed = ", ".join(
                f"{'none' if pd.isna(v) else v} ({n})" for v, n in zip(groups["v"], groups["n"], strict=True)
            )
            raise ReportError(f"figures in several {split}s ({listed}); {advice}", path=definition.path)


def query_report(con: duckdb.DuckDBPyConnection, definition: ReportDefinition) -> ReportData:
    """The reconciled figures for one definition; NoDataError when the store holds none."""
    path = definition.path
    known = _run(con, _KNOWN_METRICS, {}, path)["metric"].tolist()
    if not known:
        raise NoDataError("the store holds no claims at all; ingest some documents first", path=path)
    matched = matched_sql(con, definition)
    params = _params(definition, definition.unit, definition.item)
    count = _run(con, matched + "SELECT count(*) AS n FROM matched", params, path)["n"].iloc[0]
    if not count:
        metric_exists = _run(
            con,
            f"SELECT count(*) AS n FROM claims AS c WHERE {_METRIC_MATCH}",
            {"contains": definition.match == "contains", "metrics": list(definition.metrics)},
            path,
        )["n"].iloc[0]
        _unknown_names(con, definition, known)
        if not metric_exists:
            raise ReportError(
                f"field 'metric': unknown metric {' / '.join(definition.metrics)!r}: the store has none "
                f"(its most frequent: {', '.join(known)})",
                path=path,
            )
        raise NoDataError(f"no data to draw: the store has no claims for {_describe(definition)}", path=path)
    _single(con, matched, definition, params)
    unit = str(_run(con, matched + "SELECT any_value(unit) AS u FROM matched", params, path)["u"].iloc[0])
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


def report_claim_ids(con: duckdb.DuckDBPyConnection, definition: ReportDefinition) -> list[str]:
    """Every claim a definition could draw, rejected ones included (so a review can revisit them)."""
    params = _params(definition, definition.unit, definition.item) | {
        "reviewed_only": False,
        "with_rejected": True,
    }
    matched = matched_sql(con, definition)
    frame = _run(
        con, matched + "SELECT DISTINCT claim_id FROM matched ORDER BY claim_id", params, definition.path
    )
    return [str(v) for v in frame["claim_id"]]


def _as_date(value: Any) -> date | None:
    """DuckDB DATE columns arrive as pandas Timestamps (or NaT); charts want plain dates or None."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()
