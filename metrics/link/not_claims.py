"""Quantities that are found as numbers but state no claim: durations that belong to a time expression ("the
six months to June", "a 20-year low"), anything else inside a time expression ("the first half of 2019")
and number words that only point back to things already named ("the two nations"). "One" is kept:
NewsQuant counts it as a quantity as often as it is a determiner."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from metrics.lexicon import _toml
from metrics.records import Quantity

_POINTS_BACK = re.compile(r"\b(?:the|these|those|both)[ \t]++$", re.IGNORECASE)
"""'the two nations', 'these three plants': the things were counted before; this names them again."""


@cache
def duration_units() -> frozenset[str]:
    return frozenset(_toml("units.toml")["durations"]["units"])


def _in_time_expression(quantity: Quantity, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a duration belongs to a time expression: inside one the time finder read ("the six months
    to June", "over the past five years"), or an adjective of time ("a 20-year low", "a six-month high")."""
    if "-" in quantity.surface:
        return True
    return any(start <= quantity.start and quantity.end <= end for start, end in spans)


def is_claim(text: str, quantity: Quantity, time_spans: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether a quantity found in `text` states how much or how many of something; `time_spans` are the
    offsets of the time expressions found in it."""
    if quantity.unit in duration_units() and _in_time_expression(quantity, time_spans):
        return False
    if any(start <= quantity.start and quantity.end <= end for start, end in time_spans):
        return False  # "the first half of 2019": the half is the time expression's
    words = (
        quantity.unit == "count" and not quantity.scaled and not any(c.isdigit() for c in quantity.surface)
    )
    return not (words and _POINTS_BACK.search(text, max(0, quantity.start - 8), quantity.start))


def claims_only(
    text: str, quantities: Sequence[Quantity], time_spans: Sequence[tuple[int, int]] = ()
) -> list[Quantity]:
    return [quantity for quantity in quantities if is_claim(text, quantity, time_spans)]
