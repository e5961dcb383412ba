"""The metric noun an amount of money is 'in' or 'of': "took on 12 mln dlrs in debt", "75 mln dlrs of
debt securities", "140 mln dlrs of convertible subordinated capital notes" (the compound's last noun)."""

from __future__ import annotations

from metrics import lazy_re
from metrics.lexicon import lexicon
from metrics.link.heads import is_money, modifier_only
from metrics.link.keywords import Hit, Located
from metrics.records import Quantity

_COMPLEMENT = lazy_re.compile(
    r"[ \t]++(?:in|of|worth[ \t]+of|(?:[a-z]+ly[ \t]+)?available[ \t]+for)[ \t]+(?:(?:the|its|their)[ \t]+)?"
)
"""'12 mln dlrs in debt', '75 mln dlrs of debt securities', '50 mln dlrs worth of bills', '2 mln dlrs
left for share buybacks': an amount of money whose complement names what the money is."""


def complement_head(text: str, hits: Located[Hit], quantity: Quantity, end: int) -> Hit | None:
    """The metric noun an amount of money is 'in' or 'of' ('took on 12 mln dlrs in debt', '140 mln dlrs
    of convertible subordinated debentures'): up to three modifiers may stand before it."""
    if not is_money(quantity.unit) or " per " in quantity.unit:
        return None
    gap = _COMPLEMENT.match(text, quantity.noun_end, end)
    if gap is None:
        return None
    many = "of" in gap.group().split()  # "in moderately active trade" is no amount of trade
    found = hits.within(gap.end(), min(end, gap.end() + 48))
    for i, hit in enumerate(found):
        if modifier_only(text, gap.end(), hit.start) or (many and _modifiers(text, gap.end(), hit.start)):
            while i + 1 < len(found) and _compound(text, found[i], found[i + 1]):
                i += 1  # "capital notes": the last noun of a compound heads it
            return found[i]
    return None


def _compound(text: str, first: Hit, second: Hit) -> bool:
    """Whether two metric words make one noun ("capital notes"), not a noun and its verb ("bills yielded")."""
    return not text[first.end : second.start].strip() and not text[second.start : second.end].endswith(
        ("ed", "ing")
    )


_MODIFIERS = lazy_re.compile(r"(?<![a-z-])(?:[a-z][a-z-]*[ \t]+){2,3}")


def _modifiers(text: str, start: int, end: int) -> bool:
    """'convertible subordinated ', 'convertible exchangeable preferred ': lower-case modifiers only."""
    found = _MODIFIERS.fullmatch(text, start, end)
    return found is not None and not set(found.group().split()) & lexicon().noun_stop
