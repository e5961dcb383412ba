"""The review loop: export the claims behind a chart, mark them, import the verdicts; verdicts outlive
`metrics reextract`, a claim whose text changed is reported (never re-attached), bad rows are named."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import ROOT

from metrics.cli.main import cli
from metrics.draw.definitions import connect_read_only, load_definition
from metrics.draw.index_page import render_reports
from metrics.draw.series_query import query_report
from metrics.errors import SchemaError
from metrics.pipeline.ingest import ingest
from metrics.pipeline.reextract import reextract
from metrics.store.database import open_store

# Our own sentences (no corpus text): three figures for two years, from two papers.
DOCUMENTS = [
    {"id": "doc-a", "published": "2016-03-02", "source": "Harbour Gazette", "title": "Tin",
     "text": "Exports of tin from Bolivia reached $2.5 billion in 2014. Bolivian tin exports fell to "
             "$1.9 billion in 2015."},
    {"id": "doc-b", "published": "2016-04-10", "source": "Valley Courier", "title": "Tin again",
     "text": "Bolivia's tin exports were $1.8 billion in 2015, officials said."},
]  # fmt: skip
DEFINITION = (
    'title = "Tin exports"\nmetric = "exports"\nentities = ["Bolivia"]\nkind = "timeline"\n'
    'period = "2014..2015"\noutput = "tin"\n'
)


def write_documents(path: Path, documents: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "m.duckdb"
    ingest([str(write_documents(tmp_path / "docs.jsonl", DOCUMENTS))], db)
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "tin.toml").write_text(DEFINITION, encoding="utf-8")
    return db, reports


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def export(db: Path, reports: Path) -> list[dict[str, str]]:
    code, out, _ = invoke("review", "export", "--report", "tin", "--db", db, "--reports", reports)
    assert code == 0
    return list(csv.DictReader(io.StringIO(out)))


def write_review(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def figures(db: Path, reports: Path, **change: object) -> list[tuple[float, str]]:
    definition = load_definition(reports / "tin.toml")
    if change:
        definition = type(definition)(
            **{**{f: getattr(definition, f) for f in definition.__slots__}, **change}
        )
    with connect_read_only(db) as con:
        rows = query_report(con, definition).rows
    return sorted(zip(rows["value"].tolist(), rows["review"].tolist(), strict=True))


def mark(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    by_surface = {row["surface"]: row for row in rows}
    by_surface["$2.5 billion"]["verdict"] = "accept"
    by_surface["$1.9 billion"]["verdict"] = "reject"
    by_surface["$1.8 billion"].update(verdict="correct", corrected_value="1,700,000,000", note="restated")
    return rows


def test_export_lists_the_claims_behind_a_report_with_empty_verdicts(store: tuple[Path, Path]) -> None:
    rows = export(*store)
    assert sorted(row["surface"] for row in rows) == ["$1.8 billion", "$1.9 billion", "$2.5 billion"]
    assert all(row["verdict"] == row["corrected_value"] == "" for row in rows)
    assert {row["quote"] for row in rows} >= {
        "Bolivia's tin exports were $1.8 billion in 2015, officials said."
    }


def test_verdicts_survive_reextract_and_charts_use_them(store: tuple[Path, Path], tmp_path: Path) -> None:
    db, reports = store
    before = figures(db, reports)
    assert before == [(1.8e9, "unreviewed"), (2.5e9, "unreviewed")]  # the latest 2015 report wins
    code, out, err = invoke(
        "review", "import", write_review(tmp_path / "r.csv", mark(export(db, reports))), "--db", db
    )
    assert (code, err) == (0, "")
    assert out.startswith("recorded 3 verdicts (1 accept, 1 reject, 1 correct)")
    reextract(db, force=True)  # every claim deleted and written again
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (3,)
    assert figures(db, reports) == [(1.7e9, "corrected"), (2.5e9, "reviewed")]  # $1.9bn rejected
    assert figures(db, reports, reviewed_only=True) == [(1.7e9, "corrected"), (2.5e9, "reviewed")]
    series = open_store(db).series("exports")  # the store's series view agrees with the charts
    assert sorted(series["value"].tolist()) == [1.7e9, 2.5e9]
    again = {row["surface"]: row["verdict"] for row in export(db, reports)}
    assert again == {"$2.5 billion": "accept", "$1.9 billion": "reject", "$1.8 billion": "correct"}
    out_dir = tmp_path / "out"
    assert render_reports([reports / "tin.toml"], db, out_dir, on_error=pytest.fail)
    page = (out_dir / "index.html").read_text(encoding="utf-8")
    assert '<td class="review corrected">corrected</td>' in page and "reviewed</td>" in page
    assert "1700000000.0" in (out_dir / "tin.csv").read_text(encoding="utf-8")


def test_a_claim_whose_text_changed_is_reported_not_reattached(
    store: tuple[Path, Path], tmp_path: Path
) -> None:
    db, reports = store
    invoke("review", "import", write_review(tmp_path / "r.csv", mark(export(db, reports))), "--db", db)
    changed = [
        DOCUMENTS[0],
        {**DOCUMENTS[1], "text": DOCUMENTS[1]["text"].replace("officials said", "a minister said")},
    ]
    ingest([str(write_documents(tmp_path / "docs2.jsonl", changed))], db)
    assert figures(db, reports) == [(1.8e9, "unreviewed"), (2.5e9, "reviewed")]  # correction not applied
    code, out, _ = invoke("review", "status", "--db", db)
    assert code == 0
    assert out.splitlines()[0] == "1 accept, 1 reject, 1 correct; 1 detached"
    assert "detached: correct on '$1.8 billion' in doc-b" in out
    code, _, err = invoke("report", "--all", "--db", db, "--reports", reports, "--out", tmp_path / "out")
    assert code == 0 and "1 review verdict(s) no longer match their claim" in err
    code, _, err = invoke("review", "import", tmp_path / "r.csv", "--db", db)  # the old file again
    assert code == 2
    assert err.count("metrics: ") == 1 and "'$1.8 billion' in doc-b): its sentence changed" in err


def test_bad_rows_are_named_by_line_and_the_rest_imported(store: tuple[Path, Path], tmp_path: Path) -> None:
    db, reports = store
    rows = sorted(export(db, reports), key=lambda r: r["surface"])
    rows[0]["verdict"] = "maybe"
    rows[1].update(verdict="correct")  # no corrected value
    rows[2]["verdict"] = "accept"
    code, out, err = invoke("review", "import", write_review(tmp_path / "r.csv", rows), "--db", db)
    assert code == 2
    assert err.splitlines() == [
        f"metrics: {tmp_path / 'r.csv'}:2: verdict 'maybe' is not one of accept, reject, correct",
        f"metrics: {tmp_path / 'r.csv'}:3: verdict 'correct' needs a corrected_value",
    ]
    assert out.startswith("recorded 1 verdicts (1 accept, 0 reject, 0 correct)")


def test_an_older_store_gains_the_reviews_table(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute((ROOT / "tests" / "fixtures" / "schema_v1.sql").read_text(encoding="utf-8"))
    with pytest.raises(SchemaError, match="metrics reextract"):  # read-only: it says what to run
        invoke("review", "status", "--db", db)
    reextract(db)
    code, out, _ = invoke("review", "status", "--db", db)
    assert (code, out) == (0, "0 accept, 0 reject, 0 correct; 0 detached\n")


def test_a_verdict_for_a_claim_not_in_the_store_is_refused_by_line(
    store: tuple[Path, Path], tmp_path: Path
) -> None:
    db, reports = store
    rows = export(db, reports)[:1]
    rows[0].update(verdict="accept", surface="$9.9 billion")  # no claim there
    code, out, err = invoke("review", "import", write_review(tmp_path / "r.csv", rows), "--db", db)
    assert code == 2
    assert err.startswith(f"metrics: {tmp_path / 'r.csv'}:2: claim ") and "is no longer in the store" in err
    assert out.startswith("recorded 0 verdicts")


def test_export_by_metric_and_entity(store: tuple[Path, Path]) -> None:
    db, _ = store
    code, out, _ = invoke("review", "export", "--metric", "EXPORTS", "--db", db)
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 3
    code, out, _ = invoke("review", "export", "--metric", "exports", "--entity", "Atlantis", "--db", db)
    assert code == 0 and list(csv.DictReader(io.StringIO(out))) == []
