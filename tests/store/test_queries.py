"""SQL files are code: every queries/*.sql runs as it is, in Python and in the duckdb-cli 1.5 shell."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import CORPUS, ROOT, need
from store_fixture import BIN, build_fixture_store, shell_rows

from metrics.link.extract import claims_from_document
from metrics.read.documents import read_documents
from metrics.store.database import open_store

QUERIES = sorted((ROOT / "queries").glob("*.sql"))
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "store_corpus"


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("queries") / "fixture.duckdb")


def test_there_are_at_least_five_named_queries() -> None:
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_each_query_says_what_it_answers(query: Path) -> None:
    header = query.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("-- ") and len(header) > 30


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_each_query_answers_on_the_fixture_store(fixture_store: Path, query: Path) -> None:
    frame = open_store(fixture_store).query(query.read_text(encoding="utf-8"))
    assert len(frame) >= 1
    rows = shell_rows(fixture_store, f".read {query.relative_to(ROOT)}", cwd=ROOT)
    assert rows[0] == list(frame.columns)
    assert len(rows) - 1 == len(frame)


def test_trade_by_year_lists_every_source_beside_the_reconciled_value(fixture_store: Path) -> None:
    frame = open_store(fixture_store).query((ROOT / "queries" / "trade_by_year.sql").read_text())
    y2014 = frame[frame["year"] == 2014]
    assert sorted(y2014["claimed_bn"]) == [28.0, 30.0]
    assert set(y2014["reconciled_bn"]) == {30.0} and set(y2014["n_sources"]) == {2}


def test_the_pair_in_trade_by_year_can_be_changed_in_the_shell(fixture_store: Path) -> None:
    duckdb_shell = BIN / "duckdb"
    if not duckdb_shell.exists():
        pytest.skip("the duckdb shell is not installed beside this Python")
    commands = (
        "SET VARIABLE country_a = 'Japan';\n"
        "SET VARIABLE country_b = 'United States';\n"
        ".read queries/trade_by_year.sql\n"
    )
    result = subprocess.run(
        [str(duckdb_shell), "-readonly", "-csv", str(fixture_store)],
        input=commands,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["year"], row["metric"]) for row in rows] == [("1986", "trade balance")]


def ingest_then_ask_the_shell(source: Path, db: Path, documents: int, claims: int) -> None:
    """`metrics ingest` as a user runs it, then the shell: the counts, and every named query runs."""
    result = subprocess.run(
        [str(BIN / "metrics"), "ingest", str(source), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr
    assert f"{documents} documents read: {documents} added" in result.stderr
    assert shell_rows(db, "SELECT count(*) AS n FROM documents") == [["n"], [str(documents)]]
    assert shell_rows(db, "SELECT count(*) AS n FROM claims") == [["n"], [str(claims)]]
    for query in QUERIES:
        shell_rows(db, f".read {query.relative_to(ROOT)}", cwd=ROOT)


def test_the_fixture_corpus_goes_from_ingest_to_shell(tmp_path: Path) -> None:
    expected_claims = sum(len(claims_from_document(d)) for d in read_documents([str(FIXTURE_CORPUS)]))
    ingest_then_ask_the_shell(FIXTURE_CORPUS, tmp_path / "build" / "metrics.duckdb", 6, expected_claims)


@pytest.mark.slow
def test_the_whole_reuters_corpus_ingests_and_answers_every_query(tmp_path: Path) -> None:
    corpus = need(CORPUS / "reuters21578.jsonl")
    expected_claims = sum(len(claims_from_document(d)) for d in read_documents([str(corpus)]))
    ingest_then_ask_the_shell(corpus, tmp_path / "reuters.duckdb", 18765, expected_claims)


REUTERS_STRIDE = 10
"""Every tenth Reuters article: a store of about 1,900 articles, built in seconds, tuned for nothing."""


@pytest.fixture(scope="module")
def reuters_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = need(CORPUS / "reuters21578.jsonl")
    from metrics.pipeline.ingest import ingest

    folder = tmp_path_factory.mktemp("reuters")
    subset = folder / "reuters_subset.jsonl"
    with corpus.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as target:
        target.writelines(line for number, line in enumerate(source) if number % REUTERS_STRIDE == 0)
    db = folder / "reuters.duckdb"
    ingest([str(subset)], str(db))
    return db


def _ask(store: Path, name: str) -> pd.DataFrame:
    return open_store(store).query((ROOT / "queries" / f"{name}.sql").read_text(encoding="utf-8"))


def _is_money(unit: str) -> bool:
    head = unit.split(" ")[0]
    return len(head) == 3 and head.isupper()


def test_a_countrys_trade_balance_on_reuters(reuters_store: Path) -> None:
    frame = _ask(reuters_store, "trade_balance_by_period")
    assert len(frame) >= 1
    assert set(frame["metric"]) <= {"trade balance", "trade deficit", "trade surplus"}
    assert frame["country"].nunique() == 1
    deficits = frame[frame["metric"] == "trade deficit"]
    assert (deficits["balance"] == -deficits["value"]).all()
    assert all(_is_money(unit) for unit in frame["unit"])
    assert set(frame["grain"]) <= {"month", "quarter", "year"}


def test_a_commoditys_price_series_on_reuters(reuters_store: Path) -> None:
    frame = _ask(reuters_store, "commodity_prices")
    assert len(frame) >= 1 and frame["item"].nunique() == 1
    assert all(_is_money(unit) for unit in frame["unit"])
    assert (frame["low"] <= frame["high"]).all()


def test_a_companys_reported_figures_on_reuters(reuters_store: Path) -> None:
    frame = _ask(reuters_store, "company_figures")
    assert len(frame) >= 1 and frame["company"].nunique() == 1
    assert set(frame["metric"]) <= {"profit", "loss", "revenue", "sales", "earnings", "dividend"}


@pytest.mark.parametrize("name", ["sanction_counts", "leader_contacts", "trade_by_year"])
def test_the_other_named_questions_answer_sensibly_on_reuters(reuters_store: Path, name: str) -> None:
    frame = _ask(reuters_store, name)
    if name == "sanction_counts":
        assert set(frame["metric"]) <= {"sanctions", "sanctioned individuals", "sanctioned companies"}
    elif name == "leader_contacts":
        assert set(frame["metric"]) <= {"meetings", "summits", "phone conversations", "visits"}
        assert frame["subject"].notna().all() and frame["counterpart"].notna().all()
    else:
        assert len(frame) >= 1
        assert set(frame["metric"]) <= {"trade", "trade balance", "trade deficit", "trade surplus"}
        assert all(_is_money(unit) for unit in frame["unit"])
        assert len({frozenset(pair) for pair in frame[["subject", "counterpart"]].to_numpy()}) == 1
