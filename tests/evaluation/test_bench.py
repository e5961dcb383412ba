from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run as bench
from benchmarks.ingest import IngestRun, corpus_sizes, shifted_lines
from benchmarks.scale import size_lines
from benchmarks.tools import every_nth
from metrics.read.documents import make_document

SENTENCES = [
    "LONDON, March 3 - Exports rose 12 pct to 4.5 billion dlrs in February, the ministry said.",
    "The company said it expects to sell about 300,000 tonnes of wheat in 1987, up from 250,000.",
    "Profits fell to $40 million from $55 million last year, and shares lost 30 cents.",
    "Officials met six times since January and agreed on a quota of 1.2 mln bags.",
]


def write_corpus(path: Path, articles: int = 24) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            text = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(3))
            out.write(json.dumps({"id": f"a{n}", "date": f"1987-03-{1 + n % 28:02d}", "text": text}) + "\n")
    return path


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.argv", ["benchmarks.run", *argv])
    try:
        bench.main()
    except SystemExit as done:
        return int(done.code or 0)
    return 0


@pytest.mark.slow  # about 30 s: it starts a process pool and a Dask LocalCluster
def test_quick_bench_prints_every_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_corpus(tmp_path / "tiny.jsonl")
    out = tmp_path / "bench"
    assert run(["--corpus", str(corpus), "--quick", "--out", str(out)], monkeypatch) == 0
    printed = capsys.readouterr().out
    assert "24 articles" in printed and "Sample for every tool:" in printed
    for row in ("metrics (sample)", "bare pass (sample)", "quantulum3 (sample)", "dateparser (sample)"):
        assert row in printed
    assert "metrics (full corpus)" in printed and "bare pass (full corpus)" in printed
    assert "metrics / quantulum3 (sample)" in printed and "bare pass / metrics (full corpus)" in printed
    assert "metrics extract process (first 24)" in printed
    assert "whole metrics extract process / quantulum3" in printed
    assert "metrics --help" in printed and "metrics extract (one line)" in printed
    assert "Ingest into DuckDB" in printed and "240 articles (10 shifted copies)" in printed
    assert "speed-up of local --jobs 2 over --jobs 1" in printed
    assert "speed-up of dask over --jobs 2" in printed
    assert "every engine stored the same claims (count and hash of every column): yes" in printed
    assert "report --all" in printed and "failed" not in printed
    assert "by cumulative time" in (out / "profile.txt").read_text()


def test_skip_peers_and_sample_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The extraction section alone (the ingest and engine runs are the slow test's)."""
    corpus = write_corpus(tmp_path / "tiny.jsonl")
    documents, _ = bench.load_corpus(corpus)
    bench.run_bench(bench.Options(corpus, 6, True, True, tmp_path), documents, "one core")
    printed = capsys.readouterr().out
    assert "every 4 article(s) from the first, 6 articles" in printed
    assert "quantulum3 (sample)" not in printed and "peers: not timed" in printed


def test_missing_corpus_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--corpus", str(tmp_path / "none.jsonl")], monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--corpus" in err


def test_sample_is_spread_evenly() -> None:
    documents = [make_document(f"Article {n}.", doc_id=str(n)) for n in range(10)]
    picked, step = every_nth(documents, 3)
    assert step == 3 and [d.id for d in picked] == ["0", "3", "6"]


def test_synthetic_copies_shift_dates_and_keep_ids_unique(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "tiny.jsonl", articles=2)
    lines = [json.loads(line) for line in shifted_lines(corpus, 3)]
    assert [a["id"] for a in lines] == ["a0", "a1", "a0~1", "a1~1", "a0~2", "a1~2"]
    assert [a["date"][:4] for a in lines] == ["1987", "1987", "1988", "1988", "1989", "1989"]
    assert "in 1989, up from" in lines[4]["text"]
    assert lines[2]["text"].replace("1988", "1987") == lines[0]["text"]


def test_ingest_sizes_are_small_middle_and_ten_times(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "tiny.jsonl", articles=30)
    sizes = corpus_sizes(corpus, tmp_path, small=5, middle=None)
    counts = [sum(1 for _ in path.open()) for _, path in sizes]
    assert counts == [5, 30, 300]
    assert [label for label, _ in sizes][1] == "30 articles (all)"


def test_ingest_table_shows_rates_memory_and_cost_per_thousand() -> None:
    runs = [
        IngestRun("1,000 articles", 1000, 1000, 5000, 2.0, 1.9, 120.0),
        IngestRun("10,000 articles", 10000, 10000, 50000, 20.0, 19.0, 125.0),
        IngestRun("broken", error="StoreError: locked"),
    ]
    text = "\n".join(size_lines(runs))
    assert "500" in text and "2,500" in text and "failed: StoreError: locked" in text
    assert "seconds per 1,000 articles at each size: wall 2, 2; CPU 1.9, 1.9" in text


def test_extraction_against_another_tree_prints_both_and_the_ratio(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from benchmarks import extraction

    corpus = write_corpus(tmp_path / "corpus.jsonl", articles=6)
    articles, words, cpu = extraction.measure_tree(extraction.ROOT, corpus, every=2)
    assert articles == 3 and words > 0 and cpu >= 0
    result = CliRunner().invoke(
        extraction.main, ["--against", str(extraction.ROOT), "--corpus", str(corpus), "--rounds", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "median  this tree" in result.output and "median  against" in result.output
    assert "this tree / against:" in result.output
