"""A change is a change with its direction, never a level. The quantity finder reads a verb of change
just before a figure ("rose 5%"); these rule steps read two more ways news writes a change: a noun of
change and "of" ("a rise of 5 pct", "growth of 1.2%"; words.toml [change_nouns]), and a verb gapped in a
coordination ("exports fell 3% and imports 5%": imports fell too; [change_cues])."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from metrics import lazy_re
from metrics.lexicon import _toml
from metrics.link.scope import Figure, Scope

_NOUN_OF = lazy_re.compile(
    r"\b([a-z]+)[ \t]++of[ \t]++(?:(?:about|some|around|nearly|almost|just|only|a|an)[ \t]++)?$",
    re.IGNORECASE,
)
_GAPPED = lazy_re.compile(
    r"(?<![\s,])[\s,]*+(?:and|while|with|but)[ \t]++(?:(?:the|its|their)[ \t]++)?"
    r"((?:[A-Za-z][A-Za-z'-]*[ \t]++){1,3})"
)
_NOT_A_SUBJECT = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "be",
        "to",
        "from",
        "of",
        "at",
        "by",
        "in",
        "on",
        "than",
    }
)
"""Words that show a verb or a preposition of its own between the figures: no gapped verb then."""


def _table(name: str) -> dict[str, str]:
    cues = _toml("words.toml")[name]
    return {**{w.lower(): "up" for w in cues["up"]}, **{w.lower(): "down" for w in cues["down"]}}


@cache
def _directions() -> dict[str, str]:
    """Every word of change (words.toml [change_cues])."""
    return _table("change_cues")


@cache
def _nouns() -> dict[str, str]:
    """Nouns of change that take "of" (words.toml [change_nouns])."""
    return _table("change_nouns")


def change_noun(scope: Scope, figure: Figure) -> None:
    """'a rise of 5 pct', 'growth of 1.2%': a change, up or down as the noun says."""
    quantity = figure.quantity
    if quantity.change is not None:
        return
    text = scope.doc.text
    low = max(scope.start, quantity.start - 40)
    # the pattern needs an "of" before the figure; most figures have none, and finding that costs less
    # than the search ("o" and "f" fold only to "O" and "F", so lower() sees every "of" it would)
    has_of = "of" in text[low : quantity.start].lower()
    match = _NOUN_OF.search(text, low, quantity.start) if has_of else None
    direction = _nouns().get(match.group(1).lower()) if match else None
    if direction:
        figure.quantity = replace(quantity, change=direction)


def gapped_change(scope: Scope, figure: Figure) -> None:
    """'exports fell 3% and imports 5%': the second figure shares the first's verb and so its direction."""
    quantity = figure.quantity
    if quantity.change is not None or scope.last_change is None or figure.index == 0:
        return
    left = scope.quantities[figure.index - 1]
    text = scope.doc.text
    gap = list(text[left.noun_end : quantity.start])
    for mention in scope.times:  # "fell 3% in May and imports 5%": the time is no word of the gap
        for i in range(max(mention.start, left.noun_end), min(mention.end, quantity.start)):
            gap[i - left.noun_end] = " "
    match = _GAPPED.fullmatch("".join(gap))
    if match is None:
        return
    words = [word.lower() for word in match.group(1).split()]
    if any(word in _NOT_A_SUBJECT or word in _directions() for word in words):
        return
    figure.quantity = replace(quantity, change=scope.last_change)
