"""The one DuckDB connect helper and a small query API that returns pandas DataFrames.

Every connection to a store goes through `connect`: it keeps the file readable by the 1.5 DuckDB
shell, creates or checks the schema, and turns DuckDB's lock and I/O errors into StoreError lines.
Connections are short-lived (open, work, close) so an analyst's shell is never locked out for long.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from metrics import lazy_re
from metrics.errors import StoreError, StoreLockedError, UsageError
from metrics.store.names import did_you_mean, stored_entities, stored_metrics
from metrics.store.schema import ensure_schema, fetch_one

STORAGE_COMPATIBILITY = "v1.5.0"
"""Files written with this setting open in the duckdb-cli 1.5 shell that `make install` provides."""

DUCKDB_MAGIC = b"DUCK"
"""Bytes 8-11 of every DuckDB database file."""
LOCK_POLL_SECONDS = 0.2
DEFAULT_WAIT_SECONDS = 5.0
EXPORT_FORMATS = ("parquet", "csv")
EXPORTED = ("documents", "claims", "series", "conflicts")

_LOCK_HOLDER = lazy_re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _lock_message(where: str, error: duckdb.Error) -> str | None:
    """A plain description of who holds the file, or None when the error is not a lock conflict."""
    text = str(error)
    if "Could not set lock" not in text and "Conflicting lock" not in text:
        return None
    holder = _LOCK_HOLDER.search(text)
    who = "another process"
    if holder:
        who = f"another process ({Path(holder['program']).name}, PID {holder['pid']})"
    return f"{where} is in use by {who}"


def _open(where: str, read_only: bool, wait: float, on_wait: Callable[[str], None] | None) -> Any:
    deadline = time.monotonic() + max(wait, 0.0)
    announced = False
    while True:
        try:
            return duckdb.connect(
                where, read_only=read_only, config={"storage_compatibility_version": STORAGE_COMPATIBILITY}
            )
        except duckdb.Error as error:
            locked = _lock_message(where, error)
            if locked is None:
                raise StoreError(f"cannot open {where}: {_first_line(error)}") from None
            if time.monotonic() >= deadline:
                raise StoreLockedError(
                    f"{locked}: close it (in the DuckDB shell, type .quit) or let it finish, then retry "
                    f"(this run waited {wait:g} s; ingest, series and export take --wait SECONDS)"
                ) from None
            if on_wait is not None and not announced:
                on_wait(f"{locked}; waiting up to {wait:g} s for it to close")
                announced = True
            time.sleep(LOCK_POLL_SECONDS)


def _refuse_non_duckdb(target: Path, where: str) -> None:
    """Refuse a folder or a file without DuckDB's header magic before DuckDB sees it: DuckDB 2 would
    otherwise open some files (a .jsonl, say) as a foreign database by their extension."""
    if target.is_dir():
        raise StoreError(f"{where} is a folder; --db wants a file such as build/metrics.duckdb")
    try:
        with target.open("rb") as stream:
            header = stream.read(12)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"cannot read {where}: {error.strerror or error}") from None
    if header and header[8:12] != DUCKDB_MAGIC:
        raise StoreError(f"{where} is not a DuckDB database file; choose another --db file")


def connect(
    path: str | Path,
    read_only: bool = False,
    *,
    create: bool = True,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open a store: 1.5-shell compatible, schema created or checked, lock conflicts as StoreLockedError.

    A missing file is created (with its folders) unless `read_only` or `create=False`. `wait` is how
    many seconds to keep retrying while another process holds the file; `on_wait` hears once that
    we are waiting (the CLI prints it). Close the connection as soon as you are done.
    """
    where = str(path)
    target = Path(path)
    if (read_only or not create) and not target.exists():
        raise StoreError(f"{where}: no such store; create it with `metrics ingest PATH... --db {where}`")
    _refuse_non_duckdb(target, where)
    if not read_only:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder for {where}: {error.strerror or error}") from None
    con = _open(where, read_only, wait, on_wait)
    try:
        ensure_schema(con, writable=not read_only, where=where)
    except duckdb.Error as error:
        con.close()
        raise StoreError(f"cannot set up {where}: {_first_line(error)}") from None
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def session(
    path: str | Path,
    read_only: bool = False,
    *,
    create: bool = True,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is closed on leaving the block; DuckDB errors inside become StoreError."""
    con = connect(path, read_only, create=create, wait=wait, on_wait=on_wait)
    try:
        yield con
    except duckdb.Error as error:
        raise StoreError(f"{path}: {_first_line(error)}") from None
    except RuntimeError as error:
        if "interrupted" in str(error).lower():  # DuckDB's form of Ctrl-C during a query
            raise KeyboardInterrupt from None
        raise
    finally:
        con.close()


@dataclass(frozen=True, slots=True)
class Store:
    """Questions about one store file, answered as DataFrames (the notebook face of the CLI)."""

    path: Path
    wait: float = 0.0

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Any SQL, read-only, with `?` (or `$name`) placeholders bound to `params`."""
        with session(self.path, read_only=True, wait=self.wait) as con:
            return con.execute(sql, params).df()

    def series(
        self,
        metric: str,
        entities: Sequence[str] | None = None,
        *,
        grain: str | None = None,
        unit: str | None = None,
        item: str | None = None,
        alone: bool = False,
    ) -> pd.DataFrame:
        """The reconciled levels of one canonical metric (`metrics vocabulary` lists them).

        `entities` are the figure's actors in role order, as a report definition gives them: the first
        is the subject (whose figure it is), the second the counterpart (partner, target). For a
        symmetric metric (trade, meetings) the two may come in either order. `alone=True` keeps only
        rows without a counterpart, so `series("trade balance", ["Japan"], alone=True)` is Japan's own
        balance, not its balance with the United States. Changes ("rose 5%") are not levels and are
        never in a series. A name the store does not know gives no rows; `unknown_names` says which."""
        names = list(entities or [])
        if len(names) > 2:
            raise UsageError(f"a series has at most two actors (subject, counterpart), not {len(names)}")
        return self.query(
            """
            SELECT * FROM series
            WHERE metric = $metric
              AND ($subject IS NULL
                   OR (lower(subject) = lower($subject)
                       AND ($counterpart IS NULL OR lower(counterpart) = lower($counterpart)))
                   OR (symmetric_parties AND lower(counterpart) = lower($subject)
                       AND ($counterpart IS NULL OR lower(subject) = lower($counterpart))))
              AND ($grain IS NULL OR grain = $grain)
              AND ($unit IS NULL OR unit = $unit)
              AND ($item IS NULL OR lower(item) = lower($item))
              AND (NOT $alone OR counterpart IS NULL)
            ORDER BY subject, counterpart, item, unit, period_end NULLS LAST, period_start NULLS FIRST, grain
            """,
            {
                "metric": metric,
                "subject": names[0] if names else None,
                "counterpart": names[1] if len(names) > 1 else None,
                "grain": grain,
                "unit": unit,
                "item": item,
                "alone": alone,
            },
        )

    def unknown_names(self, metric: str, entities: Sequence[str] = ()) -> list[str]:
        """One line per metric or entity name the store does not hold, with the closest it does."""
        with session(self.path, read_only=True, wait=self.wait) as con:
            metrics = set(stored_metrics(con))
            metrics |= {row[0] for row in con.execute("SELECT metric FROM vocabulary").fetchall()}
            names = set(stored_entities(con))
        lines = []
        for kind, name, pool in [("metric", metric, metrics), *(("entity", e, names) for e in entities)]:
            if name not in pool:
                lines.append(f"unknown {kind} {name!r}{did_you_mean(name, sorted(pool))}")
        return lines

    def claims(
        self,
        metric: str | None = None,
        entities: Sequence[str] | None = None,
        *,
        source: str | None = None,
        status: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> pd.DataFrame:
        """Claims with their document's source and title; `source` matches part of it, any case."""
        return self.query(
            """
            SELECT * FROM claims_with_source
            WHERE ($metric IS NULL OR metric = $metric)
              AND list_has_all(list_concat(entities, [subject, counterpart]), $entities::VARCHAR[])
              AND ($source IS NULL OR contains(lower(source), lower($source)))
              AND ($status IS NULL OR status = $status)
              AND ($since IS NULL OR period_end >= $since)
              AND ($until IS NULL OR coalesce(period_start, period_end) <= $until)
            ORDER BY metric, period_end NULLS LAST, published NULLS LAST, doc_id, start
            """,
            {
                "metric": metric,
                "entities": list(entities or []),
                "source": source,
                "status": status,
                "since": since,
                "until": until,
            },
        )

    def conflicts(self, metric: str | None = None) -> pd.DataFrame:
        """Figures for the same metric, entity pair and period that differ by more than the tolerance."""
        return self.query(
            "SELECT * FROM conflicts WHERE ($metric IS NULL OR metric = $metric) "
            "ORDER BY relative_spread DESC, metric, period_end",
            {"metric": metric},
        )

    def counts(self) -> dict[str, int]:
        """How many documents and claims the store holds."""
        with session(self.path, read_only=True, wait=self.wait) as con:
            row = fetch_one(con, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims)")
        documents, claims = row if row else (0, 0)
        return {"documents": int(documents), "claims": int(claims)}

    def export(self, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write the tables and the series/conflicts views as one file each into `out_dir`."""
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown export format {fmt!r} (choose {', '.join(EXPORT_FORMATS)})")
        folder = Path(out_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {folder}: {error.strerror or error}") from None
        written = []
        with session(self.path, read_only=True, wait=self.wait) as con:
            for name in EXPORTED:
                target = folder / f"{name}.{fmt}"
                relation = con.table(name)
                if fmt == "parquet":
                    relation.write_parquet(str(target))
                else:
                    relation.write_csv(str(target), header=True)
                written.append(target)
        return written


def open_store(path: str | Path, *, wait: float = 0.0) -> Store:
    """A Store for an existing file; fails now (not at the first query) when it cannot be read."""
    store = Store(Path(path), wait)
    with session(store.path, read_only=True, wait=wait):
        pass
    return store
