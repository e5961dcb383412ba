"""Provinces and states as actors: a sub-national government that issues debt or reports figures owns
them ("the Quebec government's auction of 50 mln dlrs of bills" is Quebec's, not Canada's). A region is
an actor only where the article names it as a government (roles.toml [regions]); everywhere else in that
article it is a place, and so no actor, as it is in every article that never names it so."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cache

from metrics.lexicon import alternation
from metrics.link.role_words import role_words
from metrics.records import EntityMention

PLACE = "place"
"""The kind of a region's mention where it is no actor."""


@cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = role_words()["regions"]
    after = re.compile(
        rf"(?:'s|’s)?\s+(?:(?:{alternation(words['qualifiers'])})\s+)?"
        rf"(?:{alternation(words['governments'])})(?!\w)"
        rf"|\s+(?:{alternation(words['verbs'])})(?!\w)",
        re.IGNORECASE,
    )
    before = re.compile(rf"(?<!\w)(?:{alternation(words['before'])})\s+(?:the\s+)?$", re.IGNORECASE)
    # "in Ontario and Valmont": the list's later items too; "Ste. Lucie, Valmont": a town's region
    place = re.compile(
        rf"(?:(?<!\w)(?:{alternation(words['places'])})\s+(?:the\s+)?"
        r"(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}(?:,\s*|\s+and\s+|\s+or\s+))?"
        r"|(?<![\w.])[A-Z][\w.'-]+,\s+)$"
    )
    return after, before, place


def _governs(text: str, mention: EntityMention) -> bool:
    after, before, _place = _forms()
    opening = before.search(text, max(0, mention.start - 30), mention.start)
    return bool(after.match(text, mention.end) or opening)


def governing(text: str, mentions: Sequence[EntityMention]) -> frozenset[str]:
    """The regions the article names as a government somewhere."""
    return frozenset(m.name for m in mentions if m.kind == "region" and _governs(text, m))


def as_actors(
    text: str, mentions: Sequence[EntityMention], governments: frozenset[str]
) -> list[EntityMention]:
    """The mentions with every region that is no government in the article made a place, and so is each
    mention of a governing one after a word of place ("4,000 jobs in Valmont") unless it governs there."""
    place = _forms()[2]
    out = []
    for m in mentions:
        if m.kind == "region" and (
            m.name not in governments
            or (place.search(text, max(0, m.start - 40), m.start) and not _governs(text, m))
        ):
            m = dataclasses.replace(m, kind=PLACE)
        out.append(m)
    return out
