"""The timed runs of `make bench`: our extractor, a bare regex pass, quantulum3 and dateparser, each over
the same articles, with wall-clock (perf_counter) and process CPU time, on one core."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from metrics.link.extract import claims_from_document
from metrics.records import Document

NUMBER_TOKENS = re.compile(
    r"\b(?:\d[\d,.]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand|million|billion|trillion|mln|bln|dozen|half)\b)",
    re.IGNORECASE,
)
"""The practical speed limit: one regex pass finding every number token (digits, number and scale words),
the least any quantity extractor must do."""
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
"""A still barer pass, digit runs only: shown for scale."""

Work = Callable[[Document], Any]


@dataclass(frozen=True)
class Timing:
    """One tool over one set of articles: how long it took and how many calls raised."""

    tool: str
    label: str
    articles: int
    words: int
    wall: float
    cpu: float
    errors: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.wall if self.wall > 0 else float("inf")

    @property
    def cpu_words_per_second(self) -> float:
        return self.words / self.cpu if self.cpu > 0 else float("inf")


@contextmanager
def one_core() -> Iterator[str]:
    """Run on a single CPU so no library can spread work across cores (restored afterwards); yields
    a note saying which, for the output."""
    if not hasattr(os, "sched_setaffinity"):
        yield "one process, one thread (CPU pinning not available here)"
        return
    allowed = os.sched_getaffinity(0)
    first = min(allowed)
    os.sched_setaffinity(0, {first})
    try:
        yield f"pinned to CPU {first}"
    finally:
        os.sched_setaffinity(0, allowed)


def word_count(documents: Sequence[Document]) -> int:
    return sum(len(document.text.split()) for document in documents)


def every_nth(documents: Sequence[Document], size: int) -> tuple[list[Document], int]:
    """About `size` articles spread evenly over the corpus (every n-th from the first), and n."""
    step = max(1, len(documents) // max(1, size))
    return list(documents[::step][:size]), step


def _run_once(documents: Sequence[Document], work: Work) -> tuple[float, float, int]:
    errors = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for document in documents:
        try:
            work(document)
        except Exception:  # a peer that fails on an article is counted, not allowed to stop the run
            errors += 1
    return time.perf_counter() - wall, time.process_time() - cpu, errors


def measure(
    tool: str,
    label: str,
    documents: Sequence[Document],
    work: Work,
    repeats: int = 1,
    words: int | None = None,
) -> Timing:
    """Warm up on the first article (imports, lazy tables), then time `repeats` passes; keep the median."""
    if documents:
        _run_once(documents[:1], work)
    runs = [_run_once(documents, work) for _ in range(max(1, repeats))]
    runs.sort()
    wall, cpu, errors = runs[len(runs) // 2]
    return Timing(
        tool, label, len(documents), word_count(documents) if words is None else words, wall, cpu, errors
    )


def ours(document: Document) -> object:
    return claims_from_document(document)


def number_tokens(document: Document) -> int:
    return sum(1 for _ in NUMBER_TOKENS.finditer(document.text))


def digit_runs(document: Document) -> int:
    return sum(1 for _ in DIGITS.finditer(document.text))


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def quantulum_work() -> Work:
    """quantulum3's parser, as its README calls it (without its optional unit classifier, which this
    project does not install: quantulum3 then warns once and falls back to its rules)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

    def work(document: Document) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return parser.parse(document.text)

    return work


def dateparser_work() -> Work:
    """dateparser.search_dates told the language (English) and the article's date as the base for
    relative dates: the fastest fair way to ask it for every date in a news article."""
    from dateparser.search import search_dates

    def work(document: Document) -> object:
        settings: dict[str, Any] = {}
        if document.published is not None:
            published = document.published
            settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
        return search_dates(document.text, languages=["en"], settings=settings)

    return work


def profile_extractor(documents: Sequence[Document], path: Path, top: int = 25) -> None:
    """cProfile our extractor over `documents`; the `top` functions by cumulative time go to `path`."""
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        claims_from_document(document)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(pstats.SortKey.CUMULATIVE).print_stats(top)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"cProfile of claims_from_document over {len(documents)} articles, top {top} by cumulative time\n"
    )
    path.write_text(header + out.getvalue(), encoding="utf-8")
