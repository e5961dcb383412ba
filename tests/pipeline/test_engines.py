"""`--jobs N` on local cores: the same store as one process, bad input still named, 0 = all cores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from engine_corpus import exits_on_coffee, snapshot, write_corpus
from store_fixture import BIN

from metrics.errors import EngineError, InputError, UsageError
from metrics.pipeline.engines import chunks, cores, extract_chunk, process_pool, resolve_jobs
from metrics.pipeline.ingest import ingest
from metrics.pipeline.options import IngestOptions, IngestSummary
from metrics.pipeline.run import run_ingest
from metrics.records import Claim, Document


def parallel(paths: list[str], db: Path, **options: Any) -> IngestSummary:
    return ingest(paths, db, IngestOptions(**options), process_pool)


def test_two_processes_store_exactly_what_one_stores(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus")
    one_errors: list[InputError] = []
    two_errors: list[InputError] = []
    one = ingest(paths, tmp_path / "one.duckdb", IngestOptions(batch_size=10, on_error=one_errors.append))
    two = parallel(paths, tmp_path / "two.duckdb", jobs=2, batch_size=10, on_error=two_errors.append)
    documents, claims = snapshot(tmp_path / "one.duckdb")
    assert len(documents) == 50 and len(claims) > 100
    assert snapshot(tmp_path / "two.duckdb") == (documents, claims)
    assert (two.documents_read, two.documents_added, two.documents_replaced, two.claims_written) == (
        one.documents_read,
        one.documents_added,
        one.documents_replaced,
        one.claims_written,
    )
    assert [str(error) for error in two_errors] == [str(error) for error in one_errors]
    assert len(one_errors) == 1 and "feed-a.jsonl:8: not valid JSON" in str(one_errors[0])


def test_a_second_parallel_run_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus")
    db = tmp_path / "m.duckdb"
    parallel(paths, db, jobs=2, batch_size=16)
    before = snapshot(db)
    again = parallel(paths, db, jobs=2, batch_size=16)
    assert snapshot(db) == before
    # only the id that the input holds twice is replaced (by its first, then its second version)
    assert (again.documents_read, again.documents_added, again.documents_replaced) == (51, 0, 2)
    assert again.documents_unchanged == 49


def test_jobs_zero_means_every_core_and_negative_is_refused() -> None:
    assert resolve_jobs(0) == cores() >= 1
    assert resolve_jobs(3) == 3
    with pytest.raises(UsageError, match="--jobs"):
        resolve_jobs(-1)


def test_chunks_keep_input_order_and_cover_every_document() -> None:
    documents = [Document(id=str(n), text=f"{n} boats") for n in range(23)]
    pieces = chunks(documents, 2)
    assert [document.id for piece in pieces for document in piece] == [str(n) for n in range(23)]
    assert len(pieces) == 8


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--engine dask"):
        run_ingest(["x.jsonl"], tmp_path / "m.duckdb", IngestOptions(scheduler="tcp://127.0.0.1:8786"))


def test_the_cli_ingests_with_two_jobs(tmp_path: Path) -> None:
    metrics = BIN / "metrics"
    if not metrics.exists():
        pytest.skip("the metrics command is not installed beside this Python")
    paths = write_corpus(tmp_path / "corpus")
    db = tmp_path / "m.duckdb"
    result = subprocess.run(
        [str(metrics), "ingest", *paths, "--db", str(db), "--jobs", "2", "--batch-size", "20"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr  # the bad line is rejected, the rest stored
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip().splitlines()[-1].startswith("metrics: 51 documents read: 50 added, 1 replaced")
    )


def dies(document: Document) -> list[Claim]:
    """An extractor that kills its worker process, as the out-of-memory killer would."""
    os._exit(3)


def test_a_worker_that_dies_is_one_clear_error(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus", articles=8)
    with pytest.raises(EngineError, match="worker process died"):
        parallel(paths, tmp_path / "m.duckdb", jobs=2, extractor=dies)


def test_f_g_f_with_a_repeated_id_stores_the_last_occurrence_on_two_jobs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    f, g = folder / "f.jsonl", folder / "g.jsonl"
    f.write_text(json.dumps({"id": "same", "text": "Mills cut 40 logs in 2019."}) + "\n", encoding="utf-8")
    g.write_text(json.dumps({"id": "same", "text": "Farms sold 70 sheep in 2020."}) + "\n", encoding="utf-8")
    paths = [str(f), str(g), str(f)]
    one = ingest(paths, tmp_path / "one.duckdb")
    two = parallel(paths, tmp_path / "two.duckdb", jobs=2)
    assert snapshot(tmp_path / "two.duckdb") == snapshot(tmp_path / "one.duckdb")
    assert (two.documents_read, two.documents_added, two.documents_replaced) == (3, 1, 2)
    assert (one.documents_read, one.documents_added, one.documents_replaced) == (3, 1, 2)
    stored = snapshot(tmp_path / "two.duckdb")[0]
    assert [row[4] for row in stored] == ["Mills cut 40 logs in 2019."]


def test_a_worker_task_loads_no_store_connection_pandas_tqdm_or_dask() -> None:
    """What a pool or Dask worker imports to run its task (the module of extract_chunk and of
    run_shard): its start is on the critical path of every parallel run, so the driver's modules
    (store connection, pandas, tqdm) and Dask itself stay out of it."""
    check = (
        "import sys; import metrics.pipeline.extraction, metrics.pipeline.shards; "
        "print(sorted(m for m in ('pandas', 'tqdm', 'distributed', 'metrics.store.database', "
        "'metrics.pipeline.ingest') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
    assert extract_chunk.__module__ == "metrics.pipeline.extraction"


def test_an_extractor_that_calls_sys_exit_loses_its_documents_not_the_run(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus", articles=20)
    errors: list[InputError] = []
    summary = parallel(
        paths, tmp_path / "m.duckdb", jobs=2, batch_size=4, extractor=exits_on_coffee, on_error=errors.append
    )
    failed = [str(e) for e in errors if "extractor failed" in str(e)]
    assert len(failed) == 4 and all("SystemExit" in e for e in failed)  # stories 4, 9, 14 and 19
    assert summary.documents_added == 22 and summary.claims_written > 40
