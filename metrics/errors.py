"""One error hierarchy for the whole library; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class MetricsError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(MetricsError):
    """A document or file could not be read: missing, binary, malformed JSONL, too large."""

    exit_code = 2


class UsageError(MetricsError):
    """The caller asked for something that cannot be done (bad option value, bad date)."""

    exit_code = 2


class StoreError(MetricsError):
    """The DuckDB store could not be opened, written or queried."""

    exit_code = 3


class StoreLockedError(StoreError):
    """Another process holds the database file for writing."""


class SchemaError(StoreError):
    """The store was written by another schema version and needs a migration."""


class ReportError(MetricsError):
    """A report definition is wrong, or its chart has no data."""

    exit_code = 4


class NoDataError(ReportError):
    """A chart's query returned no rows: nothing to draw."""


class EngineError(MetricsError):
    """A distributed engine (Dask) could not be reached or a shard's task failed."""

    exit_code = 5
