"""What an ingest is asked to do (`IngestOptions`) and what it reports (`IngestSummary`): one object
each, so the CLI, the driver and every engine pass one value instead of a dozen keyword arguments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from metrics.errors import InputError
from metrics.link.extract import EXTRACTOR_VERSION, claims_from_document
from metrics.records import Claim, Document

DEFAULT_BATCH_SIZE = 2000
"""Documents per transaction. Each batch opens and closes the file (a checkpoint), so larger batches
ingest faster; an interruption loses at most one batch, which a re-run redoes."""
Extractor = Callable[[Document], list[Claim]]
ErrorHandler = Callable[[InputError], None]


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to ingest. `published` overrides every document's date; `on_error` hears each rejected
    input; `on_wait` hears (once) that the store is locked and we wait up to `wait` seconds;
    `batch_size` is documents per transaction (the shard size under Dask); `jobs` is extraction
    processes (None: the engine's default, 0: every core); `scheduler` a Dask scheduler's address."""

    published: date | None = None
    on_error: ErrorHandler | None = None
    progress: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    wait: float = 0.0
    on_wait: Callable[[str], None] | None = None
    extractor: Extractor = claims_from_document
    extractor_version: str = EXTRACTOR_VERSION
    jobs: int | None = None
    scheduler: str | None = None


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest (or re-extraction) did; `rejected` counts inputs reported to on_error."""

    documents_read: int = 0
    documents_added: int = 0
    documents_unchanged: int = 0
    documents_replaced: int = 0
    claims_written: int = 0
    rejected: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """The one-line summary the CLI prints at the end of a run."""
        return (
            f"{self.documents_read} documents read: {self.documents_added} added, "
            f"{self.documents_replaced} replaced, {self.documents_unchanged} unchanged, "
            f"{self.rejected} rejected; {self.claims_written} claims written in {self.seconds:.1f} s"
        )


class RejectCounter:
    """An error handler that counts the inputs it hears about and passes each on to the caller's."""

    def __init__(self, on_error: ErrorHandler | None) -> None:
        self.count = 0
        self.on_error = on_error

    def __call__(self, error: InputError) -> None:
        self.count += 1
        if self.on_error is not None:
            self.on_error(error)
