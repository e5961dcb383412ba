"""Fixture stores for report tests: the schema agreed with the store module, filled from JSONL rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DOCUMENTS = ROOT / "examples" / "us_russia.jsonl"
EXAMPLE_CLAIMS = ROOT / "tests" / "fixtures" / "example_claims.jsonl"

SCHEMA = """
CREATE TABLE documents(id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, published DATE, text VARCHAR,
    content_hash VARCHAR NOT NULL, path VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE claims(claim_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, metric VARCHAR NOT NULL,
    subject VARCHAR, counterpart VARCHAR, entities VARCHAR[], value DOUBLE NOT NULL, low DOUBLE, high DOUBLE,
    unit VARCHAR NOT NULL, qualifier VARCHAR NOT NULL, status VARCHAR NOT NULL, change VARCHAR,
    period_start DATE, period_end DATE, grain VARCHAR NOT NULL, period_text VARCHAR, published DATE,
    start INTEGER, "end" INTEGER, surface VARCHAR, quote VARCHAR, extractor_version VARCHAR NOT NULL);
"""

CLAIM_COLUMNS = [
    *("claim_id", "doc_id", "metric", "subject", "counterpart", "entities", "value", "low", "high", "unit"),
    *("qualifier", "status", "change", "period_start", "period_end", "grain", "period_text", "published"),
    *("start", "end", "surface", "quote", "extractor_version"),
]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_store(db_path: Path, documents: list[dict[str, Any]], claims: list[dict[str, Any]]) -> Path:
    """A DuckDB file with the agreed schema holding these documents and claim records."""
    con = duckdb.connect(str(db_path))
    try:
        con.execute(SCHEMA)
        for doc in documents:
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, md5(?), ?, NULL)",
                [
                    doc["id"],
                    doc.get("source"),
                    doc.get("title"),
                    doc.get("published"),
                    doc["text"],
                    doc["text"],
                    None,
                ],
            )
        placeholders = ", ".join("?" for _ in CLAIM_COLUMNS)
        for claim in claims:
            row = {"extractor_version": "fixture", **claim}
            con.execute(f"INSERT INTO claims VALUES ({placeholders})", [row.get(c) for c in CLAIM_COLUMNS])
    finally:
        con.close()
    return db_path


def build_example_store(db_path: Path) -> Path:
    """The store `make reports` gets from examples/, with the claims the extractor is meant to find."""
    return build_store(db_path, read_jsonl(EXAMPLE_DOCUMENTS), read_jsonl(EXAMPLE_CLAIMS))
