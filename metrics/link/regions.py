"""Provinces and states as actors: a sub-national government that issues debt or reports figures owns
them ("the Ontario government's sale of 300 mln dlrs of notes" is Ontario's, not Canada's). A region is
an actor only where the article names it as a government (roles.toml [regions]); everywhere else in that
article it is a place, and so no actor, as it is in every article that never names it so."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cache

from metrics.lexicon import _csv, alternation
from metrics.link.role_words import role_words
from metrics.records import EntityMention

PLACE = "place"
"""The kind of a region's mention where it is no actor."""


@cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = role_words()["regions"]
    governments = re.compile(
        rf"(?<!\s)(?:'s|’s)?\s+(?:(?:{alternation(words['qualifiers'])})\s+)?"
        rf"(?:{alternation(words['governments'])})(?!\w)",
        re.IGNORECASE,
    )
    verbs = re.compile(rf"(?<!\s)(?:(?:'s|’s)(?!\w)|\s+(?:{alternation(words['verbs'])})(?!\w))")
    before = re.compile(rf"(?<!\w)(?:{alternation(words['before'])})\s+(?:the\s+)?$", re.IGNORECASE)
    # "in Ontario and Valmont": the list's later items too; "Ste. Lucie, Valmont": a town's region;
    # "Bank of Valmont": part of a longer name
    place = re.compile(
        rf"(?:(?<!\w)(?:{alternation(words['places'])})\s+(?:the\s+)?"
        r"(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}(?:,\s*|\s+and\s+|\s+or\s+)){0,4}"
        r"|(?<![\w.])[A-Z][\w.'-]+,\s+)$"
    )
    return governments, verbs, before, place


def _governs(text: str, mention: EntityMention) -> bool:
    """ "the Valmont government", "the province of Valmont": the region named as a government."""
    governments, _verbs, before, _place = _forms()
    opening = before.search(text, max(0, mention.start - 30), mention.start)
    return bool(governments.match(text, mention.end) or opening)


def _acts(text: str, mention: EntityMention) -> bool:
    """ "Valmont will raise taxes", "Valmont's deficit": the region as the subject or owner, not after a
    word of place ("the Bank of Valmont said" is the bank's) nor before a noun ("Valmont law")."""
    _governments, verbs, _before, place = _forms()
    return bool(verbs.match(text, mention.end)) and not place.search(
        text, max(0, mention.start - 40), mention.start
    )


def governing(text: str, mentions: Sequence[EntityMention]) -> frozenset[str]:
    """The regions the article names as a government, or as acting, somewhere."""
    return frozenset(
        m.name
        for m in mentions
        if m.kind == "region"
        and (_governs(text, m) or (_acts(text, m) and not text.startswith(("'", "’"), m.end)))
    )


def as_actors(
    text: str, mentions: Sequence[EntityMention], governments: frozenset[str], headline: bool = False
) -> list[EntityMention]:
    """The mentions with every region made a place unless it governs or acts there in an article where it
    is a government ("4,000 jobs in Valmont", "Valmont barriers to banking" are where and what); in a
    headline (`headline`), whose words are too few to tell, a governing region is an actor."""
    out = []
    for m in mentions:
        if m.kind == "region":
            here = headline or _governs(text, m) or (_acts(text, m) and not _named_on(text, m))
            if not (m.name in governments and here):
                m = dataclasses.replace(m, kind=PLACE)
        elif m.kind == "company" and m.surface in _region_names() and _after_place(text, m):
            m = dataclasses.replace(m, kind=PLACE)  # "plants in Utah" is no Utah Mining Corp's short form
        out.append(m)
    return out


def _after_place(text: str, mention: EntityMention) -> bool:
    """After a word of place: "in Utah, Ohio and Texas"."""
    return bool(_forms()[3].search(text, max(0, mention.start - 80), mention.start))


def _named_on(text: str, mention: EntityMention) -> bool:
    """The start of a longer name ("Texas Tools Inc said"), the region's own name only in part."""
    return bool(re.match(r"[ \t]+[A-Z]", text[mention.end : mention.end + 3]))


@cache
def _region_names() -> frozenset[str]:
    return frozenset(
        alias for row in _csv("regions.csv") for alias in (row["name"], *row["aliases"].split("|")) if alias
    )
