"""Concurrent use, done for real: two ingests at once, `make reports` beside a running ingest, and the
DuckDB shell. Each command finishes or waits (saying so, for a stated time) or exits with one line
naming the holder: never a traceback, never a damaged file."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, need
from store_fixture import BIN

from metrics.store.database import open_store

HOLDER = re.compile(r"is in use by another process \((?P<program>[^,]+), PID (?P<pid>\d+)\)")


def metrics(*args: str | Path) -> list[str]:
    command = BIN / "metrics"
    if not command.exists():
        pytest.skip("the metrics command is not installed beside this Python")
    return [str(command), *map(str, args)]


def corpus_slice(tmp_path: Path, name: str, start: int, stop: int) -> Path:
    lines = need(CORPUS / "reuters21578.jsonl").read_text(encoding="utf-8").splitlines()[start:stop]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assert_well_behaved(returncode: int, stderr: str) -> None:
    """Success, or exit 3 whose last line names the process holding the store; no traceback either way."""
    assert "Traceback" not in stderr, stderr
    if returncode != 0:
        assert returncode == 3, stderr
        assert HOLDER.search(stderr.strip().splitlines()[-1]), stderr
    for line in stderr.strip().splitlines():
        assert line.startswith(("metrics: ", "wrote ")), line
        if "waiting up to" in line:
            assert HOLDER.search(line), line


def store_rows(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    store = open_store(db)
    documents = store.query("SELECT id, content_hash, extractor_version FROM documents ORDER BY id")
    claims = store.query(
        "SELECT claim_id, doc_id, metric, value, period_start, period_end FROM claims ORDER BY 1"
    )
    return (
        list(documents.astype(str).itertuples(index=False, name=None)),
        list(claims.astype(str).itertuples(index=False, name=None)),
    )


@pytest.mark.slow
def test_two_ingests_at_once_both_finish_with_every_claim_once(tmp_path: Path) -> None:
    first = corpus_slice(tmp_path, "first.jsonl", 0, 1200)
    second = corpus_slice(tmp_path, "second.jsonl", 800, 2000)  # 400 articles in both
    db = tmp_path / "shared.duckdb"  # created by whichever starts first: a race on a new file too
    runs = [
        subprocess.Popen(
            metrics("ingest", source, "--db", db, "--batch-size", "100", "--wait", "120"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for source in (first, second)
    ]
    outcomes = [(run.wait(timeout=900), run.stderr.read() if run.stderr else "") for run in runs]
    for returncode, stderr in outcomes:
        print(stderr.strip())
        assert_well_behaved(returncode, stderr)
        assert returncode == 0, stderr  # with a wait this long, both get their turn

    reference = tmp_path / "reference.duckdb"
    for source in (first, second):
        subprocess.run(
            metrics("ingest", source, "--db", reference), capture_output=True, check=True, timeout=900
        )
    assert store_rows(db) == store_rows(reference)


@pytest.mark.slow
def test_make_reports_beside_a_running_ingest_waits_or_names_the_holder(tmp_path: Path) -> None:
    corpus = corpus_slice(tmp_path, "corpus.jsonl", 0, 2000)
    db = tmp_path / "m.duckdb"
    subprocess.run(
        metrics("ingest", ROOT / "examples", "--db", db), capture_output=True, check=True, timeout=300
    )
    long_ingest = subprocess.Popen(
        metrics("ingest", corpus, "--db", db, "--batch-size", "100", "--wait", "120"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while open_store(db, wait=60).counts()["documents"] < 200 and time.monotonic() < deadline:
            time.sleep(0.5)  # let it get going: from here on it holds the file batch after batch
        assert long_ingest.poll() is None, "the ingest finished before the reports started"
        # What `make reports` runs, with the output kept in tmp_path.
        out = tmp_path / "reports"
        steps = [
            metrics("ingest", ROOT / "examples", "--db", db),
            metrics("report", "--all", "--db", db, "--out", out, "--reports", ROOT / "reports"),
        ]
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True, timeout=600, cwd=ROOT)
            print(result.returncode, result.stderr.strip())
            assert_well_behaved(result.returncode, result.stderr)
    finally:
        returncode = long_ingest.wait(timeout=900)
    assert returncode == 0 and long_ingest.stderr is not None
    assert_well_behaved(returncode, long_ingest.stderr.read())
    reference = tmp_path / "reference.duckdb"
    for source in (ROOT / "examples", corpus):
        subprocess.run(
            metrics("ingest", source, "--db", reference), capture_output=True, check=True, timeout=900
        )
    assert store_rows(db) == store_rows(reference)


def test_make_shell_is_read_only_and_works_beside_a_finished_ingest(tmp_path: Path) -> None:
    make = shutil.which("make")
    if make is None or not (BIN / "duckdb").exists():
        pytest.skip("make or the duckdb shell is not available")
    db = tmp_path / "m.duckdb"
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "a", "text": "Exports rose to $5 billion in 2019."}\n', encoding="utf-8")
    subprocess.run(metrics("ingest", source, "--db", db), capture_output=True, check=True, timeout=300)
    shell = subprocess.Popen(
        [make, "-s", "-o", ".venv/.installed", "-C", str(ROOT), "shell", f"DB={db}"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(0.1)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until the shell has the file open
            if subprocess.run(
                metrics("ingest", source, "--db", db, "--wait", "0"), capture_output=True
            ).returncode:
                break
            time.sleep(0.2)
        beside = subprocess.run(
            metrics("series", "exports", "--db", db, "--wait", "0"), capture_output=True, text=True
        )
        blocked = subprocess.run(
            metrics("ingest", source, "--db", db, "--wait", "0.5"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        stdout, stderr = shell.communicate(
            "SELECT count(*) AS n FROM documents;\nCREATE TABLE scratch (x INTEGER);\n", timeout=60
        )
    finally:
        if shell.poll() is None:
            shell.kill()
    assert beside.returncode == 0, beside.stderr  # readers share the file with the read-only shell
    assert blocked.returncode == 3 and "Traceback" not in blocked.stderr
    lines = blocked.stderr.strip().splitlines()
    assert "waiting up to 0.5 s" in lines[0] and HOLDER.search(lines[0])["program"] == "duckdb"
    assert HOLDER.search(lines[-1]) and "--wait" in lines[-1]
    assert "1" in stdout.split() and "read-only" in stderr.lower()
    assert (
        open_store(db).counts() == {"documents": 1, "claims": 1} or open_store(db).counts()["documents"] == 1
    )
