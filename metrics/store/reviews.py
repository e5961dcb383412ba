"""The analysts' verdicts on claims (accept, reject, correct), kept apart from the claims themselves.

Claims are replaced whenever a document is re-extracted, and their ids follow the extractor's metric,
so a verdict is keyed by what stays put: the claim's document, its offsets and its surface, plus a
hash of the document text around the figure and the value and unit the analyst saw. A verdict
applies to a claim only while all of these still agree; when the text or the figure changed it is
reported as detached (`detached_reviews`), never silently attached to a different claim.

This module imports nothing from the rest of the store, so schema.py can take its DDL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

VERDICTS = ("accept", "reject", "correct")
CONTEXT_CHARS = 60
"""Characters of document text on each side of the figure that must be unchanged for a verdict to hold."""

REVIEWS = f"""
CREATE TABLE IF NOT EXISTS reviews (
    doc_id VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface VARCHAR NOT NULL,
    context_hash VARCHAR NOT NULL,
    claim_id VARCHAR,
    metric VARCHAR,
    value DOUBLE,
    unit VARCHAR,
    verdict VARCHAR NOT NULL CHECK (verdict IN ({", ".join(f"'{v}'" for v in VERDICTS)})),
    corrected_value DOUBLE,
    corrected_unit VARCHAR,
    note VARCHAR,
    PRIMARY KEY (doc_id, start, "end", surface)
);
"""


def context_hash_sql(claim: str = "c", document: str = "d") -> str:
    """SQL for the hash of the document text around a claim's figure (aliases of claims and documents)."""
    begin = f"greatest({claim}.start - {CONTEXT_CHARS}, 0)"
    finish = f'least({claim}."end" + {CONTEXT_CHARS}, length({document}.text))'
    return f"md5(substring({document}.text, {begin} + 1, {finish} - {begin}))"


def review_join_sql(claim: str = "c", document: str = "d", review: str = "r") -> str:
    """A LEFT JOIN of the reviews that still hold for each claim (same place, text, value and unit)."""
    return f"""LEFT JOIN reviews AS {review}
        ON {review}.doc_id = {claim}.doc_id AND {review}.start = {claim}.start
       AND {review}."end" = {claim}."end" AND {review}.surface = {claim}.surface
       AND {review}.value IS NOT DISTINCT FROM {claim}.value
       AND {review}.unit IS NOT DISTINCT FROM {claim}.unit
       AND {review}.context_hash = {context_hash_sql(claim, document)}"""


_FIXED = "(r.verdict = 'correct' AND r.corrected_value IS NOT NULL)"

REVIEWED_CLAIMS = f"""
CREATE OR REPLACE VIEW reviewed_claims AS
SELECT c.* REPLACE (
        CASE WHEN {_FIXED} THEN r.corrected_value ELSE c.value END AS value,
        CASE WHEN {_FIXED} THEN NULL ELSE c.low END AS low,
        CASE WHEN {_FIXED} THEN NULL ELSE c.high END AS high,
        CASE WHEN {_FIXED} THEN coalesce(r.corrected_unit, c.unit) ELSE c.unit END AS unit,
        CASE WHEN {_FIXED} THEN 'exact' ELSE c.qualifier END AS qualifier),
       r.verdict
FROM claims AS c JOIN documents AS d ON d.id = c.doc_id
{review_join_sql()}
WHERE coalesce(r.verdict, '') <> 'reject';
"""
"""The claims as the analysts left them: rejected ones gone, corrected ones with the corrected value.
The store's series and conflicts views read this, so `metrics series` agrees with the charts."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """One analyst's decision on one claim, as read from a review file."""

    line: int
    claim_id: str
    doc_id: str
    start: int
    end: int
    surface: str
    value: float
    verdict: str
    corrected_value: float | None = None
    corrected_unit: str | None = None
    note: str | None = None
    quote: str | None = None
    """The sentence the analyst read; when the claim's quote now differs, the verdict is refused."""


_CLAIM_AT = f"""
SELECT c.claim_id, c.value, c.unit, c.metric, {context_hash_sql()} AS context_hash, c.quote
FROM claims AS c JOIN documents AS d ON d.id = c.doc_id
WHERE c.doc_id = $doc_id AND c.start = $start AND c."end" = $end AND c.surface = $surface
ORDER BY c.claim_id
"""


def record_verdicts(con: duckdb.DuckDBPyConnection, verdicts: list[Verdict]) -> list[tuple[int, str]]:
    """Store each verdict whose claim is still in the store as it was exported; a later verdict on the
    same claim replaces the earlier one. Returns (line, reason) for each verdict not recorded."""
    refused: list[tuple[int, str]] = []
    con.execute("BEGIN")
    try:
        for item in verdicts:
            found = con.execute(
                _CLAIM_AT,
                {"doc_id": item.doc_id, "start": item.start, "end": item.end, "surface": item.surface},
            ).fetchall()
            if not found:
                where = f"claim {item.claim_id} ({item.surface!r} in {item.doc_id})"
                refused.append(
                    (item.line, f"{where} is no longer in the store: its text changed or re-extraction "
                     "dropped it; verdict not attached")
                )  # fmt: skip
                continue
            claim_id, value, unit, metric, context, quote = found[0]
            if item.quote is not None and quote is not None and item.quote.strip() != quote.strip():
                refused.append(
                    (item.line, f"claim {item.claim_id} ({item.surface!r} in {item.doc_id}): its sentence "
                     "changed since the export; export it again and review the new text")
                )  # fmt: skip
                continue
            if value != item.value:
                refused.append(
                    (item.line, f"claim {item.claim_id} now reads {value:g}, not {item.value:g} as exported; "
                     "export it again and review the new figure")
                )  # fmt: skip
                continue
            con.execute(
                "INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    *(
                        item.doc_id,
                        item.start,
                        item.end,
                        item.surface,
                        context,
                        claim_id,
                        metric,
                        value,
                        unit,
                    ),
                    *(item.verdict, item.corrected_value, item.corrected_unit, item.note),
                ],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return refused


_EXPORT = f"""
SELECT c.claim_id, c.doc_id, c.start, c."end", c.surface, c.quote, c.value, c.unit, c.status, c.grain,
       c.period_start, c.period_end, c.period_text, c.metric, c.subject, c.counterpart,
       r.verdict, r.corrected_value, r.corrected_unit, r.note
FROM claims AS c JOIN documents AS d ON d.id = c.doc_id
{review_join_sql()}
WHERE ($claim_ids IS NULL OR list_contains($claim_ids, c.claim_id))
  AND ($metric IS NULL OR lower(c.metric) = lower($metric))
  AND ($entity IS NULL OR list_contains([lower(c.subject), lower(c.counterpart)], lower($entity)))
ORDER BY c.metric, coalesce(c.period_start, c.period_end), c.doc_id, c.start, c.claim_id
"""


def claims_to_review(
    con: duckdb.DuckDBPyConnection,
    *,
    claim_ids: list[str] | None = None,
    metric: str | None = None,
    entity: str | None = None,
) -> list[dict[str, Any]]:
    """The claims an analyst is asked to check, with any verdict that still holds for each."""
    cursor = con.execute(_EXPORT, {"claim_ids": claim_ids, "metric": metric, "entity": entity})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_DETACHED = f"""
SELECT r.claim_id, r.doc_id, r.start, r."end", r.surface, r.value, r.verdict
FROM reviews AS r
WHERE NOT EXISTS (
    SELECT 1 FROM claims AS c JOIN documents AS d ON d.id = c.doc_id
    WHERE r.doc_id = c.doc_id AND r.start = c.start AND r."end" = c."end" AND r.surface = c.surface
      AND r.value IS NOT DISTINCT FROM c.value AND r.unit IS NOT DISTINCT FROM c.unit
      AND r.context_hash = {context_hash_sql()})
ORDER BY r.doc_id, r.start
"""


def detached_reviews(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Verdicts whose claim is gone or changed (new text, new figure): kept, reported, never applied."""
    cursor = con.execute(_DETACHED)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def verdict_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many verdicts of each kind the store holds (attached or not)."""
    rows = con.execute("SELECT verdict, count(*) FROM reviews GROUP BY verdict").fetchall()
    return {verdict: 0 for verdict in VERDICTS} | {str(v): int(n) for v, n in rows}
