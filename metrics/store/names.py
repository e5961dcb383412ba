"""The metric and entity names a store holds, and the one closest to a name it does not: what
`metrics series` and a report definition say when a name is misspelt."""

from __future__ import annotations

import difflib

import duckdb

STORED_METRICS = "SELECT DISTINCT metric FROM claims"
STORED_ENTITIES = """SELECT DISTINCT name
    FROM (SELECT unnest(list_concat(entities, [subject, counterpart])) AS name FROM claims)
    WHERE name IS NOT NULL"""


def stored_metrics(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every metric some claim of the store has."""
    return [row[0] for row in con.execute(STORED_METRICS).fetchall()]


def stored_entities(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every name that is some claim's subject, counterpart or entity."""
    return [row[0] for row in con.execute(STORED_ENTITIES).fetchall()]


def closest(name: str, pool: list[str]) -> str | None:
    """The name of `pool` closest to `name`, compared without case, or None when none is close."""
    by_lower = {known.lower(): known for known in pool}
    close = difflib.get_close_matches(name.lower(), sorted(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def did_you_mean(name: str, pool: list[str]) -> str:
    """' (did you mean 'X'?)' for the closest name of `pool`, or '' when none is close."""
    close = closest(name, pool)
    return f" (did you mean {close!r}?)" if close else ""
