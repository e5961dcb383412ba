"""Ingest speed for `make bench`: documents/s and claims/s into DuckDB at three corpus sizes, each in its
own process so its peak RSS is its own, to show memory stays flat while cost grows linearly.

Run as `python -m benchmarks.ingest JSONL DB [ENGINE JOBS]` it is that child: it ingests one file
with the given engine (local or dask) and number of processes, and prints one JSON line with the
summary, its wall time, the CPU time of itself and of its worker processes, their peak RSS, and a
fingerprint of the stored claims (so runs on different engines can be compared).
"""

from __future__ import annotations

import contextlib
import json
import re
import resource
import subprocess
import sys
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
    workers_cpu: float = 0.0
    workers_peak_rss_mb: float = 0.0
    claims_fingerprint: str = ""
    timeline: tuple[str, ...] = ()
    """Where a parallel run's time went (benchmarks.timeline): worker starts, idle time, the tail."""

    @property
    def total_cpu(self) -> float:
        """CPU seconds of the ingesting process and every worker process it started."""
        return self.cpu + self.workers_cpu

    @property
    def documents_per_second(self) -> float:
        return self.documents_read / self.seconds if self.seconds > 0 else 0.0

    @property
    def claims_per_second(self) -> float:
        return self.claims_written / self.seconds if self.seconds > 0 else 0.0


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


def run_child(label: str, source: Path, database: Path, engine: str = "local", jobs: int = 1) -> IngestRun:
    command = [sys.executable, "-m", "benchmarks.ingest", str(source), str(database), engine, str(jobs)]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    last = (finished.stdout.strip().splitlines() or [""])[-1]
    if finished.returncode != 0 or not last.startswith("{"):
        reason = (finished.stderr.strip().splitlines() or [f"exit {finished.returncode}"])[-1]
        return IngestRun(label, error=reason[:200])
    figures = json.loads(last)
    return IngestRun(label, **(figures | {"timeline": tuple(figures.get("timeline", ()))}))


def _megabytes(peak: int) -> float:
    """ru_maxrss in MB: kilobytes on Linux, bytes on macOS."""
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def claims_fingerprint(database: str) -> str:
    """How many claims the store holds and a hash of all their columns: equal for equal claim sets."""
    from metrics.store.database import session

    with session(database, read_only=True) as con:
        row = con.execute("SELECT count(*), coalesce(bit_xor(hash(c)), 0) FROM claims AS c").fetchall()[0]
    return f"{row[0]}:{row[1]:x}"


def child(source: str, database: str, engine: str = "local", jobs: int = 1) -> None:
    """Ingest one file with `engine` on `jobs` processes; print the figures as one JSON line."""
    from benchmarks.timeline import recording
    from metrics.pipeline.options import IngestOptions
    from metrics.pipeline.run import run_ingest

    with recording() if engine == "dask" or jobs > 1 else contextlib.nullcontext() as summarize:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = run_ingest([source], database, IngestOptions(jobs=jobs), engine=engine)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        timeline = summarize(wall) if summarize is not None else []
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes, once they have exited
    figures = {
        "documents_read": int(summary.documents_read),
        "documents_added": int(summary.documents_added),
        "claims_written": int(summary.claims_written),
        "seconds": wall,
        "cpu": cpu,
        "peak_rss_mb": _megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        "workers_cpu": workers.ru_utime + workers.ru_stime,
        "workers_peak_rss_mb": _megabytes(workers.ru_maxrss),
        "claims_fingerprint": claims_fingerprint(database),
        "timeline": timeline,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        sys.exit("usage: python -m benchmarks.ingest JSONL DB [local|dask JOBS]")
    if len(sys.argv) == 5:
        child(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        child(sys.argv[1], sys.argv[2])
