"""The `metrics vocabulary` command: the canonical metrics a claim's `metric` may name, with their
kind, the units they admit and their synonyms, so an analyst knows what to filter on."""

from __future__ import annotations

import json

import click

from metrics.lexicon import metric_vocabulary


@click.command("vocabulary")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per metric instead of a table.")
def vocabulary_command(as_json: bool) -> None:
    """List the metric vocabulary: name, kind (level, flow, count), admitted units and synonyms."""
    for indicator in metric_vocabulary():
        if as_json:
            row = {
                "metric": indicator.name,
                "kind": indicator.kind,
                "units": list(indicator.units),
                "synonyms": list(indicator.synonyms),
                "item": indicator.item,
                "parties": indicator.parties,
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            synonyms = ", ".join(indicator.synonyms)
            click.echo(f"{indicator.name:<24} {indicator.kind:<6} {'/'.join(indicator.units):<28} {synonyms}")
    if not as_json:
        click.echo(f"{'other':<24} {'':<6} {'':<28} (a figure whose measure names none of the above)")
