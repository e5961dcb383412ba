"""The scale half of `make bench`: ingest at three corpus sizes, the engines side by side (--jobs 1,
--jobs 2, Dask LocalCluster), and `make reports` on a store of the whole corpus. Every run is its own
process on a fresh database, so its peak memory and CPU time are its own."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from benchmarks.ingest import IngestRun, corpus_sizes, run_child
from metrics.pipeline.engines import cores

PROJECT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Step:
    """One timed command of `make reports`: wall and CPU seconds (the command's process), its exit code."""

    label: str
    wall: float
    cpu: float
    exit_code: int


@dataclass
class ScaleFigures:
    sizes: list[IngestRun] = field(default_factory=list)
    engines: list[IngestRun] = field(default_factory=list)
    reports: list[Step] = field(default_factory=list)
    free_cores: list[float] = field(default_factory=list)
    """Cores free of other load, probed just before and just after the engine runs."""


def timed_command(label: str, arguments: list[str]) -> Step:
    """Run `python -m metrics.cli.main ARGUMENTS` from the project root; its wall and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-m", "metrics.cli.main", *arguments], cwd=PROJECT, capture_output=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Step(label, wall, cpu, finished.returncode)


def make_reports(store: Path, folder: Path, label: str) -> list[Step]:
    """`make reports` against `store`: ingest examples/ into it, then draw every report."""
    return [
        timed_command(f"{label}: ingest examples/", ["ingest", "examples", "--db", str(store)]),
        timed_command(
            f"{label}: report --all",
            ["report", "--all", "--db", str(store), "--out", str(folder / f"reports-{store.stem}")],
        ),
    ]


def measure_scale(corpus: Path, small: int = 1000, middle: int | None = None) -> ScaleFigures:
    """Sizes with --jobs 1; then --jobs 2, Dask with 2 workers, and Dask repeated on the middle size;
    then `make reports` on the examples alone and on the middle-size store."""
    figures = ScaleFigures()
    with tempfile.TemporaryDirectory(prefix="metrics-bench-") as scratch:
        folder = Path(scratch)
        sizes = corpus_sizes(corpus, folder, small, middle)
        for index, (label, source) in enumerate(sizes):
            figures.sizes.append(run_child(label, source, folder / f"size-{index}.duckdb"))
        middle_label, middle_source = sizes[1]
        figures.free_cores.append(free_cores(cores()))
        figures.engines = [
            replace(figures.sizes[1], label="local --jobs 1 (the run above)"),
            run_child("local --jobs 2", middle_source, folder / "jobs-2.duckdb", "local", 2),
            run_child("dask LocalCluster, 2 workers", middle_source, folder / "dask.duckdb", "dask", 2),
            run_child("dask again (all shards done)", middle_source, folder / "dask.duckdb", "dask", 2),
        ]
        figures.free_cores.append(free_cores(cores()))
        examples_only = folder / "examples.duckdb"
        whole = folder / "reports.duckdb"
        shutil.copyfile(folder / "size-1.duckdb", whole)
        figures.reports = make_reports(examples_only, folder, "examples only") + make_reports(
            whole, folder, f"{middle_label} + examples"
        )
    return figures


SPIN = "sum(range(30_000_000))"
"""A fixed amount of pure CPU work (about half a second on the test machine) for the capacity probe."""


def _spin(copies: int) -> float:
    """Wall seconds for `copies` processes each doing SPIN at the same time."""
    started = time.perf_counter()
    running = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(copies)]
    for process in running:
        process.wait()
    return time.perf_counter() - started


def free_cores(cores: int) -> float:
    """How many cores other load leaves us right now: `cores` copies of a CPU-bound task at once, timed
    against one alone (on an idle machine they take the same time, so all `cores` are free)."""
    alone = min(_spin(1) for _ in range(2))
    together = min(_spin(cores) for _ in range(2))
    return min(float(cores), cores * alone / together) if together > 0 else float(cores)


def size_lines(runs: list[IngestRun]) -> list[str]:
    head = (
        f"  {'input':<36}{'read':>9}{'added':>9}{'claims':>10}{'wall s':>9}{'CPU s':>8}{'docs/s':>8}"
        f"{'claims/s':>10}{'peak RSS MB':>13}"
    )
    lines = [
        "Ingest into DuckDB with --jobs 1 (Arrow tables, one transaction per 2,000 documents, no keys):",
        head,
    ]
    for run in runs:
        if run.error:
            lines.append(f"  {run.label:<36}failed: {run.error}")
            continue
        lines.append(
            f"  {run.label:<36}{run.documents_read:>9,}{run.documents_added:>9,}{run.claims_written:>10,}"
            f"{run.seconds:>9.1f}{run.total_cpu:>8.1f}{run.documents_per_second:>8,.0f}"
            f"{run.claims_per_second:>10,.0f}{run.peak_rss_mb:>13,.0f}"
        )
    good = [run for run in runs if not run.error and run.documents_read]
    if len(good) > 1:
        wall = ", ".join(f"{1000 * run.seconds / run.documents_read:.3g}" for run in good)
        cpu = ", ".join(f"{1000 * run.total_cpu / run.documents_read:.3g}" for run in good)
        lines.append(
            f"  seconds per 1,000 articles at each size: wall {wall}; CPU {cpu} (flat = linear cost)"
        )
    if len(good) == len(runs) == 3 and good[1].peak_rss_mb > 0:
        per = [run.total_cpu / run.documents_read for run in good]
        lines.append(
            f"  CPU per article at the largest size over the other two: {per[2] / per[0]:.2f}x and "
            f"{per[2] / per[1]:.2f}x; peak RSS there over the middle size: "
            f"{good[2].peak_rss_mb / good[1].peak_rss_mb:.2f}x (aims: within 1.10x and 1.25x)"
        )
    return lines


def engine_lines(runs: list[IngestRun], free: list[float] | None = None) -> list[str]:
    head = (
        f"  {'engine':<36}{'wall s':>9}{'CPU s':>8}{'workers':>9}{'docs/s':>8}{'claims':>10}"
        f"{'peak RSS MB':>13}{'worker RSS':>12}"
    )
    lines = ["Engines on the same input (CPU s = the ingesting process and its workers):", head]
    for run in runs:
        if run.error:
            lines.append(f"  {run.label:<36}failed: {run.error}")
            continue
        lines.append(
            f"  {run.label:<36}{run.seconds:>9.1f}{run.total_cpu:>8.1f}{run.workers_cpu:>9.1f}"
            f"{run.documents_per_second:>8,.0f}{run.claims_written:>10,}{run.peak_rss_mb:>13,.0f}"
            f"{run.workers_peak_rss_mb:>12,.0f}"
        )
    good = {run.label.split(" (")[0]: run for run in runs if not run.error}
    base = good.get("local --jobs 1")
    if base is None:
        return lines
    jobs2, dask = good.get("local --jobs 2"), good.get("dask LocalCluster, 2 workers")
    for name, other in (("local --jobs 2", jobs2), ("dask", dask)):
        if other is not None and other.seconds > 0 and other.total_cpu > 0:
            lines.append(
                f"  speed-up of {name} over --jobs 1: {base.seconds / other.seconds:.2f}x wall; "
                f"it used {other.total_cpu / base.total_cpu:.2f}x the CPU time in all"
            )
    if jobs2 and jobs2.total_cpu > 0:
        lines.append(
            f"  the parent's share of the CPU under --jobs 2: {100 * jobs2.cpu / jobs2.total_cpu:.0f}% "
            "(reading, looking up stored hashes, writing; the workers hash, skip and extract)"
        )
    if jobs2 and dask and dask.seconds > 0:
        lines.append(f"  speed-up of dask over --jobs 2: {jobs2.seconds / dask.seconds:.2f}x wall")
    if free:
        probes = " and ".join(f"{value:.1f}" for value in free)
        lines.append(
            f"  cores free of other load (probed before and after these runs): {probes} of {cores()}; "
            "a speed-up cannot exceed what was free"
        )
    fingerprints = {run.claims_fingerprint for run in runs if not run.error}
    verdict = "yes" if len(fingerprints) == 1 else f"NO ({', '.join(sorted(fingerprints))})"
    lines.append(f"  every engine stored the same claims (count and hash of every column): {verdict}")
    for run in runs:
        if run.timeline and not run.error:
            lines.append(f"  where the time of {run.label} went (benchmarks/timeline.py):")
            lines += [f"    {line}" for line in run.timeline]
    return lines


def report_lines(steps: list[Step]) -> list[str]:
    lines = ["make reports (ingest examples/, then report --all), each step its own process:"]
    for step in steps:
        status = "" if step.exit_code == 0 else f"  (exit {step.exit_code})"
        lines.append(f"  {step.label:<52}{step.wall:>8.2f} s wall{step.cpu:>8.2f} s CPU{status}")
    return lines
