"""Which time expression governs which figure of a sentence: a list of small rules applied in order, each
adding to what the ones before decided and never undoing it.

A time expression governs the quantity it directly follows ("$30 billion in 2014"), and is shared
leftwards with quantities coordinated with that one ("rose 7% to $2.3 billion in 2018"), but never across
"from", which introduces an earlier figure with its own date. A time expression the figure is compared
with is not its period ("up 6% from 2018"); a change apposed to a dated figure shares its period
("2.1 trillion yen in fiscal 2018, up 4%"); "11 times since" runs from the time named before it to
publication. An unclaimed time expression earlier in the clause frames the quantities after it ("In 2019,
I paid $35,538"), a dateline excepted.
"""

from __future__ import annotations

import re
from itertools import pairwise

from metrics import lazy_re
from metrics.calendar import MONTH_PATTERN
from metrics.link import keywords as cue
from metrics.link.complements import complement_end
from metrics.link.document import LinkDocument
from metrics.link.expectations import share_expected_period
from metrics.link.governing import (
    BASE_LOOKBACK,
    MAX_ATTACH_GAP,
    Governing,
    GovernRule,
    changes,
    compared_time,
    is_base,
)
from metrics.link.opening_frame import frame_from_opening
from metrics.link.parallel_clauses import share_parallel_clause
from metrics.link.year_shift import same_period_in, year_earlier
from metrics.records import Period, Quantity, TimeMention


def attach_following(g: Governing) -> None:
    """A time expression governs the figure it closely follows, across filler words only."""
    text = g.doc.text
    for mention in g.times:
        before = [q for q in g.quantities if q.noun_end <= mention.start]
        if not before:
            continue
        nearest = before[-1]
        gap = text[nearest.noun_end : mention.start]
        complement = cue.MEASURED.match(gap) if nearest.unit != "count" else None
        if nearest.unit == "%":
            complement = cue.SHARE_OF.match(gap) or complement
        skip = complement.end() if complement else 0
        if nearest.unit in ("%", "number") and not skip:
            skip = cue.against_currency(gap)
        if not skip:  # "rose 0.3% month-on-month in October", "grew 8.7% in dollar terms in September"
            while (passed := cue.YEAR_ON_YEAR.match(gap, skip) or cue.QUALIFYING.match(gap, skip)) and (
                passed.end() > skip
            ):
                skip = passed.end()
        if cue.is_comparison_base(gap, mention.surface):
            continue
        near = len(gap) <= MAX_ATTACH_GAP or (skip > 0 and len(gap) - skip <= MAX_ATTACH_GAP)
        filler = g.doc.is_filler(gap[skip:], nearest.noun_end + skip)
        if not filler and skip == 0:  # "spend $5 million on roads in 2024": past its complement
            skip = complement_end(g.doc, gap, nearest.noun_end) or 0
            filler = skip > 0
            near = filler and len(gap) - skip <= MAX_ATTACH_GAP
        if near and filler and nearest.start not in g.attached:
            nearest = _new_level(g, before, mention)
            g.attached[nearest.start] = mention
            g.used.add(mention.start)


def _new_level(g: Governing, before: list[Quantity], mention: TimeMention) -> Quantity:
    """The figure a time governs when it follows a base: "cut its rate to 10.5 pct from 11 pct, effective
    tomorrow" dates the rate it goes to; any other time after a base is the base's ("from 4 pct in May")."""
    nearest = before[-1]
    if len(before) < 2 or not cue.takes_effect(g.doc.text, mention.start):
        return nearest
    if not is_base(g, nearest, before[:-1]) or before[-2].start in g.attached:
        return nearest
    return before[-2]


def share_apposed_change(g: Governing) -> None:
    """'$2.1 billion in 2018, up 4%': the change is over the same period as the figure it follows;
    '94,000 jobless in February, representing 2.2 pct of the workforce': so is a restatement."""
    text = g.doc.text
    for index, (left, right) in enumerate(pairwise(g.quantities)):
        dated = g.attached.get(left.start)
        if right.start in g.attached or dated is None:
            continue
        after = max(left.noun_end, dated.end) if dated.start >= left.noun_end else left.noun_end
        if right.change is not None:
            apposed = cue.APPOSED_CHANGE
        elif is_base(g, left, g.quantities[:index]):
            continue  # "from 147.5 mln dlrs a year ago, or one pct on a comparable basis": no restatement
        else:
            apposed = cue.RESTATED
        if apposed.fullmatch(text, after, right.start):
            g.attached[right.start] = dated


COMPARED_BEFORE = 40
"""Characters before a figure searched for the words that make it the base of a comparison ("from a
restated")."""


def share_verbless_continuation(g: Governing) -> None:
    """'averaged 83 pct over 1979-81, with Canada at 68 pct and Japan at 48 pct': the parties' figures
    of a verbless continuation hold over the period of the dated figure before them."""
    text = g.doc.text
    for left, right in pairwise(g.quantities):
        dated = g.attached.get(left.start)
        if right.start in g.attached or dated is None:
            continue
        if cue.COMPARED.search(text, max(0, left.start - COMPARED_BEFORE), left.start):
            continue  # "from 741 mln a year earlier, with same-store sales up 2 pct": not the base's time
        after = max(left.noun_end, dated.end) if dated.start >= left.noun_end else left.noun_end
        if after <= right.start and cue.VERBLESS_CONTINUATION.fullmatch(text, after, right.start):
            g.attached[right.start] = dated


def share_coordinated(g: Governing) -> None:
    """A governed figure's time goes leftwards to the figures coordinated with it ('rose 7% to $2.3 bn in
    2018', past the base of the change: 'rose 7% from a year earlier to $2.3 bn in 2018')."""
    quantities = g.quantities
    for i in range(len(quantities) - 1, 0, -1):
        right, left = quantities[i], quantities[i - 1]
        text = g.doc.text
        base = cue.YEAR_ON_YEAR.match(text, left.noun_end)  # "rose 63% year on year to 43.9 billion yuan"
        after = base.end() if base else left.noun_end
        coordinated = cue.COORDINATED.fullmatch(text, after, right.start)
        if right.start in g.attached and left.start not in g.attached and coordinated:
            g.attached[left.start] = g.attached[right.start]


_TO_LEVEL = lazy_re.compile(
    r"(?:[ \t]*+,?[ \t]*+(?:from|on|over|against|versus|compared[ \t]++with)[ \t]++(?:[\w-]++[ \t]++){0,3}?"
    rf"(?:earlier|ago|before|year|month|quarter|period|levels?|\d{{4}}|{MONTH_PATTERN})\b)?"
    r"[ \t]*+,?[ \t]*+(?:to|at)[ \t]++(?:(?:a|an|the)[ \t]++)?(?:[a-z-]++[ \t]++){0,3}"
)
"""'in February to a seasonally adjusted 22.3 billion': from the time of a change to the level it reached,
past the base the change is measured from ('in March from a year earlier to $7.3 billion')."""


_MATURITY = lazy_re.compile(r"\b(?:due|matur\w*|expir\w*)[ \t]+$", re.IGNORECASE)
"""'the bond due 2011 fell 1/2 to 97-1/4': a maturity is no period of the price ("payments due in 1988"
are of 1988)."""


def _is_maturity(g: Governing, mention: TimeMention) -> bool:
    return bool(_MATURITY.search(g.doc.text, max(0, mention.start - 12), mention.start))


def share_level_after_change(g: Governing) -> None:
    """'Reserves rose by 210 mln dlrs in March to 18.4 billion dlrs': the level a change reached holds
    for the period the change is dated by, when only "to"/"at" and a few words stand between that time
    and the level."""
    text = g.doc.text
    for left, right in pairwise(g.quantities):
        dated = g.attached.get(left.start)
        if right.start in g.attached or dated is None or dated.start < left.noun_end:
            continue
        reaches = dated.end <= right.start and _TO_LEVEL.fullmatch(text, dated.end, right.start)
        if reaches and not _is_maturity(g, dated):
            g.attached[right.start] = dated


SAME_PERIOD_GRAINS = ("year", "quarter", "month", "span")


def same_period(g: Governing) -> None:
    """'5 mln in the first quarter, against 4 mln in the same period last year': the period named before
    in the sentence, a year earlier (or in the year given: 'the same period of 1985')."""
    text = g.doc.text
    for quantity in g.quantities:
        if quantity.start in g.attached:
            continue
        match = cue.SAME_PERIOD.match(text, quantity.noun_end)
        if match is None:
            continue
        earlier = [
            m
            for m in g.times
            if m.end <= quantity.start
            and m.period.grain in SAME_PERIOD_GRAINS
            and m.period.start is not None
            and m.period.end is not None
        ]
        if not earlier:
            continue
        context = earlier[-1].period
        year = match.group("year_in") or match.group("year_of")
        period = same_period_in(context, int(year)) if year else year_earlier(context)
        if _change_from_base(g, quantity, match.group()):
            period = context  # "up 8 pct from the year-earlier month": the change ends in the later one
        found = match.group()
        start = match.start() + found.lower().rindex(" the") + 1
        surface = text[start : match.end()]
        g.attached[quantity.start] = TimeMention(start, match.end(), surface, period, "in")
        g.used.update(m.start for m in g.times if start <= m.start < match.end())


def _change_from_base(g: Governing, quantity: Quantity, found: str) -> bool:
    """Whether a change is compared with the same period earlier ("rose 8 pct from the year-earlier month",
    "an increase of 5 pct over the same period of 1986"): the period it holds for is the later one."""
    return bool(cue.BASE_PREPOSITION.match(found)) and changes(g, quantity)


def since_earlier(g: Governing) -> None:
    """'met in July 2018 ... have talked 11 times since': from that time to publication."""
    for quantity in g.quantities:
        earlier = [m for m in g.times if m.end <= quantity.start and m.period.start is not None]
        if (
            quantity.start in g.attached
            or not earlier
            or not cue.SINCE_AFTER.match(g.doc.text, quantity.noun_end)
        ):
            continue
        anchor = earlier[-1]
        period = Period(anchor.period.start, g.doc.published, "span")
        g.attached[quantity.start] = TimeMention(anchor.start, anchor.end, anchor.surface, period, "since")


_WHEN_AFTER = lazy_re.compile(r"[ \t]*+,?[ \t]*+(?:when|during[ \t]+which|in[ \t]+which)\b", re.IGNORECASE)
"""'up 2.1 pct from January, when they fell 0.7 pct': a clause about the time compared with, which
it dates."""


_OWN_BASE = lazy_re.compile(
    r"(?:'s)?,?(?:[ \t]+(?!(?:to|and|but|while|with|were|was|is|are|had|has)\b)[A-Za-z-]+)*[ \t]*",
    re.IGNORECASE,
)
"""'against 1986/87's 2.87 mln', 'from the December, 1986 level of 56 billion': the time compared with is
the base figure's own."""


def _dates_what_follows(g: Governing, mention: TimeMention, quantity: Quantity) -> bool:
    """Whether a time a change is compared with still dates a figure after it: the base figure itself
    or a clause about that time ("from January, when they fell 0.7 pct"), not a figure of a clause
    coordinated with the change ("from December, and were up 3.1% from a year earlier")."""
    text = g.doc.text
    return bool(
        _WHEN_AFTER.match(text, mention.end) or _OWN_BASE.fullmatch(text, mention.end, quantity.start)
    )


def share_with_compared_change(g: Governing) -> None:
    """'Prices rose 0.4% in January, and were up 3.1% from a year earlier': a change whose only time is
    the one it is compared with holds for the period of the first dated change of the same unit before
    it (the main clause's: "fell 0.3 pct last month after rising 0.4 pct in January and were down 0.8
    pct from a year ago" is last month's)."""
    text = g.doc.text
    for i, quantity in enumerate(g.quantities):
        if quantity.start in g.attached or not changes(g, quantity):
            continue
        after = [m for m in g.times if m.start >= quantity.noun_end]
        if not after or after[0].start - quantity.noun_end > MAX_ATTACH_GAP:
            continue
        if not cue.is_comparison_base(text[quantity.noun_end : after[0].start], after[0].surface):
            continue
        prior = [
            q for q in g.quantities[:i] if q.start in g.attached and q.unit == quantity.unit and changes(g, q)
        ]
        if prior and not compared_time(g, g.attached[prior[0].start]):
            g.attached[quantity.start] = g.attached[prior[0].start]  # the main clause's, first


def frame_from_earlier(g: Governing) -> None:
    """An unclaimed time expression earlier in the clause frames what follows it ("In 2019, I paid
    $35,538", "output last year was 3.4 mln tonnes"); a dateline's date never reaches here (extract.py)."""
    for quantity in g.quantities:
        if quantity.start in g.attached:
            continue
        frame = None
        for mention in g.times:
            no_break = g.doc.clause_start(mention.end, quantity.start) == mention.end
            if mention.end <= quantity.start and mention.start not in g.used and no_break:
                if compared_time(g, mention) and not _dates_what_follows(g, mention, quantity):
                    continue
                frame = mention
        if frame is not None and _is_maturity(g, frame):
            frame = None  # "the 7 pct note due 2004 slipped to 99-1/2": the note's maturity
        if frame is not None and not _compared_after(g, frame, quantity):
            g.attached[quantity.start] = frame
            g.framed.add(quantity.start)


def _compared_after(g: Governing, frame: TimeMention, quantity: Quantity) -> bool:
    """'a record 1986 profit of 4.5 mln dlrs, up from 3 mln dlrs': the figure right after "from",
    "against", "compared with" is the earlier figure a change is measured from, which the time framing
    the clause does not date (it never crosses "from"). Only after a figure of the same unit: "officials
    from 13 banks" compares nothing."""
    start = max(frame.end, quantity.start - BASE_LOOKBACK)
    if start >= quantity.start or not cue.FROM_BETWEEN.search(g.doc.text, start, quantity.start):
        return False
    return any(q.end <= quantity.start and q.unit == quantity.unit for q in g.quantities)


GOVERN_RULES: tuple[GovernRule, ...] = (
    attach_following,
    share_apposed_change,
    share_coordinated,
    share_level_after_change,
    share_verbless_continuation,
    same_period,
    since_earlier,
    share_with_compared_change,
    share_expected_period,
    frame_from_earlier,
    frame_from_opening,
    share_parallel_clause,
)
"""Applied in this order: direct attachment first, then what may be shared from it, then framing, then
what a parallel clause shares of all that."""


def govern(
    doc: LinkDocument,
    quantities: list[Quantity],
    times: list[TimeMention],
    rules: tuple[GovernRule, ...] = GOVERN_RULES,
) -> Governing:
    """Which time expression governs which quantity of one sentence (`attached`, keyed by quantity
    start), and which of them only frame the quantity (`framed`)."""
    g = Governing(doc, quantities, times)
    for rule in rules:
        rule(g)
    return g
