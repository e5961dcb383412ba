"""`make bench`: extraction speed in words/s over the Reuters corpus, side by side in one run with
quantulum3, dateparser.search_dates and a bare regex pass on the same articles; then ingest speed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from benchmarks.process import startup_costs, startup_lines, whole_process
from benchmarks.scale import engine_lines, measure_scale, report_lines, size_lines
from benchmarks.tools import (
    Timing,
    dateparser_work,
    digit_runs,
    every_nth,
    measure,
    number_tokens,
    one_core,
    ours,
    profile_extractor,
    quantulum_work,
    version,
    word_count,
)
from metrics.cli.command import run as run_command
from metrics.errors import InputError
from metrics.link.extract import EXTRACTOR_VERSION
from metrics.read.documents import read_documents
from metrics.records import Document

AIM_OVER_QUANTULUM = 70.0
AIM_PROCESS_OVER_QUANTULUM = 50.0
AIM_WITHIN_BARE = 4.0
AIM_STARTUP_CPU = 0.3
BARE = "bare pass"
FULL = "full corpus"


@dataclass(frozen=True)
class Options:
    corpus: Path
    sample: int | None
    quick: bool
    skip_peers: bool
    out: Path


def default_corpus() -> Path:
    """The Reuters corpus in the `shared` folder beside the project root."""
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "reuters21578.jsonl"


def load_corpus(path: Path) -> tuple[list[Document], int]:
    """Every readable article, and how many lines were skipped as unreadable."""
    if not path.is_file():
        raise InputError(
            "corpus not found; pass --corpus FILE (JSON Lines with id, date, text)", path=str(path)
        )
    skipped: list[InputError] = []
    documents = list(read_documents([str(path)], on_error=skipped.append))
    if not documents:
        reason = f" ({skipped[0]})" if skipped else ""
        raise InputError(f"no articles could be read{reason}", path=str(path))
    return documents, len(skipped)


def table(timings: Sequence[Timing]) -> list[str]:
    head = (
        f"  {'tool':<40}{'articles':>9}{'words':>11}{'wall s':>9}{'CPU s':>8}{'words/s':>12}{'CPU w/s':>12}"
    )
    rows = [head]
    for t in timings:
        errors = f"  ({t.errors} articles raised)" if t.errors else ""
        rows.append(
            f"  {t.tool + ' (' + t.label + ')':<40}{t.articles:>9,}{t.words:>11,}{t.wall:>9.3f}{t.cpu:>8.3f}"
            f"{t.words_per_second:>12,.0f}{t.cpu_words_per_second:>12,.0f}{errors}"
        )
    return rows


def ratio(a: Timing, b: Timing) -> tuple[float, float]:
    """How many times faster `a` is than `b`, by wall-clock and by CPU time."""
    wall = a.words_per_second / b.words_per_second if b.words_per_second else float("inf")
    cpu = a.cpu_words_per_second / b.cpu_words_per_second if b.cpu_words_per_second else float("inf")
    return wall, cpu


def ratio_lines(found: dict[tuple[str, str], Timing]) -> list[str]:
    """The headline ratios, all from this run's wall-clock words/s."""
    lines = [
        "Ratios (this run; verdicts on CPU time, which other load on the machine does not inflate):",
        f"  {'':<44}{'wall':>12} {'CPU':>12}",
    ]

    def add(label: str, pair: tuple[float, float], note: str = "") -> None:
        lines.append(f"  {label:<44}{pair[0]:>11,.2f}x {pair[1]:>11,.2f}x   {note}".rstrip())

    mine = found[("metrics", "sample")]
    quantulum = found.get(("quantulum3", "sample"))
    dates = found.get(("dateparser", "sample"))
    if quantulum:
        x = ratio(mine, quantulum)
        verdict = "meets" if x[1] >= AIM_OVER_QUANTULUM else "misses"
        add("metrics / quantulum3 (sample)", x, f"{verdict} the aim of >= {AIM_OVER_QUANTULUM:.0f}x")
    if dates:
        add("metrics / dateparser.search_dates (sample)", ratio(mine, dates))
    if not quantulum and not dates:
        lines.append("  peers: not timed (--skip-peers, or not installed)")
    for label in ("sample", FULL):
        x = ratio(found[(BARE, label)], found[("metrics", label)])
        verdict = "meets" if x[1] <= AIM_WITHIN_BARE else "misses"
        add(
            f"bare pass / metrics ({label})",
            x,
            f"times slower than the bare pass; {verdict} the aim of <= {AIM_WITHIN_BARE:.0f}x",
        )
    process = found.get(("metrics extract process", "process"))
    if quantulum and process:
        x = ratio(process, quantulum)
        verdict = "meets" if x[1] >= AIM_PROCESS_OVER_QUANTULUM else "misses"
        add(
            "whole metrics extract process / quantulum3",
            x,
            f"start-up and output included; {verdict} the aim of >= {AIM_PROCESS_OVER_QUANTULUM:.0f}x",
        )
    return lines


def peer_timings(picked: list[Document]) -> list[Timing]:
    """quantulum3 and dateparser on the sample; a peer that is not installed is said so and skipped."""
    timings = []
    for name, make_work in (("quantulum3", quantulum_work), ("dateparser", dateparser_work)):
        try:
            work = make_work()
        except ImportError:
            click.echo(f"  {name} is not installed (it comes with the dev extra: pip install -e '.[dev]')")
            continue
        timings.append(measure(name, "sample", picked, work))
    return timings


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSON Lines corpus (default: ../shared/corpus/reuters21578.jsonl beside the project).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=None,
    help="Articles in the sample every tool runs on (default 200; 10 with --quick).",
)
@click.option(
    "--quick", is_flag=True, help="Small sample and at most 1,000 articles elsewhere: a smoke test."
)
@click.option("--skip-peers", is_flag=True, help="Do not time quantulum3 and dateparser.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/bench"),
    show_default=True,
    help="Where profile.txt is written.",
)
def bench(corpus: Path | None, sample: int | None, quick: bool, skip_peers: bool, out: Path) -> None:
    """Time extraction (ours and the peers') and ingest over the Reuters corpus."""
    options = Options(corpus or default_corpus(), sample, quick, skip_peers, out)
    documents, skipped = load_corpus(options.corpus)
    if skipped:
        click.echo(f"({skipped} unreadable lines of the corpus skipped)")
    with one_core() as core:
        run_bench(options, documents, core)
    del documents  # the ingest runs stream the corpus in their own processes, on every core
    quick = options.quick
    click.echo("Ingest and engines: each run its own process, on every core; a fresh database each.")
    figures = measure_scale(options.corpus, small=100 if quick else 1000, middle=1000 if quick else None)
    engines = engine_lines(figures.engines, figures.free_cores)
    for block in (size_lines(figures.sizes), engines, report_lines(figures.reports)):
        click.echo("\n".join(block) + "\n")


def run_bench(options: Options, documents: list[Document], core: str) -> None:
    path, quick, skip_peers, out = options.corpus, options.quick, options.skip_peers, options.out
    sample = options.sample
    everything = documents[:1000] if quick else documents
    picked, step = every_nth(documents, sample or (10 if quick else 200))
    click.echo(
        f"Extractor {EXTRACTOR_VERSION}; corpus {path.name}: {len(documents):,} articles, "
        f"{word_count(documents):,} words (str.split); {core}"
    )
    click.echo(
        f"Sample for every tool: every {step} article(s) from the first, {len(picked):,} articles, "
        f"{word_count(picked):,} words; '{FULL}' = "
        + ("the first 1,000 articles (--quick)" if quick else "all articles")
    )
    click.echo(
        "Timed after one warm-up article each; ours on the sample and the regex passes: median of 3 passes,"
        " the rest: 1 pass.\nThe bare pass (the practical limit) is one regex finding every number token:"
        " digits, number and scale words.\n"
    )
    timings = [
        measure("metrics", "sample", picked, ours, repeats=3),
        measure(BARE, "sample", picked, number_tokens, repeats=3),
        measure("bare pass, digits only", "sample", picked, digit_runs, repeats=3),
    ]
    if not skip_peers:
        timings += peer_timings(picked)
    timings.append(measure("metrics", FULL, everything, ours))
    timings.append(measure(BARE, FULL, everything, number_tokens, repeats=3))
    timings.append(measure("bare pass, digits only", FULL, everything, digit_runs, repeats=3))
    process = whole_process(path, 1000 if quick else 5000)
    timings.append(process)
    click.echo("\n".join(table(timings)))
    if not skip_peers:
        click.echo(f"  (quantulum3 {version('quantulum3')}, dateparser {version('dateparser')} search_dates)")
    found = {(t.tool, t.label): t for t in timings} | {("metrics extract process", "process"): process}
    click.echo("\n" + "\n".join(ratio_lines(found)) + "\n")
    click.echo("\n".join(startup_lines(startup_costs(), AIM_STARTUP_CPU)) + "\n")

    profiled, _ = every_nth(documents, 50 if quick else 2000)
    profile_extractor(profiled, out / "profile.txt")
    click.echo(f"Profile of our extractor over {len(profiled):,} articles: {out / 'profile.txt'}\n")


def main() -> None:
    """Entry point: a MetricsError becomes one line on stderr and its exit code."""
    run_command(bench, "metrics bench")


if __name__ == "__main__":
    main()
