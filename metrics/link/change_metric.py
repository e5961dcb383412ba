"""What a change measures when its own words name nothing: a currency's rise or fall against another is
of their exchange rate ("the dollar fell 0.5% against the yen"), and a change that leads to a level
measures what the level does ("the euro rose 0.3% to $1.0950", "gold was up 1.5% at $2,650 an ounce":
the exchange rate, gold's price)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from metrics import lazy_re
from metrics.lexicon import OTHER, _toml, alternation, last_match
from metrics.link.keywords import APPOSED_CHANGE_WORDS, Hit, quoted_currencies
from metrics.records import Claim, Quantity

_TO_LEVEL = lazy_re.compile(
    r"[ \t]*+,?[ \t]*+(?:to|at)(?:[ \t]++(?:close|end|finish|settle|stand|trade)[ \t]++at)?[ \t]++"
    r"(?:an?[ \t]++(?:[a-z-]++[ \t]++){0,3}?(?:rate|pace|level)[ \t]++of[ \t]++)?"
)
"""Between a change and the level it leads to: "rose 0.3% to", "was up 2% at", "fell 1% to close at",
"dropped 3.1% to a seasonally adjusted annual rate of"."""


@cache
def _currency_verb() -> re.Pattern[str]:
    """What stands between a currency and its change ("the yen weakened", "sterling was down")."""
    verbs = alternation([*_toml("words.toml")["parallel_clauses"]["verbs"], "weakened", "strengthened"])
    return re.compile(
        rf"[ \t]++(?:[a-z]+ly[ \t]++)?(?:(?:{verbs})|(?:was|were|is)[ \t]++(?:up|down))"
        r"[ \t]++(?:by[ \t]++)?(?:(?:about|some|nearly|almost|around)[ \t]++)?",
        re.IGNORECASE,
    )


def currency_change(text: str, clause_start: int, quantity: Quantity) -> bool:
    """Whether a change is of a currency named as its subject right before it ("the dollar fell 0.5%")."""
    if quantity.change is None:
        return False
    named = last_match(quoted_currencies()[0].finditer(text, clause_start, quantity.start))
    return named is not None and _currency_verb().fullmatch(text, named.end(), quantity.start) is not None


def item_change(text: str, clause_start: int, quantity: Quantity, items: Sequence[Hit]) -> str | None:
    """The commodity a change is of, named as its subject right before it ("copper gained 1.5%", "Brent
    crude fell 2%"): the change is of its price. `items`: the item words of its clause before the figure."""
    if quantity.change is None or not items:
        return None
    last = items[-1]
    if last.start < clause_start or _currency_verb().fullmatch(text, last.end, quantity.start) is None:
        return None
    return last.name


_APPOSED = lazy_re.compile(
    r"(?:(?<![ \t])[ \t]++(?:in|during|for|on|over|last|this|a|an|per|each)\b[^,;.\d]{0,40}?)?"
    r"(?<!\s)[ \t]*+,[ \t]*+"
    rf"{APPOSED_CHANGE_WORDS}[ \t]++",
    re.IGNORECASE,
)
"""Between a figure (and its time) and the change apposed to it: "883 stg per tonne on Monday, up seven
stg". The blanks before the time are taken only where they begin: a search over a long run of blanks
then tries them once, not from every blank to the run's end (2.2 s on 50,000 blanks before)."""


def apposed(text: str, figure: Quantity, change: Quantity) -> bool:
    """Whether a change is apposed to the figure before it, so measures what it does when its own words
    name nothing ("7,020 lots, up four pct"; a change that names a metric keeps it: "exports included
    361,285 cars, down 6.3 pct" are exports, of cars, though a count's metric is its noun)."""
    return change.change is not None and _APPOSED.fullmatch(text, figure.noun_end, change.start) is not None


def to_level(text: str, change: Quantity, level: Quantity) -> bool:
    """Whether a change leads straight to the level after it ("rose 0.3% to $1.0950")."""
    return change.change is not None and _TO_LEVEL.fullmatch(text, change.noun_end, level.start) is not None


def measured_as_level(claim: Claim, level: Claim, claim_id: str) -> Claim:
    """A change that names nothing measured, with what its level measures; other claims as they are. Not
    what the level was read as from the change's own words ("Zeta rose two points to 48-3/4": "points" is
    an index word, but a stock's price moves in points too)."""
    if claim.metric != OTHER or level.metric == OTHER:
        return claim
    if level.measure and level.measure.lower() in claim.surface.lower():
        return claim
    return replace(claim, metric=level.metric, measure=level.measure, item=level.item, claim_id=claim_id)
