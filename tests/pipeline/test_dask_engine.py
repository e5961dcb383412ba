"""`--engine dask` on an in-process LocalCluster of two worker processes: the same store as the local
engine, shards skipped on a repeated run, a failed run resumed, bad input named with its line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from engine_corpus import exits_on_coffee, snapshot, write_corpus

from metrics.errors import InputError, UsageError
from metrics.pipeline.ingest import Unit, ingest
from metrics.pipeline.options import IngestOptions, IngestSummary
from metrics.store.database import open_store

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from metrics.pipeline.dask_engine import Gathered, on_dask, shard_lines  # noqa: E402
from metrics.pipeline.shards import plan_shards, run_shard, shard_documents, shard_folder  # noqa: E402


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One LocalCluster (two worker processes, one thread each) for the module's tests."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


def on_cluster(paths: list[str], db: Path, **options: Any) -> IngestSummary:
    return ingest(paths, db, IngestOptions(**options), on_dask)


def counts(summary: IngestSummary) -> tuple[int, ...]:
    return (
        summary.documents_read,
        summary.documents_added,
        summary.documents_replaced,
        summary.documents_unchanged,
        summary.claims_written,
        summary.rejected,
    )


def local_store(paths: list[str], db: Path) -> tuple[object, object]:
    ingest(paths, db, IngestOptions(batch_size=10))
    return snapshot(db)


def test_dask_stores_exactly_what_the_local_engine_stores(tmp_path: Path, scheduler: str) -> None:
    paths = write_corpus(tmp_path / "corpus")
    errors: list[InputError] = []
    summary = on_cluster(
        paths, tmp_path / "d.duckdb", scheduler=scheduler, batch_size=10, on_error=errors.append
    )
    local = ingest(paths, tmp_path / "local.duckdb", IngestOptions(batch_size=10))
    assert snapshot(tmp_path / "d.duckdb") == snapshot(tmp_path / "local.duckdb")
    assert (summary.documents_read, summary.documents_added, summary.rejected) == (51, 50, 1)
    assert counts(summary) == counts(local)
    assert [str(error).split(": ", 1)[0].rsplit("/", 1)[-1] for error in errors] == ["feed-a.jsonl:8"]


def test_a_repeated_run_skips_done_shards_and_a_failed_run_resumes(tmp_path: Path, scheduler: str) -> None:
    paths = write_corpus(tmp_path / "corpus")
    db = tmp_path / "d.duckdb"
    on_cluster(paths, db, scheduler=scheduler, batch_size=10)
    folder = shard_folder(db)
    done = sorted(folder.glob("*.done.json"))
    assert shard_lines(10) == 3  # a quarter of a batch, rounded up
    assert len(done) == 19  # 25 + 25 lines in shards of 3 (9 each), and one shard of the two text files
    written = {path: path.stat().st_mtime_ns for path in folder.glob("*.parquet")}
    before = snapshot(db)

    again = on_cluster(paths, db, scheduler=scheduler, batch_size=10)
    assert {path: path.stat().st_mtime_ns for path in folder.glob("*.parquet")} == written
    # as in a local re-run, only the id the input holds twice is replaced (first, then second version)
    assert (again.documents_read, again.documents_added, again.documents_replaced) == (51, 0, 2)
    assert snapshot(db) == before

    # a run killed after some shards: the rest are missing; the next run redoes only those
    key = done[0].name.split(".")[0]
    for path in folder.glob(f"{key}.*"):
        path.unlink()
    fresh = tmp_path / "fresh.duckdb"
    fresh_folder = shard_folder(fresh)
    fresh_folder.mkdir()
    for path in folder.iterdir():
        (fresh_folder / path.name).write_bytes(path.read_bytes())
    on_cluster(paths, fresh, scheduler=scheduler, batch_size=10)
    assert sorted(path.name for path in fresh_folder.glob("*.done.json")) == [path.name for path in done]
    assert snapshot(fresh) == before


def test_an_extractor_that_calls_sys_exit_loses_its_documents_not_the_run(
    tmp_path: Path, scheduler: str
) -> None:
    paths = write_corpus(tmp_path / "corpus", articles=20)
    errors: list[InputError] = []
    summary = on_cluster(
        paths,
        tmp_path / "d.duckdb",
        scheduler=scheduler,
        batch_size=4,
        extractor=exits_on_coffee,
        on_error=errors.append,
    )
    failed = [str(e) for e in errors if "extractor failed" in str(e)]
    assert len(failed) == 4 and all("SystemExit" in e for e in failed)  # stories 4, 9, 14 and 19
    assert summary.documents_added == 22 and summary.claims_written > 40


def test_dask_starts_its_own_local_cluster_without_a_scheduler(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus", articles=16)
    summary = on_cluster(paths, tmp_path / "d.duckdb", jobs=2, batch_size=4)
    assert summary.documents_added == 18
    assert snapshot(tmp_path / "d.duckdb") == local_store(paths, tmp_path / "local.duckdb")


def test_a_shard_is_a_line_range_and_its_errors_keep_the_file_line(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus")
    shards = list(plan_shards(paths[:1], 3))
    assert [shard.first_line for shard in shards] == [1, 4, 7, 10, 13, 16, 19, 22, 25]
    errors: list[InputError] = []
    third = list(shard_documents(shards[2], errors.append, None))
    assert [document.id for document in third] == ["story-006", "story-007"]
    assert [error.line for error in errors] == [8]


def test_a_shard_key_follows_its_content(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "We sold 4 boats."}) + "\n", encoding="utf-8")
    first = next(plan_shards([str(feed)], 10))
    assert next(plan_shards([str(feed)], 10)).key == first.key
    feed.write_text(json.dumps({"id": "a", "text": "We sold 5 boats."}) + "\n", encoding="utf-8")
    assert next(plan_shards([str(feed)], 10)).key != first.key


def test_run_shard_writes_parquet_that_duckdb_reads_by_glob(tmp_path: Path) -> None:
    import duckdb

    paths = write_corpus(tmp_path / "corpus")
    out = tmp_path / "shards"
    out.mkdir()
    for shard in plan_shards(paths, 20):
        run_shard(shard, str(out), None, lambda document: [], "test")
    documents = duckdb.sql(
        f"SELECT count(*), count(DISTINCT shard) FROM '{out}/*.documents.parquet'"
    ).fetchall()[0]
    assert documents == (51, 5)  # 25 + 25 lines in shards of 20, and the text files


def test_standard_input_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="standard input"):
        list(plan_shards(["-"], 10))


def write_f_and_g(folder: Path) -> tuple[str, str]:
    """Two files that hold the same id with different text (and one other document each)."""
    folder.mkdir(parents=True, exist_ok=True)
    f, g = folder / "f.jsonl", folder / "g.jsonl"
    f.write_text(
        json.dumps({"id": "same", "text": "Mills cut 40 logs in 2019."})
        + "\n"
        + json.dumps({"id": "only-f", "text": "Ports moved 9 ships in 2018."})
        + "\n",
        encoding="utf-8",
    )
    g.write_text(
        json.dumps({"id": "same", "text": "Farms sold 70 sheep in 2020."})
        + "\n"
        + json.dumps({"id": "only-g", "text": "Mines dug 3 tonnes in 2017."})
        + "\n",
        encoding="utf-8",
    )
    return str(f), str(g)


def test_f_g_f_with_a_repeated_id_stores_what_the_local_engine_stores(tmp_path: Path, scheduler: str) -> None:
    f, g = write_f_and_g(tmp_path / "in")
    local = ingest([f, g, f], tmp_path / "local.duckdb", IngestOptions(batch_size=10))
    dask = on_cluster([f, g, f], tmp_path / "d.duckdb", scheduler=scheduler, batch_size=10)
    assert snapshot(tmp_path / "d.duckdb") == snapshot(tmp_path / "local.duckdb")
    assert counts(dask) == counts(local)
    assert (dask.documents_read, dask.documents_added, dask.documents_replaced) == (6, 3, 2)
    stored = open_store(tmp_path / "d.duckdb").query("SELECT text FROM documents WHERE id = 'same'")
    assert stored["text"].tolist() == ["Mills cut 40 logs in 2019."]  # the last occurrence: f's


def test_a_db_path_with_glob_characters_reads_only_its_own_shards(tmp_path: Path, scheduler: str) -> None:
    f, g = write_f_and_g(tmp_path / "in")
    on_cluster([g], tmp_path / "st1.duckdb", scheduler=scheduler, batch_size=10)  # shards another store owns
    starred = tmp_path / "st*.duckdb"
    summary = on_cluster([f], starred, scheduler=scheduler, batch_size=10)
    assert (summary.documents_read, summary.documents_added) == (2, 2)
    ids = open_store(starred).query("SELECT id FROM documents ORDER BY id")["id"].tolist()
    assert ids == ["only-f", "same"]


def test_a_failed_shard_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while a worker writes its Parquet files: the shard fails, nothing half-written stays."""
    import errno

    import pyarrow.parquet as pq

    def full_disk(table: object, where: object) -> None:
        Path(str(where)).write_bytes(b"PAR1")  # the file exists, then the disk fills
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full_disk)
    paths = write_corpus(tmp_path / "corpus")
    out = tmp_path / "shards"
    out.mkdir()
    shard = next(plan_shards(paths, 20))
    with pytest.raises(OSError, match="No space"):
        run_shard(shard, str(out), None, lambda document: [], "test")
    assert sorted(path.name for path in out.iterdir()) == []


def unit_of(*ids: str) -> Unit:
    documents = pa.table({"id": list(ids)})
    return Unit(len(ids), 0, documents, pa.table({"doc_id": list(ids)}))


def test_finished_shards_are_gathered_into_writes_of_a_batch_with_distinct_ids() -> None:
    """Shards are small so workers finish together, writes are whole batches: a write's fixed cost
    is paid once per batch. A repeated id still starts a new write, so the later version wins."""
    gathered = Gathered(4)
    units = [unit_of("a", "b"), unit_of("c"), unit_of("d", "e"), unit_of("f"), unit_of("f", "g"), Unit(3)]
    writes = [write for unit in units for write in gathered.add([unit])] + list(gathered.rest())
    assert [write.documents.column("id").to_pylist() if write.documents else None for write in writes] == [
        ["a", "b", "c"],
        ["d", "e", "f"],
        ["f", "g"],
    ]
    assert [write.read for write in writes] == [3, 3, 5]  # the unit with nothing to write is counted
    assert writes[0].claims is not None and writes[0].claims.column("doc_id").to_pylist() == ["a", "b", "c"]
    assert list(Gathered(4).rest()) == []
