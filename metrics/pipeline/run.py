"""The ingest command's choice of engine: this machine's processes (engines.py) or a Dask cluster
(dask_engine.py, imported only when asked: Dask is an optional extra). Every engine runs under the
one driver, `ingest`; an engine only says how extraction runs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from metrics.errors import UsageError
from metrics.pipeline.engines import process_pool
from metrics.pipeline.ingest import Extraction, ingest
from metrics.pipeline.options import IngestOptions, IngestSummary

ENGINES = ("local", "dask")


def engine_named(engine: str, options: IngestOptions) -> Extraction:
    """The extraction of `engine`; a usage error for an unknown one or options it cannot take."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose {', '.join(ENGINES)})")
    if options.scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        from metrics.pipeline.dask_engine import on_dask  # Dask is an optional extra, imported when asked

        return on_dask
    return process_pool


def run_ingest(
    paths: Iterable[str], db_path: str | Path, options: IngestOptions | None = None, *, engine: str = "local"
) -> IngestSummary:
    """Ingest `paths` into the store with `engine` (under Dask, `options.batch_size` is the shard size)."""
    options = options or IngestOptions()
    return ingest(paths, db_path, options, engine_named(engine, options))
