"""A count of jobs or staff governed by a verb of cutting ("will cut 1,500 jobs", "shed 2,000 workers")
is the jobs cut: the counted noun alone would make it the jobs there are. The verbs, the nouns and the
metric are metrics.toml [cut_counts]; what may stand between verb and figure is [governed]."""

from __future__ import annotations

import re
from functools import cache

from metrics.lexicon import _toml, lexicon
from metrics.records import Quantity

_REACH = 60
"""Characters before a figure within which its verb is looked for."""


@cache
def _table() -> tuple[str, frozenset[str], re.Pattern[str]]:
    table = _toml("metrics.toml")
    cuts = table["cut_counts"]
    gap = {*table["governed"]["between"], *lexicon().qualifiers, "by"}
    gap_words = "|".join(
        sorted({re.escape(part) for word in gap for part in word.split()}, key=len, reverse=True)
    )
    verbs = "|".join(sorted((re.escape(verb) for verb in cuts["verbs"]), key=len, reverse=True))
    before = re.compile(rf"\b(?:{verbs})\s+(?:(?:{gap_words})\s+){{0,3}}$", re.IGNORECASE)
    return str(cuts["metric"]), frozenset(cuts["nouns"]), before


def cut_metric(text: str, quantity: Quantity, clause: tuple[int, int]) -> str | None:
    """The metric of a count that a verb of cutting governs ("job cuts"), or None."""
    if quantity.unit != "count" or not quantity.noun:
        return None
    metric, nouns, before = _table()
    if quantity.noun.split()[-1].lower() not in nouns:
        return None
    found = before.search(text, max(clause[0], quantity.start - _REACH), quantity.start)
    return metric if found else None
