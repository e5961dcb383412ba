"""What the governing rules (govern.py, parallel_clauses.py) share: the sentence's figures and times
with what the rules have decided so far, and the readings several rules ask of a figure or a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from metrics.link import keywords as cue
from metrics.link.document import LinkDocument
from metrics.records import Quantity, TimeMention

MAX_ATTACH_GAP = 40
"""Characters between a quantity and the time expression that follows it, at most, for the one to govern
the other ("one summit in Helsinki in July 2018")."""


BASE_LOOKBACK = 16
"""Characters before a figure read for the comparison word that makes it a base ("from 3 mln")."""


CHANGE_BEFORE = 30
"""Characters before a figure within which a word of change makes it one ("an increase of 8 pct")."""


@dataclass
class Governing:
    """The figures and time expressions of one sentence, and what the rules have decided so far."""

    doc: LinkDocument
    quantities: list[Quantity]
    times: list[TimeMention]
    attached: dict[int, TimeMention] = field(default_factory=dict)
    """Quantity start -> the time expression that governs it."""
    used: set[int] = field(default_factory=set)
    """Starts of the time expressions a figure directly follows (they frame nothing else)."""
    framed: set[int] = field(default_factory=set)
    """Starts of the quantities whose time only frames them from earlier in the clause."""


GovernRule = Callable[[Governing], None]


def changes(g: Governing, quantity: Quantity) -> bool:
    """Whether a figure is a change: its own direction, or a word of change just before it."""
    if quantity.change is not None:
        return True
    words = cue.LETTERS.findall(g.doc.text, max(0, quantity.start - CHANGE_BEFORE), quantity.start)
    return any(word.lower() in cue.change_words() for word in words)


def compared_time(g: Governing, mention: TimeMention) -> bool:
    """Whether a time is what the figure before it is compared with ("rose 2% in May from April"). A
    time still to come is when something starts ("a 2.7 pct rise from April 1"), not a base."""
    published, end = g.doc.published, mention.period.end
    if published is not None and (end is None or end > published):
        return False
    before = [q for q in g.quantities if q.noun_end <= mention.start]
    if not before:
        return False
    gap = g.doc.text[before[-1].noun_end : mention.start]
    return len(gap) <= MAX_ATTACH_GAP and cue.is_comparison_base(gap, mention.surface)


def is_base(g: Governing, quantity: Quantity, earlier: list[Quantity]) -> bool:
    """Whether a figure may be the base something is compared with ("from 3 mln", "against 19 in
    January", "fell to zero from 300,000 tonnes"): a word of comparison right before it. Whatever it
    is compared with, its time is not the clause's."""
    start = max(earlier[-1].noun_end if earlier else 0, quantity.start - BASE_LOOKBACK)
    return start < quantity.start and bool(cue.FROM_BETWEEN.search(g.doc.text, start, quantity.start))
