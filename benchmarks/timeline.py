"""Where an engine's wall time goes: one ingest with timers around every task and every step of the
parent, printed as a per-process summary (`python -m benchmarks.timeline JSONL local|dask JOBS`).

CPU seconds alone cannot say why `--jobs 2` or Dask is slower than its share of the cores: a
worker that waits for its first task, sits idle between tasks or finishes before the other spends
no CPU. So each worker task (a pool chunk, a Dask shard) logs its start, end and CPU time, and the
parent logs its reads, waits, writes, store opens and closes and the cluster's start and close, all
against one clock. Each process appends JSON lines to its own file in a scratch folder; the summary
reads them back. The wrappers replace module attributes for this one run, in this process only:
the workers run the real task inside the wrapper, which they import by name.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

FOLDER_VARIABLE = "METRICS_TIMELINE_FOLDER"
START_VARIABLE = "METRICS_TIMELINE_START"


def _log(kind: str, started: float, cpu: float, **extra: Any) -> None:
    """One record: what ran, from when to now (seconds on the run's clock) and its CPU seconds."""
    origin = float(os.environ.get(START_VARIABLE, "0"))
    record = {"pid": os.getpid(), "kind": kind, "start": started - origin, "end": time.time() - origin}
    record |= {"cpu": time.process_time() - cpu, "process_cpu": time.process_time(), **extra}
    with open(Path(os.environ[FOLDER_VARIABLE]) / f"{os.getpid()}.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


def timed(kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.time(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _log(kind, started, cpu)

    return wrapper


def traced_chunk(*args: Any) -> Any:
    """The pool's task, timed in the worker."""
    from metrics.pipeline.extraction import extract_chunk

    started, cpu = time.time(), time.process_time()
    result = extract_chunk(*args)
    _log("task", started, cpu, documents=len(args[0]))
    return result


def traced_shard(*args: Any) -> Any:
    """The Dask engine's task, timed in the worker."""
    from metrics.pipeline.shards import run_shard

    started, cpu = time.time(), time.process_time()
    result = run_shard(*args)
    _log("task", started, cpu, documents=result.documents_read)
    return result


def install() -> None:
    """Wrap the tasks and the parent's steps for this run."""
    from metrics.pipeline import dask_engine, engines, ingest

    engines.extract_chunk = traced_chunk  # type: ignore[assignment]
    dask_engine.run_shard = traced_shard  # type: ignore[assignment]
    ingest.write_batch = timed("write", ingest.write_batch)
    engines._results = timed("wait for results", engines._results)
    dask_engine._result = timed("wait for results", dask_engine._result)
    dask_engine.Cluster.client = timed("cluster start", dask_engine.Cluster.client)  # type: ignore[method-assign]
    dask_engine.Cluster.close = timed("cluster close (or wait for it)", dask_engine.Cluster.close)  # type: ignore[method-assign]
    opened = ingest.session

    @contextlib.contextmanager
    def session(*args: Any, **kwargs: Any) -> Iterator[Any]:
        started, cpu = time.time(), time.process_time()
        with opened(*args, **kwargs) as con:
            _log("store open", started, cpu)
            yield con
            started, cpu = time.time(), time.process_time()
        _log("store close (checkpoint)", started, cpu)

    ingest.session = session


def summary(folder: Path, wall: float) -> list[str]:
    records = [json.loads(line) for path in folder.glob("*.jsonl") for line in path.open(encoding="utf-8")]
    parent = os.getpid()
    lines: list[str] = []
    steps: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for record in records:
        if record["pid"] == parent:
            step = steps[record["kind"]]
            step[0] += 1
            step[1] += record["end"] - record["start"]
            step[2] += record["cpu"]
    lines.append("parent (count, wall s, CPU s):")
    lines += [f"  {kind:<34}{n:>5.0f}{wall_s:>9.2f}{cpu:>8.2f}" for kind, (n, wall_s, cpu) in steps.items()]
    tasks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record["kind"] == "task":
            tasks[record["pid"]].append(record)
    ends = []
    for pid, done in sorted(tasks.items()):
        done.sort(key=lambda record: record["start"])
        gaps = sum(max(0.0, b["start"] - a["end"]) for a, b in itertools.pairwise(done))
        first = done[0]
        busy = sum(r["end"] - r["start"] for r in done)
        lines.append(
            f"worker {pid}: {len(done)} tasks, {sum(r['documents'] for r in done):,} documents; first "
            f"task at {first['start']:.2f} s (CPU before it {first['process_cpu'] - first['cpu']:.2f} s, "
            f"the first task {first['cpu']:.2f} s); busy {busy:.2f} s wall, "
            f"{sum(r['cpu'] for r in done):.2f} s CPU; idle between tasks {gaps:.2f} s; last task ends "
            f"{done[-1]['end']:.2f} s"
        )
        ends.append(done[-1]["end"])
    if ends:
        lines.append(
            f"workers: the first to run out of tasks idled {max(ends) - min(ends):.2f} s before the last "
            f"finished; the run ended {wall - max(ends):.2f} s after the last task"
        )
    return lines


@contextlib.contextmanager
def recording() -> Iterator[Callable[[float], list[str]]]:
    """Timers on for the block (this process and the workers it starts); yields the summary of what
    they recorded, to be called with the run's wall seconds before the block ends."""
    with tempfile.TemporaryDirectory(prefix="metrics-timeline-") as scratch:
        os.environ[FOLDER_VARIABLE] = scratch
        os.environ[START_VARIABLE] = repr(time.time())
        # the workers import this module by name to run the wrapped task
        root = str(Path(__file__).resolve().parents[1])
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
        install()
        yield lambda wall: summary(Path(scratch), wall)


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit("usage: python -m benchmarks.timeline JSONL local|dask JOBS")
    source, engine, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from metrics.pipeline.options import IngestOptions
    from metrics.pipeline.run import run_ingest

    with tempfile.TemporaryDirectory(prefix="metrics-timeline-store-") as store, recording() as summarize:
        started = time.time()
        run_ingest([source], Path(store) / "timeline.duckdb", IngestOptions(jobs=jobs), engine=engine)
        wall = time.time() - started
        print(f"run: {wall:.2f} s wall")
        print("\n".join(summarize(wall)))


if __name__ == "__main__":
    main()
