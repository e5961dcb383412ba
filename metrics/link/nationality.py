"""Whose company a country's genitive names: in "Sweden's Norbanken reported" the country is the
company's nationality and the company the figure's actor (roles.py drops the country then)."""

from __future__ import annotations

from functools import cache

from metrics import lazy_re
from metrics.lexicon import _toml
from metrics.records import EntityMention

DESCRIBES = lazy_re.compile(r"(?:'s|’s)\s+(?:[A-Za-z-]+\s+){0,3}")
"""A genitive and up to three words before another name ("Vexa's US affiliate Corin Labs")."""

_NEXT_WORD = lazy_re.compile(r"(?<![ \t])[>]?[ \t]*+(?:([A-Za-z]+)|[,(<)])")
"""The word after a company's name (empty after a comma or bracket). Matched right after the name; the
lookbehind keeps a search over a long run of blanks linear."""


@cache
def _nationality_verbs() -> frozenset[str]:
    return frozenset(_toml("companies.toml")["nationality"]["verbs"])


@cache
def _generic_names() -> frozenset[str]:
    return frozenset(_toml("companies.toml")["generic_names"]["words"])


def nationality_of(text: str, country: EntityMention, named: EntityMention) -> bool:
    """Whether a country's genitive names the nationality of the company right after it ("Sweden's
    Norbanken reported", "Japan's biggest carmaker Toyota said"): the word after the name is a verb
    (companies.toml [nationality]), not a noun it modifies ("Spain's Davis Cup title") or the rest of a
    longer name ("Canada's National Energy Board"); not an institution named by generic words only
    ("Kuwait's Central Bank": [generic_names])."""
    if not (
        named.kind == "company"
        and not all(word in _generic_names() for word in named.name.replace("-", " ").split())
        and text.startswith(("'s", "’s"), country.end)
        and 0 < named.start - country.end < 40
        and bool(DESCRIBES.fullmatch(text, country.end, named.start))
    ):
        return False
    after = _NEXT_WORD.match(text, named.end)
    if after is None:
        return False
    word = after.group(1)
    return not word or word in _nationality_verbs() or (word.islower() and word.endswith(("ed", "s")))
