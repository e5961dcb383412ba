"""The metric noun that heads the phrase a run of metric words ends: "new orders for manufactured goods"
measures orders, "reserve requirements on domestic liabilities" the reserves, unless the head is generic
and takes its meaning from its complement ("the value of exports": exports; words.toml [generic_heads])."""

from __future__ import annotations

from metrics import lazy_re
from metrics.lexicon import lexicon
from metrics.link.keywords import Hit

_OF_COMPLEMENT = lazy_re.compile(
    r"[ \t]++(of|for|on)[ \t]+(?:(?:the|its|their)[ \t]+)?(?:[a-z-]+[ \t]+){0,2}"
)
"""Between a metric noun and a metric word of its complement: "orders for manufactured goods", "tax on
imports"."""
_AFTER_FIGURE = lazy_re.compile(r"\d\S*(?:[ \t]+\S+){0,3}[ \t]+$")
"""'earned 80 mln dlrs or 2.22 dlrs per share on sales of ...': a metric word written with a figure is
that figure's; an 'on' after it starts another figure's phrase."""


def phrase_head(text: str, hits: list[Hit]) -> Hit:
    """The metric noun that heads the phrase the last hit ends: "new orders for manufactured goods"
    measures orders, "sales of manufactured goods" sales. A generic head (words.toml [generic_heads]:
    "the value of exports") gives way to its complement."""
    generic = lexicon().generic_heads
    i = len(hits) - 1
    while i > 0:
        join = _OF_COMPLEMENT.fullmatch(text, hits[i - 1].end, hits[i].start)
        head = hits[i - 1]
        if join is None or text[head.start : head.end].lower() in generic:
            break
        if join.group(1) == "on" and _AFTER_FIGURE.search(text, max(0, head.start - 30), head.start):
            break
        i -= 1
    return hits[i]
