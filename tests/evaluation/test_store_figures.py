"""make eval's Reuters-store figures count what the store holds."""

from __future__ import annotations

from pathlib import Path

import duckdb
from report_store_fixture import build_example_store

from evaluation.store_figures import store_lines


def test_the_figures_count_the_claims_in_the_store(tmp_path: Path) -> None:
    db = build_example_store(tmp_path / "m.duckdb")
    con = duckdb.connect(str(db))
    total, dated, number = con.execute(
        "SELECT count(*), count(*) FILTER (grain <> 'undated'), count(*) FILTER (unit = 'number') FROM claims"
    ).fetchone() or (0, 0, 0)
    con.close()
    lines = "\n".join(store_lines(db))
    assert f"{total:,} claims" in lines
    assert f"with a period (grain not undated) {dated / total:6.1%}" in lines
    assert f"unit 'number' {number / total:6.1%}" in lines
