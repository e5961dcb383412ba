"""A parallel clause shares the period of the dated change before it: "China's exports fell 6.4% in
October, while imports rose 3%" (words.toml [parallel_clauses]); a rule of govern.py's GOVERN_RULES."""

from __future__ import annotations

import re
from functools import cache

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN
from metrics.lexicon import _toml, alternation, last_match
from metrics.link import keywords as cue
from metrics.link.governing import MAX_ATTACH_GAP, Governing, changes, compared_time, is_base

PARALLEL_REACH = 100
"""Characters from a dated figure (or its time, or the bases it is compared with) to the comma or
semicolon that joins the next clause, and from there to that clause's figure, at most."""


@cache
def _parallel() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    table = _toml("words.toml")["parallel_clauses"]
    joint = re.compile(rf"[ \t]*+(?:;|,[ \t]*+(?:{alternation(table['connectors'])})\b)", re.IGNORECASE)
    return joint, frozenset(table["verbs"]), frozenset(table["blockers"])


_FROM_PLACE = lazy_re.compile(rf"\b(?:from|to)[ \t]++(?:the[ \t]++)?(?!(?:{MONTH_PATTERN})\b)[A-Z][\w.'-]*+")
"""'imports from the US', 'exports to China': a partner, not a time the figure is counted from."""


def share_parallel_clause(g: Governing) -> None:
    """'China's exports fell 6.4% in October, while imports rose 3%': a figure of a clause joined to a
    dated one (words.toml [parallel_clauses]) that reports a change done and names no time of its own
    holds for the period of the dated change before it, when that period is over by publication. The
    bases that change was measured from ("rose to $177 bn in 1986 from $150 bn in 1985, while ...")
    are passed over: their time is not the clause's."""
    text, published = g.doc.text, g.doc.published
    joint_pattern, verbs, blockers = _parallel()
    for i, quantity in enumerate(g.quantities):
        if i == 0 or quantity.start in g.attached:
            continue
        before = g.quantities[:i]
        bases = 0
        while bases < len(before) and is_base(g, before[-1 - bases], before[: len(before) - 1 - bases]):
            bases += 1
        if bases == len(before):
            continue
        source = before[-1 - bases]
        dated = g.attached.get(source.start)
        if dated is None or dated.period.end is None or not changes(g, source) or compared_time(g, dated):
            continue
        if published is not None and dated.period.end > published:
            continue  # "will rise 3% next year, while imports grow 2%": no forecast is shared
        after = max(source.noun_end, dated.end)
        joint = last_match(joint_pattern.finditer(text, after, quantity.start))
        if (
            joint is None
            or joint.start() - after > PARALLEL_REACH
            or quantity.start - joint.end() > PARALLEL_REACH
        ):
            continue
        if any(
            joint.end() <= m.start < quantity.start or 0 <= m.start - quantity.noun_end <= MAX_ATTACH_GAP
            for m in g.times
        ):
            continue  # a time of its own, before the figure or just after it
        between = _FROM_PLACE.sub(" ", text[joint.end() : quantity.start])  # "imports from the US rose 5%"
        words = {word.lower() for word in cue.LETTERS.findall(between)}
        if words & verbs and not words & blockers:
            g.attached[quantity.start] = dated
