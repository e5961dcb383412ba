"""The linker as rules applied in order: a Linker links the same way every time it is asked, and a rule
step can be replaced without touching the others."""

from __future__ import annotations

from datetime import date

from metrics.find.numbers import default_finder
from metrics.find.timex import CALENDAR_KINDS, scan
from metrics.lexicon import _toml, lexicon
from metrics.link.linker import FIGURE_RULES, Linker
from metrics.link.scope import Figure, Scope
from metrics.link.what import metric_and_entities
from metrics.records import Quantity, TimeMention

TEXT = (
    "Exports later fell to $900 million. Exports rose 4% to $2.1 billion in 2018. "
    "It expects sales of 5,000 cars next year."
)
PUBLISHED = date(2019, 3, 1)


def _inputs(text: str) -> tuple[list[Quantity], list[TimeMention]]:
    found = scan(text, PUBLISHED)
    blocked = [(s, e) for s, e, kind, _p, _r in found if kind in CALENDAR_KINDS]
    quantities = default_finder().find(text, blocked)
    times = [TimeMention(s, e, text[s:e], period, relation) for s, e, _k, period, relation in found if period]
    return quantities, times


def test_a_linker_links_the_same_way_twice() -> None:
    """'later' remembers the last dated figure of a metric; a second run must not see the first's."""
    quantities, times = _inputs(TEXT)
    linker = Linker(TEXT, PUBLISHED)
    first = linker.link(quantities, times)
    second = linker.link(quantities, times)
    assert first == second
    assert len(first) == 4
    assert first[0].period is not None and first[0].period.start is None  # nothing dated came before it
    assert first[2].period is not None and first[2].period.start == date(2018, 1, 1)


def test_the_metric_step_can_be_swapped() -> None:
    def everything_is_trade(scope: Scope, figure: Figure) -> None:
        metric_and_entities(scope, figure)
        figure.metric = "trade"

    rules = tuple(everything_is_trade if r is metric_and_entities else r for r in FIGURE_RULES)
    quantities, times = _inputs(TEXT)
    linked = Linker(TEXT, PUBLISHED, figure_rules=rules).link(quantities, times)
    assert {item.metric for item in linked} == {"trade"}
    assert linked[2].period is not None and linked[2].period.end == date(2018, 12, 31)


def test_every_article_scale_is_a_scale() -> None:
    """The words that may follow 'a' are a subset of the one scale table, so the two cannot disagree."""
    words = _toml("units.toml")["article_scales"]["words"]
    assert set(words) <= set(lexicon().scales)
