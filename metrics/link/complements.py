"""What money goes on or into, between a figure and the time expression that follows it: "spend $5
million on roads in 2024", "invest 10 mln dlrs into the ski area in the next few years". govern.py
lets such a time govern the figure across its complement."""

from __future__ import annotations

from metrics import lazy_re
from metrics.link.document import LinkDocument

_PREPOSITION = lazy_re.compile(r"[ \t]++(?:on|into)[ \t]++(?:(?:the|a|an|its|their|his|her|new)[ \t]++)?")
_COMPLEMENT_WORD = lazy_re.compile(r"(?<![a-z-])[a-z][a-z-]*+[ \t]++")
"""A word of the complement, matched where the blanks after the word before end (the lookbehind keeps a
search over a long run of letters linear: 1.7 s on 50,000 without it)."""
COMPLEMENT_WORDS = 3
"""Words of a prepositional complement a time expression may follow its figure across."""
_NOT_COMPLEMENT = frozenset(
    {"same", "comparable", "corresponding", "similar", "period", "week", "month", "quarter", "year", "day",
     "season", "half", "time", "close", "end", "trading", "delivery", "shipment", "sale", "payment", "level",
     "levels", "either", "both", "about", "around", "before", "after", "until", "through",
     "made", "of", "at", "from", "to", "by", "with", "than"}
)  # fmt: skip
"""Words that make a phrase a time, a base or a market's session ("on the same day", "on its level a year
before", "on or before March 31"), or tie the time to something else ("on liftings made during
February"), not the thing a figure is spent on."""


def complement_end(doc: LinkDocument, gap: str, offset: int) -> int | None:
    """Where a prepositional complement of the figure ("spend $5 million on roads in 2024", "invest 10 mln
    dlrs into the ski area in the next few years") ends in the gap before a time expression, when only
    filler words follow it: "on" or "into" and at most three lower-case words, none of _NOT_COMPLEMENT
    and no participle ("on debt maturing in 1989"); None when it is not one."""
    head = _PREPOSITION.match(gap)
    if head is None:
        return None
    at = head.end()
    for _ in range(COMPLEMENT_WORDS):
        word = _COMPLEMENT_WORD.match(gap, at)
        if word is None:
            return None
        text = word.group().strip()
        if text in _NOT_COMPLEMENT or text.endswith(("ed", "ing")):
            return None
        at = word.end()
        if doc.is_filler(gap[at:], offset + at):
            return at
    return None
