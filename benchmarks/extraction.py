"""Extraction alone, this code against another, in one run: CPU words/s of `claims_from_document` over
the same articles for each code tree, the trees taking turns so that load from other work on a shared
machine falls on both alike. This is how a speed-up is measured without the whole `make bench`.

    git archive REF metrics | tar -x -C build/before          # the code to compare with
    .venv/bin/python -m benchmarks.extraction --against build/before --every 4 --rounds 2

Each measurement runs in a process of its own (a package is imported once per process), with the tree's
folder first on the import path; reading the corpus is not timed, one warm-up article is.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]


def _default_corpus() -> Path:
    return ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl"


def measure_tree(code: Path, corpus: Path, every: int) -> tuple[int, int, float]:
    """(articles, words, CPU seconds) of extracting every `every`-th article with the code in `code`."""
    sys.path.insert(0, str(code))
    import metrics

    if not Path(metrics.__file__).resolve().is_relative_to(code.resolve()):
        raise SystemExit(f"metrics was imported from {metrics.__file__}, not from the tree asked for")
    from metrics.link.extract import claims_from_document
    from metrics.read.documents import read_documents

    documents = list(read_documents([str(corpus)]))[::every]
    words = sum(len(document.text.split()) for document in documents)
    claims_from_document(documents[0])
    start = time.process_time()
    for document in documents:
        claims_from_document(document)
    return len(documents), words, time.process_time() - start


def _run(code: Path, corpus: Path, every: int) -> tuple[int, int, float]:
    command = [sys.executable, "-m", "benchmarks.extraction", "--worker", str(code)]
    out = subprocess.run(
        [*command, "--corpus", str(corpus), "--every", str(every)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[0]), int(out[1]), float(out[2])


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--against", type=click.Path(file_okay=False, path_type=Path), help="The other code tree.")
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--every", type=click.IntRange(min=1), default=1, show_default=True, help="Every n-th article.")
@click.option("--rounds", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--worker", type=click.Path(file_okay=False, path_type=Path), default=None, hidden=True)
def main(against: Path | None, corpus: Path | None, every: int, rounds: int, worker: Path | None) -> None:
    """Time extraction with this code and, if given, with the code in --against, taking turns."""
    corpus = corpus or _default_corpus()
    if worker is not None:
        articles, words, cpu = measure_tree(worker, corpus, every)
        click.echo(f"{articles} {words} {cpu:.4f}")
        return
    trees = [("this tree", ROOT)] + ([("against", against)] if against else [])
    rates: dict[str, list[float]] = {name: [] for name, _code in trees}
    for round_number in range(1, rounds + 1):
        for name, code in trees:
            articles, words, cpu = _run(code, corpus, every)
            rates[name].append(words / cpu)
            click.echo(
                f"round {round_number}  {name:<10} {articles:>6,} articles {words:>10,} words "
                f"CPU {cpu:7.2f} s  {words / cpu:>10,.0f} CPU words/s"
            )
    medians = {name: statistics.median(values) for name, values in rates.items()}
    for name, value in medians.items():
        click.echo(f"median  {name:<10} {value:>10,.0f} CPU words/s")
    if against:
        click.echo(f"this tree / against: {medians['this tree'] / medians['against']:.2f}x")


if __name__ == "__main__":
    main()
