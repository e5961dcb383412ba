"""Fixture stores for report tests: a real store (store.connect makes the schema) filled from JSONL rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import ROOT

from metrics.records import CLAIM_FIELDS
from metrics.store.database import connect

EXAMPLE_DOCUMENTS = ROOT / "examples" / "us_russia.jsonl"
EXAMPLE_CLAIMS = ROOT / "tests" / "fixtures" / "example_claims.jsonl"

CLAIM_COLUMNS = [*(field.name for field in CLAIM_FIELDS), "extractor_version"]
"""Every column of a claim (the one definition in metrics.records), so a fixture may give any of them."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_store(db_path: Path, documents: list[dict[str, Any]], claims: list[dict[str, Any]]) -> Path:
    """A DuckDB file with the agreed schema holding these documents and claim records."""
    con = connect(db_path)
    try:
        for doc in documents:
            con.execute(
                "INSERT INTO documents (id, source, title, published, text, content_hash, path, ingested_at, "
                "extractor_version) "
                "VALUES (?, ?, ?, ?, ?, md5(?), NULL, TIMESTAMP '2020-01-01 00:00:00', 'fixture')",
                [
                    doc["id"],
                    doc.get("source"),
                    doc.get("title"),
                    doc.get("published"),
                    doc["text"],
                    doc["text"],
                ],
            )
        placeholders = ", ".join("?" for _ in CLAIM_COLUMNS)
        columns = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
        for claim in claims:
            row = {"extractor_version": "fixture", **claim}
            row["entities"] = row.get("entities") or []
            con.execute(
                f"INSERT INTO claims ({columns}) VALUES ({placeholders})", [row.get(c) for c in CLAIM_COLUMNS]
            )
    finally:
        con.close()
    return db_path


def build_example_store(db_path: Path) -> Path:
    """The store `make reports` gets from examples/, with the claims the extractor is meant to find."""
    return build_store(db_path, read_jsonl(EXAMPLE_DOCUMENTS), read_jsonl(EXAMPLE_CLAIMS))
