"""A figure measured against what was expected of a dated one is the forecast of the same period:
"the economy grew 7.6% in the third quarter, beating forecasts of 6.8%", "sales of $3.1 billion in
May, missing analysts' estimates of $3.3 billion" (words.toml [expectations]). The expected figure
names no time of its own: it shares the dated figure's (a rule of govern.py's GOVERN_RULES) and is a
forecast even when that period is over (status.py), since it was made before the figure was known."""

from __future__ import annotations

import re
from functools import cache

from metrics.lexicon import _toml, alternation
from metrics.link.governing import Governing, compared_time, is_base
from metrics.records import Quantity

MAX_BETWEEN = 4
"""Words between the comparison and the noun of expectation, at most ("beating economists' median
forecasts of"): who expected it."""
LOOK_BEFORE = 90
"""Characters before a figure read for the phrase of expectation."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The noun of expectation right before a figure; the comparison that opens the phrase before it."""
    table = _toml("words.toml")["expectations"]
    noun = re.compile(
        rf"\b(?:{alternation(table['nouns'])})[ \t]++(?:of|for)[ \t]++(?:(?:an?|the|about|around)[ \t]++)?$",
        re.IGNORECASE,
    )
    words = rf"(?:[\w'’.-]++[ \t]++){{0,{MAX_BETWEEN}}}"
    comparison = re.compile(rf"\b(?:{alternation(table['comparisons'])})[ \t]++{words}$", re.IGNORECASE)
    return noun, comparison


def expected_before(text: str, start: int, quantity_start: int) -> bool:
    """Whether the words right before a figure (from `start`, its clause) say it is what was expected of
    another: "above expectations of", "missing analysts' estimates of"."""
    noun, comparison = _patterns()
    found = noun.search(text, max(start, quantity_start - LOOK_BEFORE), quantity_start)
    if found is None:
        return False
    return bool(comparison.search(text, max(start, found.start() - LOOK_BEFORE), found.start()))


def expects(text: str, sentence: tuple[int, int], earlier: Quantity, quantity: Quantity) -> bool:
    """Whether a figure is what was expected of the figure of the same unit before it in its sentence
    ("rose 5.3% in October, below forecasts for 5.6% growth"): it measures what that one does."""
    return (
        earlier.unit == quantity.unit
        and sentence[0] <= earlier.start
        and expected_before(text, earlier.noun_end, quantity.start)
    )


def share_expected_period(g: Governing) -> None:
    """An expected figure with no time of its own holds for the period of the nearest figure of the same
    unit before it in the sentence, passing over the bases that one was measured from ("rose 5% in
    March from 4.2% in February, above forecasts of 4%" is March's), when that figure is dated by a
    time that is not itself a base ("rose 2% from May")."""
    text = g.doc.text
    for i, quantity in enumerate(g.quantities):
        if i == 0 or quantity.start in g.attached:
            continue
        if not expected_before(text, g.quantities[i - 1].noun_end, quantity.start):
            continue
        before = g.quantities[:i]
        same_unit = [
            q for n, q in enumerate(before) if q.unit == quantity.unit and not is_base(g, q, before[:n])
        ]
        dated = g.attached.get(same_unit[-1].start) if same_unit else None
        if dated is not None and not compared_time(g, dated):
            g.attached[quantity.start] = dated
