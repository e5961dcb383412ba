"""`make eval`: score the extractor on the peers' data (NewsQuant, Recognizers-Text) and print each figure.

Every failing case goes to build/eval/<name>.failures.txt so it can be studied one by one.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from evaluation import devset, store_figures
from evaluation.newsquant import CQE_UNIT_F1, CQE_VALUE_F1, Counts, NewsQuantResult, evaluate_newsquant
from evaluation.newsquant import failure_report as newsquant_failures
from evaluation.recognizers import APPLICABILITY, PASSING, ModelResult, evaluate_recognizers
from evaluation.recognizers import failure_report as model_failures
from evaluation.timebank import evaluate_timebank, timebank_block
from metrics.cli.command import run
from metrics.errors import InputError
from metrics.link.extract import EXTRACTOR_VERSION

RECOGNIZERS_AIM = 0.90


def default_peers() -> Path:
    """The peers' data in the `shared` folder beside the project root."""
    return Path(__file__).resolve().parents[1].parent / "shared" / "peers"


def check_peers(peers: Path) -> Path:
    if not (peers / "newsquant").is_dir() or not (peers / "recognizers-text").is_dir():
        raise InputError(
            "the peers' data (newsquant/ and recognizers-text/) is not there; pass --peers DIR",
            path=str(peers),
        )
    return peers


def percent(share: float) -> str:
    return f"{100 * share:5.1f}%"


def prf(label: str, counts: Counts, target: float) -> str:
    verdict = "above" if counts.f1 > target else "below"
    return (
        f"  {label:<11} P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f}"
        f"   (tp {counts.tp}, fp {counts.fp}, fn {counts.fn}; {verdict} CQE's {target:.3f})"
    )


def newsquant_block(result: NewsQuantResult) -> list[str]:
    return [
        f"NewsQuant dev: {result.sentences} sentences, {result.quantities} quantities"
        " (the benchmark's own scoring rules, as the acceptance check applies them;"
        " CQE's figures are on the whole benchmark)",
        prf("value", result.value, CQE_VALUE_F1),
        prf("value+unit", result.value_unit, CQE_UNIT_F1),
    ]


def model_line(result: ModelResult) -> str:
    excluded = "; ".join(f"{n} {reason}" for reason, n in sorted(result.excluded.items())) or "none"
    head = f"  {result.name:<17}"
    if result.unavailable:
        dropped = f"; {result.dropped} results without an amount dropped" if result.dropped else ""
        counts = f"{result.applicable} applicable; excluded: {excluded}{dropped}"
        return f"{head} not run: {result.unavailable} ({counts})"
    share = result.passed / result.applicable if result.applicable else 0.0
    mark = "ok " if share >= RECOGNIZERS_AIM else "low"
    extra = f"; {result.passed_written_end} pass on the written end day" if result.passed_written_end else ""
    extra += f"; {result.dropped} results without an amount dropped" if result.dropped else ""
    return (
        f"{head} {result.passed:>3}/{result.applicable:<3} passed {percent(share)} {mark}"
        f"  (of {result.cases}; excluded: {excluded}{extra})"
    )


def recognizers_block(results: list[ModelResult]) -> list[str]:
    return [
        f"Recognizers-Text English: applicable cases passed (aim: {RECOGNIZERS_AIM:.0%} or more each)",
        *[model_line(result) for result in results],
        *[f"  {line}" for line in (*APPLICABILITY, *PASSING)],
    ]


def write_failures(out: Path, newsquant: NewsQuantResult, models: list[ModelResult]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    reports = {"newsquant": newsquant_failures(newsquant)}
    # A model that could not run gets a note, so no stale list from an earlier run is left behind.
    reports.update(
        {m.name: f"not run: {m.unavailable}\n" if m.unavailable else model_failures(m) for m in models}
    )
    written = []
    for name, text in reports.items():
        path = out / f"{name}.failures.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--peers",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with newsquant/ and recognizers-text/ (default: ../shared/peers beside the project).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/eval"),
    show_default=True,
    help="Where the failing cases are written.",
)
def evaluate(peers: Path | None, out: Path) -> None:
    """Score the extractor on NewsQuant dev, the Recognizers-Text specs and the dated-claims dev set."""
    peers = check_peers(peers or default_peers())
    shown = os.path.relpath(peers.resolve(), Path.cwd())  # as a user names it: "../shared/peers"
    click.echo(f"Extractor {EXTRACTOR_VERSION}, peers' data in {shown}\n")
    newsquant = evaluate_newsquant(peers)
    click.echo("\n".join(newsquant_block(newsquant)) + "\n")
    models = evaluate_recognizers(peers)
    click.echo("\n".join(recognizers_block(models)) + "\n")
    click.echo("\n".join(timebank_block(evaluate_timebank(peers))) + "\n")
    written = write_failures(out, newsquant, models)
    shared = peers.parent
    if devset.available(shared):
        click.echo("\n".join(devset.devset_block(shared, out)) + "\n")
        written += [out / "devset.failures.txt", out / "dev_entities.failures.txt"]
    else:
        click.echo(f"Dated-claims dev set: not scored ({shared / 'dev'} or its checks are absent)\n")
    reuters = shared / "corpus" / "reuters21578.jsonl"
    if reuters.is_file():
        click.echo("\n".join(store_figures.store_block(reuters, out)) + "\n")
    click.echo(f"Failing cases: {', '.join(str(path) for path in written)}")


def main() -> None:
    """Entry point: a MetricsError becomes one line on stderr and its exit code."""
    run(evaluate, "metrics eval")


if __name__ == "__main__":
    main()
