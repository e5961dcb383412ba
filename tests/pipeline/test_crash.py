"""Crash safety, done for real: `metrics ingest` killed with SIGKILL at random moments, then re-run,
ends with exactly the claims of an uninterrupted run; after every kill each stored document has its
whole set of claims or is absent. Uses the first few thousand Reuters articles from ../shared."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import CORPUS, need
from store_fixture import BIN

from metrics.store.database import open_store
from metrics.store.writes import CLAIM_SCHEMA

DOCUMENTS = 2500
KILLS = 24
BATCH = 50
"""Small batches so that kills land in every phase: reading, extracting, writing, committing, closing."""
SEED = 6
CLAIM_COLUMNS = ", ".join(f'"{name}"' for name in CLAIM_SCHEMA.names)
DOC_ID = CLAIM_SCHEMA.names.index("doc_id")


def ingest_command(source: Path, db: Path) -> list[str]:
    metrics = BIN / "metrics"
    if not metrics.exists():
        pytest.skip("the metrics command is not installed beside this Python")
    return [str(metrics), "ingest", str(source), "--db", str(db), "--batch-size", str(BATCH)]


def run_to_the_end(source: Path, db: Path) -> float:
    started = time.monotonic()
    result = subprocess.run(ingest_command(source, db), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def claims_by_document(db: Path) -> dict[str, set[tuple[object, ...]]]:
    frame = open_store(db).query(f"SELECT {CLAIM_COLUMNS} FROM claims")
    grouped: dict[str, set[tuple[object, ...]]] = {}
    for row in frame.astype(str).itertuples(index=False, name=None):
        grouped.setdefault(str(row[DOC_ID]), set()).add(row)
    return grouped


def documents_of(db: Path) -> dict[str, tuple[str, str]]:
    frame = open_store(db).query("SELECT id, content_hash, extractor_version FROM documents")
    return {row.id: (row.content_hash, row.extractor_version) for row in frame.itertuples()}


@pytest.mark.slow
def test_sigkill_at_random_moments_then_a_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    lines = need(CORPUS / "reuters21578.jsonl").read_text(encoding="utf-8").splitlines()[:DOCUMENTS]
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    reference = tmp_path / "reference.duckdb"
    full = run_to_the_end(source, reference)
    idle = run_to_the_end(source, reference)  # start-up plus the content-hash check, nothing to write
    expected_documents = documents_of(reference)
    expected_claims = claims_by_document(reference)
    assert len(expected_documents) == DOCUMENTS and sum(map(len, expected_claims.values())) > 3 * DOCUMENTS

    # Each run is killed after a random delay, on average half the horizon: about 2/KILLS of the work.
    horizon = idle + 4 * max(full - idle, 1.0) / KILLS
    rng = random.Random(SEED)
    crashed = tmp_path / "crashed.duckdb"
    kills = attempts = 0
    progress: list[int] = []
    while kills < KILLS and attempts < 3 * KILLS:
        attempts += 1
        process = subprocess.Popen(
            ingest_command(source, crashed), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        try:
            _, stderr = process.communicate(timeout=rng.uniform(0.0, horizon))
            assert process.returncode == 0 and "Traceback" not in stderr, stderr
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.communicate()
            kills += 1
        if not crashed.exists():
            progress.append(0)
            continue
        stored = documents_of(crashed)
        claims = claims_by_document(crashed)
        progress.append(len(stored))
        for doc_id, state in stored.items():  # no document with a partial (or doubled) set of claims
            assert state == expected_documents[doc_id], doc_id
            assert claims.get(doc_id, set()) == expected_claims.get(doc_id, set()), doc_id
        assert set(claims) <= set(stored)
    assert kills >= 20, f"only {kills} runs were still going when killed"
    assert max(progress) > 0, progress  # some kills landed after writing had begun

    print(f"{kills} kills in {attempts} runs; documents stored after each run: {progress}")
    run_to_the_end(source, crashed)
    assert documents_of(crashed) == expected_documents
    assert claims_by_document(crashed) == expected_claims
