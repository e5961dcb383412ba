"""Engines under the bad things a user or the system does to them, done for real in child processes:
the parent of `--jobs 2` SIGKILLed (its workers must exit), a worker SIGKILLed (one line naming what
was lost, committed batches kept), Ctrl-C sent to the whole process group as a terminal sends it
(one line, no traceback) under `--jobs 2` and Dask, and a Dask worker that dies while the local
cluster starts (one line)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from engine_corpus import article
from store_fixture import BIN

from metrics.store.database import open_store

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")

SLOW_EXTRACTOR = """
import time
from metrics.link.extract import claims_from_document

def slow(document):
    time.sleep(0.05)
    return claims_from_document(document)
"""

RUN = """
import sys
sys.path.insert(0, sys.argv[1])
from slow import slow
from metrics.errors import MetricsError
from metrics.pipeline.engines import process_pool
from metrics.pipeline.ingest import ingest
from metrics.pipeline.options import IngestOptions

if __name__ == "__main__":
    try:
        options = IngestOptions(jobs=2, batch_size=10, extractor=slow, wait=30)
        ingest([sys.argv[2]], sys.argv[3], options, process_pool)
    except MetricsError as error:
        print(f"metrics: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
"""


def feed(folder: Path, articles: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "feed.jsonl"
    path.write_text("".join(json.dumps(article(n)) + "\n" for n in range(articles)), encoding="utf-8")
    return path


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(word) for word in text.split()]


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def workers_of(pid: int) -> list[int]:
    """The pool's worker processes (not multiprocessing's resource tracker)."""
    found = []
    for child in children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command and b"resource_tracker" not in command:
            found.append(child)
    return found


def wait_for(condition: Callable[[], object], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {seconds} s")
        time.sleep(0.05)


def start_slow_run(tmp_path: Path, articles: int = 200) -> tuple[subprocess.Popen[str], Path]:
    (tmp_path / "slow.py").write_text(SLOW_EXTRACTOR, encoding="utf-8")
    (tmp_path / "run.py").write_text(RUN, encoding="utf-8")
    db = tmp_path / "m.duckdb"
    source = feed(tmp_path / "in", articles)
    process = subprocess.Popen(
        [sys.executable, str(tmp_path / "run.py"), str(tmp_path), str(source), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, db


def test_the_workers_exit_when_the_parent_is_sigkilled(tmp_path: Path) -> None:
    process, _db = start_slow_run(tmp_path)
    try:
        wait_for(lambda: len(workers_of(process.pid)) == 2, 60)
        workers = workers_of(process.pid)
        process.kill()
        process.wait(timeout=30)
        wait_for(lambda: not any(alive(pid) for pid in workers), 10)
    finally:
        process.kill()
        process.communicate(timeout=30)


def test_a_sigkilled_worker_is_one_line_naming_what_was_lost(tmp_path: Path) -> None:
    process, db = start_slow_run(tmp_path)
    try:
        wait_for(lambda: len(workers_of(process.pid)) == 2 and db.exists(), 60)
        wait_for(lambda: open_store(db, wait=30).counts()["documents"] >= 20, 120)  # two batches committed
        os.kill(workers_of(process.pid)[0], signal.SIGKILL)
        _out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode != 0
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("metrics: a worker process died"), err
    assert "ids 'story-" in lines[0]
    kept = open_store(db, wait=30).counts()["documents"]
    assert kept >= 20 and kept % 10 == 0 and f"the {kept:,} before them are" in lines[0]


def metrics_command(*arguments: str) -> list[str]:
    metrics = BIN / "metrics"
    if not metrics.exists():
        pytest.skip("the metrics command is not installed beside this Python")
    return [str(metrics), *arguments]


def interrupt_when(command: list[str], ready: Callable[[int], object]) -> str:
    """Start `command` in a process group of its own, send SIGINT to the whole group (as a terminal's
    Ctrl-C does) once `ready(pid)`, and return its stderr."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        wait_for(lambda: ready(process.pid) or process.poll() is not None, 120)
        assert process.poll() is None, "the run ended before it could be interrupted"
        os.killpg(process.pid, signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=30)
    assert process.returncode == 130, err
    return err


def test_ctrl_c_of_two_jobs_prints_one_line(tmp_path: Path) -> None:
    source = feed(tmp_path / "in", 3000)
    command = metrics_command("ingest", str(source), "--db", str(tmp_path / "m.duckdb"), "--jobs", "2")
    err = interrupt_when(command, lambda pid: len(workers_of(pid)) == 2 and time.sleep(0.5) is None)
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.strip()] == ["metrics: interrupted"]


@pytest.mark.slow  # starts a LocalCluster and interrupts it mid-run
def test_ctrl_c_of_a_dask_ingest_prints_one_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    source = feed(tmp_path / "in", 3000)
    db = tmp_path / "m.duckdb"
    command = metrics_command(
        "ingest", str(source), "--db", str(db), "--engine", "dask", "--batch-size", "100"
    )
    shards = Path(f"{db}.shards")
    err = interrupt_when(command, lambda pid: shards.exists() and any(shards.glob("*.done.json")))
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.strip()] == ["metrics: interrupted"]


def test_a_worker_that_dies_while_the_local_cluster_starts_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    dying = tmp_path / "die_at_start.py"
    dying.write_text("import os\nos._exit(3)\n", encoding="utf-8")
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__PRELOAD": json.dumps([str(dying)])}
    source = feed(tmp_path / "in", 20)
    command = metrics_command("ingest", str(source), "--db", str(tmp_path / "m.duckdb"), "--engine", "dask")
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("metrics: cannot start or reach a local Dask cluster"), (
        result.stderr
    )


def test_the_lock_line_is_printed_once(tmp_path: Path) -> None:
    """A shell that keeps taking the file for a moment (as an analyst running queries does): the ingest
    waits at several of its connections and says so once."""
    db = tmp_path / "m.duckdb"
    source = feed(tmp_path / "in", 12)
    subprocess.run(metrics_command("ingest", str(source), "--db", str(db)), check=True, capture_output=True)
    changed = feed(tmp_path / "changed", 0)
    changed.write_text(
        "".join(
            json.dumps({**article(n), "text": f"Port {n} moved {n + 5} ships in 2019."}) + "\n"
            for n in range(12)
        ),
        encoding="utf-8",
    )
    stop = tmp_path / "stop"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys, time, duckdb
                from pathlib import Path
                started = False
                while not Path(sys.argv[2]).exists():
                    try:
                        con = duckdb.connect(sys.argv[1], config={"storage_compatibility_version": "v1.5.0"})
                    except duckdb.IOException:  # the ingest has it this moment: take it when it lets go
                        time.sleep(0.01)
                        continue
                    if not started:
                        print("holding", flush=True)
                        started = True
                    time.sleep(0.4)
                    con.close()
                    time.sleep(0.05)
                """
            ),
            str(db),
            str(stop),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        result = subprocess.run(
            metrics_command("ingest", str(changed), "--db", str(db), "--batch-size", "2", "--wait", "30"),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        stop.touch()
        holder.communicate(timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("waiting up to") == 1, result.stderr
