"""Ingest speed for `make bench`: documents/s and claims/s into DuckDB at three corpus sizes, each in its
own process so its peak RSS is its own, to show memory stays flat while cost grows linearly.

Run as `python -m metrics.bench_ingest JSONL DB` it is that child: it ingests one file and prints
one JSON line with the summary, its wall and CPU time, and its peak RSS.
"""

from __future__ import annotations

import importlib.util
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from metrics.calendar import shift_years

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class IngestRun:
    label: str
    documents_read: int = 0
    documents_added: int = 0
    claims_written: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    peak_rss_mb: float = 0.0
    error: str | None = None

    @property
    def documents_per_second(self) -> float:
        return self.documents_read / self.seconds if self.seconds > 0 else 0.0

    @property
    def claims_per_second(self) -> float:
        return self.claims_written / self.seconds if self.seconds > 0 else 0.0


def unavailable() -> str | None:
    """Why the ingest block cannot run (metrics.ingest is written in parallel), or None."""
    if importlib.util.find_spec("metrics.ingest") is None:
        return "not available yet"
    return None


def shift_years_in_text(text: str, years: int) -> str:
    """Every four-digit year (1800-2099) in the text moved `years` later."""
    return _YEAR.sub(lambda match: str(int(match[0]) + years), text)


def shifted_lines(corpus: Path, copies: int) -> Iterator[str]:
    """The corpus `copies` times, copy k with every date (metadata and years in the text) k years later
    and ids made unique: a larger corpus of the same text, streamed line by line."""
    for copy in range(copies):
        with corpus.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    article = json.loads(line)
                except json.JSONDecodeError:
                    continue  # the reader skips such lines too; a benchmark need not report them
                if not isinstance(article, dict):
                    continue
                if copy:
                    article["id"] = f"{article.get('id')}~{copy}"
                    raw = article.get("date") or article.get("published")
                    if isinstance(raw, str) and len(raw) >= 10:
                        moved = shift_years(date.fromisoformat(raw[:10]), copy).isoformat()
                        article["date" if "date" in article else "published"] = moved
                    if isinstance(article.get("text"), str):
                        article["text"] = shift_years_in_text(article["text"], copy)
                yield json.dumps(article, ensure_ascii=False) + "\n"


def write_lines(lines: Iterator[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(lines)
    return path


def corpus_sizes(corpus: Path, folder: Path, small: int, middle: int | None) -> list[tuple[str, Path]]:
    """The three inputs: the first `small` articles, the first `middle` (None: the whole corpus),
    and ten shifted copies of that."""
    with corpus.open(encoding="utf-8") as lines:
        total = sum(1 for line in lines if line.strip())
    first = write_lines(islice(shifted_lines(corpus, 1), small), folder / "small.jsonl")
    if middle is None or middle >= total:
        middle_path, middle_n = corpus, total
    else:
        middle_path, middle_n = (
            write_lines(islice(shifted_lines(corpus, 1), middle), folder / "middle.jsonl"),
            middle,
        )
    large = write_lines(shifted_lines(middle_path, 10), folder / "large.jsonl")
    return [
        (f"{min(small, total):,} articles", first),
        (f"{middle_n:,} articles" + (" (all)" if middle_n == total else ""), middle_path),
        (f"{10 * middle_n:,} articles (10 shifted copies)", large),
    ]


def run_child(label: str, source: Path, database: Path) -> IngestRun:
    command = [sys.executable, "-m", "metrics.bench_ingest", str(source), str(database)]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    last = (finished.stdout.strip().splitlines() or [""])[-1]
    if finished.returncode != 0 or not last.startswith("{"):
        reason = (finished.stderr.strip().splitlines() or [f"exit {finished.returncode}"])[-1]
        return IngestRun(label, error=reason[:200])
    return IngestRun(label, **json.loads(last))


def measure_ingest(corpus: Path, small: int = 1000, middle: int | None = None) -> list[IngestRun]:
    with tempfile.TemporaryDirectory(prefix="metrics-bench-") as scratch:
        folder = Path(scratch)
        runs = []
        for index, (label, source) in enumerate(corpus_sizes(corpus, folder, small, middle)):
            runs.append(run_child(label, source, folder / f"bench-{index}.duckdb"))
        return runs


def child(source: str, database: str) -> None:
    """Ingest one file into a fresh database and print the figures as one JSON line."""
    from metrics.ingest import ingest  # type: ignore[import-not-found,unused-ignore]

    wall, cpu = time.perf_counter(), time.process_time()
    summary = ingest([source], database)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux, bytes on macOS
    peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    figures = {
        "documents_read": int(summary.documents_read),
        "documents_added": int(summary.documents_added),
        "claims_written": int(summary.claims_written),
        "seconds": wall,
        "cpu": cpu,
        "peak_rss_mb": peak_mb,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m metrics.bench_ingest JSONL DB")
    child(sys.argv[1], sys.argv[2])
