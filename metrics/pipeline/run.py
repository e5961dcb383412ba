"""The ingest command's choice of engine: this machine's processes (engines.py) or a Dask cluster
(dask_engine.py, imported only when asked: Dask is an optional extra)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from metrics.errors import UsageError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.pipeline.engines import ingest_parallel
from metrics.pipeline.ingest import DEFAULT_BATCH_SIZE, ErrorHandler, Extractor, IngestSummary

ENGINES = ("local", "dask")


def run_ingest(
    paths: Iterable[str],
    db_path: str | Path,
    *,
    engine: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    published: date | None = None,
    on_error: ErrorHandler | None = None,
    progress: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    extractor: Extractor = claims_from_document,
    extractor_version: str = EXTRACTOR_VERSION,
) -> IngestSummary:
    """The ingest command's choice of engine: this machine's cores, or Dask (`batch_size` = shard size)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        from metrics.pipeline.dask_engine import (
            ingest_dask,  # Dask is an optional extra, imported only when asked
        )

        return ingest_dask(
            paths,
            db_path,
            scheduler=scheduler,
            jobs=jobs,
            published=published,
            on_error=on_error,
            progress=progress,
            shard_size=batch_size,
            wait=wait,
            on_wait=on_wait,
            extractor=extractor,
            extractor_version=extractor_version,
        )
    return ingest_parallel(
        paths,
        db_path,
        jobs=1 if jobs is None else jobs,
        published=published,
        on_error=on_error,
        progress=progress,
        batch_size=batch_size,
        wait=wait,
        on_wait=on_wait,
        extractor=extractor,
        extractor_version=extractor_version,
    )
