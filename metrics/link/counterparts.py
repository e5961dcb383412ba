"""The target of a deal as a figure's counterpart: a company written after a word of buying, paying for
or holding (roles.toml [deals]) is the partner of the figure that deal word governs, whatever the
figure's metric ("paid 40 mln dlrs for Corvan" is a price with a buyer and a target; "It bought 60 pct
of Pellam" has the article's company as the buyer and Pellam as the target)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from metrics import lazy_re
from metrics.lexicon import alternation
from metrics.link.role_words import role_words
from metrics.records import EntityMention, Quantity

IT_START = lazy_re.compile(r"[\"'“]?(?:(?:And|But|Also)\s+)?(?:It|They)\s+(?!said|says|told|added)")
"""A sentence whose subject is "it" or "they" (not a speaker's "He said")."""

_LINKS = r"(?:through|by|with|from|to|at|in|on|for|of|via|and|or|as)"
"""Words that end a holding's phrase: "3 mln shares through lead manager Osbourne" names no held company."""
_REACHES = lazy_re.compile(
    rf"(?<!\s)(?:\s+(?:(?:the|its|their|a|an)\s+)?"
    rf"|(?:\s+[^,;:\"“”()\s]+){{0,12}}?\s+(?:of|for|in|into)\s+(?:(?!{_LINKS}\s)[\w'’.&-]+\s+){{0,3}})"
)
"""From a deal word to its target: right after it, or after "of", "for" or "in" in the same clause, a
dozen words on at most (bounded, so the pattern stays linear wherever it is tried)."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = role_words()["deals"]
    deal = re.compile(rf"(?<!\w)(?:{alternation(words['words'])})(?!\w)", re.IGNORECASE)
    holding = re.compile(
        rf"(?<!\w)(?:{alternation(words['holdings'])})\s+(?:(?!{_LINKS}\s)[a-z-]+\s+){{0,3}}$", re.IGNORECASE
    )
    adjunct = re.compile(
        rf"(?<!\w)(?:{alternation(words['adjuncts'])})\s+(?:(?:the|its|their|a|an)\s+)?(?:[a-z-]+\s+)?$",
        re.IGNORECASE,
    )
    return deal, adjunct, holding


def governs(text: str, start: int, end: int) -> bool:
    """Whether the company at `end` is what a deal word in text[start:end] buys or pays for: the word is
    no time or cause ("after the acquisition of" dates a figure), and it reaches the company directly or
    through "of", "for" or "in" without a clause break ("paid 40 mln dlrs cash for Corvan"); or a word of
    holding ends the text ("a stake in")."""
    deal, adjunct, holding = _patterns()
    if holding.search(text, max(start, end - 60), end):
        return True
    return any(
        _REACHES.fullmatch(text, match.end(), end)
        and not adjunct.search(text, max(start, match.start() - 30), match.start())
        for match in deal.finditer(text, start, end)
    )


def held(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], from a figure to a company, is a word of holding and nothing more ("50
    pct stakes in", "40 pct of the stock of"): the company is the figure's own counterpart."""
    return (
        len(text[start:end]) < 60
        and bool(_patterns()[2].search(text, start, end))
        and not any(c in text[start:end] for c in ",;:()")
    )


def deal_target(
    text: str, subject: EntityMention, quantity: Quantity, actors: Sequence[EntityMention]
) -> EntityMention | None:
    """The first company after the figure that a deal word between the subject and it points to (the
    caller passes a subject that is no partner itself)."""
    if subject.start >= quantity.start:
        return None
    for mention in actors:
        if mention.start < quantity.end or mention.name == subject.name:
            continue
        if mention.kind == "company" and governs(text, subject.end, mention.start):
            return mention
        return None  # only the nearest actor after the figure can be its target
    return None


def pronoun_buyer(text: str, sentence_start: int, mention: EntityMention) -> bool:
    """ "It also acquired 60 pct of Pellam, and offered 31 dlrs a share": the named company after the
    pronoun and a deal word is the target; the pronoun, the article's company, is the buyer."""
    opening = IT_START.match(text, sentence_start)
    return opening is not None and mention.kind == "company" and governs(text, opening.end(), mention.start)
