"""A time expression that opens its sentence, set off by a comma, frames the whole sentence: "In
February, exports rose 3 pct while imports fell 2 pct" dates both figures, across the "while" that ends
the first clause (frame_from_earlier frames within a clause only); a rule of govern.py's GOVERN_RULES."""

from __future__ import annotations

import re

from metrics import lazy_re
from metrics.link.governing import Governing, compared_time, is_base
from metrics.records import Quantity, TimeMention

_LEAD = lazy_re.compile(
    r"(?:(?:in|during|for|over|throughout|through|since|by|at|on)[ \t]++(?:the[ \t]++)?"
    r"(?:(?:its|their|(?:[\w.&-]++[ \t]++){0,2}?[\w.&-]+['’]s)[ \t]++)?)?",
    re.IGNORECASE,
)
"""What may stand between the sentence's start and its opening time: nothing, "In", "During the", a
genitive ("In the federation's February survey,", "In its January report,")."""
_TAIL = lazy_re.compile(r"(?:[ \t]++[a-z][a-z-]*+){0,2}[ \t]*+,")
"""After the time, up to two lower-case words ("survey", "trade figures") and the comma that ends it."""


def frame_from_opening(g: Governing) -> None:
    """A sentence that opens with its time ("In February,", "Last year,", "During the quarter,") holds
    every figure no time governs for that period, unless the figure is a base another is compared
    with ("... from 2 pct") or a later time of the sentence names its own period before it."""
    if not g.times or not g.quantities:
        return
    first = g.times[0]
    if first.period is None or first.start in g.used or compared_time(g, first):
        return
    text = g.doc.text
    start = max(g.doc.sentences.bounds(first.start)[0], g.doc.opening)
    if start > first.start or not _LEAD.fullmatch(text, start, first.start):
        return
    tail = _TAIL.match(text, first.end)
    if tail is None or any(first.end <= q.start < tail.end() for q in g.quantities):
        return
    for quantity in g.quantities:
        if quantity.start < tail.end() or quantity.start in g.attached:
            continue
        earlier = [q for q in g.quantities if q.end <= quantity.start]
        if is_base(g, quantity, earlier) or _time_between(g, first, quantity):
            continue
        g.attached[quantity.start] = first
        g.framed.add(quantity.start)


def _time_between(g: Governing, first: TimeMention, quantity: Quantity) -> bool:
    """Whether another time of the sentence stands between the opening one and the figure (it frames
    what follows it, if anything does)."""
    return any(first.end <= t.start < quantity.start for t in g.times[1:])
