"""The store commands as a user runs them: one line per problem, exit codes, no tracebacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_invoke import Ran, invoke
from store_fixture import build_fixture_store, lock_held_elsewhere

from metrics.pipeline import run
from metrics.pipeline.options import IngestOptions
from metrics.store import database as store
from metrics.store.database import open_store


def metrics_cli(*args: str, cwd: Path | None = None) -> Ran:
    return invoke(*args, cwd=cwd)


def test_ingest_without_options_runs_as_the_library_and_waits_as_report_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `metrics ingest` hands the library when no option is given: the library's own batch size, and
    the wait every other command (report, series) uses."""
    seen: dict[str, Any] = {}

    def record(paths: Any, db_path: Any, options: IngestOptions, **_: Any) -> Any:
        seen["options"] = options
        raise SystemExit(0)

    monkeypatch.setattr(run, "run_ingest", record)
    assert (
        metrics_cli("ingest", str(tmp_path / "x.jsonl"), "--db", str(tmp_path / "m.duckdb")).returncode == 0
    )
    assert seen["options"].batch_size == IngestOptions().batch_size
    assert seen["options"].wait == store.DEFAULT_WAIT_SECONDS


@pytest.mark.parametrize("fmt", store.EXPORT_FORMATS)
def test_export_takes_every_format_the_store_writes(tmp_path: Path, fmt: str) -> None:
    db = build_fixture_store(tmp_path / "m.duckdb")
    result = metrics_cli("export", "--format", fmt, "--out", str(tmp_path / "out"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert {Path(line).suffix for line in result.stdout.split()} == {f".{fmt}"}


def test_bad_input_is_named_and_the_rest_ingested(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 400)
    (inbox / "sub" / "cafe.txt").write_bytes("Le café a vendu 40 tasses.\n".encode("cp1252"))
    (inbox / "good.md").write_text("The mill cut 300 logs in 2020.\n", encoding="utf-8")
    (inbox / "feed.jsonl").write_text(
        '{"id": "f1", "text": "A fine line."}\n{not json\n{"id": "f3", "title": "no text"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "out" / "m.duckdb"
    result = metrics_cli("ingest", str(inbox), "--db", str(db))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    problems = [line for line in lines if line.startswith("metrics: skipped")]
    assert len(problems) == 4
    assert any("empty.txt" in line and "empty" in line for line in problems)
    assert any("picture.txt" in line and "binary" in line for line in problems)
    assert any("feed.jsonl:2" in line and "JSON" in line for line in problems)
    assert any("feed.jsonl:3" in line and "text" in line for line in problems)
    assert lines[-1].startswith("metrics: 3 documents read: 3 added") and "4 rejected" in lines[-1]
    texts = open_store(db).query("SELECT text FROM documents ORDER BY text")["text"].tolist()
    assert texts[1].startswith("Le café")


def test_a_clean_ingest_exits_zero_and_summarises(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "x", "text": "Exports were $2 billion."}\n', encoding="utf-8")
    db = tmp_path / "m.duckdb"
    result = metrics_cli("ingest", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # the summary; no bar when stderr is not a terminal
    assert "1 documents read: 1 added" in result.stderr and str(db) in result.stderr
    again = metrics_cli("ingest", str(source), "--db", str(db))
    assert again.returncode == 0 and "0 added, 0 replaced, 1 unchanged" in again.stderr


def test_a_locked_store_is_one_plain_line(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "x", "text": "Six boats."}\n', encoding="utf-8")
    assert metrics_cli("ingest", str(source), "--db", str(db)).returncode == 0
    with lock_held_elsewhere(db) as pid:
        result = metrics_cli("ingest", str(source), "--db", str(db), "--wait", "0.3")
        series = metrics_cli("series", "trade", "--db", str(db), "--wait", "0")
    assert result.returncode == 3 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert "waiting up to 0.3 s" in lines[0] and f"PID {pid}" in lines[0]
    assert f"PID {pid}" in lines[-1] and "--wait" in lines[-1]
    assert series.returncode == 3 and len(series.stderr.strip().splitlines()) == 1


def test_series_prints_a_table_or_csv(tmp_path: Path) -> None:
    db = build_fixture_store(tmp_path / "m.duckdb")
    table = metrics_cli("series", "trade", "--entity", "Russia", "--entity", "United States", "--db", str(db))
    assert table.returncode == 0, table.stderr
    assert "2014-01-01" in table.stdout and "n_sources" in table.stdout
    csv = metrics_cli("series", "trade", "--grain", "year", "--format", "csv", "--db", str(db))
    rows = csv.stdout.strip().splitlines()
    assert rows[0].startswith("metric,item,subject,counterpart") and len(rows) == 4


def test_series_with_hostile_input_finds_nothing_and_harms_nothing(tmp_path: Path) -> None:
    db = build_fixture_store(tmp_path / "m.duckdb")
    result = metrics_cli(
        "series", "trade'; DROP TABLE claims; --", "--entity", "x' OR '1'='1", "--db", str(db)
    )
    assert result.returncode == 2 and result.stdout == ""  # names the store does not know are an error
    assert "unknown metric" in result.stderr and "unknown entity" in result.stderr
    assert open_store(db).counts()["claims"] == 13


def test_series_of_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = metrics_cli("series", "trade", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 3 and "metrics ingest" in result.stderr and "Traceback" not in result.stderr


def test_export_writes_one_file_per_table(tmp_path: Path) -> None:
    db = build_fixture_store(tmp_path / "m.duckdb")
    result = metrics_cli("export", "--format", "parquet", "--out", str(tmp_path / "export"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert sorted(Path(line).name for line in result.stdout.split()) == [
        "claims.parquet",
        "conflicts.parquet",
        "documents.parquet",
        "series.parquet",
    ]


def test_reextract_reports_what_it_did(tmp_path: Path) -> None:
    db = build_fixture_store(tmp_path / "m.duckdb")  # written by the "fixture" extractor version
    result = metrics_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("metrics: 3 documents read") and "3 replaced" in result.stderr
    versions = open_store(db).query("SELECT DISTINCT extractor_version AS v FROM documents")["v"].tolist()
    assert versions != ["fixture"] and len(versions) == 1


def test_series_of_an_unknown_name_suggests_the_close_one_and_fails(tmp_path: Path) -> None:
    db = build_fixture_store(tmp_path / "m.duckdb")
    metric = metrics_cli("series", "trades", "--db", str(db))
    assert metric.returncode == 2 and metric.stdout == ""
    assert "unknown metric 'trades' (did you mean 'trade'?)" in metric.stderr
    assert "metrics vocabulary" in metric.stderr
    entity = metrics_cli("series", "trade", "--entity", "Rusia", "--db", str(db))
    assert entity.returncode == 2 and entity.stderr.strip().splitlines() == [
        "metrics: unknown entity 'Rusia' (did you mean 'Russia'?)"
    ]
