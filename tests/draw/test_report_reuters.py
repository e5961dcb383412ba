"""Reports work on any store: the US trade deficit from 1987 Reuters articles (skips without the corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, need

from metrics.draw.index_page import render_reports
from metrics.errors import ReportError

DEFINITION = ROOT / "tests" / "fixtures" / "reports_reuters" / "us_trade_deficit.toml"


# Needs the store (metrics.pipeline.ingest) and an extractor that yields claims whose metric contains
# "trade deficit" (the vocabulary keeps a balance's sign in its name), with subject "United States",
# no counterpart, unit "USD" and grain "year".
def test_the_us_trade_deficit_from_reuters_renders_real_figures(tmp_path: Path) -> None:
    corpus = need(CORPUS / "reuters21578.jsonl")
    ingest = pytest.importorskip(
        "metrics.pipeline.ingest", reason="needs the store (metrics.pipeline.ingest)"
    ).ingest
    subset = tmp_path / "trade_deficit.jsonl"  # only the articles that mention it: a small, quick store
    with corpus.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as target:
        target.writelines(line for line in source if "trade deficit" in line.lower())
    db = tmp_path / "reuters.duckdb"
    ingest([str(subset)], str(db))
    failures: list[ReportError] = []
    out = tmp_path / "out"
    written = render_reports([DEFINITION], db, out, on_error=failures.append)
    if failures:
        raise failures[0]
    assert written == [out / "us_trade_deficit.png"]
    alt = (out / "us_trade_deficit.txt").read_text(encoding="utf-8")
    assert "Reuters-21578" in alt
    assert "$" in alt and "bn" in alt


@pytest.mark.slow
def test_every_reuters_sample_report_draws_from_the_whole_corpus(tmp_path: Path) -> None:
    """What `make reports-reuters` runs: a definition that draws nothing (its metric renamed, an entity
    the extractor now knows) fails here before a user meets it."""
    corpus = need(CORPUS / "reuters21578.jsonl")
    from metrics.pipeline.ingest import ingest

    db = tmp_path / "reuters.duckdb"
    ingest([str(corpus)], str(db))
    definitions = sorted((ROOT / "reports_reuters").glob("*.toml"))
    failures: list[ReportError] = []
    written = render_reports(definitions, db, tmp_path / "out", on_error=failures.append)
    assert not failures, [str(f) for f in failures]
    assert len(written) == len(definitions) >= 6
