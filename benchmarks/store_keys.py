"""Why the store has no primary or foreign keys (docs/performance.md, "Ingest that stays linear"): the
cost of writing the same batches three ways, each in its own process so its peak memory is its own.

`keys, close per batch` is schema 1 (keys on documents.id, claims.claim_id and claims.doc_id), with
the file opened and closed around each batch as ingest does; `keys, one checkpoint` keeps one
connection for the whole run; `no keys, close per batch` is schema 2. Claims come from a cheap
stand-in extractor (each number token a claim, six per document at most, about what the real
extractor finds in Reuters), so the figures are the store's, not extraction's.

    python -m benchmarks.store_keys INPUT.jsonl [--batch-size 2000]
    python -m benchmarks.store_keys INPUT.jsonl --memory-limit 64MB   # schema 2, a fixed DuckDB limit

(`write_batch` sets its own limit since; the variants here override it with the one asked for, or
with DuckDB's default, so the figures stay those of docs/performance.md.)
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from metrics.link.extract import claim_id
from metrics.pipeline.ingest import batches, extract_batch
from metrics.read.documents import read_documents
from metrics.records import Claim, Document
from metrics.store.writes import write_batch

VARIANTS = ("keys, close per batch", "keys, one checkpoint", "no keys, close per batch")
_NUMBER = re.compile(r"\d[\d,.]*")
KEYED = {
    "id VARCHAR NOT NULL": "id VARCHAR PRIMARY KEY",
    '"claim_id" VARCHAR NOT NULL': '"claim_id" VARCHAR PRIMARY KEY',
    '"doc_id" VARCHAR NOT NULL': '"doc_id" VARCHAR NOT NULL REFERENCES documents (id)',
}
"""Schema 1's keys, put back into schema 2's DDL."""


def numbers_as_claims(document: Document) -> list[Claim]:
    found = []
    for match in list(_NUMBER.finditer(document.text))[:6]:
        found.append(
            Claim(
                doc_id=document.id,
                claim_id=claim_id(document.id, match.start(), match.end(), "count"),
                metric="count",
                subject=None,
                counterpart=None,
                value=1.0,
                low=None,
                high=None,
                unit="count",
                qualifier="exact",
                status="actual",
                period_start=None,
                period_end=document.published,
                grain="as_of",
                start=match.start(),
                end=match.end(),
                surface=match[0],
                quote=match[0],
                published=document.published,
            )
        )
    return found


def tables_ddl(keys: bool) -> str:
    from metrics.store.schema import TABLES

    ddl = TABLES
    if keys:
        for plain, keyed in KEYED.items():
            ddl = ddl.replace(plain, keyed, 1)
    return ddl


def child(source: str, database: str, variant: str, batch_size: int, memory_limit: str = "") -> None:
    keys = variant.startswith("keys")
    once = variant == "keys, one checkpoint"
    setup = duckdb.connect(database)
    setup.execute(tables_ddl(keys))
    setup.close()
    write_cpu = close_cpu = 0.0
    con = duckdb.connect(database) if once else None
    for batch in batches(read_documents([source], on_error=lambda error: None), batch_size):
        documents, claims = extract_batch(batch, extractor=numbers_as_claims, extractor_version="bench")
        started = time.process_time()
        target = con or duckdb.connect(database)
        _limit(target, memory_limit)
        write_batch(target, documents, claims)
        _limit(target, memory_limit)  # write_batch set its own; the close below checkpoints under ours
        write_cpu += time.process_time() - started
        if con is None:
            started = time.process_time()
            target.close()
            close_cpu += time.process_time() - started
    if con is not None:
        started = time.process_time()
        con.close()
        close_cpu += time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"write_cpu": write_cpu, "close_cpu": close_cpu, "peak_rss_mb": peak}))


def _limit(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    con.execute(f"SET memory_limit = '{memory_limit}'" if memory_limit else "RESET memory_limit")


def main(source: str, batch_size: int, memory_limit: str = "") -> None:
    with tempfile.TemporaryDirectory(prefix="metrics-keys-") as scratch:
        print(f"{'variant':<28}{'write CPU s':>12}{'close CPU s':>12}{'peak RSS MB':>13}")
        variants = VARIANTS[2:] if memory_limit else VARIANTS
        for number, variant in enumerate(variants):
            command = [sys.executable, "-m", "benchmarks.store_keys", "--child", source]
            command += [str(Path(scratch) / f"{number}.duckdb"), variant, str(batch_size), memory_limit]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            figures = json.loads(out.strip().splitlines()[-1])
            print(
                f"{variant:<28}{figures['write_cpu']:>12.2f}{figures['close_cpu']:>12.2f}"
                f"{figures['peak_rss_mb']:>13.0f}"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
    else:
        size = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--batch-size" else 2000
        limit = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--memory-limit" else ""
        main(sys.argv[1], size, limit)
