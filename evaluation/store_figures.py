"""What the Reuters store holds, as an analyst meets it: how many claims have a period (and where the
period came from), how many distinct metrics there are and how many claims are `other`, and how many
carry the bare unit `number`. The corpus is ingested with `metrics ingest`, exactly as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from metrics.errors import InputError

AIM_NUMBER_SHARE = 0.05


def _columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("DESCRIBE claims").fetchall()}


def _share(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "   n/a"


def ingest(corpus: Path, db: Path) -> None:
    db.unlink(missing_ok=True)
    metrics = str(Path(sys.executable).with_name("metrics"))
    done = subprocess.run([metrics, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise InputError(f"ingest for the store figures failed: {last}", path=str(corpus))


def store_lines(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = _columns(con)
        (total,) = con.execute("SELECT count(*) FROM claims").fetchone() or (0,)
        (dated,) = con.execute("SELECT count(*) FROM claims WHERE grain <> 'undated'").fetchone() or (0,)
        (started,) = con.execute("SELECT count(*) FROM claims WHERE period_start IS NOT NULL").fetchone() or (
            0,
        )
        (metrics,) = con.execute("SELECT count(DISTINCT metric) FROM claims").fetchone() or (0,)
        (other,) = con.execute("SELECT count(*) FROM claims WHERE metric = 'other'").fetchone() or (0,)
        (number,) = con.execute("SELECT count(*) FROM claims WHERE unit = 'number'").fetchone() or (0,)
        lines = [
            f"  {total:,} claims; with a period (grain not undated) {_share(dated, total)};"
            f" with a start date {_share(started, total)}",
        ]
        if "period_source" in columns:
            rows = con.execute(
                "SELECT period_source, count(*) FROM claims GROUP BY ALL ORDER BY count(*) DESC"
            ).fetchall()
            lines.append(
                "  period_source: " + ", ".join(f"{source} {_share(n, total)}" for source, n in rows)
            )
        else:
            lines.append("  period_source: not recorded by this extractor")
        verdict = "meets" if total and number / total < AIM_NUMBER_SHARE else "misses"
        lines += [
            f"  distinct metrics {metrics:,}; metric 'other' {_share(other, total)}",
            f"  unit 'number' {_share(number, total)} ({verdict} the aim of under {AIM_NUMBER_SHARE:.0%})",
        ]
        return lines
    finally:
        con.close()


def store_block(corpus: Path, out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    db = out / "reuters.duckdb"
    ingest(corpus, db)
    return [f"Reuters store ({corpus.name}, ingested into {db}):", *store_lines(db)]
