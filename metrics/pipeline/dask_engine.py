"""Ingest on a Dask cluster: shards of the input (shards.py) -> the same `extract_batch` on each worker
-> Parquet shard files -> back, in input order, to the one driver, which writes them through the one
upsert, several consecutive shards per transaction.

Workers never open the store: DuckDB has one writer, this process. On a real cluster the input and
the shard folder must be on storage that every worker and this process see under the same path (a
shared filesystem).

Why shards are a quarter of a batch but writes a whole one: a worker that runs out of shards idles
until the others finish, so small shards keep two workers busy to the end (ten 2,000-line shards
of the Reuters corpus left one worker idle for most of a shard); but each write costs about the same
fixed time (a transaction and a checkpoint: 4,000 documents in writes of 250 took 4x the CPU of
writes of 2,000), so finished shards are gathered into writes of up to `--batch-size` documents.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from metrics.errors import EngineError, UsageError
from metrics.pipeline.engines import resolve_jobs
from metrics.pipeline.extraction import from_record
from metrics.pipeline.ingest import Unit
from metrics.pipeline.options import ErrorHandler, IngestOptions
from metrics.pipeline.quiet import (
    Interrupts,
    quiet_children,
    quiet_logs,
    remembered_interrupts,
    sigint_ignored,
)
from metrics.pipeline.shards import Shard, ShardDone, plan_shards, read_done, run_shard, shard_folder

DEFAULT_WORKERS = 2
SHARDS_PER_BATCH = 4
"""A shard holds a quarter of `--batch-size` lines (500 by default); a write, up to a whole batch."""
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask configuration for the LocalCluster's workers: no statistical profiler sampling every task's
stack 100 times a second (nobody looks at its dashboard here), and its event-loop health check
(every 20 ms by default), system monitor (500 ms) and memory check (100 ms) woken less often. On two
cores each wake-up takes the CPU and the GIL from a shard's extraction: with these, the workers'
shards took 23.0-23.9 s of CPU against 23.9-25.3 s, three runs each, taking turns
(`python -m benchmarks.timeline reuters21578.jsonl dask 2`). A shard holds little memory (its
documents and claims, written out when it ends), so a memory check a second is soon enough."""


def shard_lines(batch_size: int) -> int:
    """Lines (or files) per shard for a run with `batch_size` documents per transaction."""
    return max(1, math.ceil(batch_size / SHARDS_PER_BATCH))


class Cluster:
    """The Dask client, connected on first use, so a re-run whose shards are all done starts no cluster."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self._client: Any = None
        self._local: Any = None
        self._closing: threading.Thread | None = None

    def client(self) -> Any:
        """A client of the cluster at `scheduler`, or of a new LocalCluster of `workers` processes."""
        if self._client is not None:
            return self._client
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--engine dask needs Dask: pip install 'metrics[dask]'") from None
        try:
            with sigint_ignored(), quiet_children():  # the workers inherit both: Ctrl-C is ours alone
                if self.scheduler:
                    self._client = Client(self.scheduler, timeout="10s")
                else:
                    import dask

                    with dask.config.set(LOCAL_WORKER_CONFIG):  # the nannies pass it on to their workers
                        self._local = LocalCluster(
                            n_workers=self.workers,
                            threads_per_worker=1,
                            processes=True,
                            dashboard_address=":0",
                        )
                    self._client = Client(self._local)
        except Exception as error:  # e.g. "Nanny failed to start" when a worker dies while starting
            self.close()
            where = self.scheduler or "a local Dask cluster"
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise EngineError(f"cannot start or reach {where}: {reason}") from None
        return self._client

    def in_flight_limit(self) -> int:
        """Shards submitted ahead: a few per worker keep every worker busy without planning all input."""
        return 4 * max(1, len(self.client().scheduler_info().get("workers", {})))

    def close_in_background(self) -> None:
        """Start closing once the cluster has nothing left to do: its shutdown (0.2-0.8 s measured)
        then overlaps this process's last reads and writes instead of following them."""
        if self._closing is None and self._client is not None:
            self._closing = threading.Thread(target=self._close_now, name="close-dask", daemon=True)
            self._closing.start()

    def close(self) -> None:
        """Close the client and any LocalCluster (or wait for `close_in_background` to)."""
        if self._closing is not None:
            self._closing.join()
            self._closing = None
        self._close_now()

    def _close_now(self) -> None:
        """A failure while closing is not the user's problem."""
        client, local, self._client, self._local = self._client, self._local, None, None
        for closing in (client, local):
            if closing is not None:
                with contextlib.suppress(Exception):
                    closing.close()


def on_dask(
    paths: Iterable[str], db_path: str | Path, options: IngestOptions, report: ErrorHandler
) -> Iterator[Unit]:
    """The Dask engine: shards extracted on the cluster (a LocalCluster of `options.jobs` processes
    without `options.scheduler`) into Parquet files beside the store, handed back in input order,
    one unit per part of each shard. A shard named twice (a file given twice) is extracted once and
    applied twice, as a local ingest applies it twice."""
    folder = shard_folder(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EngineError(f"cannot create the shard folder {folder}: {error.strerror or error}") from None
    workers = resolve_jobs(DEFAULT_WORKERS if options.jobs is None else options.jobs)
    cluster = Cluster(options.scheduler, workers)
    with quiet_logs(), remembered_interrupts() as interrupts:
        yield from _shards_in_order(cluster, paths, options, folder, report, interrupts)


def _shards_in_order(
    cluster: Cluster,
    paths: Iterable[str],
    options: IngestOptions,
    folder: Path,
    report: ErrorHandler,
    interrupts: Interrupts,
) -> Iterator[Unit]:
    """Submit the shards not done yet (a bounded number ahead) and yield their units in order,
    gathered into writes of up to `options.batch_size` documents."""
    planned: deque[Shard] = deque()
    futures: dict[str, Any] = {}
    finished: dict[str, ShardDone] = {}
    """Results taken from the cluster before closing it (every shard planned and done)."""
    limit = 4 * cluster.workers
    gathered = Gathered(options.batch_size)

    def next_units() -> Iterator[Unit]:
        return gathered.add(_applied(planned.popleft(), futures, planned, folder, report, finished))

    def release_when_done() -> None:
        """With every shard planned, once the cluster has finished them all: take the results and
        let the cluster close while this process reads the last shards back and writes them."""
        if all(future.status == "finished" for future in futures.values()):
            finished.update((key, _result(future)) for key, future in futures.items())
            futures.clear()
            cluster.close_in_background()

    try:
        shards = plan_shards(
            paths, shard_lines(options.batch_size), options.published, options.extractor_version
        )
        for shard in shards:
            interrupts.check()
            planned.append(shard)
            if shard.key not in futures and not (folder / f"{shard.key}.done.json").exists():
                futures[shard.key] = cluster.client().submit(
                    run_shard,
                    shard,
                    str(folder),
                    options.published,
                    options.extractor,
                    options.extractor_version,
                    key=f"shard-{shard.key}",
                )
                if len(futures) == 1:
                    limit = cluster.in_flight_limit()
            while len(planned) >= limit:
                interrupts.check()
                yield from next_units()
        while planned:
            interrupts.check()
            release_when_done()
            yield from next_units()
        interrupts.check()
        release_when_done()
        yield from gathered.rest()
    finally:
        cluster.close()


class Gathered:
    """Consecutive units joined into one write of up to `size` documents, as long as their ids stay
    distinct (a repeated id starts a new write, so a later version is applied after the earlier)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.held: list[Unit] = []
        self.ids: set[str] = set()

    def add(self, units: Iterable[Unit]) -> Iterator[Unit]:
        """The writes that `units` complete (none while they still fit the one being gathered)."""
        for unit in units:
            ids = unit.documents.column("id").to_pylist() if unit.documents is not None else []
            if self.held and (len(self.ids) + len(ids) > self.size or not self.ids.isdisjoint(ids)):
                yield from self.rest()
            self.held.append(unit)
            self.ids.update(ids)

    def rest(self) -> Iterator[Unit]:
        """What is gathered, as one unit (nothing if nothing is held)."""
        held, self.held, self.ids = self.held, [], set()
        if not held:
            return
        tables = [unit for unit in held if unit.documents is not None and unit.claims is not None]
        yield Unit(
            sum(unit.read for unit in held),
            sum(unit.skipped for unit in held),
            pa.concat_tables([unit.documents for unit in tables]) if tables else None,
            pa.concat_tables([unit.claims for unit in tables]) if tables else None,
        )


def _applied(
    shard: Shard,
    futures: dict[str, Any],
    planned: deque[Shard],
    folder: Path,
    report: ErrorHandler,
    finished: dict[str, ShardDone],
) -> Iterator[Unit]:
    """The units of one finished shard (waiting for it if need be), its errors reported."""
    future = futures.get(shard.key)
    if future is not None:
        done = _result(future)
    elif shard.key in finished:
        done = finished[shard.key]
    else:
        done = read_done(folder / f"{shard.key}.done.json")
    if future is not None and all(other.key != shard.key for other in planned):
        del futures[shard.key]
    for record in done.errors:
        report(from_record(record))
    documents = pq.read_table(folder / f"{shard.key}.documents.parquet")
    claims = pq.read_table(folder / f"{shard.key}.claims.parquet")
    parts = sorted(set(documents.column("part").to_pylist())) or [0]
    for number, part in enumerate(parts):
        yield Unit(
            done.documents_read if number == 0 else 0,
            0,
            documents.filter(pc.equal(documents["part"], part)),
            claims.filter(pc.equal(claims["part"], part)),
        )


def _result(future: Any) -> ShardDone:
    try:
        done: ShardDone = future.result()
    except Exception as error:  # a worker's failure arrives as its own exception: name the shard
        raise EngineError(
            f"a shard failed on the cluster ({type(error).__name__}: {error}); "
            "finished shards are kept, run the same command again to resume"
        ) from None
    return done
